"""The Open311 feed publishes only what is public: anonymous readers get the category, the status,
the place to its building, dates and the handlers' replies redacted; a key reads its own area in
full; pages are bounded, answers cached per reader and query, and 304 when nothing changed."""

import pytest
from django.utils import translation

from apps.api.services import api_client_issue
from apps.reports.models import ActorKind, TimelineEvent
from apps.reports.services import report_transition

from .conftest import reported

BASE = "/open311/v2"
PRIVATE_TEXT = "我家202室漏水，电话13812345678"


@pytest.fixture
def key_a(world):
    return api_client_issue(name="甲街道平台", place=world.street_a)[1]


@pytest.fixture
def report(world, boards, categories):
    report = reported(boards[world.community_a1.pk], categories["lamp"], description=PRIVATE_TEXT)
    report_transition(report=report, action="accept", actor=world.property_a1)
    report_transition(
        report=report,
        action="resolve",
        actor=world.property_a1,
        note="已修好，有事请打１３８－１２３４－５６７８",
    )
    return report


def test_anonymous_readers_never_get_the_residents_text_or_the_unit(client, report):
    for path in ("requests.json", f"requests/{report.tracking_number}.json", "requests.xml"):
        body = client.get(f"{BASE}/{path}").content.decode()
        assert "漏水" not in body and "1单元" not in body and "1号楼" in body
    row = client.get(f"{BASE}/requests.json").json()[0]
    assert "description" not in row and row["address_id"] != str(report.place_id)


def test_anonymous_readers_get_the_handlers_reply_redacted(client, report):
    row = client.get(f"{BASE}/requests.json").json()[0]
    updates = client.get(f"{BASE}/servicerequestupdates.json").json()
    assert row["status_notes"] == "已修好，有事请打[已隐去]"
    assert [u["description"] for u in updates if u["description"]] == ["已修好，有事请打[已隐去]"]


def test_anonymous_readers_never_get_a_residents_own_note(client, report):
    TimelineEvent.objects.create(
        report=report,
        action="reopen",
        status_after="reopened",
        actor_kind=ActorKind.RESIDENT,
        note="还是不亮",
    )
    row = client.get(f"{BASE}/requests.json").json()[0]
    updates = client.get(f"{BASE}/servicerequestupdates.json").json()
    assert row["status_notes"] == "已修好，有事请打[已隐去]"
    assert "还是不亮" not in str(updates)


def test_a_key_reads_its_own_area_in_full(client, report, key_a):
    row = client.get(f"{BASE}/requests.json", {"api_key": key_a}).json()[0]
    detail = client.get(f"{BASE}/requests/{report.tracking_number}.json", {"api_key": key_a}).json()[0]
    assert row["description"] == detail["description"] == PRIVATE_TEXT
    assert row["address"].endswith("1单元") and row["address_id"] == str(report.place_id)


def test_a_key_reads_nothing_of_another_area(client, world, report):
    key_b = api_client_issue(name="乙街道平台", place=world.street_b)[1]
    listed = client.get(f"{BASE}/requests.json", {"api_key": key_b}).json()
    detail = client.get(f"{BASE}/requests/{report.tracking_number}.json", {"api_key": key_b})
    updates = client.get(f"{BASE}/servicerequestupdates.json", {"api_key": key_b}).json()
    assert listed == [] and updates == [] and detail.status_code == 404


def test_a_wrong_key_is_refused_rather_than_read_as_anonymous(client, report):
    assert client.get(f"{BASE}/requests.json", {"api_key": "wrong"}).status_code == 403


def test_anonymous_answers_may_be_kept_by_shared_caches_and_keyed_ones_not(client, report, key_a):
    anonymous = client.get(f"{BASE}/requests.json")
    keyed = client.get(f"{BASE}/requests.json", {"api_key": key_a})
    assert anonymous["Cache-Control"] == "public, max-age=60"
    assert set(keyed["Cache-Control"].split(", ")) == {"private", "no-store"}


@pytest.fixture
def many(world, boards, categories):
    board = boards[world.community_a1.pk]
    return [reported(board, categories["noise"], description=f"吵{n}") for n in range(7)]


def test_pages_are_bounded_and_stable(client, many):
    ids = [r.tracking_number for r in reversed(many)]
    pages = [
        [
            r["service_request_id"]
            for r in client.get(f"{BASE}/requests.json", {"page_size": 3, "page": p}).json()
        ]
        for p in (1, 2, 3, 4)
    ]
    assert pages == [ids[:3], ids[3:6], ids[6:], []]


def test_a_page_is_50_requests_unless_asked(client, many, settings):
    settings.OPEN311_PAGE_SIZE = 5
    assert len(client.get(f"{BASE}/requests.json").json()) == 5


