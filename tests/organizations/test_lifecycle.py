"""Registration steps come from the organization's table: a step from the wrong status is refused
with the table's message and records nothing."""

import pytest
from django.core.exceptions import ValidationError

from apps.organizations.models import Organization, StatusChange
from apps.organizations.services.registry import organization_apply, organization_transition


def test_a_step_the_table_does_not_allow_is_refused_and_records_nothing(world, club):
    applied = organization_apply(
        applicant=club.resident, place=world.community_a1, name="绿植队", category="service"
    )
    with pytest.raises(ValidationError, match="An organization that is Applied cannot be changed this way"):
        organization_transition(organization=applied, step="resume", actor=world.staff_a1)
    organization_transition(organization=applied, step="file", actor=world.staff_a1)
    assert Organization.objects.get(pk=applied.pk).status == "filed"
    assert list(
        StatusChange.objects.filter(organization=applied).values_list("from_status", "to_status")
    ) == [
        ("", "applied"),
        ("applied", "filed"),
    ]
