"""storywatch's alembic migrations, run programmatically by :mod:`storage.migrate`."""
