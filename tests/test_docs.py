"""The documentation claims only what exists: every `dangvien …` it names is a real command with real options,
the tables of import columns and settings are the real ones, every sample file is described, the README
stays a front page, and the site builds strictly. (What the tours print is checked by tests/test_tour.py.)"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from dangvien_cli.domain.settings import DEFAULT_SETTINGS, Settings
from dangvien_cli.exchange.columns import LISTS, header_key

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
SAMPLE = ROOT / "sample_data"
TEST_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -e '.[dev]' && .venv/bin/pytest -n auto"
DEMO_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/dangvien demo"
# the only pages whose outputs are run (scripts/tour.py)
TOURS = {README, DOCS / "tour.md", DOCS / "errors.md"}


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_cli_docs", ROOT / "scripts" / "make_cli_docs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_cli_docs", module)
    spec.loader.exec_module(module)
    return module


make_cli_docs = _load_script()


def pages() -> list[Path]:
    """Every Markdown page a reader meets: the README, the site's pages, the sample data's notes."""
    return [README, *sorted(DOCS.rglob("*.md")), *sorted(SAMPLE.rglob("*.md"))]


# --- reading the commands a page names -------------------------------------------------------------------

_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
_INLINE = re.compile(r"`([a-z][a-z-]*(?:\s[^`]*)?)`")
_SHELL = {"bash", "sh", "shell", "console"}
_SEPARATORS = {"|", "||", "&&", ";", "&"}


@dataclass(frozen=True)
class Mention:
    """A `dangvien …` command line as a page writes it."""

    page: str
    text: str
    parents: tuple[tuple[str, ...], ...] = ()  # for a line without `dangvien`: the paths it may continue

    def invocations(self) -> Iterator[list[str]]:
        if not self.parents:
            yield from invocations(self.text)
            return
        words = _tokens(self.text)
        yield from ([*parent, *words] for parent in self.parents)


@cache
def _parents() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each command's name (``list``, ``propose``, ``org``) and the paths of the groups that hold one."""
    found: dict[str, list[tuple[str, ...]]] = {}
    for doc in make_cli_docs.walk():
        if doc.path:
            found.setdefault(doc.path[-1], []).append(doc.path[:-1])
    return {name: tuple(paths) for name, paths in found.items()}


def mentions(page: Path) -> Iterator[Mention]:
    """The command lines in the page's shell and console blocks (a console block's ``$`` lines), and its
    inline code that names a command (with or without ``dangvien`` in front)."""
    text = page.read_text(encoding="utf-8")
    name = str(page.relative_to(ROOT)) if page.is_relative_to(ROOT) else page.name
    for match in _FENCE.finditer(text):
        if match.group(1) in _SHELL:
            for line in _command_lines(match.group(1), match.group(2)):
                if re.search(r"\bdangvien\b", line):
                    yield Mention(name, line)
    for match in _INLINE.finditer(_FENCE.sub("", text)):
        code = " ".join(match.group(1).split())
        if code == "dangvien" or code.startswith("dangvien "):
            yield Mention(name, code)
        elif " " in code:  # `member list --org CODE`: a command named without the program's name
            parents = _parents().get(code.split()[0])
            if parents is not None:
                yield Mention(name, code, parents)


def _command_lines(language: str, body: str) -> list[str]:
    """A block's commands: a console block's ``$`` lines; a shell block's lines but comments, an indented
    line continuing the one above."""
    lines: list[str] = []
    for line in body.splitlines():
        if language == "console":
            if line.startswith("$ "):
                lines.append(line[2:])
        elif line[:1].isspace() and lines:
            lines[-1] += " " + line.strip()
        elif line.strip() and not line.lstrip().startswith("#"):
            lines.append(line.removeprefix("$ "))
    return lines


def _is_program(word: str) -> bool:
    return word == "dangvien" or word.endswith("bin/dangvien")


def _tokens(line: str) -> list[str]:
    try:
        return shlex.split(line, comments=True)
    except ValueError:  # an apostrophe in a synopsis: words are enough there
        return line.split()


def invocations(line: str) -> Iterator[list[str]]:
    """The words after each ``dangvien`` (or ``…/bin/dangvien``) of a line, up to the next pipe or ``;``."""
    words: list[str] | None = None
    for token in _tokens(line):
        ends = token in _SEPARATORS or (token.endswith(";") and len(token) > 1)
        if words is not None:
            if ends:
                if token not in _SEPARATORS:
                    words.append(token[:-1])
                yield words
                words = None
                continue
            words.append(token)
        elif _is_program(token):
            words = []
    if words is not None:
        yield words


