"""``HostGrouper`` (``parse_report``'s grouping) gives the hosts its plain twin and its previous version give.

Twins: ``_reference.group_hosts`` (the obvious code) and ``tests/parsers/_grouping_reference.py`` (the
grouper before issue 17 part 4). Checked on generated findings built the way parsers build them (a
host's findings in runs sharing one hostnames / IP tuple and one CVE set object, hosts named again
later, several spellings of one host), on every fixture of every format, on ``../shared/samples``
(skipped when absent) and on small files of every ``bench.generate`` format.
"""

from __future__ import annotations

import copy
import gc
import io
import pickle
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bench.generate import GENERATORS
from bench.ours import PARSER_FORMATS
from futurevuls_ext.parsers import HostResult, ParseError, detect_format, iter_findings, parse_report
from futurevuls_ext.parsers import _grouping as fast
from futurevuls_ext.parsers import _reference as plain
from futurevuls_ext.parsers._errors import TruncatedReportError
from futurevuls_ext.parsers._model import Finding, Port, _HostSlots

from ..conftest import SHARED
from . import _grouping_reference as previous
from .conftest import DATA

# Pools of objects shared across findings, as parsers hand them out (one tuple / set per cell).
_ADDRESSES = (
    "10.0.0.1",
    "::ffff:10.0.0.1",
    "::FFFF:a00:1",
    "10.0.0.2",
    "WEB01",
    "web01",
    "web01.",
    "2001:DB8::1",
    "2001:db8:0::1",
    "db.example.jp",
    "Bücher.example",
    "xn--bcher-kva.example",
    " 10.0.0.3 ",
    "i-0abc",
)
_NAMES = ((), ("web01",), ("web01", "WEB01"), ("db.example.jp",), ("",))
_IP_TUPLES = ((), ("10.0.0.1",), ("10.0.0.1", "::ffff:10.0.0.2"), ("2001:DB8::1",), ("not-an-ip",), ("",))
_IPS = (None, "", "10.0.0.1", "2001:DB8:0::1", "10.0.0.9", "::ffff:10.0.0.1")
_CVES: tuple[frozenset[str], ...] = (
    frozenset(),
    frozenset({"CVE-2024-0001"}),
    frozenset({"CVE-2024-0001", "CVE-2024-0002"}),
    frozenset({"CVE-2023-1111"}),
    frozenset({"CVE-2024-0002"}),
)
_PORTS = (
    (None, None),
    (22, "tcp"),
    (443, "tcp"),
    (53, "udp"),
    (22, "udp"),
    (80, ""),
    (None, "tcp"),
    (8, "sctp"),
)


def _pick(pool: tuple[Any, ...]) -> st.SearchStrategy[int]:
    return st.integers(0, len(pool) - 1)


# One run: a host's findings listed together (address, names, IPs, ip, then per finding a CVE set and
# a port), and whether the run's tuples are fresh copies (equal, not the same objects).
_runs = st.tuples(
    _pick(_ADDRESSES),
    _pick(_NAMES),
    _pick(_IP_TUPLES),
    _pick(_IPS),
    st.lists(st.tuples(_pick(_CVES), _pick(_PORTS), st.booleans()), min_size=1, max_size=5),
    st.booleans(),
)


def _findings(runs: list[Any]) -> list[Finding]:
    items: list[Finding] = []
    for address, names, ip_tuple, ip, rows, fresh in runs:
        hostnames, ip_addresses = _NAMES[names], _IP_TUPLES[ip_tuple]
        for cves, port, copied in rows:
            if fresh:
                hostnames, ip_addresses = (*hostnames,), (*ip_addresses,)  # equal, not the same
            cve_ids = frozenset(set(_CVES[cves])) if copied else _CVES[cves]
            items.append(
                Finding(
                    address=_ADDRESSES[address],
                    ip=_IPS[ip],
                    hostnames=hostnames,
                    ip_addresses=ip_addresses,
                    port=_PORTS[port][0],
                    protocol=_PORTS[port][1],
                    cve_ids=cve_ids,
                    source_id=str(len(items)),
                )
            )
    return items


def _previous(findings: Any, keep: bool = True) -> tuple[HostResult, ...]:
    grouper = previous.HostGrouper(keep_findings=keep)
    grouper.add_all(findings)
    return grouper.hosts()


