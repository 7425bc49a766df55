"""Options whose value is one of a domain vocabulary (see :mod:`dangvien_cli.domain.vocab`).

Every such option accepts the code, the Vietnamese label or the label typed without tones, in any case
(``--kind cell``, ``--kind "chi bộ"``, ``--kind "chi bo"``). Its help lists the choices in the run's language
(the labels in Vietnamese, the codes with their labels in English), the shell completes them, and a wrong
value is refused while the command line is parsed (exit code 2), with the choices listed the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import typer

from dangvien_cli.cli.help import CHOICES, is_key
from dangvien_cli.cli.help import run_language as _run_language
from dangvien_cli.domain.vocab import Vocabulary
from dangvien_cli.messages import t


def run_language() -> str:
    """The run's language while the command line is being parsed (see :func:`cli.help.run_language`)."""
    return _run_language()


def listed(members: Iterable[Vocabulary], lang: str) -> str:
    """The choices as help and usage errors list them: in Vietnamese their labels, which is what an
    officer types (``Đảng bộ cấp trên; Tổ chức cơ sở đảng; Chi bộ``); in English the codes with their
    labels (``committee (Committee), base (Base organisation)…``)."""
    if lang == "vi":  # a label may hold commas ("Thôn, khu, tổ dân phố"): semicolons between them
        return "; ".join(m.vi for m in members)
    return ", ".join(f"{m.value} ({m.en})" if m.en != m.value else m.value for m in members)


class ChoiceError(typer.BadParameter):
    """A value that is none of the choices; ``value`` is what was typed (for the JSON error object)."""

    def __init__(self, message: str, value: str) -> None:
        super().__init__(message)
        self.value = value


def parse_choice(vocabulary: type[Vocabulary]) -> Any:
    """A parser for Typer: text (or an already parsed member) → the member it names; a usage error else."""

    def parse(value: Any) -> Vocabulary:
        if isinstance(value, vocabulary):
            return value
        member = vocabulary.parse(str(value))
        if member is None:
            lang = run_language()
            raise ChoiceError(t("value.choice", lang, choices=listed(vocabulary, lang)), str(value))
        return member

    return parse


def complete_choice(vocabulary: type[Vocabulary]) -> Any:
    """Shell completion: the codes that start with what was typed, each with its Vietnamese label."""

    def complete(incomplete: str) -> list[tuple[str, str]]:
        return [(m.value, m.vi) for m in vocabulary if m.value.startswith(incomplete)]

    return complete


def choice_help(members: Iterable[Vocabulary], key: str) -> str:
    """The option's help: a catalogue key, which :mod:`dangvien_cli.cli.help` shows with the choices in the
    run's language."""
    assert is_key(key), f"an option's help is a catalogue key: {key!r}"
    chosen = tuple(members)
    CHOICES[key] = lambda lang: listed(chosen, lang)
    return key


def choice_option(
    vocabulary: type[Vocabulary], *param_decls: str, help: str, metavar: str, **kwargs: Any
) -> Any:
    """A ``typer.Option`` taking one member of ``vocabulary``: ``Annotated[OrgKind, choice_option(...)]``.
    ``help`` and ``metavar`` are catalogue keys (``help.org.add.kind``, ``metavar.kind``)."""
    return typer.Option(
        *param_decls,
        parser=parse_choice(vocabulary),
        autocompletion=complete_choice(vocabulary),
        metavar=metavar,
        help=choice_help(vocabulary, help),
        **kwargs,
    )
