"""The web layer: FastAPI routes and templates over the same services as the CLI."""
