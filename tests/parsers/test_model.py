from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from futurevuls_ext.parsers import Port, Severity, normalize_cve, split_cves
from futurevuls_ext.parsers._model import is_ip


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, Severity.INFO),
        ("4", Severity.CRITICAL),
        (" High ", Severity.HIGH),
        ("informational", Severity.INFO),
        ("M", Severity.MEDIUM),
        (2.0, Severity.MEDIUM),
        (Severity.LOW, Severity.LOW),
        ("5", None),
        (-1, None),
        ("bogus", None),
        (None, None),
        (True, None),
        (2.5, None),
    ],
)
def test_severity_parse_is_tolerant(value: object, expected: Severity | None) -> None:
    assert Severity.parse(value) is expected


def test_cve_normalisation() -> None:
    assert normalize_cve(" cve-2018-15473 ") == "CVE-2018-15473"
    assert normalize_cve("CVE-2021-1234567") == "CVE-2021-1234567"
    assert normalize_cve("PRION:CVE-2010-4478") is None
    assert normalize_cve("CVE-21-1234") is None
    assert split_cves("CVE-2021-1, CVE-2021-31165;cve-2021-31167 junk") == {
        "CVE-2021-31165",
        "CVE-2021-31167",
    }
    assert split_cves(["cve-2018-15473", None, 5, "CVE-2016-6210,CVE-2016-6515"]) == {
        "CVE-2018-15473", "CVE-2016-6210", "CVE-2016-6515",
    }  # fmt: skip
    assert split_cves(None) == frozenset()
    assert split_cves({"CVE-2018-15473": 1}) == frozenset()


@given(st.one_of(st.ip_addresses().map(str), st.text(max_size=40)))
def test_is_ip_agrees_with_ipaddress(value: str) -> None:
    try:
        ipaddress.ip_address(value)
        expected = True
    except ValueError:
        expected = False
    assert is_ip(value) is expected


def test_port_orders_and_prints() -> None:
    assert sorted([Port(port=443, protocol="tcp"), Port(port=53, protocol="udp")])[0].port == 53
    assert str(Port(port=53, protocol="udp")) == "53/udp"
