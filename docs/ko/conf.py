"""Sphinx configuration of the Korean site: everything is shared but the language."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "_shared"))

from site_conf import configure  # noqa: E402

globals().update(configure("ko"))