@pytest.mark.parametrize(
    "params,message",
    [
        ({"page_size": "0"}, "page_size 须为从 1 起的整数。"),
        ({"page_size": "ten"}, "page_size 须为从 1 起的整数。"),
        ({"page_size": "-1"}, "page_size 须为从 1 起的整数。"),
        ({"page_size": "１０"}, "page_size 须为从 1 起的整数。"),
        ({"page_size": "2.5"}, "page_size 须为从 1 起的整数。"),
        ({"page_size": "101"}, "page_size 最大为 100。"),
        ({"page": "0"}, "page 须为从 1 起的整数。"),
        ({"page": "9" * 40}, "page 最大为 10000。"),
    ],
)
def test_a_bad_page_is_400_in_the_users_language(client, categories, params, message):
    for path in ("requests.json", "servicerequestupdates.json"):
        response = client.get(f"{BASE}/{path}", params)
        assert response.status_code == 400 and response.json() == [{"code": 400, "description": message}]


def test_a_bad_page_is_explained_in_english_to_an_english_client(client, categories):
    with translation.override("en"):
        response = client.get(f"{BASE}/requests.json", {"page": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()[0]["description"] == "page must be a whole number from 1."


def test_a_client_holding_the_current_answer_gets_304(client, report):
    first = client.get(f"{BASE}/requests.json")
    again = client.get(f"{BASE}/requests.json", HTTP_IF_NONE_MATCH=first["ETag"])
    since = client.get(f"{BASE}/requests.json", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    assert again.status_code == 304 and again.content == b"" and since.status_code == 304
    assert again["Cache-Control"] == "public, max-age=60"


def test_the_etag_differs_between_readers_and_pages(client, report, key_a):
    anonymous = client.get(f"{BASE}/requests.json")["ETag"]
    keyed = client.get(f"{BASE}/requests.json", {"api_key": key_a})["ETag"]
    paged = client.get(f"{BASE}/requests.json", {"page_size": "1"})["ETag"]
    assert len({anonymous, keyed, paged}) == 3
    held = client.get(f"{BASE}/requests.json", {"api_key": key_a}, HTTP_IF_NONE_MATCH=anonymous)
    assert held.status_code == 200 and held.json()[0]["description"] == PRIVATE_TEXT


def test_a_new_update_changes_the_answer_and_its_etag(client, world, boards, categories):
    report = reported(boards[world.community_a1.pk], categories["lamp"])
    first = client.get(f"{BASE}/requests.json")
    report_transition(report=report, action="accept", actor=world.property_a1)
    report_transition(report=report, action="resolve", actor=world.property_a1, note="已更换灯泡")
    again = client.get(f"{BASE}/requests.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert again.json()[0]["status_notes"] == "已更换灯泡"


def test_a_new_report_changes_the_answer(client, world, boards, categories):
    reported(boards[world.community_a1.pk], categories["lamp"])
    assert len(client.get(f"{BASE}/requests.json").json()) == 1
    reported(boards[world.community_a2.pk], categories["lamp"])
    assert len(client.get(f"{BASE}/requests.json").json()) == 2


def test_a_repeated_question_is_answered_from_the_cache(client, report, django_assert_max_num_queries):
    first = client.get(f"{BASE}/requests.json")
    with django_assert_max_num_queries(1):
        again = client.get(f"{BASE}/requests.json")
    assert again.content == first.content


@pytest.mark.parametrize("path", ["requests.json", "servicerequestupdates.json"])
def test_a_page_costs_the_same_queries_as_the_data_grows(
    client, world, boards, categories, path, django_assert_max_num_queries
):
    board = boards[world.community_a1.pk]
    reported(board, categories["lamp"])
    with django_assert_max_num_queries(3):
        client.get(f"{BASE}/{path}")
    for n in range(12):
        report = reported(board, categories["noise"], description=f"吵{n}")
        report_transition(report=report, action="accept", actor=world.staff_a1)
    with django_assert_max_num_queries(3):
        assert len(client.get(f"{BASE}/{path}", {"page_size": "10"}).json()) == 10


def test_a_keyed_page_costs_the_same_queries_as_the_data_grows(
    client, world, boards, categories, key_a, django_assert_max_num_queries
):
    board = boards[world.community_a1.pk]
    client.get(f"{BASE}/requests.json", {"api_key": key_a})  # the key's first use is recorded once
    for n in range(12):
        reported(board, categories["noise"], description=f"吵{n}")
    with django_assert_max_num_queries(4):
        assert len(client.get(f"{BASE}/requests.json", {"api_key": key_a, "page_size": "10"}).json()) == 10
