"""Ageing (già hóa): members by age band as of a date, per cell or base organisation.

Ages are whole years on D, computed in SQL from the birth date's parts (portable to SQLite and PostgreSQL);
the count is a histogram per (cell, gender, age), from which bands, averages and medians follow. Members who
had left by D, or joined after it, are not counted.

How it is counted (measured on a million members, see docs/performance.md): one pass over the memberships
in the table's own order (a rowid scan, each member found by its primary key), grouped by cell only; the
cells are then rolled up to the report's rows in Python from the closure as of D, which has a few rows a
cell. Walking an index in cell order instead makes every member lookup a random read, and joining the
closure inside the big query multiplies its rows. On SQLite the histogram is counted from one integer a
membership (cell, age and gender packed), which costs less than SQLite's own GROUP BY sort; elsewhere the
database groups. A small subtree of a large tree is read through the cell index instead.

The tree is the tree as of D (issue 14): the subtree of ``--org`` then, the cells and base organisations
then, with their names then; a report for a day before a restructuring reads the same after it is recorded.
"""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from dangvien_cli.domain.figures import median
from dangvien_cli.domain.settings import Settings
from dangvien_cli.errors import InvalidValue
from dangvien_cli.render.model import Chart, Column, Kind, Row, Shape, Title, View
from dangvien_cli.reports.figures import percent, ratio, round_half_up
from dangvien_cli.reports.reading import cells_to_read
from dangvien_cli.reports.titles import document, scope
from dangvien_cli.store.access import default_org
from dangvien_cli.store.models import Member, Membership, Organisation, OrgClosureSpan
from dangvien_cli.store.orgs import get_org, membership_at
from dangvien_cli.store.tree import orgs_on, parents_on, span_on, subtree_at


def band_labels(bands: tuple[int, ...]) -> list[str]:
    """(30, 40, 50, 60, 70) → ["18-30", "31-40", "41-50", "51-60", "61-70", "71+"]."""
    labels, low = [], 18
    for high in bands:
        labels.append(f"{low}-{high}")
        low = high + 1
    labels.append(f"{low}+")
    return labels


def parse_bands(text: str) -> tuple[int, ...]:
    try:
        bands = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise InvalidValue("bands", text, "report.bands") from None
    if not bands or list(bands) != sorted(set(bands)) or bands[0] < 18:
        raise InvalidValue("bands", text, "report.bands")
    return bands


def birthday_cutoff(on: date) -> tuple[int, int]:
    """The (month, day) on or before which a birthday has come by ``on``. On 28 February of a common year it
    is (2, 29): someone born on 29 February comes of age that day, as :func:`full_years` counts it (a period
    in months ends on the month's last day when it has no matching day)."""
    if (on.month, on.day) == (2, 28) and not calendar.isleap(on.year):
        return 2, 29
    return on.month, on.day


def _age_expression(on: date, dialect: str = "") -> sa.ColumnElement[int]:
    born = col(Member.birth_date)
    cut_month, cut_day = birthday_cutoff(on)
    if dialect == "sqlite":
        # SQLite stores a date as ISO text: its parts by position are much cheaper than strftime, which
        # parses the whole date again for each part (measured: a quarter of the report's query).
        year = sa.cast(sa.func.substr(born, 1, 4, type_=sa.String), sa.Integer)
        birthday_later = sa.func.substr(born, 6, 5, type_=sa.String) > f"{cut_month:02d}-{cut_day:02d}"
        return on.year - year - sa.case((birthday_later, 1), else_=0)
    month, day = sa.extract("month", born), sa.extract("day", born)
    before_birthday = sa.or_(month > cut_month, sa.and_(month == cut_month, day > cut_day))
    return on.year - sa.extract("year", born) - sa.case((before_birthday, 1), else_=0)


Histogram = dict[int, int]
"""Members by ``age * 2 + man`` (1 for a man, 0 for a woman): one dict an organisation, both genders in it."""
Histograms = dict[int, Histogram]

SQLITE_CHUNK = 1 << 18
"""Memberships (by id) counted by one statement on SQLite: its text of packed numbers stays a few MiB."""


