"""``dangvien report monthly``: the paper a cell brings to its monthly meeting (sinh hoạt chi bộ).

One cell to the terminal (rich sections), as JSON, Markdown or xlsx (one sheet per section); or, with
``--org`` and ``--out-dir``, one file per cell of a subtree, named ``<cell>-<YYYY-MM>.<ext>``.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dangvien_cli.cli.common import RedactOption, app_context, redacted
from dangvien_cli.cli.output import Column, display, header, notice, write_json
from dangvien_cli.cli.report_output import ForceOption, OutputOption, ReportFormat, text_cells
from dangvien_cli.errors import InvalidValue
from dangvien_cli.messages import t
from dangvien_cli.render.xlsx_cells import xlsx_guard
from dangvien_cli.text import neutralise

if TYPE_CHECKING:
    from dangvien_cli.reports.model import ReportColumn
    from dangvien_cli.reports.monthly import MonthlyReport

MonthlyFormatOption = Annotated[
    ReportFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="table | json | md | xlsx (xlsx needs -o FILE); with --out-dir: md (default) | json | xlsx.",
    ),
]
_EXTENSIONS = {ReportFormat.md: "md", ReportFormat.json: "json", ReportFormat.xlsx: "xlsx"}


def monthly(
    ctx: typer.Context,
    month: Annotated[str, typer.Option("--month", help="Tháng / the month, YYYY-MM (2024-05).")],
    cell: Annotated[str | None, typer.Option("--cell", help="Mã chi bộ / the cell's code.")] = None,
    org: Annotated[
        str | None,
        typer.Option("--org", help="Mọi chi bộ của tổ chức này (với --out-dir) / every cell in it."),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out-dir", help="Ghi mỗi chi bộ một tệp vào thư mục / one file per cell, in DIR."),
    ] = None,
    fmt: MonthlyFormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    redact: RedactOption = False,
) -> None:
    """Báo cáo tháng của chi bộ. / The monthly cell report."""
    from dangvien_cli.domain.settings import load_settings
    from dangvien_cli.reports.monthly import cells_under, monthly_report, parse_month

    app_ctx = app_context(ctx)
    lang = app_ctx.lang
    first = parse_month(month)
    if cell is not None and org is not None:
        raise InvalidValue("org", org, "monthly.cell_or_org")
    settings = load_settings()

    if out_dir is None:
        if cell is None:
            raise InvalidValue("cell", org or "", "monthly.cell_required")
        chosen = fmt or ReportFormat.table
        if output is not None and output.exists() and not force:
            raise InvalidValue("output", str(output), "export.exists")
        if chosen is ReportFormat.xlsx and output is None:
            raise InvalidValue("format", chosen.value, "export.xlsx_needs_file")
        with app_ctx.reader() as session:
            report = monthly_report(session=session, cell_code=cell, month=first, settings=settings)
        _emit(_redacted(report, redact), chosen, lang, output)
        return

    if output is not None:
        raise InvalidValue("output", str(output), "monthly.output_with_out_dir")
    chosen = fmt or ReportFormat.md
    if chosen not in _EXTENSIONS:
        raise InvalidValue("format", chosen.value, "value.choice", choices="md, json, xlsx")
    if cell is None and org is None:
        raise InvalidValue("org", "", "monthly.cell_required")
    with app_ctx.reader() as session:
        codes = [cell] if cell is not None else cells_under(session=session, org_code=org or "")
        label = f"{first.year:04d}-{first.month:02d}"
        paths = [out_dir / f"{_file_safe(code)}-{label}.{_EXTENSIONS[chosen]}" for code in codes]
        # Refuse before writing anything, so that a second run does not leave half the folder replaced.
        existing = [path for path in paths if path.exists()]
        if existing and not force:
            raise InvalidValue("output", str(existing[0]), "export.exists")
        out_dir.mkdir(parents=True, exist_ok=True)
        for code, path in zip(codes, paths, strict=True):
            report = monthly_report(session=session, cell_code=code, month=first, settings=settings)
            _emit(_redacted(report, redact), chosen, lang, path)
            notice(t("done.monthly_written", lang, path=str(path)))
    if chosen is ReportFormat.json:
        write_json([str(path) for path in paths])


def _redacted(report: MonthlyReport, redact: bool) -> MonthlyReport:
    """The report with the people in its lists redacted (``--redact``)."""
    if redact:
        report.lists = {key: redacted(rows, redact) for key, rows in report.lists.items()}
    return report


def _file_safe(code: str) -> str:
    return "".join("_" if ch in '/\\:*?"<>|' else ch for ch in code)


def _emit(report: MonthlyReport, fmt: ReportFormat, lang: str, output: Path | None) -> None:
    """Print ``report`` in ``fmt``, or write it to ``output`` (the caller has checked overwriting)."""
    if fmt is ReportFormat.xlsx:
        assert output is not None
        with xlsx_guard(output):
            _xlsx(report, output, lang)
        return
    if fmt is ReportFormat.json:
        text = json.dumps(report.as_json(), ensure_ascii=False, indent=2) + "\n"
    elif fmt is ReportFormat.csv:
        text = _csv(report)
    elif fmt is ReportFormat.md:
        text = _markdown(report, lang)
    else:
        from rich.console import Console

        from dangvien_cli.cli.output import console

        target = console() if output is None else Console(file=io.StringIO(), width=160, record=True)
        for part in _rich_parts(report, lang):
            target.print(part)
        if output is None:
            return
        text = target.export_text()
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def _csv(report: MonthlyReport) -> str:
    """The paper as one long table, ``section,row,field,value``: every figure and every list, losslessly (the
    paper's parts have different columns, so they cannot share one header line)."""
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "row", "field", "value"])
    for key, value in report.as_json().items():
        if isinstance(value, list):
            for index, item in enumerate(value):
                for field, cell in item.items() if isinstance(item, dict) else [("value", item)]:
                    writer.writerow([key, index, field, "" if cell is None else neutralise(cell)])
        elif isinstance(value, dict):
            for field, cell in value.items():
                writer.writerow(
                    [
                        key,
                        "",
                        field,
                        ""
                        if cell is None
                        else neutralise(
                            json.dumps(cell, ensure_ascii=False) if isinstance(cell, (dict, list)) else cell
                        ),
                    ]
                )
        else:
            writer.writerow(["summary", "", key, "" if value is None else neutralise(value)])
    return out.getvalue()


