"""Hand-derived gradients of the Autograd chapter's expressions.

Each function writes out, with the rules of calculus, the gradient that
``backward()`` computes for one of the chapter's examples, so a page (and the
tests) can check autograd's answer against a formula. The results are plain
values: they carry no ``grad_fn``, just as ``.grad`` does not.

Edge cases follow ``backward()``: the inputs must be floating-point tensors (autograd
differentiates nothing else; complex ones are refused, as these formulas are for real
values), any shape works and an empty input gives an empty gradient, and a NaN or an
infinity goes through the formula to the NaN or infinity that ``backward()`` gives. The
inputs may require grad, be strided views or be made under ``torch.no_grad()`` or
``torch.inference_mode()``: the formulas need no graph.
"""

from __future__ import annotations

import torch

from ._checks import check_floating, check_has_values, check_ndim, check_same_shape

__all__ = [
    "branch_gradient",
    "cube_gradient",
    "polynomial_q_gradients",
    "squares_gradients",
]


def squares_gradients(w: torch.Tensor, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Gradients of ``l = (3w)^2 + (2x)^2``: ``dl/dw = 18w`` and ``dl/dx = 8x``.

    For tensors with more than one element ``l`` is summed first, so each element
    gets the gradient of its own term.

    Args:
        w: a floating-point tensor.
        x: a floating-point tensor of the same shape as ``w``.

    Returns:
        ``(dl/dw, dl/dx)``, each of the shape of its input.

    Example:
        >>> squares_gradients(torch.tensor(4.0), torch.tensor(3.0))
        (tensor(72.), tensor(24.))
    """
    check_floating("w", w)
    check_floating("x", x)
    check_same_shape("w", w, "x", x)
    return 18 * w.detach(), 8 * x.detach()


def cube_gradient(x: torch.Tensor) -> torch.Tensor:
    """Gradient of ``y = x^3``: ``dy/dx = 3x^2`` (element-wise, ``y`` summed).

    Args:
        x: a floating-point tensor.

    Returns:
        ``3 * x**2``, of the shape of ``x``.

    Example:
        >>> cube_gradient(torch.tensor(2.0))
        tensor(12.)
    """
    check_floating("x", x)
    return 3 * x.detach() ** 2


def polynomial_q_gradients(a: torch.Tensor, b: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Gradients of ``Q = 3a^3 - b^2``: ``dQ/da = 9a^2`` and ``dQ/db = -2b``.

    ``Q`` is element-wise, so these are the gradients of ``Q.sum()``, the same as
    ``Q.backward(gradient=torch.ones_like(Q))``.

    Args:
        a: a floating-point tensor.
        b: a floating-point tensor of the same shape as ``a``.

    Returns:
        ``(dQ/da, dQ/db)``, each of the shape of its input.

    Example:
        >>> polynomial_q_gradients(torch.tensor([2.0, 3.0]), torch.tensor([6.0, 4.0]))
        (tensor([36., 81.]), tensor([-12.,  -8.]))
    """
    check_floating("a", a)
    check_floating("b", b)
    check_same_shape("a", a, "b", b)
    return 9 * a.detach() ** 2, -2 * b.detach()


def branch_gradient(x: torch.Tensor) -> torch.Tensor:
    """Gradient of the dynamic-graph example: ``y = x^2`` if ``x > 0``, else ``y = x^3``.

    Which formula applies depends on the value of ``x``, as does the graph that
    autograd records: ``dy/dx = 2x`` for ``x > 0`` and ``3x^2`` otherwise.

    NaN is not ``> 0``, so NaN takes the ``x^3`` branch and gives NaN, as ``backward()``
    does; ``x = 0`` also takes it and gives 0.

    Args:
        x: a zero-dimensional floating-point tensor that holds a value (not a meta
            tensor: the branch depends on the value).

    Returns:
        A zero-dimensional tensor.

    Example:
        >>> branch_gradient(torch.tensor(2.0))
        tensor(4.)
        >>> branch_gradient(torch.tensor(-2.0))
        tensor(12.)
    """
    check_floating("x", x)
    check_ndim("x", x, (0,))
    check_has_values("x", x)
    value = x.detach()
    return 2 * value if value > 0 else 3 * value**2
