"""Properties of instance -> server matching over random groups (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from futurevuls_ext.exposure import match_instances
from futurevuls_ext.models import Server

from .factories import server

IPS = st.sampled_from([f"10.0.0.{i}" for i in range(6)])
IDS = st.sampled_from([f"i-{i}" for i in range(6)])


@st.composite
def groups(draw: st.DrawFn) -> tuple[dict[str, frozenset[str]], list[Server]]:
    instances = draw(st.dictionaries(IDS, st.frozensets(IPS, max_size=3), max_size=6))
    count = draw(st.integers(min_value=0, max_value=6))
    servers = [
        server(n, f"s{n}", ipv4=draw(st.one_of(st.just(""), IPS)), instance=draw(st.one_of(st.just(""), IDS)))
        for n in range(count)
    ]
    return instances, servers


@settings(max_examples=300, deadline=None)
@given(groups())
def test_matching_invariants(group: tuple[dict[str, frozenset[str]], list[Server]]) -> None:
    instances, servers = group
    by_id = {s.id: s for s in servers}
    matches = match_instances(instances, servers)
    assert set(matches) == set(instances)
    ip_claims: list[int] = []
    for instance_id, match in matches.items():
        assert bool(match.server_ids) != bool(match.reason)
        if match.by == "platformInstanceId":
            assert all(by_id[s].platform_instance_id == instance_id for s in match.server_ids)
        elif match.by == "ip":
            (server_id,) = match.server_ids
            srv = by_id[server_id]
            assert not srv.platform_instance_id and srv.server_ipv4 in instances[instance_id]
            ip_claims.append(server_id)
        else:
            assert match.server_ids == ()
            assert not any(s.platform_instance_id == instance_id for s in servers)
    assert len(ip_claims) == len(set(ip_claims))  # an IP match is one-to-one
