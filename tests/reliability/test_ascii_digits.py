"""Issue 15 item 9: digits are ASCII in every numeric parse and CVE-id check of every parser.

A superscript, fullwidth or Arabic-Indic digit in one port, severity or score cell costs that value
(or that record, listed in ``skipped``), never the whole report; a CVE id spelt with non-ASCII
digits is not a CVE id.
"""

from __future__ import annotations

import io
import json

import pytest

from futurevuls_ext._numbers import ascii_float, ascii_int, ascii_port, finite_number, is_ascii_digits
from futurevuls_ext.parsers import ScanReport, Severity, normalize_cve, parse_report, split_cves

from ._samples import EXPECTED, SAMPLES

SUP2 = "\u00b2"  # superscript two: isdigit() is True, int() raises
SUP10 = "\u00b9\u2070"  # superscript one-zero
ARABIC3 = "\u0663"  # Arabic-Indic three: int() reads 3
FULL2 = "\uff12"  # fullwidth two: int() reads 2
BAD_DIGITS = [SUP2, SUP10, ARABIC3, FULL2]


@pytest.mark.parametrize("bad", BAD_DIGITS)
def test_helpers_refuse_non_ascii_digits(bad: str) -> None:
    assert not is_ascii_digits(bad)
    assert ascii_int(bad) is None
    assert ascii_int("1" + bad) is None
    assert ascii_port(bad) is None
    assert ascii_port("44" + bad) is None
    assert ascii_float(bad) is None
    assert ascii_float("7." + bad) is None
    assert finite_number(bad) is None


def test_helpers_read_ascii_and_refuse_what_python_stretches() -> None:
    assert ascii_int(" 42\t") == 42
    assert ascii_int("1_000") is None
    assert ascii_int("+1") is None
    assert ascii_int("9" * 5000) is None  # int() raises ValueError past 4300 digits
    assert ascii_port("65535") == 65535
    assert ascii_port("65536") is None
    assert ascii_port(True) is None
    assert ascii_port(22.0) is None
    assert ascii_float("9.8") == 9.8
    assert ascii_float("-1e3") == -1000.0
    for text in ("nan", "inf", "-Infinity", "1e999", "1_0.5", "", "0x10"):
        assert ascii_float(text) is None, text
    assert finite_number(float("nan")) is None
    assert finite_number(10**400) is None
    assert finite_number(False) is None
    assert finite_number(3) == 3.0


@pytest.mark.parametrize("bad", BAD_DIGITS)
def test_cve_ids_need_ascii_digits(bad: str) -> None:
    spelt = f"CVE-201{bad}-15919"
    assert normalize_cve(spelt) is None
    assert normalize_cve("CVE-\uff12\uff10\uff11\uff18-15919") is None
    assert split_cves([spelt, "CVE-2018-15919"]) == {"CVE-2018-15919"}


def test_severity_parse_ignores_non_ascii_digits() -> None:
    for bad in BAD_DIGITS:
        assert Severity.parse(bad) is None
    assert Severity.parse(" 3 ") is Severity.HIGH


def _mutate(fmt: str, old: str, new: str) -> bytes:
    data = SAMPLES[fmt].decode()
    assert old in data, (fmt, old)
    return data.replace(old, new, 1).encode()


def _json_mutate(fmt: str, index: int, edit: dict[str, object]) -> bytes:
    """Replace keys of record ``index`` in a JSON Lines sample."""
    lines = SAMPLES[fmt].decode().splitlines()
    record = json.loads(lines[index])
    record.update(edit)
    lines[index] = json.dumps(record)
    return ("\n".join(lines) + "\n").encode()


def _cyco(port: object) -> bytes:
    records = json.loads(SAMPLES["cycognito"])
    records[1]["port"] = port
    return json.dumps(records).encode()


def _python_reads(cell: str) -> int | None:
    """What ``int()`` made of the cell before the fix (None when it raised)."""
    try:
        return int(cell)
    except ValueError:
        return None


