"""The site's light code colours: Sphinx's own style, with every colour readable (WCAG AA).

Sphinx's Pygments style (``pygments_style = "sphinx"``) paints some tokens too pale for
its light-green background ``#eeffcc``: module names ``#0e84b5`` (3.97:1), ``__name__``
``#bb60d5`` (3.44:1), comments ``#408090``. WCAG 2.1 AA asks 4.5:1 of text. Each colour
below that is darkened, keeping its hue and saturation, just far enough to reach
:data:`TARGET`; every other colour, and the style's look, stays as Sphinx has it.
``site_conf`` names this style; the dark scheme's ``monokai`` already passes.
"""

from __future__ import annotations

import colorsys
import re

from pygments.style import StyleMeta
from sphinx.pygments_styles import SphinxStyle

TARGET = 4.6  # AA's 4.5:1, and a little room for rounding in the browser
_COLOUR = re.compile(r"(?<![\w:])#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def _rgb(colour: str) -> tuple[float, float, float]:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return tuple(int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def contrast(foreground: str, background: str) -> float:
    """WCAG 2.1's contrast ratio of two ``#rrggbb`` colours.

    >>> round(contrast("#0e84b5", "#eeffcc"), 2), round(contrast("#000", "#fff"), 1)
    (3.97, 21.0)
    """

    def luminance(colour: str) -> float:
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(colour: str, background: str, target: float = TARGET) -> str:
    """``colour``, darkened in lightness only until it reaches ``target`` on ``background``.

    >>> readable("#0e84b5", "#eeffcc")
    '#0d78a4'
    >>> readable("#007020", "#eeffcc")  # already readable: unchanged
    '#007020'
    """
    if contrast(colour, background) >= target:
        return colour
    hue, lightness, saturation = colorsys.rgb_to_hls(*_rgb(colour))
    while lightness > 0:
        lightness = max(0.0, lightness - 0.005)
        candidate = "#" + "".join(
            f"{round(c * 255):02x}" for c in colorsys.hls_to_rgb(hue, lightness, saturation)
        )
        if contrast(candidate, background) >= target:
            return candidate
    return "#000000"


def _readable_styles(styles: dict[object, str], background: str) -> dict[object, str]:
    return {
        token: _COLOUR.sub(lambda m: readable("#" + m.group(1), background), style)
        for token, style in styles.items()
    }


class SiteStyle(SphinxStyle, metaclass=StyleMeta):
    """Sphinx's style, every text colour at least :data:`TARGET`:1 on its background."""

    styles = _readable_styles(SphinxStyle.styles, SphinxStyle.background_color)
