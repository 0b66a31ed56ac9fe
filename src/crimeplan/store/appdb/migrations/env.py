"""Alembic environment: the URL comes from the config set by `upgrade(url)` or `-x url=...`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import pool

from crimeplan.store.appdb.engine import make_engine
from crimeplan.store.appdb.models import Base

config = context.config
url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
    "sqlalchemy.url"
)
target_metadata = Base.metadata


def run_offline() -> None:
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    # make_engine: on SQLite, DDL runs inside the migration's transaction (all or nothing).
    assert url is not None, "no database URL: give one with -x url=... or upgrade(url)"
    connectable = make_engine(url, poolclass=pool.NullPool)
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            # One transaction for the whole upgrade, on SQLite too (Alembic's SQLite default is
            # non-transactional DDL, which commits after each revision: a kill between two
            # revisions left a half-built schema).
            transactional_ddl=True,
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
