"""Mixed tables: balanced over stakeholder groups, sized evenly, deterministic for a seed."""
from collections import Counter

import pytest

from facilitator.domain import participants, tables
from facilitator.domain.errors import DomainError


def people(group_sizes):
    out, pid = [], 1
    for group, size in group_sizes.items():
        for _ in range(size):
            out.append({"id": pid, "stakeholder_group_id": group})
            pid += 1
    return out


@pytest.mark.parametrize("sizes,table_size", [
    ({1: 8, 2: 8, 3: 8, 4: 8, 5: 8, 6: 8, 7: 8, 8: 8}, 8),   # the classic 64 = 8 x 8
    ({1: 13, 2: 12, 3: 13, 4: 12, 5: 12, 6: 13}, 8),           # the Helmond shape: 75 people, 6 groups
    ({1: 20, 2: 3, 3: 1, None: 2}, 6),                          # unbalanced, with people without a group
    ({1: 5}, 8),                                                # fewer people than one table
])
def test_every_group_spread_as_widely_as_numbers_allow(sizes, table_size):
    dealt = tables.mix(people(sizes), table_size, seed=7)
    n_tables = len(dealt)
    assert n_tables == -(-sum(sizes.values()) // table_size)
    assert sorted(p["id"] for t in dealt for p in t) == list(range(1, sum(sizes.values()) + 1))
    lengths = [len(t) for t in dealt]
    assert max(lengths) - min(lengths) <= 1
    for group, size in sizes.items():
        per_table = [sum(1 for p in t if p["stakeholder_group_id"] == group) for t in dealt]
        # a group sits at min(size, tables) tables, never two more at one table than at another
        assert sum(1 for n in per_table if n) == min(size, n_tables)
        assert max(per_table) - min(per_table) <= 1


def test_same_seed_same_tables_other_seed_other_tables():
    crowd = people({1: 13, 2: 12, 3: 13, 4: 12, 5: 12, 6: 13})
    ids = lambda dealt: [[p["id"] for p in t] for t in dealt]
    assert ids(tables.mix(crowd, 8, seed=1)) == ids(tables.mix(list(reversed(crowd)), 8, seed=1))
    assert ids(tables.mix(crowd, 8, seed=1)) != ids(tables.mix(crowd, 8, seed=2))


def test_table_size_below_two_is_refused():
    with pytest.raises(ValueError):
        tables.mix(people({1: 3}), 1)


def test_tabling_for_the_sample_conference(db, sample_id):
    tabling_id = tables.create_tabling(db, sample_id, "Day 1", 8, seed=3)
    mixed = tables.tables_of(db, tabling_id)
    assert len(mixed) == 10
    assert sum(len(t["members"]) for t in mixed) == 75
    for t in mixed:
        assert len({m["stakeholder_group_id"] for m in t["members"]}) == 6


def test_remix_and_move_by_hand(db, sample_id):
    first = tables.create_tabling(db, sample_id, "Day 1", 8, seed=3)
    second = tables.create_tabling(db, sample_id, "Day 2", 8, seed=4)
    person = participants.list_for(db, sample_id)[0]
    target = tables.tables_of(db, second)[-1]
    tables.move(db, sample_id, second, person["id"], target["id"])
    assert tables.table_of(db, second, person["id"])["id"] == target["id"]
    # the first mix is untouched, and the person is at exactly one table per mix
    assert tables.table_of(db, first, person["id"]) is not None
    counts = Counter(r["tabling_id"] for r in db.query("select tabling_id from table_members where participant_id = ?", [person["id"]]))
    assert counts == {first: 1, second: 1}


def test_move_to_a_table_of_another_mix_is_refused(db, sample_id):
    first = tables.create_tabling(db, sample_id, "Day 1", 8, seed=3)
    second = tables.create_tabling(db, sample_id, "Day 2", 8, seed=4)
    person = participants.list_for(db, sample_id)[0]
    with pytest.raises(DomainError):
        tables.move(db, sample_id, second, person["id"], tables.tables_of(db, first)[0]["id"])


def test_no_participants_no_tables(db):
    from facilitator.domain import conferences
    cid = conferences.create(db, {"title": "Empty"})
    with pytest.raises(DomainError) as err:
        tables.create_tabling(db, cid, "Tables", 8)
    assert err.value.code == "no_participants"
