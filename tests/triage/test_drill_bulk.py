from __future__ import annotations

import attrs
import pytest

from futurevuls_ext.models import AffectedProc, PkgCpeChild
from futurevuls_ext.resources._common import InvalidArgumentError
from futurevuls_ext.triage import ExposureIndex, TaskUpdate, drill_down_cve
from futurevuls_ext.triage._bulk import task_ids

from ..exposure.factories import detail, role, scan, server
from .factories import task

SERVERS = [server(1, "dev"), server(2, "fw"), server(3, "batch")]
INDEX = ExposureIndex.build(SERVERS, [role(1, "default")], [scan(1, 2, ("CVE-2023-38408",))])


def test_drill_down_puts_exposed_first_and_reads_packages() -> None:
    tasks = [
        task(10, "CVE-2023-38408", 1, ports=("0.0.0.0:22",)),
        task(11, "CVE-2023-38408", 2),
        task(12, "CVE-1999-0001", 3),
    ]
    d = detail(10, "CVE-2023-38408", SERVERS[0])
    pkg = PkgCpeChild(
        name="openssh-server",
        version="8.9p1",
        server_id=1,
        created_at=None,
        updated_at=None,
        release="3ubuntu0.1",
        affected_procs=(AffectedProc(name="sshd", pid="800"),),
    )
    d = attrs.evolve(d, pkg_cpes=(pkg,))
    result = drill_down_cve("cve-2023-38408", tasks, {10: d}, INDEX, errors={11: "HTTP 500: boom"})
    assert result.cve_id == "CVE-2023-38408"
    assert [h.server_name for h in result.servers] == ["srv-2", "srv-1"]
    fw, dev = result.servers
    assert fw.external_scan and fw.exposed_via == ("external-scan",) and fw.detail_error == "HTTP 500: boom"
    assert not dev.exposed_via
    assert dev.listening_ports == ("0.0.0.0:22",)
    assert dev.packages[0].processes == ("sshd (pid 800)",)
    assert [h.server_id for h in result.exposed_servers] == [2]
    assert result.to_dict()["servers"][1]["packages"][0]["name"] == "openssh-server"


def test_task_update_validates_before_sending() -> None:
    with pytest.raises(InvalidArgumentError, match="nothing to set"):
        TaskUpdate().calls([1])
    with pytest.raises(ValueError, match="TaskStatus"):
        TaskUpdate(status="done").calls([1])
    with pytest.raises(InvalidArgumentError, match="applying_patch_on"):
        TaskUpdate(applying_patch_on="tomorrow").calls([1])
    calls = TaskUpdate(status="investigating", applying_patch_on="2026-12-01").calls([5, 6])
    assert [c.request.json for c in calls] == [
        {"status": "investigating", "applyingPatchOn": "2026-12-01"}
    ] * 2
    assert [c.request.path for c in calls] == ["/v1/task/5", "/v1/task/6"]


def test_task_ids_dedupe_and_reject_bools() -> None:
    assert task_ids([3, task(3, "CVE-2021-0001", 1), 4]) == [3, 4]
    with pytest.raises(InvalidArgumentError):
        task_ids([True])
