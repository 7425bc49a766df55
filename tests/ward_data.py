"""The sample city's ward of Trần Phú as a database, built once for a test module: every organisation of the
city, the ward's members and candidates and the people they name, the quotas, and a member whose name is
longer than any column. ``invoke`` runs the CLI on it with a pinned "today" and an 80-column terminal."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner, Result

from dangvien_cli.cli.app import app

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "moncai"
LONG_NAME = "Hoàng Phủ Nguyễn Thị Thanh Hương Giang Xuân"


def build_ward(folder: Path) -> Path:
    """A database of the ward in ``folder``: every organisation of the city, the ward's members and
    candidates, the quotas. Returns its path."""
    candidates = [r for r in _rows("candidates") if r["cell"].startswith("TP")]
    named = {r[k] for r in candidates for k in ("mentor", "introducer_1", "introducer_2") if r[k]}
    members = [r for r in _rows("members") if r["cell"].startswith("TP") or r["citizen_id"] in named]
    members.append({**members[0], "citizen_id": "022199999999", "full_name": LONG_NAME, "cell": "TP-K1"})
    _write(folder / "members.csv", members)
    _write(folder / "candidates.csv", candidates)
    db = folder / "ward.db"
    runner = CliRunner()
    for entity, path in [
        ("orgs", SAMPLE / "orgs.csv"),
        ("members", folder / "members.csv"),
        ("candidates", folder / "candidates.csv"),
        ("quotas", SAMPLE / "quotas.csv"),
    ]:
        result = runner.invoke(
            app, ["--db", str(db), "import", entity, str(path)], env=_env(), catch_exceptions=False
        )
        assert result.exit_code == 0, result.stderr
    return db


def _rows(name: str) -> list[dict[str, str]]:
    with (SAMPLE / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _env(columns: int = 80) -> dict[str, str]:
    return {
        "DANGVIEN_TODAY": "2022-12-31",
        "DANGVIEN_SETTINGS": "/nonexistent/dangvien-settings.toml",
        "COLUMNS": str(columns),
        "NO_COLOR": "1",
        "TERM": "dumb",
    }


def invoke(db: Path, *args: str, columns: int = 80) -> Result:
    result = CliRunner().invoke(app, ["--db", str(db), *args], env=_env(columns), catch_exceptions=False)
    assert result.exit_code in (0, 1), result.stderr  # candidate check fails a rule with 1
    return result
