"""Reference helpers for the Tensors chapter.

Each function is a small, tested version of something a page demonstrates:
whether two objects share memory, where a flat index points, the unbiased
variance written out by hand, and which device to compute on.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from ._checks import _describe, check_int, check_shape, check_tensor

__all__ = [
    "describe",
    "pick_device",
    "shares_memory",
    "unbiased_variance",
    "unravel_flat_index",
]


class _Memory:
    """The bytes a CPU tensor reads, described to NumPy (pointer, shape, byte strides)."""

    def __init__(self, tensor: torch.Tensor) -> None:
        size = tensor.element_size()
        self.__array_interface__ = {
            "data": (tensor.data_ptr(), False),
            "shape": tuple(tensor.shape),
            "strides": tuple(stride * size for stride in tensor.stride()),
            "typestr": f"|V{size}",
            "version": 3,
        }


def _memory_of(name: str, value: Any) -> np.ndarray:
    if isinstance(value, torch.Tensor):
        if value.device.type != "cpu":
            raise ValueError(f"{name} must live on the CPU, got device {value.device}")
        return np.asarray(_Memory(value))
    if isinstance(value, np.ndarray):
        return value
    raise TypeError(f"{name} must be a torch.Tensor or numpy.ndarray, got {_describe(value)}")


def shares_memory(a: torch.Tensor | np.ndarray, b: torch.Tensor | np.ndarray) -> bool:
    """Tell whether two CPU tensors or NumPy arrays overlap in memory.

    The answer is exact for strided views too: two columns of one matrix interleave in
    memory without sharing an element, so they do not overlap.

    Args:
        a: a CPU tensor or a NumPy array.
        b: a CPU tensor or a NumPy array.

    Returns:
        ``True`` when some element of ``a`` and some element of ``b`` occupy the same
        bytes, so writing through one changes what the other reads.

    Example:
        >>> array = np.zeros(3)
        >>> shares_memory(torch.from_numpy(array), array)
        True
        >>> shares_memory(torch.tensor(array), array)
        False
        >>> m = torch.arange(12).reshape(2, 6)
        >>> shares_memory(m[:, 0], m[:, 1]), shares_memory(m[:, 0], m[1])
        (False, True)
    """
    a_memory = _memory_of("a", a)
    b_memory = _memory_of("b", b)
    if a_memory.size == 0 or b_memory.size == 0:
        return False
    return bool(np.shares_memory(a_memory, b_memory, max_work=None))


def unravel_flat_index(index: int, shape: tuple[int, ...] | torch.Size) -> tuple[int, ...]:
    """Turn an index into the flattened tensor into coordinates of ``shape``.

    ``torch.argmax`` without ``dim`` counts elements in row-major order, as if the
    tensor were flattened first; this function undoes that flattening.

    Args:
        index: a position in the flattened tensor, ``0 <= index < prod(shape)``.
        shape: the shape of the tensor before flattening.

    Returns:
        One coordinate per dimension.

    Example:
        >>> unravel_flat_index(3, (2, 2))
        (1, 1)
        >>> unravel_flat_index(5, (2, 3))
        (1, 2)
    """
    sizes = check_shape("shape", shape)
    check_int("index", index, minimum=0)
    total = int(np.prod(sizes, dtype=np.int64))
    if index >= total:
        raise ValueError(f"index must be < {total} for shape {sizes}, got {index}")
    coords = []
    for size in reversed(sizes):
        index, rest = divmod(index, size)
        coords.append(rest)
    return tuple(reversed(coords))


def unbiased_variance(values: torch.Tensor) -> torch.Tensor:
    """Variance with Bessel's correction, written out: ``sum((x - mean)^2) / (n - 1)``.

    This is what ``torch.var`` computes by default (``correction=1``).

    Args:
        values: a floating-point tensor with at least two elements.

    Returns:
        A zero-dimensional tensor.

    Example:
        >>> unbiased_variance(torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0]))
        tensor(2.5000)
    """
    check_tensor("values", values)
    if not values.is_floating_point():
        raise TypeError(f"values must have a floating-point dtype, got {values.dtype}")
    if values.numel() < 2:
        raise ValueError(f"values must hold at least 2 elements, got {values.numel()}")
    centred = values - values.mean()
    return (centred**2).sum() / (values.numel() - 1)


def pick_device() -> torch.device:
    """Return the accelerator when one is usable (CUDA, MPS, XPU, ...), else the CPU.

    This is the device choice PyTorch teaches today, through ``torch.accelerator``:
    ``current_accelerator()`` names the accelerator PyTorch was built for, and
    ``is_available()`` says whether such a device is usable on this machine.

    Example:
        >>> device = pick_device()
        >>> device.type == "cpu" or device == torch.accelerator.current_accelerator()
        True
    """
    if torch.accelerator.is_available():
        accelerator = torch.accelerator.current_accelerator()
        if accelerator is not None:
            return accelerator
    return torch.device("cpu")


def describe(tensor: torch.Tensor) -> str:
    """One line with a tensor's shape, dtype and device.

    Example:
        >>> describe(torch.zeros(2, 3))
        'shape=(2, 3) dtype=torch.float32 device=cpu'
    """
    check_tensor("tensor", tensor)
    return f"shape={tuple(tensor.shape)} dtype={tensor.dtype} device={tensor.device}"
