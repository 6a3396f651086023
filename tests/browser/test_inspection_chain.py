from django.utils import timezone

from apps.inspections.models import Assignment, Notice
from apps.inspections.rounds import round_generate
from tests.factories import PASSWORD, jpeg_bytes
from tests.inspections.conftest import Civility

from .steps import expect, sign_in


def inspect(phone, point, *, fail: bool, photo=None):
    phone.goto("/inspections/today/")
    phone.get_by_role("link", name=point.name).click()
    expect(phone.get_by_role("heading", name=point.name, level=1)).to_be_visible()
    radios = phone.get_by_role("radio", name="合格", exact=True)
    for index in range(radios.count()):
        radios.nth(index).check()
    if fail:
        phone.get_by_role("radio", name="不合格").first.check()
        phone.locator("input[type=file]").set_input_files(str(photo))
        phone.get_by_label("说明").fill("桶盖破损，周边有散落垃圾")
    phone.get_by_role("button", name="提交检查结果").click()
    expect(phone.get_by_text(f"{point.name} 已检查。")).to_be_visible()


def test_a_failed_point_is_rectified_passed_on_reinspection_and_moves_the_disposal_rate(
    world, new_page, screenshot, tmp_path
):
    civility = Civility(world)
    today = timezone.localdate()
    for category in (civility.bins, civility.gates):
        round_generate(street=world.street_a, category=category, today=today)
    Assignment.objects.update(planned_on=today)  # all three points are on today's walk
    photo = tmp_path / "bin.jpg"
    photo.write_bytes(jpeg_bytes())

    inspector = new_page()
    inspector.goto("/inspections/today/")
    sign_in(inspector, login=civility.inspector_a.phone.as_national, password=PASSWORD)
    expect(inspector.locator("ol.walk li")).to_have_count(3)
    screenshot(inspector, "walk")
    inspect(inspector, civility.gate_a1, fail=False)
    inspect(inspector, civility.bin_a2, fail=False)
    inspect(inspector, civility.bin_a1, fail=True, photo=photo)
    expect(inspector.get_by_text("今日巡查点位")).to_be_visible()
    notice = Notice.objects.get()

    official = new_page(desktop=True)
    official.goto("/oversight/inspections/")
    sign_in(official, login=world.official_a.phone.as_national, password=PASSWORD)
    expect(official.locator("[data-figure=issued]")).to_have_text("1")
    expect(official.locator("[data-figure=disposal-rate]")).to_have_text("0.0%")
    screenshot(official, "figures-before")

    unit = new_page()
    unit.goto("/inspections/notices/")
    sign_in(unit, login=world.property_a1.phone.as_national, password=PASSWORD)
    unit.get_by_role("link", name=notice.number).click()
    unit.get_by_label("说明").fill("已更换垃圾桶并清理周边")
    unit.locator("input[type=file]").set_input_files(str(photo))
    screenshot(unit, "answering")
    unit.get_by_role("button", name="反馈整改情况").click()
    status = f"{civility.bin_a1.name} · {civility.bins.name} · "
    expect(unit.get_by_text(status + "已反馈整改")).to_be_visible()
    notice.refresh_from_db()
    assert notice.status == Notice.Status.ANSWERED

    inspector.goto(f"/inspections/notices/{notice.pk}/")
    inspector.get_by_role("button", name="复查通过").click()
    expect(inspector.get_by_text(status + "复查通过")).to_be_visible()
    expect(inspector.locator("img.thumb")).to_have_count(2)  # what was found, and the rectification
    screenshot(inspector, "passed")

    official.reload()
    expect(official.locator("[data-figure=rectified]")).to_have_text("1")
    expect(official.locator("[data-figure=disposal-rate]")).to_have_text("100.0%")
    screenshot(official, "figures-after")

    official.goto("/oversight/")
    expect(official.locator(f"[data-figure=notices-{world.community_a1.pk}]")).to_have_text("1")
    official.locator("#notices").scroll_into_view_if_needed()
    screenshot(official, "dashboard-notices")
    official.locator("#notices").get_by_role("link", name=world.community_a1.name).click()
    expect(official.get_by_role("link", name=notice.number)).to_be_visible()
    screenshot(official, "notices-of-the-community")
