"""A throw-away PostgreSQL server for tests: its own data directory, a free port on 127.0.0.1, trust auth.

``initdb`` refuses to run as root, so when the tests run as root the server runs as the ``postgres`` OS
user (or ``nobody`` if there is no such user); otherwise it runs as the current user.
"""

from __future__ import annotations

import itertools
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

START_TIMEOUT_S = 60


def find_bin_dir() -> Path | None:
    """A directory holding both ``initdb`` and ``pg_ctl``: the one on PATH, else the newest Debian one."""
    candidates: list[Path] = []
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    debian = Path("/usr/lib/postgresql").glob("*/bin")
    candidates += sorted(debian, key=lambda p: _version_key(p.parent.name), reverse=True)
    for directory in candidates:
        if (directory / "initdb").is_file() and (directory / "pg_ctl").is_file():
            return directory
    return None


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", name))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _server_user() -> pwd.struct_passwd | None:
    """The OS user to run the server as, or ``None`` for the current user."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root, and there is neither a 'postgres' nor a 'nobody' user to run initdb")


def _utf8_locale() -> str | None:
    try:
        listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout.split()  # noqa: S607  (the system's locale tool, found on PATH as a shell would)
    except OSError:
        return None
    for name in ("C.UTF-8", "C.utf8"):
        if name in listed:
            return name
    return None


class PostgresServer:
    """Start with :meth:`start`, make databases with :meth:`create_database`, end with :meth:`stop`."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.user = _server_user()
        self.port = 0
        self.base = Path(tempfile.mkdtemp(prefix="dangvien-pg-"))
        self.data = self.base / "data"
        self.log = self.base / "server.log"
        self._names = itertools.count(1)
        self._started = False

    def _run(self, args: Sequence[str]) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self.user is not None:
            command = ["runuser", "-u", self.user.pw_name, "--", *command]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        result = subprocess.run(  # noqa: S603  (PostgreSQL's own tools, from find_bin_dir)
            command, cwd=self.base, env=env, capture_output=True, text=True, check=False, timeout=120
        )
        if result.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(
                f"{' '.join(command)} exited {result.returncode}\n"
                f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}\nserver log:\n{log}"
            )
        return result

    def start(self) -> None:
        self.base.chmod(0o755)
        if self.user is not None:
            os.chown(self.base, self.user.pw_uid, self.user.pw_gid)
        initdb = ["initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "-N"]
        locale = _utf8_locale()
        initdb += [f"--locale={locale}"] if locale else ["--no-locale"]
        self._run(initdb)
        # Another process (a second pytest-xdist worker starting its own server) may take the free port
        # between our look and the server's bind: then try another.
        for attempt in itertools.count(1):
            self.port = free_port()
            options = f"-k {self.base} -c listen_addresses=127.0.0.1 -p {self.port} -c fsync=off"
            # A benchmark may size the server for a national run (e.g. "-c shared_buffers=2GB").
            options += f" {os.environ.get('DANGVIEN_PG_SERVER_OPTIONS', '')}".rstrip()
            try:
                self._run(["pg_ctl", "start", "-w", "-t", str(START_TIMEOUT_S), "-D", str(self.data),
                           "-l", str(self.log), "-o", options])  # fmt: skip
            except RuntimeError as error:
                if attempt >= 3 or "could not bind" not in str(error):
                    raise
                continue
            break
        self._started = True

    def stop(self) -> None:
        try:
            if self._started:
                self._run(["pg_ctl", "stop", "-w", "-m", "fast", "-D", str(self.data)])
                self._started = False
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str = "postgres", password: str | None = None) -> str:
        auth = "postgres" if password is None else f"postgres:{password}"
        return f"postgresql+psycopg://{auth}@127.0.0.1:{self.port}/{database}"

    def create_database(self, template: str | None = None) -> str:
        """A new database, empty or a copy of ``template``; returns its name."""
        import psycopg
        from psycopg import sql

        name = f"test_{next(self._names)}"
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            if template is not None:
                statement = sql.SQL("{} TEMPLATE {}").format(statement, sql.Identifier(template))
            connection.execute(statement)
        return name

    def drop_database(self, name: str) -> None:
        import psycopg
        from psycopg import sql

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as connection:
            statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            connection.execute(statement.format(sql.Identifier(name)))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m tests.pg_server -- COMMAND…``: start a throwaway server, run COMMAND with
    ``DANGVIEN_TEST_PG_URL`` pointing to it, stop the server, and exit with COMMAND's code. This is how
    ``.ci/run`` runs the whole suite a second time on PostgreSQL."""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        print("usage: python -m tests.pg_server -- COMMAND [ARGS…]", file=sys.stderr)
        return 2
    bin_dir = find_bin_dir()
    if bin_dir is None:
        print("no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin",
              file=sys.stderr)  # fmt: skip
        return 1
    server = PostgresServer(bin_dir)
    try:
        server.start()
        print(f"PostgreSQL on 127.0.0.1:{server.port} ({bin_dir})", file=sys.stderr, flush=True)
        env = {**os.environ, "DANGVIEN_TEST_PG_URL": server.url()}
        return subprocess.run(args, env=env, check=False).returncode  # noqa: S603  (the test command given on our own command line)
    finally:
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
