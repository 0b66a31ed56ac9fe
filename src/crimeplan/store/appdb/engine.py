"""Connect to the application database and migrate it with Alembic, programmatically."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

DEFAULT_URL = "sqlite:///crimeplan-app.sqlite"
MIGRATIONS = Path(__file__).with_name("migrations")


def app_db_url(url: str | None = None) -> str:
    """The URL given, else env `CRIMEPLAN_APP_DB`, else SQLite file `crimeplan-app.sqlite`."""
    return url or os.environ.get("CRIMEPLAN_APP_DB") or DEFAULT_URL


def _sqlite_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    # SQLite ignores ON DELETE CASCADE unless foreign keys are switched on per connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_wal(dbapi_connection: Any, _record: Any) -> None:
    # Write-ahead logging: pages keep reading while the upload worker's intake writes (in
    # the default journal mode a long intake locks readers out until it commits).
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_own_transactions(dbapi_connection: Any, _record: Any) -> None:
    # Python's sqlite3 runs CREATE TABLE outside any transaction, so a migration killed
    # half-way left half a schema (tests/hostile/test_kill.py). SQLAlchemy's documented
    # recipe: the driver stops managing transactions and every begin() emits BEGIN.
    dbapi_connection.isolation_level = None


def _sqlite_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(url: str, **kwargs: Any) -> Engine:
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_own_transactions)
        event.listen(engine, "begin", _sqlite_begin)
        event.listen(engine, "connect", _sqlite_foreign_keys)
        if engine.url.database not in (None, "", ":memory:"):
            event.listen(engine, "connect", _sqlite_wal)
    return engine


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str | None = None, revision: str = "head") -> None:
    """Run the Alembic migrations up to `revision` on the database at `url`."""
    command.upgrade(alembic_config(app_db_url(url)), revision)


class AppDB:
    """An engine and a session factory; `transaction()` is all or nothing."""

    def __init__(self, url: str | None = None) -> None:
        self.url = app_db_url(url)
        self.engine = make_engine(self.url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits at the end, or rolls back entirely on any error."""
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
