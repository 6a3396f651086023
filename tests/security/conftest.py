import pytest

from apps.places.models import Place, PlaceKind
from apps.reports.boards import boards_post_for_doors


@pytest.fixture
def board(world):
    unit = Place.objects.filter(path__startswith=world.community_a1.path, kind=PlaceKind.UNIT).get()
    return boards_post_for_doors(place=unit)[0]
