from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from futurevuls_ext import InvalidArgumentError
from futurevuls_ext.resources._tasks_ops import list_tasks


def test_a_misspelt_filter_is_refused_not_ignored() -> None:
    kwargs: dict[str, Any] = {"statuss": "new"}
    with pytest.raises(InvalidArgumentError, match=r"unknown task filter.*statuss"):
        list_tasks(**kwargs)


def test_every_filter_reaches_the_query() -> None:
    call = list_tasks(
        status="new",
        priority=["high"],
        server_id=1,
        role_id=2,
        cve_id="CVE-2024-1",
        main_user_ids=[3, 4],
        sub_user_ids=5,
        pkg_id=6,
        cpe_id=7,
        include_ignored=True,
    )
    keys = [key for key, _ in call.request.params]
    assert keys == [
        "filterStatus",
        "filterPriority",
        "filterIgnore",
        "filterMainUserIDs",
        "filterMainUserIDs",
        "filterSubUserIDs",
        "filterCveID",
        "filterServerID",
        "filterRoleID",
        "filterPkgID",
        "filterCpeID",
    ]
    assert ("filterIgnore", "false") in call.request.params


@pytest.mark.parametrize("builder", ["cves", "group_set_cves", "pkg_cpes"])
def test_misspelt_cve_and_package_filters_are_refused(builder: str) -> None:
    from futurevuls_ext.resources import _cpes_ops, _cves_ops

    kwargs: dict[str, Any] = {"server": 1}
    builders: dict[str, Callable[..., object]] = {
        "cves": _cves_ops.list_cves,
        "group_set_cves": _cves_ops.group_set_list,
        "pkg_cpes": _cpes_ops.list_pkg_cpes,
    }
    build = builders[builder]
    with pytest.raises(InvalidArgumentError, match=r"unknown .* filter.*'server'"):
        build(**kwargs)
