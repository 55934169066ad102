"""CPE names: the URI (``cpe:/a:v:p:1.0``) and formatted-string (``cpe:2.3:a:v:p:1.0:*:...``) forms."""

from __future__ import annotations

from ._errors import bad_request

__all__ = ["cpe_forms"]

_FS_FIELDS = 11  # part, vendor, product, version, update, edition, language, sw_edition, target_sw, ...


def cpe_forms(name: str, *, is_uri: bool) -> tuple[str, str, str]:
    """Return ``(uri, formatted_string, version)`` for a CPE name given in either form.

    Raises:
        HttpError: 400 when the name does not have the form ``isURI`` announces.
    """
    if is_uri:
        if not name.startswith("cpe:/") or name.count(":") < 3:
            raise bad_request(
                f"cpeName {name!r} is not a CPE URI (cpe:/part:vendor:product...); "
                "send isURI=false for cpe:2.3: formatted strings",
                name="invalid_format",
            )
        parts = name[len("cpe:/") :].split(":")
        parts += ["*"] * (_FS_FIELDS - len(parts))
        fs = "cpe:2.3:" + ":".join(p or "*" for p in parts[:_FS_FIELDS])
        return name, fs, parts[3] if len(parts) > 3 and parts[3] != "*" else ""
    if not name.startswith("cpe:2.3:") or len(name.split(":")) != 2 + _FS_FIELDS:
        raise bad_request(
            f"cpeName {name!r} is not a CPE 2.3 formatted string (cpe:2.3: and 11 fields); "
            "send isURI=true (the default) for cpe:/ URIs",
            name="invalid_format",
        )
    parts = name.split(":")[2:]
    significant = list(parts)
    while significant and significant[-1] == "*":
        significant.pop()
    uri = "cpe:/" + ":".join("" if p == "*" else p for p in significant)
    version = parts[3] if parts[3] not in ("*", "-") else ""
    return uri, name, version
