"""Public entry points: detect_format, iter_findings, parse_report (and grouping into hosts)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from .._exceptions import ParseError, UnknownFormatError
from .._wording import FORCE_FORMAT
from ._context import ParseContext
from ._errors import TruncatedReportError
from ._grouping import HostGrouper
from ._log import log_report
from ._model import Finding, HostResult, ScanReport, Truncation
from ._protocol import ReportParser
from ._registry import Registry, registry
from ._source import ReportFile, open_source
from ._speedups import paused_gc

__all__ = ["detect_format", "group_findings", "iter_findings", "parse_report"]


# An empty file has no content to sniff; only its name can tell. A parser may claim extensions with an
# optional ``extensions`` class attribute; these are the built-in defaults.
EMPTY_FILE_EXTENSIONS: dict[str, str] = {".jsonl": "nuclei", ".nessus": "nessus"}


def _empty_file_format(name: str, classes: dict[str, type[ReportParser]]) -> str | None:
    suffix = os.path.splitext(name)[1].lower()
    if not suffix:
        return None
    claims = sorted(
        (-getattr(cls, "priority", 0), fmt)
        for fmt, cls in classes.items()
        if suffix in tuple(getattr(cls, "extensions", ()))
    )
    if claims:
        return claims[0][1]
    fmt = EMPTY_FILE_EXTENSIONS.get(suffix)
    return fmt if fmt in classes else None


def _detect_head(head: bytes, name: str, reg: Registry) -> str:
    classes, load_errors = reg.load_all()
    if not head.strip():
        fmt = _empty_file_format(name, classes)
        if fmt is not None:  # the parser decides whether an empty report is valid
            return fmt
    scores: dict[str, float] = {}
    crashes: dict[str, str] = {}
    for fmt, cls in classes.items():
        try:
            score = float(cls().sniff(head))
        except Exception as exc:  # a third-party sniff must not break detection
            crashes[fmt] = f"{type(exc).__name__}: {exc}"
            continue
        scores[fmt] = min(max(score, 0.0), 1.0)
    ranked = sorted(
        ((score, classes[fmt].priority, fmt) for fmt, score in scores.items() if score > 0.0),
        key=lambda item: (-item[0], -item[1], item[2]),
    )
    if ranked:
        return ranked[0][2]
    parts = [f"{fmt}={score:.2f}" for fmt, score in sorted(scores.items())]
    parts += [f"{fmt} crashed while sniffing ({err})" for fmt, err in sorted(crashes.items())]
    parts += [f"{fmt} not loadable ({err})" for fmt, err in sorted(load_errors.items())]
    what = _compressed(head) or "no parser recognised the first 64 KiB"
    if not head.strip():
        what = "the file is empty"
    raise UnknownFormatError(
        f"unknown report format: {what}; {FORCE_FORMAT.python}. Tried: {'; '.join(parts) or 'no parsers'}",
        scores=scores,
        source=name,
        location="byte 0",
    )


_ARCHIVES = (
    (b"\x1f\x8b", "gzip-compressed (as `shodan download` writes .json.gz)", "gunzip FILE"),
    (b"PK\x03\x04", "a ZIP archive (as report downloads often are)", "unzip FILE"),
    (b"BZh", "bzip2-compressed", "bunzip2 FILE"),
    (b"\xfd7zXZ\x00", "xz-compressed", "unxz FILE"),
)
"""Magic numbers of the archives a report arrives in, what to call them and how to unpack them."""


def _compressed(head: bytes) -> str | None:
    """What to say about a head no parser claims when it is an archive, not a report."""
    for magic, kind, unpack in _ARCHIVES:
        if head.startswith(magic):
            return f"the file is {kind}, not a report: unpack it ({unpack}) and import the report inside"
    return None


def detect_format(source: ReportFile, *, parsers: Registry | None = None) -> str:
    """Return the format name of a report by sniffing its first 64 KiB.

    Args:
        source: a path or a binary stream (a stream is rewound, or its head replayed, afterwards).
        parsers: the parser registry to ask (default: the built-in parsers and installed plugins).

    Returns:
        A format name such as ``"nessus"`` or ``"qualys-csv"``.

    Raises:
        UnknownFormatError: no parser recognised the report; ``scores`` holds each parser's score.
        ParseError: the file cannot be opened.
    """
    reg = parsers or registry
    with open_source(source, peek=True) as (_stream, name, head):
        return _detect_head(head, name, reg)


@contextmanager
def _parsing(
    source: ReportFile, fmt: str | None, ctx: ParseContext | None, reg: Registry
) -> Iterator[Iterable[Finding]]:
    """The chosen parser's findings; a foreign exception while they are read becomes a ParseError.

    The body of the ``with`` consumes the findings (``_iter`` yields them, ``parse_report`` groups them
    with no generator layer between the parser and the grouper); what it raises passes through here.
    """
    with open_source(source, peek=fmt is None) as (stream, name, head):
        chosen = fmt if fmt is not None else _detect_head(head, name, reg)
        try:
            parser_cls = reg.get(chosen)
        except ParseError as exc:
            raise ParseError(exc.reason, source=name, location=exc.location) from exc
        context = ctx or ParseContext(source=name, parser=chosen)
        context.source, context.parser = name, chosen
        try:
            yield parser_cls().parse(stream, context)
        except ParseError as exc:
            if exc.source is None:
                exc.source = context.source
                exc.args = (exc._render(),)
            raise
        except Exception as exc:  # safety net: no foreign exception type escapes a parser
            raise context.error(f"internal parser failure: {type(exc).__name__}: {exc}") from exc


def _iter(source: ReportFile, fmt: str | None, ctx: ParseContext | None, reg: Registry) -> Iterator[Finding]:
    """The findings of the chosen parser, named in their errors (see :func:`_parsing`)."""
    with _parsing(source, fmt, ctx, reg) as findings:
        yield from findings


def iter_findings(source: ReportFile, *, format: str | None = None) -> Iterator[Finding]:
    """Stream the findings of a report one at a time (memory stays flat in the file size).

    Args:
        source: a path or a binary stream.
        format: force a parser by name; None detects the format.

    Returns:
        A lazy iterator of :class:`Finding` objects, host by host (nothing is opened before the first
        ``next``): the parser's own generator, under the one layer that names the file in its errors.

    Raises:
        ParseError: while iterating, when the report cannot be read (TruncatedReportError after the
            complete findings).
    """
    return _iter(source, format, None, registry)


def group_findings(findings: Iterable[Finding]) -> tuple[HostResult, ...]:
    """Merge findings into one :class:`HostResult` per host identity (hostnames, IPs, ports, CVEs).

    Findings whose addresses are spellings of one host (``WEB01`` / ``web01``, two IPv6 spellings,
    ``::ffff:10.0.0.1`` / ``10.0.0.1``) are one host; an IP address is kept in its canonical spelling, a
    host name as the report first spelled it.
    """
    grouper = HostGrouper()
    with paused_gc():
        grouper.add_all(findings)
        return grouper.hosts()


def _hosts(grouper: HostGrouper) -> tuple[HostResult, ...]:
    with paused_gc():
        return grouper.hosts()


def parse_report(
    source: ReportFile,
    *,
    format: str | None = None,
    strict: bool = False,
    keep_findings: bool = True,
    parsers: Registry | None = None,
) -> ScanReport:
    """Parse a whole report into hosts, skipped records, warnings and reachability records.

    Args:
        source: a path or a binary stream.
        format: force a parser by name (see :func:`detect_format`); None detects the format.
        strict: raise on a truncated report instead of returning its complete hosts with a warning.
        keep_findings: keep every :class:`Finding` in ``HostResult.findings``; False keeps only the
            merged hosts (hostnames, IPs, ports, CVEs), so memory stays proportional to the hosts.
        parsers: the parser registry to use (default: the built-in parsers and installed plugins).

    Returns:
        The :class:`ScanReport`.

    Raises:
        ParseError: the report cannot be read, is truncated before its first complete host, or is
            truncated at all when ``strict`` is True.
        UnknownFormatError: ``format`` is None and no parser recognised the report.
    """
    reg = parsers or registry
    grouper = HostGrouper(keep_findings=keep_findings)
    ctx = ParseContext()
    truncations: tuple[Truncation, ...] = ()
    try:
        with paused_gc(), _parsing(source, format, ctx, reg) as findings:
            grouper.add_all(findings)
    except TruncatedReportError as exc:
        if strict or not grouper:
            raise
        truncations = (Truncation(source=ctx.source, location=exc.location or "its end", reason=exc.reason),)
        ctx.warn(
            f"report truncated: cut off at {exc.location or 'its end'} ({exc.reason}); "
            f"returned the {len(grouper)} complete host(s) read before that point"
        )
    report = ScanReport(
        format=ctx.parser,
        source=ctx.source,
        hosts=_hosts(grouper),
        skipped=tuple(ctx.skipped),
        skipped_count=ctx.skipped_count,
        warnings=tuple(ctx.warnings),
        reachability=tuple(ctx.reachability),
        truncations=truncations,
    )
    log_report(report)
    return report
