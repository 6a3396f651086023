import pytest

from apps.places.models import Place, PlaceKind
from apps.reports.boards import boards_post_for_doors
from apps.reports.models import Category, HandlerKind


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
            resolve_days=1,
        ),
        "noise": Category.objects.create(
            parent=environment,
            code="env.noise",
            name="噪音扰民",
            handler=HandlerKind.COMMUNITY,
            resolve_days=7,
        ),
        "lamp": Category.objects.create(
            parent=facilities,
            code="fac.lamp",
            name="楼道灯不亮",
            handler=HandlerKind.PROPERTY,
            resolve_days=3,
        ),
        "wires": Category.objects.create(
            parent=facilities,
            code="fac.wires",
            name="飞线充电",
            handler=HandlerKind.STREET,
            street_department="平安建设办公室",
            urgent=True,
            dispatch_minutes=5,
            response_hours=1,
            resolve_days=1,
        ),
    }


@pytest.fixture
def unit_a1(world) -> Place:
    """The unit door of community 甲1, whose compound is served by a property-management unit."""
    return Place.objects.filter(path__startswith=world.community_a1.path, kind=PlaceKind.UNIT).get()


@pytest.fixture
def board(unit_a1):
    return boards_post_for_doors(place=unit_a1)[0]
