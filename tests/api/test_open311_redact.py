"""The public feed's redaction: phone numbers, ID numbers and licence plates go however they are
typed; dates, amounts, building numbers and tracking numbers stay."""

import pytest
from django.utils import translation

from apps.api.open311.redact import redact


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "text",
    [
        "请打13812345678联系",
        "请打１３８１２３４５６７８联系",
        "请打138 1234 5678联系",
        "请打138-1234-5678联系",
        "请打+86 138 1234 5678联系",
        "请打１３８－１２３４－５６７８联系",
        "请打010-65123456联系",
        "请打6512 3456联系",
        "请打400-123-4567联系",
        "证号110101199003071234联系",
        "证号11010119900307123X联系",
        "证号110101 1990 0307 123x联系",
        "证号１１０１０１１９９００３０７１２３Ｘ联系",
        "车牌京A12345联系",
        "车牌京AD12345联系",
        "车牌京a·12345联系",
        "车牌京Ａ１２３４５联系",
        "车牌沪B 1234学联系",
    ],
)
def test_it_removes_phone_id_and_plate_numbers_however_typed(text):
    assert redact(text) == text[:2] + "[removed]联系"


def test_it_removes_each_of_several_numbers():
    assert redact("13812345678和13912345678") == "[removed]和[removed]"


@pytest.mark.parametrize(
    "text",
    ["2024-05-01 已处理", "已更换3个灯泡，费用120元", "8号楼 3单元 202室", "工单 000000-ABCDEF", "10:30到场"],
)
def test_it_keeps_dates_amounts_and_places(text):
    assert redact(text) == text


def test_the_placeholder_is_in_the_users_language():
    with translation.override("zh-hans"):
        assert redact("13812345678") == "[已隐去]"
