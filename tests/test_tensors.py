"""pytorch_basics.tensors: reference helpers agree with PyTorch and reject bad input."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from pytorch_basics.tensors import (
    describe,
    pick_device,
    shares_memory,
    unbiased_variance,
    unravel_flat_index,
)


def test_shares_memory_sees_from_numpy_and_not_tensor() -> None:
    array = np.arange(4.0)
    shared, copied = torch.from_numpy(array), torch.tensor(array)
    assert shares_memory(shared, array)
    assert not shares_memory(copied, array)
    array[0] = 42.0
    assert shared[0].item() == 42.0 and copied[0].item() == 0.0


def test_shares_memory_agrees_with_numpy_on_views() -> None:
    base = torch.arange(10.0)
    assert shares_memory(base[2:5], base[4:8])
    assert not shares_memory(base[:3], base[3:])
    assert shares_memory(base[2:5], base.numpy()) == np.shares_memory(
        base[2:5].numpy(), base.numpy()
    )


def test_shares_memory_as_tensor_copies_only_when_dtype_changes() -> None:
    array = np.ones(3)
    assert shares_memory(torch.as_tensor(array), array)
    assert not shares_memory(torch.as_tensor(array, dtype=torch.float32), array)


def test_shares_memory_empty_tensors_share_nothing() -> None:
    assert not shares_memory(torch.empty(0), torch.empty(0))


@pytest.mark.parametrize("bad", [[1, 2], 3.0, "tensor"])
def test_shares_memory_rejects_non_arrays(bad: object) -> None:
    with pytest.raises(TypeError, match=r"^a must be a torch.Tensor or numpy.ndarray, got"):
        shares_memory(bad, np.zeros(1))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^b must be"):
        shares_memory(np.zeros(1), bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("shape", [(2, 2), (2, 3), (3, 1, 4), (5,), (2, 3, 4, 5)])
def test_unravel_flat_index_matches_torch(shape: tuple[int, ...]) -> None:
    total = int(np.prod(shape))
    for index in range(total):
        expected = tuple(int(c) for c in torch.unravel_index(torch.tensor(index), shape))
        assert unravel_flat_index(index, shape) == expected


def test_unravel_flat_index_finds_argmax() -> None:
    torch.manual_seed(0)
    x = torch.randn(3, 4, 5)
    coords = unravel_flat_index(int(torch.argmax(x)), x.shape)
    assert x[coords] == x.max()


def test_unravel_flat_index_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match=r"index must be < 4 for shape \(2, 2\), got 4"):
        unravel_flat_index(4, (2, 2))
    with pytest.raises(ValueError, match=r"index must be >= 0, got -1"):
        unravel_flat_index(-1, (2, 2))
    with pytest.raises(TypeError, match=r"index must be an int, got float 1.5"):
        unravel_flat_index(1.5, (2, 2))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"shape must be a tuple of ints"):
        unravel_flat_index(0, 4)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"shape\[1\] must be >= 0, got -2"):
        unravel_flat_index(0, (2, -2))


def test_unbiased_variance_matches_torch_var() -> None:
    x = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0])
    assert unbiased_variance(x).item() == pytest.approx(2.5)
    torch.manual_seed(0)
    y = torch.randn(100, dtype=torch.float64)
    assert torch.allclose(unbiased_variance(y), torch.var(y))
    assert not torch.allclose(unbiased_variance(y), torch.var(y, correction=0))


def test_unbiased_variance_rejects_bad_input() -> None:
    with pytest.raises(
        TypeError, match=r"values must have a floating-point dtype, got torch.int64"
    ):
        unbiased_variance(torch.tensor([1, 2, 3]))
    with pytest.raises(ValueError, match=r"values must hold at least 2 elements, got 1"):
        unbiased_variance(torch.tensor([1.0]))
    with pytest.raises(TypeError, match=r"values must be a torch.Tensor, got list"):
        unbiased_variance([1.0, 2.0])  # type: ignore[arg-type]


def test_pick_device_returns_a_usable_device() -> None:
    device = pick_device()
    assert torch.zeros(1, device=device).device.type == device.type
    if torch.accelerator.is_available():
        assert device == torch.accelerator.current_accelerator()
    else:
        assert device == torch.device("cpu")


def test_pick_device_prefers_an_available_accelerator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.accelerator, "is_available", lambda: True)
    monkeypatch.setattr(torch.accelerator, "current_accelerator", lambda: torch.device("mps"))
    assert pick_device() == torch.device("mps")


def test_pick_device_falls_back_to_cpu_when_no_accelerator_is_usable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A build for an accelerator still names it when no such device is present.
    monkeypatch.setattr(torch.accelerator, "is_available", lambda: False)
    monkeypatch.setattr(torch.accelerator, "current_accelerator", lambda: torch.device("cuda"))
    assert pick_device() == torch.device("cpu")


def test_describe_names_shape_dtype_device() -> None:
    assert (
        describe(torch.zeros(2, 3, dtype=torch.int64))
        == "shape=(2, 3) dtype=torch.int64 device=cpu"
    )
    with pytest.raises(TypeError, match="tensor must be a torch.Tensor, got ndarray"):
        describe(np.zeros(2))  # type: ignore[arg-type]


def test_shares_memory_is_exact_for_strided_views() -> None:
    m = torch.arange(12).reshape(2, 6)
    # two columns interleave in memory but share no element; a column and a row share one
    assert not shares_memory(m[:, 0], m[:, 1])
    assert shares_memory(m[:, 0], m[1])
    for a, b in [(m[:, 0], m[:, 1]), (m[:, 0], m[1]), (m.T[::2], m[1, 1:3]), (m[0, ::2], m[0, 1::2])]:
        assert shares_memory(a, b) == np.shares_memory(a.numpy(), b.numpy(), max_work=None)


def test_shares_memory_sees_a_tensor_through_a_dtype_view() -> None:
    x = torch.zeros(4, dtype=torch.float32)
    assert shares_memory(x.view(torch.int32), x)
    assert shares_memory(x.view(torch.uint8)[4:8], x[1])
    assert not shares_memory(x.view(torch.uint8)[4:8], x[2])
