"""The report's pages with joined units: the admin report page shows who was summoned, who reported in
and when, and the units' notes in the timeline; its forms summon, report in and add notes; the
resident's follow page names the units called in, never their staff, nor their notes."""

import pytest
from django.urls import reverse

from apps.reports.joined_units import JoinedUnit
from apps.reports.units import unit_note_add, unit_report_in, units_summon


@pytest.fixture
def summoned(world, noise_report, bureau_a):
    units = units_summon(
        report=noise_report, departments=[world.department_a, bureau_a], actor=world.staff_a1
    )
    unit_report_in(unit=units[0], actor=world.department_staff_a)
    unit_note_add(unit=units[0], actor=world.department_staff_a, note="城管已到场拆除围挡", done=True)
    return units


def change_page(client, person, report):
    client.force_login(person)
    return client.get(reverse("admin:reports_report_change", args=[report.pk]))


def test_the_report_page_shows_who_was_summoned_and_who_reported_in(client, world, noise_report, summoned):
    page = change_page(client, world.staff_a1, noise_report).content.decode()
    assert "城市管理办公室" in page and "区住建委" in page
    assert world.department_staff_a.display_name in page  # reported in by
    assert "城管已到场拆除围挡" in page  # the unit's note in the timeline


def test_the_report_page_reads_its_units_in_a_bounded_number_of_queries(
    client, world, noise_report, summoned, django_assert_max_num_queries
):
    client.force_login(world.staff_a1)
    url = reverse("admin:reports_report_change", args=[noise_report.pk])
    client.get(url)
    with django_assert_max_num_queries(60):
        assert client.get(url).status_code == 200


def test_a_summoned_units_staff_find_their_report_in_button(client, world, noise_report, summoned, bureau_a):
    page = change_page(client, bureau_a.staff, noise_report).content.decode()
    report_in = reverse("admin:reports_report_unit_report_in", args=[noise_report.pk, summoned[1].pk])
    assert report_in in page
    other = reverse("admin:reports_report_unit_report_in", args=[noise_report.pk, summoned[0].pk])
    assert other not in page


def test_staff_report_in_from_the_report_page(client, world, noise_report, summoned, bureau_a):
    client.force_login(bureau_a.staff)
    url = reverse("admin:reports_report_unit_report_in", args=[noise_report.pk, summoned[1].pk])
    answer = client.post(url)
    assert answer.status_code == 302
    assert JoinedUnit.objects.get(pk=summoned[1].pk).reported_in_at is not None


def test_reporting_in_for_another_unit_on_the_page_is_refused_with_a_message(
    client, world, noise_report, summoned, bureau_a
):
    client.force_login(world.department_staff_a)
    url = reverse("admin:reports_report_unit_report_in", args=[noise_report.pk, summoned[1].pk])
    answer = client.post(url)
    assert answer.status_code == 200 and "区住建委" in answer.content.decode()
    assert JoinedUnit.objects.get(pk=summoned[1].pk).reported_in_at is None


def test_staff_of_another_street_find_no_unit_page(client, world, noise_report, summoned):
    client.force_login(world.department_staff_b)
    url = reverse("admin:reports_report_unit_note", args=[noise_report.pk, summoned[0].pk])
    assert client.get(url).status_code == 404


def test_community_staff_summon_from_the_report_page(client, world, noise_report):
    from apps.places.services import department_of_street

    livelihood = department_of_street(place=world.street_a, name="民生保障办公室")
    client.force_login(world.staff_a1)
    url = reverse("admin:reports_report_join", args=[noise_report.pk, "summoned"])
    assert "民生保障办公室" in client.get(url).content.decode()
    answer = client.post(url, {"departments": [livelihood.pk], "note": "需民生办"})
    assert answer.status_code == 302
    assert noise_report.joined_units.get().department == livelihood


def test_a_department_of_another_street_is_not_offered_nor_taken(client, world, noise_report):
    client.force_login(world.staff_a1)
    url = reverse("admin:reports_report_join", args=[noise_report.pk, "summoned"])
    assert "乙" not in client.get(url).content.decode().split("<form", 1)[1]
    answer = client.post(url, {"departments": [world.department_b.pk]})
    assert answer.status_code == 200
    assert not noise_report.joined_units.exists()


def test_a_unit_adds_its_note_from_the_report_page(client, world, noise_report, summoned, bureau_a):
    unit_report_in(unit=summoned[1], actor=bureau_a.staff)
    client.force_login(bureau_a.staff)
    url = reverse("admin:reports_report_unit_note", args=[noise_report.pk, summoned[1].pk])
    assert client.post(url, {"note": "已核查房屋安全", "done": "on"}).status_code == 302
    assert JoinedUnit.objects.get(pk=summoned[1].pk).done_at is not None


def test_the_follow_page_names_the_units_called_in_but_no_staff_and_no_notes(
    client, world, noise_report, summoned
):
    page = client.get(reverse("reports:follow", args=[noise_report.follow_token])).content.decode()
    assert "城市管理办公室" in page and "区住建委" in page
    assert world.department_staff_a.display_name not in page
    assert world.staff_a1.display_name not in page
    assert "城管已到场拆除围挡" not in page and "需多部门" not in page
