"""Bad and edge-case input for every public name of ``pytorch_basics.restoration``.

The table covers ``weird_function``, ``weird_function_vectorised``,
``weird_function_adjoint``, ``weird_function_inverse``, ``singular_value_range``,
``psnr``, ``sample_image``, the ``Restoration`` record and the five solvers
``restore_*`` (``ROUNDS`` is a constant: one row checks it). Each argument gets the
rows that apply to it: wrong type, wrong shape or number of dimensions, wrong dtype,
NaN / inf, empty tensors, zero / negative / huge counts, ``bool`` where an ``int`` is
expected, grad modes (``torch.no_grad()``, ``torch.inference_mode()``), tensors that
require grad, non-contiguous views and 0-d tensors; for the solvers also a ``forward``
or ``adjoint`` that returns the wrong thing, and a run that could go on for hours.

Every row has one of three outcomes:

* ``CLEAR``: the call raises the named exception, and its message contains the given
  words: always the argument's name, and what came (and usually what was expected).
* ``DOCUMENTED``: the call returns, and the check confirms the result the docstring
  promises for that edge case (valid input that must not be refused belongs here too).
* ``BOUNDED``: a call that would run for a very long time without its guard (a huge
  ``steps`` with a target that is never reached) returns within the given seconds,
  because the solver's ``max_seconds`` budget stops it.

The signals are tiny (an 8x8 picture, 64 values) so the whole table runs in seconds,
and every row also runs with the time limit of ``tests/bad_input.py``, so no row can hang the run.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import pytest
import torch
from bad_input import assert_clear_error, assert_documented, bounded, run_in

from pytorch_basics.restoration import (
    ROUNDS,
    Restoration,
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

F64 = torch.float64


def sig(length: int = 8, seed: int = 0, dtype: torch.dtype = F64) -> torch.Tensor:
    return torch.randn(length, generator=torch.Generator().manual_seed(seed), dtype=dtype)


ORIGINAL = sample_image(size=8).flatten()  # 64 values
BROKEN = weird_function(ORIGINAL)
START = sig(64, seed=1)
OTHER = sig(64, seed=2)  # a reference the solvers never reach in a few steps
UNREACHABLE = {"reference": OTHER, "target_psnr": 1000.0}


no_grad = partial(run_in, torch.no_grad)
inference = partial(run_in, torch.inference_mode)


def made_in_inference(tensor: torch.Tensor) -> torch.Tensor:
    """A copy created under ``torch.inference_mode()`` (an inference tensor)."""
    with torch.inference_mode():
        return tensor.clone()


def with_nan(tensor: torch.Tensor, value: float = math.nan) -> torch.Tensor:
    copy = tensor.clone()
    copy[1] = value
    return copy


def strided(tensor: torch.Tensor) -> torch.Tensor:
    """The same values as a non-contiguous view (every other value of a doubled tensor)."""
    doubled = torch.stack((tensor, torch.zeros_like(tensor)), dim=1).flatten()
    view = doubled[::2]
    assert not view.is_contiguous()
    return view


def same(a: torch.Tensor, b: torch.Tensor, atol: float = 1e-12) -> bool:
    return a.shape == b.shape and a.dtype == b.dtype and bool(torch.allclose(a, b, atol=atol))


# --- the weird function, its vectorised form, adjoint and inverse ---

FUNCTIONS = [
    ("weird_function", weird_function, "x"),
    ("weird_function_vectorised", weird_function_vectorised, "x"),
    ("weird_function_adjoint", weird_function_adjoint, "y"),
    ("weird_function_inverse", weird_function_inverse, "y"),
]

CLEAR: list[Any] = []
DOCUMENTED: list[Any] = []
BOUNDED: list[Any] = []

for _name, _f, _arg in FUNCTIONS:
    CLEAR += [
        pytest.param(
            lambda f=_f: f([1.0, 2.0]),
            TypeError,
            f"{_arg} must be a torch.Tensor, got list",
            id=f"{_name}-{_arg}-list",
        ),
        pytest.param(
            lambda f=_f: f(None),
            TypeError,
            f"{_arg} must be a torch.Tensor, got NoneType",
            id=f"{_name}-{_arg}-none",
        ),
        pytest.param(
            lambda f=_f: f("12"),
            TypeError,
            f"{_arg} must be a torch.Tensor, got str",
            id=f"{_name}-{_arg}-str",
        ),
        pytest.param(
            lambda f=_f: f(torch.arange(8)),
            TypeError,
            f"{_arg} must have a floating-point dtype, got torch.int64",
            id=f"{_name}-{_arg}-int-dtype",
        ),
        pytest.param(
            lambda f=_f: f(sig() > 0),
            TypeError,
            f"{_arg} must have a floating-point dtype, got torch.bool",
            id=f"{_name}-{_arg}-bool-dtype",
        ),
        pytest.param(
            lambda f=_f: f(sig().to(torch.complex128)),
            TypeError,
            f"{_arg} must have a floating-point dtype, got torch.complex128",
            id=f"{_name}-{_arg}-complex",
        ),
        pytest.param(
            lambda f=_f: f(sig().half()),
            TypeError,
            f"{_arg} must have dtype torch.float32 or torch.float64, got torch.float16",
            id=f"{_name}-{_arg}-float16",
        ),
        pytest.param(
            lambda f=_f: f(sig().bfloat16()),
            TypeError,
            f"{_arg} must have dtype torch.float32 or torch.float64, got torch.bfloat16",
            id=f"{_name}-{_arg}-bfloat16",
        ),
        pytest.param(
            lambda f=_f: f(torch.tensor(1.0, dtype=F64)),
            ValueError,
            f"{_arg} must have 1 dimension(s), got 0",
            id=f"{_name}-{_arg}-0d",
        ),
        pytest.param(
            lambda f=_f: f(sig(8).reshape(2, 4)),
            ValueError,
            f"{_arg} must have 1 dimension(s), got 2",
            id=f"{_name}-{_arg}-2d",
        ),
        pytest.param(
            lambda f=_f: f(torch.zeros(0, dtype=F64)),
            ValueError,
            f"{_arg} must hold at least 2 values, got 0",
            id=f"{_name}-{_arg}-empty",
        ),
        pytest.param(
            lambda f=_f: f(torch.ones(1, dtype=F64)),
            ValueError,
            f"{_arg} must hold at least 2 values, got 1",
            id=f"{_name}-{_arg}-one-value",
        ),
    ]
    DOCUMENTED += [
        # NaN and inf are not checked (the solvers call these thousands of times): they spread
        pytest.param(
            lambda f=_f: f(with_nan(sig())),
            lambda r: bool(r.isnan().any()),
            id=f"{_name}-{_arg}-nan-spreads",
        ),
        pytest.param(
            lambda f=_f: f(with_nan(sig(), math.inf)),
            lambda r: not bool(r.isfinite().all()),
            id=f"{_name}-{_arg}-inf-spreads",
        ),
        pytest.param(
            lambda f=_f: f(sig(2)), lambda r: r.shape == (2,), id=f"{_name}-{_arg}-two-values"
        ),
        pytest.param(
            lambda f=_f: f(sig(7)), lambda r: r.shape == (7,), id=f"{_name}-{_arg}-odd-length"
        ),
        pytest.param(
            lambda f=_f: f(sig(dtype=torch.float32)),
            lambda r: r.dtype == torch.float32,
            id=f"{_name}-{_arg}-float32",
        ),
        pytest.param(
            lambda f=_f: f(strided(sig())),
            lambda r, f=_f: same(r, f(sig())),
            id=f"{_name}-{_arg}-non-contiguous",
        ),
        pytest.param(
            lambda f=_f: f(sig().requires_grad_(True)),
            lambda r: r.requires_grad,
            id=f"{_name}-{_arg}-requires-grad",
        ),
        pytest.param(
            lambda f=_f: no_grad(lambda: f(sig().requires_grad_(True))),
            lambda r: not r.requires_grad,
            id=f"{_name}-{_arg}-no-grad",
        ),
        pytest.param(
            lambda f=_f: inference(lambda: f(sig())),
            lambda r, f=_f: same(r, f(sig())),
            id=f"{_name}-{_arg}-inference-mode",
        ),
    ]


def _inverse_gradient() -> bool:
    """Autograd through the exact inverse: the gradient of <A^-1 y, v> is A^-T v."""
    y, v = sig(8, seed=3).requires_grad_(True), sig(8, seed=4)
    torch.dot(weird_function_inverse(y), v).backward()
    return same(y.grad, weird_function_inverse(v, transpose=True))


CLEAR += [
    pytest.param(
        lambda: weird_function_inverse(sig(), transpose="yes"),
        TypeError,
        "transpose must be a bool, got str 'yes'",
        id="weird_function_inverse-transpose-str",
    ),
    pytest.param(
        lambda: weird_function_inverse(sig(), transpose=None),
        TypeError,
        "transpose must be a bool, got NoneType",
        id="weird_function_inverse-transpose-none",
    ),
    pytest.param(
        lambda: weird_function_inverse(sig(), transpose=1),
        TypeError,
        "transpose must be a bool, got int 1",
        id="weird_function_inverse-transpose-int",
    ),
]
DOCUMENTED += [
    pytest.param(
        lambda: weird_function_inverse(sig(), transpose=np.bool_(True)),
        lambda r: same(r, weird_function_inverse(sig(), transpose=True)),
        id="weird_function_inverse-transpose-numpy-bool",
    ),
    pytest.param(
        _inverse_gradient, lambda r: r, id="weird_function_inverse-y-gradient-is-inverse-transpose"
    ),
    pytest.param(
        lambda: ROUNDS, lambda r: r == 5 and type(r) is int, id="ROUNDS-is-the-books-five"
    ),
]

# --- singular_value_range ---

CLEAR += [
    pytest.param(
        lambda: singular_value_range(None),
        TypeError,
        "length must be an int, got NoneType",
        id="singular_value_range-length-none",
    ),
    pytest.param(
        lambda: singular_value_range("8"),
        TypeError,
        "length must be an int, got str",
        id="singular_value_range-length-str",
    ),
    pytest.param(
        lambda: singular_value_range(8.0),
        TypeError,
        "length must be an int, got float 8.0",
        id="singular_value_range-length-float",
    ),
    pytest.param(
        lambda: singular_value_range(True),
        TypeError,
        "length must be an int, got bool",
        id="singular_value_range-length-bool",
    ),
    pytest.param(
        lambda: singular_value_range(torch.tensor(8.0)),
        TypeError,
        "length must be an int, got a tensor",
        id="singular_value_range-length-0d-float-tensor",
    ),
    pytest.param(
        lambda: singular_value_range(1),
        ValueError,
        "length must be >= 2, got 1",
        id="singular_value_range-length-one",
    ),
    pytest.param(
        lambda: singular_value_range(0),
        ValueError,
        "length must be >= 2, got 0",
        id="singular_value_range-length-zero",
    ),
    pytest.param(
        lambda: singular_value_range(-5),
        ValueError,
        "length must be >= 2, got -5",
        id="singular_value_range-length-negative",
    ),
    pytest.param(
        lambda: singular_value_range(10**12),
        ValueError,
        "length=1000000000000",
        id="singular_value_range-length-huge",
    ),
    pytest.param(
        lambda: singular_value_range(8, iterations=0),
        ValueError,
        "iterations must be >= 1, got 0",
        id="singular_value_range-iterations-zero",
    ),
    pytest.param(
        lambda: singular_value_range(8, iterations=-3),
        ValueError,
        "iterations must be >= 1, got -3",
        id="singular_value_range-iterations-negative",
    ),
    pytest.param(
        lambda: singular_value_range(8, iterations=True),
        TypeError,
        "iterations must be an int, got bool",
        id="singular_value_range-iterations-bool",
    ),
    pytest.param(
        lambda: singular_value_range(8, iterations=2.5),
        TypeError,
        "iterations must be an int, got float",
        id="singular_value_range-iterations-float",
    ),
    pytest.param(
        lambda: singular_value_range(8, iterations=None),
        TypeError,
        "iterations must be an int, got NoneType",
        id="singular_value_range-iterations-none",
    ),
    pytest.param(
        lambda: singular_value_range(8, iterations=10**9),
        ValueError,
        "iterations must be <= 1000, got 1000000000",
        id="singular_value_range-iterations-huge",
    ),
    pytest.param(
        lambda: singular_value_range(8, dtype="float64"),
        TypeError,
        "dtype must be torch.float32 or torch.float64, got str",
        id="singular_value_range-dtype-str",
    ),
    pytest.param(
        lambda: singular_value_range(8, dtype=None),
        TypeError,
        "dtype must be torch.float32 or torch.float64, got NoneType",
        id="singular_value_range-dtype-none",
    ),
    pytest.param(
        lambda: singular_value_range(8, dtype=torch.int64),
        TypeError,
        "dtype must be torch.float32 or torch.float64",
        id="singular_value_range-dtype-int64",
    ),
    pytest.param(
        lambda: singular_value_range(8, dtype=torch.float16),
        TypeError,
        "dtype must be torch.float32 or torch.float64",
        id="singular_value_range-dtype-float16",
    ),
]


def _svd_range(length: int) -> tuple[float, float]:
    matrix = torch.stack([weird_function(e) for e in torch.eye(length, dtype=F64)], dim=1)
    values = torch.linalg.svdvals(matrix)
    return values.min().item(), values.max().item()


def _close_pairs(a: tuple[float, float], b: tuple[float, float], rel: float = 1e-6) -> bool:
    return all(math.isclose(x, y, rel_tol=rel) for x, y in zip(a, b, strict=True))


DOCUMENTED += [
    pytest.param(
        lambda: singular_value_range(np.int64(8)),
        lambda r: _close_pairs(r, _svd_range(8)),
        id="singular_value_range-length-numpy-int",
    ),
    pytest.param(
        lambda: singular_value_range(torch.tensor(8)),
        lambda r: _close_pairs(r, _svd_range(8)),
        id="singular_value_range-length-0d-int-tensor",
    ),
    pytest.param(
        lambda: singular_value_range(8, iterations=np.int32(8)),
        lambda r: _close_pairs(r, _svd_range(8)),
        id="singular_value_range-iterations-numpy-int",
    ),
    # more iterations than values: capped at the length (the answer is then exact)
    pytest.param(
        lambda: singular_value_range(8, iterations=1000),
        lambda r: _close_pairs(r, _svd_range(8)),
        id="singular_value_range-iterations-above-length",
    ),
    pytest.param(
        lambda: singular_value_range(2),
        lambda r: _close_pairs(r, _svd_range(2)),
        id="singular_value_range-length-two",
    ),
    pytest.param(
        lambda: singular_value_range(8, dtype=torch.float32),
        lambda r: _close_pairs(r, _svd_range(8), 1e-4),
        id="singular_value_range-dtype-float32",
    ),
    pytest.param(
        lambda: no_grad(lambda: singular_value_range(8)),
        lambda r: _close_pairs(r, _svd_range(8)),
        id="singular_value_range-no-grad",
    ),
    pytest.param(
        lambda: inference(lambda: singular_value_range(8)),
        lambda r: _close_pairs(r, _svd_range(8)),
        id="singular_value_range-inference-mode",
    ),
]

# --- psnr ---


def _psnr64(image: torch.Tensor, reference: torch.Tensor, data_range: float = 1.0) -> float:
    """PSNR by the formula, in float64 and in log form (no under- or overflow)."""
    difference = image.to(F64) - reference.to(F64)
    rms = difference.abs().max() * torch.sqrt(
        torch.mean((difference / difference.abs().max()) ** 2)
    )
    return 20 * math.log10(data_range) - 20 * math.log10(rms.item())


def _near(expected: float, rel: float = 1e-9) -> Callable[[float], bool]:
    return lambda r: isinstance(r, float) and math.isclose(r, expected, rel_tol=rel)


IMG, REF = sig(8, seed=5), sig(8, seed=6)

CLEAR += [
    pytest.param(
        lambda: psnr([0.5], REF),
        TypeError,
        "image must be a torch.Tensor, got list",
        id="psnr-image-list",
    ),
    pytest.param(
        lambda: psnr(None, REF),
        TypeError,
        "image must be a torch.Tensor, got NoneType",
        id="psnr-image-none",
    ),
    pytest.param(
        lambda: psnr(IMG, None),
        TypeError,
        "reference must be a torch.Tensor, got NoneType",
        id="psnr-reference-none",
    ),
    pytest.param(
        lambda: psnr(torch.arange(8), REF),
        TypeError,
        "image must have a floating-point dtype, got torch.int64",
        id="psnr-image-int-dtype",
    ),
    pytest.param(
        lambda: psnr(IMG, REF > 0),
        TypeError,
        "reference must have a floating-point dtype, got torch.bool",
        id="psnr-reference-bool-dtype",
    ),
    pytest.param(
        lambda: psnr(IMG.to(torch.complex128), REF),
        TypeError,
        "image must have a floating-point dtype, got torch.complex128",
        id="psnr-image-complex",
    ),
    pytest.param(
        lambda: psnr(IMG, sig(9)),
        ValueError,
        "image and reference must have the same shape, got (8,) and (9,)",
        id="psnr-reference-other-shape",
    ),
    pytest.param(
        lambda: psnr(IMG.reshape(2, 4), REF),
        ValueError,
        "image and reference must have the same shape, got (2, 4) and (8,)",
        id="psnr-image-other-ndim",
    ),
    pytest.param(
        lambda: psnr(torch.zeros(0), torch.zeros(0)),
        ValueError,
        "image must hold at least 1 value, got 0",
        id="psnr-image-empty",
    ),
    pytest.param(
        lambda: psnr(torch.zeros(3, 0), torch.zeros(3, 0)),
        ValueError,
        "image must hold at least 1 value, got 0",
        id="psnr-image-empty-2d",
    ),
    pytest.param(
        lambda: psnr(with_nan(IMG), REF),
        ValueError,
        "image must hold only finite values, got 1 NaN",
        id="psnr-image-nan",
    ),
    pytest.param(
        lambda: psnr(with_nan(IMG, math.inf), REF),
        ValueError,
        "image must hold only finite values",
        id="psnr-image-inf",
    ),
    pytest.param(
        lambda: psnr(IMG, with_nan(REF, -math.inf)),
        ValueError,
        "reference must hold only finite values",
        id="psnr-reference-inf",
    ),
    pytest.param(
        lambda: psnr(IMG, REF, data_range="1"),
        TypeError,
        "data_range must be a real number, got str",
        id="psnr-data_range-str",
    ),
    pytest.param(
        lambda: psnr(IMG, REF, data_range=None),
        TypeError,
        "data_range must be a real number, got NoneType",
        id="psnr-data_range-none",
    ),
    pytest.param(
        lambda: psnr(IMG, REF, data_range=True),
        TypeError,
        "data_range must be a real number, got bool",
        id="psnr-data_range-bool",
    ),
    pytest.param(
        lambda: psnr(IMG, REF, data_range=torch.ones(2)),
        TypeError,
        "data_range must be a real number, got a tensor of shape (2,)",
        id="psnr-data_range-1d-tensor",
    ),
    pytest.param(
        lambda: psnr(IMG, REF, data_range=0),
        ValueError,
        "data_range must be > 0, got 0",
        id="psnr-data_range-zero",
    ),
    pytest.param(
        lambda: psnr(IMG, REF, data_range=-1.0),
        ValueError,
        "data_range must be > 0, got -1.0",
        id="psnr-data_range-negative",
    ),
    pytest.param(
        lambda: psnr(IMG, REF, data_range=math.nan),
        ValueError,
        "data_range must be finite, got nan",
        id="psnr-data_range-nan",
    ),
    pytest.param(
        lambda: psnr(IMG, REF, data_range=math.inf),
        ValueError,
        "data_range must be finite, got inf",
        id="psnr-data_range-inf",
    ),
]

_HUGE = torch.full((8,), 1e200, dtype=F64)
_TINY = torch.full((8,), 1e-200, dtype=F64)

DOCUMENTED += [
    pytest.param(
        lambda: psnr(IMG, IMG.clone()), lambda r: r == math.inf, id="psnr-equal-images-inf"
    ),
    pytest.param(
        lambda: psnr(torch.tensor(0.5), torch.tensor(0.6)), _near(20.0, 1e-6), id="psnr-0d-tensors"
    ),
    pytest.param(
        lambda: psnr(IMG.reshape(2, 4), REF.reshape(2, 4)),
        _near(_psnr64(IMG, REF)),
        id="psnr-2d-any-shape",
    ),
    pytest.param(
        lambda: psnr(strided(IMG), strided(REF)), _near(_psnr64(IMG, REF)), id="psnr-non-contiguous"
    ),
    pytest.param(
        lambda: psnr(IMG.clone().requires_grad_(True), REF.clone().requires_grad_(True)),
        _near(_psnr64(IMG, REF)),
        id="psnr-requires-grad",
    ),
    pytest.param(
        lambda: inference(lambda: psnr(IMG, REF)),
        _near(_psnr64(IMG, REF)),
        id="psnr-inference-mode",
    ),
    pytest.param(
        lambda: psnr(IMG.half(), REF.half()),
        _near(_psnr64(IMG.half(), REF.half()), 1e-5),
        id="psnr-float16",
    ),
    # mixed dtypes are compared in the wider one: float32 rounding is a real difference
    pytest.param(
        lambda: psnr(IMG, IMG.float()),
        _near(_psnr64(IMG, IMG.float())),
        id="psnr-reference-float32-of-float64-image",
    ),
    pytest.param(
        lambda: psnr(IMG.float(), IMG),
        _near(_psnr64(IMG.float(), IMG)),
        id="psnr-image-float32-of-float64-reference",
    ),
    # no overflow or underflow of the squared error
    pytest.param(
        lambda: psnr(_HUGE, -_HUGE), _near(-20 * math.log10(2e200)), id="psnr-image-huge-values"
    ),
    pytest.param(
        lambda: psnr(_TINY, torch.zeros(8, dtype=F64)),
        _near(4000.0),
        id="psnr-image-tiny-difference-not-inf",
    ),
    pytest.param(
        lambda: psnr(IMG.float() * 1e30, -IMG.float() * 1e30),
        _near(_psnr64(IMG.float() * 1e30, -IMG.float() * 1e30), 1e-5),
        id="psnr-image-float32-overflowing-squares",
    ),
    pytest.param(
        lambda: psnr(IMG, REF, data_range=1e300),
        _near(_psnr64(IMG, REF, 1e300)),
        id="psnr-data_range-huge",
    ),
    pytest.param(
        lambda: psnr(IMG, REF, data_range=255),
        _near(_psnr64(IMG, REF, 255.0)),
        id="psnr-data_range-int",
    ),
    pytest.param(
        lambda: psnr(IMG, REF, data_range=np.int64(255)),
        _near(_psnr64(IMG, REF, 255.0)),
        id="psnr-data_range-numpy-int",
    ),
    pytest.param(
        lambda: psnr(IMG, REF, data_range=np.float32(2.0)),
        _near(_psnr64(IMG, REF, 2.0)),
        id="psnr-data_range-numpy-float32",
    ),
    pytest.param(
        lambda: psnr(IMG, REF, data_range=torch.tensor(2.0)),
        _near(_psnr64(IMG, REF, 2.0)),
        id="psnr-data_range-0d-tensor",
    ),
]

# --- sample_image ---

CLEAR += [
    pytest.param(
        lambda: sample_image(size=None),
        TypeError,
        "size must be an int, got NoneType",
        id="sample_image-size-none",
    ),
    pytest.param(
        lambda: sample_image(size="8"),
        TypeError,
        "size must be an int, got str",
        id="sample_image-size-str",
    ),
    pytest.param(
        lambda: sample_image(size=8.0),
        TypeError,
        "size must be an int, got float 8.0",
        id="sample_image-size-float",
    ),
    pytest.param(
        lambda: sample_image(size=True),
        TypeError,
        "size must be an int, got bool",
        id="sample_image-size-bool",
    ),
    pytest.param(
        lambda: sample_image(size=torch.tensor(8.0)),
        TypeError,
        "size must be an int, got a tensor",
        id="sample_image-size-0d-float-tensor",
    ),
    pytest.param(
        lambda: sample_image(size=0),
        ValueError,
        "size must be >= 1, got 0",
        id="sample_image-size-zero",
    ),
    pytest.param(
        lambda: sample_image(size=-4),
        ValueError,
        "size must be >= 1, got -4",
        id="sample_image-size-negative",
    ),
    pytest.param(
        lambda: sample_image(size=10**9),
        ValueError,
        "size must be <= 512",
        id="sample_image-size-huge",
    ),
]


def _sample(size: int = 8) -> torch.Tensor:
    return sample_image(size=size)


DOCUMENTED += [
    pytest.param(
        lambda: sample_image(size=np.int64(8)),
        lambda r: same(r, _sample()),
        id="sample_image-size-numpy-int",
    ),
    pytest.param(
        lambda: sample_image(size=torch.tensor(8)),
        lambda r: same(r, _sample()),
        id="sample_image-size-0d-int-tensor",
    ),
    pytest.param(
        lambda: sample_image(size=1),
        lambda r: r.shape == (1, 1) and 0 <= r.item() <= 1,
        id="sample_image-size-one",
    ),
    pytest.param(
        lambda: sample_image(size=512),
        lambda r: r.shape == (512, 512),
        id="sample_image-size-largest",
    ),
    pytest.param(
        lambda: inference(lambda: sample_image(size=8)),
        lambda r: same(r, _sample()),
        id="sample_image-inference-mode",
    ),
]

# --- Restoration ---

CLEAR += [
    pytest.param(
        lambda: Restoration("image"),
        TypeError,
        "image must be a torch.Tensor, got str",
        id="Restoration-image-str",
    ),
    pytest.param(
        lambda: Restoration(None),
        TypeError,
        "image must be a torch.Tensor, got NoneType",
        id="Restoration-image-none",
    ),
    pytest.param(
        lambda: Restoration(sig(), losses=None),
        TypeError,
        "losses must be a list of real numbers, got NoneType",
        id="Restoration-losses-none",
    ),
    pytest.param(
        lambda: Restoration(sig(), losses="abc"),
        TypeError,
        "losses must be a list of real numbers, got str",
        id="Restoration-losses-str",
    ),
    pytest.param(
        lambda: Restoration(sig(), losses=[1.0, "x"]),
        TypeError,
        "losses[1] must be a real number, got str",
        id="Restoration-losses-item-str",
    ),
    pytest.param(
        lambda: Restoration(sig(), losses=[1.0], psnrs=[None]),
        TypeError,
        "psnrs[0] must be a real number, got NoneType",
        id="Restoration-psnrs-item-none",
    ),
    pytest.param(
        lambda: Restoration(sig(), losses=[1.0, 0.5], psnrs=[3.0]),
        ValueError,
        "psnrs must be empty or as long as losses (2), got 1",
        id="Restoration-psnrs-other-length",
    ),
    pytest.param(
        lambda: Restoration(sig(), losses=[1.0], timed_out="no"),
        TypeError,
        "timed_out must be a bool, got str",
        id="Restoration-timed_out-str",
    ),
]
DOCUMENTED += [
    pytest.param(
        lambda: Restoration(sig()).steps, lambda r: r == 0, id="Restoration-losses-empty-steps-zero"
    ),
    pytest.param(
        lambda: Restoration(sig(), losses=[2.0, 1.0, 0.5]).steps,
        lambda r: r == 2,
        id="Restoration-losses-three-steps-two",
    ),
    pytest.param(
        lambda: Restoration(sig(), losses=(2.0, np.float32(1.0))).steps,
        lambda r: r == 1,
        id="Restoration-losses-tuple-numpy",
    ),
    pytest.param(
        lambda: Restoration(sig(), losses=[1.0]).timed_out,
        lambda r: r is False,
        id="Restoration-timed_out-default-false",
    ),
]

# --- the solvers ---

SOLVERS = [
    ("restore_gradient_descent", restore_gradient_descent),
    ("restore_sgd", restore_sgd),
    ("restore_adam", restore_adam),
    ("restore_lbfgs", restore_lbfgs),
    ("restore_conjugate_gradient", restore_conjugate_gradient),
]
AUTOGRAD_SOLVERS = SOLVERS  # each one, with its default adjoint=None where it has one


def _half(x: torch.Tensor) -> torch.Tensor:
    return weird_function_vectorised(x)[:32]


def _as_list(x: torch.Tensor) -> list[float]:
    return weird_function_vectorised(x).tolist()


def _as_int(x: torch.Tensor) -> torch.Tensor:
    return weird_function_vectorised(x).round().long()


def _constant(x: torch.Tensor) -> torch.Tensor:
    return torch.zeros(64, dtype=F64)  # does not depend on x: nothing for autograd


def _nan(x: torch.Tensor) -> torch.Tensor:
    return weird_function_vectorised(x) * math.nan


def _float32(x: torch.Tensor) -> torch.Tensor:
    return weird_function_vectorised(x).float()


def _run(solve: Callable[..., Restoration], **kwargs: Any) -> Restoration:
    return solve(BROKEN, START, **{"steps": 3, **kwargs})


def _same_run(solve: Callable[..., Restoration], **kwargs: Any) -> Callable[[Restoration], bool]:
    """The check: the result equals a plain run's (grad mode and tensor layout do not matter)."""

    def check(result: Restoration) -> bool:
        plain = _run(solve, **kwargs)
        return (
            isinstance(result, Restoration)
            and same(result.image, plain.image)
            and not result.image.requires_grad
            and np.allclose(result.losses, plain.losses, rtol=1e-9)
            and result.steps == plain.steps
        )

    return check


