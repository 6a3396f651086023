"""Full-width punctuation after Chinese form labels.

Django's own Chinese catalogue keeps the label suffix an ASCII colon ("您的评论:") and counts only
ASCII marks as a label's own end ("满意吗？:"). These msgids, translated in the project's catalogue
(which Django reads before its own), give "您的评论：" and leave "满意吗？" alone.
"""

from django.utils.translation import gettext_noop

LABEL_SUFFIX = gettext_noop(":")
LABEL_ENDINGS = gettext_noop(":?.!")
