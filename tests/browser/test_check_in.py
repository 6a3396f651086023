from datetime import timedelta

import zxingcpp
from django.utils import timezone
from PIL import Image

from apps.access.roles import Role
from apps.access.services import role_grant
from apps.organizations.models import Activity, Organization, Signup
from apps.organizations.services.activities import signup_create
from tests.factories import PASSWORD, UserFactory

from .audit import assert_resident_page_passes
from .steps import expect, sign_in


def test_a_volunteer_checks_in_by_scanning_the_code_of_the_minute(
    world, live_server, settings, new_page, screenshot, tmp_path
):
    settings.SITE_URL = live_server.url
    team = Organization.objects.create(
        name="甲一志愿服务队", place=world.community_a1, category="service", status="active"
    )
    leader, volunteer = UserFactory(display_name="队长"), UserFactory(display_name="志愿者小王")
    role_grant(user=leader, role=Role.ORGANIZATION_LEADER, organization=team)
    role_grant(user=volunteer, role=Role.ORGANIZATION_VOLUNTEER, organization=team)
    starts_at = timezone.now() + timedelta(minutes=20)  # check-in opens half an hour before
    activity = Activity.objects.create(
        organization=team,
        kind="service",
        title="楼道清洁",
        venue="社区活动室",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        capacity=10,
    )
    signup = signup_create(activity=activity, user=volunteer)

    organizer = new_page(desktop=True)
    organizer.goto(f"/organizations/activities/{activity.pk}/code/")
    sign_in(organizer, login=leader.phone.as_national, password=PASSWORD)
    organizer.locator(".qr svg").screenshot(path=tmp_path / "code.png")
    screenshot(organizer, "code-on-screen")
    assert_resident_page_passes(organizer)  # read by the volunteers at the venue
    [code] = zxingcpp.read_barcodes(Image.open(tmp_path / "code.png"))

    phone = new_page()
    phone.goto(code.text)
    sign_in(phone, login=volunteer.phone.as_national, password=PASSWORD)
    expect(phone.get_by_role("heading", name="楼道清洁")).to_be_visible()
    assert_resident_page_passes(phone)
    phone.get_by_role("button", name="我要签到").click()
    expect(phone.get_by_text("签到成功，欢迎！")).to_be_visible()
    screenshot(phone, "checked-in")
    assert_resident_page_passes(phone)
    signup.refresh_from_db()
    assert signup.checked_in_at is not None
    assert signup.status == Signup.Status.CONFIRMED
