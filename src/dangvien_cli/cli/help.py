"""Help in the run's language.

A command, option or argument names its help by a catalogue key (``help="help.org.add"``, texts in
:mod:`dangvien_cli.messages.help`), not by a sentence, and a value's placeholder by a key too
(``metavar="metavar.code"``: ``MÃ`` in Vietnamese, ``CODE`` in English; texts in
:mod:`dangvien_cli.messages.cli`). When the root loads a command for a run it calls :func:`localize`,
which puts the text for the run's language in place of each key, and remembers the key, so that the next run
in the same process (tests run many) can switch language again. Text that is not a key is left as it is.

:func:`localize` also gives each command the help page of :mod:`dangvien_cli.cli.helpview` (the headings,
notes and usage line in the run's language, and a layout that keeps the help readable at 80 columns),
by making it a :class:`HelpCommand` or :class:`HelpGroup`: Typer builds plain ``TyperCommand`` and
``TyperGroup`` objects, whose help page is Typer's own, in English.

The run's language is known before any help is built: ``--lang`` anywhere on the command line (the root
reads it from the raw arguments first), else ``DANGVIEN_LANG``, else Vietnamese (:func:`run_language`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from typer.core import TyperCommand, TyperGroup

from dangvien_cli.messages import DEFAULT_LANGUAGE, LANGUAGES, t
from dangvien_cli.messages.catalog import MESSAGES

KEY_PREFIXES = ("help.", "metavar.")
LANG_META = "dangvien.lang"  # the root context's note of the language the command line names

CHOICES: dict[str, Callable[[str], str]] = {}
"""Help keys of options that take one of a closed set of values (filled by ``cli.choices.choice_option``
and ``cli.options.format_option`` as the command modules load): the choices in a language. The help ends
with them."""


def is_key(text: object) -> bool:
    """Whether ``text`` is a help or placeholder key of the catalogue rather than text to show."""
    return isinstance(text, str) and text.startswith(KEY_PREFIXES) and text in MESSAGES


def run_language(ctx: Any = None) -> str:
    """The run's language: what the command line names (``--lang``, read before parsing, see
    ``cli.app``), else the root's parsed ``--lang``, else ``DANGVIEN_LANG``, else Vietnamese. ``ctx`` is
    any context of the run; by default the current one."""
    if ctx is None:
        from typer._click.globals import get_current_context  # typer keeps its own copy of click

        ctx = get_current_context(silent=True)
    if ctx is not None:
        root = ctx.find_root()
        lang = root.meta.get(LANG_META) or root.params.get("lang")
        if lang:
            return str(getattr(lang, "value", lang))
    return environment_language()


def environment_language() -> str:
    """``DANGVIEN_LANG`` if it names a language (a code, in any case), else Vietnamese."""
    value = os.environ.get("DANGVIEN_LANG", "").strip().lower()
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def _localize_attribute(obj: Any, attribute: str, lang: str) -> None:
    keys: dict[str, str] = obj.__dict__.setdefault("_help_keys", {})
    current = getattr(obj, attribute, None)
    if attribute not in keys and isinstance(current, str) and is_key(current):
        keys[attribute] = current
    if attribute in keys:
        text = t(keys[attribute], lang)
        choices = CHOICES.get(keys[attribute])
        if choices is not None:
            text = f"{text} {t('label.choices', lang)}: {choices(lang)}."
        setattr(obj, attribute, text)


def _default_metavar(param: Any) -> str | None:
    """The placeholder of a value whose declaration names none: a word for its type. Flags take none."""
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return None
    descriptor = getattr(param, "type_descriptor", None)
    annotation = getattr(descriptor, "annotation", None)
    name = getattr(annotation, "__name__", "")
    if name in ("int", "float"):
        return "metavar.number"
    if name in ("Path", "PurePath"):
        return "metavar.file"
    return "metavar.text"


def localize(command: Any, lang: str) -> Any:
    """``command`` (and its subcommands, options and arguments) with help and placeholders in ``lang``, and
    the help page of :mod:`dangvien_cli.cli.helpview`. Returns it (``None``, for a command that does not
    exist, stays ``None``)."""
    if command is None:
        return None
    _adopt(command)
    for attribute in ("help", "short_help"):
        _localize_attribute(command, attribute, lang)
    for param in getattr(command, "params", ()):
        _localize_attribute(param, "help", lang)
        if param.metavar is None:
            param.metavar = _default_metavar(param)
        _localize_attribute(param, "metavar", lang)
    for sub in getattr(command, "commands", {}).values():
        localize(sub, lang)
    return command


class HelpCommand(TyperCommand):
    """A command whose ``--help`` is :mod:`dangvien_cli.cli.helpview`'s page, in the run's language."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from dangvien_cli.cli.helpview import help_page

        formatter.write(help_page(self, ctx, run_language(ctx)))


class HelpGroup(TyperGroup):
    """A group whose ``--help`` is :mod:`dangvien_cli.cli.helpview`'s page, in the run's language."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from dangvien_cli.cli.helpview import help_page

        formatter.write(help_page(self, ctx, run_language(ctx)))


def _adopt(command: Any) -> None:
    """Give a command Typer built the help page of this module's classes (they add only ``format_help``);
    a group named without a command shows its help, as the root does."""
    if type(command) is TyperCommand:
        command.__class__ = HelpCommand
    elif type(command) is TyperGroup:
        command.__class__ = HelpGroup
        command.no_args_is_help = True
