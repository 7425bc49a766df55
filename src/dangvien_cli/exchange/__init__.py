"""Import and export: readers and writers for CSV, xlsx and JSON, column mapping, and matching people.

The pipeline is read (readers) → map headers and parse cells (columns) → validate and match (importing)
→ write in chunks inside one transaction (store). Nothing here imports typer or rich.
"""
