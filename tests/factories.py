"""factory_boy factories and a small tree builder shared by the test suite."""

import factory
from django.contrib.auth import get_user_model

from apps.access.roles import Role
from apps.access.services import role_grant
from apps.places.models import ManagedCompound, ManagementUnit, Place, PropertyCompany
from apps.places.services import place_add

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    display_name = factory.Sequence(lambda n: f"居民{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.cn")
    phone = factory.Sequence(lambda n: f"+86139{n:08d}")
    phone_verified = True
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PropertyCompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PropertyCompany

    name = factory.Sequence(lambda n: f"物业公司{n}")


def add(parent: Place | None, name: str, **fields) -> Place:
    return place_add(parent=parent, name=name, **fields)


def build_street(name: str, *, communities: int = 2) -> Place:
    """A district with one street, `communities` communities, each with one compound, building,
    unit and two households."""
    district = add(None, f"{name}区")
    street = add(district, f"{name}街道")
    for c in range(1, communities + 1):
        community = add(street, f"{name}{c}社区", phone="010-6000000{c}")
        compound = add(community, f"{name}{c}小区", latitude="39.9", longitude="116.6")
        building = add(compound, "1号楼")
        unit = add(building, "1单元")
        add(unit, "101室", floor_area="88.50")
        add(unit, "102室", floor_area="95.00")
    return street


def management_unit(street: Place, compounds: list[Place], name: str = "管理单元") -> ManagementUnit:
    unit = ManagementUnit.objects.create(
        name=name, company=PropertyCompanyFactory(street=street), street=street
    )
    for compound in compounds:
        ManagedCompound.objects.create(unit=unit, compound=compound)
    return unit


def person_with_role(
    role: Role, *, place: Place | None = None, unit: ManagementUnit | None = None, department=None, **fields
):
    user = UserFactory(**fields)
    role_grant(user=user, role=role, place=place, management_unit=unit, department=department)
    return user


def jpeg_bytes(size=(640, 480), colour="orange") -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()
