"""``_core.response.loads`` (one shared decoder) decodes and refuses as ``json.loads`` with its hooks."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from futurevuls_ext._core.response import _constant, _finite, loads


def _reference(data: bytes | str) -> Any:
    """The previous implementation."""
    try:
        return json.loads(data, parse_float=_finite, parse_constant=_constant)
    except RecursionError:
        raise ValueError("the JSON is nested too deeply") from None


def _outcome(fn: Any, data: bytes | str) -> tuple[str, Any]:
    try:
        return "ok", fn(data)
    except (ValueError, UnicodeDecodeError) as exc:
        return type(exc).__name__, str(exc)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=10,
)
_TRICKY = [
    b"",
    b"   ",
    b"\xef\xbb\xbf{}",
    "\ufeff{}",
    b"NaN",
    b"[Infinity]",
    b"-Infinity",
    b"1e999",
    b"[1.5, -0.0]",
    b'{"a": 1',
    b"\xff\xfe{\x00}\x00",
    '{"é": "ü"}'.encode("utf-16"),
    '{"a": "b"}'.encode("utf-32-be"),
    b'"\\ud800"',
    b"\xc3\x28",
    b"[" * 100_000 + b"]" * 100_000,
    b'{"a": [1, 2, {"b": null}]} trailing',
]


@pytest.mark.parametrize("data", _TRICKY)
def test_tricky_input_is_decoded_or_refused_as_before(data: bytes | str) -> None:
    assert _outcome(loads, data) == _outcome(_reference, data)


@given(_JSON, st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "utf-32", "str"]))
def test_any_document_decodes_as_before(value: Any, encoding: str) -> None:
    text = json.dumps(value, ensure_ascii=False)
    data: bytes | str = text if encoding == "str" else text.encode(encoding, "surrogatepass")
    assert _outcome(loads, data) == _outcome(_reference, data)


@given(st.binary(max_size=40))
def test_any_bytes_decode_or_fail_as_before(data: bytes) -> None:
    assert _outcome(loads, data) == _outcome(_reference, data)


def test_the_shared_decoder_serves_threads_at_once() -> None:
    documents = [
        json.dumps({"id": i, "scores": [i / 3, i * 1.5], "name": f"h{i}"}).encode() for i in range(400)
    ]
    failures: list[str] = []

    def work() -> None:
        for _ in range(5):
            for i, data in enumerate(documents):
                if loads(data) != json.loads(data):
                    failures.append(f"document {i}")

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
