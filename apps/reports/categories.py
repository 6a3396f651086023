"""Loading the category catalog (catalog.py) into the database; running it again changes nothing."""

from django.db import transaction
from django.db.models import Q

from apps.places.models import Place, PlaceKind
from apps.places.services import street_departments_ensure

from .catalog import CATALOG, MajorCategory, iter_minor, validate_catalog
from .models import Category, HandlerKind


def _texts(name: str, name_en: str, guidance: str, guidance_en: str) -> dict:
    """Each language's column named: what the active language is must not decide where text goes."""
    return {
        "name_zh_hans": name,
        "name_en": name_en,
        "guidance_zh_hans": guidance,
        "guidance_en": guidance_en,
    }


@transaction.atomic
def categories_load(catalog: tuple[MajorCategory, ...] = CATALOG) -> int:
    """Create the categories that are missing, by code, and give English to those without; returns
    how many were created."""
    validate_catalog(catalog)
    existing = set(Category.objects.values_list("code", flat=True))
    created = 0
    for major_position, major in enumerate(catalog, start=1):
        texts = _texts(major.name, major.name_en, major.description, major.description_en)
        parent, made = Category.objects.get_or_create(
            code=major.code,
            defaults={**texts, "handler": HandlerKind.COMMUNITY, "position": major_position},
        )
        created += made
        for position, minor in enumerate(major.children, start=1):
            if minor.code in existing:
                continue
            Category.objects.create(
                parent=parent,
                code=minor.code,
                **_texts(minor.name, minor.name_en, minor.guidance, minor.guidance_en),
                keywords=",".join(minor.keywords),
                handler=minor.handler_kind,
                street_department=minor.street_department,
                dispatch_minutes=minor.dispatch_minutes,
                response_hours=minor.response_hours,
                resolve_days=minor.resolve_days,
                urgent=minor.urgent,
                needs_review=minor.needs_review,
                position=position,
            )
            created += 1
    english_fill(catalog)
    return created


def english_fill(catalog: tuple[MajorCategory, ...] = CATALOG) -> int:
    """The catalogue's English for categories of its codes that have none (staff's own is kept)."""
    english = {major.code: (major.name_en, major.description_en) for major in catalog}
    english |= {minor.code: (minor.name_en, minor.guidance_en) for _, minor in iter_minor(catalog)}
    filled = 0
    for category in Category.objects.filter(Q(name_en__isnull=True) | Q(name_en=""), code__in=english):
        name_en, guidance_en = english[category.code]
        filled += Category.objects.filter(pk=category.pk).update(name_en=name_en, guidance_en=guidance_en)
    return filled


def category_departments_ensure(category: Category) -> None:
    """A category routed to a street department it names: every street has that department."""
    if category.handler == HandlerKind.STREET and category.street_department:
        for street in Place.objects.filter(kind=PlaceKind.STREET):
            street_departments_ensure(street=street, names=[category.street_department])
