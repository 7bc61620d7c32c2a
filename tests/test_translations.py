"""Every string in the code has a Dutch translation, with the same placeholders, compiled."""
import re
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "facilitator" / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def extracted(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "babel.cfg", "-k", "N_",
                    "-k", "_l", "-k", "lazy_gettext", "-o", str(pot), "."],
                   cwd=ROOT, check=True, capture_output=True)
    return read_po(pot.open("rb"))


def test_every_message_is_translated(tmp_path):
    catalogue = read_po(PO.open("rb"))
    missing = []
    for message in extracted(tmp_path):
        if not message.id:
            continue
        ours = catalogue.get(message.id)
        strings = ours.string if ours else None
        if not ours or not strings or (isinstance(strings, tuple) and not all(strings)) or ours.fuzzy:
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    assert not missing, f"{len(missing)} strings without Dutch: {missing[:20]}"


def test_translations_keep_their_placeholders():
    for message in read_po(PO.open("rb")):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for s in strings:
            got = set(PLACEHOLDER.findall(s))
            # a singular may leave out %(num)d ("één notitie"), nothing else may go missing or be invented
            assert got <= wanted | {"num"} and wanted - got <= {"num"}, (message.id, s)


def test_compiled_catalogue_matches_the_po_file():
    def plain(value):  # read_mo gives plural ids and strings as lists, read_po as tuples
        return tuple(value) if isinstance(value, (list, tuple)) else value

    po = {plain(m.id): plain(m.string) for m in read_po(PO.open("rb")) if m.id and m.string and not m.fuzzy}
    mo = {plain(m.id): plain(m.string) for m in read_mo(MO.open("rb")) if m.id}
    assert po == mo, "run: pybabel compile -d facilitator/translations"


def test_every_script_message_has_dutch():
    """pybabel's JavaScript lexer does not look inside htm's html`...` templates, so the extraction
    above misses the t() calls written there: the catalogue file's own reader (the one that decides
    what scripts get) finds them, and each must have Dutch."""
    from facilitator.i18n import script_messages

    catalogue = read_po(PO.open("rb"))
    missing = sorted(m for m in script_messages(ROOT)
                     if not (catalogue.get(m) and catalogue.get(m).string and not catalogue.get(m).fuzzy))
    assert not missing, f"{len(missing)} script strings without Dutch: {missing}"
