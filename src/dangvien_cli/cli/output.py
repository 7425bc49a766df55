"""One renderer for every list and record: rich tables for people, JSON and CSV for scripts.

JSON and CSV go to stdout unstyled, with English keys and ISO dates. Tables translate codes and headers
into the chosen language and show dates the Vietnamese way (31/10/2022) in Vietnamese.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from dangvien_cli.cli.common import OutputFormat
from dangvien_cli.messages import t
from dangvien_cli.messages.catalog import FIELDS

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Column:
    """A column of a table: the record's key, and the catalogue prefix for coded values."""

    key: str
    codes: str | None = None  # e.g. "status" translates "official" through "status.official"
    justify: Literal["left", "right"] = "left"
    no_wrap: bool = False  # dates, IDs and codes read badly when folded


# Values are wrapped in rich's Text, never read as markup: a name like "An [chuyển đi]" shows as typed.


def header(key: str, lang: str) -> str:
    if key.startswith("band:"):  # an age band column of the ageing report: its label is the header
        return key.removeprefix("band:")
    entry = FIELDS.get(key)
    return key if entry is None else (entry[0] if lang == "vi" else entry[1])


def display(value: Any, column: Column, lang: str) -> str:
    """A value as a person reads it in a table."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return ("có" if value else "không") if lang == "vi" else ("yes" if value else "no")
    if column.codes:
        return t(f"{column.codes}.{value}", lang)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    text = str(value)
    if lang == "vi" and _ISO_DATE.match(text):
        return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
    return text


def console() -> Any:
    """A rich console on stdout. Piped or redirected output gets a wide page instead of rich's 80 columns,
    so that names and dates are not folded in files and pagers."""
    import os

    from rich.console import Console

    if sys.stdout.isatty():
        return Console()
    return Console(width=int(os.environ.get("COLUMNS", "160")))


def write_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _csv_cell(value: Any) -> Any:
    """A CSV cell: lists and records as JSON, text neutralised against formula injection."""
    from dangvien_cli.text import neutralise

    if isinstance(value, (list, dict)):
        return neutralise(json.dumps(value, ensure_ascii=False))
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else neutralise(value)


def write_csv(rows: Sequence[Mapping[str, Any]], keys: Sequence[str]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(keys)
    for row in rows:
        writer.writerow([_csv_cell(row.get(k)) for k in keys])


def emit_rows(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[Column],
    fmt: OutputFormat,
    lang: str,
    title: str,
) -> None:
    """A list: an array in JSON, all keys in CSV, the chosen columns in a table."""
    if fmt is OutputFormat.json:
        write_json(list(rows))
        return
    if fmt is OutputFormat.csv:
        keys = list(rows[0].keys()) if rows else [c.key for c in columns]
        write_csv(rows, keys)
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(f"{title} ({len(rows)})"), title_justify="left")
    for column in columns:
        table.add_column(
            header(column.key, lang),
            justify=column.justify,
            no_wrap=column.no_wrap,
        )
    for row in rows:
        table.add_row(*(Text(display(row.get(c.key), c, lang)) for c in columns))
    console().print(table)


def emit_record(
    record: Mapping[str, Any],
    fmt: OutputFormat,
    lang: str,
    title: str,
    codes: Mapping[str, str] | None = None,
    sections: Sequence[tuple[str, str, Sequence[Column]]] = (),
) -> None:
    """One record: an object in JSON, a one-row CSV, a field/value table (plus its sub-lists) for people.

    ``sections`` names keys that hold lists of records, each shown as its own table: (key, title, columns).
    """
    if fmt is OutputFormat.json:
        write_json(dict(record))
        return
    if fmt is OutputFormat.csv:
        write_csv([record], list(record.keys()))
        return
    from rich.table import Table
    from rich.text import Text

    codes = codes or {}
    nested = {key for key, _, _ in sections}
    out = console()
    table = Table(title=Text(title), title_justify="left", show_header=False)
    table.add_column(t("label.field", lang), style="bold")
    table.add_column(t("label.value", lang))
    for key, value in record.items():
        if key in nested:
            continue
        table.add_row(header(key, lang), Text(display(value, Column(key, codes.get(key)), lang)))
    out.print(table)
    for key, section_title, columns in sections:
        items = record.get(key) or []
        if not items:
            continue
        sub = Table(title=Text(section_title), title_justify="left")
        for column in columns:
            sub.add_column(header(column.key, lang))
        for item in items:
            sub.add_row(*(Text(display(item.get(c.key), c, lang)) for c in columns))
        out.print(sub)


def notice(message: str) -> None:
    """A confirmation or progress line for people: on stderr, so stdout stays clean for scripts."""
    sys.stderr.write(message + "\n")
