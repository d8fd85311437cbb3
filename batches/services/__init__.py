"""Writes: ingest, lifecycle transitions, the slice runner and the item pipeline."""
