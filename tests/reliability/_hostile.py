"""Writers of hostile report files: entity bombs, external entities and DTDs, deep nesting, huge
attributes and cells, truncation, binary garbage, invalid UTF-8, empty files, wrong formats, and a
100+ MB single-line JSON that is not a report.

Every writer streams to the path it is given, so no large file is ever held in memory here.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

from ._samples import SAMPLES, XML_ROOTS, XML_TEMPLATES, XML_TEXT_SLOT

__all__ = [
    "CSV_FORMATS",
    "JSON_FORMATS",
    "XML_FORMATS",
    "Writer",
    "csv_cases",
    "json_cases",
    "write_big_json_array",
    "write_big_json_object",
    "write_huge_csv_cell",
    "write_huge_xml_attribute",
    "xml_cases",
]

XML_FORMATS = ("nessus", "nmap")
JSON_FORMATS = ("nuclei", "cycognito", "shodan", "asm-json", "inspector")
CSV_FORMATS = ("qualys-csv", "qualys-was-csv")

MIB = 1 << 20
DEPTH = 100_000

Writer = Callable[[Path], None]


def _xml_with(fmt: str, decls: str, text: str) -> bytes:
    """The format's XML sample with a DOCTYPE holding ``decls`` and ``text`` in its text slot."""
    body = XML_TEMPLATES[fmt].replace(XML_TEXT_SLOT, text)
    body = body.replace("<!DOCTYPE nmaprun>\n", "")
    head, _, rest = body.partition("\n")  # the XML declaration stays first
    doctype = f"<!DOCTYPE {XML_ROOTS[fmt]} [\n{decls}\n]>\n" if decls else ""
    return f"{head}\n{doctype}{rest}".encode()


def _billion_laughs(fmt: str) -> bytes:
    decls = ['<!ENTITY lol0 "lol">']
    decls += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return _xml_with(fmt, "\n".join(decls), "&lol9;")


def _quadratic(fmt: str) -> bytes:
    # one 100 KB entity referenced 20,000 times: 2 GB when expanded, 160 KB on disk
    return _xml_with(fmt, f'<!ENTITY big "{"x" * 100_000}">', "&big;" * 20_000)


def _xxe(fmt: str) -> bytes:
    return _xml_with(fmt, '<!ENTITY xxe SYSTEM "file:///etc/passwd">', "&xxe;")


def _xxe_parameter(fmt: str, dtd: Path) -> bytes:
    return _xml_with(fmt, f'<!ENTITY % ext SYSTEM "{dtd.as_uri()}">\n%ext;', "&leak;")


def _external_dtd(fmt: str, dtd: Path) -> bytes:
    body = XML_TEMPLATES[fmt].replace(XML_TEXT_SLOT, "&leak;").replace("<!DOCTYPE nmaprun>\n", "")
    head, _, rest = body.partition("\n")
    return f'{head}\n<!DOCTYPE {XML_ROOTS[fmt]} SYSTEM "{dtd.as_uri()}">\n{rest}'.encode()


def _external_dtd_public(fmt: str) -> bytes:
    # never fetched: a parser that tried would hit a closed loopback port, never the network
    body = XML_TEMPLATES[fmt].replace(XML_TEXT_SLOT, "x").replace("<!DOCTYPE nmaprun>\n", "")
    head, _, rest = body.partition("\n")
    public = '"-//EVIL//DTD x//EN" "http://127.0.0.1:9/evil.dtd"'
    return f"{head}\n<!DOCTYPE {XML_ROOTS[fmt]} PUBLIC {public}>\n{rest}".encode()


def _write_dtd(path: Path) -> Path:
    dtd = path.with_suffix(".dtd")
    dtd.write_text('<!ENTITY leak SYSTEM "file:///etc/hostname">\n', encoding="ascii")
    return dtd


def _deep_xml(root: str, path: Path) -> None:
    with path.open("wb") as out:
        out.write(f'<?xml version="1.0"?>\n<{root}>'.encode())
        out.write(b"<a>" * DEPTH)
        out.write(b"</a>" * DEPTH)
        out.write(f"</{root}>\n".encode())


def _truncated(fmt: str) -> bytes:
    """The sample cut in the middle of its first host / record."""
    data = SAMPLES[fmt]
    marks = {
        "nessus": b"<cve>CVE-2014-0160",
        "nmap": b'<elem key="id">CVE-2018',
        "qualys-csv": b'"CVE-2014-0160, CVE',
        "qualys-was-csv": b'"VULNERABILITY","1","11","150162","https://shop',
        "nuclei": b'"cve-id": ["cve-2021',
        "asm-json": b'"ip": "192.0.2.70", "port"',
        "cycognito": b'"CVE-2002-20001"',
        "shodan": b'"vulns": ["CVE-2021-40438"]',
        "inspector": b'"vulnerabilityId": "CVE-2023',
    }
    return data[: data.index(marks[fmt]) + len(marks[fmt]) - 4]


def _garbage(seed: int, size: int = MIB) -> bytes:
    return random.Random(seed).randbytes(size)


def _invalid_utf8(fmt: str) -> bytes:
    """The sample with every ASCII letter of its values replaced by invalid UTF-8 sequences."""
    data = SAMPLES[fmt]
    if fmt in XML_FORMATS:
        return data.replace(b"example", b"ex\xff\xfe\xc3(mple")
    # CSV and JSON: no valid text at all (Latin-1 / broken multibyte sequences everywhere)
    return bytes(b if b < 0x80 and not chr(b).isalpha() else 0xE9 for b in data) + b"\xc3\x28\xa0\xa1\xff"


