"""Bulk task updates: one ``PUT /v1/task/{id}`` per task (the API has no bulk endpoint), per-task results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs

from .._batch import describe_error
from .._core.call import Call
from .._exceptions import FutureVulsError, InvalidArgumentError
from .._export import ToDict, to_plain
from ..models import Task, TaskDetail, TaskPriority, TaskStatus
from ..resources.calls import NOT_GIVEN, NotGiven
from ..resources.calls import tasks as tasks_ops

__all__ = ["BulkUpdateResult", "TaskUpdate", "TaskUpdateOutcome", "task_ids"]


def task_ids(tasks: Iterable[Task | TaskDetail | int]) -> list[int]:
    """The IDs of tasks, task details or plain IDs, without repeats, in order."""
    out: list[int] = []
    for task in tasks:
        if isinstance(task, bool):
            raise InvalidArgumentError(f"tasks must be tasks or integer IDs, got {task!r}")
        out.append(task if isinstance(task, int) else task.id)
    return list(dict.fromkeys(out))


@attrs.frozen(kw_only=True)
class TaskUpdate:
    """The fields to set on every task; a field left :data:`NOT_GIVEN` is not sent."""

    status: TaskStatus | str | NotGiven = NOT_GIVEN
    priority: TaskPriority | str | NotGiven = NOT_GIVEN
    main_user_id: int | NotGiven = NOT_GIVEN
    sub_user_id: int | NotGiven = NOT_GIVEN
    applying_patch_on: dt.date | str | NotGiven = NOT_GIVEN

    def calls(self, ids: Sequence[int]) -> list[Call[TaskDetail]]:
        """One update call per task; builds (and so validates) all of them before anything is sent.

        Raises:
            InvalidArgumentError: nothing to set, or a value the API would refuse (bad status, date...).
        """
        fields = attrs.asdict(self, recurse=False)
        if all(v is NOT_GIVEN for v in fields.values()):
            raise InvalidArgumentError(
                "bulk update: nothing to set; give status, priority, main_user_id, sub_user_id or "
                "applying_patch_on"
            )
        return [tasks_ops.update(task_id, **fields) for task_id in ids]

    def to_dict(self) -> dict[str, object]:
        """The fields that will be sent."""
        return {k: str(v) for k, v in attrs.asdict(self, recurse=False).items() if v is not NOT_GIVEN}


@attrs.frozen(kw_only=True)
class TaskUpdateOutcome(ToDict):
    """One task's result: ``ok`` with the updated task, or the error message."""

    task_id: int
    ok: bool
    error: str | None = None
    task: TaskDetail | None = None

    _dict_keys = ("task_id", "ok", "error")


@attrs.frozen(kw_only=True)
class BulkUpdateResult:
    """Every task's outcome, in input order. ``dry_run``: nothing was sent (all ``ok``, no ``task``)."""

    outcomes: tuple[TaskUpdateOutcome, ...]
    update: TaskUpdate
    dry_run: bool = False

    @property
    def succeeded(self) -> tuple[TaskUpdateOutcome, ...]:
        """Tasks updated."""
        return tuple(o for o in self.outcomes if o.ok)

    @property
    def failed(self) -> tuple[TaskUpdateOutcome, ...]:
        """Tasks not updated (``error`` says why)."""
        return tuple(o for o in self.outcomes if not o.ok)

    @property
    def ok(self) -> bool:
        """True when every task was updated."""
        return not self.failed

    @classmethod
    def from_answers(
        cls, ids: Sequence[int], answers: Sequence[TaskDetail | FutureVulsError], update: TaskUpdate
    ) -> BulkUpdateResult:
        """Outcomes from the drivers' answers."""
        outcomes = tuple(
            TaskUpdateOutcome(task_id=i, ok=False, error=describe_error(a))
            if isinstance(a, FutureVulsError)
            else TaskUpdateOutcome(task_id=i, ok=True, task=a)
            for i, a in zip(ids, answers, strict=True)
        )
        return cls(outcomes=outcomes, update=update)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {
            "dry_run": self.dry_run,
            "update": self.update.to_dict(),
            "succeeded": len(self.succeeded),
            "failed": len(self.failed),
            "outcomes": to_plain(self.outcomes),
        }
