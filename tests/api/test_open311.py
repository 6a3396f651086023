"""Open311 GeoReport v2: the spec's documents in JSON and XML, posting into the same intake as the
QR page, and the spec's error codes and shapes for bad input, with nothing half-created."""

import json
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.api.services import api_client_issue
from apps.places.models import Place
from apps.reports.models import Report
from tests.factories import jpeg_bytes

from .conftest import reported, unit_of

BASE = "/open311/v2"


@pytest.fixture
def api_key(world):
    _client, key = api_client_issue(name="城市服务App", place=world.street_a)
    return key


@pytest.fixture
def unit_a1(world):
    return unit_of(world.community_a1)


def post(client, fmt="json", **data):
    return client.post(f"{BASE}/requests.{fmt}", data)


def test_discovery_names_the_endpoint_and_its_formats(client):
    document = client.get(f"{BASE}/discovery.json").json()
    endpoint = document["endpoints"][0]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]


def test_services_are_the_minor_categories_as_a_bare_array(client, categories):
    services = client.get(f"{BASE}/services.json").json()
    assert [s["service_code"] for s in services] == ["env.garbage", "env.noise", "fac.lamp"]
    assert services[0] == {
        "service_code": "env.garbage",
        "service_name": "垃圾满溢",
        "description": "请拍下垃圾桶的位置。",
        "metadata": True,
        "type": "realtime",
        "keywords": "垃圾,垃圾桶",
        "group": "环境卫生",
    }


def test_services_in_xml_carry_the_declaration_and_elements(client, categories):
    response = client.get(f"{BASE}/services.xml")
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    root = ElementTree.fromstring(response.content)
    assert root.tag == "services" and root.find("service/metadata").text == "true"
    assert [e.text for e in root.iter("service_code")] == ["env.garbage", "env.noise", "fac.lamp"]


def test_a_service_definition_lists_its_attributes(client, categories):
    definition = client.get(f"{BASE}/services/env.garbage.json").json()
    urgent = definition["attributes"][0]
    assert definition["service_code"] == "env.garbage"
    assert (urgent["code"], urgent["datatype"], urgent["variable"]) == ("urgent", "singlevaluelist", True)
    assert [v["key"] for v in urgent["values"]] == ["yes", "no"]


def test_a_service_definition_in_xml_nests_values(client, categories):
    root = ElementTree.fromstring(client.get(f"{BASE}/services/env.garbage.xml").content)
    assert root.tag == "service_definition"
    assert [e.text for e in root.findall("attributes/attribute/values/value/key")] == ["yes", "no"]


def test_an_unknown_service_is_404_in_the_spec_shape(client, categories):
    response = client.get(f"{BASE}/services/nope.json")
    assert response.status_code == 404
    assert response.json() == [{"code": 404, "description": response.json()[0]["description"]}]


def test_an_unknown_jurisdiction_is_404(client, categories):
    response = client.get(f"{BASE}/services.xml", {"jurisdiction_id": "elsewhere.example"})
    root = ElementTree.fromstring(response.content)
    assert response.status_code == 404 and root.tag == "errors" and root.find("error/code").text == "404"


def test_the_sites_jurisdiction_and_a_street_code_are_accepted(client, world, categories):
    world.street_a.code = "110112-zc"
    world.street_a.save()
    assert client.get(f"{BASE}/services.json", {"jurisdiction_id": "gongzhi"}).status_code == 200
    assert client.get(f"{BASE}/services.json", {"jurisdiction_id": "110112-zc"}).status_code == 200


def test_an_unsupported_format_is_400(client, categories):
    response = client.get(f"{BASE}/services.csv")
    assert response.status_code == 400 and response.json()[0]["code"] == 400


def test_a_posted_request_enters_the_same_intake(client, world, categories, api_key, unit_a1):
    response = post(
        client,
        api_key=api_key,
        service_code="env.garbage",
        address_id=str(unit_a1.pk),
        description="垃圾桶满了",
    )
    assert response.status_code == 201
    answer = response.json()[0]
    report = Report.objects.get(tracking_number=answer["service_request_id"])
    assert (report.source, report.place, report.status, report.management_unit) == (
        "api",
        unit_a1,
        "dispatched",
        world.unit_a1,
    )
    assert answer["service_notice"]


def test_a_posted_request_in_xml_answers_in_xml(client, categories, api_key, unit_a1):
    response = post(
        client, "xml", api_key=api_key, service_code="env.noise", address_id=str(unit_a1.pk), description="吵"
    )
    root = ElementTree.fromstring(response.content)
    assert (
        root.tag == "service_requests"
        and root.find("request/service_request_id").text == Report.objects.get().tracking_number
    )