@cache
def _root() -> Any:
    return make_cli_docs.root_command()


_SUBCOMMANDS: dict[int, dict[str, Any]] = {}


def _subcommands(command: Any) -> dict[str, Any]:
    """A group's subcommands, loaded once (the root loads its own lazily, by name)."""
    if id(command) not in _SUBCOMMANDS:
        _SUBCOMMANDS[id(command)] = make_cli_docs.subcommands_of(command)
    return _SUBCOMMANDS[id(command)]


def _options(command: Any) -> set[str]:
    names = {"--help"}
    for param in command.params:
        names.update(getattr(param, "opts", []))
        names.update(getattr(param, "secondary_opts", []))
    return names


def _takes_value(command: Any, option: str) -> bool:
    for param in command.params:
        if option in getattr(param, "opts", []):
            return not getattr(param, "is_flag", False) and not getattr(param, "count", False)
    return False


def check(words: list[str]) -> str | None:
    """What is wrong with ``dangvien WORDS``, or None: each word in a command's place must name a subcommand
    (``a|b`` names several), and each option must be one of the command's own or the root's."""
    root = _root()
    commands = [root]
    path: list[str] = []
    index = 0
    while index < len(words):  # the root's options come first: dangvien --db x.db demo
        word = words[index].strip("[]")
        if not word.startswith("-"):
            break
        option = word.split("=", 1)[0]
        if option not in _options(root):
            return f"the root has no option {option}"
        index += 2 if _takes_value(root, option) and "=" not in word else 1
    for word in words[index:]:
        word = word.strip("[]")
        if word.startswith("-") and word != "-" and not re.match(r"-\d", word):
            option = word.split("=", 1)[0]
            for command in commands:
                if option not in _options(command) | _options(root):
                    return f"`dangvien {' '.join(path)}` has no option {option}"
            continue
        groups = [_subcommands(command) for command in commands]
        if not all(groups):  # a command, not a group: the rest are its arguments and their values
            continue
        if word in ("…", "...") or not word:
            return None
        names = word.split("|")
        missing = [name for name in names if not all(name in group for group in groups)]
        if missing:
            return f"`dangvien {' '.join(path)}` has no subcommand {', '.join(missing)}"
        commands = [group[name] for group in groups for name in names]
        path.append(word)
    return None


def test_the_command_checker_finds_what_does_not_exist() -> None:
    assert list(invocations("dangvien --db m.db demo | head -3; dangvien member show 99; echo $?")) == [
        ["--db", "m.db", "demo"],
        ["member", "show", "99"],
    ]
    assert list(invocations("echo 'postgresql+psycopg://u:p@h/dangvien' > f")) == []
    assert check(["--db", "m.db", "demo"]) is None
    assert check(["--lang", "en", "report", "quota", "--year", "2022", "-o", "f.xlsx", "--force"]) is None
    assert (
        check(["import", "orgs|members|quotas", "FILE", "[--dry-run]", "[--on-duplicate", "error|skip]"])
        is None
    )
    assert check(["export", "…", "--format", "json"]) is None
    assert check(["org", "split", "TP", "x"]) == "`dangvien org` has no subcommand split"
    assert check(["import", "orgs|people", "f.csv"]) == "`dangvien import` has no subcommand people"
    assert check(["member", "list", "--colour"]) == "`dangvien member list` has no option --colour"
    assert check(["--verbose", "demo"]) == "the root has no option --verbose"
    assert (
        check(["report", "quota|ageing", "--by", "base"])
        == "`dangvien report quota|ageing` has no option --by"
    )


def problem(mention: Mention) -> str | None:
    """What is wrong with a mention; one without `dangvien` may continue any group that has its name."""
    problems = [check(words) for words in mention.invocations()]
    return None if not problems or None in problems else problems[0]


def test_commands_named_without_the_program_name_are_read_too(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "Use `member list --org CODE`, `propose --age-exception X`, `org split TP x` and `list --nope`;"
        " `status` and `candidate` (a column) are words.\n",
        encoding="utf-8",
    )
    assert {m.text: problem(m) for m in mentions(page)} == {
        "member list --org CODE": None,
        "propose --age-exception X": None,
        "org split TP x": "`dangvien org` has no subcommand split",
        "list --nope": "`dangvien org list` has no option --nope",
    }


def test_every_command_the_docs_name_exists() -> None:
    found = [m for page in pages() for m in mentions(page)]
    assert len(found) > 150, "the docs name hardly any command: is the reader broken?"
    wrong = [f"{m.page}: `{m.text}`: {issue}" for m in found if (issue := problem(m))]
    assert not wrong, "the docs name commands or options that do not exist:\n" + "\n".join(wrong)


