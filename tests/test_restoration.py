"""pytorch_basics.restoration: the book's function, its faster forms, adjoint, inverse, solvers."""

from __future__ import annotations

import math

import pytest
import torch

from pytorch_basics.restoration import (
    ROUNDS,
    psnr,
    restore_adam,
    restore_conjugate_gradient,
    restore_gradient_descent,
    restore_lbfgs,
    restore_sgd,
    sample_image,
    singular_value_range,
    weird_function,
    weird_function_adjoint,
    weird_function_inverse,
    weird_function_vectorised,
)

LENGTHS = [2, 3, 7, 10, 101, 10_000]


def signal(length: int, seed: int = 0, dtype: torch.dtype = torch.float64) -> torch.Tensor:
    return torch.randn(length, generator=torch.Generator().manual_seed(seed), dtype=dtype)


def by_the_description(values: list[float]) -> list[float]:
    """The issue's description, one element at a time, with plain Python floats.

    Five rounds of h <- -h/3 - h_left/3 + h_right/3 (h_left[i] = h[i-1], h_right[i] = h[i+1],
    zeros past either end); after rounds 0, 2 and 4 the two halves of h swap places.
    """
    h = list(values)
    n = len(h)
    for round_ in range(5):
        new = []
        for i in range(n):
            left = h[i - 1] if i > 0 else 0.0
            right = h[i + 1] if i < n - 1 else 0.0
            new.append(-h[i] / 3 - left / 3 + right / 3)
        h = new
        if round_ % 2 == 0:
            h = h[n // 2 :] + h[: n // 2]
    return h


def dense_matrix(function, length: int) -> torch.Tensor:
    """The matrix A whose columns are A e_k."""
    return torch.stack([function(e) for e in torch.eye(length, dtype=torch.float64)], dim=1)


@pytest.fixture(scope="module", autouse=True)
def one_thread():
    """10,000 numbers are too few to share between threads; one thread is faster and
    keeps the solvers' results independent of the machine's core count."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def problem() -> dict[str, torch.Tensor]:
    original = sample_image().flatten()
    return {
        "original": original,
        "broken": weird_function(original),
        "start": signal(original.numel(), seed=0),
    }


# --- the function itself ---


def test_rounds_is_the_books_five() -> None:
    assert ROUNDS == 5


@pytest.mark.parametrize("length", LENGTHS)
def test_weird_function_matches_the_description(length: int) -> None:
    x = signal(length, seed=length)
    expected = torch.tensor(by_the_description(x.tolist()), dtype=torch.float64)
    torch.testing.assert_close(weird_function(x), expected, rtol=0, atol=1e-12)


@pytest.mark.parametrize("length", LENGTHS)
def test_weird_function_vectorised_matches_faithful(length: int) -> None:
    x = signal(length, seed=length + 1)
    difference = (weird_function_vectorised(x) - weird_function(x)).abs().max().item()
    assert difference <= 1e-12


def test_weird_function_vectorised_matches_faithful_in_float32() -> None:
    x = signal(10_000, dtype=torch.float32)
    torch.testing.assert_close(weird_function_vectorised(x), weird_function(x))
    assert weird_function_vectorised(x).dtype == torch.float32


def test_weird_function_keeps_shape_and_dtype() -> None:
    x = signal(10_000)
    for function in (weird_function, weird_function_vectorised, weird_function_adjoint):
        y = function(x)
        assert y.shape == x.shape and y.dtype == x.dtype


@pytest.mark.parametrize("function", [weird_function, weird_function_vectorised])
def test_weird_function_is_linear(function) -> None:
    x, y = signal(10_000, seed=1), signal(10_000, seed=2)
    a, b = 0.7, -1.3
    combined = function(a * x + b * y)
    separate = a * function(x) + b * function(y)
    assert (combined - separate).abs().max().item() < 1e-15


def test_weird_function_jacobian_is_one_constant_matrix() -> None:
    # no non-linearity: autograd's Jacobian is the same matrix A at every point
    matrix = dense_matrix(weird_function, 12)
    for seed in (5, 6):
        jacobian = torch.autograd.functional.jacobian(weird_function, signal(12, seed=seed))
        torch.testing.assert_close(jacobian, matrix, rtol=0, atol=1e-15)


# --- adjoint and inverse ---


@pytest.mark.parametrize("length", LENGTHS)
def test_weird_function_adjoint_passes_dot_product_test(length: int) -> None:
    x, y = signal(length, seed=3), signal(length, seed=4)
    left = torch.dot(weird_function(x), y).item()
    right = torch.dot(x, weird_function_adjoint(y)).item()
    assert abs(left - right) <= 1e-12 * (x.norm() * y.norm()).item()


@pytest.mark.parametrize("length", [3, 10, 10_000])
def test_weird_function_adjoint_matches_autograd(length: int) -> None:
    x = signal(length, seed=6).requires_grad_(True)
    y = signal(length, seed=7)
    (by_autograd,) = torch.autograd.grad(weird_function(x), x, grad_outputs=y)
    torch.testing.assert_close(weird_function_adjoint(y), by_autograd, rtol=0, atol=1e-15)


class _ExplicitAdjoint(torch.autograd.Function):
    """The vectorised function with its hand-written adjoint as the backward pass."""

    @staticmethod
    def forward(ctx, x: torch.Tensor) -> torch.Tensor:
        return weird_function_vectorised(x)

    @staticmethod
    def backward(ctx, grad_output: torch.Tensor) -> torch.Tensor:
        return weird_function_adjoint(grad_output)


def test_weird_function_adjoint_passes_gradcheck() -> None:
    x = signal(11, seed=8).requires_grad_(True)
    assert torch.autograd.gradcheck(_ExplicitAdjoint.apply, (x,))


@pytest.mark.parametrize("length", [2, 3, 9, 10, 10_000])
def test_weird_function_inverse_undoes_the_function(length: int) -> None:
    x = signal(length, seed=9)
    torch.testing.assert_close(weird_function_inverse(weird_function(x)), x, rtol=0, atol=1e-12)
    torch.testing.assert_close(weird_function(weird_function_inverse(x)), x, rtol=0, atol=1e-12)


@pytest.mark.parametrize("length", [2, 9, 10])
def test_weird_function_inverse_matches_dense_solve(length: int) -> None:
    matrix = dense_matrix(weird_function, length)
    y = signal(length, seed=10)
    expected = torch.linalg.solve(matrix, y)
    torch.testing.assert_close(weird_function_inverse(y), expected, rtol=0, atol=1e-12)
    expected_t = torch.linalg.solve(matrix.T, y)
    torch.testing.assert_close(
        weird_function_inverse(y, transpose=True), expected_t, rtol=0, atol=1e-12
    )


def test_singular_value_range_matches_svd() -> None:
    values = torch.linalg.svdvals(dense_matrix(weird_function, 64))
    smallest, largest = singular_value_range(64, iterations=64)
    assert math.isclose(smallest, values.min().item(), rel_tol=1e-9)
    assert math.isclose(largest, values.max().item(), rel_tol=1e-9)


def test_singular_value_range_of_the_image_problem() -> None:
    # each round's filter T is normal with singular values sqrt(1 + 4 cos^2) / 3, so
    # kappa(A) <= kappa(T)^5 < 5^(5/2); the estimate approaches the bound from below
    smallest, largest = singular_value_range(10_000, iterations=15)
    assert 55.5 < largest / smallest <= 5**2.5
    assert largest <= (5**0.5 / 3) ** 5 and smallest >= (1 / 3) ** 5


# --- psnr and the picture ---


def test_psnr_matches_formula() -> None:
    image, reference = signal(100, seed=11), signal(100, seed=12)
    mse = torch.mean((image - reference) ** 2).item()
    assert math.isclose(psnr(image, reference), 10 * math.log10(1 / mse))
    assert math.isclose(psnr(image, reference, data_range=2.0), 10 * math.log10(4 / mse))


def test_psnr_of_identical_images_is_infinite() -> None:
    image = signal(5)
    assert psnr(image, image.clone()) == math.inf


def test_sample_image_is_deterministic_greyscale_in_unit_range() -> None:
    image = sample_image()
    assert image.shape == (100, 100) and image.dtype == torch.float64
    assert image.min() >= 0 and image.max() <= 1
    assert image.std() > 0.1  # a photograph, not a flat field
    torch.testing.assert_close(sample_image(), image, rtol=0, atol=0)


# --- solvers ---


@pytest.fixture(scope="module")
def seed_loop(problem) -> torch.Tensor:
    """The seed's loop, as written, for 100 steps."""
    broken, random_tensor = problem["broken"], problem["start"].clone()
    for _ in range(100):
        random_tensor.requires_grad_(True)
        hypothesis = weird_function(random_tensor)
        loss = torch.dist(hypothesis, broken)
        loss.backward()
        with torch.no_grad():
            random_tensor = random_tensor - 0.8 * random_tensor.grad
    return random_tensor


def test_restore_gradient_descent_follows_the_seed_loop(problem, seed_loop) -> None:
    broken, start = problem["broken"], problem["start"]
    result = restore_gradient_descent(broken, start, steps=100)
    torch.testing.assert_close(result.image, seed_loop, rtol=0, atol=0)
    assert result.steps == 100 and len(result.losses) == 101
    assert math.isclose(result.losses[0], torch.dist(weird_function(start), broken).item())


@pytest.mark.parametrize(
    "adjoint", [None, weird_function_adjoint], ids=["autograd", "explicit-adjoint"]
)
def test_restore_gradient_descent_faster_code_same_trajectory(problem, seed_loop, adjoint) -> None:
    fast = restore_gradient_descent(
        problem["broken"],
        problem["start"],
        steps=100,
        forward=weird_function_vectorised,
        adjoint=adjoint,
    )
    torch.testing.assert_close(fast.image, seed_loop, rtol=0, atol=1e-12)


@pytest.fixture(scope="module")
def small_problem() -> dict[str, torch.Tensor]:
    """A 10x10 picture: the seed's fixed-step loop needs thousands of steps even here."""
    original = sample_image(size=10).flatten()
    return {"original": original, "broken": weird_function(original), "start": signal(100)}


def test_restore_gradient_descent_reaches_40_db(small_problem) -> None:
    original, broken, start = (small_problem[k] for k in ("original", "broken", "start"))
    result = restore_gradient_descent(
        broken,
        start,
        forward=weird_function_vectorised,
        adjoint=weird_function_adjoint,
        reference=original,
        target_psnr=40.0,
    )
    assert result.psnrs[-1] >= 40 > max(result.psnrs[:-1])
    assert result.steps < 20_000


@pytest.mark.parametrize(
    "solve,most_steps",
    [
        (restore_sgd, 2_500),
        (restore_adam, 800),
        (restore_lbfgs, 250),
        (restore_conjugate_gradient, 200),
        (lambda *a, **k: restore_conjugate_gradient(*a, adjoint=weird_function_adjoint, **k), 200),
    ],
    ids=["sgd", "adam", "lbfgs", "cg-autograd", "cg-adjoint"],
)
def test_solvers_reach_40_db(problem, solve, most_steps: int) -> None:
    original, broken, start = problem["original"], problem["broken"], problem["start"]
    result = solve(broken, start, reference=original, target_psnr=40.0)
    assert result.psnrs[-1] >= 40 > max(result.psnrs[:-1])
    assert math.isclose(psnr(result.image, original), result.psnrs[-1])
    assert result.steps <= most_steps
    assert len(result.losses) == len(result.psnrs) == result.steps + 1
    final = torch.dist(weird_function(result.image), broken).item()
    assert math.isclose(result.losses[-1], final, rel_tol=1e-9)


def test_weird_function_inverse_restores_the_picture(problem) -> None:
    restored = weird_function_inverse(problem["broken"])
    assert psnr(restored, problem["original"]) > 250


def test_solvers_without_reference_record_no_psnr(problem) -> None:
    result = restore_conjugate_gradient(problem["broken"], problem["start"], steps=3)
    assert result.psnrs == [] and result.steps == 3


# --- bad input ---

SOLVERS = [
    restore_gradient_descent,
    restore_sgd,
    restore_adam,
    restore_lbfgs,
    restore_conjugate_gradient,
]


@pytest.mark.parametrize(
    "function",
    [weird_function, weird_function_vectorised, weird_function_adjoint, weird_function_inverse],
)
@pytest.mark.parametrize(
    "bad,error,match",
    [
        ([1.0, 2.0], TypeError, "must be a torch.Tensor, got list"),
        (torch.arange(4), TypeError, "floating-point dtype, got torch.int64"),
        (torch.ones(4, dtype=torch.float16), TypeError, "float32 or torch.float64, got torch.f"),
        (torch.ones(2, 2), ValueError, "must have 1 dimension"),
        (torch.ones(1), ValueError, "at least 2 values, got 1"),
    ],
)
def test_weird_functions_reject_bad_input(function, bad, error, match: str) -> None:
    with pytest.raises(error, match=match):
        function(bad)


@pytest.mark.parametrize("solve", SOLVERS)
def test_solvers_reject_start_of_wrong_length(solve) -> None:
    broken = signal(10)
    with pytest.raises(ValueError, match=r"start must have the same length as broken \(10\)"):
        solve(broken, signal(9))


@pytest.mark.parametrize("solve", SOLVERS)
def test_solvers_reject_start_of_other_dtype(solve) -> None:
    with pytest.raises(TypeError, match="start must have the same dtype as broken"):
        solve(signal(10), signal(10, dtype=torch.float32))


@pytest.mark.parametrize("solve", SOLVERS)
def test_solvers_reject_nan_in_broken_image(solve) -> None:
    broken = signal(10)
    broken[3] = math.nan
    with pytest.raises(ValueError, match="broken must hold only finite values, got 1 NaN"):
        solve(broken, signal(10))


@pytest.mark.parametrize("solve", [restore_gradient_descent, restore_sgd, restore_adam])
@pytest.mark.parametrize("lr", [0, -0.8, math.nan])
def test_solvers_reject_non_positive_learning_rate(solve, lr: float) -> None:
    with pytest.raises(ValueError, match="lr must be"):
        solve(signal(10), signal(10), lr=lr)


def test_solvers_reject_learning_rate_that_is_not_a_number() -> None:
    with pytest.raises(TypeError, match="lr must be a real number, got str '0.8'"):
        restore_gradient_descent(signal(10), signal(10), lr="0.8")


@pytest.mark.parametrize("momentum", [1.0, -0.1])
def test_restore_sgd_rejects_momentum_out_of_range(momentum: float) -> None:
    with pytest.raises(ValueError, match="momentum must be"):
        restore_sgd(signal(10), signal(10), momentum=momentum)


def test_solvers_reject_target_without_reference() -> None:
    with pytest.raises(ValueError, match="target_psnr needs a reference"):
        restore_adam(signal(10), signal(10), target_psnr=40.0)


def test_solvers_reject_reference_of_wrong_length() -> None:
    with pytest.raises(ValueError, match="reference must have the same length as broken"):
        restore_lbfgs(signal(10), signal(10), reference=signal(11))


def test_solvers_reject_negative_steps_and_bad_functions() -> None:
    with pytest.raises(ValueError, match="steps must be >= 0, got -1"):
        restore_sgd(signal(10), signal(10), steps=-1)
    with pytest.raises(TypeError, match="forward must be a function of one tensor"):
        restore_gradient_descent(signal(10), signal(10), forward="weird")
    with pytest.raises(TypeError, match="adjoint must be a function of one tensor"):
        restore_conjugate_gradient(signal(10), signal(10), adjoint=3)


def test_psnr_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="image and reference must have the same shape"):
        psnr(signal(3), signal(4))
    with pytest.raises(ValueError, match="data_range must be > 0, got 0"):
        psnr(signal(3), signal(3), data_range=0)
    with pytest.raises(TypeError, match="image must have a floating-point dtype"):
        psnr(torch.arange(3), signal(3))


def test_sample_image_rejects_bad_size() -> None:
    with pytest.raises(ValueError, match="size must be >= 1, got 0"):
        sample_image(size=0)
    with pytest.raises(ValueError, match="size must be <= 512"):
        sample_image(size=513)
    with pytest.raises(TypeError, match="size must be an int, got float 100.0"):
        sample_image(size=100.0)


def test_singular_value_range_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="length must be >= 2, got 1"):
        singular_value_range(1)
    with pytest.raises(TypeError, match="dtype must be torch.float32 or torch.float64"):
        singular_value_range(10, dtype=torch.int64)