for _name, _solve in SOLVERS:
    CLEAR += [
        pytest.param(
            lambda s=_solve: s(None, START),
            TypeError,
            "broken must be a torch.Tensor, got NoneType",
            id=f"{_name}-broken-none",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN.tolist(), START),
            TypeError,
            "broken must be a torch.Tensor, got list",
            id=f"{_name}-broken-list",
        ),
        pytest.param(
            lambda s=_solve: s(torch.arange(64), START),
            TypeError,
            "broken must have a floating-point dtype, got torch.int64",
            id=f"{_name}-broken-int-dtype",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN.to(torch.complex128), START),
            TypeError,
            "broken must have a floating-point dtype, got torch.complex128",
            id=f"{_name}-broken-complex",
        ),
        pytest.param(
            lambda s=_solve: s(torch.tensor(1.0, dtype=F64), START),
            ValueError,
            "broken must have 1 dimension(s), got 0",
            id=f"{_name}-broken-0d",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN.reshape(8, 8), START),
            ValueError,
            "broken must have 1 dimension(s), got 2",
            id=f"{_name}-broken-2d",
        ),
        pytest.param(
            lambda s=_solve: s(torch.zeros(0, dtype=F64), START),
            ValueError,
            "broken must hold at least 2 values, got 0",
            id=f"{_name}-broken-empty",
        ),
        pytest.param(
            lambda s=_solve: s(with_nan(BROKEN), START),
            ValueError,
            "broken must hold only finite values, got 1 NaN",
            id=f"{_name}-broken-nan",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, None),
            TypeError,
            "start must be a torch.Tensor, got NoneType",
            id=f"{_name}-start-none",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START[:32]),
            ValueError,
            "start must have the same length as broken (64), got length 32",
            id=f"{_name}-start-other-length",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START.float()),
            TypeError,
            "start must have the same dtype as broken (torch.float64), got torch.float32",
            id=f"{_name}-start-other-dtype",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, with_nan(START, math.inf)),
            ValueError,
            "start must hold only finite values",
            id=f"{_name}-start-inf",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, steps=-1),
            ValueError,
            "steps must be >= 0, got -1",
            id=f"{_name}-steps-negative",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, steps=2.5),
            TypeError,
            "steps must be an int, got float 2.5",
            id=f"{_name}-steps-float",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, steps=True),
            TypeError,
            "steps must be an int, got bool",
            id=f"{_name}-steps-bool",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, steps=None),
            TypeError,
            "steps must be an int, got NoneType",
            id=f"{_name}-steps-none",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, steps="3"),
            TypeError,
            "steps must be an int, got str",
            id=f"{_name}-steps-str",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, steps=10**12, **UNREACHABLE),
            ValueError,
            "steps must be <= 1000000, got 1000000000000",
            id=f"{_name}-steps-huge",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, forward="weird"),
            TypeError,
            "forward must be a function of one tensor, got str",
            id=f"{_name}-forward-not-callable",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, forward=_half),
            ValueError,
            "forward must return a tensor of shape (64,) like broken, got shape (32,)",
            id=f"{_name}-forward-wrong-shape",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, forward=_as_list),
            TypeError,
            "forward must return a torch.Tensor, got list",
            id=f"{_name}-forward-returns-list",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, forward=_as_int),
            TypeError,
            "forward must return a tensor of dtype torch.float64 like broken, got torch.int64",
            id=f"{_name}-forward-returns-int-dtype",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, forward=_float32),
            TypeError,
            "forward must return a tensor of dtype torch.float64 like broken, got torch.float32",
            id=f"{_name}-forward-returns-float32",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, forward=_nan),
            ValueError,
            "forward returned NaN or infinite values",
            id=f"{_name}-forward-returns-nan",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, reference=OTHER[:32]),
            ValueError,
            "reference must have the same length as broken (64), got length 32",
            id=f"{_name}-reference-other-length",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, reference=OTHER.reshape(8, 8)),
            ValueError,
            "reference must have 1 dimension(s), got 2",
            id=f"{_name}-reference-2d",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, reference=with_nan(OTHER)),
            ValueError,
            "reference must hold only finite values",
            id=f"{_name}-reference-nan",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, target_psnr=40.0),
            ValueError,
            "target_psnr needs a reference image to compare with, got None",
            id=f"{_name}-target_psnr-without-reference",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, reference=OTHER, target_psnr="40"),
            TypeError,
            "target_psnr must be a real number, got str",
            id=f"{_name}-target_psnr-str",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, reference=OTHER, target_psnr=math.nan),
            ValueError,
            "target_psnr must be finite, got nan",
            id=f"{_name}-target_psnr-nan",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, max_seconds=0),
            ValueError,
            "max_seconds must be > 0, got 0",
            id=f"{_name}-max_seconds-zero",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, max_seconds=-1.0),
            ValueError,
            "max_seconds must be > 0, got -1.0",
            id=f"{_name}-max_seconds-negative",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, max_seconds=math.nan),
            ValueError,
            "max_seconds must be finite, got nan",
            id=f"{_name}-max_seconds-nan",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, max_seconds="1"),
            TypeError,
            "max_seconds must be a real number, got str",
            id=f"{_name}-max_seconds-str",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, max_seconds=True),
            TypeError,
            "max_seconds must be a real number, got bool",
            id=f"{_name}-max_seconds-bool",
        ),
    ]
    DOCUMENTED += [
        # the result does not depend on the caller's grad mode
        pytest.param(
            lambda s=_solve: no_grad(lambda: _run(s)),
            _same_run(_solve),
            id=f"{_name}-grad-mode-no-grad",
        ),
        pytest.param(
            lambda s=_solve: inference(lambda: _run(s)),
            _same_run(_solve),
            id=f"{_name}-grad-mode-inference-mode",
        ),
        pytest.param(
            lambda s=_solve: s(
                made_in_inference(BROKEN),
                made_in_inference(START),
                steps=3,
                reference=made_in_inference(ORIGINAL),
            ),
            _same_run(_solve, reference=ORIGINAL),
            id=f"{_name}-broken-start-reference-inference-tensors",
        ),
        pytest.param(
            lambda s=_solve: s(
                BROKEN.clone().requires_grad_(True), START.clone().requires_grad_(True), steps=3
            ),
            _same_run(_solve),
            id=f"{_name}-broken-start-require-grad",
        ),
        pytest.param(
            lambda s=_solve: s(strided(BROKEN), strided(START), steps=3),
            _same_run(_solve),
            id=f"{_name}-broken-start-non-contiguous",
        ),
        pytest.param(
            lambda s=_solve: _run(s, steps=np.int64(3)),
            _same_run(_solve),
            id=f"{_name}-steps-numpy-int",
        ),
        pytest.param(
            lambda s=_solve: _run(s, steps=torch.tensor(3)),
            _same_run(_solve),
            id=f"{_name}-steps-0d-int-tensor",
        ),
        pytest.param(
            lambda s=_solve: _run(s, steps=0),
            lambda r: r.steps == 0 and torch.equal(r.image, START),
            id=f"{_name}-steps-zero-returns-start",
        ),
        pytest.param(
            lambda s=_solve: _run(s, max_seconds=60),
            _same_run(_solve),
            id=f"{_name}-max_seconds-int",
        ),
        pytest.param(
            lambda s=_solve: _run(s, max_seconds=np.float32(60.0)),
            _same_run(_solve),
            id=f"{_name}-max_seconds-numpy-float32",
        ),
        pytest.param(
            lambda s=_solve: _run(s, reference=ORIGINAL, target_psnr=np.float32(1000.0)),
            lambda r: len(r.psnrs) == 4,
            id=f"{_name}-target_psnr-numpy-float32",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN.float(), START.float(), steps=3),
            lambda r: r.image.dtype == torch.float32 and r.steps == 3,
            id=f"{_name}-broken-start-float32",
        ),
        pytest.param(
            lambda s=_solve: _run(s, forward=weird_function),
            lambda r: r.steps == 3 and r.losses[-1] < r.losses[0],
            id=f"{_name}-forward-book-function",
        ),
    ]
    # 10**6 steps towards a target never reached: many minutes without the time budget.
    # Conjugate gradient would stop by itself once it solves 64 values exactly (within
    # about 80 steps), so it gets a budget too small for that: it must stop on time.
    _budget = 1e-6 if _solve is restore_conjugate_gradient else 0.05
    BOUNDED += [
        pytest.param(
            lambda s=_solve, b=_budget: s(
                BROKEN, START, steps=1_000_000, max_seconds=b, **UNREACHABLE
            ),
            5.0,
            lambda r: r.timed_out and 0 < r.steps < 1_000_000 and len(r.psnrs) == len(r.losses),
            id=f"{_name}-steps-huge-max_seconds",
        ),
    ]

