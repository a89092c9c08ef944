"""Networks the pages train: a ResNet18-shaped image classifier and a linear model.

:func:`resnet18` writes out torchvision's ResNet-18 architecture (same layers,
same parameter names, same initialisation), so a page can run a real-sized
training step without torchvision and without downloading pretrained weights.
The weights come from torch's random number generator: after
``torch.manual_seed`` they are the same on every run.

:class:`SimpleModel` is the smallest model of the posts :ref:`post-concepts` and
:ref:`post-differentiable`, one ``nn.Linear(2, 1)``;
:func:`kaiming_uniform_bound` is the range ``nn.Linear`` draws its weights from.

The constructors and ``forward`` methods check their input and say which argument was
wrong, what was expected and what came, instead of an error from deep inside a
convolution or a matrix product. Sizes may be given as Python ints, NumPy integers or
0-d integer tensors. A model built under ``torch.inference_mode()`` gets ordinary
parameters, so it can be trained later. Sizes whose parameters (or, on the CPU, whose
activations) could not fit in this machine's memory are refused before anything is
allocated.
"""

from __future__ import annotations

import contextvars
import math
import os
from collections.abc import Sequence
from typing import Any

import torch
from torch import nn

from ._checks import (
    _describe,
    check_finite,
    check_floating,
    check_int,
    check_real,
    check_tensor,
)

__all__ = ["BasicBlock", "ResNet", "SimpleModel", "kaiming_uniform_bound", "resnet18"]

_INT64_MAX = 2**63 - 1  # torch stores sizes and strides as 64-bit integers

# True while ResNet.forward runs its blocks: it has checked the input already.
_INPUT_CHECKED: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "pytorch_basics_models_input_checked", default=False
)


def _memory_bytes() -> int | None:
    """This machine's physical memory in bytes, or ``None`` where the system does not say."""
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


def _check_fits(what: str, numel: int, dtype: torch.dtype, device: torch.device) -> None:
    """Raise a ``ValueError`` if ``numel`` values of ``dtype`` cannot fit in the CPU's memory.

    Only the CPU is checked (other devices have their own memory and say so themselves).
    """
    if device.type != "cpu":
        return
    memory = _memory_bytes()
    needed = numel * dtype.itemsize
    if memory is not None and needed > memory:
        raise ValueError(
            f"{what} would need {needed:,} bytes, more than the {memory:,} bytes of memory "
            "of this machine"
        )


def _check_new_parameters(what: str, numel: int) -> None:
    """Refuse a module whose ``numel`` parameter and buffer values cannot fit in memory."""
    device = torch.get_default_device()
    _check_fits(f"{what} (its parameters and buffers)", numel, torch.get_default_dtype(), device)


def _autocast_enabled(device_type: str) -> bool:
    try:
        return torch.is_autocast_enabled(device_type)
    except RuntimeError:  # a device type autocast does not know, such as "meta"
        return False


def _check_like(x: torch.Tensor, weight: torch.Tensor) -> None:
    """``x`` must be on the parameters' device and, outside autocast, have their dtype."""
    if x.device != weight.device:
        raise ValueError(
            f"x is on device {x.device} but the model's parameters are on {weight.device}; "
            f"move x with x.to({str(weight.device)!r}) or the model with model.to(x.device)"
        )
    if x.dtype != weight.dtype and not _autocast_enabled(x.device.type):
        raise TypeError(
            f"x has dtype {x.dtype} but the model's parameters have dtype {weight.dtype}; "
            f"convert x with x.to({weight.dtype}) or the model with model.to({x.dtype})"
        )


def _usable(x: torch.Tensor) -> torch.Tensor:
    """``x``, or a copy of it if it is an inference tensor that autograd could not save."""
    if x.is_inference() and not torch.is_inference_mode_enabled():
        return x.clone()
    return x


