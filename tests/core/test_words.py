"""Words a Chinese resident expects: no doubled punctuation after labels, error pages and the
admin's screen-reader headers in the site's language."""

import re

from django.urls import reverse

from apps.places.models import Place, PlaceKind
from apps.reports.services import report_submit, report_transition


def test_a_label_ending_in_a_chinese_question_mark_gets_no_colon(client, world, categories):
    unit = Place.objects.filter(path__startswith=world.community_a1.path, kind=PlaceKind.UNIT).get()
    report = report_submit(place=unit, category=categories["lamp"], description="灯不亮", source="qr")
    report_transition(report=report, action="accept", actor=world.property_a1)
    report_transition(report=report, action="resolve", actor=world.property_a1, note="已修好")
    page = client.get(reverse("reports:follow", args=[report.follow_token])).content.decode()
    assert "满意吗？" in page
    assert not re.search(r"[？。！][:：]", page)


def test_the_403_page_speaks_the_sites_language_in_its_look(client, world):
    client.force_login(world.property_a1)
    response = client.get(reverse("admin:reports_report_transition", args=[1, "nonsense"]))
    assert response.status_code in (403, 404)
    page = response.content.decode()
    assert 'lang="zh-hans"' in page and "site-header" in page
    assert "Forbidden" not in page and "Not Found" not in page


def test_the_admin_index_tables_have_headers_in_chinese(client, world):
    client.force_login(world.staff_a1)
    page = client.get(reverse("admin:index")).content.decode()
    assert "数据类别" in page and "Model name" not in page
