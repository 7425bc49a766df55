"""The vi/en message catalogue: every user-facing string goes through here.

Vietnamese is the default language; English is chosen with ``--lang en``. Keys are stable English
identifiers; JSON output never carries translated text, only keys and codes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dangvien_cli.messages.catalog import FIELDS, MESSAGES

if TYPE_CHECKING:
    from dangvien_cli.errors import DangvienError

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The text for ``key`` in ``lang``, with ``params`` filled in. An unknown key shows itself."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry[0] if lang == "vi" else entry[1]
    return text.format(**params) if params else text


def field_label(field: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """A field's human label: Vietnamese label with the English key, or the English label alone."""
    entry = FIELDS.get(field)
    if entry is None:
        return field
    return f"{entry[0]} ({field})" if lang == "vi" else entry[1]


def render_error(error: DangvienError, lang: str = DEFAULT_LANGUAGE) -> str:
    """One line that names the field and the value, then says what is wrong with it."""
    from dangvien_cli.errors import InvalidValue
    from dangvien_cli.exchange.safety import shown

    params = dict(error.params)
    for name, value in error.params.items():  # a parameter ending in _key names another text to show
        if name.endswith("_key") and isinstance(value, str):
            params[name.removesuffix("_key")] = t(value, lang)
    reason = t(error.key, lang, **params)
    if isinstance(error, InvalidValue):
        # The value may be anything a file held: one short line, no terminal escapes.
        return f"{field_label(error.field, lang)} '{shown(str(error.value))}': {reason}"
    return reason
