"""Every speed trick in ``parsers/_speedups.py`` gives what its plain twin in ``_reference.py`` gives."""

from __future__ import annotations

import copy
import gc
import pickle
import weakref
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from futurevuls_ext._serde import default_converter
from futurevuls_ext.parsers import _reference as plain
from futurevuls_ext.parsers import _speedups as fast
from futurevuls_ext.parsers._model import Finding, Severity, _FindingSlots

_text = st.sampled_from(["", "a", "web", "10.0.0.1", "10.0.0.2", "2001:db8::1", "db.example.jp"])
_tuple = st.lists(_text, max_size=3).map(tuple)
_cves = st.frozensets(st.sampled_from(["CVE-2024-0001", "CVE-2024-0002", "CVE-2023-1111"]), max_size=3)

findings = st.builds(
    Finding,
    address=st.sampled_from(["10.0.0.1", "10.0.0.2", "web", "2001:db8::1", "db.example.jp"]),
    ip=st.none() | _text,
    hostnames=_tuple,
    ip_addresses=_tuple,
    port=st.none() | st.integers(1, 3),
    protocol=st.none() | st.sampled_from(["", "tcp", "udp"]),
    service=st.none() | _text,
    product=st.none() | _text,
    version=st.none() | _text,
    cpes=_tuple,
    cve_ids=_cves,
    severity=st.none() | st.sampled_from(list(Severity)),
    cvss=st.none() | st.floats(0, 10),
    source_id=st.none() | _text,
    title=st.none() | _text,
    scanner=st.sampled_from(["", "qualys-csv", "nuclei"]),
)


def test_new_finding_takes_every_field_with_finding_defaults() -> None:
    """A field added to Finding must be added to new_finding too (it sets every slot)."""
    fields = attrs.fields(Finding)
    assert fast.new_finding(address="h") == Finding(address="h")
    import inspect

    parameters = inspect.signature(fast.new_finding).parameters
    assert list(parameters) == [f.name for f in fields]
    for field in fields:
        if field.default is not attrs.NOTHING:
            assert parameters[field.name].default == field.default, field.name


def test_finding_keeps_its_fields_in_the_slot_base_and_adds_no_slot() -> None:
    """new_finding's ``__class__`` swap needs one layout: every field a slot of ``_FindingSlots``."""
    assert sorted(_FindingSlots.__slots__) == sorted(
        [*(f.name for f in attrs.fields(Finding)), "__weakref__"]
    )
    assert vars(Finding)["__slots__"] == ()
    assert Finding.__mro__ == (Finding, _FindingSlots, object)


@given(findings)
def test_new_finding_equals_the_attrs_constructor(finding: Finding) -> None:
    fields: dict[str, Any] = attrs.asdict(finding, recurse=False)
    built = fast.new_finding(**fields)
    twin = plain.new_finding(**fields)
    assert type(built) is Finding
    assert built == twin
    assert hash(built) == hash(twin)
    assert repr(built) == repr(twin)
    assert attrs.asdict(built, recurse=False) == fields
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        built.address = "x"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del built.title
    assert built == twin


@settings(deadline=None)  # the first example builds the converter and its hooks
@given(findings, st.sampled_from(["", "10.0.0.9", "other"]))
def test_new_finding_copies_pickles_evolves_and_unstructures_like_the_constructor(
    finding: Finding, address: str
) -> None:
    fields: dict[str, Any] = attrs.asdict(finding, recurse=False)
    built = fast.new_finding(**fields)
    twin = plain.new_finding(**fields)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(built, protocol))
        assert type(back) is Finding
        assert back == twin
    assert copy.copy(built) == copy.deepcopy(built) == twin
    assert attrs.evolve(built, address=address) == attrs.evolve(twin, address=address)
    converter = default_converter()
    assert converter.unstructure(built) == converter.unstructure(twin)
    assert converter.structure(converter.unstructure(built), Finding) == twin
    assert weakref.ref(built)() is built


_identities = st.tuples(
    st.sampled_from(["10.0.0.1", "web", "2001:db8::1"]), st.none() | _text, _tuple, _tuple
)
_severities = st.none() | st.sampled_from(list(Severity))


