"""``dangvien calendar``: the working-day calendar the deadlines count, and what it says of a date.

``days-off YEAR`` lists a year's weekdays off and days worked against expectation, each with its document;
``add DATE N`` gives the date N working days later (earlier when N is negative); ``count FROM TO`` the working
days after FROM up to TO. The calendar is the one in force for the run: the package's checked years, the
library's for other years, and the local file the settings name (``[calendar] extra``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dangvien_cli.cli.common import app_context
from dangvien_cli.cli.options import FormatOption
from dangvien_cli.cli.output import emit
from dangvien_cli.domain.dates import parse_date
from dangvien_cli.errors import InvalidValue
from dangvien_cli.messages import t
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Column, Kind, Title, list_view, record_view

if TYPE_CHECKING:
    from dangvien_cli.domain.calendar import CalendarDay, WorkCalendar

app = typer.Typer(help="help.calendar")

MAX_DAYS = 10_000  # about forty years of working days: anything beyond is a typing slip
FIRST_YEAR, LAST_YEAR = 1901, 2100  # the years the library's Vietnamese calendar covers


def _columns(lang: str) -> list[Column]:
    return [
        Column("date", Kind.date, wrap=False),
        Column("weekday", codes="weekday", wrap=False),
        Column("kind", codes="day_kind", wrap=False),
        Column("name" if lang == "vi" else "name_en"),
        Column("source", label=Title("column.basis")),
    ]


def _row(day: CalendarDay) -> dict[str, Any]:
    return {
        "date": day.day.isoformat(),
        "weekday": day.day.isoweekday(),
        "kind": day.kind.value,
        "name": day.name,
        "name_en": day.name_en,
        "source": day.source,
        "origin": day.origin.value,
    }


def _calendar(ctx: typer.Context) -> WorkCalendar:
    from dangvien_cli.domain.settings import calendar_of

    return calendar_of(app_context(ctx).settings)


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _span(calendar: WorkCalendar, first: date, last: date) -> list[dict[str, Any]]:
    """The listed days (days off, days worked) strictly after ``first`` up to ``last``."""
    return [
        _row(day)
        for year in range(first.year, last.year + 1)
        for day in calendar.listed(year)
        if first < day.day <= last
    ]


def _answer(
    ctx: typer.Context, fmt: OutputFormat, record: dict[str, Any], line: str, first: date, last: date
) -> None:
    """The answer: for people, one line and the listed days it stepped over; for scripts, a record."""
    lang = app_context(ctx).lang
    record["listed_days"] = _span(_calendar(ctx), first, last)
    if fmt is not OutputFormat.table:
        columns = _columns(lang)
        emit(
            record_view(
                record, Title(text=line), sections=[("listed_days", Title("calendar.span_title"), columns)]
            ),
            fmt,
            lang,
        )
        return
    typer.echo(line)
    if record["listed_days"]:
        emit(list_view(Title("calendar.span_title"), record["listed_days"], _columns(lang)), fmt, lang)


@app.command("days-off", help="help.calendar.days_off")
def days_off(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(metavar="metavar.year", help="help.calendar.days_off.year")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """``calendar days-off YEAR``: the weekdays off and the days worked in their place, with their sources."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidValue("year", year, "calendar.year_range", first_year=FIRST_YEAR, last_year=LAST_YEAR)
    app_ctx = app_context(ctx)
    calendar = _calendar(ctx)
    checked = t("calendar.checked" if calendar.is_verified(year) else "calendar.unchecked", app_ctx.lang)
    rows = [_row(day) for day in calendar.listed(year)]
    title = Title("calendar.title", {"year": year, "checked": checked})
    emit(list_view(title, rows, _columns(app_ctx.lang)), fmt, app_ctx.lang)


@app.command(
    "add",
    help="help.calendar.add",
    context_settings={"ignore_unknown_options": True},  # N may be -30
)
def add(
    ctx: typer.Context,
    start: Annotated[str, typer.Argument(metavar="metavar.date", help="help.calendar.add.date")],
    days: Annotated[int, typer.Argument(metavar="metavar.number", help="help.calendar.add.days")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """``calendar add DATE N``: the date N working days after DATE (before it when N is negative)."""
    from dangvien_cli.domain.workdays import add_working_days

    if not -MAX_DAYS <= days <= MAX_DAYS:
        raise InvalidValue("days", days, "calendar.days_range", limit=MAX_DAYS)
    lang = app_context(ctx).lang
    first = parse_date(start, "date")
    result = add_working_days(first, days, _calendar(ctx))
    key = "calendar.add_result" if days >= 0 else "calendar.subtract_result"
    line = t(key, lang, start=_dmy(first), days=abs(days), result=_dmy(result))
    record = {"start": first.isoformat(), "working_days": days, "date": result.isoformat()}
    _answer(ctx, fmt, record, line, min(first, result), max(first, result))


@app.command("count", help="help.calendar.count")
def count(
    ctx: typer.Context,
    start: Annotated[str, typer.Argument(metavar="metavar.date", help="help.calendar.count.start")],
    end: Annotated[str, typer.Argument(metavar="metavar.date", help="help.calendar.count.end")],
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """``calendar count FROM TO``: working days after FROM up to and including TO (negative when TO comes
    first)."""
    from dangvien_cli.domain.workdays import working_days_between

    lang = app_context(ctx).lang
    first, last = parse_date(start, "from"), parse_date(end, "to")
    calendar = _calendar(ctx)
    number = (
        working_days_between(first, last, calendar)
        if last >= first
        else -working_days_between(last, first, calendar)
    )
    line = t("calendar.count_result", lang, start=_dmy(first), end=_dmy(last), count=number)
    record = {"from": first.isoformat(), "to": last.isoformat(), "working_days": number}
    _answer(ctx, fmt, record, line, min(first, last), max(first, last))
