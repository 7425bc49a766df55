"""The performance benchmark: every target of the performance issue, side by side with its floor or peer.

    python benchmarks/run.py                    # 1,000,000 members over 10,000 cells, 3 runs each
    python benchmarks/run.py --national         # 6,000,000 members over 60,000 cells
    python benchmarks/run.py --members 200000 --runs 5 --json figures.json

Each figure is the median wall time of ``--runs`` runs of a separate process (the tool and its floor alike,
so both pay their start-up), with the peak resident memory of that process (``wait4``'s ``ru_maxrss``).
Needs the ``bench`` extra (``pip install -e '.[bench]'``) for sqlite-utils, the import's peer.

Targets (ratios measured in the same run on the same data):
  start-up   `dangvien --help` <= 1.25 x a minimal two-command Typer app's --help;
             `dangvien org show MC` (sample city) <= 1.3 x `python -c "import typer, sqlmodel, rich.table"`
  import     `dangvien import members` rate >= 0.25 x csv + sqlite3 executemany (no checks), >= 2 x
             sqlite-utils insert --csv --no-detect-types; peak memory flat, 1M rows under 300 MiB
  reports    `report ageing` and `report quota` for the root <= 1.5 x one hand-written statement over the
             import floor's flat table (the same-schema statement printed beside, for understanding);
             `report monthly` for all cells of the sample city < 10 x one cell

Floors are what a competent engineer would write by hand for the same answer on the same data, not our
own design with its costs included: the import floor is csv.reader + sqlite3 executemany of the CSV's
columns into one flat table, no indexes, one transaction; the reports' floors are one statement each over
that table. The same-schema floor (the rows dangvien wrote, copied by SQLite into the same schema with no
Python work) is printed beside, for understanding: what the schema itself costs.
  scaling    import and report time for 10 x the members <= 11 x
Synthetic members get names from the sample data's generator (sample_data/generate.py).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TODAY = "2024-06-30"
YEAR = 2024
MEMBER_HEADERS = ["citizen_id", "full_name", "gender", "birth_date", "cell", "admitted_on", "official_on"]


# --- synthetic data ---------------------------------------------------------------------------------


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("sample_generate", ROOT / "sample_data" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["sample_generate"] = module
    spec.loader.exec_module(module)
    return module


def make_country(folder: Path, members: int, cells: int, seed: int = 2022) -> tuple[Path, Path, Path]:
    """A country-sized tree (a root committee, a base organisation per 10 cells) and its members."""
    gen = _generator()
    rng = random.Random(seed)  # noqa: S311  (made-up rows to time, not a secret)
    names = gen.NameMaker.load(rng, gen.NAMES)
    ids = gen.Ids(rng)
    bases = max(cells // 10, 1)
    places = ["residential", "agency", "school", "state_enterprise", "private_enterprise"]
    orgs = folder / "orgs.csv"
    with orgs.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "kind", "parent", "place"])
        writer.writerow(["VN", "Đảng bộ toàn quốc (tổng hợp)", "committee", "", "other"])
        for b in range(bases):
            writer.writerow([f"B{b}", f"Đảng bộ cơ sở {b}", "base", "VN", "other"])
            for c in range(cells // bases):
                writer.writerow([f"B{b}-C{c}", f"Chi bộ {c}", "cell", f"B{b}", places[c % len(places)]])
    quotas = folder / "quotas.csv"
    with quotas.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["org", "year", "target", "residential_target", "stretch_target"])
        writer.writerow(["VN", YEAR, members // 40, members // 100, members // 30])
        for b in range(bases):
            writer.writerow([f"B{b}", YEAR, max(members // bases // 40, 1), "", ""])
    path = folder / "members.csv"
    end = date(YEAR, 6, 30)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(MEMBER_HEADERS)
        for _ in range(members):
            gender = "M" if rng.random() < 0.6 else "F"
            born = date(1935, 1, 1) + timedelta(
                days=rng.randrange((date(2004, 1, 1) - date(1935, 1, 1)).days)
            )
            earliest = date(born.year + 19, born.month, 1)  # 18 full years, whatever the day
            admitted = earliest + timedelta(days=rng.randrange(max((end - earliest).days, 1)))
            official = admitted + timedelta(days=365)
            b = rng.randrange(bases)
            writer.writerow(
                [
                    ids.make(gender, born),
                    names.make(gender, born),
                    gender,
                    born.strftime("%d/%m/%Y"),
                    f"B{b}-C{rng.randrange(cells // bases)}",
                    admitted.isoformat(),
                    official.isoformat() if official <= end else "",
                ]
            )
    return orgs, quotas, path


def make_country_in_child(folder: Path, members: int, cells: int) -> None:
    """:func:`make_country` in a child process: a forked child inherits its parent's peak memory
    (ru_maxrss), so the generator's must not stay in this one. A folder kept with ``--keep`` that already
    holds the same country is used again (the generator is seeded: it would write the same files)."""
    made = folder / "generated.json"
    wanted = {"members": members, "cells": cells}
    if made.exists() and json.loads(made.read_text(encoding="utf-8")) == wanted:
        print("  (the kept folder already holds this country)", flush=True)
        return
    made.unlink(missing_ok=True)
    subprocess.run(  # noqa: S603  (the sample generator, in a child process of its own)
        [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
            "from run import make_country, Path\n"
            f"make_country(Path({str(folder)!r}), {members}, {cells})",
        ],
        check=True,
    )
    made.write_text(json.dumps(wanted), encoding="utf-8")


def head(path: Path, rows: int, out: Path) -> Path:
    """The first ``rows`` data rows of a CSV file (the same people, for the scaling figures)."""
    with path.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i > rows:
                break
            dst.write(line)
    return out


# --- measuring --------------------------------------------------------------------------------------


@dataclass
class Figure:
    """One measured command: median seconds over the runs, and the largest peak memory seen."""

    name: str
    seconds: float
    runs: list[float]
    peak_mib: float
    rows: int | None = None

    @property
    def rows_per_s(self) -> float | None:
        return self.rows / self.seconds if self.rows else None


@dataclass
class Target:
    """A target: a ratio of two figures and its limit (``at_most`` or at least)."""

    target: str
    measured: str
    baseline: str
    ratio: float
    limit: float
    at_most: bool
    note: str = ""
    met: bool = field(init=False)

    def __post_init__(self) -> None:
        self.met = self.ratio <= self.limit if self.at_most else self.ratio >= self.limit


def beside(target: str, measured: Figure, baseline: Figure, note: str) -> Target:
    """A ratio printed for understanding, not a goal (no limit)."""
    return Target(
        target,
        measured.name,
        baseline.name,
        measured.seconds / baseline.seconds,
        float("inf"),
        True,
        note=f"for understanding: {note}",
    )


def run_once(argv: list[str], env: dict[str, str], setup: Any = None) -> tuple[float, float]:
    """Seconds and peak memory (MiB) of one process."""
    if setup is not None:
        setup()
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603  (our own command line, as a user runs it)
    assert process.stderr is not None
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited {process.returncode}: {err.decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def measure(
    name: str, argv: list[str], env: dict[str, str], runs: int, *, setup: Any = None, rows: int | None = None
) -> Figure:
    results = [run_once(argv, env, setup) for _ in range(runs)]
    seconds = [s for s, _ in results]
    figure = Figure(name, statistics.median(seconds), seconds, max(m for _, m in results), rows)
    print(f"  {name:<44} {figure.seconds:8.3f} s  {figure.peak_mib:7.1f} MiB", flush=True)
    return figure


def measure_inner(
    name: str, argv: list[str], env: dict[str, str], runs: int, *, setup: Any, rows: int | None = None
) -> Figure:
    """A floor that times its own work and prints the seconds (its set-up, untimed, is not the floor)."""
    seconds, peaks = [], []
    for _ in range(runs):
        setup()
        process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # noqa: S603  (our own floor script)
        assert process.stdout is not None
        assert process.stderr is not None
        out, err = process.stdout.read(), process.stderr.read()  # a line, and nothing
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise RuntimeError(f"{name} exited {process.returncode}: {err.decode()[-2000:]}")
        seconds.append(float(out.split()[-1]))
        peaks.append(usage.ru_maxrss / 1024)  # the tuples read back included
    figure = Figure(name, statistics.median(seconds), seconds, max(peaks), rows)
    print(f"  {name:<44} {figure.seconds:8.3f} s  (timed inside)", flush=True)
    return figure


def dangvien(*args: str) -> list[str]:
    return [str(BIN / "dangvien"), *args]


def python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


RAW_FLOOR = """
import csv, sqlite3, sys
db, path = sys.argv[1], sys.argv[2]
connection = sqlite3.connect(db)
with open(path, encoding="utf-8", newline="") as handle:
    reader = csv.reader(handle)
    headers = next(reader)
    connection.execute(f"CREATE TABLE member ({', '.join(h + ' TEXT' for h in headers)})")
    with connection:
        connection.executemany(f"INSERT INTO member VALUES ({', '.join('?' * len(headers))})", reader)
