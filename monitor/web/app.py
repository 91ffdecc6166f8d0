"""The Flask application behind `storywatch serve`: access, security headers, error pages, the blueprints.

Access: with ``web.token`` set, every route but ``/healthz`` needs it, as the HTTP Basic password (any user
name) or ``Authorization: Bearer …``; anything else is 401. Only GET and HEAD are routed (405 otherwise), so
nothing a browser or a crawler sends can change the database.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import logging
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import Flask, Response, g, render_template, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from monitor.config import Settings
from monitor.errors import NotFound, StoreError
from monitor.models import utcnow
from monitor.read_model import NoSuchStory, NoSuchVersion, ReadError
from storage.store import Store

HERE = Path(__file__).parent
log = logging.getLogger("storywatch.web")
OPEN_ROUTES = {"/healthz"}  # answered without the token: a load balancer's probe has none

# no script at all; styles only from our own stylesheet; nothing may frame the page
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class BadRequest(ReadError):
    """A query parameter that cannot be read (a version that is not a number, an unknown filter value)."""


def create_app(
    settings: Settings, store: Store, *, clock: Callable[[], datetime] = utcnow, ops_only: bool = False
) -> Flask:
    """The web view over ``store``; ``clock`` decides what "the last 24 hours" and "stale" mean.
    ``ops_only``: just ``/healthz`` and ``/metrics`` (``run --metrics``, for installs without the web view)."""
    from monitor.web import api, health, pages

    app = Flask("monitor.web", template_folder=str(HERE / "templates"), static_folder=str(HERE / "static"))
    app.config.update(STORYWATCH_SETTINGS=settings, STORYWATCH_STORE=store, STORYWATCH_CLOCK=clock)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["xmlsafe"] = xml_safe
    for blueprint in (health.blueprint,) if ops_only else (pages.blueprint, api.blueprint, health.blueprint):
        app.register_blueprint(blueprint)
    app.before_request(_check_access)
    app.after_request(_secure)
    app.register_error_handler(ReadError, _read_error)
    app.register_error_handler(StoreError, _store_error)
    app.register_error_handler(NotFound, lambda exc: _error(404, "Not found", str(exc)))
    app.register_error_handler(HTTPException, _http_error)
    return app


def settings() -> Settings:
    from flask import current_app

    return current_app.config["STORYWATCH_SETTINGS"]


def store() -> Store:
    from flask import current_app

    return current_app.config["STORYWATCH_STORE"]


def now() -> datetime:
    from flask import current_app

    return current_app.config["STORYWATCH_CLOCK"]()


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def xml_safe(text: object) -> str:
    """Text without the control characters XML 1.0 cannot carry (a feed's title may hold an ESC)."""
    return _NOT_XML.sub("", str(text))


# -- access ----------------------------------------------------------------------------------------------
def _check_access() -> Response | None:
    token = settings().web.token
    if not token or request.path in OPEN_ROUTES:
        return None
    if _presented(request.headers.get("Authorization", ""), token):
        return None
    wants_json = request.path.startswith("/api/") or request.path == "/metrics"
    body = (
        {"error": "unauthorized: this storywatch needs its web token (HTTP Basic password or Bearer)"}
        if wants_json
        else render_template("error.html", status=401, title="Sign in needed", message=_UNAUTHORIZED)
    )
    response = app_response(body, 401)
    response.headers["WWW-Authenticate"] = 'Basic realm="storywatch", charset="UTF-8"'
    return response


_UNAUTHORIZED = "This storywatch is protected: give its web token as the password (any user name will do)."


def _presented(header: str, token: str) -> bool:
    """Whether the Authorization header carries ``token`` (compared in constant time)."""
    scheme, _, value = header.partition(" ")
    value = value.strip()
    if scheme.lower() == "bearer":
        return hmac.compare_digest(value.encode(), token.encode())
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(value, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return False
        return hmac.compare_digest(decoded.partition(":")[2].encode(), token.encode())
    return False


def app_response(body: Any, status: int) -> Response:
    from flask import jsonify

    if isinstance(body, str):
        return Response(body, status=status, mimetype="text/html")
    response = jsonify(body)
    response.status_code = status
    return response


# -- headers and errors ------------------------------------------------------------------------------------
def _secure(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.path.startswith("/static/") and response.status_code == 200:  # replaces send_file's no-cache
        response.headers["Cache-Control"] = ("private" if settings().web.token else "public") + ", max-age=3600"
    else:
        response.headers.setdefault("Cache-Control", "no-store" if settings().web.token else "no-cache")
    return response


def _read_error(exc: ReadError) -> Response:
    status = 404 if isinstance(exc, NoSuchStory | NoSuchVersion) else 400
    title = "Not found" if status == 404 else "Bad request"
    return _error(status, title, str(exc))


def _store_error(exc: StoreError) -> Response:
    """The database did not answer: 503 with the reason (one line, never SQL or its parameters)."""
    log.warning("%s %s: %s", request.method, request.path, exc)
    return _error(503, "Database unavailable", f"{exc}. Try again in a moment.")


def _http_error(exc: HTTPException) -> Response:
    messages = {
        404: "There is no such page here. The recent changes list links every story and diff.",
        405: "This web view only shows things: it accepts GET requests and changes nothing.",
    }
    status = exc.code or 500
    response = _error(status, exc.name, messages.get(status, exc.description or exc.name))
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:  # a 405 must say what is allowed
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response


def _error(status: int, title: str, message: str) -> Response:
    from flask import current_app

    pageless = "pages" not in current_app.blueprints  # `run --metrics`: no page to link back to
    if pageless or request.path.startswith("/api/") or request.path in ("/metrics", "/healthz"):
        return app_response({"error": message}, status)
    g.setdefault("title", title)
    return app_response(render_template("error.html", status=status, title=title, message=message), status)
