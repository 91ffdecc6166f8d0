"""The schema revisions this storywatch knows, oldest first — importable without SQLAlchemy or alembic.

Opening a store checks the database's revision (alembic's ``alembic_version`` row, read directly) against these;
a test keeps this list equal to the files in storage/migrations/versions.
"""

REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009")


def head_revision() -> str:
    """The newest schema revision this code knows."""
    return REVISIONS[-1]
