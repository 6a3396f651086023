"""Every REST endpoint answers with the permission model: a person without a role in a place gets
an empty list and 404 for its objects, exactly as the pages do."""

import pytest

from .conftest import reported, signed_in


@pytest.fixture
def report_a1(world, boards, categories):
    return reported(boards[world.community_a1.pk], categories["noise"])


def test_places_list_is_empty_for_a_person_without_a_role_there(world):
    stranger = signed_in(world.staff_b1)
    names = [
        p["name"]
        for p in stranger.get("/api/v1/places/", {"within": world.community_a1.pk}).json()["results"]
    ]
    assert names == []


def test_places_list_shows_staff_their_community_and_below(world):
    names = [p["name"] for p in signed_in(world.staff_a1).get("/api/v1/places/").json()["results"]]
    assert "甲1社区" in names and "甲1小区" in names and "甲2社区" not in names


def test_a_place_of_another_community_is_not_found(world):
    assert signed_in(world.staff_b1).get(f"/api/v1/places/{world.community_a1.pk}/").status_code == 404
    assert signed_in(world.staff_a1).get(f"/api/v1/places/{world.community_a1.pk}/").status_code == 200


def test_reports_list_is_empty_for_staff_of_another_community(world, report_a1):
    assert signed_in(world.staff_b1).get("/api/v1/reports/").json()["results"] == []
    assert signed_in(world.staff_a2).get("/api/v1/reports/").json()["results"] == []


def test_reports_list_shows_the_report_to_staff_of_its_community(world, report_a1):
    numbers = [
        r["tracking_number"] for r in signed_in(world.staff_a1).get("/api/v1/reports/").json()["results"]
    ]
    assert numbers == [report_a1.tracking_number]


@pytest.mark.parametrize("suffix", ["", "timeline/", "transitions/"])
def test_a_report_of_another_community_is_not_found(world, report_a1, suffix):
    url = f"/api/v1/reports/{report_a1.tracking_number}/{suffix}"
    assert signed_in(world.staff_b1).get(url).status_code == 404
    assert signed_in(world.staff_a1).get(url).status_code == 200


def test_a_missing_report_and_a_forbidden_one_look_the_same(world, report_a1):
    stranger = signed_in(world.staff_b1)
    forbidden = stranger.get(f"/api/v1/reports/{report_a1.tracking_number}/")
    missing = stranger.get("/api/v1/reports/000000-XXXXXX/")
    assert (forbidden.status_code, forbidden.json()) == (missing.status_code, missing.json())


@pytest.mark.parametrize(
    "suffix,body",
    [("transitions/", {"action": "accept"}), ("rating/", {"satisfaction": "satisfied", "solved": True})],
)
def test_acting_on_a_report_of_another_community_is_not_found(world, report_a1, suffix, body):
    response = signed_in(world.staff_b1).post(
        f"/api/v1/reports/{report_a1.tracking_number}/{suffix}", body, format="json"
    )
    assert response.status_code == 404
    report_a1.refresh_from_db()
    assert report_a1.status == "dispatched"


def test_boards_list_is_empty_for_staff_of_another_community(world, boards):
    assert (
        signed_in(world.staff_b1).get("/api/v1/boards/", {"within": world.community_a1.pk}).json()["results"]
        == []
    )


def test_boards_list_shows_staff_the_boards_of_their_community(world, boards):
    ids = [b["id"] for b in signed_in(world.staff_a1).get("/api/v1/boards/").json()["results"]]
    assert ids == [boards[world.community_a1.pk].pk]


@pytest.mark.parametrize("method,suffix", [("get", ""), ("post", "replace/")])
def test_a_board_of_another_community_is_not_found(world, boards, method, suffix):
    board = boards[world.community_a1.pk]
    url = f"/api/v1/boards/{board.pk}/{suffix}"
    assert getattr(signed_in(world.staff_b1), method)(url).status_code == 404
    board.refresh_from_db()
    assert board.revoked_at is None


def test_residents_see_no_boards(world, boards):
    assert signed_in(world.outsider).get("/api/v1/boards/").json()["results"] == []


def test_anonymous_lists_need_a_sign_in(api, world):
    for url in ("/api/v1/places/", "/api/v1/reports/", "/api/v1/boards/"):
        response = api.get(url)
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"
