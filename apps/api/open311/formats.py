"""Open311 answers in XML and JSON: bare JSON arrays, an XML declaration, W3C datetimes with zone,
and the spec's error shapes (`[{"code", "description"}]` / `<errors><error>…`)."""

import json
from datetime import datetime
from xml.etree import ElementTree

from django.http import HttpResponse
from django.utils import timezone

FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}


class Many(list):
    """A list whose items are written as <tag> elements in XML (a bare array in JSON)."""

    def __init__(self, tag: str, items=()):
        super().__init__(items)
        self.tag = tag


class Open311Error(Exception):
    def __init__(self, code: int, description: str):
        super().__init__(description)
        self.code, self.description = code, description


def w3c(moment: datetime | None) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


def respond(fmt: str, root: str, item: str, rows: list[dict], *, status: int = 200) -> HttpResponse:
    if fmt == "xml":
        body = xml_document(root, Many(item, rows))
    else:
        body = json.dumps(_plain(rows), ensure_ascii=False).encode()
    return HttpResponse(body, content_type=FORMATS.get(fmt, FORMATS["json"]), status=status)


def respond_one(fmt: str, root: str, fields: dict, *, status: int = 200) -> HttpResponse:
    """A single document (discovery, a service definition): an object in JSON."""
    if fmt == "xml":
        body = xml_document(root, fields)
    else:
        body = json.dumps(_plain(fields), ensure_ascii=False).encode()
    return HttpResponse(body, content_type=FORMATS["json"] if fmt != "xml" else FORMATS["xml"], status=status)


def respond_error(fmt: str, error: Open311Error) -> HttpResponse:
    rows = [{"code": error.code, "description": error.description}]
    return respond(fmt if fmt in FORMATS else "json", "errors", "error", rows, status=error.code)


def xml_document(root: str, content) -> bytes:
    element = ElementTree.Element(root)
    _fill(element, content)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(element, encoding="utf-8")


def _fill(element, value) -> None:
    if isinstance(value, Many):
        for item in value:
            _fill(ElementTree.SubElement(element, value.tag), item)
    elif isinstance(value, dict):
        for key, child in value.items():
            _fill(ElementTree.SubElement(element, key), child)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(child) for key, child in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
