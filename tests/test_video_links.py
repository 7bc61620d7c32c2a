"""Online and hybrid conferences: a video-call link per table (issue 13)."""
import pytest

from facilitator.domain import conferences, video
from facilitator.domain.errors import DomainError
from facilitator.live.pipeline import MUTATIONS, SNAPSHOT_PARTS
from tests.shared_future_helpers import person, presenter, run, seat, seen_by, staff


@pytest.fixture
def room(db, sample_id):
    seated = seat(db, sample_id)
    ids = sorted(seated)
    return {"cid": sample_id, "tables": ids, "a": person(db, seated[ids[0]][0]), "b": person(db, seated[ids[1]][0])}


def test_a_pattern_gives_every_table_its_own_room_and_a_table_link_wins(db, room):
    f, (t1, t2) = staff(room["cid"]), room["tables"][:2]
    run(db, video.set_links, f, {"pattern": "https://meet.example.org/helmond-tafel-{n}"})
    assert video.state(db, room["a"])["my_table"]["video_url"] == "https://meet.example.org/helmond-tafel-1"
    assert video.state(db, room["b"])["my_table"]["video_url"] == "https://meet.example.org/helmond-tafel-2"
    run(db, video.set_links, f, {"links": {str(t2): "https://zoom.example.com/j/123"}})
    links = {t["id"]: (t["video_url"], t["own"]) for t in video.state(db, f)["tables"]}
    assert links[t1] == ("https://meet.example.org/helmond-tafel-1", False)
    assert links[t2] == ("https://zoom.example.com/j/123", True)
    assert video.state(db, room["b"])["my_table"]["video_url"] == "https://zoom.example.com/j/123"
    # {table} works as well as {n}
    run(db, video.set_links, f, {"pattern": "https://meet.example.org/room-{table}"})
    assert video.state(db, room["a"])["my_table"]["video_url"] == "https://meet.example.org/room-1"


def test_each_table_hears_only_its_own_link_and_facilitators_hear_all(db, room):
    f = staff(room["cid"])
    run(db, video.set_links, f, {"pattern": "https://meet.example.org/t-{n}"})
    mine = seen_by(db, room["a"], "tables.video")
    assert [e["data"]["video_url"] for e in mine] == ["https://meet.example.org/t-1"]
    assert "t-2" not in str(mine) and not seen_by(db, presenter(room["cid"]), "tables.video")
    everything = seen_by(db, f, "tables.video.all")[-1]["data"]
    assert everything["pattern"] == "https://meet.example.org/t-{n}" and len(everything["tables"]) == len(room["tables"])
    assert "video" in SNAPSHOT_PARTS and MUTATIONS["tables.video"].roles == ("organiser", "facilitator")


@pytest.mark.parametrize("data", [
    {"pattern": "javascript:alert(1)//{n}"}, {"pattern": "https://meet.example.org/everyone"},
    {"pattern": "ftp://files.example.org/{n}"}, {"links": {"1": "javascript:alert(1)"}},
    {"links": {"1": "meet.example.org/t1"}}, {"links": {"1": "https://exa mple.org/t1"}},
    {"links": {"999999": "https://meet.example.org/x"}}, {"links": "https://meet.example.org/x"},
])
def test_bad_links_are_refused_and_change_nothing(db, room, data):
    f = staff(room["cid"])
    run(db, video.set_links, f, {"pattern": "https://meet.example.org/t-{n}"})
    if "links" in data and isinstance(data["links"], dict) and "1" in data["links"]:
        data = {"pattern": "https://other.example.org/{n}", "links": {str(room["tables"][0]): data["links"]["1"]}}
    with pytest.raises(DomainError):
        run(db, video.set_links, f, data)
    assert video.pattern(db, room["cid"]) == "https://meet.example.org/t-{n}"
    assert not any(t["own"] for t in video.state(db, f)["tables"])


def test_a_participant_cannot_set_links(db, room):
    with pytest.raises(DomainError):
        run(db, video.set_links, room["a"], {"pattern": "https://evil.example.org/{n}"})


def test_the_organiser_sets_links_on_the_tables_page(organiser_client, db, room):
    cid = room["cid"]
    tabling = db.execute("select id from tablings where conference_id = ? order by id desc", [cid]).fetchone()[0]
    url = f"/organiser/c/{cid}/tables/{tabling}/video?lang=en"
    first = room["tables"][0]
    done = organiser_client.post(url, data={"video_pattern": "https://meet.example.org/t-{n}",
                                            f"link_{first}": "https://zoom.example.com/j/1"}, follow_redirects=True)
    assert "Video links saved." in done.get_data(as_text=True)
    assert video.state(db, room["a"])["my_table"]["video_url"] == "https://zoom.example.com/j/1"
    bad = organiser_client.post(url, data={"video_pattern": "javascript:alert(1)//{n}"}, follow_redirects=True)
    assert "must be a link starting with https://" in bad.get_data(as_text=True)
    assert video.pattern(db, cid) == "https://meet.example.org/t-{n}"
    page = organiser_client.get(f"/organiser/c/{cid}/tables?lang=en").get_data(as_text=True)
    assert 'value="https://zoom.example.com/j/1"' in page and "Mix again" in page


def test_before_any_mix_the_heading_says_mix_tables(organiser_client, sample_id):
    page = organiser_client.get(f"/organiser/c/{sample_id}/tables?lang=en").get_data(as_text=True)
    assert "<h2>Mix tables</h2>" in page and "Mix again" not in page


def test_the_participant_page_links_to_the_tables_call(client, db, room):
    run(db, video.set_links, staff(room["cid"]), {"pattern": "https://meet.example.org/t-{n}"})
    token = db.execute("select token from participants where id = ?", [room["b"].participant_id]).fetchone()[0]
    page = client.get(f"/p/{token}?lang=nl").get_data(as_text=True)
    assert 'href="https://meet.example.org/t-2"' in page and "Naar het videogesprek van je tafel" in page
    assert "t-1" not in page
