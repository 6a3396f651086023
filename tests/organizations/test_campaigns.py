import datetime as dt
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.organizations.codes import station_code
from apps.organizations.models import Campaign, CheckIn, RewardClaim, RewardTier
from apps.organizations.services.campaigns import campaign_check_in, reward_claim, reward_redeem
from tests.factories import jpeg_bytes

FIRST_DAY = dt.date.today() + timedelta(days=30)  # after the roles granted now


def at(day: int, hour: int = 8):
    """A moment of the campaign's `day` (1-based), local time."""
    moment = dt.datetime.combine(FIRST_DAY + timedelta(days=day - 1), dt.time(hour, 0))
    return timezone.make_aware(moment)


@pytest.fixture
def campaign(club):
    campaign = Campaign.objects.create(
        organization=club.team,
        title="垃圾分类21天打卡",
        starts_on=FIRST_DAY,
        ends_on=FIRST_DAY + timedelta(days=20),
        window_opens=dt.time(7, 0),
        window_closes=dt.time(9, 0),
        rule=Campaign.Rule.STATION_CODE,
    )
    for days in (10, 15, 21):
        RewardTier.objects.create(campaign=campaign, days=days, reward=f"{days}天奖品")
    RewardTier.objects.create(campaign=campaign, days=3, basis="streak", reward="连续三天")
    return campaign


def check_in_on(campaign, person, day: int):
    with time_machine.travel(at(day), tick=False):
        return campaign_check_in(campaign=campaign, user=person, code=station_code(campaign))


def test_the_station_code_checks_a_resident_in_for_the_day(campaign, club):
    assert check_in_on(campaign, club.resident, 1).day == FIRST_DAY


def test_checking_in_twice_a_day_is_refused(campaign, club):
    check_in_on(campaign, club.resident, 1)
    with pytest.raises(ValidationError, match="today"):
        check_in_on(campaign, club.resident, 1)


def test_the_database_holds_one_check_in_per_person_per_day(campaign, club):
    from django.db import IntegrityError

    check_in_on(campaign, club.resident, 1)
    with pytest.raises(IntegrityError):
        CheckIn.objects.create(campaign=campaign, organization=club.team, user=club.resident, day=FIRST_DAY)


def test_a_wrong_station_code_is_refused(campaign, club):
    with time_machine.travel(at(1)), pytest.raises(ValidationError):
        campaign_check_in(campaign=campaign, user=club.resident, code="0000000000")


def test_a_check_in_outside_the_daily_window_is_refused(campaign, club):
    with time_machine.travel(at(1, hour=10)), pytest.raises(ValidationError):
        campaign_check_in(campaign=campaign, user=club.resident, code=station_code(campaign))


def test_a_check_in_after_the_last_day_is_refused(campaign, club):
    with time_machine.travel(at(22)), pytest.raises(ValidationError):
        campaign_check_in(campaign=campaign, user=club.resident, code=station_code(campaign))


def test_a_photo_campaign_needs_a_photo(campaign, club):
    campaign.rule = Campaign.Rule.PHOTO
    campaign.save()
    with time_machine.travel(at(1)):
        with pytest.raises(ValidationError):
            campaign_check_in(campaign=campaign, user=club.resident)
        photo = SimpleUploadedFile("bin.jpg", jpeg_bytes(), content_type="image/jpeg")
        assert campaign_check_in(campaign=campaign, user=club.resident, photo=photo).photo


def test_a_volunteer_campaign_needs_a_volunteer_of_the_organization(campaign, club):
    campaign.rule = Campaign.Rule.VOLUNTEER
    campaign.save()
    with time_machine.travel(at(1)):
        with pytest.raises(ValidationError):
            campaign_check_in(campaign=campaign, user=club.resident, confirmed_by=club.other_leader)
        assert campaign_check_in(campaign=campaign, user=club.resident, confirmed_by=club.volunteer)


def test_a_reward_is_claimed_once_reached(campaign, club):
    for day in range(1, 11):
        check_in_on(campaign, club.resident, day)
    tier = campaign.tiers.get(days=10)
    assert reward_claim(tier=tier, user=club.resident).pk


def test_a_reward_not_reached_is_refused(campaign, club):
    for day in range(1, 10):
        check_in_on(campaign, club.resident, day)
    with pytest.raises(ValidationError, match="Not reached"):
        reward_claim(tier=campaign.tiers.get(days=10), user=club.resident)


def test_a_reward_claimed_twice_is_refused(campaign, club):
    for day in range(1, 11):
        check_in_on(campaign, club.resident, day)
    tier = campaign.tiers.get(days=10)
    reward_claim(tier=tier, user=club.resident)
    with pytest.raises(ValidationError, match="already"):
        reward_claim(tier=tier, user=club.resident)


def test_a_streak_tier_counts_days_in_a_row(campaign, club):
    for day in (1, 2, 4, 5):
        check_in_on(campaign, club.resident, day)
    tier = campaign.tiers.get(basis="streak")
    with pytest.raises(ValidationError):
        reward_claim(tier=tier, user=club.resident)
    check_in_on(campaign, club.resident, 6)
    assert reward_claim(tier=tier, user=club.resident)


def test_staff_redeem_a_reward_once(campaign, club, world):
    for day in range(1, 11):
        check_in_on(campaign, club.resident, day)
    claim = reward_claim(tier=campaign.tiers.get(days=10), user=club.resident)
    reward_redeem(claim=claim, actor=world.staff_a1)
    with pytest.raises(ValidationError):
        reward_redeem(claim=claim, actor=world.staff_a1)


def test_staff_of_another_community_cannot_redeem(campaign, club, world):
    for day in range(1, 11):
        check_in_on(campaign, club.resident, day)
    claim = reward_claim(tier=campaign.tiers.get(days=10), user=club.resident)
    with pytest.raises(PermissionDenied):
        reward_redeem(claim=claim, actor=world.staff_b1)
    assert RewardClaim.objects.get().redeemed_at is None


def test_a_resident_checks_in_from_the_campaign_page(client, campaign, club):
    with time_machine.travel(at(1)):
        client.force_login(club.resident)
        client.post(reverse("organizations:campaign", args=[campaign.pk]), {"code": station_code(campaign)})
    assert CheckIn.objects.filter(user=club.resident).count() == 1


def test_a_volunteer_confirms_a_check_in_by_mobile_number(client, campaign, club):
    campaign.rule = Campaign.Rule.VOLUNTEER
    campaign.save()
    with time_machine.travel(at(1)):
        client.force_login(club.volunteer)
        client.post(
            reverse("organizations:campaign_confirm", args=[campaign.pk]), {"phone": str(club.resident.phone)}
        )
    assert CheckIn.objects.get().confirmed_by == club.volunteer
