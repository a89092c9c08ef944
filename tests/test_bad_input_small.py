"""Bad and edge-case input for the small modules: one table, two outcome kinds.

The table covers every public function and class (the names in ``__all__``) of
``pytorch_basics.tensors``, ``autograd``, ``workers``, ``messages`` and ``losses``: for
``CustomLoss`` its constructor and ``forward``. Each row calls one of them with one bad
or edge-case argument: the wrong type, shape or dtype, NaN and infinities, empty and 0-d
tensors, zero, negative and huge counts, ``bool`` where an ``int`` is expected, strided
views, tensors that require grad, and calls under ``torch.no_grad()`` and
``torch.inference_mode()``.

A row has one of two outcomes:

* ``CLEAR``: the call raises the given exception type, and its message contains the given
  words, which always include the name of the argument at fault (the shared checks of
  ``pytorch_basics._checks`` also say what was expected and what came).
* ``DOCUMENTED``: the call returns, and the check confirms the result that the
  function's docstring promises for that edge case. Valid input that a function might
  wrongly refuse (a NumPy integer or a 0-d integer tensor where an ``int`` is expected,
  a ``torch.Size`` where a shape is expected) is here too.

Every row runs with the shared time limit of ``tests/bad_input.py``; a call still running
then fails the row as a hang instead of stalling the run. The rows that could run for a very
long time (``shares_memory`` on crafted strides) are bounded by the function's own
``max_work`` argument, which the function validates.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import pytest
import torch
from bad_input import assert_clear_error, assert_documented, run_in
from numpy.lib.stride_tricks import as_strided
from torch import nn

from pytorch_basics.autograd import (
    branch_gradient,
    cube_gradient,
    polynomial_q_gradients,
    squares_gradients,
)
from pytorch_basics.losses import CustomLoss
from pytorch_basics.messages import first_sentences, print_error
from pytorch_basics.tensors import (
    describe,
    pick_device,
    shares_memory,
    unbiased_variance,
    unravel_flat_index,
)
from pytorch_basics.workers import load_example

NAN, INF = float("nan"), float("inf")


def _no_grad(call: Callable[[], Any]) -> Callable[[], Any]:
    return partial(run_in, torch.no_grad, call)


def _inference(call: Callable[[], Any]) -> Callable[[], Any]:
    return partial(run_in, torch.inference_mode, call)


def _printed(call: Callable[[], None]) -> Callable[[], str]:
    def run() -> str:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            call()
        return out.getvalue()

    return run


def _same(expected: Any) -> Callable[[Any], bool]:
    """A check: the result equals ``expected`` (tensors: same dtype, values, NaNs equal)."""

    def check(result: Any) -> bool:
        if isinstance(expected, torch.Tensor):
            if not isinstance(result, torch.Tensor) or result.dtype != expected.dtype:
                return False
            if result.shape != expected.shape or result.requires_grad:
                return False
            return bool(torch.equal(result.isnan(), expected.isnan())) and bool(
                torch.equal(result.nan_to_num(0.0), expected.nan_to_num(0.0))
            )
        if isinstance(expected, tuple) and any(isinstance(e, torch.Tensor) for e in expected):
            return (
                isinstance(result, tuple)
                and len(result) == len(expected)
                and all(_same(e)(r) for e, r in zip(expected, result, strict=True))
            )
        return type(result) is type(expected) and result == expected

    return check


def _close(expected: torch.Tensor) -> Callable[[Any], bool]:
    """A check: a tensor of the dtype and shape of ``expected``, equal up to rounding."""

    def check(result: Any) -> bool:
        return (
            isinstance(result, torch.Tensor)
            and result.dtype == expected.dtype
            and result.shape == expected.shape
            and bool(torch.allclose(result, expected))
        )

    return check


def _coords(expected: tuple[int, ...]) -> Callable[[Any], bool]:
    """A check: plain Python ints equal to ``expected``."""
    return lambda result: result == expected and all(type(c) is int for c in result)


def _autograd_of(function: Callable[..., torch.Tensor], *inputs: torch.Tensor) -> tuple:
    """What ``backward()`` gives for ``function(*inputs).sum()``."""
    leaves = [x.detach().clone().requires_grad_(True) for x in inputs]
    function(*leaves).sum().backward()
    return tuple(leaf.grad for leaf in leaves)


# ---- inputs ---------------------------------------------------------------------------

_b = torch.arange(10.0)
_m = torch.arange(12.0).reshape(3, 4)
_complex = torch.zeros(3, dtype=torch.complex64)
_array = np.arange(10.0)
_grad_leaf = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
_sparse = torch.eye(3).to_sparse()
_meta = torch.empty(3, device="meta")


def _hard_pair() -> tuple[np.ndarray, np.ndarray]:
    """Two views whose overlap is a 40-item subset-sum question with no solution.

    NumPy's exact solver needs time exponential in the number of dimensions here (days
    for 40). The views never read memory: only their bounds are compared.
    """
    buffer = np.zeros(8, dtype=np.uint8)
    strides = np.random.default_rng(2).integers(10**8, 10**9, size=40)
    a = as_strided(buffer, shape=(2,) * 40, strides=tuple(int(s) for s in strides))
    target = int(strides.sum()) // 2 + 1
    b = as_strided(buffer, shape=(2,), strides=(target,))[1:]
    return a, b


_hard_a, _hard_b = _hard_pair()

# float16 values whose squared deviations add up past float16's largest value (65504)
_half = (torch.arange(1000) % 2 * 200 - 100).to(torch.float16)
_bf16 = (torch.arange(4096) % 7).to(torch.bfloat16) + 1000


def _variance_close(values: torch.Tensor) -> Callable[[Any], bool]:
    expected = torch.var(values.double())

    def check(result: Any) -> bool:
        return (
            isinstance(result, torch.Tensor)
            and result.dtype == values.dtype
            and result.ndim == 0
            and bool(torch.isfinite(result))
            and abs(float(result) - float(expected)) <= 1e-2 * float(expected)
        )

    return check


def _variance_gradient_matches(result: Any) -> bool:
    x = torch.tensor([1.0, 2.0, 4.0, 8.0], requires_grad=True)
    (ours,) = torch.autograd.grad(unbiased_variance(x), x)
    (theirs,) = torch.autograd.grad(torch.var(x), x)
    return bool(torch.allclose(ours, theirs)) and result.grad_fn is not None


def _loss_with_reduction(reduction: str) -> CustomLoss:
    criterion = CustomLoss()
    criterion.reduction = reduction
    return criterion


_y4 = torch.tensor([1.0, -2.0, 0.5, 3.0])
_t4 = torch.tensor([0.0, 1.0, 0.25, 3.5])
_i4 = torch.tensor([0, 1, 0, 3])


def _loss_matches_l1(reduction: str, y_pred: torch.Tensor, y_true: torch.Tensor) -> Callable:
    expected = nn.L1Loss(reduction=reduction)(y_pred, y_true)
    return _same(expected.detach())


def _target_gradient(result: Any) -> bool:
    y_true = _t4.clone().requires_grad_(True)
    CustomLoss()(_y4, y_true).backward()
    return bool(torch.equal(y_true.grad, -torch.sign(_y4 - _t4))) and result.grad_fn is not None


# ---- CLEAR: a clear error that names the argument -------------------------------------

CLEAR = [
    # tensors.shares_memory
    pytest.param(
        lambda: shares_memory(None, _b), TypeError, "a must be", id="shares_memory-a-none"
    ),
    pytest.param(
        lambda: shares_memory([1, 2], _b), TypeError, "a must be", id="shares_memory-a-list"
    ),
    pytest.param(lambda: shares_memory(_b, "x"), TypeError, "b must be", id="shares_memory-b-str"),
    pytest.param(
        lambda: shares_memory(np.float64(1.0), _b),
        TypeError,
        "a must be",
        id="shares_memory-a-numpy-scalar",
    ),
    pytest.param(
        lambda: shares_memory(_meta, _b),
        ValueError,
        "a must live on the CPU",
        id="shares_memory-a-meta-device",
    ),
    pytest.param(
        lambda: shares_memory(_b, _meta),
        ValueError,
        "b must live on the CPU",
        id="shares_memory-b-meta-device",
    ),
    pytest.param(
        lambda: shares_memory(_sparse, _b),
        ValueError,
        "a must be a strided",
        id="shares_memory-a-sparse",
    ),
    pytest.param(
        lambda: shares_memory(_b, torch.eye(3).to_sparse_csr()),
        ValueError,
        "b must be a strided",
        marks=pytest.mark.filterwarnings("ignore:Sparse CSR tensor support is in beta"),
        id="shares_memory-b-sparse-csr",
    ),
    pytest.param(
        lambda: shares_memory(_b, _b, max_work=0),
        ValueError,
        "max_work must be >= 1",
        id="shares_memory-max_work-zero",
    ),
    pytest.param(
        lambda: shares_memory(_b, _b, max_work=-5),
        ValueError,
        "max_work must be >= 1",
        id="shares_memory-max_work-negative",
    ),
    pytest.param(
        lambda: shares_memory(_b, _b, max_work=1e6),
        TypeError,
        "max_work must be an int",
        id="shares_memory-max_work-float",
    ),
    pytest.param(
        lambda: shares_memory(_b, _b, max_work=True),
        TypeError,
        "max_work must be an int",
        id="shares_memory-max_work-bool",
    ),
    pytest.param(
        lambda: shares_memory(_b, _b, max_work=None),
        TypeError,
        "max_work must be an int",
        id="shares_memory-max_work-none",
    ),
    pytest.param(
        lambda: shares_memory(_hard_a, _hard_b, max_work=10**4),
        ValueError,
        "max_work",
        id="shares_memory-max_work-too-small-for-crafted-strides",
    ),
    pytest.param(
        lambda: shares_memory(_hard_a, _hard_b),
        ValueError,
        "max_work",
        id="shares_memory-a-crafted-strides-default-is-bounded",
    ),
    # tensors.unravel_flat_index
    pytest.param(
        lambda: unravel_flat_index(None, (2, 2)),
        TypeError,
        "index must be an int",
        id="unravel-index-none",
    ),
    pytest.param(
        lambda: unravel_flat_index("3", (2, 2)),
        TypeError,
        "index must be an int",
        id="unravel-index-str",
    ),
    pytest.param(
        lambda: unravel_flat_index(1.0, (2, 2)),
        TypeError,
        "index must be an int",
        id="unravel-index-float",
    ),
    pytest.param(
        lambda: unravel_flat_index(True, (2, 2)),
        TypeError,
        "index must be an int",
        id="unravel-index-bool",
    ),
    pytest.param(
        lambda: unravel_flat_index(np.True_, (2, 2)),
        TypeError,
        "index must be an int",
        id="unravel-index-numpy-bool",
    ),
    pytest.param(
        lambda: unravel_flat_index(torch.tensor(1.0), (2, 2)),
        TypeError,
        "index must be an int",
        id="unravel-index-0d-float-tensor",
    ),
    pytest.param(
        lambda: unravel_flat_index(torch.tensor(True), (2, 2)),
        TypeError,
        "index must be an int",
        id="unravel-index-0d-bool-tensor",
    ),
    pytest.param(
        lambda: unravel_flat_index(torch.tensor([3]), (2, 2)),
        TypeError,
        "index must be an int",
        id="unravel-index-1d-int-tensor",
    ),
    pytest.param(
        lambda: unravel_flat_index(torch.empty((), dtype=torch.int64, device="meta"), (2, 2)),
        ValueError,
        "index",
        id="unravel-index-meta-tensor",
    ),
    pytest.param(
        lambda: unravel_flat_index(-1, (2, 2)),
        ValueError,
        "index must be >= 0",
        id="unravel-index-negative",
    ),
    pytest.param(
        lambda: unravel_flat_index(np.int64(-1), (2, 2)),
        ValueError,
        "index must be >= 0",
        id="unravel-index-numpy-negative",
    ),
    pytest.param(
        lambda: unravel_flat_index(4, (2, 2)),
        ValueError,
        "index must be < 4",
        id="unravel-index-too-large",
    ),
    pytest.param(
        lambda: unravel_flat_index(0, (2, 0)),
        ValueError,
        "index must be < 0",
        id="unravel-index-shape-without-elements",
    ),
    pytest.param(
        lambda: unravel_flat_index(0, None),
        TypeError,
        "shape must be a tuple",
        id="unravel-shape-none",
    ),
    pytest.param(
        lambda: unravel_flat_index(0, "23"),
        TypeError,
        "shape must be a tuple",
        id="unravel-shape-str",
    ),
    pytest.param(
        lambda: unravel_flat_index(0, 4), TypeError, "shape must be a tuple", id="unravel-shape-int"
    ),
    pytest.param(
        lambda: unravel_flat_index(0, torch.tensor([2, 3])),
        TypeError,
        "shape must be a tuple",
        id="unravel-shape-tensor",
    ),
    pytest.param(
        lambda: unravel_flat_index(0, (2.0, 3)),
        TypeError,
        "shape[0] must be an int",
        id="unravel-shape-float-size",
    ),
    pytest.param(
        lambda: unravel_flat_index(0, (True, 3)),
        TypeError,
        "shape[0] must be an int",
        id="unravel-shape-bool-size",
    ),
    pytest.param(
        lambda: unravel_flat_index(0, (2, -3)),
        ValueError,
        "shape[1] must be >= 0",
        id="unravel-shape-negative-size",
    ),
    # tensors.unbiased_variance
    pytest.param(
        lambda: unbiased_variance(None),
        TypeError,
        "values must be a torch.Tensor",
        id="variance-values-none",
    ),
    pytest.param(
        lambda: unbiased_variance([1.0, 2.0]),
        TypeError,
        "values must be a torch.Tensor",
        id="variance-values-list",
    ),
    pytest.param(
        lambda: unbiased_variance(np.arange(3.0)),
        TypeError,
        "values must be a torch.Tensor",
        id="variance-values-ndarray",
    ),
    pytest.param(
        lambda: unbiased_variance(torch.arange(3)),
        TypeError,
        "values must have a floating-point dtype",
        id="variance-values-int",
    ),
    pytest.param(
        lambda: unbiased_variance(torch.tensor([True, False])),
        TypeError,
        "values must have a floating-point dtype",
        id="variance-values-bool",
    ),
    pytest.param(
        lambda: unbiased_variance(torch.tensor([1j, 2.0])),
        TypeError,
        "values must have a floating-point dtype",
        id="variance-values-complex",
    ),
    pytest.param(
        lambda: unbiased_variance(torch.zeros(0)),
        ValueError,
        "values must hold at least 2",
        id="variance-values-empty",
    ),
    pytest.param(
        lambda: unbiased_variance(torch.tensor(1.0)),
        ValueError,
        "values must hold at least 2",
        id="variance-values-0d",
    ),
    pytest.param(
        lambda: unbiased_variance(torch.ones(1, 1)),
        ValueError,
        "values must hold at least 2",
        id="variance-values-one-element",
    ),
    # tensors.pick_device, describe
    pytest.param(
        lambda: pick_device("cuda"),
        TypeError,
        "positional argument",
        id="pick_device-extra-argument",
    ),
    pytest.param(
        lambda: describe(None),
        TypeError,
        "tensor must be a torch.Tensor",
        id="describe-tensor-none",
    ),
    pytest.param(
        lambda: describe(np.zeros(2)),
        TypeError,
        "tensor must be a torch.Tensor",
        id="describe-tensor-ndarray",
    ),
    pytest.param(
        lambda: describe([1.0]),
        TypeError,
        "tensor must be a torch.Tensor",
        id="describe-tensor-list",
    ),
    # autograd.squares_gradients
    pytest.param(
        lambda: squares_gradients(None, torch.ones(2)),
        TypeError,
        "w must be a torch.Tensor",
        id="squares-w-none",
    ),
    pytest.param(
        lambda: squares_gradients(torch.ones(2), [1.0, 1.0]),
        TypeError,
        "x must be a torch.Tensor",
        id="squares-x-list",
    ),
    pytest.param(
        lambda: squares_gradients(torch.ones(2, dtype=torch.int64), torch.ones(2)),
        TypeError,
        "w must have a floating-point dtype",
        id="squares-w-int",
    ),
    pytest.param(
        lambda: squares_gradients(torch.ones(2), torch.ones(2, dtype=torch.bool)),
        TypeError,
        "x must have a floating-point dtype",
        id="squares-x-bool",
    ),
    pytest.param(
        lambda: squares_gradients(torch.ones(2, dtype=torch.complex64), torch.ones(2)),
        TypeError,
        "w must have a floating-point dtype",
        id="squares-w-complex",
    ),
    pytest.param(
        lambda: squares_gradients(torch.ones(3, 1), torch.ones(3)),
        ValueError,
        "w and x must have the same shape",
        id="squares-x-broadcastable-shape",
    ),
    # autograd.cube_gradient
    pytest.param(
        lambda: cube_gradient(None), TypeError, "x must be a torch.Tensor", id="cube-x-none"
    ),
    pytest.param(
        lambda: cube_gradient(2.0), TypeError, "x must be a torch.Tensor", id="cube-x-float"
    ),
    pytest.param(
        lambda: cube_gradient(torch.arange(3)),
        TypeError,
        "x must have a floating-point dtype",
        id="cube-x-int",
    ),
    pytest.param(
        lambda: cube_gradient(torch.tensor([1j])),
        TypeError,
        "x must have a floating-point dtype",
        id="cube-x-complex",
    ),
    # autograd.polynomial_q_gradients
    pytest.param(
        lambda: polynomial_q_gradients("a", torch.ones(2)),
        TypeError,
        "a must be a torch.Tensor",
        id="polynomial-a-str",
    ),
    pytest.param(
        lambda: polynomial_q_gradients(torch.ones(2), None),
        TypeError,
        "b must be a torch.Tensor",
        id="polynomial-b-none",
    ),
    pytest.param(
        lambda: polynomial_q_gradients(torch.ones(2), torch.ones(2, dtype=torch.int32)),
        TypeError,
        "b must have a floating-point dtype",
        id="polynomial-b-int",
    ),
    pytest.param(
        lambda: polynomial_q_gradients(torch.ones(2), torch.ones(2, 2)),
        ValueError,
        "a and b must have the same shape",
        id="polynomial-b-other-shape",
    ),
    # autograd.branch_gradient
    pytest.param(
        lambda: branch_gradient(None), TypeError, "x must be a torch.Tensor", id="branch-x-none"
    ),
    pytest.param(
        lambda: branch_gradient(2.0), TypeError, "x must be a torch.Tensor", id="branch-x-float"
    ),
    pytest.param(
        lambda: branch_gradient(torch.tensor(2)),
        TypeError,
        "x must have a floating-point dtype",
        id="branch-x-int",
    ),
    pytest.param(
        lambda: branch_gradient(torch.tensor([2.0])),
        ValueError,
        "x must have 0 dimension",
        id="branch-x-1d-one-element",
    ),
    pytest.param(
        lambda: branch_gradient(torch.zeros(0)),
        ValueError,
        "x must have 0 dimension",
        id="branch-x-empty",
    ),
    pytest.param(
        lambda: branch_gradient(torch.empty((), device="meta")),
        ValueError,
        "x must hold a value",
        id="branch-x-meta",
    ),
    # workers.load_example
    pytest.param(
        lambda: load_example(None), TypeError, "index must be an int", id="load_example-index-none"
    ),
    pytest.param(
        lambda: load_example("3"), TypeError, "index must be an int", id="load_example-index-str"
    ),
    pytest.param(
        lambda: load_example(3.0), TypeError, "index must be an int", id="load_example-index-float"
    ),
    pytest.param(
        lambda: load_example(True), TypeError, "index must be an int", id="load_example-index-bool"
    ),
    pytest.param(
        lambda: load_example(-1), ValueError, "index must be >= 0", id="load_example-index-negative"
    ),
    pytest.param(
        lambda: load_example(2**64), ValueError, "index must be <=", id="load_example-index-huge"
    ),
    pytest.param(
        lambda: load_example(torch.tensor([3])),
        TypeError,
        "index must be an int",
        id="load_example-index-1d-tensor",
    ),
    pytest.param(
        lambda: load_example(torch.empty((), dtype=torch.int64, device="meta")),
        ValueError,
        "index must hold a value",
        id="load_example-index-meta-tensor",
    ),
    pytest.param(
        lambda: load_example(0, features=0),
        ValueError,
        "features must be >= 1",
        id="load_example-features-zero",
    ),
    pytest.param(
        lambda: load_example(0, features=-2),
        ValueError,
        "features must be >= 1",
        id="load_example-features-negative",
    ),
    pytest.param(
        lambda: load_example(0, features=2.0),
        TypeError,
        "features must be an int",
        id="load_example-features-float",
    ),
    pytest.param(
        lambda: load_example(0, features=True),
        TypeError,
        "features must be an int",
        id="load_example-features-bool",
    ),
    pytest.param(
        lambda: load_example(0, features=None),
        TypeError,
        "features must be an int",
        id="load_example-features-none",
    ),
    pytest.param(
        lambda: load_example(0, features=10**12),
        ValueError,
        "features must be <=",
        id="load_example-features-huge",
    ),
    # messages.first_sentences
    pytest.param(
        lambda: first_sentences(None),
        TypeError,
        "text must be a str",
        id="first_sentences-text-none",
    ),
    pytest.param(
        lambda: first_sentences(b"One. Two."),
        TypeError,
        "text must be a str",
        id="first_sentences-text-bytes",
    ),
    pytest.param(
        lambda: first_sentences(ValueError("One.")),
        TypeError,
        "text must be a str",
        id="first_sentences-text-exception",
    ),
    pytest.param(
        lambda: first_sentences("A.", 0),
        ValueError,
        "sentences must be >= 1",
        id="first_sentences-sentences-zero",
    ),
    pytest.param(
        lambda: first_sentences("A.", -1),
        ValueError,
        "sentences must be >= 1",
        id="first_sentences-sentences-negative",
    ),
    pytest.param(
        lambda: first_sentences("A.", 1.5),
        TypeError,
        "sentences must be an int",
        id="first_sentences-sentences-float",
    ),
    pytest.param(
        lambda: first_sentences("A.", True),
        TypeError,
        "sentences must be an int",
        id="first_sentences-sentences-bool",
    ),
    pytest.param(
        lambda: first_sentences("A.", "2"),
        TypeError,
        "sentences must be an int",
        id="first_sentences-sentences-str",
    ),
    pytest.param(
        lambda: first_sentences("A.", None),
        TypeError,
        "sentences must be an int",
        id="first_sentences-sentences-none",
    ),
    # messages.print_error
    pytest.param(
        lambda: print_error("oops"),
        TypeError,
        "error must be an exception",
        id="print_error-error-str",
    ),
    pytest.param(
        lambda: print_error(None),
        TypeError,
        "error must be an exception",
        id="print_error-error-none",
    ),
    pytest.param(
        lambda: print_error(UserWarning),
        TypeError,
        "error must be an exception",
        id="print_error-error-class",
    ),
    pytest.param(
        lambda: print_error(ValueError("x"), sentences=0),
        ValueError,
        "sentences must be >= 1",
        id="print_error-sentences-zero",
    ),
    pytest.param(
        lambda: print_error(ValueError("x"), sentences=2.0),
        TypeError,
        "sentences must be an int",
        id="print_error-sentences-float",
    ),
    pytest.param(
        lambda: print_error(ValueError("x"), width=19),
        ValueError,
        "width must be >= 20",
        id="print_error-width-small",
    ),
    pytest.param(
        lambda: print_error(ValueError("x"), width=-1),
        ValueError,
        "width must be >= 20",
        id="print_error-width-negative",
    ),
    pytest.param(
        lambda: print_error(ValueError("x"), width=80.0),
        TypeError,
        "width must be an int",
        id="print_error-width-float",
    ),
    pytest.param(
        lambda: print_error(ValueError("x"), width=True),
        TypeError,
        "width must be an int",
        id="print_error-width-bool",
    ),
    pytest.param(
        lambda: print_error(ValueError("x"), kind=3),
        TypeError,
        "kind must be a str",
        id="print_error-kind-int",
    ),
    pytest.param(
        lambda: print_error(ValueError("x"), kind=UserWarning),
        TypeError,
        "kind must be a str",
        id="print_error-kind-class",
    ),
    pytest.param(
        lambda: print_error(ValueError("x"), kind=""),
        ValueError,
        "kind must be a non-empty",
        id="print_error-kind-empty",
    ),
    # losses.CustomLoss
    pytest.param(
        lambda: CustomLoss(None),
        ValueError,
        "reduction must be one of",
        id="CustomLoss-reduction-none",
    ),
    pytest.param(
        lambda: CustomLoss("Sum"),
        ValueError,
        "reduction must be one of",
        id="CustomLoss-reduction-capitalised",
    ),
    pytest.param(
        lambda: CustomLoss(""),
        ValueError,
        "reduction must be one of",
        id="CustomLoss-reduction-empty",
    ),
    pytest.param(
        lambda: CustomLoss(1), ValueError, "reduction must be one of", id="CustomLoss-reduction-int"
    ),
    pytest.param(
        lambda: _loss_with_reduction("average")(_y4, _t4),
        ValueError,
        "reduction must be one of",
        id="CustomLoss-forward-reduction-changed-after-init",
    ),
    pytest.param(
        lambda: CustomLoss()(None, _t4),
        TypeError,
        "y_pred must be a torch.Tensor",
        id="CustomLoss-forward-y_pred-none",
    ),
    pytest.param(
        lambda: CustomLoss()(_y4, [0.0, 1.0, 0.25, 3.5]),
        TypeError,
        "y_true must be a torch.Tensor",
        id="CustomLoss-forward-y_true-list",
    ),
    pytest.param(
        lambda: CustomLoss()(_y4.numpy(), _t4),
        TypeError,
        "y_pred must be a torch.Tensor",
        id="CustomLoss-forward-y_pred-ndarray",
    ),
    pytest.param(
        lambda: CustomLoss()(_y4[:, None], _t4),
        ValueError,
        "y_pred and y_true must have the same shape",
        id="CustomLoss-forward-y_true-broadcastable-shape",
    ),
    pytest.param(
        lambda: CustomLoss()(_y4 > 0, _t4),
        TypeError,
        "y_pred must have a numeric dtype",
        id="CustomLoss-forward-y_pred-bool",
    ),
    pytest.param(
        lambda: CustomLoss()(_y4, _t4 > 0),
        TypeError,
        "y_true must have a numeric dtype",
        id="CustomLoss-forward-y_true-bool",
    ),
]


# ---- DOCUMENTED: a correct result that the docstring promises --------------------------

DOCUMENTED = [
    # tensors.shares_memory: exact for strided views
    pytest.param(
        lambda: shares_memory(_b[::2], _b[5:]),
        _same(True),
        id="shares_memory-a-step-view-meets-tail",
    ),
    pytest.param(
        lambda: shares_memory(_b[::2], _b[1::2]),
        _same(False),
        id="shares_memory-a-even-vs-odd-interleaved",
    ),
    pytest.param(
        lambda: shares_memory(_m[:, 0], _m[:, 1]), _same(False), id="shares_memory-a-two-columns"
    ),
    pytest.param(
        lambda: shares_memory(_m[:, 1], _m[2]), _same(True), id="shares_memory-a-column-and-row"
    ),
    pytest.param(
        lambda: shares_memory(_m.T[1], _m.T[3]), _same(False), id="shares_memory-a-transposed-rows"
    ),
    pytest.param(
        lambda: shares_memory(_b[2:6], _b[5:]), _same(True), id="shares_memory-a-overlapping-slices"
    ),
    pytest.param(
        lambda: shares_memory(_b[:5], _b[5:]), _same(False), id="shares_memory-a-adjacent-slices"
    ),
    pytest.param(
        lambda: shares_memory(_b, _b.clone()), _same(False), id="shares_memory-b-other-storage"
    ),
    pytest.param(lambda: shares_memory(_b[:0], _b), _same(False), id="shares_memory-a-empty-view"),
    pytest.param(
        lambda: shares_memory(_b[3], _b[3:4]), _same(True), id="shares_memory-a-0d-element"
    ),
    pytest.param(
        lambda: shares_memory(_b[:1].expand(10**12), _b[0]),
        _same(True),
        id="shares_memory-a-huge-expand",
    ),
    pytest.param(
        lambda: shares_memory(_b[:1].expand(10**12), _b[1]),
        _same(False),
        id="shares_memory-a-huge-expand-other",
    ),
    pytest.param(
        lambda: shares_memory(_grad_leaf, _grad_leaf.detach()),
        _same(True),
        id="shares_memory-a-requires-grad",
    ),
    pytest.param(
        lambda: shares_memory(_b.view(torch.uint8)[4:8], _b[1]),
        _same(True),
        id="shares_memory-a-byte-view",
    ),
    pytest.param(
        lambda: shares_memory(_complex.real, _complex.imag),
        _same(False),
        id="shares_memory-a-complex-parts",
    ),
    pytest.param(
        lambda: shares_memory(_array[::2], _array[1::2]),
        _same(False),
        id="shares_memory-a-numpy-strided",
    ),
    pytest.param(
        lambda: shares_memory(_array[::-1], _array[9:]),
        _same(True),
        id="shares_memory-a-numpy-negative-stride",
    ),
    pytest.param(
        _no_grad(lambda: shares_memory(_b[::3], _b[4:7])), _same(True), id="shares_memory-a-no-grad"
    ),
    pytest.param(
        _inference(lambda: shares_memory(_b[::3], _b[4:6])),
        _same(False),
        id="shares_memory-a-inference-mode",
    ),
    pytest.param(
        lambda: shares_memory(_m[:, 0], _m[:, 1], max_work=np.int64(1000)),
        _same(False),
        id="shares_memory-max_work-numpy-int",
    ),
    # tensors.unravel_flat_index
    pytest.param(
        lambda: unravel_flat_index(np.int64(3), (2, 2)),
        _coords((1, 1)),
        id="unravel-index-numpy-int64",
    ),
    pytest.param(
        lambda: unravel_flat_index(np.uint8(5), (2, 3)),
        _coords((1, 2)),
        id="unravel-index-numpy-uint8",
    ),
    pytest.param(
        lambda: unravel_flat_index(torch.tensor(3), (2, 2)),
        _coords((1, 1)),
        id="unravel-index-0d-int-tensor",
    ),
    pytest.param(
        lambda: unravel_flat_index(
            torch.argmax(torch.tensor([[3.0, 9.0, 1.0], [4.0, 2.0, 8.0]])), (2, 3)
        ),
        _coords((0, 1)),
        id="unravel-index-argmax-result",
    ),
    pytest.param(
        _inference(lambda: unravel_flat_index(torch.tensor(5, dtype=torch.int32), (2, 3))),
        _coords((1, 2)),
        id="unravel-index-0d-int32-tensor-inference-mode",
    ),
    pytest.param(
        lambda: unravel_flat_index(5, torch.Size([2, 3])),
        _coords((1, 2)),
        id="unravel-shape-torch-size",
    ),
    pytest.param(lambda: unravel_flat_index(5, [2, 3]), _coords((1, 2)), id="unravel-shape-list"),
    pytest.param(
        lambda: unravel_flat_index(5, (np.int64(2), np.int32(3))),
        _coords((1, 2)),
        id="unravel-shape-numpy-sizes",
    ),
    pytest.param(
        lambda: unravel_flat_index(5, (torch.tensor(2), 3)),
        _coords((1, 2)),
        id="unravel-shape-0d-tensor-size",
    ),
    pytest.param(lambda: unravel_flat_index(0, ()), _coords(()), id="unravel-shape-empty-tuple-0d"),
    pytest.param(
        lambda: unravel_flat_index(0, (1, 1, 1)), _coords((0, 0, 0)), id="unravel-shape-ones"
    ),
    pytest.param(
        lambda: unravel_flat_index(2**70, (2**40, 2**40)),
        _coords((2**30, 0)),
        id="unravel-shape-huge-product",
    ),
    pytest.param(
        lambda: unravel_flat_index(5, (2**32, 2**32, 2**32)),
        _coords((0, 0, 5)),
        id="unravel-shape-product-past-int64",
    ),
    pytest.param(
        lambda: unravel_flat_index(2**62 + 1, (2**62, 2)),
        _coords((2**61, 1)),
        id="unravel-index-huge",
    ),
    # tensors.unbiased_variance
    pytest.param(
        lambda: unbiased_variance(torch.tensor([1.0, NAN, 3.0])),
        _same(torch.tensor(NAN)),
        id="variance-values-nan",
    ),
    pytest.param(
        lambda: unbiased_variance(torch.tensor([1.0, INF])),
        _same(torch.tensor(NAN)),
        id="variance-values-inf",
    ),
    pytest.param(
        lambda: unbiased_variance(torch.tensor([[1.0, 2.0], [3.0, 4.0]])),
        _close(torch.var(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))),
        id="variance-values-2d-all-elements",
    ),
    pytest.param(
        lambda: unbiased_variance(_m.T[::2]),
        _close(torch.var(_m.T[::2])),
        id="variance-values-strided-view",
    ),
    pytest.param(
        lambda: unbiased_variance(torch.tensor([1.0, 3.0], dtype=torch.float64)),
        _same(torch.tensor(2.0, dtype=torch.float64)),
        id="variance-values-float64-kept",
    ),
    pytest.param(
        lambda: unbiased_variance(torch.tensor([1.0, 2.0, 4.0, 8.0], requires_grad=True)),
        _variance_gradient_matches,
        id="variance-values-requires-grad",
    ),
    pytest.param(
        _no_grad(lambda: unbiased_variance(torch.tensor([1.0, 3.0]))),
        _same(torch.tensor(2.0)),
        id="variance-values-no-grad",
    ),
    pytest.param(
        _inference(lambda: unbiased_variance(torch.tensor([1.0, 3.0]))),
        _same(torch.tensor(2.0)),
        id="variance-values-inference-mode",
    ),
    pytest.param(
        lambda: unbiased_variance(_half),
        _variance_close(_half),
        id="variance-values-float16-large-sum",
    ),
    pytest.param(
        lambda: unbiased_variance(_bf16), _variance_close(_bf16), id="variance-values-bfloat16-many"
    ),
    # tensors.pick_device, describe
    pytest.param(
        _inference(pick_device),
        lambda d: isinstance(d, torch.device),
        id="pick_device-inference-mode",
    ),
    pytest.param(
        lambda: describe(torch.tensor(1.5)),
        _same("shape=() dtype=torch.float32 device=cpu"),
        id="describe-tensor-0d",
    ),
    pytest.param(
        lambda: describe(torch.zeros(0, 3)),
        _same("shape=(0, 3) dtype=torch.float32 device=cpu"),
        id="describe-tensor-empty",
    ),
    pytest.param(
        lambda: describe(_meta),
        _same("shape=(3,) dtype=torch.float32 device=meta"),
        id="describe-tensor-meta",
    ),
    pytest.param(
        lambda: describe(nn.Parameter(torch.zeros(2))),
        _same("shape=(2,) dtype=torch.float32 device=cpu"),
        id="describe-tensor-parameter",
    ),
    pytest.param(
        lambda: describe(_m.T),
        _same("shape=(4, 3) dtype=torch.float32 device=cpu"),
        id="describe-tensor-strided",
    ),
    # autograd: NaN and infinities go through the formula as backward() would
    pytest.param(
        lambda: squares_gradients(torch.tensor([NAN, INF]), torch.tensor([-INF, 1.0])),
        _same(
            _autograd_of(
                lambda w, x: (3 * w) ** 2 + (2 * x) ** 2,
                torch.tensor([NAN, INF]),
                torch.tensor([-INF, 1.0]),
            )
        ),
        id="squares-w-nan-inf",
    ),
    pytest.param(
        lambda: squares_gradients(torch.zeros(0), torch.zeros(0)),
        _same((torch.zeros(0), torch.zeros(0))),
        id="squares-w-empty",
    ),
    pytest.param(
        lambda: squares_gradients(_grad_leaf, _grad_leaf * 2),
        _same((18 * _grad_leaf.detach(), 16 * _grad_leaf.detach())),
        id="squares-w-requires-grad",
    ),
    pytest.param(
        lambda: squares_gradients(_m.T, _m.T[::1]),
        _same((18 * _m.T, 8 * _m.T)),
        id="squares-w-strided-view",
    ),
    pytest.param(
        lambda: squares_gradients(torch.tensor(1.0), torch.tensor(2.0, dtype=torch.float64)),
        _same((torch.tensor(18.0), torch.tensor(16.0, dtype=torch.float64))),
        id="squares-x-other-float-dtype",
    ),
    pytest.param(
        _inference(lambda: squares_gradients(torch.tensor(1.0), torch.tensor(2.0))),
        _same((torch.tensor(18.0), torch.tensor(16.0))),
        id="squares-w-inference-mode",
    ),
    pytest.param(
        lambda: cube_gradient(torch.tensor([NAN, INF, -INF, 2.0])),
        _same(_autograd_of(lambda x: x**3, torch.tensor([NAN, INF, -INF, 2.0]))[0]),
        id="cube-x-nan-inf",
    ),
    pytest.param(
        lambda: cube_gradient(torch.zeros(0, 2)), _same(torch.zeros(0, 2)), id="cube-x-empty"
    ),
    pytest.param(
        lambda: cube_gradient(_grad_leaf),
        _same(3 * _grad_leaf.detach() ** 2),
        id="cube-x-requires-grad",
    ),
    pytest.param(
        _no_grad(lambda: cube_gradient(torch.tensor(2.0, dtype=torch.float16))),
        _same(torch.tensor(12.0, dtype=torch.float16)),
        id="cube-x-float16-no-grad",
    ),
    pytest.param(
        lambda: polynomial_q_gradients(torch.tensor([NAN]), torch.tensor([INF])),
        _same((torch.tensor([NAN]), torch.tensor([-INF]))),
        id="polynomial-a-nan-b-inf",
    ),
    pytest.param(
        lambda: polynomial_q_gradients(torch.zeros(2, 0), torch.zeros(2, 0)),
        _same((torch.zeros(2, 0), torch.zeros(2, 0))),
        id="polynomial-a-empty",
    ),
    pytest.param(
        _inference(lambda: polynomial_q_gradients(_m[:, ::2], _m[:, 1::2])),
        _same((9 * _m[:, ::2] ** 2, -2 * _m[:, 1::2])),
        id="polynomial-a-strided-inference-mode",
    ),
    pytest.param(
        lambda: branch_gradient(torch.tensor(0.0)), _same(torch.tensor(0.0)), id="branch-x-zero"
    ),
    pytest.param(
        lambda: branch_gradient(torch.tensor(NAN)), _same(torch.tensor(NAN)), id="branch-x-nan"
    ),
    pytest.param(
        lambda: branch_gradient(torch.tensor(INF)), _same(torch.tensor(INF)), id="branch-x-inf"
    ),
    pytest.param(
        lambda: branch_gradient(torch.tensor(-INF)),
        _same(torch.tensor(INF)),
        id="branch-x-negative-inf",
    ),
    pytest.param(
        lambda: branch_gradient(torch.tensor(3.0, requires_grad=True)),
        _same(torch.tensor(6.0)),
        id="branch-x-requires-grad",
    ),
    pytest.param(
        _inference(lambda: branch_gradient(torch.tensor(-1.0))),
        _same(torch.tensor(3.0)),
        id="branch-x-inference-mode",
    ),
    pytest.param(lambda: branch_gradient(_b[4]), _same(torch.tensor(8.0)), id="branch-x-0d-view"),
    # workers.load_example
    pytest.param(
        lambda: load_example(np.int64(3)), _same(load_example(3)), id="load_example-index-numpy-int"
    ),
    pytest.param(
        lambda: load_example(torch.tensor(3)),
        _same(load_example(3)),
        id="load_example-index-0d-tensor",
    ),
    pytest.param(
        lambda: load_example(0, features=np.int32(3)),
        _same(load_example(0, features=3)),
        id="load_example-features-numpy-int",
    ),
    pytest.param(
        lambda: load_example(2**64 - 1),
        lambda r: r.shape == (2,) and r.dtype == torch.float32,
        id="load_example-index-largest-seed",
    ),
    pytest.param(
        _no_grad(lambda: load_example(7)), _same(load_example(7)), id="load_example-index-no-grad"
    ),
    pytest.param(
        _inference(lambda: load_example(7)),
        lambda r: torch.equal(r, load_example(7)),
        id="load_example-index-inference-mode",
    ),
    # messages.first_sentences
    pytest.param(lambda: first_sentences(""), _same(""), id="first_sentences-text-empty"),
    pytest.param(
        lambda: first_sentences("\n\nOne. Two.\nThree."),
        _same("One."),
        id="first_sentences-text-leading-blank-lines",
    ),
    pytest.param(lambda: first_sentences("  \n  "), _same(""), id="first_sentences-text-blank"),
    pytest.param(
        lambda: first_sentences("no full stop"),
        _same("no full stop"),
        id="first_sentences-text-no-full-stop",
    ),
    pytest.param(
        lambda: first_sentences("One. Two.", 10**18),
        _same("One. Two."),
        id="first_sentences-sentences-huge",
    ),
    pytest.param(
        lambda: first_sentences("One. Two.", np.int64(2)),
        _same("One. Two."),
        id="first_sentences-sentences-numpy-int",
    ),
    # messages.print_error
    pytest.param(
        _printed(lambda: print_error(RuntimeError(""))),
        _same("RuntimeError:\n\n"),
        id="print_error-error-empty-message",
    ),
    pytest.param(
        _printed(lambda: print_error(RuntimeError("\nThe cause. A hint."))),
        _same("RuntimeError:\nThe cause.\n"),
        id="print_error-error-leading-newline",
    ),
    pytest.param(
        _printed(lambda: print_error(ValueError("a " * 30), width=10**6)),
        _same("ValueError:\n" + ("a " * 30).strip() + "\n"),
        id="print_error-width-huge",
    ),
    pytest.param(
        _printed(
            lambda: print_error(ValueError("One. Two."), sentences=np.int64(2), width=np.int64(40))
        ),
        _same("ValueError:\nOne. Two.\n"),
        id="print_error-sentences-numpy-int",
    ),
    pytest.param(
        _printed(lambda: print_error(KeyboardInterrupt())),
        _same("KeyboardInterrupt:\n\n"),
        id="print_error-error-base-exception",
    ),
    # losses.CustomLoss.forward
    pytest.param(
        lambda: CustomLoss()(torch.zeros(0), torch.zeros(0)),
        _same(torch.tensor(0.0)),
        id="CustomLoss-forward-empty-sum",
    ),
    pytest.param(
        lambda: CustomLoss("mean")(torch.zeros(0), torch.zeros(0)),
        _same(torch.tensor(NAN)),
        id="CustomLoss-forward-empty-mean",
    ),
    pytest.param(
        lambda: CustomLoss("none")(torch.zeros(0, 2), torch.zeros(0, 2)),
        _same(torch.zeros(0, 2)),
        id="CustomLoss-forward-empty-none",
    ),
    pytest.param(
        lambda: CustomLoss()(torch.tensor([NAN, 1.0]), torch.zeros(2)),
        _same(torch.tensor(NAN)),
        id="CustomLoss-forward-y_pred-nan",
    ),
    pytest.param(
        lambda: CustomLoss("none")(torch.tensor([INF, 1.0]), torch.tensor([INF, -INF])),
        _same(torch.tensor([NAN, INF])),
        id="CustomLoss-forward-y_true-inf",
    ),
    pytest.param(
        lambda: CustomLoss()(_y4, _i4),
        _loss_matches_l1("sum", _y4, _i4),
        id="CustomLoss-forward-y_true-int",
    ),
    pytest.param(
        lambda: CustomLoss()(_i4, _t4),
        _loss_matches_l1("sum", _i4, _t4),
        id="CustomLoss-forward-y_pred-int-sum",
    ),
    pytest.param(
        lambda: CustomLoss("mean")(_i4, _i4 + 2),
        _same(torch.tensor(2.0)),
        id="CustomLoss-forward-y_pred-int-mean-is-float",
    ),
    pytest.param(
        lambda: CustomLoss("none")(_i4, _i4 + 2),
        _same(torch.full((4,), 2)),
        id="CustomLoss-forward-y_pred-int-none-stays-int",
    ),
    pytest.param(
        lambda: CustomLoss("mean")(_y4, _t4.double()),
        _loss_matches_l1("mean", _y4, _t4.double()),
        id="CustomLoss-forward-y_true-float64",
    ),
    pytest.param(
        lambda: CustomLoss("mean")(_y4 * 1j, _t4),
        _loss_matches_l1("mean", _y4 * 1j, _t4),
        id="CustomLoss-forward-y_pred-complex",
    ),
    pytest.param(
        lambda: CustomLoss()(_m.T[::2], _m.T[1::2]),
        _loss_matches_l1("sum", _m.T[::2], _m.T[1::2]),
        id="CustomLoss-forward-strided",
    ),
    pytest.param(
        lambda: CustomLoss()(torch.tensor(2.0), torch.tensor(0.5)),
        _same(torch.tensor(1.5)),
        id="CustomLoss-forward-0d",
    ),
    pytest.param(
        lambda: CustomLoss()(_y4, _t4.clone().requires_grad_(True)),
        _target_gradient,
        id="CustomLoss-forward-y_true-requires-grad",
    ),
    pytest.param(
        _no_grad(lambda: CustomLoss()(_grad_leaf, torch.zeros(3))),
        _same(torch.tensor(6.0)),
        id="CustomLoss-forward-no-grad",
    ),
    pytest.param(
        _inference(lambda: CustomLoss("mean")(_y4, _t4)),
        lambda r: torch.equal(r, nn.L1Loss()(_y4, _t4)),
        id="CustomLoss-forward-inference-mode",
    ),
]


@pytest.mark.parametrize(("call", "error", "words"), CLEAR)
def test_bad_input_gives_a_clear_error(call: Callable[[], Any], error: type, words: str) -> None:
    assert_clear_error(call, error, words)


@pytest.mark.parametrize(("call", "check"), DOCUMENTED)
def test_edge_case_gives_the_documented_result(
    call: Callable[[], Any], check: Callable[[Any], bool]
) -> None:
    assert_documented(call, check)
