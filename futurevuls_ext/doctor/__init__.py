"""``client.doctor()``: read-only probes of a FutureVuls API, and the ApiProfile they imply.

``doctor`` sends GET requests only (never POST, PUT or DELETE), each once: ``/health`` (reachable, TLS,
proxy, clock skew), the server list (token accepted; a group or a group-set token), every candidate
family of external-scan routes (top level and under the server, camelCase, snake_case and
kebab-case), real role detail answers (which SSVC keys they carry) and the candidate tag routes. The
:class:`DoctorReport` says what answered and holds the :class:`~futurevuls_ext.ApiProfile` matching it;
``report.profile_toml()`` is the file ``futurevuls-ext doctor --write-profile`` writes.
"""

from __future__ import annotations

from ._candidates import SCAN_FAMILIES, TAG_ROUTES, ScanFamily
from ._report import Check, DoctorReport, RouteProbe

__all__ = ["SCAN_FAMILIES", "TAG_ROUTES", "Check", "DoctorReport", "RouteProbe", "ScanFamily"]
