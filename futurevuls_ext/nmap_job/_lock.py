"""One run at a time: an exclusive, non-blocking ``flock`` on ``<mapping>.lock``.

The lock is held for the whole run (scans included), so a cron job that starts while the previous
one is still scanning stops at once with a clear message instead of racing it. The lock file is left
in place (removing it would race another run that is opening it); the kernel drops the lock when the
process exits, even after a crash. POSIX only (``fcntl``, imported when a lock is taken, so importing
this package works everywhere).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .._exceptions import ConfigError
from ._errors import MappingLockedError

__all__ = ["lock_path_for", "mapping_lock"]


def lock_path_for(mapping_path: str | os.PathLike[str]) -> Path:
    """The lock file of a mapping file: the same name plus ``.lock``."""
    path = Path(mapping_path)
    return path.with_name(path.name + ".lock")


@contextmanager
def mapping_lock(mapping_path: str | os.PathLike[str]) -> Iterator[Path]:
    """Hold the mapping's lock for the ``with`` block; yields the lock file's path.

    Raises:
        MappingLockedError: another process holds the lock.
        ConfigError: the lock file cannot be created.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        raise ConfigError(
            "the Nmap job's lock file needs a POSIX system (fcntl); run it on Linux or macOS"
        ) from None
    lock_path = lock_path_for(mapping_path)
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise ConfigError(f"cannot create the lock file {str(lock_path)!r}: {exc}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise MappingLockedError(
                f"another 'futurevuls-ext nmap' run is using {str(mapping_path)!r} (it holds "
                f"{str(lock_path)!r}); wait for it to finish, or space the cron runs further apart"
            ) from None
        try:
            yield lock_path
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
