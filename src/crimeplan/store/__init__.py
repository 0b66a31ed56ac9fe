"""The analytical store (DuckDB) and, in `appdb`, the application database (SQLAlchemy)."""

from crimeplan.store.analytic import Store, default_db_path

__all__ = ["Store", "default_db_path"]
