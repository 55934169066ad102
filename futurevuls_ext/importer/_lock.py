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
from pathlib import Path

from .._core.program import Program, sleep
from .._exceptions import ConfigError

__all__ = ["LOCK_POLL_SECONDS", "hold", "lock_dir", "lock_file", "release"]

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


def hold(path: Path) -> Program[int | None]:
    """Take the lock, waiting (polling, never blocking an event loop) while another run holds it.

    Returns the lock's file descriptor for :func:`release` (None where locking is unavailable).
    """
    fd = _open(path)
    if fd is None:  # pragma: no cover - Windows
        return None
    try:
        while not _try(fd):
            yield from sleep(LOCK_POLL_SECONDS)
    except BaseException:
        os.close(fd)
        raise
    return fd


def release(fd: int | None) -> None:
    """Give the lock back (nothing when :func:`hold` returned None)."""
    if fd is None:  # pragma: no cover - Windows
        return
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