# (format, case, mutated report, the port number int() would have read from the bad cell)
CASES: list[tuple[str, str, bytes, int | None]] = []
for _i, _bad in enumerate(BAD_DIGITS):
    _p443, _p22, _p80 = f"44{_bad}", f"7{_bad}", f"8{_bad}"
    CASES += [
        ("nessus", f"port-{_i}", _mutate("nessus", 'port="443"', f'port="{_p443}"'), _python_reads(_p443)),
        ("nessus", f"severity-{_i}", _mutate("nessus", 'severity="3"', f'severity="{_bad}"'), None),
        ("nmap", f"portid-{_i}", _mutate("nmap", 'portid="443"', f'portid="{_p443}"'), _python_reads(_p443)),
        ("nmap", f"cvss-{_i}", _mutate("nmap", '"cvss">5.0<', f'"cvss">{_bad}.0<'), None),
        ("qualys-csv", f"port-{_i}", _mutate("qualys-csv", '"443"', f'"{_p443}"'), _python_reads(_p443)),
        ("qualys-csv", f"severity-{_i}", _mutate("qualys-csv", '"3"', f'"{_bad}"'), None),
        ("nuclei", f"port-{_i}", _json_mutate("nuclei", 1, {"port": _p22}), _python_reads(_p22)),
        (
            "nuclei",
            f"host-{_i}",
            _json_mutate("nuclei", 1, {"host": f"192.0.2.11:{_p22}"}),
            _python_reads(_p22),
        ),
        ("shodan", f"port-{_i}", _json_mutate("shodan", 0, {"data": [{"port": _p80}]}), _python_reads(_p80)),
        ("cycognito", f"port-{_i}", _cyco(_p443), _python_reads(_p443)),
        ("asm-json", f"port-{_i}", _json_mutate("asm-json", 1, {"port": _p443}), _python_reads(_p443)),
    ]


def _hosts(report: ScanReport) -> set[str]:
    return {h.address for h in report.hosts}


@pytest.mark.parametrize(("fmt", "case", "data", "misread"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
@pytest.mark.parametrize("forced", [True, False], ids=["forced", "detected"])
def test_one_bad_digit_costs_one_value_not_the_report(
    fmt: str, case: str, data: bytes, misread: int | None, forced: bool
) -> None:
    report = parse_report(io.BytesIO(data), format=fmt if forced else None)
    assert report.format == fmt
    assert _hosts(report) == set(EXPECTED[fmt]), case
    for host in report.hosts:
        for port in host.ports:
            assert 0 < port.port < 65536
            assert type(port.port) is int
            assert port.port != misread, f"{case}: a non-ASCII digit was read as port {misread}"


def test_qualys_was_bad_severity_level_costs_the_severity_only() -> None:
    glossary = (
        '"GLOSSARY"\r\n"QID","Id","Title","Severity Level","CVSS Base"\r\n'
        f'"QID","150162","XSS","{SUP2}","{FULL2}.5"\r\n'
        '"QID","150001","SQLi","5","9.8"\r\n'
    )
    report = parse_report(io.BytesIO(SAMPLES["qualys-was-csv"] + glossary.encode()), format="qualys-was-csv")
    assert _hosts(report) == set(EXPECTED["qualys-was-csv"])
    findings = {f.source_id: f for f in report.findings}
    assert findings["150162"].severity is None and findings["150162"].cvss is None
    assert findings["150001"].severity is Severity.CRITICAL and findings["150001"].cvss == 9.8


def test_nessus_fullwidth_cve_is_not_sent() -> None:
    data = _mutate("nessus", "<cve>CVE-2018-15919</cve>", "<cve>CVE-\uff12\uff10\uff11\uff18-15919</cve>")
    report = parse_report(io.BytesIO(data), format="nessus")
    assert {h.address: h.cve_ids for h in report.hosts}["10.0.0.2"] == frozenset()


def test_nmap_bad_portid_is_recorded_in_skipped() -> None:
    report = parse_report(io.BytesIO(_mutate("nmap", 'portid="443"', f'portid="4{SUP2}"')), format="nmap")
    assert any(f"4{SUP2}" in s.reason for s in report.skipped)


@pytest.mark.parametrize("bad", BAD_DIGITS)
def test_port_ranges_and_cli_counts_refuse_non_ascii_digits(bad: str) -> None:
    import argparse

    from futurevuls_ext.cli import nmap as nmap_cli
    from futurevuls_ext.exposure import _evidence
    from futurevuls_ext.triage._exposed import port_in

    assert not port_in(f"0.0.0.0:2{bad}", "20-30/tcp")
    assert not port_in("0.0.0.0:22", f"2{bad}/tcp")
    assert port_in("0.0.0.0:22", "20-30/tcp")
    assert _evidence._port_key(f"2{bad}/tcp") == (1 << 20, f"2{bad}/tcp")
    with pytest.raises(argparse.ArgumentTypeError):
        nmap_cli._count(f"1{bad}")
    with pytest.raises(argparse.ArgumentTypeError):
        nmap_cli._seconds(f"1{bad}")
    with pytest.raises(argparse.ArgumentTypeError):
        nmap_cli._seconds("inf")
