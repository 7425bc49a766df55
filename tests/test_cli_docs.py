"""docs/cli.md is generated from ``--help`` by scripts/make_cli_docs.py; these tests keep it true and make
sure every command explains itself."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "make_cli_docs.py"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_cli_docs", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_cli_docs", module)
    spec.loader.exec_module(module)
    return module


make_cli_docs = _load_script()


@pytest.fixture(scope="module")
def committed() -> str:
    assert make_cli_docs.DOCS_FILE.exists(), "docs/cli.md is missing: run `python scripts/make_cli_docs.py`"
    text: str = make_cli_docs.DOCS_FILE.read_text(encoding="utf-8")
    return text


def test_reference_is_up_to_date(committed: str) -> None:
    generated = make_cli_docs.render()
    assert generated == committed, (
        "docs/cli.md is out of date with the commands' --help: "
        "run `python scripts/make_cli_docs.py` and commit docs/cli.md"
    )


def test_every_command_has_help_text() -> None:
    missing = [doc.name for doc in make_cli_docs.walk() if not doc.help]
    assert not missing, f"commands without help text (add a docstring or help=...): {missing}"


def test_every_documented_command_exists(committed: str) -> None:
    documented = make_cli_docs.documented_commands(committed)
    assert documented, "docs/cli.md documents no command"
    existing = {doc.name for doc in make_cli_docs.walk()}
    stale = [name for name in documented if name not in existing]
    assert not stale, f"docs/cli.md documents commands that no longer exist: {stale}"


def test_check_mode_reports_drift(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "cli.md"
    stale.write_text("# CLI reference\n", encoding="utf-8")
    monkeypatch.setattr(make_cli_docs, "DOCS_FILE", stale)
    monkeypatch.setattr(make_cli_docs, "ROOT", tmp_path)
    monkeypatch.setattr(make_cli_docs, "render", lambda: "# CLI reference\n\n## `dangvien`\n")
    assert make_cli_docs.main(["--check"]) == 1
    assert make_cli_docs.main([]) == 0
    assert make_cli_docs.main(["--check"]) == 0
