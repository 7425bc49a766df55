"""The national run on PostgreSQL: ``python benchmarks/run.py --national --engine postgresql --url URL``.

The Party's size: 6,000,000 members over about 60,000 cells (``--members``/``--cells`` for less). Measured
against a PostgreSQL server at ``--url`` (a server URL whose user may create databases; default
``$DANGVIEN_BENCH_PG_URL``, else ``$DANGVIEN_TEST_PG_URL``, which ``python -m tests.pg_server -- …`` sets):

- the import of the members (dangvien's bulk path: COPY) against its floor, COPY of the CSV's columns as
  text into one flat table, no indexes, one transaction (psycopg's ``copy``, in a process of its own). An
  import reads at most Excel's 1,048,576 rows a file (a larger file is refused: see
  ``exchange/readers/table.py``), so the country goes in as an officer would load it, in files of at most
  1,000,000 members imported one after the other; the figure is the time of them all;
- ageing and quota for the whole country against one statement each over that flat table;
- ageing of one cell, quota of one base organisation and the monthly report of one cell (what an officer
  runs every day): their times;
- the peak memory of each process (the client's; the server's is its own).

Each database is made from a template (``CREATE DATABASE … TEMPLATE``), so a run starts from the same tree.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from run import (  # type: ignore[import-not-found]
    TODAY,
    YEAR,
    Figure,
    Target,
    dangvien,
    make_country_in_child,
    measure,
    python,
    run_once,
)

PG_RAW_FLOOR = """
import sys, psycopg
url, path = sys.argv[1], sys.argv[2]
with psycopg.connect(url) as connection, open(path, "rb") as handle:
    headers = handle.readline().decode().strip().split(",")
    handle.seek(0)
    connection.execute(f"CREATE TABLE member ({', '.join(h + ' text' for h in headers)})")
    with connection.cursor().copy("COPY member FROM STDIN (FORMAT csv, HEADER true)") as copy:
        while chunk := handle.read(1 << 20):
            copy.write(chunk)
"""

PG_AGEING_FLOOR = """
import sys, psycopg
at = sys.argv[3]
with psycopg.connect(sys.argv[1]) as connection:
    rows = connection.execute(
        "SELECT cell, CASE WHEN age <= 30 THEN 0 WHEN age <= 40 THEN 1 WHEN age <= 50 THEN 2"
        " WHEN age <= 60 THEN 3 WHEN age <= 70 THEN 4 ELSE 5 END AS band, count(*)"
        " FROM (SELECT cell, %(year)s - CAST(substr(birth_date, 7, 4) AS integer)"
        "  - CASE WHEN substr(birth_date, 4, 2) || '-' || substr(birth_date, 1, 2) > %(mmdd)s"
        "    THEN 1 ELSE 0 END"
        "  AS age FROM member WHERE admitted_on <= %(at)s) AS t GROUP BY 1, 2",
        {"year": int(at[:4]), "mmdd": at[5:], "at": at},
    ).fetchall()
assert rows
"""

PG_QUOTA_FLOOR = """
import sys, psycopg
at = sys.argv[3]
year = int(at[:4])
with psycopg.connect(sys.argv[1]) as connection:
    rows = connection.execute(
        "SELECT cell, count(*) FILTER (WHERE admitted_on BETWEEN %(start)s AND %(at)s),"
        " count(*) FILTER (WHERE admitted_on BETWEEN %(last_start)s AND %(last_at)s),"
        " count(*) FILTER (WHERE admitted_on < %(start)s) FROM member GROUP BY cell",
        {"start": f"{year}-01-01", "at": at, "last_start": f"{year - 1}-01-01",
         "last_at": f"{year - 1}{at[4:]}"},
    ).fetchall()
assert rows
"""


PART_ROWS = 1_000_000
"""Members a file of the national import (an import reads at most Excel's 1,048,576 rows a file)."""


def split_rows(path: Path, rows: int, folder: Path) -> list[Path]:
    """``path`` cut into files of at most ``rows`` data rows, each with the header."""
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.csv"):
        old.unlink()
    parts: list[Path] = []
    with path.open(encoding="utf-8") as source:
        header = source.readline()
        target = None
        for n, line in enumerate(source):
            if n % rows == 0:
                if target is not None:
                    target.close()
                parts.append(folder / f"members-{len(parts) + 1:02d}.csv")
                target = parts[-1].open("w", encoding="utf-8")
                target.write(header)
            assert target is not None
            target.write(line)
        if target is not None:
            target.close()
    return parts


def server_url(url: str, database: str) -> str:
    parts = urlsplit(url.replace("postgresql+psycopg://", "postgresql://"))
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, parts.fragment))


