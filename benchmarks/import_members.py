"""Time `dangvien import members` on a synthetic file, beside the raw floor (csv + sqlite3 executemany).

    python benchmarks/import_members.py [--rows 100000] [--cells 1000] [--keep DIR]

Prints rows, seconds and rows/s for both, and their ratio, measured in the same run on the same file.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
]
MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Hữu", "Đức", "Ngọc", "Thanh", "Quang", "Thị Thu", ""]
GIVEN = [
    "An",
    "Anh",
    "Ánh",
    "Bình",
    "Cường",
    "Dũng",
    "Đức",
    "Hà",
    "Hải",
    "Hoà",
    "Hùng",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Minh",
    "Nam",
    "Nga",
    "Phong",
    "Quân",
    "Sơn",
    "Sỹ",
    "Thắng",
    "Thảo",
    "Trang",
    "Tuấn",
    "Vân",
    "Yến",
]
HEADERS = ["citizen_id", "full_name", "gender", "birth_date", "cell", "admitted_on", "official_on"]


def make_files(folder: Path, rows: int, cells: int) -> tuple[Path, Path]:
    rng = random.Random(2022)  # noqa: S311  (made-up rows to time, not a secret)
    orgs = folder / "orgs.csv"
    with orgs.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "kind", "parent", "place"])
        writer.writerow(["TINH", "Đảng bộ tỉnh", "committee", "", "other"])
        for b in range(cells // 10):
            writer.writerow([f"B{b}", f"Đảng bộ cơ sở {b}", "base", "TINH", "other"])
            for c in range(10):
                writer.writerow([f"B{b}-C{c}", f"Chi bộ {c}", "cell", f"B{b}", "residential"])
    members = folder / "members.csv"
    with members.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for i in range(rows):
            born_year = rng.randint(1940, 2002)
            admitted_year = rng.randint(born_year + 19, 2023)
            name = " ".join(p for p in (rng.choice(FAMILY), rng.choice(MIDDLE), rng.choice(GIVEN)) if p)
            writer.writerow(
                [
                    f"{i:012d}",
                    name,
                    rng.choice("MF"),
                    f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/{born_year}",
                    f"B{rng.randrange(cells // 10)}-C{rng.randrange(10)}",
                    f"{admitted_year}-05-19",
                    f"{admitted_year + 1}-05-19" if admitted_year < 2023 else "",
                ]
            )
    return orgs, members


def raw_floor(members: Path, folder: Path) -> float:
    """csv module + sqlite3 executemany into a table of the same columns, one transaction, no checks."""
    db = folder / "floor.db"
    connection = sqlite3.connect(db)
    connection.execute(f"CREATE TABLE member ({', '.join(h + ' TEXT' for h in HEADERS)})")
    start = time.perf_counter()
    with members.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        with connection:
            connection.executemany(f"INSERT INTO member VALUES ({', '.join('?' * len(HEADERS))})", reader)  # noqa: S608  (only placeholders are interpolated)
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def dangvien(*args: str, db: Path) -> float:
    exe = Path(sys.executable).parent / "dangvien"
    env = {**os.environ, "DANGVIEN_DB": str(db), "DANGVIEN_TODAY": "2024-01-01"}
    start = time.perf_counter()
    subprocess.run([str(exe), *args, "--format", "json"], check=True, env=env, stdout=subprocess.DEVNULL)  # noqa: S603  (the dangvien this benchmark installed)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--cells", type=int, default=1000)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="dv-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    orgs, members = make_files(folder, args.rows, args.cells)
    db = folder / "dangvien.db"
    db.unlink(missing_ok=True)
    dangvien("import", "orgs", str(orgs), db=db)
    floor = raw_floor(members, folder)
    tool = dangvien("import", "members", str(members), db=db)
    print(f"rows                      {args.rows:>12,}")
    print(f"raw floor (csv+sqlite3)   {floor:>10.2f} s  {args.rows / floor:>12,.0f} rows/s")
    print(f"dangvien import members   {tool:>10.2f} s  {args.rows / tool:>12,.0f} rows/s")
    print(f"ratio of rates (tool/floor)  {floor / tool:.3f}")


if __name__ == "__main__":
    main()
