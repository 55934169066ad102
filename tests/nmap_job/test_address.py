"""One address per job: IPv4/IPv6 accepted and normalised; networks, names and options refused."""

from __future__ import annotations

import pytest

from futurevuls_ext import ConfigError
from futurevuls_ext.nmap_job import normalize_ip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1", "127.0.0.1"),
        (" 192.0.2.10 ", "192.0.2.10"),
        ("2001:DB8:0::1", "2001:db8::1"),
        ("::1", "::1"),
    ],
)
def test_single_addresses_are_normalised(text: str, expected: str) -> None:
    assert normalize_ip(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("192.0.2.0/24", "no CIDR"),
        ("-iL/etc/passwd", "looks like an option"),
        ("--script=evil", "looks like an option"),
        ("example.com", "not a single IPv4 or IPv6 address"),
        ("192.0.2.1-20", "not a single"),
        ("", "not a single"),
    ],
)
def test_anything_else_is_refused(text: str, fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment):
        normalize_ip(text)
