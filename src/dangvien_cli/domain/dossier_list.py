"""The papers an admission dossier needs at each step: the package's list (``dossier_vn.toml``, from Hướng
dẫn 12-HD/BTCTW of 2022, Part II point 1.1), with a local committee's own file on top (settings:
``[dossier] extra = "file.toml"``, the same format).

A paper of the list is a :class:`PaperSpec`: the code officers type (``1-KNĐ``), its step, the guidance's
point, its form, its title in each language, when it is required and how many, whether the step needs it
beforehand, which command's record stands for it, and the workflow's dates it must fit. The local file adds
papers, or replaces one of the package's by giving its code again (to require the 7-KNĐ, say).

A code is known however it is typed: ``1-KNĐ``, ``1-knd``, ``Mẫu 1-KNĐ``, ``1 KND`` are one.

Reading the package file costs about a millisecond, once, on first use.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from dangvien_cli.domain.vocab import DossierStep
from dangvien_cli.errors import InvalidValue

OFFICIAL_FILE = "dossier_vn.toml"
SOURCE = "Hướng dẫn 12-HD/BTCTW ngày 18/01/2022, Phần II, điểm 1.1"

CONDITIONS = ("always", "union_introduces", "under_base_committee", "optional")
ANCHORS = (
    "certificate",
    "application",
    "resolution",
    "decision",
    "ceremony",
    "probation_end",
    "recognition",
)
CHECKED = ("form", "point", "earlier", "none", "local")
_KEYS = {
    "code",
    "step",
    "point",
    "form",
    "title",
    "title_en",
    "short",
    "short_en",
    "when",
    "count",
    "many",
    "needed",
    "recorded_by",
    "not_before",
    "not_after",
    "valid_months",
    "checked",
    "note",
}
_VALID_MONTHS = ("certificate_valid_months", "probation_months")  # the settings a validity may name


@dataclass(frozen=True)
class PaperSpec:
    """A paper the dossier needs (see ``dossier_vn.toml`` for what each field means)."""

    code: str
    step: DossierStep
    title: str
    title_en: str
    point: str = ""
    form: str = ""
    when: str = "always"
    count: int | str = 1  # a number, or "introducers"
    many: bool = False
    needed: bool = True
    recorded_by: str = ""
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    valid_months: str = ""
    checked: str = "local"
    note: str = ""
    short: str = ""
    short_en: str = ""

    def label(self, lang: str) -> str:
        return self.title if lang == "vi" else self.title_en

    def short_label(self, lang: str) -> str:
        """The paper's name in a table: its short name, else its title."""
        return (self.short or self.title) if lang == "vi" else (self.short_en or self.short or self.title_en)


