"""Pagination of lists too long to count every time."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most `cap` rows, then stops: a list of 100,000 rows costs a count of 10,001. Pages go
    up to the cap; `more` tells there are rows beyond it, so a page can say "more than 10,000"."""

    cap = 10_000

    @cached_property
    def counted(self) -> int:
        return self.object_list.values("pk").order_by()[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def more(self) -> bool:
        return self.counted > self.cap
