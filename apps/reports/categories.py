"""Loading the category catalog (catalog.py) into the database; running it again changes nothing."""

from django.db import transaction

from .catalog import CATALOG, MajorCategory, validate_catalog
from .models import Category, HandlerKind


@transaction.atomic
def categories_load(catalog: tuple[MajorCategory, ...] = CATALOG) -> int:
    """Create the categories that are missing, by code; returns how many were created."""
    validate_catalog(catalog)
    existing = set(Category.objects.values_list("code", flat=True))
    created = 0
    for major_position, major in enumerate(catalog, start=1):
        parent, made = Category.objects.get_or_create(
            code=major.code,
            defaults={
                "name": major.name,
                "guidance": major.description,
                "handler": HandlerKind.COMMUNITY,
                "position": major_position,
            },
        )
        created += made
        for position, minor in enumerate(major.children, start=1):
            if minor.code in existing:
                continue
            Category.objects.create(
                parent=parent,
                code=minor.code,
                name=minor.name,
                guidance=minor.guidance,
                keywords=",".join(minor.keywords),
                handler=minor.handler_kind,
                street_department=minor.street_department,
                dispatch_minutes=minor.dispatch_minutes,
                response_hours=minor.response_hours,
                resolve_days=minor.resolve_days,
                urgent=minor.urgent,
                position=position,
            )
            created += 1
    return created
