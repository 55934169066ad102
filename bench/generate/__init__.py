"""Generators of large, realistic scanner reports, cached under ``bench/data/``.

Each generator replicates hand-written host templates until the file reaches a target size and
writes a ``<file>.truth.json`` sidecar with the exact host and CVE counts it wrote.

Command line: ``python -m bench.generate FORMAT --size-mb N [--out PATH]``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from . import nessus, nmap, nuclei, openvas, qualys, qualys_xml, vm_csv, web
from ._writer import GenTruth, read_truth

__all__ = ["DATA_DIR", "GENERATORS", "GenTruth", "data_path", "ensure"]

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

_MODULES: dict[str, ModuleType] = {"nessus": nessus, "nmap": nmap, "qualys-csv": qualys, "nuclei": nuclei}
GENERATORS: dict[str, Callable[..., GenTruth]] = {k: m.generate for k, m in _MODULES.items()}
# issue 18 formats: (file extension, generator)
_MORE: dict[str, tuple[str, Callable[..., GenTruth]]] = {
    "openvas": ("xml", openvas.generate),
    "openvas-csv": ("csv", vm_csv.generate_openvas_csv),
    "nessus-csv": ("csv", vm_csv.generate_nessus_csv),
    "qualys-xml": ("xml", qualys_xml.generate),
    "burp": ("xml", web.generate_burp),
    "zap": ("xml", web.generate_zap),
    "zap-json": ("json", web.generate_zap_json),
}
GENERATORS.update({k: gen for k, (_ext, gen) in _MORE.items()})


def data_path(fmt: str, size_mb: float, data_dir: Path = DATA_DIR) -> Path:
    """Where the cached file for this format and size lives."""
    ext = _MODULES[fmt].EXTENSION if fmt in _MODULES else _MORE[fmt][0]
    label = f"{size_mb:g}".replace(".", "_")
    return data_dir / f"{fmt}-{label}mb.{ext}"


def ensure(
    fmt: str, size_mb: float, *, data_dir: Path = DATA_DIR, log: Callable[[str], None] = print
) -> tuple[Path, GenTruth]:
    """The cached file for ``fmt`` at ``size_mb`` MiB, generated first when missing or stale."""
    path = data_path(fmt, size_mb, data_dir)
    truth = read_truth(path)
    if truth is not None:
        return path, truth
    data_dir.mkdir(parents=True, exist_ok=True)
    log(f"generating {path.name} ({size_mb:g} MiB) ...")
    tmp = path.with_name(path.name + ".part")
    try:
        truth = GENERATORS[fmt](tmp, size_bytes=int(size_mb * (1 << 20)))
        tmp.replace(path)
        tmp.with_name(tmp.name + ".truth.json").replace(path.with_name(path.name + ".truth.json"))
    finally:
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + ".truth.json").unlink(missing_ok=True)
    return path, truth
