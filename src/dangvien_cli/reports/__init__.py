"""Reports: SQL in, a view out (:mod:`dangvien_cli.render.model`). Nothing here imports typer or rich."""
