from datetime import timedelta

import zxingcpp
from django.utils import timezone
from PIL import Image

from apps.access.roles import Role
from apps.halls.meetings.services import meeting_schedule
from apps.halls.models import AgendaItem, Attendance, Meeting, Minutes
from apps.halls.services import hall_for
from apps.halls.topics.services import topic_raise
from tests.factories import PASSWORD, person_with_role

from .audit import assert_resident_page_passes
from .steps import expect, sign_in

MINUTES = "会议同意更换1号楼单元门，由物业在两周内提交报价。"


def test_a_resident_registers_signs_in_with_the_venue_code_and_approves_the_minutes(
    world, live_server, settings, new_page, screenshot, tmp_path
):
    settings.SITE_URL = live_server.url
    hall = hall_for(world.community_a1)
    resident = person_with_role(
        Role.RESIDENT, place=world.households(world.community_a1)[0], display_name="住户老王"
    )
    topic = topic_raise(hall=hall, user=resident, title="更换1号楼单元门", body="单元门锁坏了两年。")
    starts_at = timezone.now() + timedelta(minutes=30)  # the staff may open it up to an hour before
    meeting = meeting_schedule(
        meeting=Meeting(
            hall=hall,
            title="六月居民议事会",
            venue="社区活动室",
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            capacity=30,
        ),
        by=world.staff_a1,
        topics=[topic],
    )
    assert AgendaItem.objects.filter(meeting=meeting).count() == 1

    # The resident finds the meeting from their hall and takes a place.
    phone = new_page()
    phone.goto("/halls/")
    sign_in(phone, login=resident.phone.as_national, password=PASSWORD)
    phone.get_by_role("link", name=hall.name).click()
    expect(phone.get_by_role("heading", name="近期议事会")).to_be_visible()
    assert_resident_page_passes(phone)
    phone.get_by_role("link", name="六月居民议事会").click()
    expect(phone.get_by_role("heading", name="六月居民议事会")).to_be_visible()
    expect(phone.get_by_text("社区活动室")).to_be_visible()
    expect(phone.get_by_role("link", name="更换1号楼单元门")).to_be_visible()
    expect(phone.get_by_text("已报 0 / 30 名，候补 0 人")).to_be_visible()
    assert_resident_page_passes(phone)
    phone.get_by_role("button", name="报名", exact=True).click()
    expect(phone.get_by_text("报名成功。")).to_be_visible()
    expect(phone.get_by_text("已报 1 / 30 名，候补 0 人")).to_be_visible()
    expect(phone.locator("#mine").get_by_text("已报名")).to_be_visible()
    expect(phone.get_by_role("heading", name="工作人员")).to_have_count(0)
    screenshot(phone, "registered")
    assert_resident_page_passes(phone)

    # At the venue, the staff open the meeting and put the sign-in code on the screen.
    staff = new_page(desktop=True)
    staff.goto(f"/halls/meetings/{meeting.pk}/")
    sign_in(staff, login=world.staff_a1.phone.as_national, password=PASSWORD)
    expect(staff.get_by_role("heading", name="工作人员")).to_be_visible()
    staff.get_by_role("link", name="现场签到码").click()
    staff.get_by_role("button", name="开会并显示签到码").click()
    expect(staff.get_by_text("扫码签到。签到码每分钟更换。")).to_be_visible()
    expect(staff.get_by_text("0 人已签到")).to_be_visible()
    staff.locator(".qr svg").screenshot(path=tmp_path / "code.png")
    screenshot(staff, "code-on-screen")
    assert_resident_page_passes(staff)  # read by the residents at the venue
    [code] = zxingcpp.read_barcodes(Image.open(tmp_path / "code.png"))
    assert code.text.startswith(f"{live_server.url}/halls/meetings/{meeting.pk}/sign-in/?c=")

    # The resident scans it with their phone and signs in.
    phone.goto(code.text)
    expect(phone.get_by_role("heading", name="六月居民议事会")).to_be_visible()
    assert_resident_page_passes(phone)
    phone.get_by_role("button", name="我要签到").click()
    expect(phone.get_by_text("签到成功，欢迎参会！")).to_be_visible()
    expect(phone.locator("#mine").get_by_text("已签到")).to_be_visible()
    screenshot(phone, "signed-in")
    assert_resident_page_passes(phone)

    # The staff see the resident signed in, close the meeting, and put the minutes to the attendees.
    staff.reload()
    expect(staff.get_by_text("1 人已签到")).to_be_visible()
    staff.get_by_role("button", name="散会：签到名单定稿").click()
    expect(staff.get_by_text("已关闭")).to_be_visible()
    staff.get_by_role("link", name="六月居民议事会").click()
    staff.locator("main").get_by_role("link", name="会议纪要").click()
    expect(staff.get_by_role("heading", name="会议纪要")).to_be_visible()
    staff.get_by_label("会议纪要").fill(MINUTES)
    staff.get_by_role("button", name="提交参会人确认").click()
    expect(staff.get_by_text("已保存。")).to_be_visible()
    screenshot(staff, "minutes-submitted")
    assert_resident_page_passes(staff)

    # The resident, who attended, reads the draft and approves it: it is published at once.
    phone.goto(f"/halls/meetings/{meeting.pk}/")
    expect(phone.get_by_role("heading", name="待您确认的纪要草稿")).to_be_visible()
    expect(phone.get_by_text(MINUTES)).to_be_visible()
    assert_resident_page_passes(phone)
    phone.get_by_label("我同意这份纪要").check()
    phone.get_by_role("button", name="提交我的意见").click()
    expect(phone.get_by_text("谢谢，您的意见已记录。")).to_be_visible()
    expect(phone.get_by_text("经参会人确认，于")).to_be_visible()
    expect(phone.get_by_text(MINUTES)).to_be_visible()
    screenshot(phone, "minutes-published")
    assert_resident_page_passes(phone)

    attendance = Attendance.objects.get(meeting=meeting)
    assert (attendance.user, attendance.method) == (resident, Attendance.Method.CODE)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.attendees) == (Meeting.Status.CLOSED, 1)
    assert meeting.minutes.status == Minutes.Status.PUBLISHED
