"""Sphinx configuration of the Korean site: everything is shared but the language."""

import sys
from pathlib import Path

# The site's Sphinx extensions (docs/_ext) and its tooling (tools/sitekit): with pytest's
# `pythonpath` in pyproject.toml, the only place that says where the site's code lives.
sys.path[:0] = [str(Path(__file__).resolve().parents[i] / p) for i, p in ((1, "_ext"), (2, "tools"))]

from site_conf import configure  # noqa: E402

globals().update(configure("ko"))
