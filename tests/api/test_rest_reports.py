"""Reports through the REST API: posted at a board or a place, moved through their lifecycle by the
same service and the same permissions as the admin, rated by their reporter."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone, translation
from rest_framework import serializers

from apps.api.rest.serializers import ReportSerializer
from apps.places.selectors import place_labels
from apps.reports.models import Category, Report
from apps.reports.services import report_transition
from tests.factories import jpeg_bytes, person_with_role

from .conftest import reported, signed_in, unit_of


@pytest.fixture
def board_a1(world, boards):
    return boards[world.community_a1.pk]


def test_anyone_can_report_at_a_board_without_an_account(api, board_a1, categories):
    response = api.post(
        "/api/v1/reports/",
        {"board": board_a1.token, "category": "env.garbage", "description": "垃圾桶满了"},
        format="json",
    )
    assert response.status_code == 201
    report = Report.objects.get(tracking_number=response.json()["tracking_number"])
    assert (report.source, report.place, report.status) == ("api", board_a1.place, "dispatched")


def test_a_report_is_routed_as_at_the_qr_page(api, world, board_a1, categories):
    response = api.post(
        "/api/v1/reports/",
        {"board": board_a1.token, "category": "env.garbage", "description": "满了"},
        format="json",
    )
    report = Report.objects.get(tracking_number=response.json()["tracking_number"])
    assert report.management_unit == world.unit_a1
    assert report.resolve_due - report.created_at == timedelta(days=categories["garbage"].resolve_days)


def test_photos_can_be_posted_with_a_report(api, board_a1, categories, django_capture_on_commit_callbacks):
    photo = SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg")
    with django_capture_on_commit_callbacks(execute=True):  # the photo is re-encoded once the report is in
        response = api.post(
            "/api/v1/reports/",
            {"board": board_a1.token, "category": "fac.lamp", "description": "灯坏了", "photos": [photo]},
            format="multipart",
        )
    assert response.status_code == 201
    assert Report.objects.get().photos.count() == 1


def test_a_resident_reports_at_their_own_unit(world, categories):
    resident = person_with_role("resident", place=world.households(world.community_a1)[0])
    from apps.accounts.models import Residency

    Residency.objects.create(
        user=resident,
        household=world.households(world.community_a1)[0],
        relation="owner",
        proof="证",
        status="verified",
    )
    unit = unit_of(world.community_a1)
    response = signed_in(resident).post(
        "/api/v1/reports/",
        {"place": unit.pk, "category": "env.noise", "description": "楼上很吵"},
        format="json",
    )
    assert response.status_code == 201
    assert Report.objects.get().reporter == resident


def test_a_person_cannot_report_at_a_place_they_have_no_channel_to(world, categories):
    unit = unit_of(world.community_a1)
    response = signed_in(world.outsider).post(
        "/api/v1/reports/", {"place": unit.pk, "category": "env.noise", "description": "吵"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid" and "place" in response.json()["fields"]
    assert not Report.objects.exists()


def test_a_revoked_board_takes_no_report(api, board_a1, categories):
    from apps.reports.boards import board_replace

    board_replace(board=board_a1)
    response = api.post(
        "/api/v1/reports/",
        {"board": board_a1.token, "category": "env.noise", "description": "吵"},
        format="json",
    )
    assert response.status_code == 400 and "board" in response.json()["fields"]


def test_errors_share_one_shape(api, board_a1, categories):
    body = api.post(
        "/api/v1/reports/", {"board": board_a1.token, "category": "nope", "description": ""}, format="json"
    ).json()
    assert set(body) == {"code", "message", "fields"}
    assert body["code"] == "invalid" and "description" in body["fields"]


def test_the_same_submission_key_makes_one_report(api, board_a1, categories):
    data = {
        "board": board_a1.token,
        "category": "env.noise",
        "description": "吵",
        "submission_key": "7d3f1f8e-5f7a-4a43-9a55-1b2b3c4d5e6f",
    }
    first = api.post("/api/v1/reports/", data, format="json").json()
    second = api.post("/api/v1/reports/", data, format="json").json()
    assert first["tracking_number"] == second["tracking_number"] and Report.objects.count() == 1


@override_settings(API_ANONYMOUS_CREATE_RATE="2/hour")
def test_anonymous_creation_is_rate_limited(api, board_a1, categories):
    data = {"board": board_a1.token, "category": "env.noise", "description": "吵"}
    codes = [api.post("/api/v1/reports/", data, format="json").status_code for _ in range(3)]
    assert codes == [201, 201, 429]
    assert Report.objects.count() == 2


@override_settings(API_ANONYMOUS_CREATE_RATE="1/hour")
def test_signed_in_creation_is_not_held_by_the_anonymous_limit(world, board_a1, categories):
    client = signed_in(world.staff_a1)
    data = {"board": board_a1.token, "category": "env.noise", "description": "吵"}
    assert [client.post("/api/v1/reports/", data, format="json").status_code for _ in range(2)] == [201, 201]


def test_the_handler_accepts_a_dispatched_report(world, board_a1, categories):
    report = reported(board_a1, categories["lamp"])
    response = signed_in(world.property_a1).post(
        f"/api/v1/reports/{report.tracking_number}/transitions/", {"action": "accept"}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "accepted"


def test_staff_who_do_not_handle_the_report_cannot_accept_it(world, board_a1, categories):
    report = reported(board_a1, categories["lamp"])
    response = signed_in(world.staff_a1).post(
        f"/api/v1/reports/{report.tracking_number}/transitions/", {"action": "accept"}, format="json"
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == "dispatched"


def test_a_step_not_allowed_from_the_current_status_is_a_conflict(world, board_a1, categories):
    report = reported(board_a1, categories["lamp"])
    response = signed_in(world.property_a1).post(
        f"/api/v1/reports/{report.tracking_number}/transitions/", {"action": "review"}, format="json"
    )
    assert response.status_code == 409 and response.json()["code"] == "conflict"


def test_the_handler_is_offered_the_steps_they_may_take(world, board_a1, categories):
    report = reported(board_a1, categories["lamp"])
    actions = [
        o["action"]
        for o in signed_in(world.property_a1)
        .get(f"/api/v1/reports/{report.tracking_number}/transitions/")
        .json()
    ]
    assert actions == ["accept", "return"]


def test_resolving_needs_a_note(world, board_a1, categories):
    report = reported(board_a1, categories["lamp"])
    handler = signed_in(world.property_a1)
    handler.post(
        f"/api/v1/reports/{report.tracking_number}/transitions/", {"action": "accept"}, format="json"
    )
    response = handler.post(
        f"/api/v1/reports/{report.tracking_number}/transitions/", {"action": "resolve"}, format="json"
    )
    assert response.status_code == 400 and "note" in response.json()["fields"]


def resolved(world, board, category, reporter):
    report = reported(board, category, reporter=reporter)
    handler = signed_in(world.property_a1)
    url = f"/api/v1/reports/{report.tracking_number}/transitions/"
    handler.post(url, {"action": "accept"}, format="json")
    handler.post(url, {"action": "resolve", "note": "已更换灯泡"}, format="json")
    return report


def test_the_reporter_rates_a_resolved_report(world, board_a1, categories):
    reporter = person_with_role("resident", place=world.households(world.community_a1)[0])
    report = resolved(world, board_a1, categories["lamp"], reporter)
    response = signed_in(reporter).post(
        f"/api/v1/reports/{report.tracking_number}/rating/",
        {"satisfaction": "satisfied", "solved": True},
        format="json",
    )
    assert response.status_code == 200 and response.json()["status"] == "rated"


def test_staff_cannot_rate_in_the_reporters_place(world, board_a1, categories):
    reporter = person_with_role("resident", place=world.households(world.community_a1)[0])
    report = resolved(world, board_a1, categories["lamp"], reporter)
    response = signed_in(world.staff_a1).post(
        f"/api/v1/reports/{report.tracking_number}/rating/",
        {"satisfaction": "satisfied", "solved": True},
        format="json",
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == "resolved"


def test_the_timeline_shows_steps_by_role_without_names(world, board_a1, categories):
    reporter = person_with_role("resident", place=world.households(world.community_a1)[0])
    report = resolved(world, board_a1, categories["lamp"], reporter)
    steps = signed_in(reporter).get(f"/api/v1/reports/{report.tracking_number}/timeline/").json()
    assert [s["action"] for s in steps] == ["submitted", "dispatch", "accept", "resolve"]
    assert steps[-1]["actor_kind"] == "property" and "甲一物业" not in str(steps)


def test_reports_filter_by_status_and_category(world, board_a1, categories):
    lamp = reported(board_a1, categories["lamp"])
    reported(board_a1, categories["noise"])
    client = signed_in(world.staff_a1)
    found = client.get("/api/v1/reports/", {"category": "fac.lamp", "status": "dispatched"}).json()["results"]
    assert [r["tracking_number"] for r in found] == [lamp.tracking_number]


def test_reports_come_in_pages(world, board_a1, categories):
    for n in range(3):
        reported(board_a1, categories["noise"], description=f"吵{n}")
    client = signed_in(world.staff_a1)
    first = client.get("/api/v1/reports/", {"page_size": 2}).json()
    second = client.get(first["next"]).json()
    assert len(first["results"]) == 2 and len(second["results"]) == 1 and second["next"] is None


def test_listing_reports_costs_the_same_queries_as_they_grow(
    world, board_a1, categories, django_assert_max_num_queries
):
    client = signed_in(world.staff_a1)
    reported(board_a1, categories["noise"])
    with django_assert_max_num_queries(6):
        client.get("/api/v1/reports/")
    for n in range(20):
        reported(board_a1, categories["noise"], description=f"吵{n}")
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/v1/reports/").json()["results"]) == 21


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "UTC"])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_report_reads_as_drf_reads_its_fields(world, board_a1, categories, language, zone):
    rated = reported(board_a1, categories["lamp"])
    for action, extra in (("accept", {}), ("resolve", {"note": "修好了"})):
        report_transition(report=rated, action=action, system=True, **extra)
    report_transition(report=rated, action="rate", system=True, satisfaction="basic", solved=False)
    Report.objects.filter(pk=rated.pk).update(urgent=True)
    reported(board_a1, categories["noise"])
    with translation.override(language), timezone.override(zone):
        for report in Report.objects.select_related("category", "place"):
            serializer = ReportSerializer(report, context={"labels": place_labels([report.place])})
            generic = serializers.Serializer.to_representation(serializer, report)
            assert list(serializer.data.items()) == list(generic.items())


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_list_reads_each_report_as_its_own_page_does(world, board_a1, categories, language):
    rated = reported(board_a1, categories["lamp"])
    for action, extra in (("accept", {}), ("resolve", {"note": "修好了"})):
        report_transition(report=rated, action=action, system=True, **extra)
    report_transition(report=rated, action="rate", system=True, satisfaction="basic", solved=False)
    reported(board_a1, categories["noise"])
    Category.objects.filter(pk=categories["lamp"].pk).update(name_en="Street lamp")  # noise: none
    client = signed_in(world.staff_a1)
    listed = client.get("/api/v1/reports/", HTTP_ACCEPT_LANGUAGE=language).json()["results"]
    each = [
        client.get(f"/api/v1/reports/{r['tracking_number']}/", HTTP_ACCEPT_LANGUAGE=language).json()
        for r in listed
    ]
    lamp = "Street lamp" if language == "en" else categories["lamp"].name_zh_hans
    assert [r["category_name"] for r in listed] == [categories["noise"].name_zh_hans, lamp]
    assert listed == each


def test_categories_are_public(api, categories):
    codes = [c["code"] for c in api.get("/api/v1/categories/").json()]
    assert codes == ["env.garbage", "env.noise", "fac.lamp"]
