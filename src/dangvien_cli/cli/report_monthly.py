"""``dangvien report monthly`` (being written)."""

from __future__ import annotations

import typer


def monthly(ctx: typer.Context) -> None:
    """Báo cáo tháng của chi bộ. / The monthly cell report."""
    raise NotImplementedError
