"""Importing yearly quotas and their roadmaps: checked and written by the functions ``quota set`` uses; a
blank cell keeps the stored value, and ``--on-duplicate`` decides over a quota already set."""

from __future__ import annotations

from dangvien_cli.domain.quotas import parse_milestones
from dangvien_cli.errors import InvalidValue
from dangvien_cli.exchange.importing.handler import Handler
from dangvien_cli.exchange.importing.rows import Row, refuse, refuse_cell
from dangvien_cli.store.orgs import get_org
from dangvien_cli.store.quotas import check_quota, milestones_of, quota_of, write_quota

_TARGETS = ("target", "residential_target", "stretch_target")


class QuotaHandler(Handler):
    def check(self, row: Row) -> None:
        if row.failed:
            return
        values = row.values
        try:
            org = get_org(session=self.session, code=values["org"])
        except InvalidValue as error:
            refuse_cell(self.report, row, "org", error)
            return
        values["org_id"] = org.id
        try:
            check_quota(
                year=values["year"],
                target=values["target"],
                residential_target=values.get("residential_target"),
                stretch_target=values.get("stretch_target"),
            )
        except InvalidValue as error:
            refuse(self.report, row, error)
            return
        if row.given("milestones"):
            try:
                values["milestone_list"] = parse_milestones(values["milestones"], values["year"])
            except InvalidValue as error:
                refuse_cell(self.report, row, "milestones", error)

    def write(self, rows: list[Row]) -> None:
        for row in rows:
            values = row.values
            org_id, year = values["org_id"], values["year"]
            stored = quota_of(session=self.session, org_id=org_id, year=year)
            given = {k: values.get(k) for k in _TARGETS}
            milestones = values.get("milestone_list")
            if stored is not None:
                assert stored.id is not None
                changed = [k for k, v in given.items() if v is not None and getattr(stored, k) != v]
                if milestones is not None and milestones != milestones_of(
                    session=self.session, quota_id=stored.id
                ):
                    changed.append("milestones")
                if not changed:
                    self.report.skipped += 1
                    continue
                if not self.duplicate(row, stored.id, changed, by_name=False):
                    continue
                # blank cells keep what is stored
                given = {k: getattr(stored, k) if v is None else v for k, v in given.items()}
            write_quota(
                session=self.session,
                org_id=org_id,
                year=year,
                target=values["target"],
                residential_target=given["residential_target"],
                stretch_target=given["stretch_target"],
                milestones=milestones,
                stored=stored,
            )
            if stored is None:
                self.report.created += 1
            else:
                self.report.updated += 1
