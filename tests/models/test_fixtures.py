"""Every response fixture decodes strictly, complete and minimal, and a misspelt key is rejected."""

from __future__ import annotations

import copy
from typing import Any

import cattrs
import pytest

from futurevuls_ext import ResponseValidationError, models
from futurevuls_ext._core.call import decode, structure_as
from futurevuls_ext._serde import converter_for
from futurevuls_ext.profile import ApiProfile

from ._fixtures import FIXTURES, load

STRICT = converter_for(ApiProfile(), strict=True)
LENIENT = converter_for(ApiProfile(), strict=False)
NAMES = sorted(FIXTURES)


def model(name: str) -> Any:
    return getattr(models, FIXTURES[name][0])


def _decode(converter: cattrs.Converter, cls: Any, data: Any) -> Any:
    return decode(structure_as(cls), converter, data, method="GET", url="/test")


@pytest.mark.parametrize("variant", ["complete", "minimal"])
@pytest.mark.parametrize("name", NAMES)
def test_strict_converter_accepts_fixture(name: str, variant: str) -> None:
    obj = _decode(STRICT, model(name), load(name, variant))
    assert isinstance(obj, model(name))


@pytest.mark.parametrize("name", NAMES)
def test_complete_fixture_round_trips_every_key(name: str) -> None:
    data = load(name)
    obj = STRICT.structure(data, model(name))
    out = STRICT.unstructure(obj)
    assert set(data) <= set(out), f"keys lost in round trip: {set(data) - set(out)}"
    assert STRICT.structure(out, model(name)) == obj


@pytest.mark.parametrize("name", NAMES)
def test_minimal_fixture_leaves_optional_fields_empty(name: str) -> None:
    minimal = load(name, "minimal")
    out = STRICT.unstructure(STRICT.structure(minimal, model(name)))
    filled = {k for k, v in out.items() if v not in (None, (), [], {})}
    assert filled <= set(minimal)


@pytest.mark.parametrize("name", NAMES)
def test_misspelt_key_is_rejected_with_a_jsonpath(name: str) -> None:
    data = copy.deepcopy(load(name))
    key = sorted(data)[0]
    data[key + "x"] = data.pop(key)
    with pytest.raises(ResponseValidationError) as info:
        _decode(STRICT, model(name), data)
    text = str(info.value)
    assert key + "x" in text
    assert "@ $" in text


@pytest.mark.parametrize("name", NAMES)
def test_lenient_converter_ignores_unknown_keys(name: str) -> None:
    data = {**load(name, "minimal"), "aKeyFromTheFuture": {"x": 1}}
    assert isinstance(LENIENT.structure(data, model(name)), model(name))


@pytest.mark.parametrize("name", NAMES)
def test_missing_required_key_is_reported(name: str) -> None:
    minimal = load(name, "minimal")
    key = sorted(minimal)[-1]
    del minimal[key]
    with pytest.raises(ResponseValidationError, match=r"required field missing @ \$"):
        _decode(STRICT, model(name), minimal)


def test_nested_error_path_names_the_list_index() -> None:
    data = load("server_detail")
    data["tasks"][1]["id"] = "one"
    with pytest.raises(ResponseValidationError) as info:
        _decode(STRICT, models.Server, data)
    assert any("$.tasks[1].id" in error for error in info.value.errors)
