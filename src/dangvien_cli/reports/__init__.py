"""Reports: SQL in, plain rows out. Nothing here imports typer or rich."""
