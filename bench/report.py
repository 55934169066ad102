"""The printed table, the target verdicts, and the JSON written to ``bench/out/results.json``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from .runner import Measurement

__all__ = ["Verdict", "format_table", "format_verdicts", "parse_verdicts", "rss_verdicts", "write_json"]

PEER_SPEEDUP = 1.2  # ours must be at least this many times faster than the fastest peer (Nessus, Nmap)
FLOOR_RATIO = 1.5  # ours may take at most this many times the floor's time
RSS_LIMIT_MB = 64.0  # peak RSS on the 1 GB .nessus
IMPORT_RATIO = 1.2  # `import futurevuls_ext` vs importing its dependencies alone
_PEER_TARGET_FORMATS = ("nessus", "nmap")


@attrs.frozen(kw_only=True)
class Verdict:
    """One target: the measured value, the limit, and whether it passed (None: could not be measured)."""

    name: str
    value: float | None
    target: str
    passed: bool | None
    detail: str = ""


def _fmt(v: float | None, spec: str) -> str:
    return "-" if v is None else format(v, spec)


def format_table(rows: Sequence[Measurement]) -> str:
    head = (
        f"{'format':<10} {'implementation':<26} {'file':>8} {'seconds':>9} {'cpu s':>7} {'MB/s':>8} "
        f"{'peak RSS MB':>11} "
        f"{'hosts':>7} {'host-CVEs':>10} {'agree':>5}  note"
    )
    out = [head, "-" * len(head)]
    for m in rows:
        agree = {True: "yes", False: "NO", None: "-"}[m.agrees]
        secs = _fmt(m.seconds, ".2f") if m.status == "ok" else m.status
        note = m.note if len(m.note) <= 90 else m.note[:87] + "..."
        out.append(
            f"{m.format:<10} {m.impl:<26} {m.size_mb:>6.0f}MB {secs:>9} {_fmt(m.cpu_seconds, '.2f'):>7} "
            f"{_fmt(m.mb_per_s, '.1f'):>8} "
            f"{_fmt(m.peak_rss_mb, '.1f'):>11} {_fmt(m.hosts, 'd'):>7} {_fmt(m.host_cves, 'd'):>10} "
            f"{agree:>5}  {note}"
        )
    return "\n".join(out)


def _ok(rows: Iterable[Measurement], kind: str) -> list[Measurement]:
    return [m for m in rows if m.kind == kind and m.status == "ok" and m.seconds]


def _time(m: Measurement, metric: str) -> float:
    value = m.cpu_seconds if metric == "cpu" else m.seconds
    return value or 0.0


def _other_note(ours: Measurement, other: Measurement, metric: str) -> str:
    alt = "wall" if metric == "cpu" else "cpu"
    a, b = _time(ours, alt), _time(other, alt)
    return f"; {alt}-time ratio {a / b:.3f}" if a and b else ""


def parse_verdicts(rows: Sequence[Measurement], *, metric: str = "wall") -> list[Verdict]:
    """Ours vs fastest peer (Nessus, Nmap) and ours vs floor (every format), per file measured.

    ``metric`` is "wall" (best wall-clock seconds) or "cpu" (CPU seconds of that run, steadier on a
    busy machine); the other one is shown in the detail.
    """
    verdicts: list[Verdict] = []
    for key in dict.fromkeys((m.format, m.file) for m in rows):
        group = [m for m in rows if (m.format, m.file) == key]
        fmt = key[0]
        floors = _ok(group, "floor")
        peers = [m for m in _ok(group, "peer") if _time(m, metric)]
        fastest = min(peers, key=lambda m: _time(m, metric)) if peers else None
        for ours in (m for m in group if m.kind == "ours"):
            label = f"{fmt} {ours.impl} ({ours.size_mb:.0f} MB)"
            t_ours = _time(ours, metric) if ours.status == "ok" else 0.0
            if not t_ours:
                verdicts.append(
                    Verdict(
                        name=f"{label}: measured",
                        value=None,
                        target="runs",
                        passed=None,
                        detail=f"{ours.status}: {ours.note}",
                    )
                )
                continue
            name = f"{label}: ours/fastest-peer {metric} time"
            if fastest is not None:
                ratio = t_ours / _time(fastest, metric)
                detail = (
                    f"fastest peer: {fastest.impl} {_time(fastest, metric):.2f} s"
                    + _other_note(ours, fastest, metric)
                    + ("" if fastest.agrees else " (its counts DISAGREE)")
                )
                if fmt in _PEER_TARGET_FORMATS:
                    target = f"<= {1 / PEER_SPEEDUP:.3f} (>= {PEER_SPEEDUP}x faster)"
                    verdicts.append(
                        Verdict(
                            name=name,
                            value=ratio,
                            target=target,
                            passed=ratio <= 1 / PEER_SPEEDUP,
                            detail=detail,
                        )
                    )
                else:
                    verdicts.append(
                        Verdict(name=name, value=ratio, target="(no target)", passed=None, detail=detail)
                    )
            elif fmt in _PEER_TARGET_FORMATS:
                verdicts.append(
                    Verdict(
                        name=name,
                        value=None,
                        target=f">= {PEER_SPEEDUP}x faster",
                        passed=None,
                        detail="no peer measured",
                    )
                )
            if floors and _time(floors[0], metric):
                ratio = t_ours / _time(floors[0], metric)
                verdicts.append(
                    Verdict(
                        name=f"{label}: ours/floor {metric} time",
                        value=ratio,
                        target=f"<= {FLOOR_RATIO}",
                        passed=ratio <= FLOOR_RATIO,
                        detail=f"floor {_time(floors[0], metric):.2f} s"
                        + _other_note(ours, floors[0], metric),
                    )
                )
            if not ours.agrees:
                verdicts.append(
                    Verdict(
                        name=f"{label}: counts agree with the generator",
                        value=None,
                        target="equal",
                        passed=False,
                        detail=f"hosts={ours.hosts} host-CVEs={ours.host_cves}",
                    )
                )
    return verdicts


def rss_verdicts(rows: Sequence[Measurement]) -> list[Verdict]:
    """Peak RSS of ours on the large (memory-curve) .nessus.

    The 64 MB target applies to the streaming API (``iter_findings``); ``parse_report`` holds every host
    (and, by default, every finding) by design, so its peak is reported without a target.
    """
    out = []
    for m in rows:
        if m.kind != "ours":
            continue
        ok = m.status == "ok" and m.peak_rss_mb is not None
        streaming = m.impl.endswith("iter_findings")
        passed = ((m.peak_rss_mb or 0) < RSS_LIMIT_MB if ok else None) if streaming else None
        detail = (
            f"{m.mb_per_s or 0:.1f} MB/s, RSS before parsing {m.base_rss_mb or 0:.1f} MB" if ok else m.note
        )
        out.append(
            Verdict(
                name=f"nessus {m.impl} ({m.size_mb:.0f} MB): peak RSS MB",
                value=m.peak_rss_mb if ok else None,
                target=f"< {RSS_LIMIT_MB:.0f}"
                if streaming
                else "(no target: holds every host; the 64 MB is for iter_findings)",
                passed=passed,
                detail=detail,
            )
        )
    return out


def format_verdicts(verdicts: Sequence[Verdict]) -> str:
    lines = []
    for v in verdicts:
        mark = {True: "PASS", False: "FAIL", None: "----"}[v.passed]
        value = "-" if v.value is None else f"{v.value:.3f}"
        lines.append(f"[{mark}] {v.name}: {value}  target {v.target}  {v.detail}")
    return "\n".join(lines)


def write_json(path: Path, payload: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)

    def default(o: object) -> Any:
        if attrs.has(type(o)):
            return attrs.asdict(o)  # type: ignore[arg-type]
        raise TypeError(type(o).__name__)

    path.write_text(json.dumps(payload, indent=2, default=default) + "\n", encoding="utf-8")
