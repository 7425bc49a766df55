"""How a value reads for people, shared by the formats made for them (table, Markdown, docx, xlsx headers
and codes): headers from the field catalogue, codes with their vocabulary's labels, numbers and dates in the
run's language (:mod:`dangvien_cli.messages.numbers`: ``107,7%``, ``4.354``, ``31/10/2022`` in Vietnamese)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

from dangvien_cli.domain.vocab import (
    Gender,
    LeftReason,
    MemberStatus,
    OrgKind,
    Place,
    RuleStatus,
    Source,
    Stage,
    Vocabulary,
)
from dangvien_cli.messages import numbers, t
from dangvien_cli.messages.catalog import FIELDS
from dangvien_cli.render.model import FIGURES, ISO_DATE, TOTAL, Column, Kind, Row

# Catalogue prefixes that are domain vocabularies: their labels come from the vocabulary (other values, such
# as the pipeline's "admitted_per_trained" line, still from the catalogue).
VOCABULARIES: dict[str, type[Vocabulary]] = {
    "gender": Gender,
    "kind": OrgKind,
    "place": Place,
    "source": Source,
    "stage": Stage,
    "reason": LeftReason,
    "status": MemberStatus,
    "check": RuleStatus,
}


def header(column: Column, lang: str) -> str:
    """A column's header: its label, else the field's name in the catalogue, else its key."""
    if column.label is not None:
        return column.label.render(lang)
    entry = FIELDS.get(column.key)
    return column.key if entry is None else (entry[0] if lang == "vi" else entry[1])


def code_label(value: Any, codes: type[Vocabulary] | str, lang: str) -> str:
    """A code as people read it: its vocabulary's label, else the catalogue's text for ``prefix.code``."""
    vocabulary = VOCABULARIES.get(codes) if isinstance(codes, str) else codes
    if vocabulary is not None and value in vocabulary.codes():
        return vocabulary(value).label(lang)
    if isinstance(codes, str):
        return t(f"{codes}.{value}", lang)
    return str(value)


def applies(column: Column, row: Row) -> bool:
    return column.applies is None or row.get(column.applies[0]) == column.applies[1]


def identifier(column: Column) -> bool:
    """A whole number that names something (an ID, a year): written with its digits alone, never grouped."""
    return column.key in ("id", "year") or column.key.endswith("_id")


def shown(value: Any, column: Column, lang: str) -> str:
    """A value as a person reads it in a table, in Markdown or in a document."""
    if value is None or value == "":
        return ""
    if value == TOTAL:  # the totals line's name
        return t("label.total", lang)
    if column.kind is Kind.percent and isinstance(value, int | float):
        return numbers.percent(value, lang)
    if column.codes is not None:
        return code_label(value, column.codes, lang)
    if isinstance(value, bool):
        return ("có" if value else "không") if lang == "vi" else ("yes" if value else "no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return numbers.decimal(value, lang)
    if isinstance(value, int) and column.kind in FIGURES:
        return numbers.integer(value, lang, group=not identifier(column))
    text = str(value)
    # A date reads dd/mm/yyyy, in a date column and in a text that is one (a due item's detail); a moment
    # (the change log's) in the local time, to the minute.
    if column.kind in (Kind.date, Kind.text) and ISO_DATE.match(text):
        return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
    if column.kind is Kind.text and ISO_MOMENT.match(text):
        return _moment(text)
    return text


ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?$")


def _moment(text: str) -> str:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return f"{numbers.day(moment.date())} {moment:%H:%M}"


def cell(row: Row, column: Column, lang: str) -> str:
    """The text of ``column`` in ``row`` for people (blank where the column does not apply)."""
    return shown(row.get(column.key), column, lang) if applies(column, row) else ""


def flat(value: Any) -> Any:
    """A nested value (a list, an object) as one JSON text, for a CSV or spreadsheet cell."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def as_date(value: Any) -> date | None:
    """An ISO date text as a date; None for anything else (a masked ``1970-09-**``)."""
    if isinstance(value, str) and ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None
