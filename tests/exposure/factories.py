"""Builders of models and reachability records for exposure tests."""

from __future__ import annotations

from futurevuls_ext.models import ExternalScan, Role, Server, ServerChild, TaskDetail, TaskSsvc
from futurevuls_ext.models.common import Cvss
from futurevuls_ext.parsers import Reachability
from futurevuls_ext.ssvc import Exposure, HumanImpact

IGW_PATH = ("AWS::EC2::InternetGateway", "AWS::EC2::SecurityGroup", "AWS::EC2::Instance")
ALB_PATH = (
    "AWS::EC2::InternetGateway",
    "AWS::ElasticLoadBalancingV2::LoadBalancer",
    "AWS::EC2::SecurityGroup",
    "AWS::EC2::Instance",
)
PEERING_PATH = ("AWS::EC2::VPCPeeringConnection", "AWS::EC2::SecurityGroup", "AWS::EC2::Instance")


def server(
    server_id: int, name: str, *, ipv4: str = "", instance: str = "", role_id: int = 1, role: str = "default"
) -> Server:
    return Server(
        id=server_id,
        server_uuid=f"uuid-{server_id}",
        host_uuid=f"host-{server_id}",
        server_name=name,
        serverrole_id=role_id,
        serverrole_name=role,
        os_family="ubuntu",
        os_version="22.04",
        server_ipv4=ipv4,
        platform_name="aws" if instance else "",
        platform_instance_id=instance,
        need_kernel_restart=False,
        created_at=None,
        updated_at=None,
    )


def role(
    role_id: int, name: str, *, exposure: Exposure | None = None, impact: HumanImpact | None = None
) -> Role:
    return Role(
        id=role_id,
        name=name,
        created_at=None,
        updated_at=None,
        ssvc_exposure=exposure,
        ssvc_human_impact=impact,
    )


def reach(
    instance: str,
    port: int,
    *,
    path: tuple[str, ...] = IGW_PATH,
    ips: tuple[str, ...] = (),
    end: int | None = None,
    protocol: str = "tcp",
) -> Reachability:
    return Reachability(
        instance_id=instance,
        ip_addresses=frozenset(ips),
        port_start=port,
        port_end=end if end is not None else port,
        protocol=protocol,
        path_component_types=path,
        from_internet_gateway=path[0] == "AWS::EC2::InternetGateway",
        via_load_balancer=any("LoadBalanc" in p for p in path),
        via_peering_or_vpn=any("Peering" in p or "VPN" in p for p in path),
    )


def scan(scan_id: int, server_id: int, cves: tuple[str, ...], *, external: bool = True) -> ExternalScan:
    return ExternalScan(
        id=scan_id, server_id=server_id, name=f"scan-{scan_id}", cve_ids=cves, is_external_scan=external
    )


def detail(
    task_id: int,
    cve_id: str,
    srv: Server,
    *,
    exploitation: str | None = "active",
    automatable: str | None = "yes",
    density: str | None = "concentrated",
    reported: str | None = None,
) -> TaskDetail:
    child = ServerChild(
        id=srv.id,
        server_uuid=srv.server_uuid,
        host_uuid=srv.host_uuid,
        server_name=srv.server_name,
        serverrole_id=srv.serverrole_id,
        serverrole_name=srv.serverrole_name,
        os_family=srv.os_family,
        os_version=srv.os_version,
        need_kernel_restart=False,
        created_at=None,
        updated_at=None,
    )
    return TaskDetail(
        id=task_id,
        cve_id=cve_id,
        status="new",
        priority="none",
        ignore=False,
        is_important=False,
        server=child,
        cvss=Cvss(),
        newed_at=None,
        created_at=None,
        updated_at=None,
        ssvc=TaskSsvc(
            priority=reported, exploitation=exploitation, automatable=automatable, value_density=density
        ),
    )
