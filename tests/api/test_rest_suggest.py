import pytest
from django.urls import reverse

URL = "/api/v1/categories/suggest/"


pytestmark = pytest.mark.usefixtures("suggestion_catalogue")


def test_anyone_gets_at_most_five_categories_best_first(api):
    response = api.post(URL, {"text": "楼道里的声控灯坏了，晚上黑漆漆的"}, format="json")

    assert response.status_code == 200
    ranked = response.json()["suggestions"]
    assert ranked[0]["code"] == "facility.stair-light" and ranked[0]["name"] == "楼道灯不亮"
    assert len(ranked) == 5 and ranked[0]["score"] >= ranked[-1]["score"]


@pytest.mark.parametrize("text", ["", "   ", "灯" * 10_000])
def test_an_empty_or_overlong_text_is_refused_with_a_reason(api, text):
    response = api.post(URL, {"text": text}, format="json")

    assert response.status_code == 400
    assert "text" in str(response.json())


def test_an_unknown_place_answers_from_the_shared_model(api):
    response = api.post(URL, {"text": "暖气不热", "place": 987654}, format="json")

    assert response.status_code == 200
    assert response.json()["suggestions"][0]["code"] == "property.heating"


def test_it_is_rate_limited(api, settings):
    settings.API_SUGGEST_RATE = "2/minute"
    answers = [api.post(URL, {"text": "暖气不热"}, format="json").status_code for _ in range(3)]

    assert answers == [200, 200, 429]


def test_it_is_in_the_published_schema(api):
    schema = api.get(reverse("api:schema") + "?format=json").json()

    assert "post" in schema["paths"][URL]


def test_an_english_reader_gets_the_same_ranking_named_in_english(api):
    chinese = api.post(URL, {"text": "楼道里的声控灯坏了，晚上黑漆漆的"}, format="json").json()["suggestions"]
    english = api.post(
        URL, {"text": "楼道里的声控灯坏了，晚上黑漆漆的"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    ).json()["suggestions"]

    assert [(s["code"], s["score"]) for s in english] == [(s["code"], s["score"]) for s in chinese]
    assert (english[0]["name"], chinese[0]["name"]) == ("Stairwell light out", "楼道灯不亮")