def _cell_histograms(
    session: Session, at: date, cells: set[int] | None, few: bool, dialect: str | None = None
) -> Histograms:
    """Members on ``at`` by cell, as :data:`Histogram`; only the ``cells`` given (None: every cell), read
    through the cell index when they are ``few``. ``dialect`` "" takes the portable path (for tests)."""
    dialect = session.get_bind().dialect.name if dialect is None else dialect
    age = _age_expression(at, dialect)
    where = membership_at(at)
    if cells is not None and few:
        where = sa.and_(where, col(Membership.cell_id).in_(cells))
    joined = select(Membership.cell_id).join(Member, col(Member.id) == Membership.member_id).where(where)
    histograms: Histograms = {}
    connection = session.connection()  # Core rows: the ORM's per-row work would cost more than SQLite's
    if dialect == "sqlite":
        # One number a membership, cell, age (offset to stay positive) and gender packed together, and all
        # of a chunk's numbers in one text (group_concat): a row a membership costs SQLite's interface more
        # than the text, and SQLite's own GROUP BY sorts them all. Python counts the numbers.
        packed = (
            col(Membership.cell_id) * 4096
            + (age + 1024) * 2
            + sa.case((col(Member.gender) == "M", 1), else_=0)
        )
        listed = joined.with_only_columns(sa.func.group_concat(packed, type_=sa.String))
        counts: Counter[str] = Counter()
        for statement in _sqlite_chunks(connection, listed, cells is not None and few):
            text = connection.execute(statement).scalar()
            if text:
                counts.update(text.split(","))
        for key, count in counts.items():
            number = int(key)
            cell_id = number >> 12
            if cells is None or cell_id in cells:
                histogram = histograms.get(cell_id)
                if histogram is None:
                    histogram = histograms[cell_id] = {}
                histogram[(number & 4095) - 2048] = count  # age * 2 + man
        return histograms
    grouped = joined.with_only_columns(col(Membership.cell_id), col(Member.gender), age, sa.func.count())
    for cell_id, gender, years, count in connection.execute(
        grouped.group_by(col(Membership.cell_id), col(Member.gender), age)
    ):
        if cells is None or cell_id in cells:
            histograms.setdefault(cell_id, {})[int(years) * 2 + (gender == "M")] = int(count)
    return histograms


def _sqlite_chunks(connection: sa.Connection, query: sa.Select[Any], few: bool) -> list[sa.Select[Any]]:
    """``query`` over the memberships in ranges of :data:`SQLITE_CHUNK` ids (each a range of the table in
    its own order); the whole of it when it reads a few cells through their index."""
    if few:
        return [query]
    ids = col(Membership.id)  # each of min and max alone: SQLite then reads one end of the table
    low, high = connection.execute(
        sa.select(
            sa.select(sa.func.min(ids)).scalar_subquery(), sa.select(sa.func.max(ids)).scalar_subquery()
        )
    ).one()
    if low is None:
        return []
    return [
        query.where(col(Membership.id) >= first, col(Membership.id) < first + SQLITE_CHUNK)
        for first in range(low, high + 1, SQLITE_CHUNK)
    ]


def _merged(histograms: list[Histogram]) -> Histogram:
    """The histograms added together (a new dict; the first is returned as it is when it is the only one)."""
    if len(histograms) == 1:
        return histograms[0]
    total: Histogram = {}
    for histogram in histograms:
        for key, count in histogram.items():
            total[key] = total.get(key, 0) + count
    return total


def _roll_up(session: Session, at: date, by: str, per_cell: Histograms, skip: set[int]) -> Histograms:
    """Each cell's histogram added to every organisation of kind ``by`` (cell: cells and base organisations)
    above it, itself included, in the tree as of ``at``; the organisations in ``skip`` (not rows of the
    report) are left out."""
    kinds = ("base",) if by == "base" else ("cell", "base")
    closure = (
        select(OrgClosureSpan.ancestor_id, OrgClosureSpan.descendant_id)
        .join(Organisation, col(Organisation.id) == OrgClosureSpan.ancestor_id)
        .where(col(Organisation.kind).in_(kinds), span_on(at))
    )
    parts: dict[int, list[Histogram]] = defaultdict(list)
    for ancestor_id, descendant_id in session.connection().execute(closure):
        histogram = per_cell.get(descendant_id)
        if histogram is not None and ancestor_id not in skip:
            parts[ancestor_id].append(histogram)
    return {ancestor_id: _merged(histograms) for ancestor_id, histograms in parts.items()}


