"""The category tree new installs start with: its size, its soundness and the checks that guard it."""

import dataclasses
import re
from collections import Counter

import pytest

from apps.reports.catalog import (
    CATALOG,
    COMMUNITY,
    PROPERTY,
    STREET_PREFIX,
    MajorCategory,
    MinorCategory,
    iter_minor,
    validate_catalog,
)


def minors() -> list[MinorCategory]:
    return [minor for _, minor in iter_minor()]


def with_first_minor_changed(**changes) -> tuple[MajorCategory, ...]:
    first, *rest = CATALOG
    changed = dataclasses.replace(first.children[0], **changes)
    return (dataclasses.replace(first, children=(changed, *first.children[1:])), *rest)


def test_catalog_has_at_least_eight_major_categories():
    assert len(CATALOG) >= 8


def test_catalog_has_at_least_forty_minor_categories():
    assert len(minors()) >= 40


def test_every_major_category_has_several_minor_categories():
    assert all(len(major.children) >= 5 for major in CATALOG)


def test_shipped_catalog_passes_validation():
    validate_catalog()


def test_codes_are_unique_across_the_catalog():
    codes = [major.code for major in CATALOG] + [minor.code for minor in minors()]
    assert [code for code, count in Counter(codes).items() if count > 1] == []


def test_codes_are_ascii():
    assert all(minor.code.isascii() for minor in minors())


def test_every_urgent_category_is_dispatched_within_five_minutes():
    urgent = [minor for minor in minors() if minor.urgent]
    assert urgent
    assert all(minor.dispatch_minutes <= 5 for minor in urgent)


def test_every_handler_is_property_community_or_a_street_department():
    for minor in minors():
        department = minor.handler.removeprefix(STREET_PREFIX)
        is_street = minor.handler.startswith(STREET_PREFIX) and department.strip() == department != ""
        assert minor.handler in (PROPERTY, COMMUNITY) or is_street, minor.code


def test_each_guidance_is_distinct():
    guidance = [minor.guidance for minor in minors()]
    assert len(set(guidance)) == len(guidance)


def test_iter_minor_pairs_each_minor_with_its_own_major():
    assert all(minor in major.children for major, minor in iter_minor())


def test_street_handler_splits_into_kind_and_department():
    zombie_car = next(minor for minor in minors() if minor.code == "parking.zombie-car")
    assert (zombie_car.handler_kind, zombie_car.street_department) == ("street", "城市管理办公室")


def test_validation_rejects_a_duplicate_code():
    catalog = with_first_minor_changed(code=CATALOG[0].children[1].code)
    with pytest.raises(ValueError, match="duplicate code"):
        validate_catalog(catalog)


def test_validation_rejects_empty_guidance():
    with pytest.raises(ValueError, match="empty guidance"):
        validate_catalog(with_first_minor_changed(guidance="  "))


@pytest.mark.parametrize("handler", ["street", "street:", "street: 城管", "Property", "居委会", ""])
def test_validation_rejects_a_bad_handler(handler):
    with pytest.raises(ValueError, match="bad handler"):
        validate_catalog(with_first_minor_changed(handler=handler))


@pytest.mark.parametrize("field", ["dispatch_minutes", "response_hours", "resolve_days"])
@pytest.mark.parametrize("value", [0, -1])
def test_validation_rejects_a_non_positive_deadline(field, value):
    with pytest.raises(ValueError, match=f"{field} must be positive"):
        validate_catalog(with_first_minor_changed(**{field: value}))


def test_validation_rejects_an_urgent_category_dispatched_after_five_minutes():
    with pytest.raises(ValueError, match="urgent"):
        validate_catalog(with_first_minor_changed(urgent=True, dispatch_minutes=6))


@pytest.mark.parametrize("field", ["name_en", "guidance_en"])
def test_validation_rejects_a_category_without_english(field):
    with pytest.raises(ValueError, match="no English"):
        validate_catalog(with_first_minor_changed(**{field: " "}))


def test_validation_rejects_a_major_category_without_english():
    catalog = (dataclasses.replace(CATALOG[0], description_en=""), *CATALOG[1:])
    with pytest.raises(ValueError, match="no English"):
        validate_catalog(catalog)


def test_each_english_name_is_distinct():
    names = [minor.name_en for minor in minors()] + [major.name_en for major in CATALOG]
    assert [name for name, count in Counter(names).items() if count > 1] == []


@pytest.mark.parametrize(("name", "guidance"), [("name", "guidance"), ("name_en", "guidance_en")])
def test_a_category_a_guidance_points_to_is_named_as_in_the_same_language(name, guidance):
    names = {getattr(minor, name) for minor in minors()}
    pointed_to = [re.findall(r"“(.+?)”", getattr(minor, guidance)) for minor in minors()]
    assert sum(map(len, pointed_to)) >= 6
    assert {quoted for quotes in pointed_to for quoted in quotes} <= names
