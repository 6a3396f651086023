import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_landing_page_speaks_chinese_by_default(client):
    page = client.get(reverse("landing")).content.decode()
    assert 'lang="zh-hans"' in page
    assert "码上说，马上办" in page


def test_a_resident_switches_the_portal_to_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("landing")).content.decode()
    assert 'lang="en"' in page
    assert "Scan, speak — handled at once" in page


def test_the_sign_in_page_uses_the_portal_layout(client):
    page = client.get(reverse("account_login")).content.decode()
    assert "css/gongzhi.css" in page
    assert "手机号" in page or "登录" in page
