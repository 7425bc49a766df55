"""The outlook (triển vọng): members now, recent yearly growth, and whether long-term targets are in reach.

Definitions, for the subtree of ``--org`` (the whole database without it) and the day ``at`` (today):

- Members on a day are the memberships covering it (as everywhere else), so ``members_at_end`` of a year is
  the count on 31 December and ``members_at_start`` the count on 31 December of the year before.
- History: the last ``years`` complete calendar years before ``at``'s year. ``admitted`` counts admission
  decisions (``member.admitted_on``) in the cell each member first belonged to (as the quota report);
  ``left`` (the decrease, "Giảm") counts members whose ``left_on`` falls in the year, in the cell they left
  from, for any reason; ``left_by_reason`` breaks it down by :class:`LeftReason` (transfer out, death,
  removal, expulsion, resignation), in each row, in the totals, and in a section of its own. ``net`` is
  admitted − left; moves between cells inside the subtree change nothing, moves across its edge show only in
  the difference of ``members_at_end``.
- ``average_net_growth`` is the mean ``net`` over those years; the projection is a straight line from the
  members now: ``members_now + average_net_growth × years_left``, where ``years_left`` runs from ``at`` to 31
  December of the target year, in years of 365.25 days.
- ``leaving_rate`` is the history's leavers over the sum of its ``members_at_start``: the share of members who
  leave in a year. The admissions a year needed for a target keep that rate: with M₀ members now, rate r, n
  years and A admissions a year, a year's end holds M·(1−r) + A, so A = (target − M₀·(1−r)ⁿ)·r / (1 − (1−r)ⁿ)
  (with r = 0: (target − M₀) / n), rounded up, never below zero.
- Population is the organisation's own when set, else the sum over the organisations under it (each counted
  by the same rule, so that a figure is never added twice); it is held constant for the projections. Share
  of population is members / population, in percent.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.vocab import LeftReason
from dangvien_cli.errors import InvalidValue
from dangvien_cli.render.model import Chart, Column, Kind, Section, Shape, Title, View
from dangvien_cli.reports.figures import percent, round_half_up, whole
from dangvien_cli.reports.titles import scope
from dangvien_cli.store.access import default_org
from dangvien_cli.store.models import Member, Membership, Organisation
from dangvien_cli.store.orgs import get_org, membership_at
from dangvien_cli.store.tree import orgs_on, subtree_at

DEFAULT_HISTORY_YEARS = 5
DAYS_PER_YEAR = 365.25
_TARGET = re.compile(r"^\s*(\d{4})\s*=\s*(\d+)\s*$")


def parse_target(text: str) -> tuple[int, int]:
    """``2025=5000`` → (2025, 5000)."""
    match = _TARGET.match(text.replace(",", "").replace(".", "").replace("_", ""))
    if match is None or not 1900 <= int(match[1]) <= 2200:
        raise InvalidValue("target", text, "outlook.target_format")
    return int(match[1]), int(match[2])


def population_of(session: Session, root: Organisation | None, at: date) -> int | None:
    """The population served by ``root`` (every top-level organisation without one) in the tree as of
    ``at``; None when unknown."""
    tree: dict[int | None, list[tuple[int, int | None]]] = {}
    for org in orgs_on(session=session, on=at).values():
        tree.setdefault(org.parent_id, []).append((org.id, org.population))
    own = {org_id: population for children in tree.values() for org_id, population in children}

    def served(org_id: int) -> int | None:
        if own.get(org_id) is not None:
            return own[org_id]
        parts = [served(child) for child, _ in tree.get(org_id, [])]
        known = [p for p in parts if p is not None]
        return sum(known) if known else None

    roots = [root.id] if root is not None and root.id is not None else [i for i, _ in tree.get(None, [])]
    figures = [p for p in (served(i) for i in roots) if p is not None]
    return sum(figures) if figures else None


def needed_admissions(members_now: int, target: int, rate: float, years: float) -> int | None:
    """Admissions a year to hold ``target`` members after ``years``, losing ``rate`` of the members a year."""
    if years <= 0:
        return None
    if rate <= 0:
        needed = (target - members_now) / years
    else:
        kept = (1 - rate) ** years
        needed = (target - members_now * kept) * rate / (1 - kept)
    return max(0, math.ceil(round(needed, 6)))


OUTLOOK_COLUMNS = [
    Column("year"),
    Column("members_at_start", Kind.int),
    Column("admitted", Kind.int),
    Column("left", Kind.int),
    Column("net", Kind.int),
    Column("members_at_end", Kind.int),
]
# The decrease ("Giảm") by reason: transfers out, deaths, removals, expulsions, resignations.
DECREASE_COLUMNS = [
    Column("year"),
    *(Column(reason.value, Kind.int, label=Title(f"left_reason.{reason.value}")) for reason in LeftReason),
    Column("left", Kind.int),
]
TARGET_COLUMNS = [
    Column("target_year"),
    Column("target_members", Kind.int),
    Column("years_left", Kind.number),
    Column("projected_members", Kind.int),
    Column("projected_share_of_population", Kind.percent),
    Column("needed_admissions_per_year", Kind.int),
    Column("needed_admissions_for_share_per_year", Kind.int),
    Column("on_track", codes="on_track"),
]


def outlook_report(
    *,
    session: Session,
    at: date,
    targets: list[tuple[int, int]] | None = None,
    org_code: str | None = None,
    population_share: float | None = None,
    years: int = DEFAULT_HISTORY_YEARS,
) -> View:
    """Members now, the last ``years`` years' growth, and the projection at each target year."""
    org_code = default_org(session=session, org_code=org_code)  # a scoped login: its own subtree
    if not 1 <= years <= 50:
        raise InvalidValue("years", years, "outlook.years")
    if population_share is not None and not 0 < population_share <= 100:
        raise InvalidValue("population_share", population_share, "outlook.share")
    for target_year, target_members in targets or []:
        if target_year < at.year:
            text = f"{target_year}={target_members}"
            raise InvalidValue("target", text, "outlook.target_past", year=at.year)
    root = get_org(session=session, code=org_code) if org_code else None

    def in_subtree(cell: Any) -> sa.ColumnElement[bool]:  # the tree as of ``at``: past years follow lineage
        return (
            col(cell).in_(subtree_at(root.id, at)) if root is not None and root.id is not None else sa.true()
        )

    history = list(range(at.year - years, at.year))
    first, last = date(history[0], 1, 1), date(history[-1], 12, 31)

    # Members on each year's last day, and on ``at``: one pass over the memberships.
    days = [date(history[0] - 1, 12, 31), *(date(y, 12, 31) for y in history), at]
    counts = session.execute(
        select(*(sa.func.coalesce(sa.func.sum(sa.case((membership_at(d), 1), else_=0)), 0) for d in days))
        .select_from(Membership)
        .where(in_subtree(Membership.cell_id))
    ).one()
    on_day = [int(n) for n in counts]
    members_now = on_day[-1]

    year_of_admission = sa.extract("year", col(Member.admitted_on))
    admitted = {
        int(y): int(n)
        for y, n in session.execute(
            select(year_of_admission, sa.func.count(sa.distinct(col(Member.id))))
            .select_from(Member)
            .join(
                Membership,
                sa.and_(
                    col(Membership.member_id) == Member.id,
                    col(Membership.start_on) == Member.admitted_on,
                ),
            )
            .where(col(Member.admitted_on) >= first, col(Member.admitted_on) <= last)
            .where(in_subtree(Membership.cell_id))
            .group_by(year_of_admission)
        )
    }
    year_of_leaving = sa.extract("year", col(Member.left_on))
    by_reason: dict[int, dict[str, int]] = {year: dict.fromkeys(LeftReason.codes(), 0) for year in history}
    for y, reason, n in session.execute(
        select(year_of_leaving, col(Member.left_reason), sa.func.count(sa.distinct(col(Member.id))))
        .select_from(Member)
        .join(
            Membership,
            sa.and_(col(Membership.member_id) == Member.id, col(Membership.end_on) == Member.left_on),
        )
        .where(col(Member.left_on) >= first, col(Member.left_on) <= last)
        .where(in_subtree(Membership.cell_id))
        .group_by(year_of_leaving, col(Member.left_reason))
    ):
        tally = by_reason[int(y)]
        key = reason if reason in tally else LeftReason.removal.value  # no reason recorded: a removal
        tally[key] += int(n)
    left = {year: sum(tally.values()) for year, tally in by_reason.items()}

    rows: list[dict[str, Any]] = []
    for index, year in enumerate(history):
        came, went = admitted.get(year, 0), left.get(year, 0)
        rows.append(
            {
                "year": year,
                "members_at_start": on_day[index],
                "admitted": came,
                "left": went,
                "net": came - went,
                "members_at_end": on_day[index + 1],
                "left_by_reason": by_reason[year],
            }
        )
    total_admitted = sum(r["admitted"] for r in rows)
    total_left = sum(r["left"] for r in rows)
    exposure = sum(r["members_at_start"] for r in rows)
    average_net = (total_admitted - total_left) / years
    rate = total_left / exposure if exposure else 0.0
    population = population_of(session, root, at)
    members_for_share = (
        math.ceil(round(population * population_share / 100, 6))
        if population is not None and population_share is not None
        else None
    )

    planned = []
    for target_year, target_members in sorted(targets or []):
        years_left = (date(target_year, 12, 31) - at).days / DAYS_PER_YEAR
        projected = whole(members_now + average_net * years_left)
        projected_share = percent(projected, population)
        on_track = projected >= target_members
        if members_for_share is not None:
            on_track = on_track and projected >= members_for_share
        planned.append(
            {
                "target_year": target_year,
                "target_members": target_members,
                "years_left": round_half_up(years_left, 2),
                "projected_members": projected,
                "projected_share_of_population": projected_share,
                "needed_admissions_per_year": needed_admissions(
                    members_now, target_members, rate, years_left
                ),
                "needed_admissions_for_share_per_year": needed_admissions(
                    members_now, members_for_share, rate, years_left
                )
                if members_for_share is not None
                else None,
                "on_track": on_track,
            }
        )

    decrease = {code: sum(tally[code] for tally in by_reason.values()) for code in LeftReason.codes()}
    totals: dict[str, Any] = {
        "year": "TOTAL",
        "admitted": total_admitted,
        "left": total_left,
        "left_by_reason": decrease,
        "net": total_admitted - total_left,
        "members_now": members_now,
        "population": population,
        "share_of_population": percent(members_now, population),
        "average_net_growth": round_half_up(average_net, 1),
        "leaving_rate": percent(total_left, exposure),
        "population_share_target": population_share,
        "members_for_share": members_for_share,
    }
    title_params = {"at": at, "org": scope(session, root)}
    # Tables and Markdown show the targets under the history; JSON carries them as a key.
    targets_title = Title(
        "report.outlook_targets_title",
        {**title_params, **totals, "leaving_rate": totals["leaving_rate"] or 0.0},
    )
    return View(
        Shape.report,
        name="outlook",
        title=Title("report.outlook_title", title_params),
        columns=OUTLOOK_COLUMNS,
        rows=rows,
        totals=totals,
        sections=[
            Section("targets", targets_title, TARGET_COLUMNS, planned),
            Section(
                "decrease",
                Title("report.outlook_decrease_title", title_params),
                DECREASE_COLUMNS,
                [{"year": r["year"], **r["left_by_reason"], "left": r["left"]} for r in rows],
            ),
        ],
        chart=Chart("bar", Title("report.outlook_chart"), "year", ("net",)),
        data={"at": at.isoformat(), "org": root.code if root else None, "years": years, "targets": planned},
    )
