"""The vi/en message catalogue: every user-facing string goes through here, gettext-style.

``t(key, lang, **params)`` is a text; ``nt(key, count, lang, **params)`` a text about ``count`` things, which
English words in the singular or plural (Vietnamese nouns do not change). Vietnamese is the default
language; English is chosen with ``--lang en``. Keys are stable English identifiers; JSON output never
carries translated text, only keys and codes. The texts live by topic in this package's modules.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from dangvien_cli.messages.catalog import FIELDS, MESSAGES
from dangvien_cli.messages.numbers import param
from dangvien_cli.text import shown

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


@runtime_checkable
class Labelled(Protocol):
    """A coded value with a name for people in each language (the domain's vocabularies)."""

    def label(self, lang: str) -> str: ...


class Refusal(Protocol):
    """What :func:`render_error` needs of an error (see :mod:`dangvien_cli.errors`)."""

    key: str
    params: dict[str, Any]


def _text(key: str, lang: str, count: int | None) -> str | None:
    entry = MESSAGES.get(key)
    if entry is None:
        return None
    vi, en = entry
    if lang == "vi":
        return vi
    if isinstance(en, tuple):
        one, other = en
        return one if count == 1 else other
    return en


def _formatted(params: dict[str, object], lang: str) -> dict[str, object]:
    """The parameters as a sentence in ``lang`` writes them: dates ``31/10/2022``, ``107,7``, ``4.354``
    (see :mod:`dangvien_cli.messages.numbers`)."""
    return {name: param(name, value, lang) for name, value in params.items()}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The text for ``key`` in ``lang``, with ``params`` filled in (dates and numbers in the language's
    way). An unknown key shows itself."""
    count = params.get("count")
    text = _text(key, lang, count if isinstance(count, int) else None)
    if text is None:
        return key
    return text.format(**_formatted(params, lang)) if params else text


def nt(key: str, count: int, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The text for ``key`` about ``count`` things: English takes the singular for one, the plural otherwise.
    ``count`` is passed to the text as ``{count}`` unless ``params`` names it otherwise."""
    text = _text(key, lang, count)
    if text is None:
        return key
    return text.format(**_formatted({"count": count, **params}, lang))


def field_label(field: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A field's label for people, in ``lang`` (``Ngày sinh``, ``Birth date``); never its internal key,
    which JSON carries. A field the catalogue does not know shows its key."""
    entry = FIELDS.get(field)
    if entry is None:
        return field
    return entry[0] if lang == "vi" else entry[1]


def reason_params(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """A reason's parameters ready for its text: ``*_key`` names another text (``missing_key``),
    ``*_field`` a field, shown by its label (in a Vietnamese sentence in lower case: ``other_field``,
    "trước ngày vào Đảng …"), and a coded value (a stage, a kind) its label; the refused ``value`` stays as
    typed."""
    shown = dict(params)
    for name, value in params.items():
        if name.endswith("_key") and isinstance(value, str):  # names another text to show
            shown[name.removesuffix("_key")] = t(value, lang)
        elif name == "entity" and isinstance(value, str) and f"entity.{value}" in MESSAGES:  # a table
            shown[name] = t(f"entity.{value}", lang)
        elif (name == "field" or name.endswith("_field")) and isinstance(value, str):
            label = field_label(value, lang)  # lower case, unless it starts with "CCCD"…
            lower = lang == "vi" and label[1:2].islower()
            shown[name] = label[:1].lower() + label[1:] if lower else label
        elif name != "value" and isinstance(value, Labelled):  # a stage, a kind… (the value stays as typed)
            shown[name] = value.label(lang)
    return shown


def render_error(error: Refusal, lang: str = DEFAULT_LANGUAGE) -> str:
    """One line that names the field (by its label) and the value, then says what is wrong with it."""
    reason = t(error.key, lang, **reason_params(error.params, lang))
    field = getattr(error, "field", None)
    if field is not None:
        # The value may be anything a file held: one short line, no terminal escapes.
        return f"{field_label(field, lang)} '{shown(str(getattr(error, 'value', '')))}': {reason}"
    return reason
