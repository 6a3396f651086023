"""The report forms without JavaScript: the category in two steps, suggestions by a button, errors
summed up at the top, and everything typed kept from one step to the next."""

import re
import uuid

import pytest
from django.urls import reverse

from apps.access.roles import Role
from apps.places.models import Place
from apps.reports import suggestions
from apps.reports.categories import categories_load
from apps.reports.models import Category, Report
from tests.factories import person_with_role

from .test_resident_pages import jpeg

ELEVATOR = "电梯卡在三楼和四楼中间，我爸还在里面出不来"


def scan_post(client, board, **fields):
    data = {"submission_key": str(uuid.uuid4()), "description": "", "contact_phone": "", **fields}
    return client.post(reverse("reports:scan", args=[board.token]), data)


def shown_group(page: str) -> list[str]:
    """The major categories whose minor ones the page shows."""
    groups = re.findall(r'<div class="minors" data-major-group="(\d+)"( hidden)?>', page)
    return [major for major, hidden in groups if not hidden]


def checked(page: str) -> list[str]:
    return re.findall(r'name="category" value="(\d+)"[^>]*checked', page)


@pytest.fixture
def catalogue(db, settings, tmp_path):
    settings.SUGGEST_MODEL_DIR = str(tmp_path / "models")
    suggestions._memo.clear()
    categories_load()
    yield
    suggestions._memo.clear()


def test_the_text_box_and_photos_come_before_the_categories_and_no_minor_one_shows_yet(
    client, board, categories
):
    page = client.get(reverse("reports:scan", args=[board.token])).content.decode()
    assert page.index('name="description"') < page.index('name="photos"') < page.index('name="major"')
    assert shown_group(page) == []


def test_a_major_category_pressed_shows_its_minor_ones_and_keeps_what_was_typed(client, board, categories):
    key = str(uuid.uuid4())
    facilities = categories["lamp"].parent
    response = scan_post(
        client,
        board,
        major=facilities.pk,
        description="楼道灯坏了三天",
        contact_phone="138 0013 8000",
        submission_key=key,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert shown_group(page) == [str(facilities.pk)]
    assert "楼道灯坏了三天" in page and "138 0013 8000" in page and key in page
    assert f'name="chosen_major" value="{facilities.pk}"' in page
    assert "error-summary" not in page
    assert not Report.objects.exists()


def test_the_report_is_sent_with_the_minor_category_chosen_under_its_major_one(client, board, categories):
    lamp = categories["lamp"]
    response = scan_post(client, board, chosen_major=lamp.parent_id, category=lamp.pk, description="灯不亮")
    assert response.status_code == 302
    assert Report.objects.get().category == lamp


def test_a_category_from_another_major_one_is_refused_with_a_clear_message(client, board, categories):
    garbage, lamp = categories["garbage"], categories["lamp"]
    response = scan_post(
        client, board, chosen_major=garbage.parent_id, category=lamp.pk, description="灯不亮"
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "这个问题不属于您选的大类" in page
    assert "灯不亮" in page
    assert not Report.objects.exists()


def test_photos_sent_with_a_step_are_asked_for_again_kindly(client, board, categories):
    page = scan_post(
        client, board, major=categories["lamp"].parent_id, description="灯不亮", photos=[jpeg()]
    ).content.decode()
    assert "照片无法随页面保留" in page and "灯不亮" in page


def test_a_failed_submit_sums_up_the_errors_at_the_top_linking_to_each_field(client, board, categories):
    page = scan_post(client, board, contact_phone="12345").content.decode()
    summary = page[page.index('id="error-summary"') :]
    assert 'role="alert"' in page[page.index('<div class="error-summary"') :][:100]
    assert page.index('id="error-summary"') < page.index('name="description"')
    links = re.findall(r'href="#(id_\w+)"', summary[: summary.index("</div>")])
    assert links == ["id_description", "id_category", "id_contact_phone"]  # in the page's order
    assert all(f'id="{field}"' in page for field in links)


def test_step_buttons_with_made_up_values_answer_the_page(client, board, categories):
    for junk in ({"major": "abc"}, {"pick": "1 OR 1"}, {"major": "9" * 30, "chosen_major": "x"}):
        response = scan_post(client, board, description="灯", **junk)
        assert response.status_code == 200
        assert shown_group(response.content.decode()) == []
    response = scan_post(client, board, chosen_major="x", category=categories["lamp"].pk, description="灯")
    assert response.status_code == 302


def test_the_suggest_button_offers_three_categories_and_keeps_the_text(client, board, catalogue):
    page = scan_post(
        client, board, suggest="1", description=ELEVATOR, contact_phone="13800138000"
    ).content.decode()
    picks = re.findall(r'name="pick" value="(\d+)" data-code="([\w.-]+)"', page)
    assert len(picks) == 3
    assert picks[0][1] == "facility.elevator-trapped"
    assert ELEVATOR in page and "13800138000" in page
    assert not Report.objects.exists()


def test_a_tapped_suggestion_chooses_its_category_under_its_major_one(client, board, catalogue):
    elevator = Category.objects.get(code="facility.elevator-trapped")
    page = scan_post(client, board, pick=elevator.pk, description=ELEVATOR).content.decode()
    assert shown_group(page) == [str(elevator.parent_id)]
    assert checked(page) == [str(elevator.pk)]
    assert ELEVATOR in page


def test_a_category_not_offered_is_never_suggested(client, board, catalogue):
    Category.objects.filter(code="facility.elevator-trapped").update(is_active=False)
    page = scan_post(client, board, suggest="1", description=ELEVATOR).content.decode()
    assert "facility.elevator-trapped" not in page
    assert len(re.findall(r'name="pick"', page)) == 3


def test_asking_for_suggestions_without_text_says_what_to_do(client, board, categories):
    page = scan_post(client, board, suggest="1").content.decode()
    assert "请先简单写几句问题" in page


def test_a_building_head_asks_for_suggestions_on_the_web_form_and_taps_one(client, world, unit_a1, catalogue):
    client.force_login(person_with_role(Role.BUILDING_HEAD, place=Place.objects.get_parent(unit_a1)))
    typed = {
        "submission_key": str(uuid.uuid4()),
        "source": "on_behalf",
        "place": unit_a1.pk,
        "description": ELEVATOR,
        "on_behalf_of": "王奶奶 1-101",
    }
    page = client.post(reverse("reports:new"), {**typed, "suggest": "1"}).content.decode()
    elevator = Category.objects.get(code="facility.elevator-trapped")
    assert f'name="pick" value="{elevator.pk}"' in page
    assert ELEVATOR in page and "王奶奶 1-101" in page
    page = client.post(reverse("reports:new"), {**typed, "pick": elevator.pk}).content.decode()
    assert re.search(rf'<option value="{elevator.pk}"[^>]* selected', page)
    assert not Report.objects.exists()
