"""For, against and abstain are the portal's words, read in the reader's language whoever opened the
vote; the choices of a vote between choices are its author's words and stay as written."""

import pytest
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from apps.halls.models.votes import Kind


@pytest.fixture
def opened_in_chinese(open_vote):
    def make(**fields):
        with translation.override("zh-hans"):
            return open_vote(**fields)

    return make


def test_an_approval_vote_opened_in_chinese_reads_for_against_abstain_in_english(
    client, opened_in_chinese, residents
):
    vote = opened_in_chinese()
    client.force_login(residents[0])

    page = client.get(reverse("halls:vote", args=[vote.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert all(word in page for word in ("For", "Against", "Abstain"))
    assert not any(word in page for word in ("赞成", "反对", "弃权"))


def test_an_approval_vote_reads_in_chinese_to_a_chinese_reader(client, opened_in_chinese, residents):
    vote = opened_in_chinese()
    client.force_login(residents[0])

    page = client.get(reverse("halls:vote", args=[vote.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert all(word in page for word in ("赞成", "反对", "弃权"))


def test_the_api_names_the_options_in_the_readers_language(opened_in_chinese, residents):
    vote = opened_in_chinese()
    api = APIClient()
    api.force_authenticate(residents[0])
    answer = api.get(f"/api/v1/votes/{vote.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()

    assert [option["label"] for option in answer["options"]] == ["For", "Against", "Abstain"]


def test_the_choices_of_a_vote_between_choices_stay_as_their_author_wrote_them(
    client, opened_in_chinese, residents
):
    vote = opened_in_chinese(kind=Kind.SINGLE, choices=["东侧空地", "西侧车棚"])
    client.force_login(residents[0])

    page = client.get(reverse("halls:vote", args=[vote.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "东侧空地" in page and "西侧车棚" in page
