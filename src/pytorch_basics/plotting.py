"""Figure helpers: the site's fonts and a picture of a small tensor.

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
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from ._checks import check_ndim, check_tensor

__all__ = ["draw_tensor", "hangul_font_path", "use_site_style"]

HANGUL_FONT = "NanumGothic"


def hangul_font_path() -> Path:
    """Path of the NanumGothic font file bundled by ``koreanize-matplotlib``.

    The package is located without importing it (its import needs ``distutils``).

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
    return Path(next(iter(spec.submodule_search_locations))) / "fonts" / "NanumGothic.ttf"


def use_site_style() -> None:
    """Set matplotlib up as the site's figures are drawn: Hangul-capable fonts.

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
    return fmt.format(value)


def draw_tensor(
    ax: Axes,
    tensor: torch.Tensor,
    *,
    title: str | None = None,
    fmt: str = "{:g}",
    cmap: str = "Blues",
) -> Axes:
    """Draw a tensor of up to three dimensions as a grid of labelled cells.

    A 0-d tensor is one cell, a 1-d tensor a row, a 2-d tensor a grid; a 3-d tensor
    is drawn as its slices ``tensor[0]``, ``tensor[1]``, ... side by side.

    Args:
        ax: the axes to draw on.
        tensor: the tensor to draw (at most 3 dimensions, at most 400 elements).
        title: the axes title.
        fmt: format of each cell's number.
        cmap: a matplotlib colour map name for the cell colours.

    Returns:
        ``ax``, for chaining.

    Example:
        >>> fig, ax = plt.subplots()
        >>> draw_tensor(ax, torch.arange(6).reshape(2, 3), title="2x3") is ax
        True
        >>> len(ax.patches)
        6
        >>> plt.close(fig)
    """
    check_tensor("tensor", tensor)
    check_ndim("tensor", tensor, (0, 1, 2, 3))
    if tensor.numel() > 400:
        raise ValueError(f"tensor must have at most 400 elements to draw, got {tensor.numel()}")
    data = tensor.detach().cpu()
    slices = (
        data.reshape(-1, *data.shape[-2:])
        if data.ndim == 3
        else data.reshape(1, *([1] * (2 - data.ndim)), *data.shape)
    )
    values = slices.to(torch.float64).numpy()
    finite = values[np.isfinite(values)]
    low, high = (finite.min(), finite.max()) if finite.size else (0.0, 1.0)
    colours = plt.get_cmap(cmap)
    rows, cols = slices.shape[-2:]
    for k, grid in enumerate(slices):
        left = k * (cols + 1)
        for (i, j), value in np.ndenumerate(grid.numpy()):
            shade = 0.15 + 0.6 * ((values[k, i, j] - low) / (high - low) if high > low else 0.5)
            ax.add_patch(
                Rectangle(
                    (left + j, rows - 1 - i), 1, 1, facecolor=colours(shade), edgecolor="black"
                )
            )
            ax.text(
                left + j + 0.5,
                rows - 0.5 - i,
                _cell_text(value.item(), fmt),
                ha="center",
                va="center",
                fontsize=10,
                color="black" if shade < 0.55 else "white",
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
