"""The pipeline (phễu phát triển đảng viên): how candidates move from source to admission in a year.

The cohort is a *flow*, not a snapshot: for the year Y, the period runs from 1 January Y to ``at`` (31
December Y unless an earlier day of Y is given), and each stage counts the candidates of the subtree (by the
candidate's cell) whose date for that stage falls in the period:

- ``identified``  — ``identified_on`` (the source, nguồn);
- ``mentored``    — ``mentor_assigned_on``;
- ``trained``     — ``certificate_on`` (the party-awareness class);
- ``applied``     — ``applied_on``;
- ``proposed``    — ``proposed_on`` (the cell's resolution);
- ``admitted``    — members whose admission decision (``member.admitted_on``) falls in the period, counted in
  the cell they first belonged to: the same rule as the quota report, so imported members count too.

A candidate dropped later still counts at the stages reached. Each rate is a stage's count as a percentage of
the previous stage's; since the stages are flows within one year (someone trained in Y may have been
identified in Y-1), a rate can exceed 100%. ``admitted_per_trained`` is admitted / trained (cảm tình Đảng:
those who took the class), compared with a target, the setting ``admitted_per_trained_target`` (70% by
default: the article's result, not a rule; JSON keeps its name ``bar``).

Days in a stage run from entering it to entering the next, for the candidates who moved on in the period
(the later date in the period); a pair with the later date before the earlier one (a record out of order) or
a missing earlier date is left out. From ``proposed`` the next step is the admission decision recorded through
the workflow (``admission.decision_on``): imported members carry no link to a candidate. The database returns
a histogram (stage, days, count); medians follow in Python.

``by_source`` and ``by_age_band`` split the candidates active in the period — those who reached at least one
stage in it, an admission recorded through the workflow included — by source and by age on ``at``, with their
count at each stage. Both come from one GROUP BY (source, age).

``dossiers_incomplete`` lists the admission dossiers of the subtree on their way on ``at`` that are not
complete for their next step (hồ sơ chưa đủ: :mod:`dangvien_cli.reports.dossiers`), with the papers they
lack.
"""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement
from sqlmodel import Session, col, select

from dangvien_cli.domain.figures import median
from dangvien_cli.domain.settings import Settings
from dangvien_cli.domain.stages import ACTIVE_STAGES, STAGE_ORDER, STEP_DATE_FIELD
from dangvien_cli.domain.vocab import Source, Stage
from dangvien_cli.errors import InvalidValue
from dangvien_cli.render.model import Chart, Column, Kind, Section, Shape, Title, View
from dangvien_cli.reports.ageing import band_labels, birthday_cutoff
from dangvien_cli.reports.dossiers import DOSSIER_COLUMNS, dossier_row, incomplete_dossiers
from dangvien_cli.reports.figures import percent
from dangvien_cli.reports.titles import scope
from dangvien_cli.store.access import default_org
from dangvien_cli.store.models import Admission, Candidate, Member, Membership
from dangvien_cli.store.orgs import get_org
from dangvien_cli.store.tree import candidate_cell_on, subtree_at

UNDER_18 = "<18"


class days_between(FunctionElement[int]):  # lower case: it reads as the SQL function it is
    """Whole days from the first date to the second, in SQL (SQLite: julianday; PostgreSQL: date - date)."""

    type = sa.Integer()
    inherit_cache = True


@compiles(days_between)
def _days_between_default(element: days_between, compiler: Any, **kw: Any) -> str:
    start, end = list(element.clauses)
    return f"({compiler.process(end, **kw)} - {compiler.process(start, **kw)})"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element: days_between, compiler: Any, **kw: Any) -> str:
    start, end = list(element.clauses)
    return (
        f"CAST(julianday({compiler.process(end, **kw)}) - julianday({compiler.process(start, **kw)})"
        " AS INTEGER)"
    )


def age_on(born: Any, on: date) -> sa.ColumnElement[int]:
    """Whole years on ``on`` for the birth-date column ``born``, portable to SQLite and PostgreSQL."""
    month, day = sa.extract("month", born), sa.extract("day", born)
    cut_month, cut_day = birthday_cutoff(on)
    before_birthday = sa.or_(month > cut_month, sa.and_(month == cut_month, day > cut_day))
    return on.year - sa.extract("year", born) - sa.case((before_birthday, 1), else_=0)


