"""An inspector's day on the phone: today's points in walking order, one inspected, coverage."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.access.visibility import visible_to
from apps.inspections.models import Assignment, Inspection, Standard
from apps.inspections.rounds import round_generate
from apps.inspections.selectors import round_coverage
from apps.inspections.services import inspection_submit
from tests.factories import jpeg_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def day(civility):
    today = timezone.localdate()
    round_generate(street=civility.world.street_a, category=civility.bins, today=today)
    round_generate(street=civility.world.street_b, category=civility.bins, today=today)
    return Assignment.objects.filter(inspector=civility.inspector_a).order_by("walk_order")


def all_pass(point) -> dict[int, bool]:
    return dict.fromkeys(Standard.objects.filter(category=point.category).values_list("pk", flat=True), True)


def form_data(point, *, fail_first=False) -> dict:
    verdicts = all_pass(point)
    data = {f"standard_{pk}": "pass" for pk in verdicts}
    if fail_first:
        data[f"standard_{min(verdicts)}"] = "fail"
    return {**data, "submission_key": str(uuid.uuid4()), "note": "已查看"}


def photo():
    return SimpleUploadedFile("bin.jpg", jpeg_bytes(), content_type="image/jpeg")


def test_the_phone_page_lists_todays_points_in_walking_order(client, civility, day):
    client.force_login(civility.inspector_a)
    page = client.get(reverse("inspections:today"))
    names = [a.point.name for a in page.context["assignments"]]
    assert names == [a.point.name for a in day if a.planned_on <= timezone.localdate()]
    assert names and names[0] == civility.bin_a1.name


def test_an_inspector_passes_a_point_and_it_leaves_the_list(client, civility, day):
    assignment = day.first()
    client.force_login(civility.inspector_a)
    response = client.post(reverse("inspections:inspect", args=[assignment.pk]), form_data(assignment.point))
    assert response.status_code == 302
    inspection = Inspection.objects.get()
    assert inspection.passed and inspection.verdicts.count() == len(all_pass(assignment.point))
    assert assignment.pk not in [
        a.pk for a in client.get(reverse("inspections:today")).context["assignments"]
    ]


def test_a_failed_point_needs_a_photo_and_is_recorded_with_it(client, civility, day):
    assignment = day.first()
    client.force_login(civility.inspector_a)
    url = reverse("inspections:inspect", args=[assignment.pk])
    data = form_data(assignment.point, fail_first=True)
    assert client.post(url, data).status_code == 200  # refused: no photo
    assert not Inspection.objects.exists()
    client.post(url, {**data, "photos": [photo()]})
    inspection = Inspection.objects.get()
    assert not inspection.passed
    assert inspection.photos.count() == 1
    assert inspection.verdicts.filter(passed=False).count() == 1


def test_the_same_submission_sent_twice_records_one_inspection(client, civility, day):
    assignment = day.first()
    client.force_login(civility.inspector_a)
    url = reverse("inspections:inspect", args=[assignment.pk])
    data = form_data(assignment.point)
    client.post(url, data)
    second = client.post(url, data)  # the network dropped before the answer: sent again
    assert second.status_code == 302
    assert Inspection.objects.count() == 1


def test_a_standard_not_in_the_checklist_is_refused(civility, day):
    assignment = day.first()
    foreign = Standard.objects.filter(category=civility.gates).first()
    verdicts = {**all_pass(assignment.point), foreign.pk: True}
    with pytest.raises(ValidationError):
        inspection_submit(point=assignment.point, by=civility.inspector_a, verdicts=verdicts)
    assert not Inspection.objects.exists()


def test_an_inspector_of_another_street_cannot_inspect_a_point(civility, day):
    point = civility.bin_a1
    with pytest.raises(PermissionDenied):
        inspection_submit(point=point, by=civility.inspector_b, verdicts=all_pass(point))


def test_another_inspectors_assignment_is_not_found(client, civility, day):
    client.force_login(civility.inspector_b)
    assert client.get(reverse("inspections:inspect", args=[day.first().pk])).status_code == 404


def test_an_inspector_sees_their_own_inspections_and_the_street_all_of_its(civility, day):
    point = civility.bin_a1
    mine = inspection_submit(point=point, by=civility.inspector_a, verdicts=all_pass(point))
    assert list(visible_to(civility.inspector_a, Inspection.objects.all())) == [mine]
    assert list(visible_to(civility.world.official_a, Inspection.objects.all())) == [mine]
    assert not visible_to(civility.inspector_b, Inspection.objects.all()).exists()
    assert not visible_to(civility.world.staff_b1, Inspection.objects.all()).exists()


def test_coverage_counts_inspected_and_due_by_inspector(civility, day):
    assignment = day.first()
    inspection_submit(
        point=assignment.point,
        by=civility.inspector_a,
        verdicts=all_pass(assignment.point),
        assignment=assignment,
    )
    coverage = round_coverage(round_=assignment.round)
    assert [(line.label, line.inspected, line.due) for line in coverage["inspectors"]] == [("甲巡查员", 1, 2)]
    assert coverage["overall"][0].percent == 50


def test_the_coverage_pages_show_a_streets_rounds_only(client, civility, day, django_assert_max_num_queries):
    client.force_login(civility.world.official_a)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("inspections:coverage"))
    rounds = [round_ for round_, _ in page.context["lines"]]
    assert [r.street for r in rounds] == [civility.world.street_a]
    assert client.get(reverse("inspections:round", args=[rounds[0].pk])).status_code == 200
    client.force_login(civility.world.staff_b1)
    assert client.get(reverse("inspections:round", args=[rounds[0].pk])).status_code == 404