@given(st.lists(_runs, max_size=12), st.booleans(), st.integers(0, 40))
def test_grouper_gives_the_hosts_of_its_twins(runs: list[Any], keep: bool, cut: int) -> None:
    items = _findings(runs)
    grouper = fast.HostGrouper(keep_findings=keep)
    grouper.add_all(items[:cut])
    for finding in items[cut:]:
        grouper.add(finding)
    hosts = grouper.hosts()
    assert hosts == _previous(items, keep)
    assert hosts == plain.group_hosts(items, keep_findings=keep)
    assert [type(host) for host in hosts] == [HostResult] * len(hosts)
    assert len(grouper) == len(hosts)


@given(st.lists(_runs, max_size=12), st.booleans(), st.integers(1, 3))
def test_grouper_merging_many_cve_sets_gives_the_same_hosts(runs: list[Any], keep: bool, held: int) -> None:
    """A host holding more distinct CVE sets than ``CVE_PARTS_HELD`` merges them: same hosts."""
    items = _findings(runs)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fast, "CVE_PARTS_HELD", held)
        grouper = fast.HostGrouper(keep_findings=keep)
        grouper.add_all(items)
    assert grouper.hosts() == _previous(items, keep) == plain.group_hosts(items, keep_findings=keep)


def test_grouper_merges_spellings_runs_ports_and_cves() -> None:
    """The merge rules spelled out: one host per identity, first spelling kept, every set united."""
    names = ("web01.example.jp",)
    items = [
        Finding(address="WEB01", hostnames=names, port=22, protocol="tcp", cve_ids=frozenset({"CVE-2024-1"})),
        Finding(address="::ffff:10.0.0.1", ip="10.0.0.1", port=53, protocol="udp"),
        Finding(address="web01", hostnames=("WEB01",), ip="::ffff:10.0.0.7", port=22, protocol="udp"),
        Finding(address="10.0.0.1", port=443, protocol="tcp", cve_ids=frozenset({"CVE-2024-2"})),
        Finding(address="WEB01", port=80, protocol="", cve_ids=frozenset({"CVE-2024-3"})),
    ]
    grouper = fast.HostGrouper()
    grouper.add_all(items)
    web, ip = grouper.hosts()
    assert web.address == "WEB01"
    assert web.hostnames == frozenset({"web01.example.jp", "WEB01"})
    assert web.ip_addresses == frozenset({"10.0.0.7"})
    assert web.ports == frozenset({Port(port=22, protocol="tcp"), Port(port=22, protocol="udp")})
    assert web.cve_ids == frozenset({"CVE-2024-1", "CVE-2024-3"})
    assert web.findings == (items[0], items[2], items[4])
    assert ip.address == "10.0.0.1"
    assert ip.ip_addresses == frozenset({"10.0.0.1"})
    assert ip.ports == frozenset({Port(port=53, protocol="udp"), Port(port=443, protocol="tcp")})
    assert ip.cve_ids == frozenset({"CVE-2024-2"})
    assert ip.findings == (items[1], items[3])


def test_grouper_unions_each_cve_combination_once_and_shares_equal_sets() -> None:
    a, b = frozenset({"CVE-2024-0001"}), frozenset({"CVE-2024-0002", "CVE-2024-0001"})
    items = [
        Finding(address="10.0.0.1", cve_ids=a),
        Finding(address="10.0.0.1", cve_ids=b),
        Finding(address="10.0.0.2", cve_ids=b),
        Finding(address="10.0.0.3", cve_ids=frozenset(b)),
        Finding(address="10.0.0.4", cve_ids=frozenset(set(b)), port=1, protocol="tcp"),
        Finding(address="10.0.0.5", cve_ids=a, port=1, protocol="tcp"),
    ]
    grouper = fast.HostGrouper()
    grouper.add_all(items)
    hosts = grouper.hosts()
    assert hosts == plain.group_hosts(items)
    assert hosts[0].cve_ids is hosts[1].cve_ids is hosts[2].cve_ids is hosts[3].cve_ids
    assert hosts[3].ports is hosts[4].ports


