from django.utils import timezone

from apps.inspections.models import Inspection
from apps.inspections.rounds import round_generate
from tests.factories import PASSWORD, jpeg_bytes
from tests.inspections.conftest import Civility

from .steps import expect, sign_in


def test_an_inspector_walks_the_points_of_the_day_on_a_phone_and_fails_one(
    world, new_page, screenshot, tmp_path
):
    civility = Civility(world)
    round_generate(street=world.street_a, category=civility.bins, today=timezone.localdate())
    photo = tmp_path / "bin.jpg"
    photo.write_bytes(jpeg_bytes())

    phone = new_page()
    phone.goto("/inspections/today/")
    sign_in(phone, login=civility.inspector_a.phone.as_national, password=PASSWORD)
    expect(phone.get_by_role("heading", name="今日巡查点位")).to_be_visible()
    screenshot(phone, "today")
    phone.get_by_role("link", name=civility.bin_a1.name).click()
    expect(phone.get_by_role("heading", name=civility.bin_a1.name, level=1)).to_be_visible()
    radios = phone.get_by_role("radio", name="合格", exact=True)
    for index in range(radios.count()):
        radios.nth(index).check()
    phone.get_by_role("radio", name="不合格").first.check()
    phone.locator("input[type=file]").set_input_files(str(photo))
    phone.get_by_label("说明").fill("桶盖破损")
    screenshot(phone, "inspecting")
    phone.get_by_role("button", name="提交检查结果").click()
    expect(phone.get_by_text(f"{civility.bin_a1.name} 已检查。")).to_be_visible()
    screenshot(phone, "after")
    inspection = Inspection.objects.get()
    assert not inspection.passed
    assert inspection.photos.count() == 1
