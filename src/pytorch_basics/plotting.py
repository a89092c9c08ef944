"""Figure helpers: the site's fonts, a picture of a small tensor, and words for a figure.

Korean pages label their figures in Hangul. :func:`use_site_style` registers the
NanumGothic font that the ``koreanize-matplotlib`` package ships, so Hangul renders
on a machine with no system fonts, and keeps DejaVu Sans first so Latin letters,
digits and the minus sign look as usual.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib import colormaps, font_manager
from matplotlib.axes import Axes
from matplotlib.colors import Colormap
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from ._checks import _describe, check_format, check_ndim, check_str, check_tensor, format_number

__all__ = ["describe_figure", "draw_tensor", "figure_description", "hangul_font_path", "use_site_style"]

HANGUL_FONT = "NanumGothic"

#: The attribute of a figure that :func:`describe_figure` sets.
_DESCRIPTION = "_pytorch_basics_description"

#: Colour of a NaN cell in :func:`draw_tensor` (light grey).
NAN_COLOUR = "#d9d9d9"


def hangul_font_path() -> Path:
    """Path of the NanumGothic font file bundled by ``koreanize-matplotlib``.

    The package is located without importing it (its import needs ``distutils``).

    Raises:
        RuntimeError: the package is not installed, or its font file is missing.

    Example:
        >>> hangul_font_path().name
        'NanumGothic.ttf'
    """
    spec = find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "the koreanize-matplotlib package is needed for Hangul in figures: "
            "pip install koreanize-matplotlib"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NanumGothic.ttf"
    if not path.is_file():
        raise RuntimeError(
            f"the koreanize-matplotlib package must ship fonts/NanumGothic.ttf, but {path} "
            "is missing: pip install --force-reinstall koreanize-matplotlib"
        )
    return path


def describe_figure(fig: Figure, text: str) -> Figure:
    """Say in words what ``fig`` shows, for a reader who cannot see it; returns ``fig``.

    The site publishes ``text`` as the figure's alternative text, which a screen reader
    reads out in place of the image. In a notebook or a script nothing you see changes.
    Say what the figure shows (its finding), not only its title. Calling it again
    replaces the text.

    Raises:
        TypeError: ``fig`` is not a matplotlib ``Figure``, or ``text`` is not a ``str``.
        ValueError: ``text`` is empty or only whitespace.

    Example:
        >>> fig, ax = plt.subplots()
        >>> _ = ax.plot([3, 2, 1])
        >>> describe_figure(fig, "A line falling from 3 to 1.") is fig
        True
        >>> figure_description(fig)
        'A line falling from 3 to 1.'
        >>> plt.close(fig)
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {_describe(fig)}")
    check_str("text", text)
    if not text.strip():
        raise ValueError(f"text must say what the figure shows, got {text!r}")
    setattr(fig, _DESCRIPTION, " ".join(text.split()))
    return fig


def figure_description(fig: Figure) -> str | None:
    """The text :func:`describe_figure` gave ``fig``, or ``None``.

    Raises:
        TypeError: ``fig`` is not a matplotlib ``Figure``.

    Example:
        >>> fig = plt.figure()
        >>> figure_description(fig) is None
        True
        >>> plt.close(fig)
    """
    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {_describe(fig)}")
    found = getattr(fig, _DESCRIPTION, None)
    return found if isinstance(found, str) else None


def use_site_style() -> None:
    """Set matplotlib up as the site's figures are drawn: Hangul-capable fonts.

    Calling it again changes nothing (the fonts are registered once).

    Raises:
        RuntimeError: as :func:`hangul_font_path`; the settings are then unchanged.

    Example:
        >>> use_site_style()
        >>> plt.rcParams["font.family"]
        ['DejaVu Sans', 'NanumGothic']
    """
    regular = hangul_font_path()
    known = {Path(entry.fname) for entry in font_manager.fontManager.ttflist}
    for path in (regular, regular.with_name("NanumGothicBold.ttf")):
        if path not in known and path.exists():
            font_manager.fontManager.addfont(str(path))
    plt.rcParams["font.family"] = ["DejaVu Sans", HANGUL_FONT]
    plt.rcParams["axes.unicode_minus"] = True
    plt.rcParams["figure.constrained_layout.use"] = True


def _cell_text(value: float | int | bool, fmt: str) -> str:
    if isinstance(value, bool):
        return "T" if value else "F"
    return format_number("fmt", fmt, value)


def _check_cmap(cmap: object) -> Colormap:
    if isinstance(cmap, Colormap):
        return cmap
    if not isinstance(cmap, str):
        raise TypeError(
            f"cmap must be a matplotlib colour map name or a Colormap, got {_describe(cmap)}"
        )
    if cmap not in colormaps:
        raise ValueError(f"cmap must be a matplotlib colour map name such as 'Blues', got {cmap!r}")
    return colormaps[cmap]


