"""``dangvien report pipeline`` and ``report outlook`` (being written)."""

from __future__ import annotations

import typer


def pipeline(ctx: typer.Context) -> None:
    """Phễu phát triển đảng viên. / The pipeline."""
    raise NotImplementedError


def outlook(ctx: typer.Context) -> None:
    """Triển vọng. / The outlook."""
    raise NotImplementedError
