"""Burp's origin fast path gives exactly what the general ``split_target`` path gives, for every string.

``burp._target_of`` reads ``http(s)://name`` without ``split_target``; any other ``<host>`` text takes
``_target_general``. Both must agree on the identity, the port and the scheme of every text the fast
path accepts (and it must decline what it cannot read the same way).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from futurevuls_ext.parsers import burp
from futurevuls_ext.parsers._target import ORIGIN

_PREFIXES = ["http://", "https://", "HTTP://", "Https://", "", "ftp://", "//", "http:/", "https:///"]
_CHARS = "aZz09._-:/@[]?#% \t\n" + "\u00e9\uff11\u0130\u212a\u0131"
_IPS = ["10.0.0.1", "", "010.0.0.1", "10.0.0.1 ", "::1", "2001:DB8::1", "none", "10.0.0.256", "x"]


@settings(max_examples=3000, deadline=None)
@given(
    prefix=st.sampled_from(_PREFIXES),
    name=st.text(alphabet=_CHARS, max_size=14),
    ip=st.sampled_from(_IPS),
)
def test_fast_path_agrees_with_the_general_path(prefix: str, name: str, ip: str) -> None:
    url = prefix + name
    assert burp._target_of((ip, url)) == burp._target_general(ip, url)


@pytest.mark.parametrize(
    "url",
    [
        "https://web01.example",
        "http://WEB01.Example",
        "https://a",
        "https://a.",  # trailing dot: general path
        "https://10.0.0.1",  # an IP literal: general path
        "https://10.0.0.1a",
        "https://host:8443",
        "https://user@host",
        "https://host/path",
        "https://[::1]",
        "https://none",  # a placeholder name
        "https://-",
        "https://_",
        "https://1e100.net",
        "https://xn--bcher-kva.example",
    ],
)
@pytest.mark.parametrize("ip", ["10.0.0.1", "", "10.0.0.300"])
def test_known_shapes_agree(url: str, ip: str) -> None:
    assert burp._target_of((ip, url)) == burp._target_general(ip, url)


def test_the_fast_path_is_taken_for_burps_own_shape() -> None:
    assert ORIGIN("https://web01.example") is not None
    assert ORIGIN("http://app-1.tyo.example.jp") is not None
    for declined in ("https://web01.example:8443", "https://10.0.0.1", "https://web01.example.", "HTTPS://a"):
        assert ORIGIN(declined) is None