def _band(years: int, bands: tuple[int, ...], labels: list[str]) -> str:
    if years < 18:
        return UNDER_18
    for index, high in enumerate(bands):
        if years <= high:
            return labels[index]
    return labels[-1]


def _in_subtree(cell: Any, root_id: int | None, at: date) -> sa.ColumnElement[bool]:
    """SQL: ``cell`` (a column or an expression) is in ``root_id``'s subtree as of ``at`` (anywhere without
    a root)."""
    if root_id is None:
        return sa.true()
    column = cell if isinstance(cell, sa.ColumnElement) else col(cell)
    return column.in_(subtree_at(root_id, at))


PIPELINE_COLUMNS = [
    Column("stage", codes="stage"),  # the stages' labels, and the catalogue's for the admitted/trained line
    Column("count", Kind.int),
    Column("rate_from_previous", Kind.percent),
    Column("median_days", Kind.number),
]
BREAKDOWN_COLUMNS = [Column("candidates", Kind.int), *(Column(s.value, Kind.int) for s in STAGE_ORDER)]
AGE_COLUMNS = [Column("band"), *BREAKDOWN_COLUMNS]


def pipeline_report(
    *,
    session: Session,
    year: int,
    at: date | None = None,
    org_code: str | None = None,
    bands: tuple[int, ...] | None = None,
    settings: Settings,
) -> View:
    """The year's funnel for ``org_code``'s subtree (everything without it), with medians and splits."""
    org_code = default_org(session=session, org_code=org_code)  # a scoped login: its own subtree
    if not 1900 <= year <= 2200:
        raise InvalidValue("year", year, "pipeline.year")
    at = at or date(year, 12, 31)
    if at.year != year:
        raise InvalidValue("at", at.isoformat(), "pipeline.at_year", year=year)
    start = date(year, 1, 1)
    root = get_org(session=session, code=org_code) if org_code else None

    def in_subtree(cell: Any) -> sa.ColumnElement[bool]:  # the tree as of ``at``, lineage included
        return _in_subtree(cell, root.id if root is not None else None, at)

    candidate_cell = candidate_cell_on(at, Candidate)  # where each candidate was on ``at``

    def in_period(day: Any) -> sa.ColumnElement[bool]:
        return sa.and_(day >= start, day <= at)

    dates = {stage: col(getattr(Candidate, STEP_DATE_FIELD[stage])) for stage in ACTIVE_STAGES}
    funnel = [stage.value for stage in STAGE_ORDER]
    decided = col(Admission.decision_on)

    # 1. Candidates active in the period, by (source, age): a count per stage.
    age = age_on(col(Candidate.birth_date), at).label("age")
    reached = [sa.func.sum(sa.case((in_period(dates[s]), 1), else_=0)) for s in ACTIVE_STAGES]
    reached.append(sa.func.sum(sa.case((in_period(decided), 1), else_=0)))
    active = sa.or_(*(in_period(d) for d in dates.values()), in_period(decided))
    query = (
        select(col(Candidate.source), age, sa.func.count(), *reached)
        .select_from(Candidate)
        .outerjoin(Admission, col(Admission.candidate_id) == Candidate.id)
        .where(in_subtree(candidate_cell), active)
        .group_by(col(Candidate.source), age)
    )
    bands = bands or settings.age_bands
    labels = band_labels(bands)
    by_source = {s: dict.fromkeys(("candidates", *funnel), 0) for s in Source.codes()}
    by_band = {b: dict.fromkeys(("candidates", *funnel), 0) for b in (UNDER_18, *labels)}
    stage_counts = dict.fromkeys(funnel, 0)
    for source, years, candidates, *counts in session.execute(query):
        band = _band(int(years), bands, labels)
        for key, value in zip(("candidates", *funnel), (candidates, *counts), strict=True):
            by_source[source][key] += int(value or 0)
            by_band[band][key] += int(value or 0)
        for on_the_way, value in zip(ACTIVE_STAGES, counts, strict=False):
            stage_counts[on_the_way.value] += int(value or 0)

    # 2. Admissions decided in the period, in the cell each member first belonged to (as the quota report).
    stage_counts["admitted"] = int(
        session.execute(
            select(sa.func.count(sa.distinct(col(Member.id))))
            .select_from(Member)
            .join(
                Membership,
                sa.and_(
                    col(Membership.member_id) == Member.id,
                    col(Membership.start_on) == Member.admitted_on,
                ),
            )
            .where(in_period(col(Member.admitted_on)), in_subtree(Membership.cell_id))
        ).scalar_one()
    )

    # 3. Days in each stage, for those who moved on in the period: a histogram (stage, days, count).
    steps: list[tuple[str, Any, Any]] = [
        (entered.value, dates[entered], dates[following])
        for entered, following in itertools.pairwise(ACTIVE_STAGES)
    ]
    steps.append((Stage.proposed.value, dates[Stage.proposed], decided))
    parts = []
    for stage, entered, left in steps:
        days = days_between(entered, left)
        part = (
            select(sa.literal(stage).label("stage"), days.label("days"), sa.func.count().label("n"))
            .select_from(Candidate)
            .where(in_subtree(candidate_cell), in_period(left), entered.is_not(None), left >= entered)
            .group_by(days)
        )
        if left is decided:
            part = part.join(Admission, col(Admission.candidate_id) == Candidate.id)
        parts.append(part)
    histograms: dict[str, dict[int, int]] = {s.value: {} for s in ACTIVE_STAGES}
    for stage, days, n in session.execute(sa.union_all(*parts)):
        histograms[stage][int(days)] = histograms[stage].get(int(days), 0) + int(n)

    medians = [
        {
            "stage": stage,
            "next_stage": following,
            "moved_on": sum(histograms[stage].values()),
            "median_days": median(histograms[stage]),
        }
        for stage, following in itertools.pairwise(funnel)
    ]
    median_of = {m["stage"]: m["median_days"] for m in medians}
    rows: list[dict[str, Any]] = []
    previous: int | None = None
    for stage in funnel:
        count = stage_counts[stage]
        rows.append(
            {
                "stage": stage,
                "count": count,
                "rate_from_previous": percent(count, previous) if previous is not None else None,
                "median_days": median_of.get(stage),
            }
        )
        previous = count
    ratio = percent(stage_counts["admitted"], stage_counts["trained"])
    totals: dict[str, Any] = {
        "stage": "admitted_per_trained",  # so that tables, CSV and Markdown show the ratio on their last line
        "rate_from_previous": ratio,
        "admitted_per_trained": ratio,
        "bar": settings.admitted_per_trained_target,
        "meets_bar": ratio >= settings.admitted_per_trained_target if ratio is not None else None,
    }
    title_params = {"year": year, "at": at, "org": scope(session, root)}
    sources = [{"source": s, **counts} for s, counts in by_source.items()]
    ages = [{"band": b, **counts} for b, counts in by_band.items()]
    # Tables and Markdown show the splits under the funnel; JSON carries them as keys; CSV and xlsx do not.
    sections = [
        Section(
            "by_source",
            Title("report.pipeline_sources_title", title_params),
            [Column("source", codes=Source), *BREAKDOWN_COLUMNS],
            [row for row in sources if row["candidates"]],
        ),
        Section("by_age_band", Title("report.pipeline_ages_title", title_params), AGE_COLUMNS, ages),
        Section(
            "target",
            Title("report.pipeline_target"),
            [
                Column("admitted_per_trained", Kind.percent),
                Column("bar", Kind.percent),
                Column("meets_bar", Kind.bool),
            ],
            [{key: totals[key] for key in ("admitted_per_trained", "bar", "meets_bar")}],
        ),
    ]
    # Dossiers of the subtree not complete for their next step on ``at`` (hồ sơ chưa đủ), with what they lack
    dossiers = [
        dossier_row(d)
        for d in incomplete_dossiers(
            session=session, org_code=root.code if root else None, at=at, settings=settings
        )
    ]
    sections.append(
        Section(
            "dossiers_incomplete",
            Title("report.pipeline_dossiers_title", {"at": at}),
            DOSSIER_COLUMNS,
            dossiers,
        )
    )
    return View(
        Shape.report,
        name="pipeline",
        title=Title("report.pipeline_title", title_params),
        columns=PIPELINE_COLUMNS,
        rows=rows,
        totals=totals,
        sections=sections,
        chart=Chart("bar", Title("report.pipeline_chart"), "stage", ("count",)),
        data={
            "year": year,
            "at": at.isoformat(),
            "org": root.code if root else None,
            "median_days": medians,
            "by_source": sources,
            "by_age_band": ages,
            "dossiers_incomplete": dossiers,
        },
    )
