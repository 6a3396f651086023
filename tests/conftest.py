import pytest
from django.core.cache import caches
from django.utils import translation

from apps.access.roles import Role
from apps.access.services import role_grant
from apps.accounts import sms
from apps.accounts.services import residency_claim
from apps.organizations.models import Organization
from apps.places.models import Place, PlaceKind
from apps.places.services import department_of_street
from apps.reports.models import Category, HandlerKind

from .factories import UserFactory, build_street, management_unit, person_with_role


@pytest.fixture(autouse=True)
def _media_outbox_and_cache(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    sms.outbox.clear()
    for kept in caches.all():
        kept.clear()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language: a page asked for in English leaves English active in
    the thread, and a category created then would be written in English."""
    translation.deactivate()
    yield
    translation.deactivate()


class World:
    """Two streets (甲, 乙) of two communities each, with staff of every kind."""

    def __init__(self):
        self.street_a = build_street("甲")
        self.street_b = build_street("乙")
        self.community_a1, self.community_a2 = self.communities(self.street_a)
        self.community_b1, self.community_b2 = self.communities(self.street_b)
        self.unit_a1 = management_unit(self.street_a, [self.compound(self.community_a1)], "甲一物业单元")
        self.unit_b1 = management_unit(self.street_b, [self.compound(self.community_b1)], "乙一物业单元")
        self.staff_a1 = person_with_role(
            Role.COMMUNITY_STAFF, place=self.community_a1, display_name="甲一社工"
        )
        self.staff_a2 = person_with_role(
            Role.COMMUNITY_STAFF, place=self.community_a2, display_name="甲二社工"
        )
        self.staff_b1 = person_with_role(
            Role.COMMUNITY_STAFF, place=self.community_b1, display_name="乙一社工"
        )
        self.official_a = person_with_role(
            Role.STREET_OFFICIAL, place=self.street_a, display_name="甲街道干部"
        )
        self.property_a1 = person_with_role(Role.PROPERTY_STAFF, unit=self.unit_a1, display_name="甲一物业")
        self.department_a = department_of_street(place=self.street_a, name="城市管理办公室")
        self.department_b = department_of_street(place=self.street_b, name="城市管理办公室")
        self.department_staff_a = person_with_role(
            Role.DEPARTMENT_STAFF, department=self.department_a, display_name="甲城管办"
        )
        self.department_staff_b = person_with_role(
            Role.DEPARTMENT_STAFF, department=self.department_b, display_name="乙城管办"
        )
        self.outsider = person_with_role(Role.RESIDENT, place=self.households(self.community_b2)[0])

    @staticmethod
    def communities(street: Place) -> list[Place]:
        return list(Place.objects.get_children(street).order_by("path"))

    @staticmethod
    def compound(community: Place) -> Place:
        return Place.objects.get_children(community).get()

    @staticmethod
    def households(place: Place) -> list[Place]:
        return list(
            Place.objects.filter(path__startswith=place.path, kind=PlaceKind.HOUSEHOLD).order_by("path")
        )


@pytest.fixture
def world(db) -> World:
    return World()


class Participants:
    """In community 甲1: a resident, a council member of its compound, a resident awaiting
    verification, an organization's member and volunteer; in 乙1 a resident of its own."""

    def __init__(self, world):
        households = world.households(world.community_a1)
        self.resident_a1 = person_with_role(Role.RESIDENT, place=households[0], display_name="甲一居民")
        self.council_a1 = person_with_role(
            Role.COUNCIL_MEMBER, place=world.compound(world.community_a1), display_name="甲一议事会成员"
        )
        self.applicant_a1 = UserFactory(display_name="甲一待核实居民")
        residency_claim(user=self.applicant_a1, household=households[1], relation="owner", proof="房产证")
        self.resident_b1 = person_with_role(
            Role.RESIDENT, place=world.households(world.community_b1)[0], display_name="乙一居民"
        )
        self.team = Organization.objects.create(
            name="甲一居民互助队", place=world.community_a1, category="service", status="active"
        )
        self.member = UserFactory(display_name="队员")
        role_grant(user=self.member, role=Role.ORGANIZATION_MEMBER, organization=self.team)
        self.volunteer = UserFactory(display_name="志愿者")
        role_grant(user=self.volunteer, role=Role.ORGANIZATION_VOLUNTEER, organization=self.team)

    def people(self) -> list:
        return [
            self.resident_a1,
            self.council_a1,
            self.applicant_a1,
            self.resident_b1,
            self.member,
            self.volunteer,
        ]


@pytest.fixture
def participants(world) -> Participants:
    return Participants(world)


@pytest.fixture
def categories(db):
    """Two major categories with four minor ones, one of each handler; 飞线充电 is urgent."""
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
def suggestion_catalogue(db, settings, tmp_path):
    """The full category catalogue, and a category-suggestion model learnt afresh in a folder of its own."""
    from apps.reports import suggestions
    from apps.reports.categories import categories_load

    settings.SUGGEST_MODEL_DIR = str(tmp_path / "models")
    suggestions._memo.clear()
    categories_load()
    yield
    suggestions._memo.clear()
