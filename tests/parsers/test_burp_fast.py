"""Burp's host reading (``split_origin``: one match for ``http(s)://name``) gives what split_target gives.

``burp._target_of`` reads ``http(s)://name`` without ``split_target``; ``_target_general`` below is the
plain path through ``split_target``. Both must agree on the identity, the port and the scheme of every
``<host>`` text.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from futurevuls_ext.parsers import burp
from futurevuls_ext.parsers._hostid import Identity, ip_and_name
from futurevuls_ext.parsers._target import ORIGIN, split_target

_PREFIXES = ["http://", "https://", "HTTP://", "Https://", "", "ftp://", "//", "http:/", "https:///"]
_CHARS = "aZz09._-:/@[]?#% \t\n" + "\u00e9\uff11\u0130\u212a\u0131"
_IPS = ["10.0.0.1", "", "010.0.0.1", "10.0.0.1 ", "::1", "2001:DB8::1", "none", "10.0.0.256", "x"]


def _target_general(ip: str, url: str) -> tuple[Identity | None, int | None, str | None]:
    """(identity, port, scheme) of a ``<host>`` text through :func:`split_target` (the reference)."""
    target = split_target(url) if url else None
    host = target.host if target is not None else None
    port = target.default_port if target is not None and host is not None else None
    return ip_and_name(ip, host), port, target.scheme if target is not None else None


@settings(max_examples=3000, deadline=None)
@given(
    prefix=st.sampled_from(_PREFIXES),
    name=st.text(alphabet=_CHARS, max_size=14),
    ip=st.sampled_from(_IPS),
)
def test_fast_path_agrees_with_the_general_path(prefix: str, name: str, ip: str) -> None:
    url = prefix + name
    assert burp._target_of((ip, url)) == _target_general(ip, url)


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
    assert burp._target_of((ip, url)) == _target_general(ip, url)


def test_the_fast_path_is_taken_for_burps_own_shape() -> None:
    assert ORIGIN("https://web01.example") is not None
    assert ORIGIN("http://app-1.tyo.example.jp") is not None
    for declined in ("https://web01.example:8443", "https://10.0.0.1", "https://web01.example.", "HTTPS://a"):
        assert ORIGIN(declined) is None
