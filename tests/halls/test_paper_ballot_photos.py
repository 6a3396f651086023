"""The photo of a paper ballot is an image, checked and re-encoded like residents' photos; anything
else is refused, in the service and in the admin where staff enter paper ballots, and nothing is
recorded."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.audit.models import StaffAction
from apps.halls.models import Ballot, Elector, RollEntry, SecretBallot, WaitingBallot
from apps.halls.votes.services import ballot_cast, paper_ballot_enter
from tests.factories import jpeg_bytes

FOR = 1
NOT_AN_IMAGE = "not an image we can read"


def upload(name, content, content_type):
    return SimpleUploadedFile(name, content, content_type=content_type)


def jpeg():
    return upload("选票.jpg", jpeg_bytes(), "image/jpeg")


def pdf():
    return upload("选票.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", "application/pdf")


def text_named_like_a_photo():
    return upload("选票.jpg", b"for: 1\n", "image/jpeg")


def nothing_recorded():
    stored = Path(settings.MEDIA_ROOT, "halls")
    return not (
        Ballot.objects.exists()
        or RollEntry.objects.exists()
        or SecretBallot.objects.exists()
        or WaitingBallot.objects.exists()
        or StaffAction.objects.filter(action="halls.paper_ballot").exists()
        or (stored.exists() and any(p.is_file() for p in stored.rglob("*")))
    )


@pytest.fixture
def enter(world, open_vote):
    def run(photo, **vote_fields):
        vote = open_vote(**vote_fields)
        elector = Elector.objects.filter(vote=vote).first()
        return paper_ballot_enter(vote=vote, elector=elector, choices=[FOR], photo=photo, by=world.staff_a1)

    return run


def test_a_photo_of_the_paper_is_kept_as_a_re_encoded_jpeg(enter):
    ballot = enter(jpeg())
    assert ballot.paper.name.startswith("halls/paper/") and ballot.paper.name.endswith(".jpg")
    with Image.open(ballot.paper.path) as image:
        assert image.format == "JPEG"


@pytest.mark.parametrize("photo", [pdf, text_named_like_a_photo], ids=["pdf", "text"])
@pytest.mark.parametrize("secret", [False, True], ids=["named", "secret"])
def test_anything_but_an_image_is_refused_and_nothing_is_recorded(enter, photo, secret):
    with pytest.raises(ValidationError, match=NOT_AN_IMAGE):
        enter(photo(), secret=secret)
    assert nothing_recorded()


@pytest.fixture
def page(client, world, open_vote):
    """The admin's page where staff of hall 甲1 enter the paper ballots of an open vote."""
    vote = open_vote()
    client.force_login(world.staff_a1)
    elector = Elector.objects.filter(vote=vote).first()
    url = reverse("admin:halls_vote_paper_ballot", args=[vote.pk])
    return SimpleNamespace(vote=vote, url=url, form={"elector": elector.pk, "choices": [FOR]})


def test_staff_enter_a_paper_ballot_with_its_photo_in_the_admin(client, world, page):
    assert client.get(page.url).status_code == 200
    assert client.post(page.url, page.form | {"photo": jpeg()}).status_code == 302
    ballot = Ballot.objects.get()
    assert (ballot.channel, ballot.entered_by, ballot.choices) == ("paper", world.staff_a1, [FOR])


@pytest.mark.parametrize("secret", [False, True])
def test_the_admin_offers_only_households_yet_to_vote(client, world, open_vote, residents, secret):
    vote = open_vote(secret=secret)
    ballot_cast(vote=vote, user=residents[0], choices=[FOR])
    client.force_login(world.staff_a1)
    form = client.get(reverse("admin:halls_vote_paper_ballot", args=[vote.pk])).context["form"]
    voted = (RollEntry if secret else Ballot).objects.get(vote=vote).elector
    offered = set(form.fields["elector"].queryset)
    assert offered == set(Elector.objects.filter(vote=vote)) - {voted} and len(offered) == 1


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "is not an image we can read"), ("zh-hans", "无法识别")],
)
def test_the_admin_refuses_a_pdf_in_the_staffs_language_and_records_nothing(client, page, language, message):
    response = client.post(page.url, page.form | {"photo": pdf()}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["photo"])
    assert nothing_recorded()


def test_an_open_vote_links_to_its_paper_ballots_page(client, page):
    change = client.get(reverse("admin:halls_vote_change", args=[page.vote.pk]))
    assert page.url in change.content.decode()


def test_staff_of_another_community_do_not_reach_the_page(client, world, page):
    client.force_login(world.staff_a2)
    assert client.post(page.url, page.form | {"photo": jpeg()}).status_code == 404
    assert nothing_recorded()
