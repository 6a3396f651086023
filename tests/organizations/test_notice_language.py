"""An organization's notices and their e-mails are in the site's language, whichever language the
leader or the resident who acted reads the portal in (this folder's tests act in English)."""

from django.utils import translation

from apps.notifications.models import Notification
from apps.organizations.services.activities import activity_cancel, signup_cancel, signup_create
from apps.organizations.services.membership import membership_apply, membership_decide


def test_a_leader_acting_in_english_welcomes_a_member_in_chinese(club, mailoutbox):
    assert translation.get_language() == "en"
    application = membership_apply(user=club.resident, organization=club.team)
    membership_decide(application=application, actor=club.leader, approve=True)

    assert Notification.objects.get(user=club.resident).title == "欢迎加入甲一志愿服务队"
    assert [mail.subject for mail in mailoutbox] == ["欢迎加入甲一志愿服务队"]


def test_a_cancelled_activity_and_a_place_freed_are_told_in_chinese(club):
    activity = club.activity(capacity=1, title="楼道清洁")
    first = signup_create(activity=activity, user=club.resident)
    signup_create(activity=activity, user=club.neighbour)
    signup_cancel(signup=first, user=club.resident)
    activity_cancel(activity=activity, actor=club.leader)

    titles = set(Notification.objects.filter(user=club.neighbour).values_list("title", flat=True))
    assert titles == {"您已获得名额：楼道清洁", "已取消：楼道清洁"}


def test_on_an_english_site_the_welcome_is_in_english(club, settings):
    settings.LANGUAGE_CODE = "en"
    application = membership_apply(user=club.resident, organization=club.team)
    with translation.override("zh-hans"):
        membership_decide(application=application, actor=club.leader, approve=True)

    assert Notification.objects.get(user=club.resident).title == "Welcome to 甲一志愿服务队"
