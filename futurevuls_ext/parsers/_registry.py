"""The parser registry: built-in parsers (imported lazily), entry points and user registrations.

Importing this module imports no parser: built-ins are named ``"module:Class"`` and loaded on first
use; third-party parsers come from the entry-point group ``futurevuls_ext.parsers`` and are also
loaded only when detection or ``format=`` needs them. Built-in names win clashes with entry points;
registering an existing name raises.
"""

from __future__ import annotations

import importlib
import threading
from typing import TYPE_CHECKING

from .._exceptions import ParseError
from ._protocol import ReportParser

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint

__all__ = ["BUILTIN_PARSERS", "ENTRY_POINT_GROUP", "Registry", "register", "registry"]

ENTRY_POINT_GROUP = "futurevuls_ext.parsers"

BUILTIN_PARSERS: dict[str, str] = {
    "nessus": "futurevuls_ext.parsers.nessus:NessusParser",
    "nmap": "futurevuls_ext.parsers.nmap:NmapParser",
    "qualys-csv": "futurevuls_ext.parsers.qualys:QualysCsvParser",
    "qualys-was-csv": "futurevuls_ext.parsers.qualys_was:QualysWasCsvParser",
    "nuclei": "futurevuls_ext.parsers.nuclei:NucleiParser",
    "cycognito": "futurevuls_ext.parsers.cycognito:CyCognitoParser",
    "shodan": "futurevuls_ext.parsers.shodan:ShodanParser",
    "asm-json": "futurevuls_ext.parsers.asm_json:AsmJsonParser",
    "inspector": "futurevuls_ext.parsers.inspector:InspectorParser",
    "openvas": "futurevuls_ext.parsers.openvas:OpenVasParser",
    "openvas-csv": "futurevuls_ext.parsers.openvas_csv:OpenVasCsvParser",
    "nessus-csv": "futurevuls_ext.parsers.nessus_csv:NessusCsvParser",
    "qualys-xml": "futurevuls_ext.parsers.qualys_xml:QualysXmlParser",
    "burp": "futurevuls_ext.parsers.burp:BurpParser",
    "zap": "futurevuls_ext.parsers.zap:ZapParser",
}
"""Built-in format name -> ``"module:Class"``."""


def entry_points(*, group: str) -> tuple[EntryPoint, ...]:
    """The installed entry points of ``group`` (importlib.metadata is imported only when needed)."""
    from importlib.metadata import entry_points as _entry_points

    return tuple(_entry_points(group=group))


def _import_target(target: str) -> type[ReportParser]:
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name)
    cls = getattr(module, attr)
    if not isinstance(cls, type):
        raise TypeError(f"{target} is not a class")
    return cls


