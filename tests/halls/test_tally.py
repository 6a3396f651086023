"""The double majority of Civil Code art. 278 and the simple rules, counted exactly."""

from decimal import Decimal as D

from apps.halls.votes.tally import count

OPTIONS = [(1, "for"), (2, "against"), (3, "abstain")]
FOR, AGAINST, ABSTAIN = [1], [2], [3]


def owners(ballots, *, electorate, area, weighty=False):
    return count(
        rule="owners",
        kind="approval",
        weighty=weighty,
        options=OPTIONS,
        electorate=electorate,
        electorate_area=D(area),
        ballots=[(c, D(a)) for c, a in ballots],
    )


def test_an_ordinary_matter_passes_with_two_thirds_taking_part_and_more_than_half_for():
    outcome = owners([(FOR, "100"), (FOR, "100"), (AGAINST, "100")], electorate=3, area="300")
    assert outcome.approved and outcome.failed == []
    assert outcome.participants == 3 and outcome.participating_area == D("300")
    assert outcome.tallies[1] == {"count": 2, "area": D("200")}


def test_it_fails_when_the_participating_area_is_short_of_two_thirds_by_a_hundredth():
    outcome = owners([(FOR, "99.99"), (FOR, "100")], electorate=3, area="300")
    assert outcome.failed == ["participation_area"]
    assert not outcome.approved


def test_exactly_two_thirds_of_the_area_and_the_owners_is_enough_to_take_part():
    outcome = owners([(FOR, "100"), (FOR, "100")], electorate=3, area="300")
    assert outcome.failed == []


def test_it_fails_when_too_few_owners_take_part_though_they_hold_the_area():
    outcome = owners([(FOR, "250")], electorate=3, area="300")
    assert outcome.failed == ["participation_owners"]


def test_exactly_half_of_the_participating_area_is_not_a_majority():
    outcome = owners([(FOR, "50"), (FOR, "50"), (AGAINST, "100")], electorate=3, area="200")
    assert outcome.failed == ["approval_area"]


def test_exactly_half_of_the_participating_owners_is_not_a_majority():
    outcome = owners([(FOR, "150"), (AGAINST, "10"), (ABSTAIN, "10"), (FOR, "30")], electorate=4, area="200")
    assert outcome.failed == ["approval_owners"]


def test_a_weighty_matter_needs_three_quarters_of_both():
    ballots = [(FOR, "100"), (FOR, "100"), (FOR, "100"), (AGAINST, "100")]
    assert owners(ballots, electorate=4, area="400", weighty=True).failed == []
    short = [(FOR, "100"), (FOR, "100"), (FOR, "99.99"), (AGAINST, "100.01")]
    assert owners(short, electorate=4, area="400", weighty=True).failed == ["weighty_approval_area"]


def test_a_weighty_matter_fails_on_headcount_even_with_the_area():
    ballots = [(FOR, "300"), (FOR, "10"), (AGAINST, "10"), (AGAINST, "10")]
    outcome = owners(ballots, electorate=4, area="330", weighty=True)
    assert outcome.failed == ["weighty_approval_owners"]


def test_abstentions_count_as_taking_part_but_not_as_approval():
    outcome = owners([(FOR, "100"), (ABSTAIN, "100"), (ABSTAIN, "100")], electorate=3, area="300")
    assert outcome.failed == ["approval_area", "approval_owners"]


def test_the_household_rule_needs_a_quorum_and_a_majority_of_participants():
    ballots = [(FOR, None), (AGAINST, None)]
    outcome = count(
        rule="household",
        kind="approval",
        weighty=False,
        options=OPTIONS,
        electorate=5,
        electorate_area=D("0"),
        ballots=ballots,
    )
    assert outcome.failed == ["quorum", "approval"]


def test_a_vote_between_choices_counts_each_choice():
    outcome = count(
        rule="household",
        kind="multiple",
        weighty=False,
        options=[(1, "choice"), (2, "choice")],
        electorate=2,
        electorate_area=D("0"),
        ballots=[([1, 2], None), ([2], None)],
    )
    assert outcome.tallies[2]["count"] == 2 and outcome.approved is None and outcome.failed == []