def _shades(values: np.ndarray) -> np.ndarray:
    """Colour-map position of each value: 0.15 for the smallest finite value, 0.75 for the largest.

    Equal values sit at 0.45; -inf and inf take the ends (0.15, 0.75); NaN stays NaN.
    Halving first keeps the range of values near the float64 limits finite.
    """
    finite = values[np.isfinite(values)]
    low, high = (finite.min() / 2, finite.max() / 2) if finite.size else (0.0, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        spread = (values / 2 - low) / (high - low) if high > low else np.full_like(values, 0.5)
    spread = np.where(values == np.inf, 1.0, np.where(values == -np.inf, 0.0, spread))
    return np.where(np.isnan(values), np.nan, 0.15 + 0.6 * spread)


def draw_tensor(
    ax: Axes,
    tensor: torch.Tensor,
    *,
    title: str | None = None,
    fmt: str = "{:g}",
    cmap: str | Colormap = "Blues",
) -> Axes:
    """Draw a tensor of up to three dimensions as a grid of labelled cells.

    A 0-d tensor is one cell, a 1-d tensor a row, a 2-d tensor a grid; a 3-d tensor
    is drawn as its slices ``tensor[0]``, ``tensor[1]``, ... side by side. A tensor
    with no elements draws no cells (only the title). Cells are coloured from the
    smallest to the largest finite value; ``-inf`` and ``inf`` take the lightest
    and the darkest colour and a NaN cell is grey, each with readable text. Bools
    are written ``T`` and ``F``. Views (transposed, strided, expanded), tensors
    that require gradients, inference tensors and every real dtype (``bfloat16``
    too) draw as their values.

    Args:
        ax: the axes to draw on.
        tensor: the tensor to draw (dense, of a real or bool dtype, at most 3
            dimensions, at most 400 elements).
        title: the axes title.
        fmt: format of each cell's number: a str with one replacement field, such
            as ``"{:.2f}"`` (``"{:d}"`` suits integer tensors only); unused for bools.
        cmap: a matplotlib colour map, or its name, for the cell colours.

    Returns:
        ``ax``, for chaining.

    Raises:
        TypeError: ``ax`` is not an Axes, ``tensor`` not a dense tensor of a real or
            bool dtype, ``title`` not a str, ``fmt`` not a str or ``cmap`` neither a
            name nor a Colormap.
        ValueError: ``tensor`` has more than 3 dimensions, more than 400 elements or
            no data (the meta device), ``fmt`` cannot format the tensor's values, or
            ``cmap`` names no colour map.

    Example:
        >>> fig, ax = plt.subplots()
        >>> draw_tensor(ax, torch.arange(6).reshape(2, 3), title="2x3") is ax
        True
        >>> len(ax.patches)
        6
        >>> plt.close(fig)
    """
    if not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes, got {_describe(ax)}")
    check_tensor("tensor", tensor)
    if tensor.layout != torch.strided:
        raise TypeError(f"tensor must be a dense (strided) tensor, got layout {tensor.layout}")
    if tensor.dtype.is_complex:
        raise TypeError(f"tensor must have a real or bool dtype, got {tensor.dtype}")
    check_ndim("tensor", tensor, (0, 1, 2, 3))
    if tensor.numel() > 400:
        raise ValueError(f"tensor must have at most 400 elements to draw, got {tensor.numel()}")
    if tensor.is_meta:
        raise ValueError("tensor must hold data to draw, got a tensor on the meta device")
    check_str("title", title, optional=True)
    check_format("fmt", fmt, 0.0 if tensor.is_floating_point() else 0)
    colours = _check_cmap(cmap)
    if tensor.numel() == 0:
        ax.axis("off")
        if title is not None:
            ax.set_title(title)
        return ax
    data = tensor.detach().cpu()
    slices = data if data.ndim == 3 else data.reshape(1, *([1] * (2 - data.ndim)), *data.shape)
    texts = [[[_cell_text(v, fmt) for v in row] for row in grid] for grid in slices.tolist()]
    shades = _shades(slices.to(torch.float64).numpy())
    rows, cols = slices.shape[-2:]
    for k in range(len(slices)):
        left = k * (cols + 1)
        for i, j in np.ndindex(rows, cols):
            shade = shades[k, i, j]
            ax.add_patch(
                Rectangle(
                    (left + j, rows - 1 - i),
                    1,
                    1,
                    facecolor=NAN_COLOUR if np.isnan(shade) else colours(shade),
                    edgecolor="black",
                )
            )
            ax.text(
                left + j + 0.5,
                rows - 0.5 - i,
                texts[k][i][j],
                ha="center",
                va="center",
                fontsize=10,
                color="white" if shade >= 0.55 else "black",
            )
        if data.ndim == 3:
            ax.text(left + cols / 2, rows + 0.3, f"[{k}]", ha="center", va="bottom", fontsize=9)
    width = len(slices) * (cols + 1) - 1
    ax.set_xlim(-0.1, width + 0.1)
    ax.set_ylim(-0.1, rows + (0.9 if data.ndim == 3 else 0.1))
    ax.set_aspect("equal")
    ax.axis("off")
    if title is not None:
        ax.set_title(title)
    return ax
