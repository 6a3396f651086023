"""Real clients against a live server: the published `georeport` library for every GET in JSON and
XML, and the request shapes of a widely deployed client (FixMyStreet's Open311 module): form-encoded
and multipart posts with attribute[...] fields, jurisdiction_id on every call, api_key on posts."""

import pytest
import requests

from apps.api.services import api_client_issue
from apps.reports.models import Report
from tests.factories import jpeg_bytes

from .conftest import unit_of

georeport = pytest.importorskip("georeport")

JURISDICTION = "gongzhi"


@pytest.fixture
def endpoint(live_server, world, categories):
    return f"{live_server.url}/open311/v2"


@pytest.fixture
def api_key(world):
    return api_client_issue(name="FixMyStreet", place=world.street_a)[1]


def fms_post(endpoint, api_key, world, *, files=None, **fields):
    """The fields FixMyStreet sends with a new problem."""
    data = {
        "api_key": api_key,
        "jurisdiction_id": JURISDICTION,
        "service_code": "env.garbage",
        "lat": "39.9",
        "long": "116.6",
        "address_string": "",
        "email": "resident@example.cn",
        "first_name": "小",
        "last_name": "王",
        "description": "垃圾桶满了，没人清运",
        "media_url": "",
        "attribute[urgent]": "no",
        **fields,
    }
    return requests.post(f"{endpoint}/requests.xml", data=data, files=files, timeout=10)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_georeport_reads_every_document(endpoint, api_key, world, fmt):
    assert fms_post(endpoint, api_key, world).status_code == 201
    number = Report.objects.get().tracking_number
    client = georeport.GeoReport(endpoint, jurisdiction=JURISDICTION, output_format=fmt)

    services = client.get_service_list()
    definition = client.get_service_definition("env.garbage")
    found = client.get_service_requests(service_code="env.garbage", status="open")
    one = client.get_service_request(number)

    assert [s["service_code"] for s in services] == ["env.garbage", "env.noise", "fac.lamp"]
    assert definition["service_code"] == "env.garbage"
    rows = found if isinstance(found, list) else [found]  # xmltodict gives a lone element unwrapped
    assert [r["service_request_id"] for r in rows] == [number]
    assert one["service_request_id"] == number and one["status"] == "open"


def test_georeport_reads_requests_by_ids(endpoint, api_key, world):
    fms_post(endpoint, api_key, world)
    fms_post(endpoint, api_key, world, description="又满了")
    numbers = sorted(Report.objects.values_list("tracking_number", flat=True))
    client = georeport.GeoReport(endpoint, jurisdiction=JURISDICTION)
    found = client.get_service_requests(service_request_id=",".join(numbers))
    assert sorted(r["service_request_id"] for r in found) == numbers


def test_a_form_encoded_post_with_attributes_is_accepted(endpoint, api_key, world):
    response = fms_post(endpoint, api_key, world, **{"attribute[urgent]": "yes"})
    assert response.status_code == 201 and response.text.startswith('<?xml version="1.0"')
    report = Report.objects.get()
    assert (report.source, report.urgent, report.place.kind) == ("api", True, "compound")


def test_a_multipart_post_with_a_photo_is_accepted(endpoint, api_key, world):
    files = {"media": ("photo.jpg", jpeg_bytes(), "image/jpeg")}
    response = fms_post(endpoint, api_key, world, files=files)
    assert response.status_code == 201
    assert Report.objects.get().photos.count() == 1


def test_a_post_with_a_wrong_key_is_refused_in_the_spec_shape(endpoint, api_key, world):
    response = fms_post(endpoint, "not-the-key", world)
    assert response.status_code == 403
    assert "<errors><error><code>403</code>" in response.text
    assert not Report.objects.exists()


def test_a_post_at_an_address_id_is_accepted(endpoint, api_key, world):
    unit = unit_of(world.community_a1)
    response = fms_post(endpoint, api_key, world, lat="", long="", address_id=str(unit.pk))
    assert response.status_code == 201 and Report.objects.get().place == unit
