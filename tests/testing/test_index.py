"""ServerTable: a dict whose by-server index always equals filtering its values by server_id."""

from __future__ import annotations

import attrs
from hypothesis import given
from hypothesis import strategies as st

from futurevuls_ext.testing import FakeFutureVuls
from futurevuls_ext.testing._index import ServerTable


@attrs.define
class Rec:
    id: int
    server_id: int


def assert_consistent(table: ServerTable[Rec]) -> None:
    for server_id in {r.server_id for r in table.values()} | {0, 1, 2, 3}:
        expected = [r for r in table.values() if r.server_id == server_id]
        assert sorted(table.of_server(server_id), key=lambda r: r.id) == sorted(expected, key=lambda r: r.id)


ops = st.lists(
    st.tuples(
        st.sampled_from(["set", "del", "pop", "popitem", "setdefault", "update", "clear", "drop"]),
        st.integers(0, 6),
        st.integers(0, 3),
    ),
    max_size=40,
)


@given(ops)
def test_index_follows_every_kind_of_change(steps: list[tuple[str, int, int]]) -> None:
    table: ServerTable[Rec] = ServerTable()
    plain: dict[int, Rec] = {}
    for op, key, server_id in steps:
        record = Rec(key, server_id)
        if op == "set":
            table[key] = plain[key] = record
        elif op == "del" and key in plain:
            del table[key]
            del plain[key]
        elif op == "pop":
            assert table.pop(key, None) == plain.pop(key, None)
        elif op == "popitem" and plain:
            assert table.popitem() == plain.popitem()
        elif op == "setdefault":
            assert table.setdefault(key, record) == plain.setdefault(key, record)
        elif op == "update":
            table.update({key: record})
            plain.update({key: record})
        elif op == "clear":
            table.clear()
            plain.clear()
        elif op == "drop":
            table.drop_server(server_id)
            plain = {k: v for k, v in plain.items() if v.server_id != server_id}
        assert dict(table) == plain
        assert_consistent(table)


def test_the_fake_answers_per_server_reads_from_the_index() -> None:
    with FakeFutureVuls() as fake:
        one = fake.add_server("one", ipv4="10.0.0.1")
        two = fake.add_server("two", ipv4="10.0.0.2")
        scan = fake.add_external_scan(one, "ext", ["CVE-2024-0001", "CVE-2024-0002"])
        fake.add_external_scan(two, "ext", ["CVE-2024-0003"])
        state = fake.state
        assert [t.cve_id for t in state.tasks.of_server(one)] == ["CVE-2024-0001", "CVE-2024-0002"]
        assert [s.id for s in state.external_scans.of_server(one)] == [scan]
        with state.lock:
            state.delete_server(one)
        assert state.tasks.of_server(one) == [] and state.external_scans.of_server(one) == []
        assert [t.cve_id for t in state.tasks.of_server(two)] == ["CVE-2024-0003"]
