"""import_report's options: checked before the report is read, and a real signature for help() and editors."""

from __future__ import annotations

import inspect
import pydoc
import re
from pathlib import Path
from typing import Any

import pytest

import futurevuls_ext as fv
from futurevuls_ext import InvalidArgumentError, UnknownOptionError

from ..harness import Both

pytestmark = pytest.mark.anyio

OPTIONS = [
    "format",
    "server_id",
    "server_map",
    "create_pseudo_servers",
    "pseudo_server_tags",
    "pseudo_server_role_id",
    "name",
    "is_external",
    "prune",
    "prune_mode",
    "dry_run",
    "concurrency",
    "progress",
    "rescan",
    "lock",
]


def _refuse(request: Any) -> Any:
    raise AssertionError(f"nothing may be sent: {request.method} {request.url}")


async def test_an_unknown_option_is_caught_before_the_report_is_read(both: Both, tmp_path: Path) -> None:
    both.connect(_refuse, api_token="t", base_url="https://rest.vuls.biz")
    missing = tmp_path / "not-there.nessus"  # reading it would raise ParseError, not the option error
    with pytest.raises(UnknownOptionError) as caught:
        await both.run(lambda c: c.import_report(missing, dryrun=True))
    assert str(caught.value) == "import_report() has no option 'dryrun'; did you mean 'dry_run'?"
    assert isinstance(caught.value, TypeError) and isinstance(caught.value, fv.FutureVulsError)


async def test_an_option_nothing_resembles_lists_the_options(both: Both, tmp_path: Path) -> None:
    both.connect(_refuse, api_token="t", base_url="https://rest.vuls.biz")
    with pytest.raises(UnknownOptionError) as caught:
        await both.run(lambda c: c.import_report(tmp_path / "x.nessus", zzz=1))
    assert str(caught.value) == "import_report() has no option 'zzz'; its options are " + ", ".join(OPTIONS)


@pytest.mark.parametrize(
    ("options", "fragment"),
    [({"concurrency": 0}, "concurrency must be a positive integer"), ({"prune_mode": "drop"}, "prune_mode")],
)
async def test_bad_values_are_caught_before_the_report_is_read(
    both: Both, tmp_path: Path, options: dict[str, Any], fragment: str
) -> None:
    both.connect(_refuse, api_token="t", base_url="https://rest.vuls.biz")
    with pytest.raises(fv.FutureVulsError, match=fragment):
        await both.run(lambda c: c.import_report(tmp_path / "not-there.nessus", **options))


@pytest.mark.parametrize("cls", [fv.Client, fv.AsyncClient])
def test_the_real_keyword_signature_is_visible(cls: type[Any]) -> None:
    signature = inspect.signature(cls.import_report)
    params = list(signature.parameters.values())
    assert [p.name for p in params] == ["self", "source", *OPTIONS]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params[2:])
    assert signature.parameters["dry_run"].default is False
    assert signature.parameters["concurrency"].default == 8
    text = pydoc.render_doc(cls.import_report, renderer=pydoc.plaintext)  # type: ignore[attr-defined]
    assert re.search(r"dry_run: '?bool'? = False", text) and "**options" not in text
    assert inspect.iscoroutinefunction(cls.import_report) is (cls is fv.AsyncClient)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda c: c.exposure.apply(None, dryrun=True),
            "apply() has no option 'dryrun'; did you mean 'dry_run'?",
        ),
        (
            lambda c: c.triage.queue(exposedonly=True),
            "queue() has no option 'exposedonly'; did you mean 'exposed_only'?",
        ),
        (
            lambda c: c.nmap.update(sources=None),
            "update() has no option 'sources'; did you mean 'source'?",
        ),
    ],
)
async def test_workflow_methods_name_the_closest_option_too(both: Both, call: Any, message: str) -> None:
    both.connect(_refuse, api_token="t", base_url="https://rest.vuls.biz")
    with pytest.raises(UnknownOptionError) as caught:
        await both.run(call)
    assert str(caught.value) == message


def test_invalid_argument_is_still_the_base() -> None:
    assert issubclass(UnknownOptionError, InvalidArgumentError)
