"""Honest anonymity: when an activity is anonymous, no screen payload shows who wrote or objected;
where facilitators see names, the phone is told before anyone answers (issue 13)."""
from facilitator.db import row
from facilitator.domain import common_ground as cg
from facilitator.domain import notes
from tests.cockpit_helpers import add_notes_session
from tests.shared_future_helpers import person, presenter, run, seat, seen_by, staff


def _objection(db, cid):
    seated = seat(db, cid)
    first, second = sorted(seated)[:2]
    a, b = person(db, seated[first][0]), person(db, seated[second][0])
    f = staff(cid)
    c = run(db, cg.add_candidate, a, {"list": "future", "text": "Buddies"})[0]["id"]
    t = run(db, cg.create_theme, f, {"name": "Buddies for everyone", "candidate_ids": [c]})[0]["id"]
    run(db, cg.put_up, f, {"id": t})
    run(db, cg.respond, b, {"theme_id": t, "support": False, "reason": "Not without training"})
    name = row(db, "select name from participants where id = ?", [b.participant_id])["name"]
    return f, a, b, t, name


def _confirm_session(db, cid):
    return row(db, "select id from sessions where conference_id = ? and activity = 'common_ground_confirm'", [cid])["id"]


def test_an_anonymous_confirmation_shows_facilitators_no_names(db, sample_id):
    f, a, _b, t, name = _objection(db, sample_id)
    assert notes.session_settings(db, _confirm_session(db, sample_id))["anonymous"] is True  # the default
    staff_theme = cg.state(db, f)["themes"][0]
    assert staff_theme["responses"] == [{"support": False, "reason": "Not without training"}]
    everything = str(cg.state(db, f)) + str(seen_by(db, f, "cg.")) + str(seen_by(db, presenter(sample_id), "cg."))
    assert name not in everything and "participant_id" not in str(staff_theme)
    part = cg.state(db, a)
    assert part["names_shown"] is False and part["names_notice"] == cg.NAMES_NOTICE[False]


def test_facilitators_see_names_only_when_the_confirmation_session_says_so(db, sample_id):
    f, a, _b, t, name = _objection(db, sample_id)
    run(db, notes.configure_session, f, {"session_id": _confirm_session(db, sample_id), "anonymous": False})
    staff_theme = cg.state(db, f)["themes"][0]
    assert staff_theme["responses"][0]["name"] == name
    # the phone knows before its owner answers, and still never gets anyone's name
    part = cg.state(db, a)
    assert part["names_shown"] is True and part["names_notice"] == cg.NAMES_NOTICE[True] and name not in str(part)
    run(db, cg.respond, a, {"theme_id": t, "support": True})
    assert name in str(seen_by(db, f, "cg.responses")[-1])
    assert name not in str(seen_by(db, a, "cg.")) + str(seen_by(db, presenter(sample_id), "cg."))


def test_notes_and_statements_tell_the_phone_whether_names_show(db, sample_id):
    from facilitator.domain import room, statements
    f = staff(sample_id)
    seated = seat(db, sample_id)
    me = person(db, seated[sorted(seated)[0]][0])
    session = add_notes_session(db, sample_id)
    run(db, room.goto, f, {"session_id": session})
    assert notes.current(db, me)["names_notice"] == notes.NAMES_NOTICE[True]
    run(db, notes.configure_session, f, {"session_id": session, "anonymous": False})
    assert notes.current(db, me)["names_notice"] == "Your name is shown with your note."
    sid = run(db, statements.add, f, {"text": "Everyone needs a buddy"})[0]["id"]
    run(db, statements.put_up, f, {"ids": [sid]})
    [shown] = statements.state(db, me)["statements"]
    assert shown["anonymous"] and shown["names_notice"] == "Your reason is shown without your name."


def test_ticking_anonymous_again_takes_the_names_off_the_cockpit_at_once(db, sample_id):
    f, _a, _b, t, name = _objection(db, sample_id)
    session = _confirm_session(db, sample_id)
    _result, told = run(db, notes.configure_session, f, {"session_id": session, "anonymous": False})
    assert told[-1]["kind"] == "cg.responses" and name in str(told[-1]["data"])
    _result, told = run(db, notes.configure_session, f, {"session_id": session, "anonymous": True})
    assert told[-1]["kind"] == "cg.responses" and told[-1]["audience"] == "facilitators"
    assert told[-1]["data"]["responses"] == [{"support": False, "reason": "Not without training"}]


def test_a_setting_that_changes_nothing_in_the_activity_is_refused_and_changes_nothing(db, sample_id):
    """The registry says which session settings apply (notes: both; confirming common ground:
    anonymity); session.settings refuses any other with a clear error, and nothing is stored."""
    import pytest

    from facilitator.domain import activities
    from facilitator.domain.errors import DomainError
    f = staff(sample_id)
    by_activity = {r["activity"]: r["id"] for r in db.query("select id, activity from sessions where conference_id = ?",
                                                            [sample_id])}
    by_activity["notes"] = add_notes_session(db, sample_id)
    assert activities.settings_of("notes") == ("anonymous", "show_others")
    assert activities.settings_of("common_ground_confirm") == ("anonymous",)
    refused = [(a, key) for a in by_activity for key in activities.SESSION_SETTINGS if key not in activities.settings_of(a)]
    assert ("dot_vote", "anonymous") in refused and ("common_ground_confirm", "show_others") in refused
    for activity, key in refused:
        before = notes.session_settings(db, by_activity[activity])
        events_before = row(db, "select count(*) n from events")["n"]
        with pytest.raises(DomainError) as err:
            run(db, notes.configure_session, f, {"session_id": by_activity[activity], key: not before[key]})
        assert err.value.code == "not_applicable" and err.value.field == key, (activity, key)
        assert "does not apply" in str(err.value)
        assert notes.session_settings(db, by_activity[activity]) == before, (activity, key)
        assert row(db, "select count(*) n from session_settings where session_id = ?", [by_activity[activity]])["n"] == 0
        assert row(db, "select count(*) n from events")["n"] == events_before
    # one refused key refuses the whole change: the applicable half is not stored either
    confirm = by_activity["common_ground_confirm"]
    with pytest.raises(DomainError):
        run(db, notes.configure_session, f, {"session_id": confirm, "anonymous": False, "show_others": False})
    assert notes.session_settings(db, confirm)["anonymous"] is True
    # where they apply, they are taken
    run(db, notes.configure_session, f, {"session_id": by_activity["notes"], "anonymous": False, "show_others": False})
    assert notes.session_settings(db, by_activity["notes"]) == {"anonymous": False, "show_others": False}
