"""The host-identity fast paths (issue 18) give exactly what their plain twins give, for every input.

The twins, in ``_identity_reference``, are the implementations before the fast paths: a regex and
:mod:`ipaddress` for IPs, one loop for identities, three ``find`` calls for a URL's authority.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from futurevuls_ext._identity import canonical_ip, canonical_name
from futurevuls_ext.parsers._hostid import identity, ip_and_name, name_only
from futurevuls_ext.parsers._target import split_target

from . import _identity_reference as reference

NASTY = [
    "",
    " ",
    "\t10.0.0.1\n",
    "127.0.0.1",
    "0.0.0.0",
    "255.255.255.255",
    "256.1.1.1",
    "010.0.0.1",
    "1.2.3.04",
    "192.168.1.1001",
    "1.2.3",
    "1.2.3.4.5",
    "1.2.3.4.",
    ".1.2.3.4",
    "1..2.3",
    "\u0661\u0662\u0667.0.0.1",
    "\uff11\uff12\uff17.0.0.1",
    "1.2.3.\u0664",
    "1.2.3.4\x00",
    "1.2.3.4\x0b",
    "1.2.3.4 .",
    "1.2.3.4\t.",
    "+1.2.3.4",
    "1_0.0.0.1",
    "::1",
    "::FFFF:10.0.0.1",
    "::ffff:a00:1",
    "2001:DB8:0::1",
    "fe80::1%eth0",
    "fe80::1%25eth0",
    "[2001:db8::1]",
    "[2001:db8::1]:8080",
    "[::1",
    "[::1]x",
    "WEB01",
    "web01.",
    "web01..",
    "Web01.Example.COM.",
    "B\u00fccher.Example",
    "xn--bcher-kva.example",
    "a..b",
    "-",
    "N/A",
    "None",
    "unknown",
    "no registered hostname",
    "web-",
    "web_",
    "a \t.",
    "h:0",
    "h:65535",
    "h:65536",
    "h:80a",
    "h:\uff18\uff10",
    "h:",
    "h:80:81",
    "user@h:8080",
    "user:pw@[::1]:22",
    "a@b@c",
    "https://Example.com:8443/a?b",
    "HTTPS://EXAMPLE.COM./",
    "http://10.0.0.1:80/",
    "http://010.0.0.1/",
    "http://h?x=1/y",
    "http://h#frag/x",
    "http://h/?#",
    "://h",
    "/http://dvwa_dvwa_1/",
    "//h",
    "https://",
    "https:///x",
    "http://[2001:db8::1]:8080/x",
    "http://\u0661.\u0662.\u0663.\u0664/",
    "http://B\u00fccher.example/",
    "http://\u00df.example/",
    "http://" + "a" * 70 + ".example/",
    "http://\x00/",
    "\u3000web01\u3000",
]

_ALPHABET = st.sampled_from(
    [
        *"0123456789.:[]@/?#%-_ aAzZfF\t\n\x00",
        "\u0661",
        "\uff11",
        "\u00fc",
        "\u00df",
        "\u3000",
        "\u2028",
        "://",
    ]
)
_TEXT = st.one_of(
    st.sampled_from(NASTY),
    st.lists(_ALPHABET, max_size=14).map("".join),
    st.text(max_size=20),
    st.ip_addresses().map(str),
    st.tuples(
        st.sampled_from(["", "http://", "HTTPS://", "/ws://"]),
        st.ip_addresses().map(str),
        st.sampled_from(["", ":80", ":0", ":65536", "/x"]),
    ).map("".join),
)


@pytest.mark.parametrize("text", NASTY)
def test_nasty_inputs_agree(text: str) -> None:
    assert canonical_ip.__wrapped__(text) == reference.canonical_ip(text)
    assert canonical_name.__wrapped__(text) == reference.canonical_name(text)
    assert split_target.__wrapped__(text) == reference.split_target(text)
    assert identity([text], [text]) == reference.identity([text], [text])


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_canonical_ip_agrees(text: str) -> None:
    assert canonical_ip.__wrapped__(text) == reference.canonical_ip(text)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_canonical_name_agrees(text: str) -> None:
    assert canonical_name.__wrapped__(text) == reference.canonical_name(text)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
@example("http://a \t./")
def test_split_target_agrees(text: str) -> None:
    ours, theirs = split_target.__wrapped__(text), reference.split_target(text)
    assert ours == theirs
    assert type(ours) is type(theirs)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), _TEXT), max_size=3), st.lists(st.one_of(st.none(), _TEXT), max_size=3))
def test_identity_agrees(ips: list[str | None], names: list[str | None]) -> None:
    assert identity(ips, names) == reference.identity(ips, names)


_NAMES = st.one_of(
    _TEXT, st.sampled_from(["web01.example.test", "WEB01", "unknown", "N/A", "a-", "x_", " db01 "])
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_TEXT, st.ip_addresses().map(str)), st.one_of(st.none(), _NAMES))
def test_ip_and_name_is_identity_of_one_ip_and_one_name(ip: str, name: str | None) -> None:
    assert ip_and_name(ip, name) == reference.identity([ip], [name]) == identity([ip], [name])


@pytest.mark.parametrize("ip", ["10.0.0.1", "2001:db8::1", " 10.0.0.1", "10.0.0.01", "", "web01"])
@pytest.mark.parametrize("name", [*NASTY[:40], "web01.example.test", "unknown", "NONE", "a:b", None])
def test_ip_and_name_nasty_pairs(ip: str, name: str | None) -> None:
    assert ip_and_name(ip, name) == reference.identity([ip], [name])


@settings(max_examples=400, deadline=None)
@given(_NAMES)
@example("no registered hostname")
def test_name_only_is_identity_of_one_name(name: str) -> None:
    assert name_only(name) == reference.identity((), [name]) == identity((), [name])
