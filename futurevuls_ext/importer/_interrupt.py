"""``ImportInterrupted``: Ctrl-C or cancellation during an import, with what was written so far."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._exceptions import FutureVulsError

if TYPE_CHECKING:
    from ._result import ImportResult

__all__ = ["ImportInterrupted"]


class ImportInterrupted(FutureVulsError):
    """An import stopped by ``KeyboardInterrupt`` (Ctrl-C) or task cancellation.

    Writes in flight when it came were finished or abandoned; nothing is half-written in a way a
    re-run does not repair. A re-run resumes: it finds what was written and writes only the rest.

    Attributes:
        partial: the :class:`~futurevuls_ext.importer.ImportResult` so far; writes that did not run
            are in its ``failed`` list with the reason "interrupted".
    """

    def __init__(self, message: str, *, partial: ImportResult) -> None:
        super().__init__(message)
        self.partial = partial
