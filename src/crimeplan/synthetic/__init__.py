"""Synthetic data with known answers, for the demo and for tests."""
