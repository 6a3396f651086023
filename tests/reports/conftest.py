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


@pytest.fixture
def bureau_a(world):
    """A bureau of street 甲's district, with one member of staff."""
    from apps.access.roles import Role
    from apps.places.models import Department
    from tests.factories import person_with_role

    district = Place.objects.get(path=world.street_a.ancestor_path(PlaceKind.DISTRICT))
    bureau = Department.objects.create(place=district, name="区住建委", kind=Department.Kind.DISTRICT_BUREAU)
    bureau.staff = person_with_role(Role.DEPARTMENT_STAFF, department=bureau, display_name="区住建委科员")
    return bureau


@pytest.fixture
def noise_report(board, categories, django_capture_on_commit_callbacks):
    """A report of community 甲1 handled by its community (噪音扰民), not urgent."""
    from apps.reports.services import report_submit

    with django_capture_on_commit_callbacks(execute=True):
        return report_submit(
            place=board.place, category=categories["noise"], description="夜间施工噪音", source="qr"
        )
