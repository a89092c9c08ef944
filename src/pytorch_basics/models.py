"""Networks the pages train: a ResNet18-shaped image classifier and a linear model.

:func:`resnet18` writes out torchvision's ResNet-18 architecture (same layers,
same parameter names, same initialisation), so a page can run a real-sized
training step without torchvision and without downloading pretrained weights.
The weights come from torch's random number generator: after
``torch.manual_seed`` they are the same on every run.

:class:`SimpleModel` is the smallest model of the posts :ref:`post-concepts` and
:ref:`post-differentiable`, one ``nn.Linear(2, 1)``;
:func:`kaiming_uniform_bound` is the range ``nn.Linear`` draws its weights from.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from ._checks import check_int, check_real

__all__ = ["BasicBlock", "ResNet", "SimpleModel", "kaiming_uniform_bound", "resnet18"]


class BasicBlock(nn.Module):
    """Two 3x3 convolutions with batch norm, added to a shortcut, then ReLU.

    When the block changes the number of channels or the stride, the shortcut is
    a 1x1 convolution with batch norm (``downsample``); otherwise it is the input.

    Args:
        in_channels: channels of the input.
        out_channels: channels of the output.
        stride: stride of the first convolution (2 halves height and width).
    """

    def __init__(self, in_channels: int, out_channels: int, *, stride: int = 1) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.downsample: nn.Module | None = None
        if stride != 1 or in_channels != out_channels:
            self.downsample = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, 1, stride=stride, bias=False),
                nn.BatchNorm2d(out_channels),
            )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shortcut = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + shortcut)


class ResNet(nn.Module):
    """A ResNet of :class:`BasicBlock` stages, laid out as torchvision's.

    A 7x7 stride-2 convolution, batch norm, ReLU and 3x3 max pooling, then four
    stages (64, 128, 256 and 512 channels; every stage but the first halves height
    and width), global average pooling and a linear classifier.

    Args:
        blocks_per_stage: the number of blocks in each of the four stages.
        num_classes: the number of outputs of the classifier.
    """

    def __init__(self, blocks_per_stage: tuple[int, int, int, int], *, num_classes: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, stride=2, padding=1)
        widths = (64, 128, 256, 512)
        in_channels = 64
        for index, (width, count) in enumerate(zip(widths, blocks_per_stage, strict=True)):
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
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        return self.fc(torch.flatten(self.avgpool(x), 1))


def resnet18(*, num_classes: int = 1000) -> nn.Module:
    """A ResNet-18 with random weights, initialised as torchvision initialises it.

    Four stages of two :class:`BasicBlock` each. With 1000 classes it has exactly as
    many parameters as ``torchvision.models.resnet18()``. Convolutions get
    Kaiming-normal weights (``mode="fan_out"``), batch norms weight 1 and bias 0,
    the classifier PyTorch's default ``nn.Linear`` initialisation; all drawn from
    torch's random number generator, so ``torch.manual_seed`` makes them repeatable.

    Args:
        num_classes: the number of outputs, a positive int.

    Returns:
        The network, in training mode.

    Example:
        >>> model = resnet18()
        >>> sum(p.numel() for p in model.parameters())
        11689512
        >>> resnet18(num_classes=10)(torch.zeros(2, 3, 64, 64)).shape
        torch.Size([2, 10])
    """
    check_int("num_classes", num_classes, minimum=1)
    return ResNet((2, 2, 2, 2), num_classes=num_classes)


class SimpleModel(nn.Module):
    """One linear layer from 2 inputs to 1 output: ``SimpleModel`` of the post :ref:`post-concepts`.

    ``MyModel`` in :ref:`post-differentiable` is the same network under another name. The
    layer computes ``x @ weight.T + bias`` with ``weight`` of shape ``(1, 2)`` and ``bias`` of shape
    ``(1,)``, initialised as every ``nn.Linear`` is (see :func:`kaiming_uniform_bound`).

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
        super().__init__()
        self.linear = nn.Linear(2, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.linear(x)


def kaiming_uniform_bound(fan_in: int, *, a: float = 0.0) -> float:
    """The bound of ``nn.init.kaiming_uniform_(w, a=a)``: it draws from ``U(-bound, bound)``.

    ``bound = gain * sqrt(3 / fan_in)`` with the leaky-ReLU gain
    ``sqrt(2 / (1 + a**2))``. ``nn.Linear`` calls it with ``a=math.sqrt(5)``, so the
    gain is ``sqrt(1/3)`` and the bound simplifies to ``1 / sqrt(fan_in)``: the same
    range ``nn.Linear`` uses for its bias.

    Args:
        fan_in: the number of inputs of the layer (``in_features``), at least 1.
        a: the negative slope of the leaky ReLU the gain is computed for (>= 0).

    Returns:
        The bound, a positive float.

    Example:
        >>> round(kaiming_uniform_bound(4, a=5**0.5), 6)  # nn.Linear(4, ...): 1 / sqrt(4)
        0.5
        >>> round(kaiming_uniform_bound(6), 6)  # a=0: sqrt(2) * sqrt(3 / 6)
        1.0
    """
    check_int("fan_in", fan_in, minimum=1)
    slope = check_real("a", a)
    if slope < 0:
        raise ValueError(f"a must be >= 0, got {a!r}")
    gain = math.sqrt(2.0 / (1.0 + slope**2))
    return gain * math.sqrt(3.0 / fan_in)
