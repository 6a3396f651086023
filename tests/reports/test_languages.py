"""The catalogue is the portal's own text: an English reader sees its English, a Chinese reader its
Chinese, and a category nobody has translated yet in Chinese. Residents' words are never translated,
and the suggester reads the Chinese whatever the page's language."""

import html
import re
import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from apps.reports import suggestions
from apps.reports.catalog import CATALOG
from apps.reports.categories import categories_load
from apps.reports.models import Category, Report

COMPLAINTS = [
    "楼道里的声控灯坏了，晚上黑漆漆的",
    "暖气不热，屋里才十五度",
    "电梯卡在三楼和四楼中间，我爸还在里面出不来",
]
CJK = re.compile(r"[\u4e00-\u9fff]")


def scan(client, board, language: str, **fields):
    data = {"submission_key": str(uuid.uuid4()), "description": "", "contact_phone": "", **fields}
    url = reverse("reports:scan", args=[board.token])
    if fields:
        return client.post(url, data, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def chosen(page: str) -> str:
    """The text of the category the page has ticked: its name and its guidance."""
    [label] = [
        label for label in re.findall(r'<label class="choice">.*?</label>', page, re.S) if "checked" in label
    ]
    return html.unescape(re.sub(r"<[^>]+>", " ", label))


@pytest.fixture
def lamp(suggestion_catalogue) -> Category:
    return Category.objects.select_related("parent").get(code="facility.stair-light")


def test_in_english_the_scan_page_names_the_major_categories_in_english(client, board, lamp):
    page = scan(client, board, "en")

    assert all(major.name_en in page for major in CATALOG)
    assert not any(major.name in page for major in CATALOG)


def test_in_english_the_chosen_category_is_named_and_guided_in_english(client, board, lamp):
    page = scan(client, board, "en", pick=lamp.pk, description="3楼的灯坏了")

    text = chosen(page)
    assert "Stairwell light out" in text and lamp.guidance_en in text
    assert not CJK.search(text)
    assert "3楼的灯坏了" in page  # the resident's words as written


def test_in_chinese_the_chosen_category_is_named_and_guided_in_chinese(client, board, lamp):
    page = scan(client, board, "zh-hans", pick=lamp.pk, description="3楼的灯坏了")

    text = chosen(page)
    assert "楼道灯不亮" in text and lamp.guidance_zh_hans in text
    assert "Stairwell light out" not in page


def test_a_category_without_english_is_shown_in_chinese_to_an_english_reader(client, board, categories):
    garbage = categories["garbage"]
    assert garbage.name_en is None

    page = scan(client, board, "en", pick=garbage.pk, description="垃圾")

    assert "垃圾满溢" in chosen(page) and "请拍下垃圾桶的位置。" in chosen(page)


def test_the_report_keeps_the_residents_words_whatever_the_language(client, board, lamp):
    scan(client, board, "en", chosen_major=lamp.parent_id, category=lamp.pk, description="3楼的灯坏了")

    report = Report.objects.get()
    assert (report.category, report.description) == (lamp, "3楼的灯坏了")


def test_the_suggester_ranks_alike_whichever_language_is_active(suggestion_catalogue):
    ranked = {}
    for language in ("en", "zh-hans"):
        suggestions._memo.clear()
        with translation.override(language):
            suggestions.suggestion_models_relearn()  # learnt in this language, too
            ranked[language] = [
                [(s.code, s.score) for s in suggestions.categories_suggest(text=text)] for text in COMPLAINTS
            ]

    assert ranked["en"] == ranked["zh-hans"]
    assert [codes[0][0] for codes in ranked["en"]] == [
        "facility.stair-light",
        "property.heating",
        "facility.elevator-trapped",
    ]


def test_the_suggester_learns_the_chinese_columns(suggestion_catalogue):
    with translation.override("en"):
        texts = {text for text, _ in suggestions.catalogue_examples()}

    assert "楼道灯不亮" in texts and "Stairwell light out" not in texts


def test_suggestions_are_named_in_the_readers_language(suggestion_catalogue):
    with translation.override("en"):
        english = suggestions.categories_suggest(text=COMPLAINTS[0])[0]
    chinese = suggestions.categories_suggest(text=COMPLAINTS[0])[0]

    assert (english.name, chinese.name) == ("Stairwell light out", "楼道灯不亮")


def test_loading_the_catalogue_gives_english_to_categories_without_and_keeps_what_staff_wrote(db):
    categories_load()
    Category.objects.filter(code="env").update(name_en=None, guidance_en=None)
    Category.objects.filter(code="env.flyers").update(name_en="Posters")

    assert categories_load() == 0

    env, flyers = Category.objects.get(code="env"), Category.objects.get(code="env.flyers")
    assert (env.name_en, flyers.name_en) == ("Sanitation and street appearance", "Posters")
    assert env.name_zh_hans == "环境卫生与市容"


def test_loading_the_catalogue_writes_both_languages_whichever_is_active(db):
    with translation.override("en"):
        categories_load()

    lamp = Category.objects.get(code="facility.stair-light")
    assert (lamp.name_zh_hans, lamp.name_en) == ("楼道灯不亮", "Stairwell light out")
    assert lamp.guidance_zh_hans.startswith("请写明楼号")


def test_the_follow_page_names_the_category_in_the_readers_language(client, board, lamp):
    scan(client, board, "en", chosen_major=lamp.parent_id, category=lamp.pk, description="3楼的灯坏了")
    follow = reverse("reports:follow", args=[Report.objects.get().follow_token])

    assert "Stairwell light out" in client.get(follow, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "楼道灯不亮" in client.get(follow, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()


def test_the_admin_edits_the_name_and_guidance_in_each_language(admin_client, lamp):
    page = admin_client.get(reverse("admin:reports_category_change", args=[lamp.pk])).content.decode()

    assert all(
        f'name="{field}"' in page for field in ("name_zh_hans", "name_en", "guidance_zh_hans", "guidance_en")
    )
    assert 'name="name"' not in page


def test_a_category_created_while_english_is_active_still_has_its_chinese(db):
    with translation.override("en"):
        category = Category.objects.create(code="x", name="其他", handler="community")

    category.refresh_from_db()
    assert (category.name_zh_hans, category.name) == ("其他", "其他")


def test_the_photo_field_is_labelled_in_the_readers_language(client, board, lamp):
    assert "Photos (up to 4)" in scan(client, board, "en")
    assert "照片（最多 4 张）" in scan(client, board, "zh-hans")