def admin(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(server_url(url, "postgres"), autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def fresh(url: str, name: str, template: str | None = None) -> Any:
    """A setup: the database ``name`` made again (from ``template``)."""
    copy = f" TEMPLATE {template}" if template else ""
    return lambda: admin(url, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}{copy}")


def national(
    folder: Path, env: dict[str, str], runs: int, members: int, cells: int, url: str
) -> tuple[list[Figure], list[Target]]:
    print(f"PostgreSQL: generating {members:,} members over {cells:,} cells", flush=True)
    start = time.perf_counter()
    make_country_in_child(folder, members, cells)
    print(f"  generated in {time.perf_counter() - start:.1f} s", flush=True)
    orgs, quotas, path = folder / "orgs.csv", folder / "quotas.csv", folder / "members.csv"
    fresh(url, "bench_tree")()
    tree = {**env, "DANGVIEN_DB": server_url(url, "bench_tree")}
    run_once(dangvien("import", "orgs", str(orgs), "--format", "json"), tree)
    run_once(dangvien("import", "quotas", str(quotas), "--format", "json"), tree)
    db = {**env, "DANGVIEN_DB": server_url(url, "bench_members")}
    floor_url = server_url(url, "bench_floor")
    print(f"import, {members:,} members (PostgreSQL)", flush=True)
    floor = measure(
        f"PostgreSQL floor: COPY into a flat table ({members:,})",
        python(PG_RAW_FLOOR, floor_url, str(path)),
        env,
        runs,
        setup=fresh(url, "bench_floor"),
        rows=members,
    )
    parts = split_rows(path, PART_ROWS, folder / "parts")
    loop = 'for part in "$@"; do "$0" import members "$part" --format json > /dev/null || exit 1; done'
    tool = measure(
        f"dangvien import members, PostgreSQL ({members:,}, {len(parts)} files)",
        ["sh", "-c", loop, dangvien()[0], *map(str, parts)],
        db,
        runs,
        setup=fresh(url, "bench_members", "bench_tree"),
        rows=members,
    )
    figures = [floor, tool]
    targets = [
        Target(
            "PostgreSQL import: rate vs COPY floor",
            tool.name,
            floor.name,
            floor.seconds / tool.seconds,
            0.25,
            False,
        ),
        Target("PostgreSQL import: peak memory (MiB)", tool.name, "300 MiB", tool.peak_mib, 300, True),
    ]
    print(f"reports, {members:,} members (PostgreSQL)", flush=True)
    for report, floor_code, args in (
        ("ageing", PG_AGEING_FLOOR, ("report", "ageing", "--org", "VN", "--at", TODAY)),
        ("quota", PG_QUOTA_FLOOR, ("report", "quota", "--org", "VN", "--year", str(YEAR), "--at", TODAY)),
    ):
        mine = measure(
            f"dangvien report {report} --org VN, PostgreSQL", dangvien(*args, "--format", "json"), db, runs
        )
        base = measure(
            f"PostgreSQL floor: one statement, flat table, {report}",
            python(floor_code, floor_url, "VN", TODAY),
            env,
            runs,
        )
        figures += [mine, base]
        targets.append(
            Target(
                f"PostgreSQL report {report}: vs its floor",
                mine.name,
                base.name,
                mine.seconds / base.seconds,
                1.5,
                True,
            )
        )
    for name, args in (
        ("ageing of one cell", ("report", "ageing", "--org", "B0-C0", "--at", TODAY)),
        ("quota of one base", ("report", "quota", "--org", "B0", "--year", str(YEAR), "--at", TODAY)),
        ("monthly of one cell", ("report", "monthly", "--cell", "B0-C0", "--month", TODAY[:7])),
    ):
        figures.append(measure(f"dangvien {name}, PostgreSQL", dangvien(*args, "--format", "json"), db, runs))
    return figures, targets


def default_url() -> str | None:
    return os.environ.get("DANGVIEN_BENCH_PG_URL") or os.environ.get("DANGVIEN_TEST_PG_URL")


if __name__ == "__main__":
    sys.exit("run it through benchmarks/run.py --engine postgresql")
