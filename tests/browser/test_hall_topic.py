"""A resident takes part in a topic whose page the cache keeps: the buttons of the kept discussion
submit the page's own forms (HTML `form` attribute), each with the person's token."""

from apps.access.roles import Role
from apps.halls.models import Comment, CommentFlag
from apps.halls.services import hall_for
from apps.halls.topics.discussion import comment_post
from apps.halls.topics.services import topic_raise
from tests.factories import PASSWORD, person_with_role

from .audit import assert_resident_page_passes
from .steps import expect, sign_in


def test_a_resident_replies_reports_comments_and_deletes_their_own_on_a_kept_page(world, page, screenshot):
    household, neighbour_household = world.households(world.community_a1)[:2]
    resident = person_with_role(Role.RESIDENT, place=household, display_name="居民小王")
    neighbour = person_with_role(Role.RESIDENT, place=neighbour_household, display_name="邻居老张")
    topic = topic_raise(
        hall=hall_for(world.community_a1), user=neighbour, title="楼前绿地补种", body="绿地枯死一片，想补种。"
    )
    first = comment_post(topic=topic, author=neighbour, body="先补种3号楼前")

    page.goto(f"/halls/topics/{topic.pk}/")
    sign_in(page, login=resident.phone.as_national, password=PASSWORD)
    page.reload()  # read again: served from what the first visit kept
    expect(page.get_by_role("heading", name="楼前绿地补种")).to_be_visible()
    assert_resident_page_passes(page)

    page.get_by_text("回复或举报").first.click()
    page.get_by_label("您的回复").fill("同意，我家也出一份力")
    screenshot(page, "reply")
    page.get_by_role("button", name="回复", exact=True).click()
    expect(page.get_by_text("评论已发布。")).to_be_visible()
    reply = Comment.objects.get(author=resident)
    assert (reply.parent_id, reply.body) == (first.pk, "同意，我家也出一份力")
    expect(page.get_by_text("同意，我家也出一份力")).to_be_visible()

    page.get_by_label("您的评论").fill("另外建议浇水排班")
    page.get_by_role("button", name="发布").click()
    expect(page.get_by_text("评论已发布。")).to_be_visible()
    assert Comment.objects.filter(author=resident, parent=None, body="另外建议浇水排班").exists()

    page.get_by_text("回复或举报").first.click()
    page.get_by_text("举报", exact=True).first.click()
    page.get_by_role("button", name="确认举报").first.click()
    expect(page.get_by_text("谢谢，工作人员会处理。")).to_be_visible()
    assert CommentFlag.objects.filter(comment=first, user=resident).exists()

    own = page.get_by_role("listitem").filter(has_text="另外建议浇水排班").last
    own.get_by_text("回复或举报").click()
    own.get_by_role("button", name="删除").click()
    expect(page.get_by_text("评论已删除。")).to_be_visible()
    assert Comment.objects.get(body="", author=resident, parent=None).state == Comment.State.DELETED
    screenshot(page, "deleted")
    assert_resident_page_passes(page)