def test_coordinates_find_the_nearest_compound(client, world, categories, api_key):
    response = post(
        client, api_key=api_key, service_code="env.noise", lat="39.9", long="116.6", description="吵"
    )
    assert response.status_code == 201
    assert Report.objects.get().place.kind == "compound"


def test_an_address_string_is_walked_down_the_tree(client, world, categories, api_key, unit_a1):
    response = post(
        client,
        api_key=api_key,
        service_code="env.noise",
        address_string="甲1小区 1号楼 1单元",
        description="吵",
    )
    assert response.status_code == 201 and Report.objects.get().place == unit_a1


def test_photos_can_be_posted_as_multipart_media(
    client, categories, api_key, unit_a1, django_capture_on_commit_callbacks
):
    photo = SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):  # the photo is re-encoded once the report is in
        response = post(
            client,
            api_key=api_key,
            service_code="fac.lamp",
            address_id=str(unit_a1.pk),
            description="灯坏了",
            media=photo,
        )
    assert response.status_code == 201 and Report.objects.get().photos.count() == 1


def test_the_urgent_attribute_pins_the_report(client, categories, api_key, unit_a1):
    post(
        client,
        api_key=api_key,
        service_code="env.noise",
        address_id=str(unit_a1.pk),
        description="吵",
        **{"attribute[urgent]": "yes"},
    )
    assert Report.objects.get().urgent is True


@pytest.mark.parametrize(
    "changes,code",
    [
        ({"api_key": "wrong"}, 403),
        ({"api_key": ""}, 403),
        ({"service_code": ""}, 400),
        ({"service_code": "nope"}, 404),
        ({"address_id": ""}, 400),
        ({"address_id": "999999"}, 400),
        ({"address_id": "", "lat": "north", "long": "116.6"}, 400),
        ({"address_id": "", "lat": "91", "long": "116.6"}, 400),
        ({"address_id": "", "lat": "10", "long": "10"}, 400),
        ({"address_id": "", "address_string": "没有这个小区"}, 400),
        ({"description": "长" * 4001}, 400),
        ({"description": ""}, 400),
        ({"attribute[urgent]": "maybe"}, 400),
        ({"attribute[colour]": "red"}, 400),
        ({"attribute[urgent": "yes"}, 400),
        ({"phone": "12"}, 400),
        ({"jurisdiction_id": "elsewhere"}, 404),
    ],
)
def test_bad_input_gets_the_spec_code_and_creates_nothing(
    client, categories, api_key, unit_a1, changes, code
):
    data = {
        "api_key": api_key,
        "service_code": "env.noise",
        "address_id": str(unit_a1.pk),
        "description": "吵",
        **changes,
    }
    response = post(client, **data)
    assert response.status_code == code
    assert [set(e) for e in response.json()] == [{"code", "description"}] and response.json()[0][
        "code"
    ] == code
    assert not Report.objects.exists()


def test_a_key_cannot_report_outside_its_area(client, world, categories, api_key):
    response = post(
        client,
        api_key=api_key,
        service_code="env.noise",
        address_id=str(unit_of(world.community_b1).pk),
        description="吵",
    )
    assert response.status_code == 403 and not Report.objects.exists()


def test_a_deactivated_key_is_refused(client, categories, api_key, unit_a1):
    from apps.api.models import ApiClient

    ApiClient.objects.update(is_active=False)
    assert (
        post(
            client, api_key=api_key, service_code="env.noise", address_id=str(unit_a1.pk), description="吵"
        ).status_code
        == 403
    )


def test_requests_show_the_public_shape_of_reports(client, world, boards, categories):
    report = reported(boards[world.community_a1.pk], categories["lamp"])
    rows = client.get(f"{BASE}/requests.json").json()
    row = rows[0]
    assert row["service_request_id"] == report.tracking_number and row["status"] == "open"
    assert row["agency_responsible"] == world.unit_a1.company.name
    assert row["address"] == "甲1社区 甲1小区 1号楼" and row["address_id"] == str(
        Place.objects.get(path=report.place.ancestor_path("building")).pk
    )
    assert (row["lat"], row["long"]) == (39.9, 116.6)
    assert row["requested_datetime"].endswith("+08:00") and row["expected_datetime"].endswith("+08:00")
    assert "reporter" not in row and "contact_phone" not in row


def test_requests_filter_by_ids_codes_and_status(client, world, boards, categories):
    lamp = reported(boards[world.community_a1.pk], categories["lamp"])
    noise = reported(boards[world.community_a1.pk], categories["noise"])
    by_ids = client.get(
        f"{BASE}/requests.json", {"service_request_id": f"{lamp.tracking_number},{noise.tracking_number}"}
    ).json()
    by_code = client.get(f"{BASE}/requests.json", {"service_code": "fac.lamp"}).json()
    closed = client.get(f"{BASE}/requests.json", {"status": "closed"}).json()
    assert (
        len(by_ids) == 2
        and [r["service_request_id"] for r in by_code] == [lamp.tracking_number]
        and closed == []
    )