# --- the parts of the paper, in any format ----------------------------------------------------------------


def _value(value: Any, column: ReportColumn, lang: str) -> str:
    if value is None:
        return ""
    if column.kind == "percent":
        return f"{value:.1f}%"
    return display(value, Column(column.key, column.codes), lang)


def _title(report: MonthlyReport, lang: str) -> str:
    return t("monthly.title", lang, **report.title_params)


def _summary(report: MonthlyReport, lang: str) -> list[tuple[str, str]]:
    """The figures as (label, value); candidates by stage under their total."""
    pairs: list[tuple[str, str]] = []
    for key, value in report.summary().items():
        pairs.append((t(f"monthly.summary.{key}", lang), str(value)))
        if key == "candidates":
            pairs += [
                (f"- {t(f'stage.{stage}', lang)}", str(count))
                for stage, count in report.candidates_by_stage.items()
                if count
            ]
    return pairs


def _quota(report: MonthlyReport, lang: str) -> list[tuple[str, str]] | None:
    from dangvien_cli.reports.quota import QUOTA_COLUMNS

    if report.quota is None:
        return None
    return [(header(c.key, lang), _value(report.quota.get(c.key), c, lang)) for c in QUOTA_COLUMNS]


def _sections(report: MonthlyReport, lang: str) -> list[tuple[str, str, tuple[ReportColumn, ...], list[Any]]]:
    """Each list as (key, title, columns, rows)."""
    from dangvien_cli.reports.monthly import SECTIONS

    data = report.as_json()
    return [(s.key, t(s.title_key, lang), s.columns, data[s.key]) for s in SECTIONS]


