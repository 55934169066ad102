"""Small builders of models and host results for importer tests."""

from __future__ import annotations

from futurevuls_ext.models import ExternalScan, Server, ServerTag
from futurevuls_ext.parsers import HostResult


def server(
    server_id: int,
    name: str,
    ipv4: str = "",
    *,
    os_family: str = "pseudo",
    role_id: int = 1,
    tags: tuple[str, ...] = (),
) -> Server:
    return Server(
        id=server_id,
        server_uuid=f"uuid-{server_id}",
        host_uuid=f"host-{server_id}",
        server_name=name,
        serverrole_id=role_id,
        serverrole_name="default",
        os_family=os_family,
        os_version="unknown",
        server_ipv4=ipv4,
        platform_name="",
        platform_instance_id="",
        need_kernel_restart=False,
        created_at=None,
        updated_at=None,
        tags=tuple(ServerTag(id=index + 1, name=tag) for index, tag in enumerate(tags)),
    )


def scan(
    scan_id: int, server_id: int, name: str, cves: tuple[str, ...], external: bool = True
) -> ExternalScan:
    return ExternalScan(id=scan_id, server_id=server_id, name=name, cve_ids=cves, is_external_scan=external)


def host(
    address: str, cves: tuple[str, ...] = (), *, ips: tuple[str, ...] = (), names: tuple[str, ...] = ()
) -> HostResult:
    return HostResult(
        address=address,
        hostnames=frozenset(names),
        ip_addresses=frozenset(ips),
        cve_ids=frozenset(cves),
        ports=frozenset(),
        findings=(),
    )
