"""What every report returns: rows and totals with English keys, the columns to show, and an optional chart.

Reports compute in SQL and hand back these plain objects; :mod:`dangvien_cli.cli.report_output` renders them
as a rich table, JSON (``{"rows": [...], "totals": {...}}``), CSV, Markdown or xlsx (with a native chart).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ReportColumn:
    """A column: its key in each row, and how it reads (``text``, ``int``, ``percent``, ``number``)."""

    key: str
    kind: str = "text"
    codes: str | None = None  # catalogue prefix for coded values


@dataclass(frozen=True)
class Chart:
    """A native Excel chart beside the table: ``bar`` of one column by the row labels, or a ``pyramid``."""

    kind: str
    title_key: str
    label_key: str
    value_keys: tuple[str, ...]


@dataclass
class Report:
    """A finished report."""

    name: str
    title_key: str
    title_params: dict[str, Any]
    columns: list[ReportColumn]
    rows: list[dict[str, Any]]
    totals: dict[str, Any] = field(default_factory=dict)
    chart: Chart | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    table_keys: tuple[str, ...] | None = None  # the columns a terminal table shows (all of them elsewhere)

    def as_json(self) -> dict[str, Any]:
        return {"rows": self.rows, "totals": self.totals, **self.extra}


def percent(part: float | None, whole: float | None) -> float | None:
    """``part`` as a percentage of ``whole``, rounded to one decimal; None when there is no whole."""
    if part is None or not whole:
        return None
    return round(part * 100 / whole, 1)
