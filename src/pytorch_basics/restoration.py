"""Restoring an image that a "weird function" broke: the practice of :ref:`post-basics-autograd`.

The post breaks a 100x100 picture, flattened to 10,000 numbers, with a function from
the Korean book *펭귄브로의 3분 딥러닝 파이토치맛* (chapter 3, MIT-licensed code), and
restores it by gradient descent from random noise. The function runs five rounds of::

    h <- -h/3 - h_left/3 + h_right/3,   h_left[i] = h[i-1], h_right[i] = h[i+1]

(zeros past either end), and after rounds 0, 2 and 4 the two halves of ``h`` swap
places. Every round is linear and invertible, so the whole function is a matrix ``A``
and restoring the image means solving ``A x = broken``.

This module holds the function as the book writes it, a vectorised version, its
adjoint (transpose) ``A^T`` without autograd, its exact inverse, the solvers the site
compares, PSNR and the test picture.
"""

from __future__ import annotations

import functools
import math
import numbers
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import torch
import torch.nn.functional as F
from matplotlib import cbook
from matplotlib import image as mpimage

from ._checks import (
    _describe,
    check_bool,
    check_finite,
    check_floating,
    check_int,
    check_ndim,
    check_real,
    check_same_shape,
    check_tensor,
)

__all__ = [
    "ROUNDS",
    "Restoration",
    "psnr",
    "restore_adam",
    "restore_conjugate_gradient",
    "restore_gradient_descent",
    "restore_lbfgs",
    "restore_sgd",
    "sample_image",
    "singular_value_range",
    "weird_function",
    "weird_function_adjoint",
    "weird_function_inverse",
    "weird_function_vectorised",
]

ROUNDS = 5
"""How many rounds the weird function runs (the book's ``n_iter=5``)."""

LinearMap = Callable[[torch.Tensor], torch.Tensor]

_DTYPES = (torch.float32, torch.float64)

_MOST_STEPS = 1_000_000  # the solvers' largest ``steps``: minutes, not days, per call
_MOST_ITERATIONS = 1_000  # Lanczos steps in singular_value_range
_MOST_LANCZOS_NUMBERS = 100_000_000  # numbers the Lanczos basis may hold (800 MB in float64)


def _check_signal(name: str, value: object) -> torch.Tensor:
    """``value`` as a 1-D ``float32``/``float64`` tensor of at least 2 values, or raise."""
    signal = check_floating(name, value)
    if signal.dtype not in _DTYPES:
        raise TypeError(
            f"{name} must have dtype torch.float32 or torch.float64, got {signal.dtype}"
        )
    check_ndim(name, signal, (1,))
    if signal.numel() < 2:
        raise ValueError(f"{name} must hold at least 2 values, got {signal.numel()}")
    return signal


def _check_pair(name: str, value: object, other_name: str, other: torch.Tensor) -> torch.Tensor:
    """``value`` as a finite signal of the same length and dtype as ``other``, or raise."""
    signal = _check_signal(name, value)
    if signal.shape != other.shape:
        raise ValueError(
            f"{name} must have the same length as {other_name} ({other.shape[0]}), "
            f"got length {signal.shape[0]}"
        )
    if signal.dtype != other.dtype:
        raise TypeError(
            f"{name} must have the same dtype as {other_name} ({other.dtype}), got {signal.dtype}"
        )
    return check_finite(name, signal)


def _check_callable(name: str, value: object) -> None:
    if not callable(value):
        raise TypeError(f"{name} must be a function of one tensor, got {_describe(value)}")