"""

# The same-schema floor, for understanding (not a goal): the rows dangvien wrote (read back from a finished
# import into ready tuples, untimed), inserted into a fresh copy of the tree with executemany, a chunk of
# 1,000 at a time, with the import's own page cache and index regime (the indexes it does not search dropped
# and built at the end): what the schema costs with no Python work. The script times itself and prints the
# seconds (reading the tuples back is not the floor's work).
SCHEMA_FLOOR = """
import sqlite3, sys, time
db, source, cache_kib = sys.argv[1], sys.argv[2], int(sys.argv[3])
deferred = [name for name in sys.argv[4].split(",") if name]
src = sqlite3.connect(source)
connection = sqlite3.connect(db, isolation_level=None)
tables = {}
for table in ("member", "membership", "change_log"):
    start = connection.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
    cursor = src.execute(f"SELECT * FROM {table} WHERE id > ?", (start,))
    names = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    keep = [i for i in range(len(names)) if any(row[i] is not None for row in rows)]  # as dangvien binds
    tables[table] = ([names[i] for i in keep], [tuple(row[i] for i in keep) for row in rows])
connection.execute(f"PRAGMA cache_size=-{cache_kib}")
begin = time.perf_counter()
connection.execute("BEGIN IMMEDIATE")
rebuild = [sql for (sql,) in connection.execute(
    f"SELECT sql FROM sqlite_master WHERE type = 'index' AND name IN ({', '.join('?' * len(deferred))})",
    deferred)]
