"""The sync attempts' helper threads: reused while idle, never waited for while busy or stuck."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from futurevuls_ext._attempt import _Helpers


class Job:
    """Records the thread it ran on; blocks until ``release`` is set (when given)."""

    def __init__(self, release: threading.Event | None = None, *, abandoned: bool = False) -> None:
        self.release = release
        self.abandoned = abandoned
        self.done = threading.Event()
        self.thread: threading.Thread | None = None

    def __call__(self) -> None:
        self.thread = threading.current_thread()
        if self.release is not None:
            self.release.wait(10)
        self.done.set()


def run(helpers: _Helpers, job: Job) -> Job:
    helpers.start(job)
    assert job.done.wait(5)
    return job


def wait_until(condition: Callable[[], bool], seconds: float = 5.0) -> bool:
    ends = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > ends:
            return False
        time.sleep(0.01)
    return True


def test_an_idle_helper_takes_the_next_attempt() -> None:
    helpers = _Helpers()
    first = run(helpers, Job())
    assert first.thread is not None
    assert wait_until(lambda: first.thread is not None and first.thread.name == "fv-attempt-idle")
    second = run(helpers, Job())
    assert second.thread is first.thread


def test_a_stuck_attempt_does_not_delay_the_next_one() -> None:
    helpers = _Helpers()
    release = threading.Event()
    stuck = Job(release, abandoned=True)
    helpers.start(stuck)
    try:
        assert wait_until(lambda: stuck.thread is not None)
        other = run(helpers, Job())
        assert other.thread is not stuck.thread
        assert not stuck.done.is_set()
    finally:
        release.set()


def test_a_helper_ends_after_an_abandoned_attempt() -> None:
    helpers = _Helpers()
    job = run(helpers, Job(abandoned=True))
    assert job.thread is not None
    thread = job.thread
    assert wait_until(lambda: not thread.is_alive())
    assert run(helpers, Job()).thread is not thread


def test_an_idle_helper_ends_after_its_idle_time() -> None:
    helpers = _Helpers(idle_seconds=0.05)
    job = run(helpers, Job())
    thread = job.thread
    assert thread is not None
    assert wait_until(lambda: not thread.is_alive())
    assert run(helpers, Job()).thread is not thread
