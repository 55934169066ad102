"""progress=True: a plain rate-limited stderr line on a TTY without tqdm (with a one-time hint), nothing
on a pipe, and a notebook line that ends in its finished state."""

from __future__ import annotations

import io
import sys

import pytest

import futurevuls_ext as fv
from futurevuls_ext.demo import data_path
from futurevuls_ext.importer import _progress_views as views
from futurevuls_ext.testing import FakeFutureVuls


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def no_tqdm(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)  # "import tqdm" raises ImportError
    monkeypatch.delitem(sys.modules, "ipykernel", raising=False)
    monkeypatch.setattr(views, "_hinted", False)


def test_plain_line_is_rate_limited_and_ends_with_the_total() -> None:
    out, clock = io.StringIO(), _Clock()
    line = views.PlainLine(3000, stream=out, clock=clock)
    for done in range(1, 3001):
        clock.now += 0.001  # 3000 hosts in 3 s: a redraw every 0.5 s, not 3000
        line.update(done)
    line.close()
    assert line.draws == 7  # six timed redraws and the final one
    frames = out.getvalue().split("\r")[1:]
    assert frames[0] == "import: 1/3000 hosts (0%)"
    assert frames[-1] == "import: 3000/3000 hosts (100%)\n"


def test_no_view_when_stderr_is_not_a_terminal(no_tqdm: None, monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    assert views.make_view(10) is None
    assert pipe.getvalue() == ""


def test_terminal_without_tqdm_gets_a_plain_line_and_one_hint(
    no_tqdm: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    tty = _Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    first, second = views.make_view(10), views.make_view(10)
    assert isinstance(first, views.PlainLine)
    assert isinstance(second, views.PlainLine)
    assert tty.getvalue() == "futurevuls-ext: for a progress bar, pip install 'futurevuls-ext[progress]'\n"


@pytest.mark.integration
def test_an_import_shows_the_plain_line_on_a_terminal(no_tqdm: None, monkeypatch: pytest.MonkeyPatch) -> None:
    tty = _Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    with FakeFutureVuls(dataset="demo") as fake, fv.Client(fake.token, base_url=fake.url) as client:
        result = client.import_report(data_path("perimeter.nessus"), progress=True)
    assert len(result.created) == 2
    text = tty.getvalue()
    assert text.startswith(views.HINT + "\n\rimport: 1/2 hosts (50%)")
    assert text.endswith("\rimport: 2/2 hosts (100%)\n")


def test_notebook_line_finishes_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []

    class Handle:
        def update(self, obj: object) -> None:
            shown.append(obj.data)  # type: ignore[attr-defined]

    def display(obj: object, display_id: bool) -> Handle:
        assert display_id
        shown.append(obj.data)  # type: ignore[attr-defined]
        return Handle()

    import IPython.display

    monkeypatch.setattr(IPython.display, "display", display)
    line = views.NotebookLine(4, interval=3600)
    for done in range(1, 5):
        line.update(done)
    line.close()
    assert len(shown) == 2  # the first frame and the final one
    assert shown[0] == '<progress value="0" max="4"></progress> <code>import: 0/4 hosts (0%)</code>'
    assert shown[1].startswith(
        '<progress value="4" max="4"></progress> <code>import: 4/4 hosts (100%), done in '
    )
