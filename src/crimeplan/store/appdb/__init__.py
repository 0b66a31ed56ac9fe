"""The application database: SQLAlchemy 2 models and Alembic migrations.

`AppDB(url)` connects (SQLite by default, PostgreSQL by `postgresql+psycopg://...` URL) and
`upgrade(url)` brings the schema to the latest migration.
"""

from crimeplan.store.appdb.engine import DEFAULT_URL, AppDB, app_db_url, upgrade

__all__ = ["DEFAULT_URL", "AppDB", "app_db_url", "upgrade"]