# --- the README --------------------------------------------------------------------------------------------


def test_the_readme_is_a_front_page_with_the_two_commands_at_its_top() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 200
    first_block = _FENCE.search(text)
    assert first_block is not None
    assert first_block.group(1) == "bash"
    assert DEMO_COMMAND in first_block.group(2).splitlines()
    assert TEST_COMMAND in first_block.group(2).splitlines()
    assert text.index(first_block.group(0)) < text.index("\n## "), "the two commands come before any section"


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert any(line.startswith(TEST_COMMAND) for line in ci.splitlines())
    assert "mkdocs build --strict" in ci


def test_only_the_tours_show_outputs() -> None:
    """A console block is a command and what it printed: only the tours are run, so only they may have one."""
    shown = [page.name for page in pages() if page not in TOURS and "```console" in page.read_text("utf-8")]
    assert not shown, f"console blocks outside the tours are never checked: {shown}"


# --- the site ----------------------------------------------------------------------------------------------


def test_every_page_is_in_the_navigation() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\s*- (?:[^:\n]+: )?([\w./-]+\.md)\s*$", config, re.MULTILINE))
    existing = {str(page.relative_to(DOCS)) for page in DOCS.rglob("*.md")}
    assert listed == existing


def test_links_between_pages_point_at_pages_that_exist() -> None:
    broken = []
    for page in [README, *DOCS.rglob("*.md")]:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8")):
            if "://" not in target and not (page.parent / target).exists():
                broken.append(f"{page.relative_to(ROOT)} → {target}")
    assert not broken


@pytest.mark.slow
@pytest.mark.engine_free
def test_the_site_builds_strictly_without_network(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(  # noqa: S603  (the mkdocs of this checkout's venv)
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    sample = (tmp_path / "site" / "sample-data.html").read_text(encoding="utf-8")
    assert "members.xlsx" in sample, "sample_data/README.md is included in the site"


# --- tables that must match the code -----------------------------------------------------------------------


def _section(text: str, anchor: str) -> str:
    start = text.index(f"{{#{anchor}}}")
    end = text.find("\n## ", start)
    next_sub = text.find("\n### ", start)
    ends = [e for e in (end, next_sub) if e != -1]
    return text[start : min(ends)] if ends else text[start:]


def _rows(section: str) -> list[list[str]]:
    rows = []
    for line in section.splitlines():
        if line.startswith("| `"):
            rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows


@pytest.mark.parametrize("entity", sorted(LISTS))
def test_the_import_columns_documented_are_the_real_ones(entity: str) -> None:
    section = _section((DOCS / "importing.md").read_text(encoding="utf-8"), f"columns-{entity}")
    specs = {spec.name: spec for spec in LISTS[entity]}
    for key, header, required, *_ in _rows(section):
        name = key.strip("`")
        assert name in specs, f"{entity}: no column {name}"
        spec = specs[name]
        assert header_key(header) in (*spec.aliases, header_key(name)), f"{entity}.{name}: {header}"
        assert (required == "có") == spec.required, f"{entity}.{name}: required is {spec.required}"
    named = set(re.findall(r"`([a-z_0-9]+)`", section))
    assert set(specs) <= named, f"{entity}: columns not documented: {sorted(set(specs) - named)}"


def _as_documented(value: object) -> str:
    """A setting's default as the settings page writes it (a list as JSON, an empty text as "", none as —)."""
    if isinstance(value, tuple):
        return json.dumps(list(value))
    if value is None:
        return "—"
    return '""' if value == "" else str(value)


def test_the_settings_documented_are_the_real_ones() -> None:
    rows = _rows((DOCS / "settings.md").read_text(encoding="utf-8"))
    documented = {row[0].strip("`"): row[1].strip("`") for row in rows}
    assert set(documented) == {f.name for f in fields(Settings)}
    for name, shown in documented.items():
        value = getattr(DEFAULT_SETTINGS, name)
        expected = _as_documented(value)
        assert shown == expected, f"{name}: the page says {shown}, the default is {expected}"


def test_every_sample_file_is_described() -> None:
    notes = (SAMPLE / "README.md").read_text(encoding="utf-8")
    files = [
        path.relative_to(SAMPLE).as_posix()
        for path in SAMPLE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path != SAMPLE / "README.md"
    ]
    assert files
    missing = [name for name in files if f"`{name}`" not in notes]
    assert not missing, f"sample_data/README.md does not say what these are for: {missing}"
