"""Input checks shared by the package: each error names the argument."""

from __future__ import annotations

from typing import Any

import torch


def _describe(value: Any) -> str:
    if isinstance(value, torch.Tensor):
        return f"a tensor of shape {tuple(value.shape)} and dtype {value.dtype}"
    return f"{type(value).__name__} {value!r}"


def check_tensor(name: str, value: Any) -> torch.Tensor:
    """Return ``value`` if it is a tensor, else raise a ``TypeError`` naming ``name``."""
    if not isinstance(value, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {_describe(value)}")
    return value


def check_ndim(name: str, value: torch.Tensor, ndims: tuple[int, ...]) -> torch.Tensor:
    """Raise a ``ValueError`` unless ``value.ndim`` is one of ``ndims``."""
    if value.ndim not in ndims:
        names = [str(n) for n in ndims]
        wanted = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
        raise ValueError(
            f"{name} must have {wanted} dimension(s), got {value.ndim} (shape {tuple(value.shape)})"
        )
    return value


def check_int(name: str, value: Any, *, minimum: int | None = None) -> int:
    """Return ``value`` if it is an ``int`` (not ``bool``) at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {_describe(value)}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return value


def check_shape(name: str, value: Any) -> tuple[int, ...]:
    """Return ``value`` as a tuple of non-negative ints, or raise naming ``name``."""
    if isinstance(value, torch.Size):
        return tuple(value)
    if not isinstance(value, (tuple, list)):
        raise TypeError(f"{name} must be a tuple of ints, got {_describe(value)}")
    for i, size in enumerate(value):
        check_int(f"{name}[{i}]", size, minimum=0)
    return tuple(value)


def check_floating(name: str, value: Any) -> torch.Tensor:
    """Return ``value`` if it is a floating-point tensor, else raise naming ``name``."""
    check_tensor(name, value)
    if not value.is_floating_point():
        raise TypeError(f"{name} must have a floating-point dtype, got {value.dtype}")
    return value


def check_same_shape(name: str, value: torch.Tensor, other_name: str, other: torch.Tensor) -> None:
    """Raise a ``ValueError`` unless ``value`` and ``other`` have the same shape."""
    if value.shape != other.shape:
        raise ValueError(
            f"{name} and {other_name} must have the same shape, got {tuple(value.shape)} "
            f"and {tuple(other.shape)}"
        )


def check_choice(name: str, value: Any, choices: tuple[str, ...]) -> str:
    """Return ``value`` if it is one of the strings ``choices``, else raise naming ``name``."""
    if not isinstance(value, str) or value not in choices:
        quoted = [repr(choice) for choice in choices]
        wanted = quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"
        raise ValueError(f"{name} must be one of {wanted}, got {_describe(value)}")
    return value


def check_finite(name: str, value: torch.Tensor) -> torch.Tensor:
    """Raise a ``ValueError`` if the tensor ``value`` holds a NaN or an infinity."""
    bad = int((~torch.isfinite(value)).sum())
    if bad:
        raise ValueError(f"{name} must hold only finite values, got {bad} NaN or infinite value(s)")
    return value


def check_real(
    name: str, value: Any, *, positive: bool = False, below: float | None = None
) -> float:
    """Return ``value`` as a ``float`` if it is a finite real number (``int`` or ``float``).

    With ``positive=True`` it must be ``> 0``; with ``below`` it must be ``< below``.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a real number, got {_describe(value)}")
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"{name} must be finite, got {value!r}")
    if positive and number <= 0:
        raise ValueError(f"{name} must be > 0, got {value!r}")
    if below is not None and number >= below:
        raise ValueError(f"{name} must be < {below}, got {value!r}")
    return number
