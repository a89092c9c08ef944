"""Image helpers: the test picture, and PSNR to measure how close a restoration is."""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from matplotlib import cbook
from matplotlib import image as mpimage

from .._checks import check_finite, check_floating, check_int, check_real, check_same_shape

__all__ = ["psnr", "sample_image"]


def psnr(image: torch.Tensor, reference: torch.Tensor, *, data_range: float = 1.0) -> float:
    """Peak signal-to-noise ratio in dB: ``10 log10(data_range^2 / MSE)``.

    Higher is closer; 40 dB means a root-mean-square error of 1% of ``data_range``.

    The error is computed in the wider dtype of the two (at least ``float32``), so
    ``float32`` rounding of a ``float64`` image counts as a difference, and in log form,
    so it neither overflows for huge values nor underflows to ``inf`` for tiny
    differences. Grad mode and ``requires_grad`` do not matter (nothing is recorded).

    Args:
        image: the restored image: a floating-point tensor of any shape with at least
            one value, all finite (NaN or infinity raises a ``ValueError``).
        reference: the original, same shape as ``image``, finite.
        data_range: the distance between the darkest and brightest possible value: a
            real number > 0 (also a NumPy scalar or a 0-d tensor).

    Returns:
        The PSNR in dB (``inf`` when the images are equal).

    Example:
        >>> image = torch.tensor([0.0, 0.5, 1.0], dtype=torch.float64)
        >>> round(psnr(image, torch.tensor([0.0, 0.5, 0.99], dtype=torch.float64)), 2)
        44.77
    """
    check_floating("image", image)
    check_floating("reference", reference)
    check_same_shape("image", image, "reference", reference)
    if image.numel() == 0:
        raise ValueError(f"image must hold at least 1 value, got 0 (shape {tuple(image.shape)})")
    check_finite("image", image)
    check_finite("reference", reference)
    peak = check_real("data_range", data_range, positive=True)
    return _psnr(image, reference, peak)


def _psnr(image: torch.Tensor, reference: torch.Tensor, peak: float) -> float:
    """PSNR as ``20 log10(peak) - 20 log10(||image - reference||) + 10 log10(n)``."""
    dtype = torch.promote_types(torch.promote_types(image.dtype, reference.dtype), torch.float32)
    image, reference = image.detach().to(dtype), reference.detach().to(dtype)
    # torch.dist is one operation: the cheapest way to the distance
    distance = torch.dist(image, reference).item()
    if 0 < distance < math.inf:
        log_distance = math.log10(distance)
    else:  # equal, or squares that under- or overflowed (or NaN from a diverged solver)
        log_distance = _log10_distance(image, reference)
        if log_distance == -math.inf:
            return math.inf
    return 20 * math.log10(peak) - 20 * log_distance + 10 * math.log10(reference.numel())


def _log10_distance(image: torch.Tensor, reference: torch.Tensor) -> float:
    """``log10(||image - reference||)`` without under- or overflow (``-inf`` if equal)."""
    difference, factor = image - reference, 1.0
    if not bool(torch.isfinite(difference).all()):  # the difference itself overflowed
        difference, factor = image / 2 - reference / 2, 2.0
    scale = difference.abs().max().item()
    if scale == 0:
        return -math.inf
    if not math.isfinite(scale):
        return math.nan
    norm = torch.linalg.vector_norm(difference / scale).item()
    return math.log10(factor) + math.log10(scale) + math.log10(norm)


def sample_image(*, size: int = 100) -> torch.Tensor:
    """A ``size`` x ``size`` greyscale photograph in [0, 1], made from matplotlib's data.

    Matplotlib installs a portrait of Grace Hopper (``grace_hopper.jpg``) among its
    sample data. The picture is turned grey (ITU-R BT.601 weights), cropped to its
    central square and shrunk with an antialiased bilinear resize, in ``float64``. Nothing is downloaded; the same call gives the same tensor.

    Args:
        size: the side of the square image in pixels, from 1 to 512 (an ``int``, a
            NumPy integer or a 0-d integer tensor).

    Returns:
        A ``float64`` tensor of shape ``(size, size)`` with values in [0, 1].

    Example:
        >>> image = sample_image(size=8)
        >>> image.shape, image.dtype
        (torch.Size([8, 8]), torch.float64)
        >>> bool(image.min() >= 0 and image.max() <= 1)
        True
    """
    size = check_int("size", size, minimum=1)
    if size > 512:
        raise ValueError(f"size must be <= 512 (the photograph is 512 pixels wide), got {size}")
    path = cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
    rgb = torch.from_numpy(mpimage.imread(path).copy()).to(torch.float64) / 255
    grey = rgb[..., :3] @ torch.tensor([0.299, 0.587, 0.114], dtype=torch.float64)
    height, width = grey.shape
    side = min(height, width)
    top, left = (height - side) // 2, (width - side) // 2
    square = grey[top : top + side, left : left + side]
    small = F.interpolate(
        square[None, None], size=(size, size), mode="bilinear", antialias=True, align_corners=False
    )
    return small[0, 0].clamp(0, 1)
