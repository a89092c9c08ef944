"""pytorch_basics.autograd: hand-derived gradients agree with backward() and gradcheck."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import torch

from pytorch_basics.autograd import (
    branch_gradient,
    cube_gradient,
    polynomial_q_gradients,
    squares_gradients,
)


def _leaves(*values: list[float] | float, dtype: torch.dtype = torch.float32) -> list[torch.Tensor]:
    return [torch.tensor(v, dtype=dtype, requires_grad=True) for v in values]


def _with_hand_gradients(
    forward: Callable[..., torch.Tensor], gradients: Callable[..., tuple[torch.Tensor, ...]]
) -> Callable[..., torch.Tensor]:
    """``forward`` as an autograd Function whose backward is the hand-derived formula."""

    class HandDerived(torch.autograd.Function):
        @staticmethod
        def forward(ctx, *inputs: torch.Tensor) -> torch.Tensor:  # type: ignore[override]
            ctx.save_for_backward(*inputs)
            return forward(*inputs)

        @staticmethod
        def backward(ctx, upstream: torch.Tensor) -> tuple[torch.Tensor, ...]:  # type: ignore[override]
            return tuple(upstream * g for g in gradients(*ctx.saved_tensors))

    return HandDerived.apply


def _double(*shapes: tuple[int, ...]) -> tuple[torch.Tensor, ...]:
    generator = torch.Generator().manual_seed(0)
    return tuple(
        torch.randn(shape, dtype=torch.float64, generator=generator).requires_grad_()
        for shape in shapes
    )


# --- l = (3w)^2 + (2x)^2 -------------------------------------------------------


def test_squares_gradients_seed_values_72_and_24() -> None:
    w, x = _leaves(4.0, 3.0)
    ((3 * w) ** 2 + (2 * x) ** 2).backward()
    dw, dx = squares_gradients(w, x)
    assert (dw.item(), dx.item()) == (72.0, 24.0)
    assert torch.equal(dw, w.grad) and torch.equal(dx, x.grad)


def test_squares_gradients_match_autograd_on_vectors() -> None:
    w, x = _leaves([1.0, -2.0, 0.5], [0.0, 3.0, -1.5])
    ((3 * w) ** 2 + (2 * x) ** 2).sum().backward()
    dw, dx = squares_gradients(w, x)
    assert torch.allclose(dw, w.grad) and torch.allclose(dx, x.grad)
    assert dw.grad_fn is None and not dw.requires_grad


def test_squares_gradients_pass_gradcheck() -> None:
    function = _with_hand_gradients(
        lambda w, x: ((3 * w) ** 2 + (2 * x) ** 2).sum(), squares_gradients
    )
    assert torch.autograd.gradcheck(function, _double((3,), (3,)))


# --- y = x^3 --------------------------------------------------------------------


def test_cube_gradient_seed_value_12() -> None:
    (x,) = _leaves(2.0)
    (x**3).backward()
    assert cube_gradient(x).item() == 12.0 == x.grad.item()


def test_cube_gradient_matches_autograd_on_a_matrix() -> None:
    (x,) = _leaves([[1.0, -2.0], [0.5, 3.0]])
    (x**3).sum().backward()
    assert torch.allclose(cube_gradient(x), x.grad)


def test_cube_gradient_passes_gradcheck() -> None:
    function = _with_hand_gradients(lambda x: (x**3).sum(), lambda x: (cube_gradient(x),))
    assert torch.autograd.gradcheck(function, _double((2, 3)))


# --- Q = 3a^3 - b^2 ---------------------------------------------------------------


def test_polynomial_q_gradients_seed_values() -> None:
    a, b = _leaves([2.0, 3.0], [6.0, 4.0])
    q = 3 * a**3 - b**2
    q.backward(gradient=torch.ones_like(q))
    da, db = polynomial_q_gradients(a, b)
    assert da.tolist() == [36.0, 81.0] and db.tolist() == [-12.0, -8.0]
    assert torch.equal(da, a.grad) and torch.equal(db, b.grad)


def test_polynomial_q_gradients_weight_the_vector_jacobian_product() -> None:
    a, b = _leaves([2.0, 3.0], [6.0, 4.0])
    weights = torch.tensor([0.7, 0.3])
    (3 * a**3 - b**2).backward(gradient=weights)
    da, db = polynomial_q_gradients(a, b)
    assert torch.allclose(weights * da, a.grad) and torch.allclose(weights * db, b.grad)


def test_polynomial_q_gradients_pass_gradcheck() -> None:
    function = _with_hand_gradients(lambda a, b: (3 * a**3 - b**2).sum(), polynomial_q_gradients)
    assert torch.autograd.gradcheck(function, _double((4,), (4,)))


# --- if x > 0: y = x^2 else: y = x^3 ------------------------------------------------


def _branch(x: torch.Tensor) -> torch.Tensor:
    return x**2 if x > 0 else x**3


@pytest.mark.parametrize("value,expected", [(2.0, 4.0), (-2.0, 12.0), (0.0, 0.0), (0.5, 1.0)])
def test_branch_gradient_matches_autograd(value: float, expected: float) -> None:
    (x,) = _leaves(value)
    _branch(x).backward()
    assert branch_gradient(x).item() == expected == x.grad.item()


@pytest.mark.parametrize("value", [1.3, -0.7])
def test_branch_gradient_passes_gradcheck(value: float) -> None:
    function = _with_hand_gradients(_branch, lambda x: (branch_gradient(x),))
    (x,) = _leaves(value, dtype=torch.float64)
    assert torch.autograd.gradcheck(function, (x,))


# --- bad input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "call,argument",
    [
        (lambda bad: squares_gradients(bad, torch.ones(1)), "w"),
        (lambda bad: squares_gradients(torch.ones(1), bad), "x"),
        (cube_gradient, "x"),
        (lambda bad: polynomial_q_gradients(bad, torch.ones(1)), "a"),
        (lambda bad: polynomial_q_gradients(torch.ones(1), bad), "b"),
        (branch_gradient, "x"),
    ],
)
def test_gradients_reject_non_tensors_and_integer_tensors(call, argument: str) -> None:
    with pytest.raises(TypeError, match=rf"^{argument} must be a torch.Tensor, got float 2.0"):
        call(2.0)
    with pytest.raises(TypeError, match=rf"^{argument} must have a floating-point dtype"):
        call(torch.tensor([2]))


def test_gradients_reject_mismatched_shapes() -> None:
    with pytest.raises(
        ValueError, match=r"^w and x must have the same shape, got \(2,\) and \(3,\)"
    ):
        squares_gradients(torch.ones(2), torch.ones(3))
    with pytest.raises(ValueError, match=r"^a and b must have the same shape, got \(2,\) and \(\)"):
        polynomial_q_gradients(torch.ones(2), torch.tensor(1.0))


def test_branch_gradient_rejects_non_scalars() -> None:
    with pytest.raises(ValueError, match=r"^x must have 0 dimension\(s\), got 1 \(shape \(2,\)\)"):
        branch_gradient(torch.tensor([1.0, -1.0]))
