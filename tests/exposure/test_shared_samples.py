"""plan_exposure against the Inspector samples in ../shared and their ground truth (skipped without it)."""

from __future__ import annotations

import json
from pathlib import Path

from futurevuls_ext.exposure import plan_exposure
from futurevuls_ext.ssvc import Exposure

from .factories import server


def test_every_sample_matches_truth(shared_dir: Path) -> None:
    truth = json.loads((shared_dir / "samples" / "truth.json").read_text())
    checked = 0
    for key, expected in sorted(truth.items()):
        if not key.startswith("inspector/") or expected.get("expect") != "ok":
            continue
        instances = expected["instances"]
        servers = [server(n, iid, instance=iid) for n, iid in enumerate(sorted(instances), start=1)]
        plan = plan_exposure(shared_dir / "samples" / key, servers)
        for srv in servers:
            want = instances[srv.server_name]
            decision = plan.decision(srv.id)
            is_open = decision is not None and decision.exposure is Exposure.OPEN
            assert is_open == want["reachable"], key
            if is_open:
                assert decision is not None
                assert list(decision.open_ports) == want["open_ports"], key
            checked += 1
        assert plan.unmatched == (), key
    assert checked >= 5


def test_peering_only_instance_is_controlled(shared_dir: Path) -> None:
    sample = shared_dir / "samples" / "inspector" / "derived__list_findings_reachability_paths.json"
    servers = [server(1, "a", instance="i-0a1b2c3d4e5f60718"), server(2, "b", instance="i-0b2c3d4e5f6071829")]
    plan = plan_exposure(sample, servers)
    assert [d.server_id for d in plan.controlled] == [2]
    assert any(p.via_load_balancer for p in plan.open[0].paths)
