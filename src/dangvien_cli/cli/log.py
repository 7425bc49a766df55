"""``dangvien log``: the append-only change log."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from dangvien_cli.cli.common import app_context, parse_day
from dangvien_cli.cli.options import ForceOption, FormatOption, OutputOption, RedactOption, WideOption
from dangvien_cli.cli.output import emit
from dangvien_cli.domain.vocab import Gender, LeftReason, OrgKind, Place, Source, Stage, Vocabulary
from dangvien_cli.errors import InvalidValue
from dangvien_cli.messages import field_label, nt, t
from dangvien_cli.messages.catalog import MESSAGES
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Column, Kind, Title, list_view
from dangvien_cli.text import redact as masked

LOG_COLUMNS = [
    Column("id", Kind.int, wrap=False),
    Column("at", wrap=False),
    Column("os_user"),
    Column("action", codes="action"),
    Column("entity"),
    Column("entity_id", Kind.int, wrap=False),
    Column("changes"),
]


def parse_entity(value: str) -> tuple[str, int | None]:
    """``member:12`` → ("member", 12); ``member`` → ("member", None). The kind of record may be named as
    people call it, in either language, with or without tones (``"đảng viên:12"``, ``dang vien``)."""
    kind, _, number = value.partition(":")
    if not kind.strip() or (number and not (number.isascii() and number.isdigit())):
        raise InvalidValue("entity", value, "entity.format")
    return _entity_name(kind.strip()), int(number) if number else None


def _entity_name(word: str) -> str:
    """The table a kind of record is kept in, from its name or its label; other words as they are."""
    from dangvien_cli.domain.names import fold

    wanted = fold(word)
    for key, (vi, en) in MESSAGES.items():
        if key.startswith("entity.") and isinstance(en, str) and wanted in (fold(vi), fold(en)):
            return key.removeprefix("entity.")
    return word


# What an insert's row shows in the table: enough to recognise the record.
_SUMMARY_KEYS = (
    "code",
    "full_name",
    "cell_id",
    "start_on",
    "org_id",
    "year",
    "target",
    "candidate_id",
    "text",
)


CODED_FIELDS: dict[str, type[Vocabulary]] = {
    "stage": Stage,
    "source": Source,
    "kind": OrgKind,
    "place": Place,
    "gender": Gender,
    "left_reason": LeftReason,
}


def _shown(value: Any, lang: str) -> str:
    """A logged value in the table: nothing as ``∅`` (not Python's ``None``), yes or no in the run's
    language, a date as people write it (31/10/2022), text as it was stored."""
    from dangvien_cli.messages import numbers

    if value is None or value == "":
        return "∅"
    if isinstance(value, bool):
        return t("value.yes" if value else "value.no", lang)
    day = numbers.iso_day(value) if isinstance(value, str) else None
    return numbers.day(day, lang) if day is not None else str(value)


def _value(field: str, value: Any, lang: str) -> str:
    """A logged field's value: a code of a vocabulary by its label, anything else as :func:`_shown`."""
    vocabulary = CODED_FIELDS.get(field)
    if vocabulary is not None and value in vocabulary.codes():
        return vocabulary(value).label(lang)
    return _shown(value, lang)


def _entity(name: str, lang: str) -> str:
    """A kind of record (a table's name) as people call it; a name the catalogue lacks as it is."""
    label = t(f"entity.{name}", lang)
    return name if label == f"entity.{name}" else label


def _batch(entry: dict[str, Any], lang: str) -> str:
    """An import's entry: its file, the file's SHA-256 (its first 12 digits), and the range of ids."""
    source = entry["source"] or {}
    sha256 = source.get("sha256")
    params = {"file": _shown(source.get("file"), lang), "sha256": f"{sha256[:12]}…" if sha256 else "∅"}
    if entry["last_entity_id"] is None:  # one row of an expanded entry
        return t("log.batch_row", lang, **params)
    first, last = entry["entity_id"], entry["last_entity_id"]
    return nt("log.batch", last - first + 1, lang, first=first, last=last, **params)


def _changes(entry: dict[str, Any], lang: str) -> str:
    """What an entry changed, for people: each field by its label in the run's language."""
    if entry.get("source") is not None:
        return _batch(entry, lang)
    before, after = entry["before"] or {}, entry["after"] or {}
    if entry["action"] == "update":
        changed = [k for k in after if before.get(k) != after.get(k)]
        return ", ".join(
            f"{field_label(k, lang)}: {_value(k, before.get(k), lang)} → {_value(k, after.get(k), lang)}"
            for k in changed
        )
    shown = after or before
    return ", ".join(
        f"{field_label(k, lang)}={_value(k, v, lang)}" for k, v in shown.items() if k in _SUMMARY_KEYS
    )


def log(
    ctx: typer.Context,
    entity: Annotated[
        str | None, typer.Option("--entity", metavar="metavar.entity", help="help.log.entity")
    ] = None,
    user: Annotated[str | None, typer.Option("--user", metavar="metavar.user", help="help.log.user")] = None,
    since: Annotated[
        str | None, typer.Option("--since", metavar="metavar.date", help="help.log.since")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", metavar="metavar.date", help="help.log.until")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", metavar="metavar.number", help="help.log.limit")] = 100,
    expand: Annotated[bool, typer.Option("--expand", help="help.log.expand")] = False,
    redact: RedactOption = False,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    wide: WideOption = False,
) -> None:
    """The change log."""
    from dangvien_cli.store.changelog import expand as expand_batches
    from dangvien_cli.store.changelog import list_changes

    app_ctx = app_context(ctx)
    kind, entity_id = parse_entity(entity) if entity else (None, None)
    with app_ctx.reader() as session:
        entries = list_changes(
            session=session,
            entity=kind,
            entity_id=entity_id,
            user=user,
            since=parse_day(since, "since"),
            until=parse_day(until, "until"),
            limit=limit or None,
        )
    if expand:
        entries = expand_batches(entries, entity_id)
    if redact:  # before the table's summary of the changes is made from them
        entries = masked(entries)
    if fmt is OutputFormat.table:  # for people: the kind of record in their language, the changes in brief
        lang = app_ctx.lang
        entries = [{**e, "entity": _entity(e["entity"], lang), "changes": _changes(e, lang)} for e in entries]
    columns = LOG_COLUMNS
    if any(e.get("db_user") for e in entries):  # a shared PostgreSQL database: the login beside the OS user
        columns = [*LOG_COLUMNS[:3], Column("db_user"), *LOG_COLUMNS[3:]]
    emit(
        list_view(Title("title.log"), entries, columns),
        fmt,
        app_ctx.lang,
        output=output,
        force=force,
        wide=wide,
    )
