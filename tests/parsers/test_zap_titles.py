"""A ZAP alert's title is its ``<alert>`` text, else its ``<name>``, in whichever order ZAP wrote them."""

from __future__ import annotations

import io

import pytest

from futurevuls_ext.parsers import iter_findings


def _report(fields: str) -> bytes:
    return (
        '<?xml version="1.0"?><OWASPZAPReport version="2.15.0">'
        '<site name="https://a.example" host="a.example" port="443" ssl="true"><alerts>'
        f"<alertitem><pluginid>1</pluginid>{fields}<riskcode>2</riskcode>"
        "<reference>https://nvd.nist.gov/vuln/detail/CVE-2021-44228</reference></alertitem>"
        "</alerts></site></OWASPZAPReport>"
    ).encode()


@pytest.mark.parametrize(
    ("fields", "title"),
    [
        ("<alert>Alert text</alert><name>Name text</name>", "Alert text"),
        ("<name>Name text</name><alert>Alert text</alert>", "Alert text"),
        ("<name>Name text</name>", "Name text"),
        ("<alert>Alert text</alert>", "Alert text"),
        ("<alert></alert><name>Name text</name>", "Name text"),
        ("<alert/><name>Name text</name>", "Name text"),
        ("<alert>  </alert><name>Name text</name>", None),  # a blank alert is taken as written (blank: none)
        ("", None),
    ],
)
def test_title_is_alert_else_name(fields: str, title: str | None) -> None:
    findings = [f for f in iter_findings(io.BytesIO(_report(fields)), format="zap") if f.source_id]
    assert [f.title for f in findings] == [title]
    assert findings[0].cve_ids == {"CVE-2021-44228"}
