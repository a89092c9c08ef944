"""A custom loss function written as an ``nn.Module``: the sum of absolute errors.

The post :ref:`post-differentiable` defines ``CustomLoss`` as ``torch.abs(y_pred -
y_true).sum()``. This is the same loss with two additions that PyTorch's built-in
losses have: a ``reduction`` argument (``"none"``, ``"mean"`` or ``"sum"``), checked
when the loss is created, and a shape check. PyTorch's ``nn.L1Loss`` broadcasts a
target of another shape (with a warning); a subtraction of a ``(4,)`` target from a
``(4, 1)`` prediction then gives 16 differences instead of 4. ``CustomLoss`` refuses
such inputs and names both shapes.
"""

from __future__ import annotations

import torch
from torch import nn

from ._checks import check_choice, check_same_shape, check_tensor

_NUMERIC = "a numeric dtype (integer, floating-point or complex)"

__all__ = ["REDUCTIONS", "CustomLoss"]

REDUCTIONS = ("none", "mean", "sum")


class CustomLoss(nn.Module):
    """The absolute error ``|y_pred - y_true|``, summed by default.

    With ``reduction="sum"`` (the default, as in that post) it equals
    ``nn.L1Loss(reduction="sum")``; with ``"mean"`` it equals ``nn.L1Loss()``, whose
    default is the mean; with ``"none"`` it returns the element-wise errors. The
    gradient with respect to ``y_pred`` is ``sign(y_pred - y_true)`` (divided by the
    number of elements for ``"mean"``), computed by autograd.

    Edge cases are those of ``nn.L1Loss``: the dtypes combine as in ``y_pred - y_true``
    (a float32 prediction and a float64 or integer target give float64 or float32),
    complex input gives the modulus ``|y_pred - y_true|``, NaN gives NaN, and empty
    input gives 0 for ``"sum"``, NaN for ``"mean"`` and an empty tensor for ``"none"``.
    Unlike ``nn.L1Loss``, ``"mean"`` of integer input works: it is a float of the
    default dtype. Bool tensors are refused, as subtraction refuses them.

    Args:
        reduction: ``"none"``, ``"mean"`` or ``"sum"``.

    Example:
        >>> criterion = CustomLoss()
        >>> criterion
        CustomLoss(reduction='sum')
        >>> y_pred, y_true = torch.tensor([1.0, 2.0]), torch.tensor([0.5, 4.0])
        >>> criterion(y_pred, y_true)
        tensor(2.5000)
        >>> CustomLoss(reduction="mean")(y_pred, y_true)
        tensor(1.2500)
        >>> CustomLoss(reduction="none")(y_pred, y_true)
        tensor([0.5000, 2.0000])
    """

    def __init__(self, reduction: str = "sum") -> None:
        super().__init__()
        self.reduction = check_choice("reduction", reduction, REDUCTIONS)

    def forward(self, y_pred: torch.Tensor, y_true: torch.Tensor) -> torch.Tensor:
        """The loss of the prediction ``y_pred`` against the target ``y_true``.

        Args:
            y_pred: the model's prediction, a tensor of any shape and numeric dtype.
            y_true: the target, of the same shape as ``y_pred``.

        Returns:
            A 0-d tensor for ``"mean"`` and ``"sum"``, a tensor shaped like ``y_pred``
            for ``"none"``.

        Example:
            >>> CustomLoss()(torch.zeros(2, 1), torch.zeros(2))
            Traceback (most recent call last):
              ...
            ValueError: y_pred and y_true must have the same shape, got (2, 1) and (2,)
        """
        # ``reduction`` is an attribute: checked again in case it was set after __init__
        reduction = check_choice("reduction", self.reduction, REDUCTIONS)
        for name, value in (("y_pred", y_pred), ("y_true", y_true)):
            check_tensor(name, value)
            if value.dtype == torch.bool:
                raise TypeError(f"{name} must have {_NUMERIC}, got {value.dtype}")
        check_same_shape("y_pred", y_pred, "y_true", y_true)
        errors = torch.abs(y_pred - y_true)
        if reduction == "sum":
            return errors.sum()
        if reduction == "mean":
            if not errors.is_floating_point():
                errors = errors.to(torch.get_default_dtype())
            return errors.mean()
        return errors

    def extra_repr(self) -> str:
        return f"reduction={self.reduction!r}"
