"""Issue 15 item 13: a declared encoding expat cannot use is a clear ParseError, not an internal failure.

expat decodes UTF-8, UTF-16, ISO-8859-1 and ASCII itself and single-byte codecs through Python; a
multi-byte (Shift_JIS, EUC-JP, UTF-7...) or unknown encoding used to surface as "internal parser
failure: ValueError/LookupError". The same documents in a readable encoding still parse.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from futurevuls_ext.parsers import ParseError, detect_format, parse_report

from ._samples import EXPECTED, SAMPLES, XML_ROOTS

XML_FORMATS = sorted(XML_ROOTS)


def _declaring(fmt: str, encoding: str) -> bytes:
    text = SAMPLES[fmt].decode()
    body = text.split("?>", 1)[1] if text.startswith("<?xml") else text
    return f'<?xml version="1.0" encoding="{encoding}"?>{body}'.encode("ascii")


@pytest.mark.parametrize("forced", [True, False], ids=["forced", "detected"])
@pytest.mark.parametrize("encoding", ["Shift_JIS", "EUC-JP", "UTF-7", "GB18030", "x-no-such-codec"])
@pytest.mark.parametrize("fmt", XML_FORMATS)
def test_unusable_declared_encoding_says_so(fmt: str, encoding: str, forced: bool) -> None:
    data = _declaring(fmt, encoding)
    with pytest.raises(ParseError) as info:
        parse_report(io.BytesIO(data), format=fmt if forced else None)
    message = str(info.value)
    assert "internal parser failure" not in message
    assert encoding in message and "UTF-8" in message, message


@pytest.mark.parametrize("encoding", ["ISO-8859-1", "windows-1252", "US-ASCII", "UTF-8"])
@pytest.mark.parametrize("fmt", XML_FORMATS)
def test_readable_declared_encodings_still_parse(fmt: str, encoding: str) -> None:
    report = parse_report(io.BytesIO(_declaring(fmt, encoding)), format=fmt)
    assert {h.address for h in report.hosts} == set(EXPECTED[fmt])


_DATA = Path(__file__).resolve().parent.parent / "parsers" / "data"
NEW_XML = {
    "openvas": _DATA / "openvas" / "gsa_report.xml",
    "qualys-xml": _DATA / "qualys_xml" / "scan.xml",
    "burp": _DATA / "burp" / "issues.xml",
    "zap": _DATA / "zap" / "report.xml",
}


@pytest.mark.parametrize("encoding", ["Shift_JIS", "UTF-7", "x-no-such-codec"])
@pytest.mark.parametrize("fmt", sorted(NEW_XML))
def test_every_xml_format_is_still_detected_and_names_the_encoding(fmt: str, encoding: str) -> None:
    text = NEW_XML[fmt].read_text(encoding="utf-8")
    body = text.split("?>", 1)[1] if text.startswith("<?xml") else text
    data = f'<?xml version="1.0" encoding="{encoding}"?>{body}'.encode()
    assert detect_format(io.BytesIO(data)) == fmt
    with pytest.raises(ParseError) as info:
        parse_report(io.BytesIO(data))
    assert encoding in str(info.value) and "UTF-8" in str(info.value), str(info.value)
