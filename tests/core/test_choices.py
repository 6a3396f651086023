"""A model's `get_<field>_display` reads as Django's, in each language, for every value."""

import pytest
from django.db import models
from django.utils import translation

from apps.access.models import RoleAssignment
from apps.accounts.models import Residency
from apps.reports.models import Report


@pytest.mark.parametrize("model", [Report, Residency, RoleAssignment])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_choice_reads_as_djangos_label_in_each_language(model, language):
    with translation.override(language):
        for field in (f for f in model._meta.concrete_fields if f.choices):
            for value in [*(v for v, _ in field.flatchoices), "not-a-choice"]:
                instance = model(**{field.attname: value})
                shown = getattr(instance, f"get_{field.name}_display")()
                assert shown == models.Model._get_FIELD_display(instance, field)
                assert isinstance(shown, str)
