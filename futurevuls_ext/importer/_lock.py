"""A local advisory lock per FutureVuls group and result name: imports on one machine take turns.

Two imports of the same result name against the same base URL (two cron jobs, a CI retry beside a
manual run, two threads) would otherwise plan from the same picture and both create. The lock is an
exclusive ``flock`` on a file named after a hash of the base URL, the token's fingerprint and the
result name, in ``$XDG_RUNTIME_DIR/futurevuls-ext`` (else a per-user folder in the temp dir). It is
held from listing the current state to the last write, so the second run plans from what the first
wrote and writes nothing it does not need. ``flock`` locks are per open file, so threads of one
process exclude each other as well as processes; the kernel drops the lock when a process dies.

It cannot reach other machines: the re-check after each create (:mod:`._execute`) covers those. Where
``fcntl`` is missing (Windows) the lock is skipped and the re-check alone keeps runs converging.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

import anyio

from .._exceptions import ConfigError

__all__ = ["LOCK_POLL_SECONDS", "lock_dir", "lock_file", "locked_async", "locked_sync"]

LOCK_POLL_SECONDS = 0.02
"""How often a waiting run tries the lock again."""


def lock_dir() -> Path:
    """The folder of the import locks (created on first use, owner-only)."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime):
        return Path(runtime) / "futurevuls-ext"
    uid = getattr(os, "getuid", lambda: "user")()
    return Path(tempfile.gettempdir()) / f"futurevuls-ext-{uid}"


def lock_file(base_url: str, group_key: str, name: str) -> Path:
    """The lock file of one base URL, group (a token fingerprint, never the token) and result name."""
    digest = hashlib.sha256(f"{base_url.rstrip('/')}\0{group_key}\0{name}".encode()).hexdigest()[:32]
    return lock_dir() / f"import-{digest}.lock"


def _open(path: Path) -> int | None:
    try:
        import fcntl  # noqa: F401 - only to know whether locking is available
    except ImportError:  # pragma: no cover - Windows
        return None
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise ConfigError(f"cannot create the import lock file {str(path)!r}: {exc}") from exc


def _try(fd: int) -> bool:
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _release(fd: int) -> None:
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextmanager
def locked_sync(path: Path) -> Iterator[None]:
    """Hold the lock for the ``with`` block, waiting (polling) while another run holds it."""
    fd = _open(path)
    if fd is None:  # pragma: no cover - Windows
        yield
        return
    try:
        while not _try(fd):
            time.sleep(LOCK_POLL_SECONDS)
    except BaseException:
        os.close(fd)
        raise
    try:
        yield
    finally:
        _release(fd)


@asynccontextmanager
async def locked_async(path: Path) -> AsyncIterator[None]:
    """The async form of :func:`locked_sync`: waits with ``anyio.sleep``, never blocking the loop."""
    fd = _open(path)
    if fd is None:  # pragma: no cover - Windows
        yield
        return
    try:
        while not _try(fd):  # noqa: ASYNC110 - the holder is another process (or thread), not a task
            await anyio.sleep(LOCK_POLL_SECONDS)
    except BaseException:
        os.close(fd)
        raise
    try:
        yield
    finally:
        _release(fd)
