"""The last line of defence: an error no command handled is one readable line, never a traceback or a secret."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.exc import OperationalError

from monitor import logs
from monitor.cli.base import crash

SECRET = "hooks-SECRET-token-9f8e7d"


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (
            OperationalError("INSERT INTO alerts VALUES (?)", {"url": SECRET}, Exception(f"disk full near {SECRET}")),
            "database error: disk full near ***",
        ),
        (OSError(28, "No space left on device"), "No space left on device"),
        (RuntimeError(f"boom {SECRET}"), "unexpected RuntimeError: boom ***"),
    ],
)
def test_an_unhandled_error_is_one_redacted_line(error: Exception, shown: str, capsys) -> None:
    logs.protect([SECRET])
    logging.getLogger().setLevel(logging.WARNING)
    with pytest.raises(SystemExit) as stop:
        crash(error)
    assert stop.value.code == 1
    printed = capsys.readouterr().err
    assert shown in printed and SECRET not in printed
    assert "Traceback" not in printed and "INSERT INTO" not in printed
