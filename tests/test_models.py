"""pytorch_basics.models: a ResNet-18 the size of torchvision's, trainable and reproducible."""

from __future__ import annotations

import math

import pytest
import torch
from torch import nn

from pytorch_basics.models import BasicBlock, resnet18


@pytest.fixture(scope="module")
def model() -> nn.Module:
    torch.manual_seed(0)
    return resnet18()


def _count(module: nn.Module) -> int:
    return sum(p.numel() for p in module.parameters())


def test_resnet18_has_torchvision_parameter_count(model: nn.Module) -> None:
    assert _count(model) == 11_689_512


def test_resnet18_parameter_count_follows_num_classes() -> None:
    # only the classifier changes: 512 weights and 1 bias per class
    assert _count(resnet18(num_classes=10)) == 11_689_512 - 990 * 513


def test_resnet18_has_torchvision_layout(model: nn.Module) -> None:
    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    assert (len(convs), len(norms)) == (20, 20)
    assert convs[0].kernel_size == (7, 7) and convs[0].stride == (2, 2)
    blocks = [m for m in model.modules() if isinstance(m, BasicBlock)]
    assert [b.conv2.out_channels for b in blocks] == [64, 64, 128, 128, 256, 256, 512, 512]
    expected = [False, False, True, False, True, False, True, False]
    assert [b.downsample is not None for b in blocks] == expected
    names = set(model.state_dict())
    assert {"conv1.weight", "bn1.running_mean", "layer2.0.downsample.0.weight", "fc.bias"} <= names
    assert len(model.state_dict()) == 122


def test_resnet18_initialises_like_torchvision(model: nn.Module) -> None:
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            assert torch.all(module.weight == 1) and torch.all(module.bias == 0)
    conv = model.layer4[0].conv2
    fan_out = conv.out_channels * math.prod(conv.kernel_size)
    assert conv.weight.std().item() == pytest.approx(math.sqrt(2 / fan_out), rel=0.02)


def test_resnet18_is_reproducible_under_manual_seed() -> None:
    torch.manual_seed(3)
    first = resnet18(num_classes=5)
    torch.manual_seed(3)
    second = resnet18(num_classes=5)
    third = resnet18(num_classes=5)
    assert all(
        torch.equal(a, b) for a, b in zip(first.parameters(), second.parameters(), strict=True)
    )
    assert not torch.equal(first.conv1.weight, third.conv1.weight)


def test_resnet18_training_step_reaches_every_parameter() -> None:
    torch.manual_seed(0)
    model = resnet18(num_classes=4)
    images, labels = torch.randn(2, 3, 64, 64), torch.tensor([1, 3])
    logits = model(images)
    assert logits.shape == (2, 4)
    nn.functional.cross_entropy(logits, labels).backward()
    assert all(p.grad is not None and p.grad.abs().sum() > 0 for p in model.parameters())
    before = [p.detach().clone() for p in model.parameters()]
    torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9).step()
    assert all(not torch.equal(b, p) for b, p in zip(before, model.parameters(), strict=True))


@pytest.mark.parametrize("bad", [1.5, "10", True])
def test_resnet18_rejects_non_int_num_classes(bad: object) -> None:
    with pytest.raises(TypeError, match=r"^num_classes must be an int, got"):
        resnet18(num_classes=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [0, -3])
def test_resnet18_rejects_non_positive_num_classes(bad: int) -> None:
    with pytest.raises(ValueError, match=r"^num_classes must be >= 1, got"):
        resnet18(num_classes=bad)


def test_resnet18_options_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        resnet18(10)  # type: ignore[misc]