def ageing_report(
    *,
    session: Session,
    at: date,
    org_code: str | None = None,
    by: str = "cell",
    bands: tuple[int, ...] | None = None,
    settings: Settings,
) -> View:
    """Members by age band on ``at``, one row per cell (or base organisation), with totals."""
    org_code = default_org(session=session, org_code=org_code)  # a scoped login: its own subtree
    if by not in ("cell", "base"):
        raise InvalidValue("by", by, "value.choice", choices="cell, base")
    bands = bands or settings.age_bands
    labels = band_labels(bands)
    root = get_org(session=session, code=org_code) if org_code else None
    cells: set[int] | None = None
    few = False
    if root is not None:
        assert root.id is not None
        few_cells = cells_to_read(session, [root.id], at)
        few = few_cells is not None
        cells = (
            few_cells if few_cells is not None else set(session.execute(subtree_at(root.id, at)).scalars())
        )
    # a base organisation with cells (on that day) is not itself a row of --by cell: its cells are
    parents = parents_on(session=session, on=at) if by == "cell" else set()
    histograms = _roll_up(session, at, by, _cell_histograms(session, at, cells, few), parents)
    orgs = orgs_on(session=session, on=at, ids=list(histograms))  # named as they were that day
    rows = [
        _row(orgs[org_id].code, orgs[org_id].name, histograms[org_id], bands, labels, settings)
        for org_id in sorted(histograms, key=lambda i: orgs[i].code)
    ]
    total = _merged([{}, *histograms.values()])
    totals = _row(root.code if root else "TOTAL", root.name if root else "", total, bands, labels, settings)
    # A band's column is headed by the band itself ("18-30"), kept on one line; a terminal leaves out the
    # name, the median, the young and the genders.
    columns = [
        Column("org"),
        Column("name", terminal=False),
        Column("members", Kind.int),
        *(Column(f"band:{label}", Kind.int, label=Title(text=label), wrap=False) for label in labels),
        Column("average_age", Kind.number),
        Column("median_age", Kind.number, terminal=False),
        Column("percent_young", Kind.percent, terminal=False),
        Column("percent_over_60", Kind.percent),
        Column("men", Kind.int, terminal=False),
        Column("women", Kind.int, terminal=False),
        Column("ageing", codes="ageing"),
    ]
    for row in [*rows, totals]:  # flat band columns for tables, csv and xlsx; JSON keeps the object
        for label in labels:
            row[f"band:{label}"] = row["bands"][label]
    men = {key >> 1: count for key, count in total.items() if key & 1}
    women = {key >> 1: count for key, count in total.items() if not key & 1}
    pyramid = [
        {"band": label, "men": -_count(men, label, bands), "women": _count(women, label, bands)}
        for label in labels
    ]
    return View(
        Shape.report,
        name="ageing",
        title=Title("report.ageing_title", {"at": at, "org": scope(session, root)}),
        document=document(session, root, Title("document.subject.ageing", {"at": at}), at, settings),
        columns=columns,
        rows=rows,
        totals=totals,
        chart=Chart("pyramid", Title("report.pyramid"), "band", ("men", "women"), data=pyramid),
        data={"at": at.isoformat(), "by": by, "pyramid": pyramid},
    )


def _band_of(years: int, bands: tuple[int, ...]) -> int:
    for index, high in enumerate(bands):
        if years <= high:
            return index
    return len(bands)


_LABEL_OF: dict[tuple[int, ...], dict[int, str]] = {}
"""A band's label by age, for each set of bands: ages repeat in every row of a report."""


def _count(histogram: dict[int, int], label: str, bands: tuple[int, ...]) -> int:
    labels = band_labels(bands)
    return sum(n for years, n in histogram.items() if labels[_band_of(years, bands)] == label)


def _row(
    code: str,
    name: str,
    histogram: Histogram,
    bands: tuple[int, ...],
    labels: list[str],
    settings: Settings,
) -> dict[str, Any]:
    merged: dict[int, int] = {}
    men = 0
    for key, count in histogram.items():
        years = key >> 1
        merged[years] = merged.get(years, 0) + count
        if key & 1:
            men += count
    by_band = dict.fromkeys(labels, 0)
    label_of = _LABEL_OF.setdefault(bands, {})
    members = young = old = all_years = 0
    for years, count in merged.items():
        label = label_of.get(years)
        if label is None:
            label = label_of[years] = labels[_band_of(years, bands)]
        by_band[label] += count
        members += count
        all_years += years * count
        if years <= bands[0]:
            young += count
        if years > 60:
            old += count
    average = ratio(all_years, members) if members else None
    percent_over_60 = percent(old, members)
    reasons = []
    if percent_over_60 is not None and percent_over_60 >= settings.ageing_over_60_percent:
        reasons.append("over_60")
    if average is not None and average >= settings.ageing_average_age:
        reasons.append("average_age")
    return {
        "org": code,
        "name": name,
        "members": members,
        "bands": by_band,
        "average_age": average,
        "median_age": median(merged),
        "percent_young": percent(young, members),
        "percent_over_60": percent_over_60,
        "men": men,
        "women": members - men,
        "ageing": bool(reasons) if members else None,
        "ageing_reasons": reasons,
    }


CHANGE_KEYS = ("members", "average_age", "percent_young", "percent_over_60")


def with_comparison(report: View, earlier: View) -> View:
    """``report`` with the change since ``earlier`` (another date) beside each figure: ``change_<key>``
    (a terminal shows the change of members and of the average age)."""
    before = {row["org"]: row for row in earlier.rows}

    def changed(row: Row, then: Row | None) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        for key in CHANGE_KEYS:
            now_value, then_value = row.get(key), then.get(key) if then else None
            change = None
            if now_value is not None and then_value is not None:
                change = (
                    round_half_up(now_value - then_value, 1)
                    if isinstance(now_value, float)
                    else now_value - then_value
                )
            changes[f"change_{key}"] = change
        return {**row, **changes}

    columns = [
        Column(
            f"change_{key}",
            Kind.int if key == "members" else Kind.number,
            terminal=key in ("members", "average_age"),
        )
        for key in CHANGE_KEYS
    ]
    return replace(
        report,
        rows=[changed(row, before.get(row["org"])) for row in report.rows],
        totals=changed(report.totals, earlier.totals),
        columns=[*report.columns, *columns],
        data={**(report.data or {}), "compare": (earlier.data or {})["at"]},
    )
