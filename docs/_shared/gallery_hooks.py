"""sphinx-gallery hooks: make every example strict.

A warning that would print to stderr during an example (a deprecation in the
example's own code, a missing glyph in a figure, a runtime warning from a
computation) becomes an exception, so the example fails and sphinx-gallery names
the file and line. The filters are restored after each example.
"""

from __future__ import annotations

import warnings
from typing import Any

_saved: list[Any] = []


def strict_example_reset(gallery_conf: dict[str, Any], fname: str | None, when: str) -> None:
    """Reset hook for ``sphinx_gallery_conf["reset_modules"]`` (run before and after)."""
    if when == "before":
        _saved[:] = [list(warnings.filters)]
        warnings.resetwarnings()
        warnings.simplefilter("error")
        # Libraries' own deprecations stay silent, as Python's defaults keep them;
        # a deprecated call written in the example itself still fails.
        for category in (
            DeprecationWarning,
            PendingDeprecationWarning,
            ImportWarning,
            ResourceWarning,
        ):
            warnings.filterwarnings("ignore", category=category)
        warnings.filterwarnings("error", category=DeprecationWarning, module="__main__")
    elif _saved:
        warnings.filters[:] = _saved.pop()
        warnings._filters_mutated()  # type: ignore[attr-defined]
