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


def _finite_float(
    name: str, value: int | float, *, positive: bool = False, below: float | None = None
) -> float:
    """``value`` as a ``float`` if it is finite (and ``> 0``, ``< below`` when asked)."""
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


def check_int(
    name: str, value: Any, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    """Return ``value`` as a Python ``int`` from ``minimum`` to ``maximum``, or raise naming ``name``.

    A Python or NumPy integer or a 0-d integer tensor is taken. ``bool`` (Python's,
    NumPy's or a bool tensor), floats and tensors with more than one value are refused.
    """
    import numbers

    if isinstance(value, torch.Tensor):
        dtype = value.dtype
        integral = value.ndim == 0 and not (dtype.is_floating_point or dtype.is_complex)
        integral = integral and dtype != torch.bool
    else:
        integral = isinstance(value, numbers.Integral) and not isinstance(value, bool)
    if not integral:
        raise TypeError(f"{name} must be an int, got {_describe(value)}")
    number = int(value.item()) if isinstance(value, torch.Tensor) else int(value)
    if minimum is not None and number < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {number}")
    if maximum is not None and number > maximum:
        raise ValueError(f"{name} must be <= {maximum}, got {number}")
    return number


def check_real(
    name: str, value: Any, *, positive: bool = False, below: float | None = None
) -> float:
    """Return ``value`` as a ``float`` if it is a finite real number, else raise naming ``name``.

    A Python or NumPy real number or a 0-d real tensor is taken (``bool`` is not).
    With ``positive=True`` it must be ``> 0``; with ``below`` it must be ``< below``.
    """
    import numbers

    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _finite_float(name, value, positive=positive, below=below)
    if isinstance(value, torch.Tensor):
        real = value.ndim == 0 and not value.dtype.is_complex and value.dtype != torch.bool
    else:
        real = isinstance(value, numbers.Real) and not isinstance(value, bool)
    if not real:
        raise TypeError(f"{name} must be a real number, got {_describe(value)}")
    number = value.detach().item() if isinstance(value, torch.Tensor) else value
    return _finite_float(name, float(number), positive=positive, below=below)


def check_bool(name: str, value: Any) -> bool:
    """Return ``value`` as a ``bool`` if it is Python's or NumPy's ``bool``, else raise."""
    numpy_bool = type(value).__module__ == "numpy" and type(value).__name__ in ("bool", "bool_")
    if not (isinstance(value, bool) or numpy_bool):
        raise TypeError(f"{name} must be a bool, got {_describe(value)}")
    return bool(value)


def check_str(name: str, value: Any, *, optional: bool = False) -> str | None:
    """Return ``value`` if it is a ``str`` (or ``None`` when ``optional``), else raise."""
    if value is None and optional:
        return None
    if not isinstance(value, str):
        wanted = "a str or None" if optional else "a str"
        raise TypeError(f"{name} must be {wanted}, got {_describe(value)}")
    return value


def format_number(name: str, fmt: str, value: Any) -> str:
    """``fmt.format(value)``; a failure raises a ``ValueError`` naming ``name`` and ``value``."""
    try:
        return fmt.format(value)
    except (ValueError, TypeError, IndexError, KeyError, AttributeError, OverflowError) as error:
        raise ValueError(
            f"{name} must be able to format {_describe(value)}, got {fmt!r} "
            f"({type(error).__name__}: {error})"
        ) from None


def check_format(name: str, value: Any, example: Any) -> str:
    """Return ``value`` if it is a format string with one replacement field that formats ``example``.

    The field may be ``{}`` or ``{0}`` with any format spec (``"{:.2f}"``, ``"{0:g}"``);
    the text around it is kept. Raises ``TypeError`` for a non-``str`` and ``ValueError``
    for no field, several fields, a named field or a spec that cannot format ``example``.
    """
    import string

    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be a str with one replacement field, such as '{{:g}}', "
            f"got {_describe(value)}"
        )
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(value) if field is not None]
    except ValueError as error:
        raise ValueError(
            f"{name} must be a format string with one replacement field, such as '{{:g}}', "
            f"got {value!r} ({error})"
        ) from None
    if len(fields) != 1 or fields[0] not in ("", "0"):
        raise ValueError(
            f"{name} must have one replacement field ({{}} or {{0}}, with any format spec), "
            f"such as '{{:g}}', got {value!r}"
        )
    format_number(name, value, example)
    return value


def check_has_values(name: str, value: Any) -> Any:
    """Raise a ``ValueError`` if ``value`` is a tensor without values (on the meta device).

    A meta tensor has a shape and a dtype but no data, so nothing that reads a value
    (``.item()``, ``if x > 0``, ``int(x)``) can work on it. Anything else is returned as is.
    """
    if isinstance(value, torch.Tensor) and value.device.type == "meta":
        raise ValueError(
            f"{name} must hold a value, got {_describe(value)} on the meta device (no data)"
        )
    return value
