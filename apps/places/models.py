"""
The tree of places and the property-management units that group compounds.

district → street → community → compound → building → unit → household; the tree is a
materialized path (django-treebeard), so "everything below X" is one indexed prefix query.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node


class PlaceKind(models.TextChoices):
    DISTRICT = "district", _("District")
    STREET = "street", _("Street")
    COMMUNITY = "community", _("Community")
    COMPOUND = "compound", _("Compound")
    BUILDING = "building", _("Building")
    UNIT = "unit", _("Unit")
    HOUSEHOLD = "household", _("Household")


KIND_ORDER = list(PlaceKind)  # a kind's depth in the tree is its index + 1


def depth_of(kind: str) -> int:
    return KIND_ORDER.index(PlaceKind(kind)) + 1


class Place(MP_Node):
    steplen = 4

    kind = models.CharField(_("kind"), max_length=16, choices=PlaceKind.choices)
    name = models.CharField(_("name"), max_length=120)
    code = models.CharField(
        _("code"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("A stable identifier used by imports and other systems."),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    floor_area = models.DecimalField(
        _("floor area (m²)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    phone = models.CharField(_("contact phone"), max_length=32, blank=True)

    # access.visibility: a place is reached through its own path.
    access_anchors = ("",)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        indexes = [
            # prefix (LIKE 'x%') scans on PostgreSQL need the pattern operator class
            models.Index(fields=["path"], name="places_place_path_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["kind", "path"], name="places_place_kind_path"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(*[Q(kind=kind, depth=depth_of(kind)) for kind in PlaceKind], _connector=Q.OR),
                name="places_place_kind_matches_depth",
            ),
            models.CheckConstraint(
                condition=Q(floor_area__isnull=True) | Q(kind=PlaceKind.HOUSEHOLD, floor_area__gt=0),
                name="places_place_floor_area_on_households",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def child_kind(self) -> str | None:
        index = KIND_ORDER.index(PlaceKind(self.kind))
        return KIND_ORDER[index + 1] if index + 1 < len(KIND_ORDER) else None

    def ancestor_path(self, kind: str) -> str:
        """The path of this place's ancestor (or itself) of the given kind."""
        return self.path[: self.steplen * depth_of(kind)]

    def is_within(self, other: "Place") -> bool:
        return self.path.startswith(other.path)


class PropertyCompany(models.Model):
    name = models.CharField(_("name"), max_length=120)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    phone = models.CharField(_("service phone"), max_length=32, blank=True)
    street = models.ForeignKey(
        Place,
        verbose_name=_("registered with street"),
        on_delete=models.PROTECT,
        related_name="property_companies",
        limit_choices_to={"kind": PlaceKind.STREET},
    )

    access_anchors = ("street", "management_units__compounds")

    class Meta:
        verbose_name = _("property company")
        verbose_name_plural = _("property companies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ManagementUnit(models.Model):
    """物业管理单元: compounds served together by one property company, possibly across communities."""

    name = models.CharField(_("name"), max_length=120)
    company = models.ForeignKey(
        PropertyCompany,
        verbose_name=_("property company"),
        on_delete=models.PROTECT,
        related_name="management_units",
    )
    street = models.ForeignKey(
        Place,
        verbose_name=_("street"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": PlaceKind.STREET},
    )
    compounds = models.ManyToManyField(
        Place,
        verbose_name=_("compounds"),
        through="ManagedCompound",
        related_name="management_units",
    )

    access_anchors = ("street", "compounds")

    class Meta:
        verbose_name = _("property-management unit")
        verbose_name_plural = _("property-management units")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A unit of government that handles reports with its own staff: a street's department
    (城市管理办公室, 平安建设办公室 …) or a district bureau a street may summon. Its staff hold the
    department-staff role on it."""

    class Kind(models.TextChoices):
        STREET_DEPARTMENT = "street", _("Street department")
        DISTRICT_BUREAU = "district", _("District bureau")

    name = models.CharField(_("name"), max_length=60)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.STREET_DEPARTMENT)
    place = models.ForeignKey(
        Place,
        verbose_name=_("street or district"),
        on_delete=models.PROTECT,
        related_name="departments",
        limit_choices_to={"kind__in": [PlaceKind.STREET, PlaceKind.DISTRICT]},
    )
    phone = models.CharField(_("duty phone"), max_length=32, blank=True)
    is_active = models.BooleanField(_("in service"), default=True)

    access_anchors = ("place",)
    access_department = ("pk",)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["place", "name"], name="places_department_name_once_per_place"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        expected = PlaceKind.STREET if self.kind == self.Kind.STREET_DEPARTMENT else PlaceKind.DISTRICT
        if self.place_id and self.place.kind != expected:
            raise ValidationError(
                {"place": _("A street department belongs to a street, a district bureau to a district.")}
            )


class ManagedCompound(models.Model):
    unit = models.ForeignKey(ManagementUnit, on_delete=models.CASCADE, related_name="managed_compounds")
    compound = models.ForeignKey(
        Place,
        verbose_name=_("compound"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"kind": PlaceKind.COMPOUND},
    )

    access_anchors = ("compound", "unit__street")

    class Meta:
        verbose_name = _("managed compound")
        verbose_name_plural = _("managed compounds")
        constraints = [
            models.UniqueConstraint(fields=["compound"], name="places_compound_in_one_management_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.compound}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.compound_id and self.compound.kind != PlaceKind.COMPOUND:
            raise ValidationError({"compound": _("Only a compound can join a management unit.")})
        if self.compound_id and self.unit_id and not self.compound.is_within(self.unit.street):
            raise ValidationError({"compound": _("The compound lies outside the unit's street.")})
