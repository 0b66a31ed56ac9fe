"""The Alembic migrations build exactly the models' schema, and run down and up again."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select

from crimeplan.store.appdb import AppDB, upgrade
from crimeplan.store.appdb import models as m
from crimeplan.store.appdb.engine import alembic_config


def test_migrated_schema_matches_the_models(app_db_url: str) -> None:
    db = AppDB(app_db_url)
    with db.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), m.Base.metadata)
    db.dispose()
    assert diff == []


def test_downgrade_to_nothing_and_back(app_db_url: str) -> None:
    command.downgrade(alembic_config(app_db_url), "base")
    db = AppDB(app_db_url)
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    db.dispose()
    upgrade(app_db_url)
    db = AppDB(app_db_url)
    with db.reading() as session:
        assert list(session.scalars(select(m.Role.key).order_by(m.Role.rank))) == [
            "viewer",
            "analyst",
            "admin",
        ]
    db.dispose()