for name in deferred:
    connection.execute(f'DROP INDEX "{name}"')
statements = {t: f"INSERT INTO {t} ({', '.join(n)}) VALUES ({', '.join('?' * len(n))})"
              for t, (n, _) in tables.items()}
member, membership = tables["member"][1], tables["membership"][1]
for i in range(0, len(member), 1000):
    connection.executemany(statements["member"], member[i:i + 1000])
    connection.executemany(statements["membership"], membership[i:i + 1000])
connection.executemany(statements["change_log"], tables["change_log"][1])
for sql in rebuild:
    connection.execute(sql)
connection.execute("COMMIT")
print(time.perf_counter() - begin)
"""

# The reports' floors: one statement each over the flat table of the import floor (the CSV's columns as
# text: birth_date dd/mm/yyyy, cell a code): what a competent engineer would write by hand for the figures.
AGEING_FLAT_FLOOR = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
at = sys.argv[3]
rows = connection.execute(
    "SELECT cell, CASE WHEN age <= 30 THEN 0 WHEN age <= 40 THEN 1 WHEN age <= 50 THEN 2"
    " WHEN age <= 60 THEN 3 WHEN age <= 70 THEN 4 ELSE 5 END AS band, count(*)"
    " FROM (SELECT cell, :year - CAST(substr(birth_date, 7, 4) AS INTEGER)"
    "  - (substr(birth_date, 4, 2) || '-' || substr(birth_date, 1, 2) > :mmdd) AS age"
    " FROM member WHERE admitted_on <= :at) GROUP BY 1, 2",
    {"year": int(at[:4]), "mmdd": at[5:], "at": at},
).fetchall()
assert rows
"""

