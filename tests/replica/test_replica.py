"""Reads on a real streaming replica: the API list and the oversight pages read the replica; a person
who just wrote reads the primary; a replica fallen behind or stopped is left aside without an error."""

import time

import pytest
import requests

from .conftest import MAX_LAG, RETRY, caught_up, wait_for

pytestmark = pytest.mark.replica

LIST = "/api/v1/reports/"


def reader(token: str) -> requests.Session:
    session = requests.Session()
    session.headers["Authorization"] = f"Token {token}"
    return session


def listed(session: requests.Session, base: str) -> list[str]:
    response = session.get(f"{base}{LIST}", params={"page_size": 200}, timeout=30)
    assert response.status_code == 200, response.text[:500]
    return [r["description"] for r in response.json()["results"]]


def report(session: requests.Session, base: str, seeded: dict, text: str) -> None:
    data = {"board": seeded["board"], "category": seeded["category"], "description": text}
    response = session.post(f"{base}{LIST}", json=data, timeout=30)
    assert response.status_code == 201, response.text[:500]


def test_the_api_list_reads_the_replica(portal, servers):
    base, seeded, _ = portal
    primary, replica = servers
    on_primary, on_replica = primary.mark(), replica.mark()
    listed(reader(seeded["token"]), base)
    assert '"reports_report"' in replica.read_since(on_replica)
    assert '"reports_report"' not in primary.read_since(on_primary)


def test_a_writer_reads_their_own_write_while_the_replica_has_not_replayed_it(portal, servers):
    base, seeded, _ = portal
    primary, replica = servers
    writer, other = reader(seeded["token"]), reader(seeded["token"])
    report(reader(seeded["token"]), base, seeded, "路灯不亮")
    caught_up(primary, replica)
    replica.sql("SELECT pg_wal_replay_pause()")
    try:
        report(writer, base, seeded, "楼道堵塞")
        assert "楼道堵塞" in listed(writer, base)  # pinned to the primary by the cookie
        assert "楼道堵塞" not in listed(other, base)  # the replica, a moment behind
    finally:
        replica.sql("SELECT pg_wal_replay_resume()")


def test_a_replica_fallen_behind_is_left_aside(portal, servers):
    base, seeded, _ = portal
    primary, replica = servers
    caught_up(primary, replica)
    replica.sql("SELECT pg_wal_replay_pause()")
    try:
        report(reader(seeded["token"]), base, seeded, "电梯停运")
        time.sleep(MAX_LAG + 1)
        on_replica = replica.mark()
        assert "电梯停运" in listed(reader(seeded["token"]), base)
        assert '"reports_report"' not in replica.read_since(on_replica)
    finally:
        replica.sql("SELECT pg_wal_replay_resume()")
    caught_up(primary, replica)
    on_replica = replica.mark()
    listed(reader(seeded["token"]), base)
    assert '"reports_report"' in replica.read_since(on_replica)


def test_a_stopped_replica_is_left_aside_without_an_error_and_used_again_once_back(portal, servers):
    base, seeded, log = portal
    primary, replica = servers
    session = reader(seeded["token"])
    listed(session, base)
    replica.stop()
    try:
        report(reader(seeded["token"]), base, seeded, "噪音扰民")
        assert "噪音扰民" in listed(session, base)
        assert "噪音扰民" in listed(session, base)
    finally:
        replica.start()
    caught_up(primary, replica)
    time.sleep(RETRY + 0.5)

    def reads_replica():
        mark = replica.mark()
        listed(session, base)
        return '"reports_report"' in replica.read_since(mark)

    wait_for(reads_replica, timeout=20, every=0.5, what="reads back on the replica")
    assert "replica unreachable" in log.read_text()
