"""Import progress: a callback per finished write, and an optional progress bar.

``progress=True`` shows progress where someone is watching (see :mod:`._progress_views`): a line that
finishes cleanly in Jupyter, tqdm's bar on a terminal with the ``[progress]`` extra, a plain rate-limited
line on a terminal without it, and nothing otherwise. ``progress=callable`` receives an
:class:`ImportProgress` after every write.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from types import TracebackType

from attrs import frozen

from ._progress_views import make_view
from ._result import HostOutcome

__all__ = ["ImportProgress", "ProgressArg", "ProgressSink"]


@frozen(kw_only=True)
class ImportProgress:
    """One finished write: how far along the import is and what just happened."""

    done: int
    total: int
    status: str
    outcome: HostOutcome


ProgressArg = Callable[[ImportProgress], None] | bool | None


class ProgressSink:
    """Fans progress out to the user's callback and/or a bar; a no-op when neither is wanted."""

    def __init__(self, progress: ProgressArg, total: int) -> None:
        self._callback = progress if callable(progress) else None
        self._bar = make_view(total) if progress is True and total else None
        self._total = total
        self._done = 0
        self._lock = threading.Lock()  # sync imports report from their worker threads

    def update(self, status: str, outcome: HostOutcome) -> None:
        """Record one finished write."""
        with self._lock:
            self._done += 1
            if self._bar is not None:
                self._bar.update(self._done)
            if self._callback is not None:
                self._callback(
                    ImportProgress(done=self._done, total=self._total, status=status, outcome=outcome)
                )

    def __enter__(self) -> ProgressSink:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.close()