def weird_function(x: torch.Tensor) -> torch.Tensor:
    """The book's weird function, transcribed: five rounds of a 3-tap filter and swaps.

    The code follows the book line by line (``torch.cat`` with a zero for the shifted
    copies, the filter ``[-1/3, 1/3, -1/3]``, a half swap after every even round). The
    book keeps the filter in a ``float32`` tensor; here it takes the dtype of ``x``, so
    in ``float64`` the factors are ``1/3`` to double precision.

    Args:
        x: a 1-D ``float32`` or ``float64`` tensor with at least 2 values, any layout
            (a non-contiguous view gives the same values). NaN and infinite values are
            not checked (the solvers call this thousands of times): they spread to
            neighbouring values, round after round (an infinity mostly to NaN).

    Returns:
        The broken signal, same shape and dtype as ``x``. It is differentiable by
        autograd when ``x`` requires grad and grad mode is on; under
        ``torch.no_grad()`` or ``torch.inference_mode()`` it is a plain tensor.

    Example:
        >>> x = torch.tensor([0.0, 243.0, 0.0, 0.0], dtype=torch.float64)
        >>> weird_function(x)
        tensor([13.,  4., -3., -9.], dtype=torch.float64)
    """
    _check_signal("x", x)
    h = x
    filt = torch.tensor([-1.0 / 3, 1.0 / 3, -1.0 / 3], dtype=x.dtype, device=x.device)
    for i in range(ROUNDS):
        zero_tensor = torch.zeros(1, dtype=x.dtype, device=x.device)
        h_l = torch.cat((zero_tensor, h[:-1]), 0)
        h_r = torch.cat((h[1:], zero_tensor), 0)
        h = filt[0] * h + filt[2] * h_l + filt[1] * h_r
        if i % 2 == 0:
            h = torch.cat((h[h.shape[0] // 2 :], h[: h.shape[0] // 2]), 0)
    return h


def weird_function_vectorised(x: torch.Tensor) -> torch.Tensor:
    """The weird function with fewer, larger operations (same values within 1e-12).

    Each round pads once with zeros and takes two differences of shifted views; the
    five factors ``1/3`` become one division by ``3**5`` at the end; the half swap is a
    ``torch.roll``. Every operation has a fixed cost that does not depend on how many
    numbers it handles, so fewer operations take less time. On 10,000 numbers that
    fixed cost is a large share of the book function's time, though not all of it: the
    practice chapter measures the share (it depends on the computer).

    Args:
        x: a 1-D ``float32`` or ``float64`` tensor with at least 2 values; NaN and
            infinite values spread as in :func:`weird_function`.

    Returns:
        ``weird_function(x)``, up to rounding (differentiable like it).

    Example:
        >>> x = torch.tensor([0.0, 243.0, 0.0, 0.0], dtype=torch.float64)
        >>> weird_function_vectorised(x)
        tensor([13.,  4., -3., -9.], dtype=torch.float64)
    """
    _check_signal("x", x)
    half = x.shape[0] // 2
    h = x
    for i in range(ROUNDS):
        padded = F.pad(h, (1, 1))
        h = padded[2:] - padded[1:-1] - padded[:-2]  # 3 * (-h/3 - h_left/3 + h_right/3)
        if i % 2 == 0:
            h = torch.roll(h, -half)
    return h / 3**ROUNDS


def weird_function_adjoint(y: torch.Tensor) -> torch.Tensor:
    """The adjoint (transpose) ``A^T y`` of the weird function, without autograd.

    The rounds run backwards; each swap is undone and each filter is mirrored
    (``-h/3 - h_right/3 + h_left/3``). Autograd's backward pass through
    ``weird_function`` computes the same thing; this version records no graph.

    Args:
        y: a 1-D ``float32`` or ``float64`` tensor with at least 2 values; NaN and
            infinite values spread as in :func:`weird_function`.

    Returns:
        ``A^T y``, same shape and dtype as ``y`` (differentiable by autograd too).

    Example:
        >>> x = torch.tensor([1.0, 2.0, 3.0, 4.0], dtype=torch.float64)
        >>> y = torch.tensor([0.5, -1.0, 2.0, 1.0], dtype=torch.float64)
        >>> left = torch.dot(weird_function(x), y)
        >>> right = torch.dot(x, weird_function_adjoint(y))
        >>> torch.allclose(left, right)
        True
    """
    _check_signal("y", y)
    half = y.shape[0] // 2
    h = y
    for i in reversed(range(ROUNDS)):
        if i % 2 == 0:
            h = torch.roll(h, half)
        padded = F.pad(h, (1, 1))
        h = padded[:-2] - padded[1:-1] - padded[2:]
    return h / 3**ROUNDS


def _dst(v: torch.Tensor) -> torch.Tensor:
    """Orthonormal type-I discrete sine transform (its own inverse), through one FFT."""
    n = v.shape[0]
    zero = v.new_zeros(1)
    spectrum = torch.fft.fft(torch.cat((zero, v, zero, -v.flip(0))))[1 : n + 1]
    return spectrum * (0.5j * math.sqrt(2 / (n + 1)))


def _solve_rounds(h: torch.Tensor, power: int, *, transpose: bool) -> torch.Tensor:
    """Solve ``T^power z = h`` (or with ``T^T``) for one round's filter ``T``, exactly.

    ``T`` is tridiagonal Toeplitz (``-1/3`` on the diagonal and below it, ``1/3``
    above). With ``D = diag(i^k)`` it is ``D M D^-1``, where ``M`` is symmetric and
    diagonalised by the sine transform ``S``, with eigenvalues
    ``(-1 + 2i cos(theta_k)) / 3``: so ``T^-p = D S diag(eigenvalues^-p) S D^-1``.
    """
    n = h.shape[0]
    cdtype = torch.complex128 if h.dtype == torch.float64 else torch.complex64
    k = torch.arange(n, device=h.device)
    phase = torch.tensor([1, 1j, -1, -1j], dtype=cdtype, device=h.device)[k % 4]
    if transpose:
        phase = phase.conj()
    theta = (k + 1).to(h.dtype) * (math.pi / (n + 1))
    eigenvalues = torch.complex(-torch.ones_like(theta), 2 * torch.cos(theta)) / 3
    return (phase * _dst(_dst(phase.conj() * h) / eigenvalues**power)).real.to(h.dtype)


# Filter rounds between the half swaps: round 0 | rounds 1, 2 | rounds 3, 4.
_ROUNDS_BEFORE_SWAP = (1, 2, 2)


def weird_function_inverse(y: torch.Tensor, *, transpose: bool = False) -> torch.Tensor:
    """Undo the weird function exactly: ``A^-1 y`` (or ``A^-T y`` with ``transpose``).

    Each round's filter is a tridiagonal Toeplitz matrix that a sine transform
    diagonalises, so the rounds between two swaps are undone with two FFTs; swaps are
    undone by rolling back. No iterations: the answer is exact up to rounding.

    Args:
        y: a 1-D ``float32`` or ``float64`` tensor with at least 2 values. NaN and
            infinite values are not checked: they spread (every value of the inverse
            depends on every value of ``y``, so one NaN makes all of ``z`` NaN).
        transpose: solve ``A^T z = y`` instead of ``A z = y`` (a ``bool``).

    Returns:
        ``z`` with ``A z = y`` (``A^T z = y`` with ``transpose=True``). Autograd
        differentiates it: the gradient of ``<z, v>`` with respect to ``y`` is
        ``A^-T v``.

    Example:
        >>> x = torch.tensor([0.5, -1.0, 2.0, 1.0], dtype=torch.float64)
        >>> weird_function_inverse(weird_function(x))
        tensor([ 0.5000, -1.0000,  2.0000,  1.0000], dtype=torch.float64)
        >>> z = weird_function_inverse(x, transpose=True)
        >>> torch.allclose(weird_function_adjoint(z), x)
        True
    """
    _check_signal("y", y)
    transpose = check_bool("transpose", transpose)
    half = y.shape[0] // 2
    h = y
    if transpose:
        for power in _ROUNDS_BEFORE_SWAP:
            h = torch.roll(_solve_rounds(h, power, transpose=True), -half)
        return h
    for power in reversed(_ROUNDS_BEFORE_SWAP):
        h = _solve_rounds(torch.roll(h, half), power, transpose=False)
    return h


def _largest_eigenvalue(apply: LinearMap, start: torch.Tensor, iterations: int) -> float:
    """Largest eigenvalue of a symmetric positive semi-definite map, by Lanczos.

    ``iterations`` steps build an orthonormal basis of ``start, apply(start), ...``
    (re-orthogonalised in full) and the small tridiagonal matrix of ``apply`` in it;
    that matrix's largest eigenvalue approaches the map's from below.
    """
    iterations = min(iterations, start.shape[0])
    basis = torch.zeros(iterations, start.shape[0], dtype=start.dtype)
    basis[0] = start / torch.linalg.vector_norm(start)
    diagonal, off_diagonal = [], []
    for k in range(iterations):
        w = apply(basis[k])
        size = torch.linalg.vector_norm(w)
        diagonal.append(torch.dot(w, basis[k]))
        for _ in range(2):  # twice is enough to keep the basis orthogonal in floating point
            w = w - basis[: k + 1].T @ (basis[: k + 1] @ w)
        beta = torch.linalg.vector_norm(w)
        if k + 1 == iterations or beta <= 1e-10 * size:  # the basis spans an invariant space
            break
        off_diagonal.append(beta)
        basis[k + 1] = w / beta
    alphas = torch.stack(diagonal)
    betas = torch.stack(off_diagonal) if off_diagonal else alphas[:0]
    tridiagonal = torch.diag(alphas) + torch.diag(betas, 1) + torch.diag(betas, -1)
    return torch.linalg.eigvalsh(tridiagonal).max().item()


def singular_value_range(
    length: int = 10_000, *, iterations: int = 60, dtype: torch.dtype = torch.float64
) -> tuple[float, float]:
    """Smallest and largest singular value of the weird function on ``length`` values.

    Lanczos on ``A^T A`` (with the explicit adjoint) finds the largest; Lanczos on
    ``(A^T A)^-1 = A^-1 A^-T`` (with the exact inverse) finds the smallest. Both
    approach from inside, so ``largest / smallest`` is a lower bound of the condition
    number that tightens with ``iterations``.

    Args:
        length: the signal length (10,000 for a 100x100 image), at least 2 (an ``int``,
            a NumPy integer or a 0-d integer tensor).
        iterations: Lanczos steps for each end, from 1 to 1,000; more than ``length``
            are not taken (``length`` steps already give the exact answer).
        dtype: ``torch.float32`` or ``torch.float64``.

    The basis Lanczos keeps holds ``length * min(iterations, length)`` numbers: more
    than 100,000,000 raises a ``ValueError`` instead of running out of memory.

    Returns:
        ``(smallest, largest)``.

    Example:
        >>> smallest, largest = singular_value_range(3)
        >>> matrix = torch.stack([weird_function(e) for e in torch.eye(3, dtype=torch.float64)]).T
        >>> values = torch.linalg.svdvals(matrix)
        >>> round(smallest, 6) == round(values.min().item(), 6)
        True
        >>> round(largest, 6) == round(values.max().item(), 6)
        True
    """
    length = check_int("length", length, minimum=2)
    iterations = check_int("iterations", iterations, minimum=1, maximum=_MOST_ITERATIONS)
    if not isinstance(dtype, torch.dtype) or dtype not in _DTYPES:
        raise TypeError(f"dtype must be torch.float32 or torch.float64, got {_describe(dtype)}")
    if length * min(iterations, length) > _MOST_LANCZOS_NUMBERS:
        raise ValueError(
            f"length * min(iterations, length) must be <= {_MOST_LANCZOS_NUMBERS:,} (the "
            f"numbers the Lanczos basis holds), got length={length}, iterations={iterations}"
        )
    start = torch.randn(length, generator=torch.Generator().manual_seed(0), dtype=dtype)
    largest = _largest_eigenvalue(
        lambda v: weird_function_adjoint(weird_function_vectorised(v)), start, iterations
    )
    inverse_largest = _largest_eigenvalue(
        lambda v: weird_function_inverse(weird_function_inverse(v, transpose=True)),
        start,
        iterations,
    )
    return 1 / math.sqrt(inverse_largest), math.sqrt(largest)


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


def _check_numbers(name: str, values: object) -> None:
    """Raise unless ``values`` is a list (or tuple) of real numbers, naming the bad one."""
    if not isinstance(values, (list, tuple)):
        raise TypeError(f"{name} must be a list of real numbers, got {_describe(values)}")
    if all(type(value) is float for value in values):  # what the solvers record: fast
        return
    for i, value in enumerate(values):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{name}[{i}] must be a real number, got {_describe(value)}")


@dataclass(frozen=True)
class Restoration:
    """What a solver returns.

    The constructor checks its fields: a wrong type raises a ``TypeError`` and
    ``psnrs`` of another length than ``losses`` a ``ValueError``, each naming the field.

    Attributes:
        image: the restored signal (1-D, detached).
        losses: ``torch.dist(A x_k, broken)`` for the start ``x_0`` and after each step
            (a list of real numbers).
        psnrs: PSNR of each ``x_k`` against the reference: empty without a reference,
            else one per loss.
        timed_out: ``True`` when the solver stopped because its ``max_seconds`` ran out,
            before taking ``steps`` steps or reaching ``target_psnr``.
    """

    image: torch.Tensor
    losses: list[float] = field(default_factory=list)
    psnrs: list[float] = field(default_factory=list)
    timed_out: bool = False

    def __post_init__(self) -> None:
        check_tensor("image", self.image)
        _check_numbers("losses", self.losses)
        _check_numbers("psnrs", self.psnrs)
        if self.psnrs and len(self.psnrs) != len(self.losses):
            raise ValueError(
                f"psnrs must be empty or as long as losses ({len(self.losses)}), "
                f"got {len(self.psnrs)}"
            )
        check_bool("timed_out", self.timed_out)

    @property
    def steps(self) -> int:
        """How many steps the solver took: ``len(losses) - 1`` (0 when ``losses`` is empty)."""
        return max(len(self.losses) - 1, 0)


class _Monitor:
    """Records the losses and PSNRs of the iterates and tells the solver when to stop."""

    def __init__(
        self,
        broken: torch.Tensor,
        reference: object,
        target_psnr: object,
        max_seconds: object,
    ) -> None:
        if reference is not None:
            reference = _check_pair("reference", reference, "broken", broken).detach().clone()
        if target_psnr is not None:
            target_psnr = check_real("target_psnr", target_psnr)
            if reference is None:
                raise ValueError("target_psnr needs a reference image to compare with, got None")
        if max_seconds is not None:
            max_seconds = check_real("max_seconds", max_seconds, positive=True)
        self.reference, self.target = reference, target_psnr
        self.max_seconds, self.deadline = max_seconds, math.inf
        self.timed_out = False
        self.losses: list[float] = []
        self.psnrs: list[float] = []

    def reached(self, x: torch.Tensor) -> bool:
        """Record the PSNR of ``x``; ``True`` once it reaches the target."""
        if self.reference is None:
            return False
        self.psnrs.append(_psnr(x.detach(), self.reference, 1.0))
        return self.target is not None and self.psnrs[-1] >= self.target

    def out_of_time(self) -> bool:
        """``True`` (and remembered) once ``max_seconds`` have passed since the first step.

        The clock starts at the first call, just before the first step, so the set-up
        (the first optimizer a process creates can take a second) does not count and
        at least one step is taken.
        """
        if self.max_seconds is None:
            return False
        now = time.perf_counter()
        if self.deadline == math.inf:
            self.deadline = now + self.max_seconds
        elif now >= self.deadline:
            self.timed_out = True
        return self.timed_out

    def finite(self, loss: float) -> float:
        """``loss``, or a ``ValueError`` if it is NaN or infinite."""
        if not math.isfinite(loss):
            raise ValueError(
                f"the loss torch.dist(forward(x), broken) is {loss} after {len(self.losses)} "
                "step(s): forward returned NaN or infinite values, or the steps diverged"
            )
        return loss

    def add_loss(self, loss: float) -> None:
        self.losses.append(self.finite(loss))

    def result(self, x: torch.Tensor, forward: LinearMap, broken: torch.Tensor) -> Restoration:
        with torch.no_grad():
            image = x.detach().clone()
            self.add_loss(torch.dist(forward(image), broken).item())
        return Restoration(image, self.losses, self.psnrs, self.timed_out)


def _checked(name: str, function: LinearMap, like: torch.Tensor) -> LinearMap:
    """``function`` with every result checked: a tensor of the shape and dtype of ``like``."""

    def apply(value: torch.Tensor) -> torch.Tensor:
        image = function(value)
        if not isinstance(image, torch.Tensor):
            raise TypeError(f"{name} must return a torch.Tensor, got {_describe(image)}")
        if image.shape != like.shape:
            raise ValueError(
                f"{name} must return a tensor of shape {tuple(like.shape)} like broken, "
                f"got shape {tuple(image.shape)}"
            )
        if image.dtype != like.dtype:
            raise TypeError(
                f"{name} must return a tensor of dtype {like.dtype} like broken, got {image.dtype}"
            )
        return image

    return apply


def _differentiable(image: torch.Tensor) -> torch.Tensor:
    """``image = forward(x)`` for an ``x`` that requires grad, or a ``ValueError``."""
    if not image.requires_grad:
        raise ValueError(
            "forward must be differentiable by autograd: for an x that requires grad, "
            "forward(x) returned a tensor that does not require grad (it does not depend "
            "on x through torch operations)"
        )
    return image


def _check_solver(
    broken: object, start: object, steps: object, forward: object
) -> tuple[torch.Tensor, torch.Tensor, int, LinearMap]:
    """Detached copies of broken and start, the checked steps, and forward with checks."""
    signal = check_finite("broken", _check_signal("broken", broken))
    first = _check_pair("start", start, "broken", signal)
    most = check_int("steps", steps, minimum=0, maximum=_MOST_STEPS)
    _check_callable("forward", forward)
    signal = signal.detach().clone()
    return signal, first.detach().clone(), most, _checked("forward", forward, signal)


_Solver = Callable[..., Restoration]


def _any_grad_mode(solver: _Solver) -> _Solver:
    """Run ``solver`` with autograd on, whatever the caller's grad mode.

    Under ``torch.no_grad()`` or ``torch.inference_mode()`` the solver still needs
    autograd (and tensors that autograd may save), and its result must not depend on
    the caller's mode; the copies it makes of its inputs are then ordinary tensors.
    """

    @functools.wraps(solver)
    def run(*args: object, **kwargs: object) -> Restoration:
        with torch.inference_mode(False), torch.enable_grad():
            return solver(*args, **kwargs)

    return run


@_any_grad_mode
def restore_gradient_descent(
    broken: torch.Tensor,
    start: torch.Tensor,
    *,
    lr: float = 0.8,
    steps: int = 20_000,
    forward: LinearMap = weird_function,
    adjoint: LinearMap | None = None,
    reference: torch.Tensor | None = None,
    target_psnr: float | None = None,
    max_seconds: float | None = None,
) -> Restoration:
    """The post's loop: fixed-step gradient descent on ``torch.dist(forward(x), broken)``.

    With ``adjoint=None`` the gradient comes from autograd, as in the post; with an
    adjoint ``A^T`` it is computed as ``A^T r / ||r||`` (``r = A x - broken``), which is
    the same gradient without recording a graph. Where the loss is exactly 0 the
    gradient is taken as 0 both ways (autograd's choice), so ``x`` stays put.

    Bad input raises a ``TypeError`` or ``ValueError`` that names the argument; so does
    a ``forward`` (or ``adjoint``) that returns anything but a tensor of the shape and
    dtype of ``broken``, and a loss that becomes NaN or infinite (``forward`` returned
    such values, or the steps diverged). The result is the same under
    ``torch.no_grad()`` and ``torch.inference_mode()``: autograd is on inside. No call
    runs unbounded: ``steps`` is at most 1,000,000, and ``max_seconds`` stops earlier.

    Args:
        broken: the broken signal ``A x_true`` (1-D, finite).
        start: the first guess, same length and dtype as ``broken``.
        lr: the step size (the post's 0.8), > 0.
        steps: the most steps to take (the post's 20,000), from 0 to 1,000,000.
        forward: the weird function to use (the book's, or the vectorised one); with
            ``adjoint=None`` it must be differentiable by autograd.
        adjoint: its adjoint, or ``None`` for autograd.
        reference: the original signal, to record PSNR after every step.
        target_psnr: stop as soon as the PSNR reaches this many dB.
        max_seconds: a time budget > 0, or ``None`` for none: the solver stops before its
            next step once this many seconds have passed since its first step began (so
            it takes at least one step, and the last one may end a little later), and
            the result has ``timed_out=True``.

    Returns:
        A :class:`Restoration`.

    Example:
        >>> broken = weird_function(torch.tensor([0.25, 0.5, 0.75, 1.0], dtype=torch.float64))
        >>> result = restore_gradient_descent(broken, torch.zeros(4, dtype=torch.float64), steps=3)
        >>> result.steps, len(result.losses)
        (3, 4)
        >>> result.losses[-1] < result.losses[0]
        True
    """
    broken, x, steps, forward = _check_solver(broken, start, steps, forward)
    rate = check_real("lr", lr, positive=True)
    if adjoint is not None:
        _check_callable("adjoint", adjoint)
        adjoint = _checked("adjoint", adjoint, broken)
    monitor = _Monitor(broken, reference, target_psnr, max_seconds)
    for _ in range(steps):
        if monitor.reached(x) or monitor.out_of_time():
            break
        if adjoint is None:
            x.requires_grad_(True)
            loss = torch.dist(_differentiable(forward(x)), broken)
            monitor.add_loss(loss.item())
            loss.backward()
            with torch.no_grad():
                x = x - rate * x.grad
        else:
            residual = forward(x) - broken
            loss = torch.linalg.vector_norm(residual)
            monitor.add_loss(loss.item())
            if monitor.losses[-1] > 0:
                x = x - rate * adjoint(residual / loss)
    else:
        monitor.reached(x)
    return monitor.result(x, forward, broken)


def _restore_with_optimizer(
    broken: torch.Tensor,
    start: torch.Tensor,
    make_optimizer: Callable[[list[torch.Tensor], int], torch.optim.Optimizer],
    *,
    squared: bool,
    steps: int,
    forward: LinearMap,
    reference: torch.Tensor | None,
    target_psnr: float | None,
    max_seconds: float | None,
) -> Restoration:
    """Run a ``torch.optim`` optimizer on ``torch.dist(forward(x), broken)`` (or its square / 2).

    ``make_optimizer`` gets the parameter list and the checked number of steps.
    """
    broken, x, steps, forward = _check_solver(broken, start, steps, forward)
    monitor = _Monitor(broken, reference, target_psnr, max_seconds)
    x.requires_grad_(True)
    optimizer = make_optimizer([x], steps)
    distance = [math.nan]

    def closure() -> torch.Tensor:
        optimizer.zero_grad()
        loss = torch.dist(_differentiable(forward(x)), broken)
        distance[0] = monitor.finite(loss.item())
        if squared:
            loss = loss**2 / 2
        loss.backward()
        return loss

    for _ in range(steps):
        if monitor.reached(x) or monitor.out_of_time():
            break
        optimizer.step(closure)
        monitor.add_loss(distance[0])
    else:
        monitor.reached(x)
    return monitor.result(x, forward, broken)


@_any_grad_mode
def restore_sgd(
    broken: torch.Tensor,
    start: torch.Tensor,
    *,
    lr: float = 0.8,
    momentum: float = 0.9,
    steps: int = 5_000,
    forward: LinearMap = weird_function_vectorised,
    reference: torch.Tensor | None = None,
    target_psnr: float | None = None,
    max_seconds: float | None = None,
) -> Restoration:
    """The post's loss and step size with momentum: ``torch.optim.SGD(momentum=0.9)``.

    PyTorch's momentum keeps a velocity ``v <- momentum * v + g`` and steps by
    ``lr * v``. On the practice chapter's image problem the gradient keeps pointing the
    same way for most of the run, so the velocity adds the gradients up: halfway through
    the run to a 40 dB picture it is about ``1 / (1 - momentum)`` (10) times as long as one gradient.
    With momentum 0 this is the post's loop (:func:`restore_gradient_descent`), far
    slower.

    Bad input raises a ``TypeError`` or ``ValueError`` that names the argument; so does
    a ``forward`` (or ``adjoint``) that returns anything but a tensor of the shape and
    dtype of ``broken``, and a loss that becomes NaN or infinite (``forward`` returned
    such values, or the steps diverged). The result is the same under
    ``torch.no_grad()`` and ``torch.inference_mode()``: autograd is on inside. No call
    runs unbounded: ``steps`` is at most 1,000,000, and ``max_seconds`` stops earlier.

    Args:
        broken: the broken signal (1-D, finite).
        start: the first guess, same length and dtype as ``broken``.
        lr: the step size, > 0.
        momentum: the momentum factor, 0 <= momentum < 1.
        steps: the most steps to take, from 0 to 1,000,000.
        forward: the weird function to use (differentiable by autograd).
        reference: the original signal, to record PSNR after every step.
        target_psnr: stop as soon as the PSNR reaches this many dB.
        max_seconds: a time budget > 0, or ``None`` for none: the solver stops before its
            next step once this many seconds have passed since its first step began (so
            it takes at least one step, and the last one may end a little later), and
            the result has ``timed_out=True``.

    Returns:
        A :class:`Restoration`.

    Example:
        >>> broken = weird_function(torch.tensor([0.25, 0.5, 0.75, 1.0], dtype=torch.float64))
        >>> result = restore_sgd(broken, torch.zeros(4, dtype=torch.float64), steps=5)
        >>> result.steps, result.losses[-1] < result.losses[0]
        (5, True)
    """
    rate = check_real("lr", lr, positive=True)
    beta = check_real("momentum", momentum, below=1.0)
    if beta < 0:
        raise ValueError(f"momentum must be >= 0, got {momentum!r}")
    return _restore_with_optimizer(
        broken,
        start,
        lambda params, _: torch.optim.SGD(params, lr=rate, momentum=beta),
        squared=False,
        steps=steps,
        forward=forward,
        reference=reference,
        target_psnr=target_psnr,
        max_seconds=max_seconds,
    )


@_any_grad_mode
def restore_adam(
    broken: torch.Tensor,
    start: torch.Tensor,
    *,
    lr: float = 0.03,
    steps: int = 5_000,
    forward: LinearMap = weird_function_vectorised,
    reference: torch.Tensor | None = None,
    target_psnr: float | None = None,
    max_seconds: float | None = None,
) -> Restoration:
    """``torch.optim.Adam`` on the post's loss ``torch.dist(forward(x), broken)``.

    Adam divides a running average of each value's gradient by the running size of
    that gradient. On the practice chapter's image problem the per-value step sizes
    are not what makes it fast (one step size shared by all values does as well); the
    running average is. Once consecutive gradients point in opposite directions, they
    cancel in the average, so the values move by a few percent of ``lr`` instead of
    jumping by about ``lr`` back and forth at every step, as they do with
    ``betas[0] = 0``.

    Bad input raises a ``TypeError`` or ``ValueError`` that names the argument; so does
    a ``forward`` (or ``adjoint``) that returns anything but a tensor of the shape and
    dtype of ``broken``, and a loss that becomes NaN or infinite (``forward`` returned
    such values, or the steps diverged). The result is the same under
    ``torch.no_grad()`` and ``torch.inference_mode()``: autograd is on inside. No call
    runs unbounded: ``steps`` is at most 1,000,000, and ``max_seconds`` stops earlier.

    Args:
        broken: the broken signal (1-D, finite).
        start: the first guess, same length and dtype as ``broken``.
        lr: the step size, > 0.
        steps: the most steps to take, from 0 to 1,000,000.
        forward: the weird function to use (differentiable by autograd).
        reference: the original signal, to record PSNR after every step.
        target_psnr: stop as soon as the PSNR reaches this many dB.
        max_seconds: a time budget > 0, or ``None`` for none: the solver stops before its
            next step once this many seconds have passed since its first step began (so
            it takes at least one step, and the last one may end a little later), and
            the result has ``timed_out=True``.

    Returns:
        A :class:`Restoration`.

    Example:
        >>> broken = weird_function(torch.tensor([0.25, 0.5, 0.75, 1.0], dtype=torch.float64))
        >>> result = restore_adam(broken, torch.zeros(4, dtype=torch.float64), steps=5)
        >>> result.steps, result.losses[-1] < result.losses[0]
        (5, True)
    """
    rate = check_real("lr", lr, positive=True)
    return _restore_with_optimizer(
        broken,
        start,
        lambda params, _: torch.optim.Adam(params, lr=rate),
        squared=False,
        steps=steps,
        forward=forward,
        reference=reference,
        target_psnr=target_psnr,
        max_seconds=max_seconds,
    )


@_any_grad_mode
def restore_lbfgs(
    broken: torch.Tensor,
    start: torch.Tensor,
    *,
    history_size: int = 10,
    steps: int = 1_000,
    forward: LinearMap = weird_function_vectorised,
    reference: torch.Tensor | None = None,
    target_psnr: float | None = None,
    max_seconds: float | None = None,
) -> Restoration:
    """``torch.optim.LBFGS`` on the squared loss ``torch.dist(forward(x), broken)**2 / 2``.

    L-BFGS remembers the last ``history_size`` steps and gradient changes and builds
    from them an approximation of the curvature, so each step is scaled to the
    problem instead of by a fixed learning rate. The squared loss is smooth (its
    gradient shrinks near the answer), which a curvature model needs. One iteration
    per step, full steps (``lr=1``), no line search.

    Bad input raises a ``TypeError`` or ``ValueError`` that names the argument; so does
    a ``forward`` (or ``adjoint``) that returns anything but a tensor of the shape and
    dtype of ``broken``, and a loss that becomes NaN or infinite (``forward`` returned
    such values, or the steps diverged). The result is the same under
    ``torch.no_grad()`` and ``torch.inference_mode()``: autograd is on inside. No call
    runs unbounded: ``steps`` is at most 1,000,000, and ``max_seconds`` stops earlier.

    Args:
        broken: the broken signal (1-D, finite).
        start: the first guess, same length and dtype as ``broken``.
        history_size: how many past steps L-BFGS remembers, at least 1. A run of
            ``steps`` steps has no more to remember, so a larger value acts as ``steps``.
        steps: the most steps to take, from 0 to 1,000,000.
        forward: the weird function to use (differentiable by autograd).
        reference: the original signal, to record PSNR after every step.
        target_psnr: stop as soon as the PSNR reaches this many dB.
        max_seconds: a time budget > 0, or ``None`` for none: the solver stops before its
            next step once this many seconds have passed since its first step began (so
            it takes at least one step, and the last one may end a little later), and
            the result has ``timed_out=True``.

    Returns:
        A :class:`Restoration` (its losses are ``torch.dist``, not squared).

    Example:
        >>> broken = weird_function(torch.tensor([0.25, 0.5, 0.75, 1.0], dtype=torch.float64))
        >>> result = restore_lbfgs(broken, torch.zeros(4, dtype=torch.float64), steps=20)
        >>> result.steps, result.losses[-1] < 1e-3 * result.losses[0]
        (20, True)
    """
    history = check_int("history_size", history_size, minimum=1)
    return _restore_with_optimizer(
        broken,
        start,
        # torch's L-BFGS allocates a list of history_size entries at every step
        lambda params, most: torch.optim.LBFGS(
            params, lr=1, max_iter=1, history_size=min(history, max(most, 1)), tolerance_grad=0.0
        ),
        squared=True,
        steps=steps,
        forward=forward,
        reference=reference,
        target_psnr=target_psnr,
        max_seconds=max_seconds,
    )


def _autograd_adjoint(forward: LinearMap, like: torch.Tensor) -> LinearMap:
    """``A^T v`` by autograd: for a linear ``A`` one recorded graph serves every ``v``."""
    with torch.enable_grad():
        point = torch.zeros_like(like, requires_grad=True)
        image = _differentiable(forward(point))

    def adjoint(v: torch.Tensor) -> torch.Tensor:
        (grad,) = torch.autograd.grad(image, point, v, retain_graph=True)
        return grad

    return adjoint


@_any_grad_mode
def restore_conjugate_gradient(
    broken: torch.Tensor,
    start: torch.Tensor,
    *,
    steps: int = 1_000,
    forward: LinearMap = weird_function_vectorised,
    adjoint: LinearMap | None = None,
    reference: torch.Tensor | None = None,
    target_psnr: float | None = None,
    max_seconds: float | None = None,
) -> Restoration:
    """Conjugate gradient on the normal equations ``A^T A x = A^T broken`` (CGLS).

    Every step moves along a direction that does not undo the progress of the
    earlier steps, and with the best step length along it (computed, not tuned).
    Each step costs one ``forward`` and one ``adjoint``. It stops early once the
    gradient ``A^T r`` is rounding noise: ``x`` then solves the problem (a start that
    already solves it exactly takes 0 steps).

    Bad input raises a ``TypeError`` or ``ValueError`` that names the argument; so does
    a ``forward`` (or ``adjoint``) that returns anything but a tensor of the shape and
    dtype of ``broken``, and a loss that becomes NaN or infinite (``forward`` returned
    such values, or the steps diverged). The result is the same under
    ``torch.no_grad()`` and ``torch.inference_mode()``: autograd is on inside. No call
    runs unbounded: ``steps`` is at most 1,000,000, and ``max_seconds`` stops earlier.

    Args:
        broken: the broken signal (1-D, finite).
        start: the first guess, same length and dtype as ``broken``.
        steps: the most steps to take, from 0 to 1,000,000.
        forward: the weird function to use.
        adjoint: its adjoint, or ``None`` to let autograd compute ``A^T v`` (``forward``
            must then be differentiable by autograd).
        reference: the original signal, to record PSNR after every step.
        target_psnr: stop as soon as the PSNR reaches this many dB.
        max_seconds: a time budget > 0, or ``None`` for none: the solver stops before its
            next step once this many seconds have passed since its first step began (so
            it takes at least one step, and the last one may end a little later), and
            the result has ``timed_out=True``.

    Returns:
        A :class:`Restoration`.

    Example:
        >>> broken = weird_function(torch.tensor([0.25, 0.5, 0.75, 1.0], dtype=torch.float64))
        >>> result = restore_conjugate_gradient(broken, torch.zeros(4, dtype=torch.float64))
        >>> result.image
        tensor([0.2500, 0.5000, 0.7500, 1.0000], dtype=torch.float64)
    """
    broken, x, steps, forward = _check_solver(broken, start, steps, forward)
    if adjoint is None:
        adjoint = _autograd_adjoint(forward, broken)
    else:
        _check_callable("adjoint", adjoint)
        adjoint = _checked("adjoint", adjoint, broken)
    monitor = _Monitor(broken, reference, target_psnr, max_seconds)
    with torch.no_grad():
        residual = broken - forward(x)
        gradient = adjoint(residual)
        direction = gradient
        gamma = torch.dot(gradient, gradient)
        # stop once the gradient is rounding noise: A^T r = 0 means x solves the problem
        tiny = (torch.finfo(broken.dtype).eps ** 2) * gamma
        for _ in range(steps):
            if monitor.reached(x) or gamma <= tiny or monitor.out_of_time():
                break
            monitor.add_loss(torch.linalg.vector_norm(residual).item())
            image = forward(direction)
            alpha = gamma / torch.dot(image, image)
            x = x + alpha * direction
            residual = residual - alpha * image
            gradient = adjoint(residual)
            gamma, previous = torch.dot(gradient, gradient), gamma
            direction = gradient + (gamma / previous) * direction
        else:
            monitor.reached(x)
    return monitor.result(x, forward, broken)
