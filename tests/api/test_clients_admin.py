"""Open311 clients are registered in the admin by the officials of their area, and seen by no one else."""

from apps.access.visibility import visible_to
from apps.api.models import ApiClient
from apps.api.selectors import client_by_key
from apps.api.services import api_client_issue, api_client_rotate
from tests.factories import PASSWORD


def test_officials_see_the_clients_of_their_street_only(world):
    ours, _ = api_client_issue(name="城市服务App", place=world.street_a)
    api_client_issue(name="别处App", place=world.street_b)
    assert list(visible_to(world.official_a, ApiClient.objects.all())) == [ours]
    assert list(visible_to(world.staff_a1, ApiClient.objects.all())) == []


def test_the_admin_shows_a_new_key_once_and_stores_only_its_hash(client, world):
    client.login(username=world.official_a.username, password=PASSWORD)
    response = client.post(
        "/admin/api/apiclient/add/",
        {"name": "12345热线", "contact": "", "place": world.street_a.pk, "is_active": "on"},
        follow=True,
    )
    assert response.status_code == 200
    registered = ApiClient.objects.get()
    keys = [str(m) for m in response.context["messages"] if registered.prefix in str(m)]
    assert len(keys) == 1 and registered.key_hash not in keys[0]


def test_a_rotated_key_replaces_the_old_one(world):
    registered, old = api_client_issue(name="城市服务App", place=world.street_a)
    new = api_client_rotate(client=registered)
    assert client_by_key(old) is None and client_by_key(new) == registered
