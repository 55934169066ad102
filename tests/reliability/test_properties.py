"""Property-based tests per parser: mutated reports raise only ParseError; generated reports round-trip.

Deterministic (``derandomize=True``, no example database) so CI sees the same examples every run.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings

from futurevuls_ext import ParseError
from futurevuls_ext.parsers import parse_report

from ._generate import GenHost, apply_mutations, hosts_strategy, mutations_strategy
from ._render import DECOY_CVE, ROUND_TRIP_FORMATS, address_of, expected, expected_ports, render
from ._samples import SAMPLES

# hypothesis touches mypy_extensions.TypedDict while reporting a failure; with filterwarnings=error that
# turns a failing example into an INTERNALERROR that stops the session
pytestmark = pytest.mark.filterwarnings("ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning")

PROPERTY = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def parse_or_parse_error(data: bytes, fmt: str | None) -> None:
    """Either a report or ParseError; any other exception fails the test with its traceback."""
    reason: str | None = None
    try:
        report = parse_report(io.BytesIO(data), format=fmt)
    except ParseError as exc:
        reason = exc.reason
    if reason is not None:
        assert reason.strip()  # a message that says what was wrong
        return
    for host in report.hosts:
        assert host.address
        assert all(c.startswith("CVE-") and c == c.upper() for c in host.cve_ids)


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
@PROPERTY
@given(ops=mutations_strategy)
def test_mutated_report_parses_or_raises_parse_error(
    fmt: str, ops: list[tuple[str, float, int, bytes]]
) -> None:
    parse_or_parse_error(apply_mutations(SAMPLES[fmt], ops), fmt)


@pytest.mark.parametrize("fmt", sorted(SAMPLES))
@settings(PROPERTY, max_examples=30)
@given(ops=mutations_strategy)
def test_mutated_report_with_detection_parses_or_raises_parse_error(
    fmt: str, ops: list[tuple[str, float, int, bytes]]
) -> None:
    parse_or_parse_error(apply_mutations(SAMPLES[fmt], ops), None)


@pytest.mark.parametrize("fmt", ROUND_TRIP_FORMATS)
@PROPERTY
@given(hosts=hosts_strategy())
def test_generated_report_round_trips_hosts_and_cves(fmt: str, hosts: list[GenHost]) -> None:
    data = render(fmt, hosts)
    report = parse_report(io.BytesIO(data), format=fmt, strict=True)
    assert {h.address: h.cve_ids for h in report.hosts} == expected(fmt, hosts)
    ports = expected_ports(fmt, hosts)
    if ports is not None:
        assert {h.address: frozenset((p.port, p.protocol) for p in h.ports) for h in report.hosts} == ports
    assert all(DECOY_CVE not in h.cve_ids for h in report.hosts)  # free text is never searched
    by_address = {h.address: h for h in report.hosts}
    for gen in hosts:
        got = by_address.get(address_of(fmt, gen))
        if got is None:  # inspector: an instance without CVEs has no finding (checked above)
            continue
        if gen.hostname and fmt != "inspector":
            assert gen.hostname in got.hostnames
        if carries_ip(fmt, gen):
            assert gen.ip in got.ip_addresses


def carries_ip(fmt: str, gen: GenHost) -> bool:
    """Whether the rendered report states the host's IP (nuclei and CyCognito name it by host name)."""
    return fmt not in {"nuclei", "cycognito"} or gen.hostname is None


@pytest.mark.parametrize("fmt", ROUND_TRIP_FORMATS)
@settings(PROPERTY, max_examples=20)
@given(hosts=hosts_strategy())
def test_generated_report_is_detected(fmt: str, hosts: list[GenHost]) -> None:
    report = parse_report(io.BytesIO(render(fmt, hosts)))
    assert report.format == fmt


@pytest.mark.parametrize("fmt", ROUND_TRIP_FORMATS)
@settings(PROPERTY, max_examples=40)
@given(hosts=hosts_strategy(max_hosts=3), ops=mutations_strategy)
def test_mutated_generated_report_parses_or_raises_parse_error(
    fmt: str, hosts: list[GenHost], ops: list[tuple[str, float, int, bytes]]
) -> None:
    data = apply_mutations(render(fmt, hosts), ops)
    parse_or_parse_error(data, fmt)
    parse_or_parse_error(data, None)
