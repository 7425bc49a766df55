"""Usage errors (a missing option, a wrong value, an unknown command) in the run's language.

Typer's copy of Click (``typer._click``) words its errors in English f-strings, with no translation hook.
The root catches them (``cli.app``) and this module says them again from what they carry: the parameter,
the option as typed, the value, the possibilities; for the errors that carry only a sentence (an unknown
command, extra arguments), from that sentence's fixed shape. A parameter is named as the user meets it: an
option as typed (``--month``), an argument by its placeholder in the run's language (``MÃ``), never by
the Python name behind it (``code``, ``candidate_id``).
"""

from __future__ import annotations

import re
from typing import Any

from typer._click.exceptions import (
    BadArgumentUsage,
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoSuchOption,
    UsageError,
)

from dangvien_cli.cli.failures import Failure
from dangvien_cli.messages import t
from dangvien_cli.text import shown

_NO_SUCH_COMMAND = re.compile(r"^No such command '(?P<name>.*?)'\.(?: Did you mean (?P<close>.+)\?)?$", re.S)
_EXTRA_ARGUMENTS = re.compile(r"^Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)$", re.S)
_NEEDS_VALUES = re.compile(r"requires (?P<count>\d+) arguments")

# pydantic's error types (Typer checks numbers with it) → what the message says, and its parameters.
_PYDANTIC = {
    "int_parsing": "cli.not_integer",
    "int_from_float": "cli.not_integer",
    "int_type": "cli.not_integer",
    "float_parsing": "cli.not_number",
    "float_type": "cli.not_number",
    "bool_parsing": "cli.not_boolean",
    "greater_than_equal": "cli.too_small",
    "greater_than": "cli.too_small",
    "less_than_equal": "cli.too_large",
    "less_than": "cli.too_large",
}


def option_name(param: Any) -> str:
    """An option as the user types it (its first long name), or an argument's placeholder."""
    if param.param_type_name == "option":
        longs = [o for o in param.opts if o.startswith("--")]
        return str((longs or param.opts)[0])
    return str(param.metavar or param.name or "").upper()


def field_key(param: Any) -> str:
    """The parameter in the JSON error object: the option as typed, or the argument's English placeholder
    in lower case (``code``, ``file``)."""
    if param.param_type_name == "option":
        return option_name(param)
    key = param.__dict__.get("_help_keys", {}).get("metavar")
    return t(key, "en").lower() if key else str(param.name)


def usage_failure(error: UsageError, lang: str) -> Failure:
    """The failure a usage error reports, in ``lang``."""
    message, field, value = _describe(error, lang)
    usage = None
    ctx = error.ctx
    if ctx is not None:
        from dangvien_cli.cli.helpview import usage_line

        usage = usage_line(ctx.command, ctx, lang)
        if ctx.command.get_help_option(ctx) is not None:
            usage += "\n" + t("cli.try_help", lang, command=ctx.command_path)
    return Failure("usage", message[:1].upper() + message[1:], field, value, usage)


def _describe(error: UsageError, lang: str) -> tuple[str, str | None, Any]:
    """(the message, the field, the value) of a usage error."""
    if isinstance(error, MissingParameter) and error.param is not None:
        return _missing(error.param, lang), field_key(error.param), None
    if isinstance(error, NoSuchOption):
        return _no_such_option(error, lang), None, error.option_name
    if isinstance(error, BadOptionUsage):
        return _bad_option_usage(error, lang), error.option_name, None
    if isinstance(error, BadParameter) and error.param is not None:
        return _bad_value(error, lang)
    if isinstance(error, BadArgumentUsage):
        return error.format_message(), None, None
    return _from_sentence(error, lang)


def _missing(param: Any, lang: str) -> str:
    if param.param_type_name == "option":
        return t("cli.missing_option", lang, option=option_name(param))
    return t("cli.missing_argument", lang, argument=option_name(param))


def _no_such_option(error: NoSuchOption, lang: str) -> str:
    message = t("cli.no_such_option", lang, option=shown(error.option_name))
    if error.possibilities:
        message += "; " + t("cli.did_you_mean", lang, choices=", ".join(sorted(error.possibilities)))
    return message


def _bad_option_usage(error: BadOptionUsage, lang: str) -> str:
    if "does not take a value" in error.message:
        return t("cli.takes_no_value", lang, option=error.option_name)
    many = _NEEDS_VALUES.search(error.message)
    if many:
        return t("cli.needs_values", lang, option=error.option_name, count=many["count"])
    return t("cli.needs_value", lang, option=error.option_name)


def _bad_value(error: BadParameter, lang: str) -> tuple[str, str | None, Any]:
    """A value the option's type refused: our own parsers say why in the run's language already (and keep
    the value); Typer's number checks fail in pydantic, whose error says which check and what was typed."""
    param = error.param
    name = option_name(param)
    value = getattr(error, "value", None)
    reason = error.message
    cause = error.__cause__
    errors = cause.errors() if cause is not None and hasattr(cause, "errors") else []
    if errors:
        first = errors[0]
        value = first.get("input", value)
        key = _PYDANTIC.get(str(first.get("type")), "cli.not_valid")
        context = first.get("ctx") or {}
        bound = context.get("ge", context.get("gt", context.get("le", context.get("lt"))))
        reason = t(key, lang, min=bound, max=bound)
    if value is None:
        return t("cli.invalid", lang, option=name, reason=reason), field_key(param), None
    text = t("cli.invalid_value", lang, option=name, value=shown(str(value)), reason=reason)
    return text, field_key(param), value


def _from_sentence(error: UsageError, lang: str) -> tuple[str, str | None, Any]:
    """The errors Click raises with a sentence alone (``ctx.fail``), recognised by its fixed shape."""
    message = error.message
    unknown = _NO_SUCH_COMMAND.match(message)
    if unknown:
        text = t("cli.no_such_command", lang, command=shown(unknown["name"]))
        if unknown["close"]:
            text += "; " + t("cli.did_you_mean", lang, choices=unknown["close"])
        return text, None, unknown["name"]
    extra = _EXTRA_ARGUMENTS.match(message)
    if extra:
        return t("cli.extra_arguments", lang, arguments=shown(extra["args"])), None, extra["args"]
    if message.startswith("Missing command") and error.ctx is not None:
        command = error.ctx.command
        names = ", ".join(command.list_commands(error.ctx)) if hasattr(command, "list_commands") else ""
        return t("cli.missing_command", lang, commands=names), None, None
    return message, None, None
