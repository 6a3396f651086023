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
    """Lists the ids of the first `cap` + 1 rows, in the list's order, in one query: their number is
    the count, and a page reads its rows by id. For a list an index of its own finds (a search of a
    two-character word, through the index of the texts' pairs): asked for a page of 100, PostgreSQL
    may walk the list's order instead, computing each text's pairs until it has found 100 (every text,
    for a rare word); asked for every id, it reads the pairs' index and sorts the thousands found."""

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
