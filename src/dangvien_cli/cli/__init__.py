"""The command line: Typer apps, one module per command group, joined in :mod:`dangvien_cli.cli.app`.

Only this package imports typer (and rich only here and in :mod:`dangvien_cli.render.table`). Heavy
libraries (SQLAlchemy, SQLModel, Alembic, rich tables) are imported inside the commands that need them, so
that ``dangvien --help`` starts instantly.
"""
