"""The site's interface text: one message catalogue per language, read one way from Python.

Every interface string (furo's and sphinx-gallery's labels, the templates' text, the
notices the extensions write) is English in the code and translated in
``docs/_locale/<lang>/LC_MESSAGES/sphinx.po``. Sphinx merges that file into its own
catalogue, so templates write ``{{ _("...") }}``; Python code calls :func:`translate`,
which also works at configuration time, before Sphinx has loaded any catalogue.
English is the language of the msgids: a language without a catalogue shows the msgid.

>>> translate("en", "Page not found")
'Page not found'
>>> translate("ko", "Page not found") != "Page not found"
True
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from sitekit.settings import DOCS

LOCALE_DIR = DOCS / "_locale"


def po_path(lang: str) -> Path:
    """The catalogue of ``lang`` (it exists for every language but English)."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / "sphinx.po"


@cache
def catalogue(lang: str) -> Catalog | None:
    """The catalogue of ``lang`` as babel reads it; ``None`` for a language without one."""
    path = po_path(lang)
    if not path.is_file():
        return None
    with path.open("rb") as file:
        return read_po(file)


def translate(lang: str, msgid: str) -> str:
    """The text of ``msgid`` in ``lang``: the msgid itself where ``lang`` has no catalogue.

    A language that has a catalogue must translate every message asked of it (a build
    would otherwise mix English into its pages without a word).
    """
    catalog = catalogue(lang)
    if catalog is None:
        return msgid
    message = catalog.get(msgid)
    string = message.string if message is not None else ""
    text = str(string[0] if isinstance(string, tuple | list) else string)
    if not text:
        raise KeyError(f"{po_path(lang)} has no translation of {msgid!r}")
    return text
