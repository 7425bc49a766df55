"""``dangvien db``: where the database is, its schema revision, upgrades, checks, backups and restores, and a
ward's own file (``extract``)."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Annotated, Any

import typer

from dangvien_cli.cli.common import AppContext, app_context
from dangvien_cli.cli.options import FormatOption
from dangvien_cli.cli.output import emit, notice
from dangvien_cli.errors import DangvienError
from dangvien_cli.messages import nt, reason_params, t
from dangvien_cli.render.formats import OutputFormat
from dangvien_cli.render.model import Column, Kind, Section, Shape, Title, View, record_view

app = typer.Typer(help="help.db")

ROW_COUNT_COLUMNS = [
    Column("table", label=Title("label.table")),
    Column("rows", Kind.int, label=Title("label.rows")),
]
CHECK_COLUMNS = [
    Column(key, label=Title(f"label.check_{key}")) for key in ("code", "entity", "id", "message")
]


@app.command("status", help="help.db.status")
def status(ctx: typer.Context, fmt: FormatOption = OutputFormat.table) -> None:
    """URL (password hidden), revisions and row counts."""
    from dangvien_cli.store.engine import mask_url, sqlite_path
    from dangvien_cli.store.migrate import current_revision, head_revision, row_counts

    app_ctx = app_context(ctx)
    database = app_ctx.database(migrate=False)  # status reports the revision; it does not change it
    url, engine = database.url, database.engine
    counts = row_counts(engine)
    record: dict[str, Any] = {
        "url": mask_url(url),
        "current_revision": current_revision(engine),
        "head_revision": head_revision(),
        "row_counts": counts,
    }
    path = sqlite_path(url)
    if path is not None and path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
        record["file_mode"] = oct(mode)
        if mode & 0o077:
            notice(t("label.permissions_warning", app_ctx.lang, path=str(path), mode=oct(mode)))
    # JSON: the whole record; CSV: the row counts; a table: the record, then the row counts.
    rows = [{"table": name, "rows": count} for name, count in counts.items()]
    if fmt is OutputFormat.table:  # for people: each table by the kind of record it holds
        rows = [{**row, "table": _table_label(row["table"], app_ctx.lang)} for row in rows]
    summary = record_view({k: v for k, v in record.items() if k != "row_counts"}, Title("title.db_status"))
    counted = Section("row_counts", Title("title.row_counts"), ROW_COUNT_COLUMNS, rows)
    view = View(Shape.record, rows=rows, sections=[*summary.sections, counted], data=record)
    emit(view, fmt, app_ctx.lang)


@app.command("upgrade", help="help.db.upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Migrate the schema to head."""
    from dangvien_cli.store.checks import control_character_problems
    from dangvien_cli.store.migrate import backup_before_upgrade, checked_revision, current_revision, upgrade

    app_ctx = app_context(ctx)
    database = app_ctx.database(migrate=False)
    current = checked_revision(database.engine)  # a newer or unrecorded schema: refused, nothing copied
    saved = backup_before_upgrade(database.engine, current)
    if saved is not None:
        notice(t("db.upgrade_backup", app_ctx.lang, file=str(saved)))
    upgrade(database.engine)
    notice(t("done.upgraded", app_ctx.lang, revision=current_revision(database.engine)))
    with database.engine.connect() as connection:  # what older versions let in, now said once
        stained = len(control_character_problems(connection))
    if stained:
        notice(nt("db.control_characters", stained, app_ctx.lang))


@app.command("check", help="help.db.check")
def check(ctx: typer.Context, fmt: FormatOption = OutputFormat.table) -> None:
    """Check integrity and invariants; exit 1 on a problem.

    SQLite's integrity and foreign-key checks, then the tool's own rules: every member in exactly one cell
    on every day from admission to leaving, no stage dates running backwards, every admission linking a
    candidate and a member."""
    from dangvien_cli.store.engine import resolve_url, sqlite_path

    app_ctx = app_context(ctx)
    lang = app_ctx.lang
    path = sqlite_path(resolve_url(app_ctx.db))
    if path is not None and not path.exists():  # a mistyped path is said, not checked as a new empty file
        raise DangvienError("db.no_database", path=str(path))
    problems = _checked(app_ctx)
    rows = [
        {**p.as_dict(), "message": _problem_text(p.code, p.entity, p.id, p.params, lang)} for p in problems
    ]
    if problems or fmt is not OutputFormat.table:
        view = View(
            Shape.list,
            title=Title("db.check_title", {"count": len(problems)}),
            columns=CHECK_COLUMNS,
            rows=[{c.key: row[c.key] for c in CHECK_COLUMNS} for row in rows],
            data={"ok": not problems, "problems": rows},  # JSON: the problems with their parameters
        )
        emit(view, fmt, lang)
    else:
        notice(t("db.check_ok", lang))
    if problems:
        raise typer.Exit(1)


def _table_label(name: str, lang: str) -> str:
    """A table as people call what it holds (``member``: "đảng viên"); a table the catalogue lacks as it
    is."""
    label = t(f"entity.{name}", lang)
    return name if label == f"entity.{name}" else label


