"""dangvien: track the development of party membership (phát triển đảng viên).

The library lives in :mod:`dangvien_cli.domain` (pure rules), :mod:`dangvien_cli.store` (the database)
and :mod:`dangvien_cli.messages` (the vi/en catalogue); :mod:`dangvien_cli.cli` is a thin Typer layer on
top. Nothing below ``cli`` imports typer or rich, so the library can be used from scripts and notebooks:

    from dangvien_cli.store.database import open_database
    from dangvien_cli.store.people import list_members
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
