"""Unknown keyword arguments caught at the call, with the closest option named.

``client.import_report(report, dryrun=True)`` raises :class:`UnknownOptionError` ("import_report()
has no option 'dryrun'; did you mean 'dry_run'?") before anything is read or sent. The decorated
function keeps its real signature for ``help()``, ``inspect.signature`` and editors.
"""

from __future__ import annotations

import difflib
import functools
import inspect
from collections.abc import Callable, Mapping
from typing import Any, TypeVar, cast

from ._exceptions import UnknownOptionError

__all__ = ["checked_keywords", "unknown_option"]

F = TypeVar("F", bound=Callable[..., Any])
_NAMED = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)


def unknown_option(where: str, given: str, known: list[str]) -> UnknownOptionError:
    """The error for keyword ``given``, which ``where`` does not take; names the closest of ``known``."""
    close = difflib.get_close_matches(given, known, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else "its options are " + ", ".join(known)
    return UnknownOptionError(f"{where}() has no option {given!r}; {hint}")


def checked_keywords(fn: F) -> F:
    """Wrap ``fn`` so that an unknown keyword raises :class:`UnknownOptionError` before ``fn`` runs."""
    params = inspect.signature(fn).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        raise TypeError(f"{fn.__qualname__} takes **kwargs; checked_keywords needs named parameters")
    known = frozenset(name for name, p in params.items() if p.kind in _NAMED and name != "self")
    options = [name for name, p in params.items() if p.kind is inspect.Parameter.KEYWORD_ONLY]

    def check(kwargs: Mapping[str, Any]) -> None:
        for key in kwargs:
            if key not in known:
                raise unknown_option(fn.__name__, key, options or sorted(known))

    if inspect.iscoroutinefunction(fn):

        @functools.wraps(fn)
        async def checked_async(*args: Any, **kwargs: Any) -> Any:
            check(kwargs)
            return await fn(*args, **kwargs)

        return cast(F, checked_async)

    @functools.wraps(fn)
    def checked(*args: Any, **kwargs: Any) -> Any:
        check(kwargs)
        return fn(*args, **kwargs)

    return cast(F, checked)