# autograd solvers need a forward that autograd can differentiate
for _name, _solve in AUTOGRAD_SOLVERS:
    CLEAR += [
        pytest.param(
            lambda s=_solve: s(BROKEN, START, forward=_constant),
            ValueError,
            "forward must be differentiable by autograd",
            id=f"{_name}-forward-not-differentiable",
        ),
    ]

# the two solvers that take an explicit adjoint
for _name, _solve in [SOLVERS[0], SOLVERS[4]]:
    CLEAR += [
        pytest.param(
            lambda s=_solve: s(BROKEN, START, adjoint=3),
            TypeError,
            "adjoint must be a function of one tensor, got int",
            id=f"{_name}-adjoint-not-callable",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, adjoint=lambda y: weird_function_adjoint(y)[:32]),
            ValueError,
            "adjoint must return a tensor of shape (64,) like broken, got shape (32,)",
            id=f"{_name}-adjoint-wrong-shape",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, adjoint=lambda y: weird_function_adjoint(y).tolist()),
            TypeError,
            "adjoint must return a torch.Tensor, got list",
            id=f"{_name}-adjoint-returns-list",
        ),
    ]
    DOCUMENTED += [
        pytest.param(
            lambda s=_solve: no_grad(lambda: _run(s, adjoint=weird_function_adjoint)),
            _same_run(_solve, adjoint=weird_function_adjoint),
            id=f"{_name}-adjoint-no-grad",
        ),
        pytest.param(
            lambda s=_solve: inference(lambda: _run(s, adjoint=weird_function_adjoint)),
            _same_run(_solve, adjoint=weird_function_adjoint),
            id=f"{_name}-adjoint-inference-mode",
        ),
    ]

