"""What a reading imports at start-up: spaCy without its command line (hronika/stages/spacy_import.py), and not Babel."""
from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
from hronika.batch import build_reader
build_reader(["repair", "segment", "sentences", "language", "entities"])
import spacy
print("cli imported:", "spacy.cli" in sys.modules, "typer" in sys.modules)
print("version:", spacy.info()["spacy_version"] == spacy.__version__)
import spacy.cli
print("real cli:", hasattr(spacy.cli, "train"))
"""


def test_reader_builds_without_spacy_cli_and_spacy_cli_still_imports():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True).stdout
    assert "cli imported: False False" in out
    assert "version: True" in out  # spacy.info reaches the real command once called
    assert "real cli: True" in out  # the stand-in is gone: training's import of spacy.cli works


def test_reading_does_not_import_babel_and_its_month_names_are_cldrs():
    # the segment stage reads CLDR's month names from lang/<code>/month_names.tsv (hronika.lang.cldr
    # writes them through Babel); importing Babel took about 0.06 s of every start
    code = ("import sys\nfrom hronika.batch import build_reader\nbuild_reader()\n"
            "print('babel imported:', any(m.startswith('babel') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "babel imported: False" in out
    from hronika import lang
    from hronika.lang import cldr

    for code in cldr.MONTH_LANGS:
        rows = [tuple(r.split("\t")) for r in lang.get(code).list(cldr.MONTH_NAMES)]
        assert rows == [(name, str(num)) for name, num in cldr.month_names(code)], code


def test_reading_does_not_import_langcodes_and_spacy_still_finds_languages_with_it():
    # spacy.util imports langcodes only to match a language code it has no module for (0.035 s at
    # every start): spaCy gets a stand-in that imports it on first use
    code = ("import sys, json\nfrom hronika.batch import build_reader, read_all\n"
            "from hronika.document import Document\nimport datetime as dt\n"
            "reader = build_reader()\n"
            "doc = Document(id='x', text='Министърът говори в София вчера. Той каза, че ще дойде.', date=dt.date(2025, 1, 2))\n"
            "reader(doc)\n"
            "print('langcodes imported:', any(m.startswith('langcodes') for m in sys.modules))\n"
            "import spacy.util\n"
            "print('match:', spacy.util.find_matching_language('no'), spacy.util.get_lang_class('nb').__name__)\n"
            "import langcodes\nprint('real:', langcodes.tag_is_valid('bg'), type(langcodes.Language).__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "langcodes imported: False" in out
    assert "match: nb Norwegian" in out  # the stand-in hands spaCy the real module when asked
    assert "real: True" in out