def _check_images(x: Any, weight: torch.Tensor, channels: int) -> torch.Tensor:
    """Check a batch of images ``(batch, channels, height, width)`` for a convolution."""
    check_tensor("x", x)
    if x.ndim != 4:
        raise ValueError(
            f"x must have 4 dimensions (batch, {channels} channels, height, width), "
            f"got {x.ndim} (shape {tuple(x.shape)})"
        )
    check_floating("x", x)
    if x.shape[1] != channels:
        raise ValueError(
            f"x must have {channels} channels (dimension 1 of (batch, channels, height, width)), "
            f"got shape {tuple(x.shape)}"
        )
    if x.shape[2] < 1 or x.shape[3] < 1:
        raise ValueError(
            f"x must have a height and width of at least 1, got shape {tuple(x.shape)}"
        )
    _check_like(x, weight)
    return x


def _check_batch_norm_values(
    x: torch.Tensor, height: int, width: int, where: str, at_least: int
) -> None:
    """Batch norm in training mode needs more than one value per channel to get a variance."""
    if x.shape[0] * height * width == 1:
        raise ValueError(
            f"x of shape {tuple(x.shape)} gives batch norm one value per channel in training "
            f"mode ({height}x{width} maps {where} for a batch of 1), and it needs more than "
            f"one to compute a variance; use a batch of at least 2, a height or width of at "
            f"least {at_least}, or call model.eval() first"
        )


def _check_finite_values(x: torch.Tensor) -> None:
    if x.device.type != "meta":  # meta tensors have no values
        check_finite("x", x)


def _block_numel(in_channels: int, out_channels: int, shortcut: bool) -> int:
    """Parameter and buffer values of a :class:`BasicBlock` (4 per batch-norm channel)."""
    numel = 9 * in_channels * out_channels + 9 * out_channels**2 + 2 * 4 * out_channels
    if shortcut:
        numel += in_channels * out_channels + 4 * out_channels
    return numel