@dataclass(frozen=True)
class PaperList:
    """The papers in force, in the order the dossier lists them, by step."""

    papers: tuple[PaperSpec, ...]
    extra: str | None = None
    _codes: dict[str, PaperSpec] = field(default_factory=dict, hash=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._codes.update({form_key(p.code): p for p in self.papers})

    def find(self, text: str) -> PaperSpec | None:
        """The paper ``text`` names (its code, typed any way), or None."""
        return self._codes.get(form_key(text))

    def get(self, text: str, field_name: str = "form") -> PaperSpec:
        """The paper ``text`` names; refused with the known codes otherwise."""
        spec = self.find(text)
        if spec is None:
            codes = ", ".join(p.code for p in self.papers)
            raise InvalidValue(field_name, text, "dossier.unknown_form", codes=codes)
        return spec

    def of_steps(self, steps: tuple[DossierStep, ...]) -> list[PaperSpec]:
        return [p for p in self.papers if p.step in steps]


@lru_cache(maxsize=1024)
def form_key(text: str) -> str:
    """How a typed code is compared: folded (đ→d, no tones, lower case), ``mẫu`` dropped, only letters and
    digits kept (``Mẫu 1-KNĐ`` and ``1knd`` are one)."""
    from dangvien_cli.domain.names import fold  # builds tables at import: only when a code is compared

    folded = fold(text).strip()
    folded = re.sub(r"^mau\b", "", folded)
    return re.sub(r"[^0-9a-z]+", "", folded)


# --- reading the files ---------------------------------------------------------------------------------


def _text(entry: dict[str, Any], key: str, where: str, required: bool = False) -> str:
    value = entry.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise InvalidValue("dossier", where, "dossier.entry_field", name=key)
    return " ".join(value.split())


def _names(entry: dict[str, Any], key: str, where: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or any(v not in allowed for v in value):
        raise InvalidValue("dossier", where, "dossier.entry_choice", name=key, choices=", ".join(allowed))
    return tuple(value)


def _choice(entry: dict[str, Any], key: str, where: str, allowed: tuple[str, ...], default: str) -> str:
    value = entry.get(key, default)
    if value not in allowed:
        raise InvalidValue("dossier", where, "dossier.entry_choice", name=key, choices=", ".join(allowed))
    return str(value)


def _count(entry: dict[str, Any], where: str) -> int | str:
    value = entry.get("count", 1)
    if value == "introducers" or (isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 9):
        return value  # type: ignore[no-any-return]
    raise InvalidValue("dossier", where, "dossier.entry_field", name="count")


def _flag(entry: dict[str, Any], key: str, where: str, default: bool) -> bool:
    value = entry.get(key, default)
    if not isinstance(value, bool):
        raise InvalidValue("dossier", where, "dossier.entry_field", name=key)
    return value


def parse_papers(data: dict[str, Any], path: str, local: bool) -> list[PaperSpec]:
    """The ``[[paper]]`` entries of a list file, checked field by field."""
    entries = data.get("paper", [])
    if not isinstance(entries, list):
        raise InvalidValue("dossier", path, "dossier.no_papers")
    papers: list[PaperSpec] = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path} [[paper]] #{number}"
        if not isinstance(entry, dict):
            raise InvalidValue("dossier", where, "dossier.no_papers")
        unknown = sorted(set(entry) - _KEYS)
        if unknown:
            raise InvalidValue("dossier", where, "dossier.entry_unknown", keys=", ".join(unknown))
        step = DossierStep.parse(_text(entry, "step", where, required=True))
        if step is None:
            raise InvalidValue(
                "dossier", where, "dossier.entry_choice", name="step", choices=", ".join(DossierStep.codes())
            )
        title = _text(entry, "title", where, required=True)
        papers.append(
            PaperSpec(
                code=_text(entry, "code", where, required=True),
                step=step,
                title=title,
                title_en=_text(entry, "title_en", where) or title,
                point=_text(entry, "point", where),
                form=_text(entry, "form", where),
                when=_choice(entry, "when", where, CONDITIONS, "always"),
                count=_count(entry, where),
                many=_flag(entry, "many", where, False),
                needed=_flag(entry, "needed", where, True),
                recorded_by=_text(entry, "recorded_by", where) if not local else "",
                not_before=_names(entry, "not_before", where, ANCHORS),
                not_after=_names(entry, "not_after", where, ANCHORS),
                valid_months=_choice(entry, "valid_months", where, ("", *_VALID_MONTHS), ""),
                checked="local" if local else _choice(entry, "checked", where, CHECKED, "none"),
                note=_text(entry, "note", where),
                short=_text(entry, "short", where),
                short_en=_text(entry, "short_en", where),
            )
        )
    return papers


def _official() -> list[PaperSpec]:
    text = resources.files("dangvien_cli.domain").joinpath(OFFICIAL_FILE).read_text(encoding="utf-8")
    return parse_papers(tomllib.loads(text), OFFICIAL_FILE, local=False)


def _local(path: str) -> list[PaperSpec]:
    file = Path(path)
    if not file.is_file():
        raise InvalidValue("dossier.extra", path, "dossier.missing")
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InvalidValue("dossier.extra", path, "dossier.unreadable", detail=str(error)) from None
    unknown = sorted(set(data) - {"paper"})
    if unknown:
        raise InvalidValue("dossier.extra", path, "dossier.entry_unknown", keys=", ".join(unknown))
    return parse_papers(data, path, local=True)


@lru_cache(maxsize=8)
def load_papers(extra: str | None = None) -> PaperList:
    """The list in force: the package's, with the local file ``extra`` (a path) on top. A local paper with
    a code of the package's takes its place; the others follow the package's in their step."""
    papers = {form_key(p.code): p for p in _official()}
    for spec in _local(extra) if extra else []:
        key = form_key(spec.code)
        if not key:
            raise InvalidValue("dossier.extra", spec.code, "dossier.entry_field", name="code")
        replaced = papers.get(key)
        # the package's paper keeps being read from its step's record (the derivation is by code)
        papers[key] = replace(spec, recorded_by=replaced.recorded_by) if replaced is not None else spec
    order = list(DossierStep)
    ordered = sorted(papers.values(), key=lambda p: order.index(p.step))  # stable: file order in a step
    return PaperList(tuple(ordered), extra)
