"""One source for the remedies that messages suggest, in two vocabularies, and small grammar helpers.

Library messages name Python arguments (``server_map``, ``create_pseudo_servers=True``, ``format=``); the
command line names its flags and environment variables for the same conditions. Code that builds a
message takes the remedy's :attr:`Remedy.python` text from here; the CLI turns every message it prints
into its own words with :func:`for_cli`, so the two vocabularies cannot drift apart.
"""

from __future__ import annotations

from typing import Final

from attrs import frozen

__all__ = [
    "AMBIGUOUS_HOST",
    "BASE_URL",
    "COMBINE_SERVER_ID",
    "FORCE_FORMAT",
    "INSECURE_HTTP",
    "NO_TOKEN",
    "REMEDIES",
    "TOKEN_CHARACTERS",
    "UNMATCHED_HOST",
    "Remedy",
    "article",
    "for_cli",
    "plural",
]


@frozen
class Remedy:
    """What to do about one condition: in library (Python) words and in command-line words."""

    python: str
    cli: str


NO_TOKEN: Final = Remedy(
    python="pass api_token=... or set the FUTUREVULS_API_TOKEN environment variable",
    cli="set the FUTUREVULS_API_TOKEN environment variable",
)
TOKEN_CHARACTERS: Final = Remedy(
    python="check FUTUREVULS_API_TOKEN or the api_token argument",
    cli="check the FUTUREVULS_API_TOKEN environment variable",
)
INSECURE_HTTP: Final = Remedy(
    python="use https, or pass allow_insecure_http=True if you really mean it",
    cli="use an https URL in --base-url or FUTUREVULS_BASE_URL",
)
UNMATCHED_HOST: Final = Remedy(
    python="map it with server_map or pass create_pseudo_servers=True",
    cli="map it with --server-map or pass --create-pseudo-servers",
)
AMBIGUOUS_HOST: Final = Remedy(
    python="add the host to server_map",
    cli="add the host to the --server-map file",
)
FORCE_FORMAT: Final = Remedy(
    python="pass format=... to force a parser",
    cli="pass --format FORMAT to force a parser",
)
COMBINE_SERVER_ID: Final = Remedy(
    python="server_id sends every host to one server; do not combine it with server_map or "
    "create_pseudo_servers",
    cli="--server-id sends every host to one server; do not combine it with --server-map or "
    "--create-pseudo-servers",
)
BASE_URL: Final = Remedy(python="base_url '", cli="the base URL '")
"""Not a remedy but the argument's name where a message quotes the URL (``base_url 'http://...'``)."""
REMEDIES: Final = (NO_TOKEN, TOKEN_CHARACTERS, INSECURE_HTTP, UNMATCHED_HOST, AMBIGUOUS_HOST, FORCE_FORMAT,
                   COMBINE_SERVER_ID, BASE_URL)  # fmt: skip


def for_cli(text: str) -> str:
    """``text`` (a message or summary) with every library remedy replaced by its command-line wording."""
    for remedy in REMEDIES:
        if remedy.python in text:
            text = text.replace(remedy.python, remedy.cli)
    return text


def article(name: str) -> str:
    """``name`` with its indefinite article: ``"an Amazon Inspector"``, ``"a nuclei"``, ``"an ASM"``."""
    return f"an {name}" if name[:1].lower() in "aeiou" else f"a {name}"


def plural(count: int, noun: str) -> str:
    """``"1 record"``, ``"3 records"``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
