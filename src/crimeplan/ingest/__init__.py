"""Ingest: one module per source format (read, validate, load into the store)."""
