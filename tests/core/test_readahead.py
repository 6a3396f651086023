"""A page's cache entries are read in one round trip; each part of the page still reads its own."""

from unittest import mock

from django.core.cache import cache

from apps.core.readahead import cache_get, page_reads, read_ahead


class Person:
    pk = 7


page_reads("test-page", lambda user: f"test:kept:{user.pk}")
page_reads("test-page", lambda user: f"test:missing:{user.pk}")


def test_the_entries_of_a_page_are_read_together_and_answered_once():
    with mock.patch("apps.core.readahead.cache") as kept:
        kept.get_many.return_value = {"test:kept:7": ["kept"]}
        kept.get.return_value = ["set since"]
        with read_ahead("test-page", Person()):
            assert cache_get("test:kept:7") == ["kept"] and cache_get("test:missing:7") is None
            assert not kept.get.called
            assert cache_get("test:kept:7") == ["set since"]  # read again, not the answer read ahead
    kept.get_many.assert_called_once_with(["test:kept:7", "test:missing:7"])


def test_outside_a_page_an_entry_is_read_alone():
    cache.set("test:kept:7", ["kept"])
    assert cache_get("test:kept:7") == ["kept"] and cache_get("test:missing:7") is None
