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


class ListedPaginator(CappedPaginator):
    """Lists the ids of the first `cap` + 1 rows in the list's order once: their number is the count,
    and a page reads its rows by their ids. For a list whose rows an index finds (a search of a
    rare word) but whose order another index gives: a count and a page each planned on their own
    may walk the order's index, testing every row, when reading the rows found and sorting them
    costs a fraction of that."""

    def listing(self):
        return self.object_list.values_list("pk", flat=True)[: self.cap + 1]

    @cached_property
    def ids(self) -> list:
        return list(self.listing())

    @cached_property
    def counted(self) -> int:
        return len(self.ids)

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(self.object_list.filter(pk__in=self.ids[bottom:top]), number, self)
