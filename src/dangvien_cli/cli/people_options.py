"""The twelve options for a person's own fields, declared once and shared by ``member add`` and
``add-candidate``.

A command takes ``person: PersonDetails`` and is decorated with :func:`person_options`: the decorator puts
the options in the command's signature in place of ``person`` (the three required ones where ``person``
stands, the nine optional ones just before ``--format``), and calls the command with the fields parsed once
by :func:`dangvien_cli.domain.people.parse_person`.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from dangvien_cli.cli.choices import choice_option
from dangvien_cli.cli.common import app_context
from dangvien_cli.domain.people import parse_person
from dangvien_cli.domain.vocab import EducationLevel, Gender

_KEYWORD = inspect.Parameter.KEYWORD_ONLY


def _option(name: str, annotation: Any, default: Any = inspect.Parameter.empty) -> inspect.Parameter:
    return inspect.Parameter(name, _KEYWORD, annotation=annotation, default=default)


def _text(name: str, option: str, metavar: str) -> inspect.Parameter:
    """An optional text field of a person: ``--<option> <METAVAR>``, help ``help.person.<name>``."""
    help_key = f"help.person.{name}"
    return _option(name, Annotated[str | None, typer.Option(option, metavar=metavar, help=help_key)], None)


REQUIRED: tuple[inspect.Parameter, ...] = (
    _option("name", Annotated[str, typer.Option("--name", metavar="metavar.name", help="help.person.name")]),
    _option(
        "gender",
        Annotated[
            Gender, choice_option(Gender, "--gender", metavar="metavar.gender", help="help.person.gender")
        ],
    ),
    _option(
        "birth", Annotated[str, typer.Option("--birth", metavar="metavar.date", help="help.person.birth")]
    ),
)
"""The options every person needs, where the command's ``person`` parameter stands."""

OPTIONAL: tuple[inspect.Parameter, ...] = (
    _text("citizen_id", "--citizen-id", "metavar.digits"),
    _text("family", "--family", "metavar.name"),
    _text("middle", "--middle", "metavar.name"),
    _text("given", "--given", "metavar.name"),
    _text("ethnicity", "--ethnicity", "metavar.name"),
    _text("religion", "--religion", "metavar.name"),
    _text("education", "--education", "metavar.text"),
    _option(
        "education_level",
        Annotated[
            EducationLevel | None,
            choice_option(
                EducationLevel,
                "--education-level",
                metavar="metavar.level",
                help="help.person.education_level",
            ),
        ],
        None,
    ),
    _text("occupation", "--occupation", "metavar.text"),
    _option(
        "youth_union",
        Annotated[bool, typer.Option("--youth-union/--no-youth-union", help="help.person.youth_union")],
        False,
    ),
)
"""The options a person may have, placed before the command's output options."""

R = TypeVar("R")


def person_options(command: Callable[..., R]) -> Callable[..., R]:
    """Give ``command`` the person options in place of its ``person`` parameter (see the module's docstring).

    The command's own ``--help`` and behaviour are those of the options written out in full: Typer reads the
    signature this sets. The fields are parsed before the command runs, so a refused field (a bad birth date,
    a citizen ID of 11 digits) opens no database."""
    signature = inspect.signature(command, eval_str=True)
    own = [p for p in signature.parameters.values() if p.name != "person"]
    at = list(signature.parameters).index("person")
    before_output = next((i for i, p in enumerate(own) if p.name == "fmt"), len(own))
    parameters = [*own[:at], *REQUIRED, *own[at:before_output], *OPTIONAL, *own[before_output:]]
    names = [p.name for p in (*REQUIRED, *OPTIONAL)]

    @functools.wraps(command)
    def with_person(**kwargs: Any) -> R:
        typed = {name: kwargs.pop(name) for name in names}
        settings = app_context(kwargs["ctx"]).settings
        person = parse_person(**typed, tone_order=settings.tone_order)
        return command(**kwargs, person=person)

    # All keyword-only: Typer passes every value by name, and the order of the options is free of Python's
    # rule that positional parameters come first.
    with_person.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[p.replace(kind=_KEYWORD) for p in parameters]
    )
    with_person.__annotations__ = {p.name: p.annotation for p in parameters}
    return with_person