class BasicBlock(nn.Module):
    """Two 3x3 convolutions with batch norm, added to a shortcut, then ReLU.

    When the block changes the number of channels or the stride, the shortcut is
    a 1x1 convolution with batch norm (``downsample``); otherwise it is the input.

    Args:
        in_channels: channels of the input, a positive int.
        out_channels: channels of the output, a positive int.
        stride: stride of the first convolution, a positive int (2 halves height and
            width, rounding up; a stride larger than the image gives 1x1 maps).

    Raises:
        TypeError: a size that is not an integer (a ``bool`` or a float is refused).
        ValueError: a size below 1, or parameters too large for this machine's memory.
    """

    def __init__(self, in_channels: int, out_channels: int, *, stride: int = 1) -> None:
        in_channels = check_int("in_channels", in_channels, minimum=1, maximum=_INT64_MAX)
        out_channels = check_int("out_channels", out_channels, minimum=1, maximum=_INT64_MAX)
        stride = check_int("stride", stride, minimum=1, maximum=_INT64_MAX)
        shortcut = stride != 1 or in_channels != out_channels
        _check_new_parameters(
            f"BasicBlock(in_channels={in_channels}, out_channels={out_channels})",
            _block_numel(in_channels, out_channels, shortcut),
        )
        with torch.inference_mode(False):  # ordinary parameters even under inference_mode
            super().__init__()
            self.conv1 = nn.Conv2d(
                in_channels, out_channels, 3, stride=stride, padding=1, bias=False
            )
            self.bn1 = nn.BatchNorm2d(out_channels)
            self.relu = nn.ReLU(inplace=True)
            self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
            self.bn2 = nn.BatchNorm2d(out_channels)
            self.downsample: nn.Module | None = None
            if shortcut:
                self.downsample = nn.Sequential(
                    nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                    nn.BatchNorm2d(out_channels),
                )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Run the block on a batch of feature maps.

        Args:
            x: a float tensor ``(batch, in_channels, height, width)`` with the dtype and
                device of the block's parameters (under ``torch.autocast`` any float
                dtype), finite values and a height and width of at least 1.

        Returns:
            ``(batch, out_channels, ceil(height / stride), ceil(width / stride))``. An
            empty batch gives an empty result and leaves the running statistics as they
            were. A strided or channels-last ``x`` gives the same result as a contiguous
            one, and an inference tensor used outside ``torch.inference_mode()`` is
            copied first, so autograd can save it.

        Raises:
            TypeError: ``x`` is not a tensor, not floating point, or of another dtype
                than the parameters.
            ValueError: ``x`` has the wrong shape, NaN or infinite values, is on
                another device, is too large for this machine's memory, or, in training
                mode, gives batch norm a single value per channel (a batch of 1 whose
                maps become 1x1; call ``eval()`` for that).
        """
        if not _INPUT_CHECKED.get():
            x = self._checked(x)
        shortcut = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + shortcut)

    def _checked(self, x: Any) -> torch.Tensor:
        x = _check_images(x, self.conv1.weight, self.conv1.in_channels)
        stride = self.conv1.stride[0]
        height, width = -(-x.shape[2] // stride), -(-x.shape[3] // stride)
        out_numel = x.shape[0] * self.conv1.out_channels * height * width
        what = f"x of shape {tuple(x.shape)} (the block's output)"
        _check_fits(what, max(out_numel, x.numel()), x.dtype, x.device)
        if self.training:
            _check_batch_norm_values(x, height, width, "after the first convolution", stride + 1)
        _check_finite_values(x)
        return _usable(x)


def _check_blocks(value: Any) -> tuple[int, int, int, int]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(
            f"blocks_per_stage must be a tuple or list of 4 ints, one per stage, "
            f"got {_describe(value)}"
        )
    if len(value) != 4:
        raise ValueError(
            f"blocks_per_stage must have 4 entries, one per stage, got {len(value)}: "
            f"{tuple(value)!r}"
        )
    a, b, c, d = (
        check_int(f"blocks_per_stage[{i}]", count, minimum=1, maximum=_INT64_MAX)
        for i, count in enumerate(value)
    )
    return a, b, c, d


class ResNet(nn.Module):
    """A ResNet of :class:`BasicBlock` stages, laid out as torchvision's.

    A 7x7 stride-2 convolution, batch norm, ReLU and 3x3 max pooling, then four
    stages (64, 128, 256 and 512 channels; every stage but the first halves height
    and width), global average pooling and a linear classifier.

    Args:
        blocks_per_stage: the number of blocks in each of the four stages: a tuple,
            list or ``torch.Size`` of 4 positive ints.
        num_classes: the number of outputs of the classifier, a positive int.

    Raises:
        TypeError: ``blocks_per_stage`` is not a sequence, or a count is not an integer.
        ValueError: not 4 counts, a count or ``num_classes`` below 1, or parameters too
            large for this machine's memory.
    """

    # the four stages, added by name in __init__ (declared here for type checkers)
    layer1: nn.Sequential
    layer2: nn.Sequential
    layer3: nn.Sequential
    layer4: nn.Sequential

    def __init__(self, blocks_per_stage: tuple[int, int, int, int], *, num_classes: int) -> None:
        counts = _check_blocks(blocks_per_stage)
        num_classes = check_int("num_classes", num_classes, minimum=1, maximum=_INT64_MAX)
        widths = (64, 128, 256, 512)
        numel = 3 * 64 * 49 + 4 * 64 + 512 * num_classes + num_classes
        for in_channels, width, count in zip((64, *widths[:3]), widths, counts, strict=True):
            numel += _block_numel(in_channels, width, in_channels != width)
            numel += (count - 1) * _block_numel(width, width, False)
        _check_new_parameters(
            f"ResNet(blocks_per_stage={counts}, num_classes={num_classes})", numel
        )
        with torch.inference_mode(False):  # ordinary parameters even under inference_mode
            super().__init__()
            self.conv1 = nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False)
            self.bn1 = nn.BatchNorm2d(64)
            self.relu = nn.ReLU(inplace=True)
            self.maxpool = nn.MaxPool2d(3, stride=2, padding=1)
            in_channels = 64
            for index, (width, count) in enumerate(zip(widths, counts, strict=True)):
                stride = 1 if index == 0 else 2
                blocks = [BasicBlock(in_channels, width, stride=stride)]
                blocks += [BasicBlock(width, width) for _ in range(count - 1)]
                self.add_module(f"layer{index + 1}", nn.Sequential(*blocks))
                in_channels = width
            self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
            self.fc = nn.Linear(512, num_classes)
            self._initialise()

    def _initialise(self) -> None:
        for module in self.modules():
            if isinstance(module, nn.Conv2d):
                nn.init.kaiming_normal_(module.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(module, nn.BatchNorm2d):
                nn.init.constant_(module.weight, 1)
                nn.init.constant_(module.bias, 0)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Classify a batch of RGB images.

        Args:
            x: a float tensor ``(batch, 3, height, width)`` with the dtype and device of
                the model's parameters (under ``torch.autocast`` any float dtype), finite
                values and a height and width of at least 1.

        Returns:
            The logits, ``(batch, num_classes)``. An empty batch gives an empty result
            and leaves the running statistics as they were. A strided or channels-last
            ``x`` gives the same result as a contiguous one, and an inference tensor
            used outside ``torch.inference_mode()`` is copied first, so autograd can
            save it.

        Raises:
            TypeError: ``x`` is not a tensor, not floating point, or of another dtype
                than the parameters.
            ValueError: ``x`` has the wrong shape, NaN or infinite values, is on
                another device, is too large for this machine's memory, or, in training
                mode, gives batch norm a single value per channel: the last stage sees
                ``ceil(height / 32) x ceil(width / 32)`` maps, so a batch of 1 needs a
                height or width of at least 33 (or call ``eval()``).
        """
        x = self._checked(x)
        token = _INPUT_CHECKED.set(True)
        try:
            x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
            x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        finally:
            _INPUT_CHECKED.reset(token)
        return self.fc(torch.flatten(self.avgpool(x), 1))

    def _checked(self, x: Any) -> torch.Tensor:
        x = _check_images(x, self.conv1.weight, 3)
        height, width = -(-x.shape[2] // 2), -(-x.shape[3] // 2)
        what = f"x of shape {tuple(x.shape)} (the output of the first convolution)"
        _check_fits(what, x.shape[0] * 64 * height * width, x.dtype, x.device)
        if self.training:
            last = (-(-x.shape[2] // 32), -(-x.shape[3] // 32))
            _check_batch_norm_values(x, *last, "in the last stage", 33)
        _check_finite_values(x)
        return _usable(x)


def resnet18(*, num_classes: int = 1000) -> nn.Module:
    """A ResNet-18 with random weights, initialised as torchvision initialises it.

    Four stages of two :class:`BasicBlock` each. With 1000 classes it has exactly as
    many parameters as ``torchvision.models.resnet18()``. Convolutions get
    Kaiming-normal weights (``mode="fan_out"``), batch norms weight 1 and bias 0,
    the classifier PyTorch's default ``nn.Linear`` initialisation; all drawn from
    torch's random number generator, so ``torch.manual_seed`` makes them repeatable.

    Args:
        num_classes: the number of outputs, a positive int (a NumPy integer or a 0-d
            integer tensor is taken too).

    Returns:
        The network, in training mode.

    Raises:
        TypeError: ``num_classes`` is not an integer (a ``bool`` or a float is refused).
        ValueError: ``num_classes`` is below 1, or so large that the classifier could
            not fit in this machine's memory.

    Example:
        >>> model = resnet18()
        >>> sum(p.numel() for p in model.parameters())
        11689512
        >>> resnet18(num_classes=10)(torch.zeros(2, 3, 64, 64)).shape
        torch.Size([2, 10])
    """
    num_classes = check_int("num_classes", num_classes, minimum=1, maximum=_INT64_MAX)
    return ResNet((2, 2, 2, 2), num_classes=num_classes)


class SimpleModel(nn.Module):
    """One linear layer from 2 inputs to 1 output: ``SimpleModel`` of the post :ref:`post-concepts`.

    ``MyModel`` in :ref:`post-differentiable` is the same network under another name. The
    layer computes ``x @ weight.T + bias`` with ``weight`` of shape ``(1, 2)`` and ``bias`` of shape
    ``(1,)``, initialised as every ``nn.Linear`` is (see :func:`kaiming_uniform_bound`).
    Built under ``torch.inference_mode()`` it still gets ordinary parameters, so it can be
    trained later.

    Example:
        >>> model = SimpleModel()
        >>> model
        SimpleModel(
          (linear): Linear(in_features=2, out_features=1, bias=True)
        )
        >>> model(torch.tensor([[1.0, 2.0]])).grad_fn.name()
        'AddmmBackward0'
        >>> [tuple(p.shape) for p in model.parameters()]
        [(1, 2), (1,)]
    """

    def __init__(self) -> None:
        with torch.inference_mode(False):  # ordinary parameters even under inference_mode
            super().__init__()
            self.linear = nn.Linear(2, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Apply the layer to the last dimension of ``x``.

        Args:
            x: a float tensor ``(..., 2)`` (one example of 2 features, or any batch of
                them) with the dtype and device of the parameters (under
                ``torch.autocast`` any float dtype).

        Returns:
            ``(..., 1)``: a ``(2,)`` input gives ``(1,)``, an empty batch ``(0, 2)``
            gives ``(0, 1)``. NaN or infinity in an example gives NaN or infinity in
            that example's output only. A strided view gives the same result as a
            contiguous copy, and an inference tensor used outside
            ``torch.inference_mode()`` is copied first, so autograd can save it.

        Raises:
            TypeError: ``x`` is not a tensor, not floating point, or of another dtype
                than the parameters.
            ValueError: ``x`` is 0-d, its last dimension is not 2, it is on another
                device, or the output could not fit in this machine's memory.
        """
        check_tensor("x", x)
        if x.ndim == 0:
            raise ValueError("x must have at least 1 dimension, shape (..., 2), got a 0-d tensor")
        if x.shape[-1] != 2:
            raise ValueError(
                f"x must have 2 features in its last dimension, shape (..., 2), "
                f"got shape {tuple(x.shape)}"
            )
        check_floating("x", x)
        _check_like(x, self.linear.weight)
        what = f"x of shape {tuple(x.shape)} (the output)"
        _check_fits(what, math.prod(x.shape[:-1]), x.dtype, x.device)
        return self.linear(_usable(x))


def kaiming_uniform_bound(fan_in: int, *, a: float = 0.0) -> float:
    """The bound of ``nn.init.kaiming_uniform_(w, a=a)``: it draws from ``U(-bound, bound)``.

    ``bound = gain * sqrt(3 / fan_in)`` with the leaky-ReLU gain
    ``sqrt(2 / (1 + a**2))``. ``nn.Linear`` calls it with ``a=math.sqrt(5)``, so the
    gain is ``sqrt(1/3)`` and the bound simplifies to ``1 / sqrt(fan_in)``: the same
    range ``nn.Linear`` uses for its bias.

    Args:
        fan_in: the number of inputs of the layer (``in_features``), an integer from 1
            to ``2**63 - 1`` (the most elements a tensor can have); a NumPy integer or a
            0-d integer tensor is taken too.
        a: the negative slope of the leaky ReLU the gain is computed for, a finite real
            number >= 0 (a NumPy scalar or a 0-d tensor is taken too).

    Returns:
        The bound, a positive float (also for a huge ``a``, where ``1 + a**2`` would
        overflow: the gain is then ``sqrt(2) / a``).

    Raises:
        TypeError: ``fan_in`` is not an integer or ``a`` not a real number (a ``bool``
            is refused for both).
        ValueError: ``fan_in`` is out of range, or ``a`` is negative, NaN or infinite.

    Example:
        >>> round(kaiming_uniform_bound(4, a=5**0.5), 6)  # nn.Linear(4, ...): 1 / sqrt(4)
        0.5
        >>> round(kaiming_uniform_bound(6), 6)  # a=0: sqrt(2) * sqrt(3 / 6)
        1.0
    """
    fan_in = check_int("fan_in", fan_in, minimum=1, maximum=_INT64_MAX)
    slope = check_real("a", a)
    if slope < 0:
        raise ValueError(f"a must be >= 0, got {slope!r}")
    # from 1e150 on, 1 + a**2 equals a**2 in floating point (and overflows from 1.4e154)
    gain = math.sqrt(2.0 / (1.0 + slope**2)) if slope < 1e150 else math.sqrt(2.0) / slope
    return gain * math.sqrt(3.0 / fan_in)
