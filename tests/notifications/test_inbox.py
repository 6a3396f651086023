from django.urls import reverse

from apps.notifications.models import Notification
from apps.notifications.services import notify
from tests.factories import UserFactory


def test_a_person_reads_their_notifications_and_no_one_elses(client, db, mailoutbox):
    me, other = UserFactory(), UserFactory()
    notify(users=[me], key="k1", title="您反映的问题已办结", url="/r/x/")
    notify(users=[other], key="k1", title="别人的通知")
    client.force_login(me)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "您反映的问题已办结" in page and "别人的通知" not in page
    assert [m.to for m in mailoutbox] == [[me.email], [other.email]]


def test_notifying_twice_for_the_same_occasion_records_and_mails_once(db, mailoutbox):
    me = UserFactory()
    notify(users=[me], key="k1", title="一")
    notify(users=[me], key="k1", title="一")
    assert Notification.objects.filter(user=me).count() == 1
    assert len(mailoutbox) == 1


def test_marking_all_as_read(client, db):
    me = UserFactory()
    notify(users=[me], key="k1", title="一")
    client.force_login(me)
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(user=me, read_at__isnull=True).exists()


def test_my_home_counts_a_new_notice_and_forgets_it_once_read(client, db):
    me = UserFactory()
    client.force_login(me)
    home = reverse("accounts:home")
    assert "消息 (1)" not in client.get(home).content.decode()
    notify(users=[me], key="k1", title="一")
    assert "消息 (1)" in client.get(home).content.decode()
    client.post(reverse("notifications:read_all"))
    assert "消息 (1)" not in client.get(home).content.decode()