# an exact start: the loss is 0 and the gradient of the distance is taken as 0 there
_EXACT = {"steps": 3, "forward": weird_function}  # the function that made BROKEN: exact
DOCUMENTED += [
    pytest.param(
        lambda: restore_gradient_descent(BROKEN, ORIGINAL, **_EXACT),
        lambda r: torch.equal(r.image, ORIGINAL) and r.losses == [0.0] * 4,
        id="restore_gradient_descent-start-exact-autograd",
    ),
    pytest.param(
        lambda: restore_gradient_descent(
            BROKEN, ORIGINAL, adjoint=weird_function_adjoint, **_EXACT
        ),
        lambda r: torch.equal(r.image, ORIGINAL) and r.losses == [0.0] * 4,
        id="restore_gradient_descent-start-exact-adjoint",
    ),
    pytest.param(
        lambda: restore_conjugate_gradient(BROKEN, ORIGINAL, **_EXACT),
        lambda r: torch.equal(r.image, ORIGINAL) and r.steps == 0,
        id="restore_conjugate_gradient-start-exact-stops",
    ),
    pytest.param(
        lambda: restore_gradient_descent(
            BROKEN, START, steps=3, forward=_constant, adjoint=weird_function_adjoint
        ),
        lambda r: r.steps == 3,
        id="restore_gradient_descent-forward-constant-with-adjoint",
    ),
]

