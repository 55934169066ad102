"""Task enums (status, priority, ignore-until) with tolerant parsing that keeps unknown values.

Values are the API's spellings (``"not_affected"``, ``"pkg_fix"``...). Parsing ignores case and the
separators ``-``, ``_``, ``/``, ``.`` and whitespace, so ``"Risk Accepted"``, ``"risk-accepted"`` and
``"RISK_ACCEPTED"`` are all :attr:`TaskStatus.RISK_ACCEPTED`.

Two entry points, as for the SSVC enums of :mod:`futurevuls_ext.ssvc`:

* ``X.parse(value)`` returns the member or raises :class:`EnumValueError` listing the allowed values.
  Every SDK function that takes one of these enums as an argument uses it, so a typo fails loudly.
* ``X.parse_lenient(value)`` returns the member, or the stripped string itself when it is unknown.
  Models use it for API data: a status FutureVuls adds tomorrow is **kept as a plain ``str``** (the
  field types are ``TaskStatus | str``) instead of failing the whole response. Check
  ``isinstance(task.status, TaskStatus)`` before relying on a member.
"""

from __future__ import annotations

from .._enums import TolerantEnum
from .._exceptions import InvalidArgumentError

__all__ = ["DEFAULT_TASK_STATUSES", "EnumValueError", "IgnoreUntil", "TaskPriority", "TaskStatus"]


class EnumValueError(InvalidArgumentError):
    """A task status, priority or ignore-until argument is not a known spelling.

    It is also a :class:`ValueError`. The message names the value and lists the allowed spellings.
    """


class _TolerantEnum(TolerantEnum, error=EnumValueError):
    """Base of the task enums: :meth:`parse` raises :class:`EnumValueError`."""


class TaskStatus(_TolerantEnum):
    """Status of a task (reference §2.4). ``PATCH_APPLIED`` is set by FutureVuls, not by users."""

    NEW = "new"
    INVESTIGATING = "investigating"
    ONGOING = "ongoing"
    DEFER = "defer"
    NOT_AFFECTED = "not_affected"
    RISK_ACCEPTED = "risk_accepted"
    WORKAROUND = "workaround"
    PATCH_APPLIED = "patch_applied"


DEFAULT_TASK_STATUSES: tuple[TaskStatus, ...] = (TaskStatus.NEW, TaskStatus.INVESTIGATING, TaskStatus.ONGOING)
"""The statuses ``GET /v1/tasks`` returns when no ``filterStatus`` is sent; the SDK sends them explicitly."""


class TaskPriority(_TolerantEnum):
    """Priority of a task as set by users (not the SSVC priority)."""

    NONE = "none"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class IgnoreUntil(_TolerantEnum):
    """How long a task stays hidden (``PUT /v1/task/{taskID}/ignore``); ``NOTHING`` un-hides it."""

    NOTHING = "nothing"
    ANYTHING = "anything"
    FOREVER = "forever"
    VECTOR = "vector"
    PKG_FIX = "pkg_fix"
    EXPLOIT = "exploit"
    SSVC_PRIORITY = "ssvc_priority"
