"""Importing yearly quotas and their roadmaps."""

from __future__ import annotations

import re
from datetime import date, timedelta

import sqlalchemy as sa
from sqlmodel import col, select

from dangvien_cli.domain.dates import add_months
from dangvien_cli.exchange.columns import CellError
from dangvien_cli.exchange.importing.handler import Handler
from dangvien_cli.exchange.importing.rows import Row, add_problem, jsonable
from dangvien_cli.store.models import Organisation, Quota, QuotaMilestone

_PERIOD = re.compile(r"^(\d{4})-(?:Q([1-4])|(\d{2}))$")


def parse_milestones(text: str, year: int) -> list[tuple[str, date, int]]:
    """``2022-Q1=3; 2022-06=7`` → [(period, last day of the period, target)]. Raises CellError."""
    milestones: list[tuple[str, date, int]] = []
    for part in re.split(r"[;,]", text):
        if not part.strip():
            continue
        period, _, number = part.partition("=")
        period, number = period.strip(), number.strip()
        match = _PERIOD.match(period)
        if match is None or not (number.isascii() and number.isdigit()):
            raise CellError("quota.milestone_format")
        if int(match[1]) != year:
            raise CellError("quota.milestone_year", year=year)
        last_month = int(match[2]) * 3 if match[2] else int(match[3])
        if not 1 <= last_month <= 12:
            raise CellError("quota.milestone_format")
        last_day = add_months(date(year, last_month, 1), 1) - timedelta(days=1)
        milestones.append((period, last_day, int(number)))
    return milestones


class QuotaHandler(Handler):
    def check(self, row: Row) -> None:
        if row.failed:
            return
        org = self.session.exec(select(Organisation.id).where(Organisation.code == row.values["org"])).first()
        if org is None:
            add_problem(self.report, row, "org", "org.not_found")
            return
        row.values["org_id"] = org
        if row.given("milestones"):
            try:
                row.values["milestone_list"] = parse_milestones(row.values["milestones"], row.values["year"])
            except CellError as error:
                add_problem(self.report, row, "milestones", error.key, **error.params)

    def write(self, rows: list[Row]) -> None:
        for row in rows:
            values = row.values
            stored = self.session.exec(
                select(Quota).where(Quota.org_id == values["org_id"], Quota.year == values["year"])
            ).first()
            fields = {k: values.get(k) for k in ("target", "residential_target", "stretch_target")}
            milestones = values.get("milestone_list")
            if stored is None:
                quota = Quota(
                    org_id=values["org_id"],
                    year=values["year"],
                    target=values["target"],
                    residential_target=values.get("residential_target"),
                    stretch_target=values.get("stretch_target"),
                )
                self.session.add(quota)
                self.session.flush()
                assert quota.id is not None
                self._replace_milestones(quota.id, milestones or [])
                self.log("insert", "quota", [(quota.id, None, jsonable(quota.model_dump()))])
                self.report.created += 1
                continue
            assert stored.id is not None
            current = {k: getattr(stored, k) for k in fields}
            changed = [k for k, v in fields.items() if v is not None and current[k] != v]
            stored_milestones = self._milestones(stored.id)
            if milestones is not None and milestones != stored_milestones:
                changed.append("milestones")
            if not changed:
                self.report.skipped += 1
                continue
            if not self.duplicate(row, stored.id, changed, by_name=False):
                continue
            before = jsonable(stored.model_dump())
            for key in changed:
                if key != "milestones":
                    setattr(stored, key, fields[key])
            self.session.add(stored)
            self.session.flush()
            if milestones is not None:
                self._replace_milestones(stored.id, milestones)
            self.log("update", "quota", [(stored.id, before, jsonable(stored.model_dump()))])
            self.report.updated += 1

    def _milestones(self, quota_id: int) -> list[tuple[str, date, int]]:
        query = (
            select(QuotaMilestone)
            .where(QuotaMilestone.quota_id == quota_id)
            .order_by(col(QuotaMilestone.due_on))
        )
        return [(m.period, m.due_on, m.target) for m in self.session.exec(query)]

    def _replace_milestones(self, quota_id: int, milestones: list[tuple[str, date, int]]) -> None:
        self.session.execute(sa.delete(QuotaMilestone).where(col(QuotaMilestone.quota_id) == quota_id))
        if milestones:
            self.session.execute(
                sa.insert(QuotaMilestone),
                [{"quota_id": quota_id, "period": p, "due_on": d, "target": t} for p, d, t in milestones],
            )
