"""督查通知单: numbered per street and year, answered by the point's unit, passed or returned on
re-inspection."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.access.visibility import visible_to
from apps.core.photos import process_photo
from apps.inspections.models import Notice, NoticeCounter, NoticeStep, Standard
from apps.inspections.notices import notice_number, notice_step
from apps.inspections.services import inspection_submit
from tests.factories import jpeg_bytes
from tests.scoping import assert_twin_agrees, world_personas

pytestmark = pytest.mark.django_db


def fail(point, inspector):
    standards = list(Standard.objects.filter(category=point.category).values_list("pk", flat=True))
    verdicts = {pk: pk != standards[0] for pk in standards}
    return inspection_submit(point=point, by=inspector, verdicts=verdicts).notice


def photo():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return process_photo(SimpleUploadedFile("fixed.jpg", jpeg_bytes(), content_type="image/jpeg"))


def test_a_number_reads_in_the_official_shape():
    assert notice_number(year=2026, serial=123) == "督查〔2026〕第0123号"


def test_a_failed_inspection_issues_a_notice_to_the_points_unit(civility):
    notice = fail(civility.bin_a1, civility.inspector_a)
    assert notice.management_unit == civility.world.unit_a1
    assert notice.status == Notice.Status.ISSUED
    assert notice.inspection.verdicts.filter(passed=False).count() == 1


def test_a_passed_inspection_issues_no_notice(civility):
    point = civility.bin_a1
    verdicts = dict.fromkeys(
        Standard.objects.filter(category=point.category).values_list("pk", flat=True), True
    )
    inspection_submit(point=point, by=civility.inspector_a, verdicts=verdicts)
    assert not Notice.objects.exists()


def test_numbers_run_per_street_and_are_never_reused(civility):
    first = fail(civility.bin_a1, civility.inspector_a)
    other_street = fail(civility.bin_b1, civility.inspector_b)
    first.steps.all().delete()
    Notice.objects.filter(pk=first.pk).update(status="passed")
    second = fail(civility.bin_a2, civility.inspector_a)
    assert (first.serial, second.serial, other_street.serial) == (1, 2, 1)
    assert NoticeCounter.objects.get(street=civility.world.street_a).last == 2


def test_a_unit_sees_only_its_notices(civility):
    mine = fail(civility.bin_a1, civility.inspector_a)
    fail(civility.bin_a2, civility.inspector_a)  # the community's
    fail(civility.bin_b1, civility.inspector_b)
    assert list(visible_to(civility.world.property_a1, Notice.objects.all())) == [mine]


def test_the_predicate_and_its_twin_agree_on_notices_and_their_steps(civility):
    from apps.inspections.models import NoticeEscalation

    notice = fail(civility.bin_a1, civility.inspector_a)
    notice_step(notice=notice, kind=NoticeStep.Kind.ANSWER, by=civility.world.property_a1, photos=[photo()])
    fail(civility.bin_a2, civility.inspector_a)
    late = fail(civility.bin_b1, civility.inspector_b)
    NoticeEscalation.objects.create(notice=late, level=1, due_at=late.deadline)
    people = [*world_personas(civility.world), civility.inspector_a, civility.inspector_b]
    for model in (Notice, NoticeStep, NoticeEscalation):
        assert_twin_agrees(model, people)


def test_a_notice_answered_by_another_unit_is_refused(civility):
    notice = fail(civility.bin_a2, civility.inspector_a)  # the community a2 answers
    with pytest.raises(PermissionDenied):
        notice_step(
            notice=notice, kind=NoticeStep.Kind.ANSWER, by=civility.world.property_a1, photos=[photo()]
        )
    with pytest.raises(PermissionDenied):
        notice_step(notice=notice, kind=NoticeStep.Kind.ANSWER, by=civility.world.staff_a1, photos=[photo()])
    notice_step(notice=notice, kind=NoticeStep.Kind.ANSWER, by=civility.world.staff_a2, photos=[photo()])
    assert notice.status == Notice.Status.ANSWERED


def test_the_unit_answers_and_a_re_inspection_passes_it(civility):
    notice = fail(civility.bin_a1, civility.inspector_a)
    notice_step(
        notice=notice,
        kind=NoticeStep.Kind.ANSWER,
        by=civility.world.property_a1,
        note="已更换桶盖",
        photos=[photo()],
    )
    notice_step(notice=notice, kind=NoticeStep.Kind.PASS, by=civility.inspector_a)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.PASSED
    assert notice.steps.get(kind="answer").photos.count() == 1


def test_a_re_inspection_by_the_inspector_of_another_street_is_refused(civility):
    notice = fail(civility.bin_a1, civility.inspector_a)
    notice_step(notice=notice, kind=NoticeStep.Kind.ANSWER, by=civility.world.property_a1, photos=[photo()])
    with pytest.raises(PermissionDenied):
        notice_step(notice=notice, kind=NoticeStep.Kind.PASS, by=civility.inspector_b)
    notice_step(notice=notice, kind=NoticeStep.Kind.PASS, by=civility.inspector_a)


def test_a_returned_notice_needs_reasons_and_is_answered_again(civility):
    notice = fail(civility.bin_a1, civility.inspector_a)
    notice_step(notice=notice, kind=NoticeStep.Kind.ANSWER, by=civility.world.property_a1, photos=[photo()])
    with pytest.raises(ValidationError):
        notice_step(notice=notice, kind=NoticeStep.Kind.RETURN, by=civility.inspector_a, note=" ")
    first_deadline = notice.deadline
    notice_step(notice=notice, kind=NoticeStep.Kind.RETURN, by=civility.inspector_a, note="桶盖仍缺失")
    assert notice.status == Notice.Status.RETURNED
    assert notice.deadline > first_deadline
    notice_step(notice=notice, kind=NoticeStep.Kind.ANSWER, by=civility.world.property_a1, photos=[photo()])
    assert notice.status == Notice.Status.ANSWERED


def test_a_notice_not_yet_answered_cannot_be_passed(civility):
    notice = fail(civility.bin_a1, civility.inspector_a)
    with pytest.raises(ValidationError):
        notice_step(notice=notice, kind=NoticeStep.Kind.PASS, by=civility.inspector_a)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.ISSUED


def test_a_notice_prints_on_one_page_for_its_unit_and_not_for_another_street(client, civility):
    from django.urls import reverse

    notice = fail(civility.bin_a1, civility.inspector_a)
    url = reverse("inspections:notice_print", args=[notice.pk])
    client.force_login(civility.world.property_a1)
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert len(re.findall(rb"/Type /Page\b(?!s)", response.content)) == 1
    assert b"/FontFile2" in response.content  # the Chinese font embedded
    client.force_login(civility.world.staff_b1)
    assert client.get(url).status_code == 404


def test_a_late_notice_escalates_once_per_level_and_again_after_a_fresh_deadline(civility):
    from datetime import timedelta

    from apps.inspections.escalation import notices_escalate

    notice = fail(civility.bin_a1, civility.inspector_a)
    assert notices_escalate(notice.deadline - timedelta(hours=1)) == []
    assert [e.level for e in notices_escalate(notice.deadline + timedelta(hours=1))] == [1]
    assert [e.level for e in notices_escalate(notice.deadline + timedelta(days=4))] == [2]
    assert notices_escalate(notice.deadline + timedelta(days=5)) == []  # nothing twice
    Notice.objects.filter(pk=notice.pk).update(deadline=notice.deadline + timedelta(days=10))
    assert len(notices_escalate(notice.deadline + timedelta(days=10, hours=1))) == 1


def test_an_answered_notice_does_not_escalate(civility):
    from datetime import timedelta

    from apps.inspections.escalation import notices_escalate

    notice = fail(civility.bin_a1, civility.inspector_a)
    notice_step(notice=notice, kind=NoticeStep.Kind.ANSWER, by=civility.world.property_a1, photos=[photo()])
    assert notices_escalate(notice.deadline + timedelta(days=5)) == []


def test_the_unit_answers_on_the_notice_page_and_the_inspector_passes_it(client, civility):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    notice = fail(civility.bin_a1, civility.inspector_a)
    url = reverse("inspections:notice", args=[notice.pk])
    client.force_login(civility.world.property_a1)
    assert notice.number in client.get(reverse("inspections:notices")).content.decode()
    upload = SimpleUploadedFile("fixed.jpg", jpeg_bytes(), content_type="image/jpeg")
    assert client.post(url, {"kind": "answer", "note": "已更换", "photos": [upload]}).status_code == 302
    assert client.post(url, {"kind": "pass"}).status_code == 200  # not the unit's step: refused
    client.force_login(civility.inspector_a)
    assert client.post(url, {"kind": "pass"}).status_code == 302
    notice.refresh_from_db()
    assert notice.status == Notice.Status.PASSED
    client.force_login(civility.world.staff_b1)
    assert client.get(url).status_code == 404


def test_a_street_departments_notice_is_answered_by_that_department_only(civility):
    from .conftest import point_at

    world = civility.world
    lane = point_at(world.community_a2, civility.bins, "A2-LANE", department_name="城市管理办公室")
    notice = fail(lane, civility.inspector_a)
    assert (notice.handler_kind, notice.department) == ("street", world.department_a)
    assert notice in visible_to(world.department_staff_a, Notice.objects.all())
    assert notice not in visible_to(world.department_staff_b, Notice.objects.all())
    with pytest.raises(PermissionDenied):
        notice_step(notice=notice, kind=NoticeStep.Kind.ANSWER, by=world.department_staff_b, photos=[photo()])
    notice_step(notice=notice, kind=NoticeStep.Kind.ANSWER, by=world.department_staff_a, photos=[photo()])
    assert notice.status == Notice.Status.ANSWERED


def test_the_notice_page_shows_what_was_found_and_the_rectification_to_the_unit(client, civility):
    from django.urls import reverse

    from apps.inspections.models import InspectionPhoto

    notice = fail(civility.bin_a1, civility.inspector_a)
    found = photo()
    InspectionPhoto.objects.create(inspection=notice.inspection, image=found.image, thumbnail=found.thumbnail)
    notice_step(notice=notice, kind=NoticeStep.Kind.ANSWER, by=civility.world.property_a1, photos=[photo()])
    client.force_login(civility.world.property_a1)
    page = client.get(reverse("inspections:notice", args=[notice.pk])).content.decode()
    thumbnails = re.findall(r'<img src="([^"]+)"[^>]*class="thumb"', page)
    assert len(thumbnails) == 2
    for url in thumbnails:
        assert client.get(url.replace("&amp;", "&")).status_code == 200
    printed = client.get(reverse("inspections:notice_print", args=[notice.pk])).content
    assert b"/Subtype /Image" in printed
