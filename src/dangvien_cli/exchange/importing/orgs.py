"""Importing organisations, parents first, each added as ``org add`` adds it."""

from __future__ import annotations

from typing import Any

from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.importing.handler import Handler
from dangvien_cli.exchange.importing.rows import Row, add_problem, refuse
from dangvien_cli.store.amend import amend_org
from dangvien_cli.store.matching import stored_org
from dangvien_cli.store.orgs import add_org


class OrgHandler(Handler):
    """Organisations are few: they are collected, then added parents first (a file may list a cell
    before its base organisation)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pending: list[Row] = []
        self.done: set[str] = set()

    def write(self, rows: list[Row]) -> None:
        self.pending.extend(rows)

    def finish(self) -> None:
        waiting = list(self.pending)
        in_file = {row.values["code"] for row in waiting}
        while waiting:
            progressed = False
            for row in list(waiting):
                parent = row.values.get("parent")
                if parent and parent in in_file and parent not in self.done:
                    continue
                waiting.remove(row)
                progressed = True
                self._add(row)
            if not progressed:
                for row in waiting:
                    add_problem(self.report, row, "parent", "import.parent_cycle")
                break

    def _add(self, row: Row) -> None:
        values = row.values
        code = values["code"]
        self.done.add(code)
        found = stored_org(session=self.session, code=code)
        if found is None:
            try:
                add_org(
                    session=self.session,
                    code=code,
                    name=values["name"],
                    kind=values["kind"],
                    parent_code=values.get("parent"),
                    place=values.get("place") or "other",
                    population=values.get("population"),
                )
            except InvalidValue as error:
                refuse(self.report, row, error)
                return
            self.report.created += 1
            return
        stored = found.record
        current = {
            "name": stored.name,
            "kind": stored.kind,
            "parent": found.parent,
            "place": stored.place,
            "population": stored.population,
        }
        changed = [k for k, v in current.items() if row.given(k) and values[k] != v]
        if not changed:
            self.report.skipped += 1
            return
        assert stored.id is not None
        if not self.duplicate(row, stored.id, changed, by_name=False):
            return
        if "kind" in changed or "parent" in changed:
            add_problem(
                self.report,
                row,
                "kind" if "kind" in changed else "parent",
                "import.cannot_change",
                id=stored.id,
            )
            return
        amend_org(session=self.session, org=stored, values={key: values[key] for key in changed})
        self.report.updated += 1