QUOTA_FLAT_FLOOR = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
at = sys.argv[3]
year = int(at[:4])
rows = connection.execute(
    "SELECT cell, sum(admitted_on BETWEEN :start AND :at), sum(admitted_on BETWEEN :last_start AND :last_at),"
    " sum(admitted_on < :start) FROM member GROUP BY cell",
    {"start": f"{year}-01-01", "at": at, "last_start": f"{year - 1}-01-01", "last_at": f"{year - 1}{at[4:]}"},
).fetchall()
assert rows
"""

# The same-schema floors, printed beside for understanding: one statement each over dangvien's own tables
# (the closure join included), computing the same numbers.
AGEING_SCHEMA_FLOOR = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
rows = connection.execute('''
    SELECT c.ancestor_id, m.gender,
           :year - CAST(substr(m.birth_date, 1, 4) AS INTEGER) - (substr(m.birth_date, 6, 5) > :mmdd) AS age,
           count(*)
    FROM membership AS ms
    JOIN member AS m ON m.id = ms.member_id
    JOIN org_closure AS c ON c.descendant_id = ms.cell_id
    JOIN organisation AS o ON o.id = c.ancestor_id AND o.kind IN ('cell', 'base')
    WHERE ms.cell_id IN (SELECT descendant_id FROM org_closure
                         WHERE ancestor_id = (SELECT id FROM organisation WHERE code = :root))
      AND ms.start_on <= :at AND (ms.end_on IS NULL OR ms.end_on > :at)
    GROUP BY 1, 2, 3''', {"year": int(sys.argv[3][:4]), "mmdd": sys.argv[3][5:], "at": sys.argv[3],
                          "root": sys.argv[2]}).fetchall()
assert rows
"""

QUOTA_SCHEMA_FLOOR = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
root, at = sys.argv[2], sys.argv[3]
year = int(at[:4])
rows = connection.execute('''
    SELECT c.ancestor_id, sum(per.admitted), sum(per.residential), sum(per.last_year), sum(per.at_start)
    FROM (SELECT ms.cell_id,
                 sum(m.admitted_on BETWEEN :start AND :at) AS admitted,
                 sum(m.admitted_on BETWEEN :start AND :at AND o.place = 'residential') AS residential,
                 sum(m.admitted_on BETWEEN :last_start AND :last_at) AS last_year,
                 sum(ms.start_on <= :start AND (ms.end_on IS NULL OR ms.end_on > :start)) AS at_start
          FROM membership AS ms
          JOIN member AS m ON m.id = ms.member_id
          JOIN organisation AS o ON o.id = ms.cell_id
          GROUP BY ms.cell_id) AS per
    JOIN org_closure AS c ON c.descendant_id = per.cell_id
    WHERE c.ancestor_id IN (SELECT descendant_id FROM org_closure
                            WHERE ancestor_id = (SELECT id FROM organisation WHERE code = :root)
                              AND depth <= 1)
    GROUP BY c.ancestor_id''', {"start": f"{year}-01-01", "at": at, "last_start": f"{year - 1}-01-01",
                                "last_at": f"{year - 1}{at[4:]}", "root": root}).fetchall()