def test_host_result_keeps_its_fields_in_the_slot_base_and_adds_no_slot() -> None:
    """The grouper's ``__class__`` swap needs one layout: every field a slot of ``_HostSlots``."""
    assert sorted(_HostSlots.__slots__) == sorted(
        [*(f.name for f in attrs.fields(HostResult)), "__weakref__"]
    )
    assert vars(HostResult)["__slots__"] == ()
    assert HostResult.__mro__ == (HostResult, _HostSlots, object)


def test_a_grouped_host_is_an_ordinary_frozen_host_result() -> None:
    finding = Finding(address="10.0.0.1", port=22, protocol="tcp", cve_ids=frozenset({"CVE-2024-1"}))
    grouper = fast.HostGrouper()
    grouper.add(finding)
    (host,) = grouper.hosts()
    twin = HostResult(**attrs.asdict(host, recurse=False))
    assert host == twin
    assert hash(host) == hash(twin)
    assert repr(host) == repr(twin)
    assert pickle.loads(pickle.dumps(host)) == host
    assert copy.deepcopy(host) == host
    assert attrs.evolve(host, address="x").address == "x"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        host.address = "x"  # type: ignore[misc]


_QUALYS = (
    '"IP","DNS","NetBIOS","QID","Title","Severity","Port","Protocol","CVE ID","CVSS3.1 Base"\n'
    '"10.0.0.1","web.example.jp","WEB","38739","Weak SSH","3","22","TCP","CVE-2020-1001","6.5"\n'
    '"10.0.0.1","web.example.jp","WEB","105","","5","","","CVE-2021-1","9.8"\n'
    '"10.0.0.2","","","38739","Weak SSH","3","22","TCP","CVE-2020-1001","6.5"\n'
    '"10.0.0.1","web.example.jp","WEB","106","x","1","443","","",""\n'
)


@pytest.mark.parametrize("keep", [True, False])
def test_parse_report_groups_like_the_plain_grouping(keep: bool) -> None:
    data = _QUALYS.encode()
    report = parse_report(io.BytesIO(data), format="qualys-csv", keep_findings=keep)
    expected = plain.group_hosts(iter_findings(io.BytesIO(data), format="qualys-csv"), keep_findings=keep)
    assert report.hosts == expected
    assert gc.isenabled()


def _check_file(path: Path, fmt: str | None = None) -> None:
    """parse_report's hosts of ``path`` are the previous grouper's hosts of its findings (both keeps)."""
    try:
        fmt = fmt or detect_format(path)
    except ParseError:
        return  # no format: nothing is grouped (test_api checks the error)
    for keep in (True, False):
        grouper = previous.HostGrouper(keep_findings=keep)
        try:
            grouper.add_all(iter_findings(path, format=fmt))
        except TruncatedReportError:
            if not len(grouper):
                with pytest.raises(TruncatedReportError):
                    parse_report(path, format=fmt)
                return
        except ParseError as exc:
            with pytest.raises(type(exc)):
                parse_report(path, format=fmt, keep_findings=keep)
            return
        report = parse_report(path, format=fmt, keep_findings=keep)
        assert report.hosts == grouper.hosts(), (path.name, keep)


_FIXTURES = sorted(p for p in DATA.rglob("*") if p.is_file() and p.suffix != ".md")
_NOT_SAMPLES = ("README.md", "truth.json", "manifest.json")
_SAMPLES = sorted(p for p in (SHARED / "samples").rglob("*") if p.is_file() and p.name not in _NOT_SAMPLES)


@pytest.mark.parametrize("path", _FIXTURES, ids=lambda p: str(p.relative_to(DATA)))
def test_every_fixture_groups_as_before(path: Path) -> None:
    _check_file(path)


@pytest.mark.parametrize("name", [str(p.relative_to(SHARED)) for p in _SAMPLES] or ["<no ../shared>"])
def test_every_shared_sample_groups_as_before(name: str, shared_dir: Path) -> None:
    _check_file(shared_dir / name)


@pytest.mark.parametrize("fmt", sorted(GENERATORS))
def test_every_generated_format_groups_as_before(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"report.{fmt}"
    GENERATORS[fmt](path, size_bytes=40_000)
    _check_file(path, PARSER_FORMATS.get(fmt, fmt))