class Registry:
    """Name -> parser class, resolved lazily.

    Args:
        builtins: format name -> ``"module:Class"`` of the built-in parsers.
        entry_point_group: the entry-point group to scan for third-party parsers (None: none).
    """

    def __init__(
        self, *, builtins: dict[str, str] | None = None, entry_point_group: str | None = ENTRY_POINT_GROUP
    ) -> None:
        self._targets: dict[str, str] = dict(BUILTIN_PARSERS if builtins is None else builtins)
        self._builtin_names = frozenset(self._targets)
        self._classes: dict[str, type[ReportParser]] = {}
        self._group = entry_point_group
        self._entry_points_loaded = False
        self._entry_point_errors: dict[str, str] = {}
        self._lock = threading.RLock()

    # -- registration ----------------------------------------------------------------------
    def register(self, parser_cls: type[ReportParser], *, replace: bool = False) -> type[ReportParser]:
        """Register a parser class under its ``name``; usable as a class decorator.

        Args:
            parser_cls: a class implementing :class:`ReportParser`.
            replace: allow replacing a parser registered under the same name (built-ins included).

        Raises:
            ValueError: the class has no usable ``name``, or the name is taken and ``replace`` is False.
        """
        name = getattr(parser_cls, "name", None)
        if not isinstance(name, str) or not name:
            raise ValueError(f"{parser_cls!r} has no 'name' class attribute; a parser needs a unique name")
        for attr in ("sniff", "parse"):
            if not callable(getattr(parser_cls, attr, None)):
                raise ValueError(f"parser {name!r} ({parser_cls!r}) lacks a {attr}() method")
        with self._lock:
            self._load_entry_points()
            if not replace and (name in self._targets or name in self._classes):
                raise ValueError(
                    f"a parser named {name!r} is already registered ({self._describe(name)}); "
                    "choose another name or pass replace=True"
                )
            self._targets.pop(name, None)
            self._classes[name] = parser_cls
        return parser_cls

    def _describe(self, name: str) -> str:
        if name in self._classes:
            cls = self._classes[name]
            return f"{cls.__module__}:{cls.__qualname__}"
        return self._targets.get(name, "?")

    def _load_entry_points(self) -> None:
        if self._entry_points_loaded or self._group is None:
            return
        self._entry_points_loaded = True
        seen: dict[str, str] = {}
        for ep in entry_points(group=self._group):
            if ep.name in self._builtin_names:
                self._entry_point_errors[ep.name] = (
                    f"entry point {ep.value!r} ignored: {ep.name!r} is a built-in parser name"
                )
                continue
            if ep.name in seen and seen[ep.name] != ep.value:
                self._entry_point_errors[ep.name] = (
                    f"duplicate parser name {ep.name!r} from entry points {seen[ep.name]!r} "
                    f"and {ep.value!r}; neither is used"
                )
                self._targets.pop(ep.name, None)
                continue
            seen[ep.name] = ep.value
            if ep.name in self._entry_point_errors:
                continue
            self._targets[ep.name] = ep.value

    # -- lookup ------------------------------------------------------------------------------
    def names(self) -> list[str]:
        """Every registered format name (built-in, entry point, user), sorted."""
        with self._lock:
            self._load_entry_points()
            return sorted(set(self._targets) | set(self._classes))

    def problems(self) -> dict[str, str]:
        """Entry points that were refused (duplicate or shadowing names), name -> explanation."""
        with self._lock:
            self._load_entry_points()
            return dict(self._entry_point_errors)

    def get(self, name: str) -> type[ReportParser]:
        """The parser class registered as ``name``, importing it if needed.

        Raises:
            ParseError: no such parser, or its module failed to import.
        """
        with self._lock:
            if name in self._classes:
                return self._classes[name]
            if name not in self._builtin_names:  # built-ins win over plugins: no need to scan entry points
                self._load_entry_points()
            target = self._targets.get(name)
            if target is None:
                problem = self._entry_point_errors.get(name)
                known = ", ".join(self.names())
                detail = f" ({problem})" if problem else ""
                raise ParseError(f"unknown format {name!r}{detail}; known formats: {known}")
            try:
                cls = _import_target(target)
            except Exception as exc:
                raise ParseError(f"parser {name!r} ({target}) could not be loaded: {exc!r}") from exc
            self._classes[name] = cls
            return cls

    def load_all(self) -> tuple[dict[str, type[ReportParser]], dict[str, str]]:
        """Load every parser; return (name -> class, name -> load error) for those that failed."""
        loaded: dict[str, type[ReportParser]] = {}
        failed: dict[str, str] = {}
        for name in self.names():
            try:
                loaded[name] = self.get(name)
            except ParseError as exc:
                failed[name] = exc.reason
        return loaded, failed


registry = Registry()
"""The process-wide registry used by :func:`parse_report` and :func:`detect_format`."""


def register(parser_cls: type[ReportParser]) -> type[ReportParser]:
    """Register a parser class in the global registry (usable as a decorator).

    Raises:
        ValueError: the name is already taken.
    """
    return registry.register(parser_cls)
