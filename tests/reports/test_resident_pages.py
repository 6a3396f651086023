"""The page a scan opens, and the private page that follows a report."""

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.reports.boards import board_replace, scans_of
from apps.reports.lifecycle import Status
from apps.reports.models import Report
from apps.reports.services import report_transition
from tests.factories import UserFactory


def jpeg(name="photo.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), "orange").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def submit(client, board, category, **fields):
    data = {
        "submission_key": str(uuid.uuid4()),
        "category": category.pk,
        "description": "3楼楼道灯不亮，晚上很黑",
        "contact_phone": "",
        **fields,
    }
    return client.post(reverse("reports:scan", args=[board.token]), data)


def test_the_scan_page_is_bound_to_the_place_and_lists_categories_with_guidance(client, board, categories):
    page = client.get(reverse("reports:scan", args=[board.token])).content.decode()
    assert board.place.name in page
    assert "垃圾满溢" in page and "请拍下垃圾桶的位置。" in page


def test_every_scan_is_counted(client, board, categories):
    for _ in range(3):
        client.get(reverse("reports:scan", args=[board.token]))
    board.refresh_from_db()
    assert scans_of(board) == 3


def test_scans_are_written_to_the_database_in_batches(client, board, categories, settings):
    settings.REPORT_SCAN_FLUSH_EVERY = 2
    for _ in range(5):
        client.get(reverse("reports:scan", args=[board.token]))
    board.refresh_from_db()
    assert (board.scan_count, scans_of(board)) == (4, 5)
    assert board.last_scanned_at is not None


def test_a_board_replaced_after_a_scan_is_no_longer_served_from_the_cache(client, board, categories):
    assert client.get(reverse("reports:scan", args=[board.token])).status_code == 200
    board_replace(board=board)
    assert client.get(reverse("reports:scan", args=[board.token])).status_code == 410


def test_a_resident_reports_without_an_account_and_gets_a_tracking_number(
    client, board, categories, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the photos are re-encoded once the report is in
        response = submit(
            client, board, categories["lamp"], contact_phone="138 0013 8000", photos=[jpeg(), jpeg()]
        )
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:follow", args=[report.follow_token])
    assert (report.place, report.board, report.source) == (board.place, board, "qr")
    assert report.contact_phone == "+8613800138000"
    assert report.photos.count() == 2
    page = client.get(response["Location"]).content.decode()
    assert report.tracking_number in page


def test_a_double_submission_makes_one_report(client, board, categories):
    key = str(uuid.uuid4())
    first = submit(client, board, categories["lamp"], submission_key=key)
    second = submit(client, board, categories["lamp"], submission_key=key)
    assert Report.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_a_refused_photo_keeps_the_text_typed(client, board, categories):
    bad = SimpleUploadedFile("photo.jpg", b"this is not an image", content_type="image/jpeg")
    response = submit(client, board, categories["lamp"], description="楼道灯坏了三天", photos=[bad])
    page = response.content.decode()
    assert response.status_code == 200
    assert "楼道灯坏了三天" in page
    assert not Report.objects.exists()


def test_a_category_not_offered_at_the_place_is_refused(client, board, categories):
    major = categories["lamp"].parent
    response = submit(client, board, major)
    assert response.status_code == 200
    assert not Report.objects.exists()


def test_a_malformed_phone_number_is_refused_and_nothing_is_lost(client, board, categories):
    response = submit(client, board, categories["lamp"], contact_phone="12345", description="灯不亮了")
    assert response.status_code == 200
    assert "灯不亮了" in response.content.decode()
    assert not Report.objects.exists()


def test_an_unknown_token_is_not_found(client, categories):
    assert client.get(reverse("reports:scan", args=["nope"])).status_code == 404


def test_a_replaced_board_says_so_and_how_to_reach_the_community(client, board, world):
    board_replace(board=board)
    response = client.get(reverse("reports:scan", args=[board.token]))
    page = response.content.decode()
    assert response.status_code == 410
    assert world.community_a1.name in page and world.community_a1.phone in page


def test_the_follow_page_shows_the_timeline_without_staff_names(client, board, categories, world):
    submit(client, board, categories["lamp"])
    report = Report.objects.get()
    report_transition(report=report, action="accept", actor=world.property_a1)
    report_transition(report=report, action="resolve", actor=world.property_a1, note="已更换灯泡")
    page = client.get(reverse("reports:follow", args=[report.follow_token])).content.decode()
    assert "已更换灯泡" in page
    assert world.property_a1.display_name not in page
    assert str(world.property_a1.phone)[-8:] not in page


def test_the_resident_rates_from_the_follow_page(client, board, categories, world):
    submit(client, board, categories["lamp"])
    report = Report.objects.get()
    report_transition(report=report, action="accept", actor=world.property_a1)
    report_transition(report=report, action="resolve", actor=world.property_a1, note="已更换灯泡")
    url = reverse("reports:follow", args=[report.follow_token])
    client.post(url, {"satisfaction": "satisfied", "solved": "yes"})
    report.refresh_from_db()
    assert (report.status, report.satisfaction, report.solved) == (Status.RATED, "satisfied", True)


@pytest.mark.parametrize("reports_at_place", [0, 25])
def test_the_scan_page_query_count_stays_flat(
    client, board, categories, django_assert_max_num_queries, reports_at_place
):
    for n in range(reports_at_place):
        submit(client, board, categories["lamp"], description=f"第{n}条")
    from django.core.cache import cache

    cache.clear()
    client.get(reverse("reports:scan", args=[board.token]))  # fills the caches
    with django_assert_max_num_queries(1):
        client.get(reverse("reports:scan", args=[board.token]))


@pytest.mark.parametrize("events", [0, 20])
def test_the_follow_page_query_count_stays_flat(
    client, board, categories, world, django_assert_max_num_queries, events
):
    submit(client, board, categories["lamp"])
    report = Report.objects.get()
    for _ in range(events // 2):
        report_transition(report=report, action="return", actor=world.property_a1, note="退回")
        # returned twice, a report is dispatched by the street's dispatch desk
        report_transition(report=report, action="dispatch", actor=world.official_a)
    with django_assert_max_num_queries(6):
        client.get(reverse("reports:follow", args=[report.follow_token]))


def test_a_second_visit_of_the_follow_page_reads_the_report_alone(
    client, board, categories, world, django_assert_max_num_queries
):
    submit(client, board, categories["lamp"])
    report = Report.objects.get()
    report_transition(report=report, action="accept", actor=world.property_a1, note="马上到")
    url = reverse("reports:follow", args=[report.follow_token])
    client.get(url)
    with django_assert_max_num_queries(1):
        page = client.get(url).content.decode()
    assert "马上到" in page


def test_the_follow_page_shows_a_new_step_at_once(client, board, categories, world):
    submit(client, board, categories["lamp"])
    report = Report.objects.get()
    url = reverse("reports:follow", args=[report.follow_token])
    assert "已更换灯泡" not in client.get(url).content.decode()
    report_transition(report=report, action="accept", actor=world.property_a1)
    report_transition(report=report, action="resolve", actor=world.property_a1, note="已更换灯泡")
    page = client.get(url).content.decode()
    assert "已更换灯泡" in page and "已办结" in page


def test_flooding_from_one_address_is_refused_with_a_message_and_keeps_the_text(
    client, board, categories, settings
):
    settings.REPORT_RATE_PER_ADDRESS = "2/h"
    from django.core.cache import cache

    cache.clear()
    for _ in range(2):
        assert submit(client, board, categories["lamp"]).status_code == 302
    response = submit(client, board, categories["lamp"], description="第三条")
    assert response.status_code == 429
    assert "第三条" in response.content.decode()
    assert Report.objects.count() == 2


def test_flooding_one_board_from_many_addresses_is_refused(client, board, categories, settings):
    settings.REPORT_RATE_PER_BOARD = "2/h"
    from django.core.cache import cache

    cache.clear()
    for n in range(3):
        response = submit(client, board, categories["lamp"], REMOTE_ADDR=f"10.0.0.{n}")
    assert response.status_code == 429
    assert Report.objects.count() == 2


def test_handlers_outside_the_community_see_the_residents_number_masked(client, board, categories, world):
    submit(client, board, categories["lamp"], contact_phone="138 0013 8000")
    report = Report.objects.get()
    url = reverse("admin:reports_report_change", args=[report.pk])
    client.force_login(world.property_a1)
    page = client.get(url).content.decode()
    assert "138****8000" in page and "13800138000" not in page
    client.force_login(world.staff_a1)
    assert "+8613800138000" in client.get(url).content.decode()


def test_the_staff_queue_lists_open_urgent_reports_first_then_the_overdue(client, board, categories, world):
    from apps.reports.services import report_submit as submit_report

    closed = submit_report(place=board.place, category=categories["wires"], description="已处理", source="qr")
    report_transition(report=closed, action="reject", actor=world.staff_a1, note="重复")
    ordinary = submit_report(place=board.place, category=categories["lamp"], description="灯", source="qr")
    urgent = submit_report(place=board.place, category=categories["wires"], description="飞线", source="qr")
    client.force_login(world.staff_a1)
    url = reverse("admin:reports_report_changelist")
    shown = list(client.get(url, {"queue": "all"}).context["cl"].result_list)
    assert shown == [urgent, ordinary, closed]


def test_my_home_lists_my_reports_new_status_at_once(client, board, categories, world):
    person = UserFactory()
    client.force_login(person)
    submit(client, board, categories["lamp"])
    report = Report.objects.get(reporter=person)
    home = reverse("accounts:home")
    assert str(report.get_status_display()) in client.get(home).content.decode()
    report = report_transition(report=report, action="accept", actor=world.property_a1)
    assert f'<span class="badge">{report.get_status_display()}</span>' in client.get(home).content.decode()
