"""``dangvien demo``: a throwaway database filled from sample_data/, and a short guided tour of it."""

from __future__ import annotations

import os
import shlex
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from dangvien_cli.cli.common import app_context
from dangvien_cli.errors import InvalidValue
from dangvien_cli.messages import t

LISTS = ("orgs", "members", "candidates", "reviews", "quotas")
SAMPLE_TODAY = "2025-12-31"  # the tour's "today": the sample city's 2025 is complete


def sample_folder() -> Path:
    """The sample city: inside the installed package (a wheel carries it), else the source tree's."""
    package_dir = Path(__file__).resolve().parent.parent
    for candidate in (
        package_dir / "sample_data" / "moncai",
        package_dir.parent.parent / "sample_data" / "moncai",
    ):
        if (candidate / "orgs.csv").is_file():
            return candidate
    raise InvalidValue("data", str(package_dir), "demo.no_sample")


DRAFTED_CANDIDATE = "505"  # a candidate of ward TP whose cell voted on 03/10/2022 (resolution 12-NQ/CB)
SHOWS_INCOMPLETE = "demo.step_dossier"  # dossier check exits 1 when it lists a dossier: that is its news


def draft_path(folder: Path) -> Path:
    """Where the demo writes its drafted resolution: ``du-thao-6-KND.docx`` in ``folder``, or the first
    ``du-thao-6-KND-N.docx`` that does not exist yet (a file already there is never replaced)."""
    path = folder / "du-thao-6-KND.docx"
    number = 1
    while path.exists() or path.is_symlink():
        number += 1
        path = folder / f"du-thao-6-KND-{number}.docx"
    return path


def _tour(data: Path, drafts: Path | None = None) -> list[tuple[str, list[str]]]:
    """(what it shows, the command's arguments); ``drafts`` is the folder the drafted resolution goes to."""
    dossier: list[tuple[str, list[str]]] = [
        (SHOWS_INCOMPLETE, ["dossier", "check", "--org", "TP", "--at", "2022-12-31"]),
    ]
    if drafts is not None:
        draft = ["draft", "6-KND", DRAFTED_CANDIDATE, "-o", str(draft_path(drafts))]
        dossier.append(("demo.step_draft", draft))
    return [
        *(("demo.step_import", ["import", name, str(data / f"{name}.csv")]) for name in LISTS),
        ("demo.step_tree", ["org", "list", "--under", "TP"]),
        ("demo.step_quota", ["report", "quota", "--year", "2022", "--org", "MC", "--at", "2022-12-31"]),
        ("demo.step_ageing", ["report", "ageing", "--org", "MC", "--by", "base", "--at", "2022-12-31"]),
        ("demo.step_pipeline", ["report", "pipeline", "--year", "2022", "--org", "MC"]),
        (
            "demo.step_outlook",
            [
                "report",
                "outlook",
                "--org",
                "MC",
                "--at",
                "2022-12-31",
                "--target",
                "2025=5000",
                "--target",
                "2030=10000",
                "--population-share",
                "4.5",
            ],
        ),
        ("demo.step_monthly", ["report", "monthly", "--cell", "TP-K1", "--month", "2022-10"]),
        ("demo.step_due", ["due", "--org", "TP", "--at", "2022-12-31", "--within", "31"]),
        ("demo.step_search", ["search", "nguyen van hung", "--limit", "5", "--at", "2022-12-31"]),
        *dossier,
        # 2025, and the reorganisation of 1 July 2025 (issue 14): the tree and the quotas on both sides
        ("demo.step_2025_before", ["import", "members", str(data / "members_2025_before.csv")]),
        ("demo.step_2025_before", ["import", "quotas", str(data / "quotas_2025.csv")]),
        ("demo.step_tree_before", ["org", "list", "--under", "TP", "--at", "2025-06-30"]),
        (
            "demo.step_quota_before",
            ["report", "quota", "--year", "2025", "--org", "MC", "--at", "2025-06-30"],
        ),
        ("demo.step_restructure", ["import", "restructure", str(data / "restructure_2025.csv")]),
        ("demo.step_2025_after", ["import", "members", str(data / "members_2025_after.csv")]),
        ("demo.step_tree_after", ["org", "list", "--under", "MC1"]),
        (
            "demo.step_quota_after",
            ["report", "quota", "--year", "2025", "--org", "MC1", "--at", "2025-12-31"],
        ),
    ]


def _relative(arg: str) -> str:
    """A path under the current folder as the user would type it; anything else unchanged."""
    if not arg.startswith("/"):
        return arg
    try:
        return str(Path(arg).relative_to(Path.cwd()))
    except ValueError:
        return arg


def demo(
    ctx: typer.Context,
    data: Annotated[
        Path | None, typer.Option("--data", metavar="metavar.folder", help="help.demo.data")
    ] = None,
) -> None:
    """Try the tool on a sample city. Without ``--db`` the database lives in a throwaway folder, removed
    when the tour ends (whether it ends well or not); with ``--db`` it stays, to explore afterwards. A step
    that fails stops the tour with its exit code."""
    app_ctx = app_context(ctx)
    folder = data or sample_folder()
    if app_ctx.db is not None:
        from dangvien_cli.store.engine import hide_password

        # the draft goes beside the database file (a server's database: the current folder)
        drafts = Path.cwd() if "://" in app_ctx.db else Path(app_ctx.db).expanduser().resolve().parent
        _tour_on(app_ctx.db, folder, app_ctx.lang, drafts)
        shown = hide_password(app_ctx.db, app_ctx.db)  # a URL's password is never printed
        sys.stdout.write("\n" + t("demo.done", app_ctx.lang, db=shown) + "\n")
        return
    with tempfile.TemporaryDirectory(prefix="dangvien-demo-") as scratch:
        _tour_on(str(Path(scratch) / "demo.db"), folder, app_ctx.lang, Path(scratch))
    sys.stdout.write("\n" + t("demo.done_removed", app_ctx.lang) + "\n")


def _tour_on(database: str, folder: Path, lang: str, drafts: Path | None = None) -> None:
    """Run the tour's steps on ``database``, in ``lang``; the first step that fails ends it (exit code).
    The drafted resolution is written into ``drafts``."""
    from typer.main import get_command

    from dangvien_cli.cli.app import app

    command = get_command(app)
    pinned = os.environ.get("DANGVIEN_TODAY")
    os.environ["DANGVIEN_TODAY"] = SAMPLE_TODAY  # the sample's lists run to the end of 2025
    try:
        for step, args in _tour(folder, drafts):
            shown = shlex.join(_relative(arg) for arg in args)
            sys.stdout.write(f"\n## {t(step, lang)}\n» dangvien {shown}\n")
            sys.stdout.flush()
            try:
                code = command.main(
                    args=["--db", database, "--lang", lang, *args],
                    prog_name="dangvien",
                    standalone_mode=False,
                )
            except SystemExit as stop:  # a command that ended with an exit code
                code = stop.code
            if code == 1 and step == SHOWS_INCOMPLETE:
                continue
            if code:  # not standalone: an exit code is returned, not raised; the step said what went wrong
                code = code if isinstance(code, int) else 1
                sys.stderr.write(t("demo.step_failed", lang, command=f"dangvien {shown}", code=code) + "\n")
                raise typer.Exit(code)
    finally:
        if pinned is None:
            os.environ.pop("DANGVIEN_TODAY", None)
        else:
            os.environ["DANGVIEN_TODAY"] = pinned
