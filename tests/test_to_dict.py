"""``to_dict()`` of every result type (and of models): the exact output, key order included.

The expected output is ``to_dict_expected.json`` beside this file, written from the hand-written
``to_dict()`` methods before they were generated through :mod:`futurevuls_ext._export`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest

from futurevuls_ext._export import REST, ToDict, dict_entry, to_plain
from futurevuls_ext.doctor import Check, DoctorReport, RouteProbe
from futurevuls_ext.exposure import ExposureApplyResult, ExposureDecision, ExposurePlan, PriorityChange
from futurevuls_ext.exposure._evidence import InstanceEvidence, PathEvidence
from futurevuls_ext.exposure._match import InstanceMatch
from futurevuls_ext.exposure._moves import MoveOutcome, RoleMove
from futurevuls_ext.exposure._plan import UnmatchedInstance
from futurevuls_ext.exposure._whatif import WhatIfResult
from futurevuls_ext.importer import HostOutcome, ImportResult
from futurevuls_ext.models import Cve, Cwe, Server, ServerTag, TaskStatus
from futurevuls_ext.nmap_job import IpOutcome, JobResult
from futurevuls_ext.profile import ApiProfile
from futurevuls_ext.ssvc import Exposure, HumanImpact, Priority
from futurevuls_ext.triage import BulkUpdateResult, TaskUpdate, TaskUpdateOutcome
from futurevuls_ext.triage._drill import AffectedPackage, CveDrillDown, ServerHit
from futurevuls_ext.triage._programs import QueueResult
from futurevuls_ext.triage._queues import Queue

_PATH = PathEvidence(
    ports="22/tcp", path=("AWS::EC2::InternetGateway", "AWS::EC2::Instance"), edge="internet-gateway"
)
_DECISION = ExposureDecision(
    server_id=10,
    server_name="web",
    role_id=1,
    role_name="default",
    exposure=Exposure.OPEN,
    matched_by="ip",
    instance_id="i-1",
    open_ports=("22/tcp",),
    paths=(_PATH,),
    external_scans=("nmap",),
    reason="port 22 open",
)
_MOVE = RoleMove(
    server_id=10,
    server_name="web",
    from_role_id=1,
    from_role_name="default",
    to_role_id=2,
    to_role_name="open",
    exposure=Exposure.OPEN,
    reason="port 22 open",
)
_CHANGE = PriorityChange(
    task_id=7,
    cve_id="CVE-2024-0001",
    server_id=10,
    server_name="web",
    before=Priority.SCHEDULED,
    after=Priority.IMMEDIATE,
    exposure_before=Exposure.SMALL,
    exposure_after=Exposure.OPEN,
    human_impact_before=HumanImpact.LOW,
    human_impact_after=HumanImpact.HIGH,
    reported="future",
)
_OUTCOME = IpOutcome(
    ip="192.0.2.1",
    server_id=10,
    external_scan_id=5,
    action="updated",
    cve_ids=frozenset({"CVE-2024-0002", "CVE-2024-0001"}),
    added=frozenset({"CVE-2024-0002"}),
    reason="two CVEs",
)
_HIT = ServerHit(
    task_id=7,
    server_id=10,
    server_name="web",
    role_name="open",
    tags=("prod",),
    external_scan=True,
    exposed_via=("external-scan",),
    status="new",
    ssvc_priority="immediate",
    running_process=None,
    listening_ports=("0.0.0.0:22",),
    packages=(AffectedPackage(name="openssh", version="8.9", processes=("sshd (pid 800)",)),),
    internet_ports=("22/tcp",),
)
_PROBE = RouteProbe(family="externalScans", path="/v1/externalScans", status=200, verdict="exists")
_UPDATE = TaskUpdate(status=TaskStatus.ONGOING, applying_patch_on=dt.date(2025, 1, 31))


def samples() -> dict[str, Any]:
    """Every sample by name (models too: their ``to_dict()`` is the same converter's)."""
    return {
        "ImportResult": ImportResult(
            name="nessus",
            created=(
                HostOutcome(host="10.0.0.1", server_id=1, external_scan_id=5, cve_count=2, reason="new"),
            ),
            unresolved=(HostOutcome(host="10.0.0.9", cve_count=1, reason="no server matches"),),
            pseudo_servers_created=(4,),
            warnings=("cut",),
            skipped_records=1,
            skipped=("line 3: no host",),
        ),
        "JobResult": JobResult(outcomes=(_OUTCOME,)),
        "ExposurePlan": ExposurePlan(
            decisions=(_DECISION,),
            unmatched=(
                UnmatchedInstance(
                    instance_id="i-9",
                    ip_addresses=frozenset({"10.0.0.9", "10.0.0.10"}),
                    exposure=None,
                    reason="no server",
                ),
            ),
            warnings=("w",),
        ),
        "ExposureApplyResult": ExposureApplyResult(
            outcomes=(MoveOutcome(move=_MOVE, status="failed", error="403"),),
            state_file=Path("revert.json"),
            warnings=("role open has no Exposure",),
        ),
        "WhatIfResult": WhatIfResult(
            changes=(_CHANGE,),
            unchanged=(8,),
            undetermined=(9,),
            mismatches=(_CHANGE,),
            failed={11: "404"},
            affected_servers=(10,),
        ),
        "CveDrillDown": CveDrillDown(cve_id="CVE-2024-0001", title="t", servers=(_HIT,)),
        "BulkUpdateResult": BulkUpdateResult(
            outcomes=(
                TaskUpdateOutcome(task_id=7, ok=True),
                TaskUpdateOutcome(task_id=8, ok=False, error="409"),
            ),
            update=_UPDATE,
        ),
        "QueueResult": QueueResult(queue=Queue.NEW, items=(), today=dt.date(2025, 1, 2), cve_id="CVE-1"),
        "DoctorReport": DoctorReport(
            base_url="http://127.0.0.1:1",
            checks=(Check(name="reach", ok=True, detail="200"),),
            scope="group",
            scan_family="externalScans",
            probes=(_PROBE,),
            role_ssvc_keys=("ssvcExposure",),
            tag_routes=(_PROBE,),
            profile=ApiProfile(),
            sources={"external_scans.list": "found by probe"},
        ),
        "ServerTag": ServerTag(id=3, name="<web>"),
        "Server": Server(
            id=1,
            server_name="web",
            created_at=dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
            tags=(ServerTag(id=3, name="prod", extra={"color": "red"}),),
            extra={"newKey": [1, 2]},
        ),
        "Cve": Cve(cve_id="CVE-2024-0001", cwes=(Cwe(cwe_id="CWE-79"),), score_v3s={"nvd": 9.8}),
    }


EXPECTED = json.loads((Path(__file__).parent / "to_dict_expected.json").read_text(encoding="utf-8"))


def _plain_json(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain_json(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain_json(v) for v in value)
    return value is None or isinstance(value, str | int | float | bool)


@pytest.mark.parametrize("name", sorted(samples()))
def test_to_dict_output_is_unchanged(name: str) -> None:
    exported = samples()[name].to_dict()
    assert _plain_json(exported), "to_dict() must return plain JSON values (lists, not tuples)"
    if name == "DoctorReport":  # the profile part follows ApiProfile's defaults, checked below
        exported.pop("profile")
    assert json.dumps(exported) == json.dumps(EXPECTED[name])  # key order too
    assert exported == EXPECTED[name]


def test_doctor_profile_lists_every_entry_with_its_source() -> None:
    report = samples()["DoctorReport"]
    profile = report.to_dict()["profile"]
    assert list(profile) == [item.name for item in report.profile.items()]
    assert profile["external_scans.list"] == {"value": "GET /v1/externalScans", "source": "found by probe"}
    assert profile["pseudo_server_create"]["source"] == "default, not found"


@attrs.frozen(kw_only=True)
class _Inner(ToDict):
    a: int
    b: str = "x"


@attrs.frozen(kw_only=True)
class _Shaped(ToDict):
    """Every rule of the converter at once."""

    inner: _Inner = attrs.field(metadata=dict_entry(flat=True))
    tags: frozenset[str] = frozenset()
    by_id: Mapping[int, str] = attrs.field(factory=dict)
    where: Path | None = None
    when: dt.date | None = None
    items: tuple[_Inner, ...] = attrs.field(default=(), metadata=dict_entry(key="rows"))
    last: str = "kept"

    _dict_keys = ("total", "inner", REST)

    def total(self) -> int:
        return len(self.items)


def test_converter_rules() -> None:
    shaped = _Shaped(
        inner=_Inner(a=1),
        tags=frozenset({"b", "a"}),
        by_id={2: "two"},
        where=Path("x") / "y.json",
        when=dt.date(2025, 1, 2),
        items=(_Inner(a=3, b="z"),),
    )
    exported = shaped.to_dict()
    assert exported.pop("last") == "kept"  # "*": every field not named, in field order
    assert list(exported.items()) == [
        ("total", 1),
        ("a", 1),
        ("b", "x"),
        ("tags", ["a", "b"]),
        ("by_id", {"2": "two"}),
        ("where", str(Path("x") / "y.json")),
        ("when", "2025-01-02"),
        ("rows", [{"a": 3, "b": "z"}]),
    ]
    assert to_plain((Exposure.OPEN, {Priority.DEFER})) == ["open", ["defer"]]


def test_instance_evidence_and_match_export_their_fields_and_verdict() -> None:
    evidence = InstanceEvidence(
        instance_id="i-1", ip_addresses=frozenset({"10.0.0.2", "10.0.0.1"}), paths=(_PATH,)
    )
    assert evidence.to_dict() == {
        "instance_id": "i-1",
        "ip_addresses": ["10.0.0.1", "10.0.0.2"],
        "exposure": "open",
        "open_ports": ["22/tcp"],
        "paths": [_PATH.to_dict()],
    }
    assert InstanceMatch(instance_id="i-1", server_ids=(10,), by="ip").to_dict() == {
        "instance_id": "i-1",
        "server_ids": [10],
        "by": "ip",
        "reason": "",
    }
