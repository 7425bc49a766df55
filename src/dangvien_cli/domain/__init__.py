"""Pure rules, no I/O: names, dates, settings. Nothing here imports typer, rich or SQLAlchemy."""