@given(
    _identities,
    st.tuples(
        st.none() | st.integers(1, 65535),
        st.none() | st.sampled_from(["tcp", "udp"]),
        _cves,
        _severities,
        st.none() | st.floats(0, 10),
        st.none() | _text,
        st.none() | _text,
    ),
    st.sampled_from(["openvas", "nessus-csv"]),
    st.none() | _text,
)
def test_detail_finding_equals_its_plain_twin(
    who: Any, detail: Any, scanner: str, service: str | None
) -> None:
    built = fast.detail_finding(who, detail, scanner, service)
    twin = plain.detail_finding(who, detail, scanner, service)
    assert type(built) is Finding
    assert built == twin
    assert repr(built) == repr(twin)
    assert fast.detail_finding(who, detail, scanner) == plain.detail_finding(who, detail, scanner)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        built.port = 1  # type: ignore[misc]


@given(
    _identities,
    st.none() | st.integers(1, 65535),
    st.none() | st.sampled_from(["http", "https"]),
    st.tuples(_cves, _severities, st.none() | _text, st.none() | _text),
    st.sampled_from(["burp", "zap"]),
)
def test_web_finding_equals_its_plain_twin(
    who: Any, port: int | None, scheme: str | None, detail: Any, scanner: str
) -> None:
    built = fast.web_finding(who, port, scheme, detail, scanner)
    twin = plain.web_finding(who, port, scheme, detail, scanner)
    assert type(built) is Finding
    assert built == twin
    assert repr(built) == repr(twin)


@given(st.lists(st.integers(0, 20), max_size=60), st.integers(1, 5))
def test_bounded_cache_answers_what_the_function_answers(keys: list[int], entries: int) -> None:
    calls: list[int] = []

    def make(key: int) -> str:
        calls.append(key)
        return f"v{key}"

    cache = fast.BoundedCache(make, entries=entries)
    twin = plain.cached(make)
    for key in keys:
        assert cache[key] == cache(key) == twin(key)
        assert len(cache) <= entries


def test_bounded_cache_computes_a_repeated_key_once() -> None:
    calls: list[str] = []

    def upper(key: str) -> str:
        calls.append(key)
        return key.upper()

    cache: fast.BoundedCache[str, str] = fast.BoundedCache(upper)
    assert [cache[k] for k in ("a", "b", "a", "a")] == ["A", "B", "A", "A"]
    assert calls == ["a", "b"]


def test_paused_gc_nests_and_restores() -> None:
    assert gc.isenabled()
    with fast.paused_gc():
        assert not gc.isenabled()
        with fast.paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with fast.paused_gc():
            pass
        assert not gc.isenabled()  # it was off before: left off
    finally:
        gc.enable()
    with plain.paused_gc():
        assert gc.isenabled()


def test_paused_gc_hands_what_it_made_to_the_oldest_generation() -> None:
    """No young collection rescans a report's objects after the block; garbage cycles are still freed."""
    with fast.paused_gc():
        kept = [[i] for i in range(1000)]
        cycle: list[object] = []
        cycle.append(cycle)
    oldest = {id(obj) for obj in gc.get_objects(generation=2)}
    assert all(id(item) in oldest for item in kept)
    assert gc.get_count()[0] < 100
    assert gc.get_freeze_count() == 0
    del cycle
    assert gc.collect() >= 1  # the full collection frees the cycle made inside the block


def test_paused_gc_leaves_the_programs_own_frozen_objects_frozen() -> None:
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        with fast.paused_gc():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


@given(st.lists(st.text(max_size=12), max_size=60), st.integers(1, 5), st.integers(1, 30))
def test_bounded_cache_answers_what_the_function_answers_within_its_text_budget(
    keys: list[str], entries: int, chars: int
) -> None:
    def make(key: str) -> str:
        return key.upper()

    cache = fast.BoundedCache(make, entries=entries, chars=chars)
    twin = plain.cached(make)
    for key in keys:
        assert cache[key] == twin(key)
        assert len(cache) <= entries
        held = sum(map(len, cache))
        assert held <= chars or len(cache) == 1  # one key longer than the budget is held alone


def test_bounded_cache_counts_the_text_of_tuple_keys() -> None:
    calls: list[tuple[str, str | None]] = []

    def make(key: tuple[str, str | None]) -> int:
        calls.append(key)
        return len(key[0])

    cache = fast.BoundedCache(make, chars=len(repr(("abcd", None))) + len(repr(("efgh", "ij"))))
    assert [cache[k] for k in (("abcd", None), ("abcd", None), ("efgh", "ij"))] == [4, 4, 4]
    assert calls == [("abcd", None), ("efgh", "ij")]
    assert len(cache) == 2  # exactly the budget
    cache["x", None]  # over the budget: the cache starts over with this key alone
    assert list(cache) == [("x", None)]
