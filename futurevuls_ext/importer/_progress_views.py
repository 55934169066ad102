"""Where ``progress=True`` shows an import's progress: a notebook cell, a tqdm bar, or a plain stderr line.

* In Jupyter: one HTML ``<progress>`` line, updated in place through a display id, that ends as
  ``import: 12/12 hosts, done in 3.1s``, so a saved or executed notebook shows the finished state
  (a tqdm widget stays frozen at its first frame there).
* On a terminal (stderr is a TTY): tqdm's bar when the ``[progress]`` extra is installed; otherwise a
  plain ``import: 120/3000 hosts (4%)`` line, redrawn at most every :data:`MIN_INTERVAL` seconds, after a
  one-time hint to install the extra.
* Anywhere else (pipes, logs, CI): nothing.
"""

from __future__ import annotations

import sys
import time
from typing import Any, Protocol, TextIO

__all__ = ["HINT", "MIN_INTERVAL", "NotebookLine", "PlainLine", "ProgressView", "make_view"]

MIN_INTERVAL = 0.5
"""Seconds between two redraws of the plain line or the notebook line."""
HINT = "futurevuls-ext: for a progress bar, pip install 'futurevuls-ext[progress]'"
_hinted = False


class ProgressView(Protocol):
    """Something that shows ``done`` of ``total``."""

    def update(self, done: int) -> None:
        """Show that ``done`` items are finished."""

    def close(self) -> None:
        """Show the final state and release the display."""


def _text(done: int, total: int) -> str:
    percent = 100 * done // total if total else 100
    return f"import: {done}/{total} hosts ({percent}%)"


class PlainLine:
    """``import: 120/3000 hosts (4%)`` on stderr, redrawn in place, at most every ``interval`` seconds."""

    def __init__(
        self, total: int, *, stream: TextIO | None = None, interval: float = MIN_INTERVAL, clock: Any = None
    ) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self._clock = clock or time.monotonic
        self._last = -interval
        self._done = 0
        self.draws = 0

    def update(self, done: int) -> None:
        """Redraw when ``interval`` has passed since the last redraw."""
        self._done = done
        now = self._clock()
        if now - self._last >= self.interval:
            self._last = now
            self._draw()

    def _draw(self) -> None:
        self.draws += 1
        self.stream.write("\r" + _text(self._done, self.total))
        self.stream.flush()

    def close(self) -> None:
        """Draw the final count and end the line."""
        self._draw()
        self.stream.write("\n")
        self.stream.flush()


class NotebookLine:
    """An HTML progress line in the notebook cell's output, updated in place, finished on close."""

    def __init__(self, total: int, *, interval: float = MIN_INTERVAL) -> None:
        from IPython.display import display

        self.total = total
        self.interval = interval
        self._started = time.monotonic()
        self._last = self._started
        self._done = 0
        self._handle = display(self._html(0), display_id=True)  # type: ignore[no-untyped-call]

    def _html(self, done: int, tail: str = "") -> Any:
        from IPython.display import HTML

        label = _text(done, self.total) + tail
        bar = f'<progress value="{done}" max="{max(self.total, 1)}"></progress>'
        return HTML(f"{bar} <code>{label}</code>")  # type: ignore[no-untyped-call]

    def update(self, done: int) -> None:
        """Redraw when ``interval`` has passed since the last redraw."""
        self._done = done
        now = time.monotonic()
        if now - self._last >= self.interval and self._handle is not None:
            self._last = now
            self._handle.update(self._html(done))

    def close(self) -> None:
        """Replace the line with its final state, ``..., done in 3.1s``."""
        if self._handle is not None:
            self._handle.update(self._html(self._done, f", done in {time.monotonic() - self._started:.1f}s"))


class _Tqdm:
    def __init__(self, total: int) -> None:
        from tqdm import tqdm

        self._bar = tqdm(total=total, desc="import", unit="host")
        self._done = 0

    def update(self, done: int) -> None:
        self._bar.update(done - self._done)
        self._done = done

    def close(self) -> None:
        self._bar.close()


def _hint_once(stream: TextIO) -> None:
    global _hinted  # noqa: PLW0603 - one hint per process
    if not _hinted:
        _hinted = True
        stream.write(HINT + "\n")


def make_view(total: int) -> ProgressView | None:
    """The view for this process: notebook, tqdm, plain line, or None when nobody is watching."""
    if "ipykernel" in sys.modules:
        try:
            return NotebookLine(total)
        except ImportError:
            return None
    if not sys.stderr.isatty():
        return None
    try:
        return _Tqdm(total)
    except ImportError:
        _hint_once(sys.stderr)
        return PlainLine(total)
