"""Hostile input for the issue-18 parsers: entity bombs, XXE, external DTDs, deep nesting, huge tokens,
binary junk, invalid UTF-8, empty files and other formats all end in a ParseError naming the file and
the position (never another exception, never an expansion or a fetch)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from futurevuls_ext import ParseError
from futurevuls_ext.parsers import _zap_json, parse_report

SLOT = "SLOT"
XML_DOCS = {
    "openvas": (
        "report",
        '<?xml version="1.0"?>\n<report id="r"><report id="r"><results><result id="1">'
        '<host>192.0.2.1</host><port>22/tcp</port><nvt oid="1.2"><name>SLOT</name></nvt></result>'
        "</results></report></report>\n",
    ),
    "qualys-xml": (
        "SCAN",
        '<?xml version="1.0"?>\n<SCAN value="s"><IP value="192.0.2.1" name="SLOT"></IP></SCAN>\n',
    ),
    "burp": (
        "issues",
        '<?xml version="1.0"?>\n<issues burpVersion="1"><issue><type>1</type><name>SLOT</name>'
        '<host ip="192.0.2.1">http://h.example</host></issue></issues>\n',
    ),
    "zap": (
        "OWASPZAPReport",
        '<?xml version="1.0"?>\n<OWASPZAPReport version="2"><site name="http://h.example" host="h.example" '
        'port="80" ssl="false"><alerts><alertitem><pluginid>1</pluginid><alert>SLOT</alert></alertitem>'
        "</alerts></site></OWASPZAPReport>\n",
    ),
}
CSV_DOCS = {
    "openvas-csv": "IP,Hostname,Port,Port Protocol,CVSS,Severity,NVT Name,NVT OID,CVEs\n"
    "192.0.2.1,SLOT,22,tcp,5.0,Medium,x,1.2,CVE-2020-0001\n",
    "nessus-csv": "Plugin ID,CVE,CVSS,Risk,Host,Protocol,Port,Name\n"
    '"1","CVE-2020-0001","5.0","Medium","192.0.2.1","tcp","22","SLOT"\n',
}
XML_FORMATS = sorted(XML_DOCS)
ALL_FORMATS = XML_FORMATS + sorted(CSV_DOCS)


def _xml(fmt: str, decls: str, text: str, *, doctype: str | None = None) -> bytes:
    root, body = XML_DOCS[fmt]
    head, _, rest = body.replace(SLOT, text).partition("\n")
    dtd = doctype if doctype is not None else (f"<!DOCTYPE {root} [\n{decls}\n]>\n" if decls else "")
    return f"{head}\n{dtd}{rest}".encode()


def _refused(path: Path, fmt: str, match: str | None = None) -> ParseError:
    started = time.perf_counter()
    with pytest.raises(ParseError, match=match) as info:
        parse_report(path, format=fmt)
    assert time.perf_counter() - started < 10
    assert info.value.source is not None and info.value.source.endswith(path.name)
    assert info.value.location
    return info.value


def test_the_clean_documents_parse() -> None:
    import io

    for fmt in XML_FORMATS:
        assert parse_report(io.BytesIO(_xml(fmt, "", "ok")), format=fmt).hosts, fmt
    for fmt, text in CSV_DOCS.items():
        assert parse_report(io.BytesIO(text.replace(SLOT, "h").encode()), format=fmt).hosts, fmt


@pytest.mark.parametrize("fmt", XML_FORMATS)
@pytest.mark.parametrize("case", ["billion_laughs", "quadratic", "xxe", "xxe_parameter", "unparsed"])
def test_entity_declarations_are_refused(tmp_path: Path, fmt: str, case: str) -> None:
    decls = {
        "billion_laughs": '<!ENTITY l0 "lol">'
        + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)),
        "quadratic": f'<!ENTITY big "{"x" * 100_000}">',
        "xxe": '<!ENTITY xxe SYSTEM "file:///etc/passwd">',
        "xxe_parameter": f'<!ENTITY % ext SYSTEM "{(tmp_path / "x.dtd").as_uri()}">\n%ext;',
        "unparsed": '<!NOTATION n SYSTEM "x"><!ENTITY u SYSTEM "file:///etc/passwd" NDATA n>',
    }[case]
    text = {"billion_laughs": "&l9;", "quadratic": "&big;" * 20_000, "xxe": "&xxe;"}.get(case, "x")
    path = tmp_path / "hostile.xml"
    path.write_bytes(_xml(fmt, decls, text))
    _refused(path, fmt, "forbidden XML construct|not an XML report|malformed")


@pytest.mark.parametrize("fmt", XML_FORMATS)
def test_external_dtd_is_refused_or_never_read(tmp_path: Path, fmt: str) -> None:
    dtd = tmp_path / "evil.dtd"
    dtd.write_text('<!ENTITY leak "LEAKED-FROM-DTD">\n', encoding="ascii")
    root = XML_DOCS[fmt][0]
    path = tmp_path / "ext.xml"
    path.write_bytes(_xml(fmt, "", "&leak;", doctype=f'<!DOCTYPE {root} SYSTEM "{dtd.as_uri()}">\n'))
    if fmt != "qualys-xml":
        _refused(path, fmt, "DTDForbidden")
        return
    # Qualys writes <!DOCTYPE SCAN SYSTEM "https://...dtd">: accepted, but the DTD is never read
    report = parse_report(path, format=fmt)
    assert all("LEAKED" not in name for h in report.hosts for name in h.hostnames)


@pytest.mark.parametrize("fmt", XML_FORMATS)
def test_deep_nesting_is_cheap(tmp_path: Path, fmt: str) -> None:
    root = XML_DOCS[fmt][0]
    path = tmp_path / "deep.xml"
    path.write_bytes(f"<{root}>".encode() + b"<a>" * 100_000 + b"</a>" * 100_000 + f"</{root}>".encode())
    started = time.perf_counter()
    try:
        report = parse_report(path, format=fmt)
    except ParseError:
        pass  # a format may refuse a report without records; it must not crash or take long
    else:
        assert report.hosts == ()
    assert time.perf_counter() - started < 10


@pytest.mark.parametrize("fmt", XML_FORMATS)
def test_huge_attribute_is_refused(tmp_path: Path, fmt: str) -> None:
    root = XML_DOCS[fmt][0]
    path = tmp_path / "huge.xml"
    with path.open("wb") as out:
        out.write(f'<{root}><x a="'.encode())
        for _ in range(17):
            out.write(b"a" * (1 << 20))
        out.write(f'"/></{root}>'.encode())
    _refused(path, fmt, "larger than 16 MiB")


@pytest.mark.parametrize("fmt", XML_FORMATS)
def test_invalid_utf8_and_truncated_prologue(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "bad.xml"
    path.write_bytes(_xml(fmt, "", "ex\xff\xfe").replace("ex\xff\xfe".encode(), b"ex\xff\xfe\xc3("))
    _refused(path, fmt)
    path.write_bytes(_xml(fmt, "", "x")[:30])
    _refused(path, fmt)


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_junk_empty_and_other_formats(tmp_path: Path, fmt: str) -> None:
    import random

    path = tmp_path / "junk.bin"
    path.write_bytes(random.Random(7).randbytes(1 << 20))
    _refused(path, fmt)
    path.write_bytes(b"")
    _refused(path, fmt)
    path.write_bytes(b"\x00" * 4096)
    _refused(path, fmt)
    other = "nessus-csv" if fmt != "nessus-csv" else "openvas-csv"
    donor = CSV_DOCS[other] if fmt in XML_DOCS else XML_DOCS["zap"][1]
    path.write_bytes(donor.replace(SLOT, "x").encode())
    _refused(path, fmt)


@pytest.mark.parametrize("fmt", sorted(CSV_DOCS))
def test_csv_long_line_refused_while_read(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / "long.csv"
    with path.open("wb") as out:
        out.write(CSV_DOCS[fmt].splitlines()[0].encode() + b"\n")
        out.write(b'"192.0.2.1","')
        for _ in range(9):
            out.write(b"x" * (1 << 20))
        out.write(b'"\n')
    _refused(path, fmt, "longer than")


def test_zap_json_site_over_the_cap_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_zap_json, "MAX_SITE_BYTES", 2 << 20)  # the real cap is 64 MiB
    path = tmp_path / "big.json"
    alerts = ",".join(
        '{"pluginid": "1", "alert": "a", "otherinfo": "' + "x" * 1000 + '"}' for _ in range(5000)
    )
    path.write_text(
        '{"@version": "2", "site": [{"@host": "h.example", "@port": "80", "alerts": [' + alerts + "]}]}",
        encoding="utf-8",
    )
    _refused(path, "zap", "larger than")
