"""``split_origin`` (the web scanners' ``http(s)://name`` fast path) agrees with ``split_target``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from futurevuls_ext.parsers._target import ORIGIN, split_origin, split_target

_PREFIXES = [
    "http://",
    "https://",
    "HTTP://",
    "Https://",
    "",
    "ftp://",
    "//",
    "http:/",
    "https:///",
    "/http://",
]
_CHARS = "aZz09._-:/@[]?#% \t\n" + "\u00e9\uff11\u0130\u212a\u0131"


@settings(max_examples=3000, deadline=None)
@given(prefix=st.sampled_from(_PREFIXES), name=st.text(alphabet=_CHARS, max_size=14))
def test_split_origin_is_split_target(prefix: str, name: str) -> None:
    value = prefix + name
    fast, general = split_origin(value), split_target(value)
    assert fast == general
    assert fast.default_port == general.default_port


@pytest.mark.parametrize(
    "value",
    [
        "https://web01.example",
        "http://WEB01.Example",
        "https://a.",
        "https://10.0.0.1",
        "https://10.0.0.1a",
        "https://host:8443",
        "https://user@host",
        "https://host/path",
        "https://[2001:db8::1]:8080",
        "http://localhost",
        "https://xn--bcher-kva.example",
    ],
)
def test_known_site_names_agree(value: str) -> None:
    assert split_origin(value) == split_target(value)


def test_the_fast_path_is_taken_for_a_plain_origin() -> None:
    assert ORIGIN("https://db00001.iad.app.example.jp") is not None
    assert ORIGIN("https://db00001.iad.app.example.jp:8443") is None
