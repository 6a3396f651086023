import pytest

from apps.places.models import Place, PlaceKind
from apps.reports.boards import boards_post_for_doors


@pytest.fixture
def unit_a1(world) -> Place:
    """The unit door of community 甲1, whose compound is served by a property-management unit."""
    return Place.objects.filter(path__startswith=world.community_a1.path, kind=PlaceKind.UNIT).get()


@pytest.fixture
def board(unit_a1):
    return boards_post_for_doors(place=unit_a1)[0]