def _wrong_format(fmt: str) -> bytes:
    donor = {"nessus": "nuclei", "nmap": "nessus", "qualys-csv": "nuclei", "qualys-was-csv": "qualys-csv"}
    default = "nessus" if fmt != "inspector" else "qualys-csv"
    return SAMPLES[donor.get(fmt, default)]


def _bytes(data: bytes) -> Writer:
    def write(path: Path) -> None:
        path.write_bytes(data)

    return write


def _common(fmt: str) -> dict[str, Writer]:
    return {
        "truncated_in_first_host": _bytes(_truncated(fmt)),
        "binary_garbage": _bytes(_garbage(seed=len(fmt))),
        "binary_garbage_with_nuls": _bytes(b"\x00" * 4096 + _garbage(seed=7, size=4096)),
        "invalid_utf8": _bytes(_invalid_utf8(fmt)),
        "empty": _bytes(b""),
        "whitespace_only": _bytes(b" \r\n\t\n" * 100),
        "wrong_format": _bytes(_wrong_format(fmt)),
    }


def xml_cases(fmt: str) -> dict[str, Writer]:
    """Hostile files for an XML format (``nessus``, ``nmap``), by case name."""
    root = XML_ROOTS[fmt]

    def with_dtd(build: Callable[[str, Path], bytes]) -> Writer:
        def write(path: Path) -> None:
            path.write_bytes(build(fmt, _write_dtd(path)))

        return write

    return {
        **_common(fmt),
        "billion_laughs": _bytes(_billion_laughs(fmt)),
        "quadratic_blowup": _bytes(_quadratic(fmt)),
        "xxe_file": _bytes(_xxe(fmt)),
        "xxe_parameter_entity": with_dtd(_xxe_parameter),
        "external_dtd_system": with_dtd(_external_dtd),
        "external_dtd_public": _bytes(_external_dtd_public(fmt)),
        "deep_nesting_in_root": lambda path: _deep_xml(root, path),
        "deep_nesting_wrong_root": lambda path: _deep_xml("a", path),
    }


def json_cases(fmt: str) -> dict[str, Writer]:
    """Hostile files for a JSON format, by case name."""
    deep_array = b"[" * DEPTH + b"]" * DEPTH + b"\n"
    deep_object = b'{"a":' * DEPTH + b"1" + b"}" * DEPTH + b"\n"
    return {
        **_common(fmt),
        "deep_nesting_array": _bytes(deep_array),
        "deep_nesting_object": _bytes(deep_object),
        "deep_nesting_pretty": _bytes(b"[\n" * DEPTH + b"]\n" * DEPTH),
        "huge_integer": _bytes(b'{"port": ' + b"9" * 100_000 + b"}\n"),
        "xml_entity_bomb": _bytes(_billion_laughs("nessus")),
    }


def csv_cases(fmt: str) -> dict[str, Writer]:
    """Hostile files for a CSV format, by case name."""
    nul = SAMPLES[fmt].replace(b"38174" if fmt == "qualys-csv" else b"150001", b"38\x0074")
    return {
        **_common(fmt),
        "nul_in_a_record": _bytes(nul),
        "xml_entity_bomb": _bytes(_billion_laughs("nessus")),
        "unbalanced_quote_1mb": _bytes(b'"IP","QID","CVE ID"\r\n"10.0.0.1","1","' + b"x" * MIB),
    }


def write_huge_xml_attribute(fmt: str, path: Path, size: int = 50 * MIB) -> None:
    """The format's root with one ``size``-byte attribute on an element the parser ignores."""
    name = "Policy" if fmt == "nessus" else "verbose"
    with path.open("wb") as out:
        out.write(f'<?xml version="1.0"?>\n<{XML_ROOTS[fmt]}><{name} junk="'.encode())
        chunk = b"A" * MIB
        for _ in range(size // MIB):
            out.write(chunk)
        out.write(f'"/></{XML_ROOTS[fmt]}>\n'.encode())


def write_huge_csv_cell(path: Path, size: int = 70 * MIB) -> None:
    """A Qualys-looking header and a first row with a ``size``-character quoted cell (over the cap)."""
    with path.open("wb") as out:
        out.write(b'"IP","DNS","QID","Title","CVE ID","Results"\r\n"10.0.0.1","h","1","t","CVE-2020-0001","')
        chunk = b"R" * MIB
        for _ in range(size // MIB):
            out.write(chunk)
        out.write(b'"\r\n')


def write_big_json_object(path: Path, size: int = 110 * MIB) -> None:
    """One line, one JSON object of ``size`` bytes: ``{"data": [{"k": 0, "v": "..."}, ...]}``."""
    _write_big_json(path, size, prefix=b'{"generator": "not-a-report", "data": [', suffix=b"]}\n")


def write_big_json_array(path: Path, size: int = 110 * MIB) -> None:
    """One line, one JSON array of ``size`` bytes of small objects that are not report records."""
    _write_big_json(path, size, prefix=b"[", suffix=b"]\n")


def _write_big_json(path: Path, size: int, *, prefix: bytes, suffix: bytes) -> None:
    item = json.dumps({"k": 0, "v": "z" * 200}).encode()
    block = b",".join([item] * 4096)
    written = 0
    with path.open("wb") as out:
        out.write(prefix)
        out.write(block)
        written += len(block)
        while written < size:
            out.write(b",")
            out.write(block)
            written += len(block) + 1
        out.write(suffix)