assert rows
"""

MINI_TYPER = '''
import typer

app = typer.Typer()


@app.command()
def hello(name: str) -> None:
    """Say hello."""
    print(name)


@app.command()
def bye(name: str) -> None:
    """Say goodbye."""
    print(name)


if __name__ == "__main__":
    app()
'''


# --- the benchmark ----------------------------------------------------------------------------------


def prepare_city(folder: Path, env: dict[str, str]) -> dict[str, str]:
    """The sample city (sample_data/moncai), imported into its own database."""
    city = {**env, "DANGVIEN_DB": str(folder / "city.db"), "DANGVIEN_TODAY": "2022-12-31"}
    data = ROOT / "sample_data" / "moncai"
    for entity in ("orgs", "members", "candidates", "quotas", "reviews"):
        run_once(dangvien("import", entity, str(data / f"{entity}.csv"), "--format", "json"), city)
    return city


def startup(folder: Path, env: dict[str, str], runs: int) -> tuple[list[Figure], list[Target]]:
    print("start-up", flush=True)
    city = prepare_city(folder, env)
    mini = folder / "mini_typer.py"
    mini.write_text(MINI_TYPER, encoding="utf-8")
    runs = max(runs, 7)  # short: more runs for a steadier median
    figures = [
        measure("dangvien --help", dangvien("--help"), city, runs),
        measure("minimal Typer app --help", [sys.executable, str(mini), "--help"], city, runs),
        measure("dangvien org show MC (sample city)", dangvien("org", "show", "MC"), city, runs),
        measure(
            "python -c 'import typer, sqlmodel, rich.table'",
            python("import typer, sqlmodel, rich.table"),
            city,
            runs,
        ),
    ]
    help_, mini_, show, imports = figures
    return figures, [
        Target("start-up: --help", help_.name, mini_.name, help_.seconds / mini_.seconds, 1.25, True),
        Target("start-up: org show", show.name, imports.name, show.seconds / imports.seconds, 1.3, True),
    ]


def import_regime() -> tuple[int, tuple[str, ...], int]:
    """The bulk path's page cache (KiB), the indexes it defers and after how many rows, asked of a child
    process (importing dangvien here would raise every child's peak memory: ru_maxrss survives fork)."""
    code = (
        "import json; from dangvien_cli.store import bulk; print(json.dumps("
        "[bulk.IMPORT_CACHE_KIB, bulk.DEFERRABLE_INDEXES['members'], bulk.DEFER_INDEXES_AFTER]))"
    )
    out = subprocess.run(python(code), capture_output=True, text=True, check=True).stdout  # noqa: S603
    cache, deferred, after = json.loads(out)
    return int(cache), tuple(deferred), int(after)


def imports(
    folder: Path, env: dict[str, str], runs: int, files: dict[int, Path], orgs: Path, quotas: Path
) -> tuple[list[Figure], list[Target], dict[int, tuple[Path, Path]]]:
    """Import each size into a fresh copy of a database holding the tree; keep the last copy of each."""
    cache_kib, deferrable, defer_after = import_regime()
    template = folder / "tree.db"
    tree_env = {**env, "DANGVIEN_DB": str(template)}
    run_once(dangvien("import", "orgs", str(orgs), "--format", "json"), tree_env)
    run_once(dangvien("import", "quotas", str(quotas), "--format", "json"), tree_env)
    figures: list[Figure] = []
    targets: list[Target] = []
    databases: dict[int, tuple[Path, Path]] = {}
    by_size: dict[int, Figure] = {}
    for size, path in sorted(files.items()):
        print(f"import, {size:,} members", flush=True)
        db = folder / f"members-{size}.db"
        db_env = {**env, "DANGVIEN_DB": str(db)}

        def fresh(db: Path = db) -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(template, db)

        floor_db = folder / f"floor-{size}.db"
        schema_db = folder / "schema-floor.db"
        peer_db = folder / "peer.db"

        def clear(path: Path) -> Any:
            return lambda: path.unlink(missing_ok=True)

        floor = measure(
            f"raw floor: csv + sqlite3 executemany ({size:,})",
            python(RAW_FLOOR, str(floor_db), str(path)),
            env,
            runs,
            setup=clear(floor_db),
            rows=size,
        )
        peer = measure(
            f"sqlite-utils insert --csv --no-detect-types ({size:,})",
            [
                str(BIN / "sqlite-utils"),
                "insert",
                str(peer_db),
                "member",
                str(path),
                "--csv",
                "--no-detect-types",
            ],
            env,
            runs,
            setup=clear(peer_db),
            rows=size,
        )
        tool = measure(
            f"dangvien import members ({size:,})",
            dangvien("import", "members", str(path), "--format", "json"),
            db_env,
            runs,
            setup=fresh,
            rows=size,
        )
        schema = measure_inner(
            f"same-schema floor: ready tuples, same indexes ({size:,})",
            python(
                SCHEMA_FLOOR,
                str(schema_db),
                str(db),
                str(cache_kib),
                ",".join(deferrable if size >= defer_after else ()),
            ),
            env,
            runs,
            setup=lambda schema_db=schema_db: shutil.copyfile(template, schema_db),
            rows=size,
        )
        schema_db.unlink(missing_ok=True)
        databases[size] = (db, floor_db)
        by_size[size] = tool
        figures += [floor, peer, tool, schema]
        targets += [
            Target(
                f"import {size:,}: rate vs raw floor",
                tool.name,
                floor.name,
                floor.seconds / tool.seconds,
                0.25,
                False,
            ),
            Target(
                f"import {size:,}: rate vs sqlite-utils",
                tool.name,
                peer.name,
                peer.seconds / tool.seconds,
                2.0,
                False,
            ),
            Target(f"import {size:,}: peak memory (MiB)", tool.name, "300 MiB", tool.peak_mib, 300, True),
            beside(f"import {size:,}: same-schema floor / raw floor", schema, floor, "what the schema costs"),
            beside(
                f"import {size:,}: same-schema floor / sqlite-utils",
                schema,
                peer,
                "above 0.5, 2 x sqlite-utils is out of reach of any Python work",
            ),
            beside(f"import {size:,}: dangvien / same-schema floor", tool, schema, "the Python work"),
        ]
    if len(by_size) == 2:
        small, large = sorted(by_size)
        targets.append(
            Target(
                f"scaling: import {large:,} / {small:,}",
                by_size[large].name,
                by_size[small].name,
                by_size[large].seconds / by_size[small].seconds,
                11 * (large / small) / 10,
                True,
            )
        )
    return figures, targets, databases


def reports(
    env: dict[str, str], runs: int, databases: dict[int, tuple[Path, Path]]
) -> tuple[list[Figure], list[Target]]:
    """Each report against its floor over the import floor's flat table (the target) and, beside it for
    understanding, the same-schema floor over dangvien's own tables."""
    figures: list[Figure] = []
    targets: list[Target] = []
    times: dict[tuple[str, int], float] = {}
    for size, (db, flat_db) in sorted(databases.items()):
        print(f"reports, {size:,} members", flush=True)
        db_env = {**env, "DANGVIEN_DB": str(db)}
        for report, floor_code, schema_code, args in (
            (
                "ageing",
                AGEING_FLAT_FLOOR,
                AGEING_SCHEMA_FLOOR,
                ("report", "ageing", "--org", "VN", "--at", TODAY),
            ),
            (
                "quota",
                QUOTA_FLAT_FLOOR,
                QUOTA_SCHEMA_FLOOR,
                ("report", "quota", "--org", "VN", "--year", str(YEAR), "--at", TODAY),
            ),
        ):
            tool = measure(
                f"dangvien report {report} --org VN ({size:,})",
                dangvien(*args, "--format", "json"),
                db_env,
                runs,
            )
            floor = measure(
                f"floor: one statement, flat table, {report} ({size:,})",
                python(floor_code, str(flat_db), "VN", TODAY),
                env,
                runs,
            )
            schema = measure(
                f"same-schema floor: one statement, {report} ({size:,})",
                python(schema_code, str(db), "VN", TODAY),
                env,
                runs,
            )
            figures += [tool, floor, schema]
            times[(report, size)] = tool.seconds
            targets.append(
                Target(
                    f"report {report} {size:,}: vs its floor",
                    tool.name,
                    floor.name,
                    tool.seconds / floor.seconds,
                    1.5,
                    True,
                )
            )
            targets.append(
                beside(f"report {report} {size:,}: vs same-schema floor", tool, schema, "the closure join")
            )
    sizes = sorted(databases)
    if len(sizes) == 2:
        small, large = sizes
        for report in ("ageing", "quota"):
            targets.append(
                Target(
                    f"scaling: report {report} {large:,} / {small:,}",
                    report,
                    report,
                    times[(report, large)] / times[(report, small)],
                    11 * (large / small) / 10,
                    True,
                )
            )
    return figures, targets


def monthly(folder: Path, env: dict[str, str], runs: int) -> tuple[list[Figure], list[Target]]:
    print("monthly report, sample city", flush=True)
    city = {**env, "DANGVIEN_DB": str(folder / "city.db"), "DANGVIEN_TODAY": "2022-12-31"}
    out = folder / "monthly"

    def clean() -> None:
        shutil.rmtree(out, ignore_errors=True)

    one = measure(
        "dangvien report monthly, one cell",
        dangvien("report", "monthly", "--cell", "TP-K1", "--month", "2022-10", "--format", "json"),
        city,
        runs,
    )
    every = measure(
        "dangvien report monthly, every cell of MC",
        dangvien(
            "report",
            "monthly",
            "--org",
            "MC",
            "--month",
            "2022-10",
            "--out-dir",
            str(out),
            "--format",
            "json",
        ),
        city,
        runs,
        setup=clean,
    )
    cells = len(list(out.glob("*"))) if out.exists() else 0
    return [one, every], [
        Target(
            f"report monthly: {cells} cells / one cell",
            every.name,
            one.name,
            every.seconds / one.seconds,
            10,
            True,
        )
    ]


def print_table(figures: list[Figure], targets: list[Target]) -> None:
    print()
    print(f"{'measured':<58} {'median s':>9} {'rows/s':>11} {'peak MiB':>9}")
    for f in figures:
        rate = f"{f.rows_per_s:,.0f}" if f.rows_per_s else ""
        print(f"{f.name:<58} {f.seconds:9.3f} {rate:>11} {f.peak_mib:9.1f}")
    print()
    print(f"{'target':<44} {'ratio':>8} {'limit':>10} {'met':>4}")
    for t in targets:
        if t.limit == float("inf"):  # printed for understanding, not a goal
            print(f"{t.target:<44} {t.ratio:8.3f} {'(beside)':>10}")
            continue
        limit = f"{'<=' if t.at_most else '>='} {t.limit:g}"
        print(f"{t.target:<44} {t.ratio:8.3f} {limit:>10} {'yes' if t.met else 'NO':>4}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, help="members in the large data set (default 1,000,000)")
    parser.add_argument("--cells", type=int, help="cells in the tree (default members / 100)")
    parser.add_argument("--national", action="store_true", help="6,000,000 members over 60,000 cells")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command; the median is reported")
    parser.add_argument("--json", type=Path, help="also write the figures and targets to this file")
    parser.add_argument(
        "--keep", type=Path, help="work in this folder and keep it (default: a temporary one)"
    )
    parser.add_argument(
        "--engine",
        choices=["sqlite", "postgresql"],
        default="sqlite",
        help="postgresql: the national run against a server (see benchmarks/national.py)",
    )
    parser.add_argument("--url", help="PostgreSQL: a server URL whose user may create databases")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=["startup", "import", "reports", "monthly"],
        default=["startup", "import", "reports", "monthly"],
    )
    args = parser.parse_args()
    members = args.members or (6_000_000 if args.national else 1_000_000)
    cells = args.cells or max(members // 100, 10)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="dangvien-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "DANGVIEN_TODAY": TODAY, "DANGVIEN_SETTINGS": str(folder / "no-settings.toml")}
    env.pop("DANGVIEN_LANG", None)
    # As a user's shell has it: unbuffered output made the tool's JSON a system call a write, and without
    # bytecode files every run compiled our modules again (the floors are Python processes too).
    for name in ("PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    figures: list[Figure] = []
    targets: list[Target] = []
    if args.engine == "postgresql":
        from national import default_url, national  # type: ignore[import-not-found]

        url = args.url or default_url()
        if not url:
            parser.error("--engine postgresql needs --url (or DANGVIEN_BENCH_PG_URL)")
        try:
            figures, targets = national(folder, env, args.runs, members, cells, url)
        finally:
            if args.keep is None:
                shutil.rmtree(folder, ignore_errors=True)
        print_table(figures, targets)
        write_json(args.json, members, cells, args.runs, figures, targets)
        return
    try:
        if "startup" in args.only or "monthly" in args.only:
            f, t = startup(folder, env, args.runs) if "startup" in args.only else ([], [])
            if "startup" not in args.only:
                prepare_city(folder, env)
            figures += f
            targets += t
        if "monthly" in args.only:
            f, t = monthly(folder, env, args.runs)
            figures += f
            targets += t
        if "import" in args.only or "reports" in args.only:
            print(f"generating {members:,} members over {cells:,} cells", flush=True)
            start = time.perf_counter()
            make_country_in_child(folder, members, cells)
            orgs, quotas, large = folder / "orgs.csv", folder / "quotas.csv", folder / "members.csv"
            print(f"  generated in {time.perf_counter() - start:.1f} s", flush=True)
            files = {members: large}
            if members >= 10_000:
                files[members // 10] = head(large, members // 10, folder / "members-tenth.csv")
            f, t, databases = imports(folder, env, args.runs, files, orgs, quotas)
            figures += f
            targets += t if "import" in args.only else []
            if "reports" in args.only:
                f, t = reports(env, args.runs, databases)
                figures += f
                targets += t
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    print_table(figures, targets)
    write_json(args.json, members, cells, args.runs, figures, targets)


def write_json(
    path: Path | None, members: int, cells: int, runs: int, figures: list[Figure], targets: list[Target]
) -> None:
    if path is None:
        return
    payload = {
        "members": members,
        "cells": cells,
        "runs": runs,
        "python": sys.version.split()[0],
        "figures": [{**asdict(f), "rows_per_s": f.rows_per_s} for f in figures],
        "targets": [asdict(t) for t in targets],
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
