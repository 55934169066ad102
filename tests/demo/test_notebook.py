"""The example notebook in docs/ runs end to end in a real Jupyter kernel against the fake server."""

from __future__ import annotations

from pathlib import Path

import nbclient
import nbformat
import pytest

NOTEBOOK = Path(__file__).resolve().parents[2] / "docs" / "notebooks" / "quickstart.ipynb"


@pytest.mark.integration
def test_notebook_executes_and_renders_tables() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    outputs = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.get("outputs", [])]
    assert not [out for out in outputs if out.get("output_type") == "error"]
    html = [out["data"]["text/html"] for out in outputs if "text/html" in out.get("data", {})]
    assert any("<table" in text for text in html)
    assert any("dry run" in text for text in html)  # the ImportResult's own table
    progress = [text for text in html if "<progress" in text]
    assert len(progress) == 1  # the import's progress line, updated in place ...
    assert "import: 2/2 hosts (100%), done in " in progress[0]  # ... and saved in its finished state