def _rich_parts(report: MonthlyReport, lang: str) -> list[Any]:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    def pairs_table(title: str, pairs: list[tuple[str, str]]) -> Table:
        table = Table(title=Text(title), title_justify="left", show_header=False, box=box.SIMPLE)
        table.add_column(style="bold")
        table.add_column(justify="right")
        for label, value in pairs:
            table.add_row(Text(label), Text(value))
        return table

    parts: list[Any] = [
        Text(_title(report, lang), style="bold"),
        pairs_table(t("monthly.section.summary", lang), _summary(report, lang)),
    ]
    for _key, title, columns, rows in _sections(report, lang):
        if not rows:
            parts.append(Text(f"{title}: {t('monthly.none', lang)}"))
            continue
        table = Table(title=Text(f"{title} ({len(rows)})"), title_justify="left", box=box.SIMPLE_HEAD)
        for column in columns:
            table.add_column(header(column.key, lang), justify="right" if column.kind == "int" else "left")
        for row in rows:
            table.add_row(*(Text(_value(row.get(c.key), c, lang)) for c in columns))
        parts.append(table)
    quota_title = t("monthly.section.quota", lang, base=report.base)
    quota = _quota(report, lang)
    parts.append(
        pairs_table(quota_title, quota) if quota else Text(f"{quota_title}: {t('monthly.no_quota', lang)}")
    )
    return parts


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(report: MonthlyReport, lang: str) -> str:
    out = io.StringIO()
    out.write(f"# {_title(report, lang)}\n\n")

    def pairs(title: str, items: list[tuple[str, str]]) -> None:
        out.write(f"## {title}\n\n| | |\n|---|---:|\n")
        for label, value in items:
            out.write(f"| {_md_cell(label)} | {_md_cell(value)} |\n")
        out.write("\n")

    pairs(t("monthly.section.summary", lang), _summary(report, lang))
    for _key, title, columns, rows in _sections(report, lang):
        out.write(f"## {title} ({len(rows)})\n\n")
        if not rows:
            out.write(f"_{t('monthly.none', lang)}_\n\n")
            continue
        out.write("| " + " | ".join(header(c.key, lang) for c in columns) + " |\n")
        out.write("|" + "|".join("---:" if c.kind == "int" else "---" for c in columns) + "|\n")
        for row in rows:
            out.write("| " + " | ".join(_md_cell(_value(row.get(c.key), c, lang)) for c in columns) + " |\n")
        out.write("\n")
    quota_title = t("monthly.section.quota", lang, base=report.base)
    quota = _quota(report, lang)
    if quota:
        pairs(quota_title, quota)
    else:
        out.write(f"## {quota_title}\n\n_{t('monthly.no_quota', lang)}_\n")
    return out.getvalue()


def _xlsx(report: MonthlyReport, path: Path, lang: str) -> None:
    """One sheet per section: the summary first, the quota last. Values stay raw (ISO dates, figures)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from dangvien_cli.reports.quota import QUOTA_COLUMNS

    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = "summary"
    summary.append([_title(report, lang)])
    summary["A1"].font = Font(bold=True, size=13)
    for key, figure in report.summary().items():
        summary.append([t(f"monthly.summary.{key}", lang), figure])
    summary.column_dimensions["A"].width = 30
    for key, title, columns, rows in _sections(report, lang):
        sheet = workbook.create_sheet(key[:31])
        sheet.append([title])
        sheet["A1"].font = Font(bold=True)
        sheet.append([header(c.key, lang) for c in columns])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(
                [
                    t(f"{c.codes}.{row.get(c.key)}", lang) if c.codes and row.get(c.key) else row.get(c.key)
                    for c in columns
                ]
            )
    quota = workbook.create_sheet("quota")
    quota.append([t("monthly.section.quota", lang, base=report.base)])
    quota["A1"].font = Font(bold=True)
    if report.quota is None:
        quota.append([t("monthly.no_quota", lang)])
    else:
        for column in QUOTA_COLUMNS:
            value: Any = report.quota.get(column.key)
            if column.codes and value is not None:
                value = t(f"{column.codes}.{value}", lang)
            quota.append([header(column.key, lang), value])
    quota.column_dimensions["A"].width = 30
    for sheet in workbook.worksheets:
        text_cells(sheet)
    workbook.save(path)