def _checked(app_ctx: AppContext) -> list[Any]:
    """The problems :func:`check_database` finds; a file that cannot even be opened as a database (not
    SQLite at all, or cut short) is one problem too: damage to report, not an error of the command."""
    import sqlite3

    import sqlalchemy as sa

    from dangvien_cli.store.checks import CheckProblem, check_database

    try:
        engine = app_ctx.database(migrate=False).engine  # a check changes nothing
        return check_database(engine)
    except (sa.exc.DBAPIError, sqlite3.DatabaseError) as error:
        orig = getattr(error, "orig", None) or error
        detail = str(orig).splitlines()[0] if str(orig) else type(orig).__name__
        return [CheckProblem("sqlite.unreadable_file", params={"detail": detail})]


def _problem_text(
    code: str, entity: str | None, row_id: int | None, params: dict[str, Any], lang: str
) -> str:
    """A problem for people: the record (its kind in the run's language) and what is wrong with it."""
    from dangvien_cli.domain.vocab import Stage

    where = ""
    if entity is not None and row_id is not None:
        where = f"{t('check.record', lang, **reason_params({'entity': entity}, lang), id=row_id)}: "
    labelled = {k: Stage(v) if k == "stage" and v in Stage.codes() else v for k, v in params.items()}
    return where + t(f"check.{code}", lang, **reason_params(labelled, lang))


YES = ("y", "yes", "c", "co")
NO = ("n", "no", "k", "khong")


def _confirm(question: str, lang: str) -> bool:
    """Ask ``question`` in the run's language (Click's own prompt says ``[y/N]`` and "invalid input" in
    English): yes is y/yes in English and c/có in Vietnamese, either accepted in both; no answer is no. The
    end of the input aborts (exit code 1, "Đã dừng.")."""
    import sys

    from dangvien_cli.domain.names import fold

    while True:
        typer.echo(f"{question} [{t('cli.yes_no', lang)}]: ", nl=False)
        line = sys.stdin.readline()
        if not line:
            typer.echo()
            raise typer.Abort()
        answer = fold(line.strip())
        if answer in YES:
            return True
        if answer in NO or not answer:
            return False
        typer.echo(t("cli.answer_yes_or_no", lang))


def _sqlite_file(app_ctx: AppContext, command: str) -> Path:
    """The SQLite file a backup or restore works on; on PostgreSQL, the tools that do it there."""
    from dangvien_cli.store.engine import resolve_url, sqlite_path

    url = resolve_url(app_ctx.db)
    path = sqlite_path(url)
    if path is None:
        raise DangvienError(f"db.{command}_postgres")
    return path


def _busy_timeout_s() -> float:
    from dangvien_cli.store import engine

    return engine.BUSY_TIMEOUT_MS / 1000


@app.command("backup", help="help.db.backup")
def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="metavar.file", help="help.db.backup.file")],
    overwrite: Annotated[bool, typer.Option("--force", "--overwrite", help="help.db.backup.force")] = False,
) -> None:
    """An online, consistent copy, readable by you only."""
    from dangvien_cli.store.backup import backup_sqlite

    app_ctx = app_context(ctx)
    path = _sqlite_file(app_ctx, "backup")
    if not path.exists():
        raise DangvienError("db.no_database", path=str(path))
    # --force also backs up a database that fails its integrity check (otherwise refused)
    written = backup_sqlite(path, file, overwrite=overwrite, force=overwrite, timeout_s=_busy_timeout_s())
    notice(t("db.backed_up", app_ctx.lang, file=str(written)))


@app.command("restore", help="help.db.restore")
def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="metavar.file", help="help.db.restore.file")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="help.db.restore.yes")] = False,
) -> None:
    """Replace all data with a backup's."""
    from dangvien_cli.store.backup import check_restore_source, restore_sqlite

    app_ctx = app_context(ctx)
    lang = app_ctx.lang
    path = _sqlite_file(app_ctx, "restore")
    check_restore_source(file, path)  # a missing or non-SQLite file is refused before asking
    if not yes and not _confirm(t("db.restore_confirm", lang, file=str(file), database=str(path)), lang):
        notice(t("db.restore_cancelled", lang))
        raise typer.Exit(1)
    revision = restore_sqlite(file, path, timeout_s=_busy_timeout_s())
    notice(t("db.restored", lang, file=str(file), database=str(path), revision=revision))


@app.command("extract", help="help.db.extract")
def extract(
    ctx: typer.Context,
    org: Annotated[str, typer.Option("--org", metavar="metavar.code", help="help.db.extract.org")],
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="metavar.file", help="help.db.extract.output")
    ],
    force: Annotated[bool, typer.Option("--force", help="help.db.extract.force")] = False,
) -> None:
    """A new SQLite file of one organisation's subtree: its organisations, people and history."""
    from dangvien_cli.errors import InvalidValue
    from dangvien_cli.store.engine import resolve_url, sqlite_path
    from dangvien_cli.store.extract import extract_subtree

    app_ctx = app_context(ctx)
    lang = app_ctx.lang
    source = sqlite_path(resolve_url(app_ctx.db))
    if source is not None and source.resolve() == output.resolve():
        raise InvalidValue("output", str(output), "extract.same_file")
    with app_ctx.reader() as session:
        summary = extract_subtree(session=session, org_code=org, target=output, force=force)
    rows = summary.rows
    notice(
        t(
            "extract.done",
            lang,
            file=str(summary.file),
            org=summary.org,
            orgs=rows["organisation"],
            members=rows["member"],
            candidates=rows["candidate"],
        )
    )
    if summary.references_left_out:
        notice(nt("extract.left_out", summary.references_left_out, lang, org=summary.org))
