"""Help in the run's language.

A command, option or argument names its help by a catalogue key (``help="help.org.add"``, texts in
:mod:`dangvien_cli.messages.help`), not by a sentence. When the root loads a command for a run it calls
:func:`localize`, which puts the text for the run's language in place of each key, and remembers the key, so
that the next run in the same process (tests run many) can switch language again. Text that is not a key is
left as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dangvien_cli.messages import t
from dangvien_cli.messages.catalog import MESSAGES

if TYPE_CHECKING:
    from dangvien_cli.domain.vocab import Vocabulary

KEY_PREFIX = "help."

CHOICES: dict[str, type[Vocabulary]] = {}
"""Help keys of options that take a vocabulary (filled by ``cli.choices.choice_option`` as the command
modules load): their help ends with the choices and their labels, in the run's language."""


def is_key(text: object) -> bool:
    """Whether ``text`` is a help key of the catalogue rather than text to show."""
    return isinstance(text, str) and text.startswith(KEY_PREFIX) and text in MESSAGES


def _localize_attribute(obj: Any, attribute: str, lang: str) -> None:
    keys: dict[str, str] = obj.__dict__.setdefault("_help_keys", {})
    current = getattr(obj, attribute, None)
    if attribute not in keys and isinstance(current, str) and is_key(current):
        keys[attribute] = current
    if attribute in keys:
        text = t(keys[attribute], lang)
        vocabulary = CHOICES.get(keys[attribute])
        if vocabulary is not None:
            text = f"{text} {t('label.choices', lang)}: {vocabulary.choices(lang)}."
        setattr(obj, attribute, text)


def localize(command: Any, lang: str) -> Any:
    """``command`` (and its subcommands, options and arguments) with help in ``lang``. Returns it (``None``,
    for a command that does not exist, stays ``None``)."""
    if command is None:
        return None
    for attribute in ("help", "short_help"):
        _localize_attribute(command, attribute, lang)
    for param in getattr(command, "params", ()):
        _localize_attribute(param, "help", lang)
    for sub in getattr(command, "commands", {}).values():
        localize(sub, lang)
    return command
