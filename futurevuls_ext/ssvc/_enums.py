"""SSVC enums with tolerant parsing of spellings.

Every enum's *values* are the CERT SSVC v2.0 CSV spellings (``"out-of-cycle"``, ``"PoC"``,
``"super effective"``, ``"very high"``), so ``str(member)`` and ``member.value`` round-trip with the
CERT tables and with what the fake server emits.

Parsing is tolerant, because FutureVuls' own spellings are not documented (reference §5.2):
case is ignored, and ``-``, ``_``, ``/``, ``.`` and whitespace are dropped before comparison, so
``"out-of-cycle"``, ``"out_of_cycle"``, ``"OutOfCycle"``, ``"Out of Cycle"`` and the member name
``"OUT_OF_CYCLE"`` are all :attr:`Priority.OUT_OF_CYCLE`. A few aliases are accepted on top
(``"public poc"`` -> :attr:`Exploitation.POC`, ``"true"``/``"false"`` -> :class:`Automatable`).

Two entry points:

* ``X.parse(value)`` returns the member or raises :class:`SsvcValueError` listing the allowed values.
  Use it for user input: a typo should fail loudly.
* ``X.parse_lenient(value)`` returns the member, or the original (stripped) string when it is not
  recognised. Use it for API data, so a value FutureVuls adds tomorrow is kept, not crashed on;
  check ``isinstance(result, X)`` before computing with it.

``X(value)`` (the Enum call) accepts the same spellings and raises a plain :class:`ValueError`.
"""

from __future__ import annotations

from typing import Any, Final, Self

from .._enums import TolerantEnum, normalize_spelling
from ._errors import SsvcValueError

__all__ = [
    "Automatable",
    "Exploitation",
    "Exposure",
    "HumanImpact",
    "MissionImpact",
    "Priority",
    "SafetyImpact",
    "Utility",
    "ValueDensity",
    "normalize_spelling",
]


class _SsvcEnum(TolerantEnum, error=SsvcValueError):
    """Base of the SSVC enums: str-valued, tolerant parsing (see the module docstring)."""


class Exploitation(_SsvcEnum, aliases={"public poc": "PoC", "proof of concept": "PoC"}):
    """State of exploitation of the vulnerability (CERT v2.0: none, PoC, active)."""

    NONE = "none"
    POC = "PoC"
    ACTIVE = "active"


class Exposure(_SsvcEnum, aliases={"unavoidable": "open"}):  # SSVC v1 name of "open"
    """System exposure: the accessible attack surface (small, controlled, open)."""

    SMALL = "small"
    CONTROLLED = "controlled"
    OPEN = "open"


class Automatable(_SsvcEnum, aliases={"false": "no", "true": "yes", "n": "no", "y": "yes"}):
    """Whether steps 1-4 of the kill chain can be automated (no, yes; ``true``/``false`` accepted)."""

    NO = "no"
    YES = "yes"

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, bool):
            return cls.YES if value else cls.NO
        return super()._missing_(value)

    @classmethod
    def parse(cls, value: str | bool | Self) -> Self:
        """Like the base ``parse``, and also accepts a Python ``bool`` (``True`` -> yes)."""
        if isinstance(value, bool):
            return cls.YES if value else cls.NO
        return super().parse(value)

    @classmethod
    def parse_lenient(cls, value: str | bool | Self) -> Self | str:
        """Like the base ``parse_lenient``, and also accepts a Python ``bool``."""
        if isinstance(value, bool):
            return cls.parse(value)
        return super().parse_lenient(value)


class ValueDensity(_SsvcEnum):
    """Resources an adversary gains with one exploitation (diffuse, concentrated)."""

    DIFFUSE = "diffuse"
    CONCENTRATED = "concentrated"


class Utility(_SsvcEnum):
    """Usefulness of the exploit to an adversary = f(Automatable, Value Density)."""

    LABORIOUS = "laborious"
    EFFICIENT = "efficient"
    SUPER_EFFECTIVE = "super effective"


class HumanImpact(_SsvcEnum):
    """Well-being and mission impact = f(Safety Impact, Mission Impact) (low .. very high)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very high"


class SafetyImpact(_SsvcEnum):
    """Situated safety impact, CERT v2.0 values (none, minor, major, hazardous, catastrophic)."""

    NONE = "none"
    MINOR = "minor"
    MAJOR = "major"
    HAZARDOUS = "hazardous"
    CATASTROPHIC = "catastrophic"


class MissionImpact(
    _SsvcEnum,
    aliases={
        "non-essential degraded": "degraded",
        "none/non-essential degraded": "degraded",
        "MEF support crippled": "crippled",
    },
):
    """Mission impact, CERT v2.0 values (none, degraded, crippled, MEF failure, mission failure).

    The v2.0 document groups "none / non-essential degraded"; the v2.0 human-impact table lists
    ``none`` and ``degraded`` separately (with identical outcomes), and so does this enum.
    """

    NONE = "none"
    DEGRADED = "degraded"
    CRIPPLED = "crippled"
    MEF_FAILURE = "MEF failure"
    MISSION_FAILURE = "mission failure"


_PRIORITY_RANK: Final = {"defer": 0, "scheduled": 1, "out-of-cycle": 2, "immediate": 3}


class Priority(_SsvcEnum):
    """Deployer outcome, ordered ``DEFER < SCHEDULED < OUT_OF_CYCLE < IMMEDIATE``.

    Comparisons also accept spellings: ``Priority.IMMEDIATE > "out_of_cycle"`` is true.
    """

    DEFER = "defer"
    SCHEDULED = "scheduled"
    OUT_OF_CYCLE = "out-of-cycle"
    IMMEDIATE = "immediate"

    @property
    def rank(self) -> int:
        """0 for defer up to 3 for immediate."""
        return _PRIORITY_RANK[self.value]

    def _other_rank(self, other: object) -> int | None:
        if isinstance(other, Priority):
            return other.rank
        if isinstance(other, str):
            return Priority.parse(other).rank
        return None

    def __lt__(self, other: object) -> bool:
        rank = self._other_rank(other)
        return NotImplemented if rank is None else self.rank < rank

    def __le__(self, other: object) -> bool:
        rank = self._other_rank(other)
        return NotImplemented if rank is None else self.rank <= rank

    def __gt__(self, other: object) -> bool:
        rank = self._other_rank(other)
        return NotImplemented if rank is None else self.rank > rank

    def __ge__(self, other: object) -> bool:
        rank = self._other_rank(other)
        return NotImplemented if rank is None else self.rank >= rank
