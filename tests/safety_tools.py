"""Helpers for the concurrency, crash and backup tests: real `dangvien` processes and generated lists."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import sqlalchemy as sa

from dangvien_cli.store.models import TABLES

# A worker process: waits for the start file (so that all of them begin together), then runs each command
# line it was given through the real CLI, one after the other, and prints one exit code and stderr per line.
WORKER = r"""
import json, sys, time
from pathlib import Path
from typer.testing import CliRunner
from dangvien_cli.cli.app import app

start, commands = Path(sys.argv[1]), json.loads(sys.argv[2])
while not start.exists():
    time.sleep(0.005)
runner = CliRunner()
results = []
for args in commands:
    result = runner.invoke(app, args)
    results.append({"code": result.exit_code, "stderr": result.stderr, "error": repr(result.exception)})
print(json.dumps(results))
"""

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hương", "Lan", "Long", "Mai", "Nam", "Phương", "Sơn"]


def environment(db: str) -> dict[str, str]:
    """The environment of a child process: the test's database and settings."""
    env = dict(os.environ)
    env["DANGVIEN_DB"] = db
    return env


def person(n: int) -> tuple[str, str, str, str]:
    """The n-th generated person: citizen ID (unique in n), full name, gender, birth date."""
    name = f"{FAMILY[n % 8]} {MIDDLE[(n // 8) % 6]} {GIVEN[(n // 48) % 12]}"
    born = date(1950, 1, 1) + timedelta(days=n % 10_000)
    return f"{n:012d}", name, "MF"[n % 2], born.isoformat()


def write_members_csv(path: Path, first: int, count: int, cells: list[str]) -> list[str]:
    """A members list of ``count`` people numbered from ``first``; returns their citizen IDs."""
    ids = []
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["citizen_id", "full_name", "gender", "birth_date", "cell", "admitted_on"])
        for n in range(first, first + count):
            citizen_id, name, gender, born = person(n)
            writer.writerow([citizen_id, name, gender, born, cells[n % len(cells)], "2010-05-19"])
            ids.append(citizen_id)
    return ids


def member_add_args(n: int, cell: str) -> list[str]:
    citizen_id, name, gender, born = person(n)
    return [
        "member", "add", "--name", name, "--gender", gender, "--birth", born, "--cell", cell,
        "--admitted", "2015-03-03", "--citizen-id", citizen_id,
    ]  # fmt: skip


@dataclass
class WorkerResult:
    code: int
    stderr: str
    error: str


def run_workers(
    db: str, commands: list[list[list[str]]], tmp: Path, timeout: float = 240
) -> list[WorkerResult]:
    """Start one process per list of commands, release them at once, and collect every command's result."""
    import json

    start = tmp / f"start-{time.monotonic_ns()}"
    processes = [
        subprocess.Popen(  # noqa: S603  (a Python worker of ours)
            [sys.executable, "-c", WORKER, str(start), json.dumps(batch)],
            env=environment(db),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for batch in commands
    ]
    time.sleep(0.5)  # let them all import the code and wait on the start file
    start.touch()
    results: list[WorkerResult] = []
    for process in processes:
        out, err = process.communicate(timeout=timeout)
        assert process.returncode == 0, err
        results += [WorkerResult(**r) for r in json.loads(out)]
    return results


def row_counts(url: str) -> dict[str, int]:
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            return {t: connection.execute(sa.text(f"SELECT COUNT(*) FROM {t}")).scalar_one() for t in TABLES}  # noqa: S608  (table names from store.models.TABLES, not input)
    finally:
        engine.dispose()


def citizen_counts(url: str) -> dict[str, int]:
    """How many member rows each citizen ID has."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT citizen_id, COUNT(*) FROM member GROUP BY citizen_id"))
            return {str(c): int(n) for c, n in rows}
    finally:
        engine.dispose()


@dataclass
class Measured:
    """One child process's run: exit code, output, peak resident memory (MiB) and wall time (s)."""

    code: int
    stdout: str
    stderr: str
    peak_mib: float
    seconds: float
    killed: bool


# A small launcher between the test and the measured command: the peak memory the kernel reports for a
# process includes what its parent held when it was forked or spawned, so the command is started by this
# small interpreter, which reports that child's own figures (os.wait4) in a file.
LAUNCHER = r"""
import json, os, subprocess, sys, time
report, args = sys.argv[1], sys.argv[2:]
start = time.monotonic()
child = subprocess.Popen(args)
_pid, status, usage = os.wait4(child.pid, 0)
with open(report, "w") as out:
    json.dump({"code": os.waitstatus_to_exitcode(status), "peak_kib": usage.ru_maxrss,
               "seconds": time.monotonic() - start}, out)
"""


def measured_run(
    args: list[str], env: dict[str, str], timeout: float = 60, stdin: int | None = None
) -> Measured:
    """Run ``args`` in a child process and measure its own peak memory and time (through :data:`LAUNCHER`);
    kill it, and say so, after ``timeout`` seconds."""
    import json
    import signal
    import tempfile

    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as tmp,
    ):
        report = Path(tmp) / "report.json"
        process = subprocess.Popen(  # noqa: S603  (our own interpreter and entry point)
            [sys.executable, "-c", LAUNCHER, str(report), *args],
            env=env,
            stdout=out,
            stderr=err,
            stdin=stdin,
            start_new_session=True,
        )
        try:
            process.wait(timeout=timeout)
            killed = False
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            killed = True
        figures = (
            json.loads(report.read_text())
            if report.exists()
            else {"code": -9, "peak_kib": 0, "seconds": timeout}
        )
        out.seek(0)
        err.seek(0)
        return Measured(
            code=int(figures["code"]),
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            peak_mib=figures["peak_kib"] / 1024,  # kilobytes on Linux
            seconds=figures["seconds"],
            killed=killed,
        )
