"""The change log: every insert, update and delete made through the tool, with who and when.

Who is the operating-system user everywhere and, on PostgreSQL, the database login too (``db_user``): a
trigger of migration 0009 sets it from ``current_user``, so that a shared database names the login that made
each change and nobody can write another's. On SQLite it stays empty (the file is the boundary).

What it guarantees (docs/performance.md says it for people):
- every row the tool creates, changes or deletes has an entry, written in the same transaction as the
  change (it lands with it or not at all), and the database refuses to change or delete an entry;
- a record command, a workflow step and an update by an import log their row with its values (after, and
  before for an update);
- an import logs the members and candidates it creates as one *batch entry* a list: the range of their
  ids (``entity_id`` to ``last_entity_id``, contiguous: the import holds the write lock), the file's name,
  its SHA-256 and the count. Their values at import are the file's rows; the record's values now are those
  values with the later updates applied, each logged with its before and after. :func:`expand` turns a
  batch entry into an entry a row, so that "who created member 123, when, from which file" is answered by
  the log alone.
"""

from __future__ import annotations

import getpass
import os
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col, select

from dangvien_cli.store.models import ChangeLog


def os_user() -> str:
    """The operating-system user running the tool (falls back to the numeric uid)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid())


def snapshot(record: SQLModel) -> dict[str, Any]:
    """A record's values as JSON-ready data, for the log's before/after columns."""
    return record.model_dump(mode="json")


def record_change(
    *,
    session: Session,
    action: str,
    entity: str,
    entity_id: int,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    """Append one entry; it is written in the caller's transaction, so it lands with the change or not."""
    session.add(
        ChangeLog(
            at=datetime.now(UTC),
            os_user=os_user(),
            action=action,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
        )
    )


def log_insert(*, session: Session, entity: str, record: SQLModel) -> None:
    """Log a new row (the row must already have its id, i.e. be flushed)."""
    values = snapshot(record)
    record_change(session=session, action="insert", entity=entity, entity_id=values["id"], after=values)


def log_update(*, session: Session, entity: str, before: dict[str, Any], record: SQLModel) -> None:
    """Log a changed row with its values before and after."""
    after = snapshot(record)
    record_change(
        session=session, action="update", entity=entity, entity_id=after["id"], before=before, after=after
    )


def list_changes(
    *,
    session: Session,
    entity: str | None = None,
    entity_id: int | None = None,
    user: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Log entries, oldest first; with ``limit``, the most recent ``limit`` of them."""
    query = select(ChangeLog)
    if entity is not None:
        query = query.where(ChangeLog.entity == entity)
    if entity_id is not None:  # its own entries, and the batch entry whose range holds it
        covered = sa.and_(col(ChangeLog.last_entity_id) >= entity_id, col(ChangeLog.entity_id) <= entity_id)
        query = query.where(sa.or_(col(ChangeLog.entity_id) == entity_id, covered))
    if user is not None:  # the OS user, or on PostgreSQL the database login
        query = query.where(sa.or_(col(ChangeLog.os_user) == user, col(ChangeLog.db_user) == user))
    if since is not None:
        query = query.where(ChangeLog.at >= datetime.combine(since, datetime.min.time(), UTC))
    if until is not None:
        next_day = datetime.combine(until, datetime.min.time(), UTC) + timedelta(days=1)
        query = query.where(ChangeLog.at < next_day)
    query = query.order_by(col(ChangeLog.id).desc())
    if limit:
        query = query.limit(limit)
    entries = list(session.exec(query))
    entries.reverse()
    return [
        {
            "id": e.id,
            "at": _as_utc(e.at).isoformat(timespec="seconds"),
            "os_user": e.os_user,
            "db_user": e.db_user,
            "action": e.action,
            "entity": e.entity,
            "entity_id": e.entity_id,
            "before": e.before,
            "after": e.after,
            "last_entity_id": e.last_entity_id,
            "source": e.source,
        }
        for e in entries
    ]


def expand(entries: list[dict[str, Any]], entity_id: int | None = None) -> list[dict[str, Any]]:
    """``entries`` with each batch entry turned into an entry a row it created (only ``entity_id``'s, when
    given), each naming the batch's file; other entries as they are."""
    expanded: list[dict[str, Any]] = []
    for entry in entries:
        last = entry["last_entity_id"]
        if last is None:
            expanded.append(entry)
            continue
        first = entry["entity_id"]
        ids = [entity_id] if entity_id is not None and first <= entity_id <= last else range(first, last + 1)
        expanded += [{**entry, "entity_id": i, "last_entity_id": None} for i in ids]
    return expanded


def _as_utc(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; they were written in UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