_LR = [
    ("restore_gradient_descent", restore_gradient_descent),
    ("restore_sgd", restore_sgd),
    ("restore_adam", restore_adam),
]
for _name, _solve in _LR:
    CLEAR += [
        pytest.param(
            lambda s=_solve: s(BROKEN, START, lr=0),
            ValueError,
            "lr must be > 0, got 0",
            id=f"{_name}-lr-zero",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, lr=-0.8),
            ValueError,
            "lr must be > 0, got -0.8",
            id=f"{_name}-lr-negative",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, lr=math.nan),
            ValueError,
            "lr must be finite, got nan",
            id=f"{_name}-lr-nan",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, lr=math.inf),
            ValueError,
            "lr must be finite, got inf",
            id=f"{_name}-lr-inf",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, lr="0.8"),
            TypeError,
            "lr must be a real number, got str",
            id=f"{_name}-lr-str",
        ),
        pytest.param(
            lambda s=_solve: s(BROKEN, START, lr=None),
            TypeError,
            "lr must be a real number, got NoneType",
            id=f"{_name}-lr-none",
        ),
    ]
    DOCUMENTED += [
        pytest.param(
            lambda s=_solve: _run(s, lr=np.float32(0.5)),
            _same_run(_solve, lr=0.5),
            id=f"{_name}-lr-numpy-float32",
        ),
        pytest.param(
            lambda s=_solve: _run(s, lr=torch.tensor(0.5)),
            _same_run(_solve, lr=0.5),
            id=f"{_name}-lr-0d-tensor",
        ),
    ]

