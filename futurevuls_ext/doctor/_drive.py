"""``doctor_flow`` as a program both clients run: each probe is one :class:`Probe` step, sent once."""

from __future__ import annotations

import httpx

from .._core.program import Probe, Program
from .._exceptions import FutureVulsError
from ..profile import ApiProfile
from ._flow import Outcome, doctor_flow
from ._report import DoctorReport

__all__ = ["doctor_program"]


def doctor_program(
    base_url: httpx.URL, profile: ApiProfile, *, transport: str | None = None
) -> Program[DoctorReport]:
    """Send each probe ``doctor_flow`` asks for; a probe's error is its outcome, not the end of the run.

    ``transport``: the client's transport name, reported as the ``transport`` check.
    """
    flow = doctor_flow(base_url, profile, transport=transport)
    outcome: Outcome | None = None
    while True:
        try:
            request = flow.send(outcome)  # type: ignore[arg-type]  # None starts the generator
        except StopIteration as done:
            report: DoctorReport = done.value
            return report
        try:
            outcome = yield Probe(request)
        except FutureVulsError as exc:
            outcome = exc
