"""The two thin drivers of :func:`~futurevuls_ext.doctor._flow.doctor_flow`: send each probe once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._exceptions import FutureVulsError
from ._flow import Flow, Outcome, doctor_flow
from ._report import DoctorReport

if TYPE_CHECKING:
    from .._client_base import ClientSettings
    from .._shells import AsyncShell, SyncShell

__all__ = ["doctor_async", "doctor_sync"]


def _flow(settings: ClientSettings) -> Flow:
    return doctor_flow(settings.config.base_url, settings.profile)


def doctor_sync(shell: SyncShell, settings: ClientSettings) -> DoctorReport:
    """Run the probes through a sync shell."""
    flow = _flow(settings)
    outcome: Outcome | None = None
    while True:
        try:
            request = flow.send(outcome)  # type: ignore[arg-type]  # None starts the generator
        except StopIteration as done:
            report: DoctorReport = done.value
            return report
        try:
            outcome = shell.probe(request)
        except FutureVulsError as exc:
            outcome = exc


async def doctor_async(shell: AsyncShell, settings: ClientSettings) -> DoctorReport:
    """Run the probes through an async shell."""
    flow = _flow(settings)
    outcome: Outcome | None = None
    while True:
        try:
            request = flow.send(outcome)  # type: ignore[arg-type]  # None starts the generator
        except StopIteration as done:
            report: DoctorReport = done.value
            return report
        try:
            outcome = await shell.probe(request)
        except FutureVulsError as exc:
            outcome = exc
