"""Signing in to the REST API with a token, and the staff's QR boards."""

from rest_framework.test import APIClient

from apps.api.services import api_token_issue, api_token_revoke
from tests.factories import PASSWORD

from .conftest import signed_in


def with_token(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


def test_a_login_and_password_give_a_token_that_acts_as_the_person(api, world):
    response = api.post(
        "/api/v1/auth/token/", {"login": world.staff_a1.username, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 201
    names = [p["name"] for p in with_token(response.json()["token"]).get("/api/v1/places/").json()["results"]]
    assert "甲1社区" in names


def test_a_wrong_password_gives_no_token(api, world):
    response = api.post(
        "/api/v1/auth/token/", {"login": world.staff_a1.username, "password": "wrong"}, format="json"
    )
    assert response.status_code == 401 and "token" not in response.json()


def test_a_revoked_token_is_refused(world):
    token, secret = api_token_issue(user=world.staff_a1)
    api_token_revoke(token=token)
    response = with_token(secret).get("/api/v1/places/")
    assert response.status_code == 401 and response.json()["code"] == "authentication_failed"


def test_a_person_lists_and_revokes_their_own_tokens(world):
    token, _secret = api_token_issue(user=world.staff_a1, name="手机")
    api_token_issue(user=world.staff_b1)
    client = signed_in(world.staff_a1)
    assert [t["name"] for t in client.get("/api/v1/tokens/").json()] == ["手机"]
    assert client.delete(f"/api/v1/tokens/{token.pk}/").status_code == 204
    assert client.get("/api/v1/tokens/").json() == []


def test_nobody_revokes_someone_elses_token(world):
    token, secret = api_token_issue(user=world.staff_b1)
    assert signed_in(world.staff_a1).delete(f"/api/v1/tokens/{token.pk}/").status_code == 404
    assert with_token(secret).get("/api/v1/places/").status_code == 200


def test_staff_replace_a_board_of_their_community(world, boards):
    board = boards[world.community_a1.pk]
    response = signed_in(world.staff_a1).post(f"/api/v1/boards/{board.pk}/replace/")
    assert response.status_code == 201
    board.refresh_from_db()
    assert board.replaced_by_id == response.json()["id"]


def test_boards_filter_to_the_revoked_ones(world, boards):
    board = boards[world.community_a1.pk]
    client = signed_in(world.staff_a1)
    client.post(f"/api/v1/boards/{board.pk}/replace/")
    revoked = client.get("/api/v1/boards/", {"revoked": "true"}).json()["results"]
    assert [b["id"] for b in revoked] == [board.pk]