CLEAR += [
    pytest.param(
        lambda: restore_sgd(BROKEN, START, momentum=1.0),
        ValueError,
        "momentum must be < 1.0, got 1.0",
        id="restore_sgd-momentum-one",
    ),
    pytest.param(
        lambda: restore_sgd(BROKEN, START, momentum=-0.1),
        ValueError,
        "momentum must be >= 0, got -0.1",
        id="restore_sgd-momentum-negative",
    ),
    pytest.param(
        lambda: restore_sgd(BROKEN, START, momentum="0.9"),
        TypeError,
        "momentum must be a real number, got str",
        id="restore_sgd-momentum-str",
    ),
    pytest.param(
        lambda: restore_sgd(BROKEN, START, momentum=math.nan),
        ValueError,
        "momentum must be finite, got nan",
        id="restore_sgd-momentum-nan",
    ),
    pytest.param(
        lambda: restore_lbfgs(BROKEN, START, history_size=0),
        ValueError,
        "history_size must be >= 1, got 0",
        id="restore_lbfgs-history_size-zero",
    ),
    pytest.param(
        lambda: restore_lbfgs(BROKEN, START, history_size=True),
        TypeError,
        "history_size must be an int, got bool",
        id="restore_lbfgs-history_size-bool",
    ),
    pytest.param(
        lambda: restore_lbfgs(BROKEN, START, history_size=2.5),
        TypeError,
        "history_size must be an int, got float",
        id="restore_lbfgs-history_size-float",
    ),
]
DOCUMENTED += [
    pytest.param(
        lambda: _run(restore_sgd, momentum=0),
        _same_run(restore_sgd, momentum=0.0),
        id="restore_sgd-momentum-zero-int",
    ),
    pytest.param(
        lambda: _run(restore_lbfgs, history_size=np.int64(5)),
        _same_run(restore_lbfgs, history_size=5),
        id="restore_lbfgs-history_size-numpy-int",
    ),
    # L-BFGS keeps at most one pair per step taken, so a huge history costs nothing extra
    pytest.param(
        lambda: _run(restore_lbfgs, history_size=10**12),
        _same_run(restore_lbfgs),
        id="restore_lbfgs-history_size-huge",
    ),
]


@pytest.mark.parametrize(("call", "error", "words"), CLEAR)
def test_clear_error(call: Callable[[], Any], error: type[Exception], words: str) -> None:
    assert_clear_error(call, error, words)


@pytest.mark.parametrize(("call", "check"), DOCUMENTED)
def test_documented_result(call: Callable[[], Any], check: Callable[[Any], bool]) -> None:
    assert_documented(call, check)


@pytest.mark.parametrize(("call", "most_seconds", "check"), BOUNDED)
def test_bounded_run(
    call: Callable[[], Any], most_seconds: float, check: Callable[[Any], bool]
) -> None:
    started = time.perf_counter()
    result = bounded(call)
    assert time.perf_counter() - started < most_seconds
    assert check(result)
