"""Participant texts in plain Dutch (B1): the words docs/translations.md replaces do not come back."""
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "facilitator" / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
# pages only organisers and facilitators read: they may keep the facilitators' own words
STAFF_ONLY = ("templates/organiser/", "templates/auth/", "facilitator/web/setup.py", "facilitator/web/organiser.py",
              "facilitator/domain/definition.py", "static/js/cockpit.js", "facilitator/cli.py")
REPLACED = re.compile(r"belanghebbendengroep|niet overeengekomen|gemeenschappelijke basis|kandida|\bindien\b|\breeds\b"
                      r"|\bgelieve\b|\bu\b|\buw\b", re.IGNORECASE)


def test_no_participant_text_uses_a_word_the_b1_list_replaces(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg", "-k", "N_",
                    "-k", "_l", "-k", "lazy_gettext", "-o", str(pot), "."], cwd=ROOT, check=True, capture_output=True)
    catalogue = read_po(PO.open("rb"))
    found = []
    for message in read_po(pot.open("rb")):
        if not message.id or all(path.startswith(STAFF_ONLY) for path, _line in message.locations):
            continue
        ours = catalogue.get(message.id)
        strings = ours.string if ours and isinstance(ours.string, tuple) else ((ours.string,) if ours else ())
        found += [s for s in strings if s and REPLACED.search(s)]
    assert not found, found


def test_one_word_for_common_ground():
    for message in read_po(PO.open("rb")):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if ids[0] and "common ground" in ids[0].lower():
            assert all("gemeenschappelijke grond" in s.lower() for s in strings if s), (message.id, strings)
