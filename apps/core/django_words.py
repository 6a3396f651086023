"""Django's own words that its Chinese catalogue lacks or renders wrongly, translated in the project's
catalogue (which Django reads before its own). Only listed here so that `make messages` keeps them.

- The label suffix: Django's catalogue keeps an ASCII colon ("您的评论:") and counts only ASCII marks as a
  label's own end ("满意吗？:"); ours gives "您的评论：" and leaves "满意吗？" alone.
- The admin index's table headers, read by screen readers (admin/app_list.html), which it lacks.
"""

from django.utils.translation import gettext_noop

LABEL_SUFFIX = gettext_noop(":")
LABEL_ENDINGS = gettext_noop(":?.!")
ADMIN_INDEX_HEADERS = (
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
)
