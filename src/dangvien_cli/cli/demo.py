"""``dangvien demo``: a throwaway database filled from sample_data/, and a short guided tour of it."""

from __future__ import annotations

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


def _tour(data: Path) -> list[tuple[str, list[str]]]:
    """(what it shows, the command's arguments)."""
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
        Path | None,
        typer.Option("--data", help="Thư mục dữ liệu mẫu / the sample folder (default: the city)."),
    ] = None,
) -> None:
    """Dùng thử trên dữ liệu mẫu một thành phố. / Try the tool on a sample city (a throwaway database)."""
    from typer.main import get_command

    from dangvien_cli.cli.app import app

    app_ctx = app_context(ctx)
    folder = data or sample_folder()
    database = app_ctx.db or str(Path(tempfile.mkdtemp(prefix="dangvien-demo-")) / "demo.db")
    command = get_command(app)
    lang = ["--lang", app_ctx.lang]
    for step, args in _tour(folder):
        shown = shlex.join(_relative(arg) for arg in args)
        sys.stdout.write(f"\n## {t(step, app_ctx.lang)}\n» dangvien {shown}\n")
        sys.stdout.flush()
        try:
            code = command.main(
                args=["--db", database, *lang, *args], prog_name="dangvien", standalone_mode=False
            )
        except SystemExit as stop:  # a command that ended with an exit code
            code = stop.code
        if code:  # the step said what went wrong; the tour stops there, and says so by its exit code
            raise typer.Exit(code if isinstance(code, int) else 1)
    from dangvien_cli.store.engine import hide_password

    sys.stdout.write("\n" + t("demo.done", app_ctx.lang, db=hide_password(database, database)) + "\n")
