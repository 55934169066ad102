"""client.roles through both clients, including the (unconfirmed) SSVC settings from the ApiProfile."""

from __future__ import annotations

import pytest

from futurevuls_ext.models import Role
from futurevuls_ext.profile import ApiProfile, RoleSsvcProfile
from futurevuls_ext.ssvc import Exposure, HumanImpact, RoleSsvcSettings

from ..models._fixtures import load
from ._harness import Api, body, page, params

pytestmark = pytest.mark.anyio

DETAIL = load("role_detail")
ITEM = load("role_list_item")


async def test_list(api: Api) -> None:
    api.recorder.add("GET", "/v1/roles", page("roles", [ITEM], page=1, total_page=1))
    roles = await api.many(
        lambda c: c.roles.list(cve_id="CVE-2018-1234"), lambda c: c.roles.list(cve_id="CVE-2018-1234")
    )
    assert [r.name for r in roles] == ["default"]
    assert roles[0].is_default is True
    assert params(api.recorder.last) == [("filterCveID", "CVE-2018-1234"), ("page", "1"), ("limit", "100")]


async def test_get_reads_the_ssvc_settings(api: Api) -> None:
    api.recorder.add("GET", "/v1/role/1", {**DETAIL, "ssvcExposure": "open", "ssvcHumanImpact": "high"})
    role = await api.one(lambda c: c.roles.get(1), lambda c: c.roles.get(1))
    assert isinstance(role, Role)
    assert role.ssvc == RoleSsvcSettings(exposure=Exposure.OPEN, human_impact=HumanImpact.HIGH)
    assert role.servers[0].server_name == "web-01"


async def test_rename(api: Api) -> None:
    api.recorder.add("PUT", "/v1/role/1", DETAIL)
    await api.one(lambda c: c.roles.update(1, name="dmz"), lambda c: c.roles.update(1, name="dmz"))
    assert body(api.recorder.last) == {"roleName": "dmz"}


async def test_rename_and_ssvc_in_one_request(api: Api) -> None:
    api.recorder.add("PUT", "/v1/role/1", {**DETAIL, "ssvcExposure": "open"})
    ssvc = RoleSsvcSettings(exposure="open", human_impact="very high")
    role = await api.one(
        lambda c: c.roles.update(1, name="dmz", ssvc=ssvc), lambda c: c.roles.update(1, name="dmz", ssvc=ssvc)
    )
    assert role.ssvc_exposure is Exposure.OPEN
    assert len(api.recorder.requests) == 1
    assert body(api.recorder.last) == {
        "roleName": "dmz",
        "ssvcExposure": "open",
        "ssvcHumanImpact": "very high",
    }


async def test_ssvc_only_leaves_unset_values_out(api: Api) -> None:
    api.recorder.add("PUT", "/v1/role/1", DETAIL)
    ssvc = RoleSsvcSettings(exposure=Exposure.SMALL)
    await api.one(lambda c: c.roles.update(1, ssvc=ssvc), lambda c: c.roles.update(1, ssvc=ssvc))
    assert body(api.recorder.last) == {"ssvcExposure": "small"}


async def test_ssvc_on_its_own_route_is_a_second_request(api: Api) -> None:
    profile = ApiProfile(
        role_ssvc=RoleSsvcProfile(
            update="PUT /v1/role/{roleID}/ssvc", exposure_key="exposure", human_impact_key="impact"
        )
    )
    await api.use_profile(profile)
    api.recorder.add("PUT", "/v1/role/1", DETAIL)
    api.recorder.add("PUT", "/v1/role/1/ssvc", {**DETAIL, "exposure": "open", "name": "dmz"})
    ssvc = RoleSsvcSettings(exposure="open", human_impact="low")
    role = await api.one(
        lambda c: c.roles.update(1, name="dmz", ssvc=ssvc), lambda c: c.roles.update(1, name="dmz", ssvc=ssvc)
    )
    assert api.recorder.sent() == [("PUT", "/v1/role/1"), ("PUT", "/v1/role/1/ssvc")]
    assert body(api.recorder.requests[0]) == {"roleName": "dmz"}
    assert body(api.recorder.requests[1]) == {"exposure": "open", "impact": "low"}
    assert role.ssvc.exposure is Exposure.OPEN


async def test_ssvc_only_on_its_own_route_is_one_request(api: Api) -> None:
    await api.use_profile(ApiProfile(role_ssvc=RoleSsvcProfile(update="POST /v1/roleSsvc/{roleID}")))
    api.recorder.add("POST", "/v1/roleSsvc/1", DETAIL)
    ssvc = RoleSsvcSettings(human_impact="medium")
    await api.one(lambda c: c.roles.update(1, ssvc=ssvc), lambda c: c.roles.update(1, ssvc=ssvc))
    assert api.recorder.sent() == [("POST", "/v1/roleSsvc/1")]
    assert body(api.recorder.last) == {"ssvcHumanImpact": "medium"}


async def test_delete(api: Api) -> None:
    api.recorder.add("DELETE", "/v1/role/1")
    await api.one(lambda c: c.roles.delete(1), lambda c: c.roles.delete(1))
    assert api.recorder.sent() == [("DELETE", "/v1/role/1")]
