"""The weird function as a linear operator ``A``, and its linear-algebra companions.

The book's function as written, a vectorised version with the same values, its
adjoint (transpose) ``A^T`` without autograd, its exact inverse ``A^-1`` (and
``A^-T``) through sine transforms, and the range of its singular values.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
import torch.nn.functional as F

from .._checks import _describe, check_bool, check_floating, check_int, check_ndim

__all__ = [
    "ROUNDS",
    "singular_value_range",
    "weird_function",
    "weird_function_adjoint",
    "weird_function_inverse",
    "weird_function_vectorised",
]

ROUNDS = 5
"""How many rounds the weird function runs (the book's ``n_iter=5``)."""

LinearMap = Callable[[torch.Tensor], torch.Tensor]
"""A function of one 1-D tensor to one, such as ``A`` or ``A^T``."""

_DTYPES = (torch.float32, torch.float64)

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
