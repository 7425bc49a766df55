"""Many `dangvien` processes writing to one SQLite file at once, then imports killed half-way.

    python benchmarks/concurrent_writers.py [--writers 8] [--adds 5] [--rows 2000] [--kill-rows 20000]

Prints, for `member add` and for `import members`: the processes run at once, the rows expected, the rows
found (each citizen ID once), "database is locked"/busy messages seen, and the slowest command's seconds
(how long a writer queued). Then for an import of --kill-rows rows killed with SIGKILL at several WAL
sizes: whether each kill hit a running process, and whether every row of every table was as before.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

CELLS = ["HP", "K2"]
WAL_HEADER = 32  # bytes; a WAL larger than this holds at least one written page


def dangvien(db: Path, *args: str) -> tuple[int, str, float]:
    """Run the real command line; (exit code, stderr, seconds)."""
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603  (our own command line, as a user runs it)
        [sys.executable, "-m", "dangvien_cli", *args],
        env={**os.environ, "DANGVIEN_DB": str(db)},
        capture_output=True,
        text=True,
    )
    return result.returncode, result.stderr, time.monotonic() - started


def person(n: int) -> list[str]:
    given = ["An", "Bình", "Cường", "Dũng", "Hà", "Lan", "Mai", "Nam"][n % 8]
    born = date(1950, 1, 1) + timedelta(days=n % 10_000)
    return [f"{n:012d}", f"Nguyễn Văn {given}", "MF"[n % 2], born.isoformat()]


def write_csv(path: Path, first: int, count: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["citizen_id", "full_name", "gender", "birth_date", "cell", "admitted_on"])
        for n in range(first, first + count):
            writer.writerow([*person(n), CELLS[n % 2], "2010-05-19"])


def setup(db: Path) -> None:
    for args in [
        ("MC", "Đảng bộ TP Móng Cái", "--kind", "committee"),
        ("TP", "Đảng bộ phường Trần Phú", "--kind", "base", "--parent", "MC"),
        ("HP", "Chi bộ khu Hồng Phong", "--kind", "cell", "--parent", "TP"),
        ("K2", "Chi bộ khu 2", "--kind", "cell", "--parent", "TP"),
    ]:
        code, err, _ = dangvien(db, "org", "add", *args)
        assert code == 0, err


def landed(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT citizen_id, COUNT(*) FROM member GROUP BY citizen_id").fetchall()
    connection.close()
    return {str(c): int(n) for c, n in rows}


def report(
    label: str, writers: int, expected: set[str], db: Path, results: list[tuple[int, str, float]]
) -> None:
    found = landed(db)
    once = sum(1 for c in expected if found.get(c) == 1)
    busy = sum("locked" in err or "bận" in err or "busy" in err for _, err, _ in results)
    failed = sum(code != 0 for code, _, _ in results)
    slowest = max(seconds for _, _, seconds in results)
    print(
        f"{label:<16} processes at once: {writers:>2}  commands: {len(results):>3}  rows expected: "
        f"{len(expected):>6}  landed exactly once: {once:>6}  extra rows: {sum(found.values()) - once:>3}  "
        f"failed: {failed}  busy: {busy}  slowest command: {slowest:5.2f} s"
    )


def fingerprint(db: Path) -> str:
    digest = hashlib.sha256()
    with sqlite3.connect(db) as connection:
        tables = [
            r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY 1")
        ]
        for table in tables:
            for row in connection.execute(f"SELECT * FROM {table} ORDER BY rowid"):  # noqa: S608  (table names from sqlite_master, not input)
                digest.update(repr(row).encode())
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()
    return digest.hexdigest()


def kill_at(db: Path, csv_path: Path, wal_bytes: int) -> tuple[bool, int]:
    """Start an import and SIGKILL it once its WAL passes ``wal_bytes``; (hit a running process, WAL size)."""
    wal = db.with_name(db.name + "-wal")
    process = subprocess.Popen(  # noqa: S603  (our own command line, as a user runs it)
        [sys.executable, "-m", "dangvien_cli", "import", "members", str(csv_path)],
        env={**os.environ, "DANGVIEN_DB": str(db)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while process.poll() is None:
        size = wal.stat().st_size if wal.exists() else 0
        if size > wal_bytes:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            return True, size
        time.sleep(0.002)
    return False, 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--adds", type=int, default=5, help="member add commands per process")
    parser.add_argument("--rows", type=int, default=2000, help="rows per import")
    parser.add_argument("--kill-rows", type=int, default=20_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        db = tmp / "bench.db"
        setup(db)

        def adds(w: int) -> list[tuple[int, str, float]]:
            out = []
            for i in range(args.adds):
                cid, name, gender, born = person(w * 1000 + i)
                out.append(
                    dangvien(db, "member", "add", "--name", name, "--gender", gender, "--birth", born,
                             "--cell", "HP", "--admitted", "2015-03-03", "--citizen-id", cid)
                )  # fmt: skip
            return out

        with ThreadPoolExecutor(args.writers) as pool:
            results = [r for batch in pool.map(adds, range(args.writers)) for r in batch]
        expected = {person(w * 1000 + i)[0] for w in range(args.writers) for i in range(args.adds)}
        report("member add", args.writers, expected, db, results)

        files = []
        for w in range(args.writers):
            path = tmp / f"import-{w}.csv"
            write_csv(path, 100_000 + w * args.rows, args.rows)
            files.append(path)
        with ThreadPoolExecutor(args.writers) as pool:
            results = list(pool.map(lambda p: dangvien(db, "import", "members", str(p)), files))
        expected |= {person(n)[0] for n in range(100_000, 100_000 + args.writers * args.rows)}
        report("import members", args.writers, expected, db, results)

        big = tmp / "big.csv"
        write_csv(big, 1_000_000, args.kill_rows)
        before = fingerprint(db)
        for wal_bytes in (WAL_HEADER, 2_000_000, 6_000_000, 12_000_000):
            hit, size = kill_at(db, big, wal_bytes)
            same = fingerprint(db) == before
            print(
                f"kill at WAL > {wal_bytes:>10,} B: running when killed: {hit}  WAL then: {size:>10,} B  "
                f"integrity ok, every row as before: {same}"
            )
            if not hit:
                break
        code, _, seconds = dangvien(db, "import", "members", str(big))
        print(f"rerun of the killed import: exit {code}, {args.kill_rows:,} rows in {seconds:.1f} s")


if __name__ == "__main__":
    main()
