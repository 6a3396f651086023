import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from apps.places.models import Place, PlaceKind
from apps.reports.boards import boards_post_for_doors
from apps.reports.models import Category, HandlerKind
from apps.reports.services import report_submit


@pytest.fixture(autouse=True)
def _fresh_throttles():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


def signed_in(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def categories(db):
    environment = Category.objects.create(
        code="env", name="环境卫生", handler=HandlerKind.COMMUNITY, position=1
    )
    facilities = Category.objects.create(
        code="fac", name="设施维修", handler=HandlerKind.PROPERTY, position=2
    )
    return {
        "garbage": Category.objects.create(
            parent=environment,
            code="env.garbage",
            name="垃圾满溢",
            handler=HandlerKind.PROPERTY,
            guidance="请拍下垃圾桶的位置。",
            keywords="垃圾,垃圾桶",
            resolve_days=1,
        ),
        "noise": Category.objects.create(
            parent=environment, code="env.noise", name="噪音扰民", handler=HandlerKind.COMMUNITY
        ),
        "lamp": Category.objects.create(
            parent=facilities,
            code="fac.lamp",
            name="楼道灯不亮",
            handler=HandlerKind.PROPERTY,
            resolve_days=3,
        ),
    }


def unit_of(community: Place) -> Place:
    return Place.objects.filter(path__startswith=community.path, kind=PlaceKind.UNIT).get()


@pytest.fixture
def boards(world):
    """The unit-door board of each community, by community id."""
    return {
        community.pk: boards_post_for_doors(place=community)[0]
        for community in (world.community_a1, world.community_a2, world.community_b1, world.community_b2)
    }


def reported(board, category, *, reporter=None, description="楼道灯不亮了"):
    return report_submit(
        place=board.place,
        board=board,
        category=category,
        description=description,
        source="qr",
        reporter=reporter,
    )


def pytest_configure(config):
    config.addinivalue_line("markers", "schemathesis: property-based run of the OpenAPI schema (slow)")


def pytest_collection_modifyitems(config, items):
    if "schemathesis" in (config.getoption("markexpr") or ""):
        return
    later = pytest.mark.skip(reason="run with -m schemathesis")
    for item in items:
        if "schemathesis" in item.keywords:
            item.add_marker(later)
