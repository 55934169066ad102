"""The FutureVuls article's Nmap job (``uploadScanResult.py add|update``), done properly.

``add`` scans one IP with ``nmap -sV --script vulners -oX - IP``, writes the CVEs it found to an
external scan result on a server, and records ``IP,result_id,server_id`` in a mapping file (the
article's ``ip_and_id_mapping.txt``, default ``./ip_and_id_mapping.txt`` or
``$FUTUREVULS_NMAP_MAPPING``). ``update`` re-scans every recorded IP and updates each result's CVE list,
sending nothing when the list did not change. Both are safe to run from cron:

* the mapping file is written atomically (temporary file + ``os.replace``) and keeps comments and order;
* a lock (``flock`` on ``<mapping>.lock``) stops a run that starts while the previous one still scans;
* one IP failing (nmap error, host down, result deleted) does not stop the others; the exit status is 1;
* an IP whose scan shows no up host keeps its result unchanged (an outage never empties a result);
* nmap runs without a shell, with a timeout, and without ``FUTUREVULS_*`` variables in its environment.

Command line::

    futurevuls-ext nmap add 203.0.113.10 nmap-external 2141494          # exposed externally (default)
    futurevuls-ext nmap add 10.0.0.5 nmap-internal 2141495 --internal
    futurevuls-ext nmap add 203.0.113.10 nmap-external 2141494 --from-xml scan.xml   # no scan
    futurevuls-ext nmap update                                            # every recorded IP
    futurevuls-ext nmap update --from-xml-dir scans/ --json               # <IP>.xml files, JSON out

Cron (every night at 03:15, as a user allowed to scan). ``/etc/futurevuls/env`` is readable by that
user only and holds ``export FUTUREVULS_API_TOKEN=...`` and
``export FUTUREVULS_NMAP_MAPPING=/var/lib/futurevuls/ip_and_id_mapping.txt``; the lock stops a run
that overlaps a slow previous one, and the exit status (1 when an IP failed) reaches cron's mail::

    # /etc/cron.d/futurevuls-nmap
    15 3 * * * scanner . /etc/futurevuls/env && futurevuls-ext nmap update --nmap-timeout 1800

From Python::

    import futurevuls_ext as fv
    from futurevuls_ext.nmap_job import NmapScanner

    with fv.Client() as client:
        client.nmap.add("203.0.113.10", "nmap", 2141494, source=NmapScanner())
        result = client.nmap.update(source=NmapScanner(timeout=1800))
        print(result.summary())

``AsyncClient.nmap`` has the same methods, awaited (scans run in worker threads).

Only scan addresses you are allowed to scan. nmap's ``vulners`` script looks the detected product
versions (CPEs) up at vulners.com, so the scanning host needs outbound HTTPS and shares those
product names with that service; the tests never run nmap (a stub stands in for it).
"""

from __future__ import annotations

from ._address import normalize_ip
from ._errors import MappingLockedError, NmapNotFoundError, NmapScanError
from ._lock import lock_path_for, mapping_lock
from ._mapping import (
    DEFAULT_MAPPING_FILE,
    MAPPING_ENV_VAR,
    Mapping,
    MappingEntry,
    default_mapping_path,
    load_mapping,
    save_mapping,
)
from ._namespace import AsyncNmapJob, NmapJob
from ._result import Action, IpOutcome, JobResult
from ._scan import DEFAULT_NMAP_TIMEOUT, NmapScanner, NmapSource, XmlDirSource, XmlFileSource, cve_ids_for
from ._update import Progress

__all__ = [
    "DEFAULT_MAPPING_FILE",
    "DEFAULT_NMAP_TIMEOUT",
    "MAPPING_ENV_VAR",
    "Action",
    "AsyncNmapJob",
    "IpOutcome",
    "JobResult",
    "Mapping",
    "MappingEntry",
    "MappingLockedError",
    "NmapJob",
    "NmapNotFoundError",
    "NmapScanError",
    "NmapScanner",
    "NmapSource",
    "Progress",
    "XmlDirSource",
    "XmlFileSource",
    "cve_ids_for",
    "default_mapping_path",
    "load_mapping",
    "lock_path_for",
    "mapping_lock",
    "normalize_ip",
    "save_mapping",
]
