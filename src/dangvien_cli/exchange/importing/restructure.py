"""Importing a restructuring plan (``import restructure``): one change a line, applied in order.

Columns: ``action`` (rename, move, merge, close, or their Vietnamese names), ``code``, ``target``, ``name``,
``kind``, ``parent``, ``place``, ``on``; Vietnamese headers are accepted as for the other lists. What each
action reads:

- ``rename``: ``code`` is called ``name`` from ``on``;
- ``move``: ``code`` sits under ``parent`` from ``on`` (``-`` in ``parent``: at the top of the tree);
- ``merge``: the organisations in ``code`` (one, or several separated by commas or semicolons) are merged
  into ``target`` on ``on``; a ``target`` that does not exist yet is made from ``name``, ``kind``,
  ``parent`` and ``place``. Several lines may merge into the same target on the same day;
- ``close``: ``code`` ends the day before ``on``; ``target``, when given, takes what it still holds.

A column an action does not read must be left blank: nothing typed is dropped in silence. Each line is
applied with the store's own function (as ``org rename|move|merge|close``), in order, so a line may use an
organisation an earlier line created. A refused line is reported with its line number and undone (a
savepoint), and the lines after it are still checked against the plan so far; the caller then commits the
whole plan only when no line was refused, so it lands whole or not at all.
"""

from __future__ import annotations

import re

from dangvien_cli.domain.vocab import OrgChange
from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.importing.handler import Handler
from dangvien_cli.exchange.importing.rows import Problem, Row, add_problem
from dangvien_cli.store.restructure import (
    ChangeResult,
    change_or_nothing,
    close_org,
    merge_orgs,
    move_org,
    rename_org,
)

TOP = "-"  # in ``parent`` of a move: the top of the tree

# Columns each action reads (besides ``action``, ``code`` and ``on``), and those it needs.
READS: dict[OrgChange, tuple[str, ...]] = {
    OrgChange.rename: ("name",),
    OrgChange.move: ("parent",),
    OrgChange.merge: ("target", "name", "kind", "parent", "place"),
    OrgChange.close: ("target",),
}
NEEDS: dict[OrgChange, tuple[str, ...]] = {
    OrgChange.rename: ("name",),
    OrgChange.move: ("parent",),
    OrgChange.merge: ("target",),
    OrgChange.close: (),
}
OPTIONAL = ("target", "name", "kind", "parent", "place")

# The column of the plan a store refusal is about, by the field it names.
COLUMN_OF = {"sources": "code", "into": "target", "move_to": "target", "to": "target", "date": "on"}

_SEPARATORS = re.compile(r"[,;]")


class RestructureHandler(Handler):
    def check(self, row: Row) -> None:
        if row.failed:
            return
        action = OrgChange(row.values["action"])
        for column in NEEDS[action]:
            if not row.given(column):
                add_problem(
                    self.report,
                    row,
                    column,
                    "tree.plan_column",
                    action=action.value,
                    column=_header(row, column),
                )
        for column in OPTIONAL:
            if column not in READS[action] and row.given(column):
                add_problem(self.report, row, column, "tree.plan_column_unused", action=action.value)

    def write(self, rows: list[Row]) -> None:
        for row in rows:
            try:
                with change_or_nothing(session=self.session):
                    result = self._apply(row)
            except InvalidValue as error:
                self._refuse(row, error)
                continue
            self.report.updated += 1
            if result.created:
                self.report.created += 1

    def finish(self) -> None:
        # lines refused by their cells are found before those refused by the tree: report them in order
        self.report.problems.sort(key=lambda problem: problem.line)

    def _apply(self, row: Row) -> ChangeResult:
        values = row.values
        action = OrgChange(values["action"])
        code, on, today = values["code"], values["on"], self.options.today
        if action is OrgChange.rename:
            return rename_org(session=self.session, code=code, name=values["name"], on=on, today=today)
        if action is OrgChange.move:
            parent = None if values["parent"].strip() == TOP else values["parent"]
            return move_org(session=self.session, code=code, parent_code=parent, on=on, today=today)
        if action is OrgChange.merge:
            return merge_orgs(
                session=self.session,
                sources=[c for c in _SEPARATORS.split(code) if c.strip()],
                into=values["target"],
                on=on,
                today=today,
                name=values.get("name"),
                kind=values.get("kind"),
                parent_code=values.get("parent"),
                place=values.get("place"),
            )
        return close_org(session=self.session, code=code, on=on, today=today, move_to=values.get("target"))

    def _refuse(self, row: Row, error: InvalidValue) -> None:
        """The store refused the line: report it on the column the refusal is about."""
        column = COLUMN_OF.get(error.field, error.field)
        if column not in row.headers:
            column = "code"
        params = {k: v for k, v in error.params.items() if k not in ("field", "value")}
        raw = row.raw("on") if column == "on" else None  # the day as the file writes it
        value = str(error.value) if raw is None else str(raw)
        self.report.problems.append(
            Problem(row.line, row.headers.get(column, column), value, error.key, params)
        )
        row.failed = True


def _header(row: Row, column: str) -> str:
    return row.headers.get(column, column)
