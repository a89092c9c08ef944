"""Reference helpers for the Tensors chapter.

Each function is a small, tested version of something a page demonstrates:
whether two objects share memory, where a flat index points, the unbiased
variance written out by hand, and which device to compute on.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch

from ._checks import (
    _describe,
    check_floating,
    check_has_values,
    check_int,
    check_shape,
    check_tensor,
)

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
        if value.layout != torch.strided:
            raise ValueError(
                f"{name} must be a strided (dense) tensor, got layout {value.layout}; "
                "a sparse tensor keeps its values in other tensors (.values(), .indices())"
            )
        return np.asarray(_Memory(value))
    if isinstance(value, np.ndarray):
        return value
    raise TypeError(f"{name} must be a torch.Tensor or numpy.ndarray, got {_describe(value)}")


def shares_memory(
    a: torch.Tensor | np.ndarray, b: torch.Tensor | np.ndarray, *, max_work: int = 10**8
) -> bool:
    """Tell whether two CPU tensors or NumPy arrays overlap in memory.

    The answer is exact for strided views too: two columns of one matrix interleave in
    memory without sharing an element, so they do not overlap, while ``x[::2]`` and
    ``x[5:]`` share ``x[6]`` and ``x[8]``. Views of the same bytes through another dtype
    (``x.view(torch.uint8)``) count too. An empty tensor or array shares nothing.

    Settling overlap exactly is a search (NumPy's ``np.shares_memory``) that is quick for
    the views of everyday code but can grow exponentially with the number of
    dimensions for strides crafted with ``as_strided``; ``max_work`` bounds it.

    Args:
        a: a dense (strided) CPU tensor or a NumPy array.
        b: a dense (strided) CPU tensor or a NumPy array.
        max_work: the most candidate solutions to try, ``>= 1``. The default settles
            every view that slicing, transposing, ``unfold`` or ``diagonal`` makes in
            well under a second, and gives up on crafted strides within seconds.

    Returns:
        ``True`` when some element of ``a`` and some element of ``b`` occupy the same
        bytes, so writing through one changes what the other reads.

    Raises:
        TypeError: ``a`` or ``b`` is neither a tensor nor an array, or ``max_work`` is
            not an int.
        ValueError: a tensor is not on the CPU or not strided (a sparse tensor), or
            the answer needs more than ``max_work`` candidate solutions.

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
    max_work = check_int("max_work", max_work, minimum=1)
    if a_memory.size == 0 or b_memory.size == 0:
        return False
    try:
        # NumPy's stubs list only -1 and 0, but any positive bound is accepted
        return bool(np.shares_memory(a_memory, b_memory, max_work=max_work))  # type: ignore[arg-type]
    except np.exceptions.TooHardError:
        raise ValueError(
            f"max_work={max_work} candidate solutions did not settle whether a and b "
            "overlap (their strides make the exact answer a long search); pass a larger "
            "max_work to search longer"
        ) from None


def unravel_flat_index(index: int, shape: tuple[int, ...] | torch.Size) -> tuple[int, ...]:
    """Turn an index into the flattened tensor into coordinates of ``shape``.

    ``torch.argmax`` without ``dim`` counts elements in row-major order, as if the
    tensor were flattened first; this function undoes that flattening. The arithmetic
    is on Python ints, so it stays exact for shapes with more than ``2**63`` elements.

    Args:
        index: a position in the flattened tensor, ``0 <= index < prod(shape)``: an
            ``int``, a NumPy integer or a 0-d integer tensor such as ``torch.argmax``'s
            result (not a ``bool``).
        shape: the shape of the tensor before flattening: a ``torch.Size``, or a tuple
            or list of sizes ``>= 0`` given as any of the integers ``index`` may be.
            ``()`` is the shape of a 0-d tensor, whose one element has the coordinates
            ``()``; a shape with a size 0 has no elements, so no index is valid for it.

    Returns:
        One coordinate per dimension, as Python ints.

    Example:
        >>> unravel_flat_index(3, (2, 2))
        (1, 1)
        >>> unravel_flat_index(5, (2, 3))
        (1, 2)
        >>> y = torch.tensor([[3.0, 9.0, 1.0], [4.0, 2.0, 8.0]])
        >>> unravel_flat_index(torch.argmax(y), y.shape)
        (0, 1)
    """
    if isinstance(shape, (tuple, list)) and not isinstance(shape, torch.Size):
        shape = tuple(
            check_int(f"shape[{i}]", check_has_values(f"shape[{i}]", size), minimum=0)
            for i, size in enumerate(shape)
        )
    sizes = check_shape("shape", shape)
    index = check_int("index", check_has_values("index", index), minimum=0)
    total = math.prod(sizes)
    if index >= total:
        empty = " (a shape with a size 0 has no elements)" if total == 0 else ""
        raise ValueError(f"index must be < {total} for shape {sizes}{empty}, got {index}")
    coords = []
    for size in reversed(sizes):
        index, rest = divmod(index, size)
        coords.append(rest)
    return tuple(reversed(coords))


def unbiased_variance(values: torch.Tensor) -> torch.Tensor:
    """Variance with Bessel's correction, written out: ``sum((x - mean)^2) / (n - 1)``.

    This is what ``torch.var`` computes by default (``correction=1``).

    All elements count, whatever the shape (as ``torch.var`` without ``dim``). The sums
    run in at least float32, as ``torch.var``'s do, so float16 and bfloat16 input does
    not overflow or lose its digits; the result has the dtype of ``values``. A NaN or an
    infinity among the values gives NaN, as ``torch.var`` does. The result is
    differentiable: for ``values`` that require grad it has a ``grad_fn``.

    Args:
        values: a floating-point tensor with at least two elements.

    Returns:
        A zero-dimensional tensor.

    Raises:
        TypeError: ``values`` is not a tensor or not floating-point (int, bool, complex).
        ValueError: ``values`` holds fewer than two elements (the ``n - 1`` would be 0).

    Example:
        >>> unbiased_variance(torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0]))
        tensor(2.5000)
    """
    check_floating("values", values)
    if values.numel() < 2:
        raise ValueError(f"values must hold at least 2 elements, got {values.numel()}")
    wide = values.to(torch.promote_types(values.dtype, torch.float32))
    centred = wide - wide.mean()
    return ((centred**2).sum() / (values.numel() - 1)).to(values.dtype)


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

    Any tensor works, 0-d (``shape=()``), empty and meta tensors included.

    Args:
        tensor: the tensor to describe.

    Example:
        >>> describe(torch.zeros(2, 3))
        'shape=(2, 3) dtype=torch.float32 device=cpu'
    """
    check_tensor("tensor", tensor)
    return f"shape={tuple(tensor.shape)} dtype={tensor.dtype} device={tensor.device}"
