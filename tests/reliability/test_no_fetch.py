"""External DTDs and entities are never fetched: not over HTTP (a listener on 127.0.0.1 counts the
connections) and not from files (a FIFO would block the parser forever if it were opened)."""

from __future__ import annotations

import io
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from futurevuls_ext import ParseError
from futurevuls_ext.parsers import iter_findings

from ._hostile import XML_FORMATS
from ._measure import parse_in_child
from ._samples import XML_ROOTS, XML_TEMPLATES, XML_TEXT_SLOT


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A TCP listener on 127.0.0.1 that nobody should ever connect to."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        sock.setblocking(False)
        yield sock


def connections(sock: socket.socket) -> int:
    count = 0
    while True:
        try:
            conn, _ = sock.accept()
        except BlockingIOError:
            return count
        conn.close()
        count += 1


def document(fmt: str, doctype: str, text: str = "x") -> bytes:
    body = XML_TEMPLATES[fmt].replace(XML_TEXT_SLOT, text).replace("<!DOCTYPE nmaprun>\n", "")
    head, _, rest = body.partition("\n")
    return f"{head}\n{doctype}\n{rest}".encode()


def variants(fmt: str, url: str) -> dict[str, bytes]:
    root = XML_ROOTS[fmt]
    return {
        "system_dtd": document(fmt, f'<!DOCTYPE {root} SYSTEM "{url}">'),
        "public_dtd": document(fmt, f'<!DOCTYPE {root} PUBLIC "-//X//DTD x//EN" "{url}">'),
        "external_entity": document(fmt, f'<!DOCTYPE {root} [<!ENTITY e SYSTEM "{url}">]>', "&e;"),
        "parameter_entity": document(fmt, f'<!DOCTYPE {root} [<!ENTITY % p SYSTEM "{url}"> %p;]>'),
    }


@pytest.mark.parametrize("fmt", XML_FORMATS)
def test_nothing_is_fetched_over_http(fmt: str, listener: socket.socket) -> None:
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/evil.dtd"
    for name, data in variants(fmt, url).items():
        with pytest.raises(ParseError):
            list(iter_findings(io.BytesIO(data), format=fmt))
        assert connections(listener) == 0, f"{name}: the parser connected to {url}"


@pytest.mark.parametrize("fmt", XML_FORMATS)
def test_nothing_is_read_from_local_files(fmt: str, tmp_path: Path) -> None:
    """Parsed in a child: if the parser opened the FIFO it would hang until the hang guard fires."""
    fifo = tmp_path / "evil.dtd"
    os.mkfifo(fifo)
    for name, data in variants(fmt, fifo.as_uri()).items():
        path = tmp_path / f"{name}.xml"
        path.write_bytes(data)
        result = parse_in_child(path, fmt)
        assert result["outcome"] == "ParseError", (name, result)