def test_requests_filter_by_dates(client, world, boards, categories):
    reported(boards[world.community_a1.pk], categories["lamp"])
    later = (timezone.now() + timedelta(days=1)).isoformat()
    much_later = (timezone.now() + timedelta(days=30)).isoformat()
    assert client.get(f"{BASE}/requests.json", {"start_date": later, "end_date": much_later}).json() == []


def test_a_date_range_over_90_days_is_400(client, categories):
    response = client.get(
        f"{BASE}/requests.json",
        {"start_date": "2024-01-01T00:00:00+08:00", "end_date": "2024-06-01T00:00:00+08:00"},
    )
    assert response.status_code == 400 and response.json()[0]["code"] == 400


def test_a_bad_date_is_400(client, categories):
    assert client.get(f"{BASE}/requests.json", {"start_date": "yesterday"}).status_code == 400


def test_the_jurisdiction_narrows_the_requests(client, world, boards, categories):
    reported(boards[world.community_a1.pk], categories["lamp"])
    world.street_b.code = "yi"
    world.street_b.save()
    assert client.get(f"{BASE}/requests.json", {"jurisdiction_id": "yi"}).json() == []


def test_one_request_is_an_array_of_one(client, world, boards, categories):
    report = reported(boards[world.community_a1.pk], categories["lamp"])
    rows = client.get(f"{BASE}/requests/{report.tracking_number}.json").json()
    assert [r["service_request_id"] for r in rows] == [report.tracking_number]
    assert client.get(f"{BASE}/requests/000000-XXXXXX.json").status_code == 404


def test_a_token_names_its_request(client, categories, api_key, unit_a1):
    post(client, api_key=api_key, service_code="env.noise", address_id=str(unit_a1.pk), description="吵")
    report = Report.objects.get()
    rows = client.get(f"{BASE}/tokens/{report.submission_key}.json").json()
    assert rows == [{"service_request_id": report.tracking_number, "token": str(report.submission_key)}]
    assert client.get(f"{BASE}/tokens/not-a-token.json").status_code == 404


def test_status_notes_show_the_latest_public_note(client, world, boards, categories):
    from apps.reports.services import report_transition

    report = reported(boards[world.community_a1.pk], categories["lamp"])
    report_transition(report=report, action="accept", actor=world.property_a1)
    report_transition(report=report, action="resolve", actor=world.property_a1, note="已更换灯泡")
    row = client.get(f"{BASE}/requests/{report.tracking_number}.json").json()[0]
    assert (row["status"], row["status_notes"]) == ("closed", "已更换灯泡")


def test_service_request_updates_list_each_step(client, world, boards, categories):
    report = reported(boards[world.community_a1.pk], categories["lamp"])
    root = ElementTree.fromstring(client.get(f"{BASE}/servicerequestupdates.xml").content)
    assert root.tag == "service_request_updates"
    assert {e.text for e in root.iter("service_request_id")} == {report.tracking_number}


def test_listing_requests_costs_the_same_queries_as_they_grow(
    client, world, boards, categories, django_assert_max_num_queries
):
    board = boards[world.community_a1.pk]
    reported(board, categories["lamp"])
    with django_assert_max_num_queries(3):
        client.get(f"{BASE}/requests.json")
    for n in range(15):
        reported(board, categories["noise"], description=f"吵{n}")
    with django_assert_max_num_queries(3):
        assert len(json.loads(client.get(f"{BASE}/requests.json").content)) == 16


def test_requests_can_be_kept_to_key_holders(client, world, boards, categories, api_key, settings):
    settings.OPEN311_PUBLIC_REQUESTS = False
    reported(boards[world.community_a1.pk], categories["lamp"])
    reported(boards[world.community_b1.pk], categories["lamp"])
    assert client.get(f"{BASE}/requests.json").status_code == 403
    rows = client.get(f"{BASE}/requests.json", {"api_key": api_key}).json()
    assert [r["address"].split()[0] for r in rows] == ["甲1社区"]


def test_services_are_named_in_an_english_clients_language_keywords_staying_chinese(
    client, suggestion_catalogue
):
    services = client.get(f"{BASE}/services.json", HTTP_ACCEPT_LANGUAGE="en").json()
    lamp = next(s for s in services if s["service_code"] == "facility.stair-light")

    assert (lamp["service_name"], lamp["group"]) == ("Stairwell light out", "Repairs to shared facilities")
    assert lamp["description"].startswith("Please give the building") and "楼道灯" in lamp["keywords"]


def test_a_service_without_english_is_named_in_chinese_to_an_english_client(client, categories):
    services = client.get(f"{BASE}/services.json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert (services[0]["service_name"], services[0]["group"]) == ("垃圾满溢", "环境卫生")
