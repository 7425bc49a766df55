"""The installed tool, not just the source tree: the console script, and a wheel installed into a new venv."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from dangvien_cli.store.migrate import HEAD_REVISION

REPO = Path(__file__).resolve().parent.parent
BIN = "Scripts" if sys.platform == "win32" else "bin"


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment for a child process: no PYTHONPATH/PYTHONHOME that could reach the source tree."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP"}}
    env.update(extra)
    return env


def _check(args: list[str | Path], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(  # noqa: S603  (pip, python and dangvien of the test's own venv)
        [str(arg) for arg in args],
        cwd=cwd,
        env=env if env is not None else _clean_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, (
        f"{args} exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    )
    return result.stdout


def test_console_script_of_this_environment(tmp_path: Path) -> None:
    """The ``dangvien`` entry point installed next to this interpreter works as a real process."""
    script = Path(sys.executable).parent / "dangvien"
    if not script.exists():
        found = shutil.which("dangvien")
        assert found is not None, "the dangvien console script is not installed"
        script = Path(found)
    env = _clean_env()  # carries this test's DANGVIEN_DB, DANGVIEN_TODAY, ...
    _check([script, "org", "add", "MC", "Đảng bộ TP Móng Cái", "--kind", "committee"], cwd=tmp_path, env=env)
    orgs = json.loads(_check([script, "org", "list", "--format", "json"], cwd=tmp_path, env=env))
    assert [(o["code"], o["name"], o["kind"]) for o in orgs] == [("MC", "Đảng bộ TP Móng Cái", "committee")]
    if "://" not in os.environ["DANGVIEN_DB"]:  # the suite's SQLite run: the file it names was used
        assert Path(os.environ["DANGVIEN_DB"]).exists()


@dataclass
class Installed:
    wheel: Path
    venv: Path
    work: Path

    def bin(self, name: str) -> Path:
        return self.venv / BIN / name


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    """The project built as a wheel and installed into a new venv that cannot see the source tree.

    The venv gets the dependencies without a download: a ``.pth`` file lists this environment's
    site-packages. A plain directory line in a ``.pth`` is only appended to ``sys.path``; the ``.pth``
    files inside it (such as the editable install's, which points at ``src/``) are not processed.
    """
    root = tmp_path_factory.mktemp("packaging")
    dist = root / "dist"
    _check([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
            "-w", dist, REPO], cwd=root)  # fmt: skip
    wheels = list(dist.glob("dangvien-*.whl"))
    assert len(wheels) == 1, wheels

    venv = root / "venv"
    _check([sys.executable, "-m", "venv", venv], cwd=root)
    venv_python = venv / BIN / "python"
    site_packages = Path(
        _check(
            [venv_python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=root
        ).strip()
    )
    outer = sysconfig.get_paths()
    lines = dict.fromkeys([outer["purelib"], outer["platlib"]])  # ordered, without duplicates
    (site_packages / "outer_env.pth").write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    _check([venv_python, "-m", "pip", "install", "--no-deps", "--no-index", "--ignore-installed",
            "--disable-pip-version-check", "-q", wheels[0]], cwd=root)  # fmt: skip

    work = root / "work"
    work.mkdir()
    return Installed(wheel=wheels[0], venv=venv, work=work)


@pytest.mark.slow
@pytest.mark.engine_free
def test_wheel_carries_the_migrations(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    assert "dangvien_cli/migrations/env.py" in names
    assert "dangvien_cli/migrations/script.py.mako" in names
    in_repo = {p.name for p in (REPO / "migrations" / "versions").glob("*.py")}
    in_wheel = {
        Path(n).name for n in names if n.startswith("dangvien_cli/migrations/versions/") and n.endswith(".py")
    }
    assert in_repo
    assert in_wheel == in_repo
    assert "dangvien_cli/cli/app.py" in names
    assert "dangvien_cli/render/templates/report.docx" in names  # the default Word template
    assert not any(n.startswith(("tests/", "src/")) for n in names)


@pytest.mark.slow
@pytest.mark.engine_free
def test_wheel_is_what_the_venv_imports(installed: Installed) -> None:
    code = "import dangvien_cli, sys; print(dangvien_cli.__file__); print(sys.prefix)"
    location, prefix = _check([installed.bin("python"), "-c", code], cwd=installed.work).splitlines()
    assert Path(location).resolve().is_relative_to(installed.venv.resolve())
    assert not Path(location).resolve().is_relative_to(REPO / "src")
    assert Path(prefix).resolve() == installed.venv.resolve()
    _check([installed.bin("python"), "-m", "dangvien_cli", "--help"], cwd=installed.work)


@pytest.mark.slow
@pytest.mark.engine_free
def test_installed_tool_migrates_and_works(installed: Installed, tmp_path: Path) -> None:
    dangvien = installed.bin("dangvien")
    db = tmp_path / "w.db"
    env = _clean_env(DANGVIEN_DB=str(tmp_path / "not-this-one.db"))

    def run(*args: str) -> str:
        return _check([dangvien, "--db", db, *args], cwd=installed.work, env=env)

    run("db", "upgrade")
    status = json.loads(run("db", "status", "--format", "json"))
    assert status["current_revision"] == status["head_revision"] == HEAD_REVISION
    assert set(status["row_counts"]) >= {"organisation", "member", "candidate", "change_log"}
    assert all(count == 0 for count in status["row_counts"].values())

    run("org", "add", "MC", "Đảng bộ TP Móng Cái", "--kind", "committee")
    orgs = json.loads(run("org", "list", "--format", "json"))
    assert [(o["code"], o["kind"], o["parent"]) for o in orgs] == [("MC", "committee", None)]
    assert json.loads(run("db", "status", "--format", "json"))["row_counts"]["organisation"] == 1
    assert not (tmp_path / "not-this-one.db").exists()
    document = tmp_path / "quota.docx"  # from the template inside the wheel
    run("report", "quota", "--year", "2024", "--format", "docx", "-o", str(document))
    with zipfile.ZipFile(document) as word:
        assert "ĐẢNG CỘNG SẢN VIỆT NAM" in word.read("word/document.xml").decode("utf-8")


@pytest.mark.slow
@pytest.mark.engine_free
def test_installed_demo_tours_the_sample_city_without_the_source_tree(installed: Installed) -> None:
    """The README's main job from the wheel alone: the sample city travels inside the package, and every
    report of the tour comes out (with a throwaway database of its own)."""
    env = _clean_env()
    env.pop("DANGVIEN_DB", None)
    out = _check([installed.bin("dangvien"), "--lang", "en", "demo"], cwd=installed.work, env=env)
    assert "4,498" in out  # the sample members imported (a count, grouped in English)
    for report in (
        "report quota",
        "report ageing",
        "report pipeline",
        "report outlook",
        "report monthly",
        "due ",
        "search ",
    ):
        assert f"» dangvien {report}" in out, report
    assert "116.0%" in out  # the article's 196 admissions against the plan of 169
    assert str(REPO) not in out  # the data came from the installed package, not from this checkout
