from __future__ import annotations

import pandas as pd
import pytest

from futurevuls_ext import ConfigError
from futurevuls_ext._display import html_table, record, to_dataframe
from futurevuls_ext.importer import HostOutcome, ImportResult

RESULT = ImportResult(
    name="nessus",
    created=(
        HostOutcome(host="10.0.0.1", server_id=1, external_scan_id=5, cve_count=2, reason="new result"),
    ),
    unresolved=(HostOutcome(host="<b>evil</b>", cve_count=1, reason="no server matches"),),
)


def test_html_table_escapes_and_limits() -> None:
    rows = [{"a": "<script>", "b": list(range(3))}] * 250
    text = html_table(rows, title="t & u")
    assert "&lt;script&gt;" in text
    assert "<script>" not in text
    assert "0, 1, 2" in text
    assert text.count("<tr>") == 201  # header + 200 rows
    assert "50 more rows" in text
    assert "t &amp; u" in text


def test_import_result_renders_in_notebooks() -> None:
    text = RESULT._repr_html_()
    assert "created 1" in text
    assert "&lt;b&gt;evil&lt;/b&gt;" in text
    assert text.count("<tr>") == 3


def test_import_result_to_dataframe() -> None:
    frame = RESULT.to_dataframe()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame["status"]) == ["created", "unresolved"]
    assert list(frame["server_id"].isna()) == [False, True]


def test_record_flattens_models() -> None:
    assert record(RESULT.created[0])["external_scan_id"] == 5
    with pytest.raises(TypeError):
        record({"not": "attrs"})


def test_to_dataframe_without_pandas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "pandas", None)
    with pytest.raises(ConfigError, match=r"futurevuls-ext\[pandas\]"):
        to_dataframe([{"a": 1}])


def test_models_render_as_tables() -> None:
    from futurevuls_ext.models import ServerTag

    tag = ServerTag(id=3, name="<web>")
    assert tag.to_dict() == {"id": 3, "name": "<web>"}
    assert "&lt;web&gt;" in tag._repr_html_()
    assert "<caption>ServerTag</caption>" in tag._repr_html_()
