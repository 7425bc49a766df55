"""Options whose value is one of a domain vocabulary (see :mod:`dangvien_cli.domain.vocab`).

Every such option accepts the code, the Vietnamese label or the label typed without tones, in any case
(``--kind cell``, ``--kind "chi bộ"``, ``--kind "chi bo"``). Its help lists the choices with their labels, the
shell completes them, and a wrong value is refused while the command line is parsed (exit code 2), with
the choices listed in the run's language.
"""

from __future__ import annotations

import os
from typing import Any

import typer

from dangvien_cli.cli.help import CHOICES, is_key
from dangvien_cli.domain.vocab import Vocabulary
from dangvien_cli.messages import DEFAULT_LANGUAGE, t


def run_language() -> str:
    """The run's language while the command line is being parsed: the root's ``--lang``, else
    ``DANGVIEN_LANG``, else Vietnamese."""
    from typer._click.globals import get_current_context  # typer keeps its own copy of click

    ctx = get_current_context(silent=True)
    if ctx is not None:
        lang = ctx.find_root().params.get("lang")
        if lang:
            return str(getattr(lang, "value", lang))
    return os.environ.get("DANGVIEN_LANG", DEFAULT_LANGUAGE)


def parse_choice(vocabulary: type[Vocabulary]) -> Any:
    """A parser for Typer: text (or an already parsed member) → the member it names; BadParameter else."""

    def parse(value: Any) -> Vocabulary:
        if isinstance(value, vocabulary):
            return value
        member = vocabulary.parse(str(value))
        if member is None:
            lang = run_language()
            raise typer.BadParameter(t("value.choice", lang, choices=vocabulary.choices(lang)))
        return member

    return parse


def complete_choice(vocabulary: type[Vocabulary]) -> Any:
    """Shell completion: the codes that start with what was typed, each with its Vietnamese label."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
        return [(m.value, m.vi) for m in vocabulary if m.value.startswith(incomplete)]

    return complete


def choice_help(vocabulary: type[Vocabulary], text: str) -> str:
    """The option's help: a catalogue key, which :mod:`dangvien_cli.cli.help` shows with the choices in the
    run's language; or (until every help is a key) ``text`` followed by the choices in Vietnamese."""
    if is_key(text):
        CHOICES[text] = vocabulary
        return text
    return f"{text} {t('label.choices', 'vi')}: {vocabulary.choices('vi')}."


def choice_option(
    vocabulary: type[Vocabulary], *param_decls: str, help: str, metavar: str = "MÃ", **kwargs: Any
) -> Any:
    """A ``typer.Option`` taking one member of ``vocabulary``: ``Annotated[OrgKind, choice_option(...)]``."""
    return typer.Option(
        *param_decls,
        parser=parse_choice(vocabulary),
        autocompletion=complete_choice(vocabulary),
        metavar=metavar,
        help=choice_help(vocabulary, help),
        **kwargs,
    )
