"""Bad and edge-case input for ``pytorch_basics.models``.

The table covers every public name of the module: the ``BasicBlock``, ``ResNet`` and
``SimpleModel`` constructors and their ``forward``, ``kaiming_uniform_bound`` and
``resnet18``. Each row tries one argument with one kind of bad or edge-case value: a
wrong type (str, None, list, float where an int is expected, bool passed as an int),
a wrong shape or number of dimensions (0-d, unbatched, wrong channel or feature
count, zero height), a wrong dtype (int, bool, complex, a float dtype other than the
model's), NaN and infinity, empty batches, zero, negative and huge sizes, a tensor on
another device (``meta``), the grad modes (``torch.no_grad()``,
``torch.inference_mode()``, a model built under ``inference_mode``, an inference
tensor used with autograd), tensors that require gradients and strided or
channels-last views. Valid integer spellings (a NumPy integer, a 0-d integer tensor,
``torch.Size``) must be accepted. Images are tiny (at most 2x3x33x33).

Every row has one of two outcomes:

* ``CLEAR``: the call raises the given exception, and its message contains the given
  words, which name the argument (the message says what was expected and what came).
* ``DOCUMENTED``: the call returns, and the returned value passes the row's check; the
  behaviour it checks is the one the docstring states for that case.

Rows whose sizes are huge (a parameter or activation tensor larger than any machine's
memory) must be refused before anything is allocated. Should that refusal break, the
call could allocate for a long time or be killed for lack of memory, so these rows run
in one child process under a bounded guard: an address-space limit of 8 GiB, a 20 s
alarm per row and a 180 s timeout for the whole child.
"""

from __future__ import annotations

import builtins
import functools
import json
import math
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
import torch
from bad_input import assert_clear_error, assert_documented, run_in
from torch import nn

from pytorch_basics.models import BasicBlock, ResNet, SimpleModel, kaiming_uniform_bound, resnet18

# ---------------------------------------------------------------------------- helpers


def _block(in_channels: Any = 3, out_channels: Any = 4, **options: Any) -> BasicBlock:
    torch.manual_seed(0)
    return BasicBlock(in_channels, out_channels, **options)


def _net(blocks: Any = (1, 1, 1, 1), **options: Any) -> ResNet:
    torch.manual_seed(0)
    options.setdefault("num_classes", 3)
    return ResNet(blocks, **options)


def _simple() -> SimpleModel:
    torch.manual_seed(0)
    return SimpleModel()


def _images(*shape: int, **options: Any) -> torch.Tensor:
    torch.manual_seed(1)
    return torch.randn(*shape, **options)


def _with_value(x: torch.Tensor, value: float) -> torch.Tensor:
    x = x.clone()
    x.view(-1)[0] = value
    return x


def _inference_tensor(*shape: int) -> torch.Tensor:
    with torch.inference_mode():
        return _images(*shape)


def _backward_to_input(model: nn.Module, shape: tuple[int, ...]) -> torch.Tensor:
    x = _images(*shape).requires_grad_()
    model(x).sum().backward()
    return x.grad


def _trains_after_inference_mode_construction(build: Callable[[], nn.Module], x: torch.Tensor):
    with torch.inference_mode():
        model = build()
    model(x).sum().backward()
    return model


def _all_grads(model: nn.Module) -> bool:
    return all(p.grad is not None for p in model.parameters())


def _inference_input_backward(model: nn.Module, x: torch.Tensor) -> nn.Module:
    model(x).sum().backward()
    return model


def _pair(model: nn.Module, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """``model`` on a strided or channels-last ``x`` and on a contiguous copy."""
    return model(x), model(x.contiguous())


def _close(pair: tuple[torch.Tensor, torch.Tensor]) -> bool:
    return torch.allclose(pair[0], pair[1], atol=1e-5)


def _count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def _empty_batch_keeps_statistics(model: nn.Module, x: torch.Tensor) -> tuple[Any, ...]:
    before = {k: v.clone() for k, v in model.state_dict().items() if "running" in k}
    out = model(x)
    after = {k: v for k, v in model.state_dict().items() if "running" in k}
    return out, all(torch.equal(before[k], after[k]) for k in before)


def _autocast(call: Callable[[], torch.Tensor]) -> torch.Tensor:
    with torch.autocast("cpu", dtype=torch.bfloat16):
        return call()


# Huge sizes run in one child process under a bounded guard (see the module docstring).
GUARDED = {
    "block-huge-channels": "BasicBlock(10**6, 10**6)",
    "block-huge-out-channels": "BasicBlock(3, 10**9)",
    "resnet-huge-blocks": "ResNet((10**9, 1, 1, 1), num_classes=3)",
    "resnet-huge-classes": "ResNet((1, 1, 1, 1), num_classes=10**12)",
    "resnet18-huge-classes": "resnet18(num_classes=10**12)",
    "block-forward-huge": (
        "BasicBlock(3, 4).eval()(torch.zeros(1, 1, 1, 1).expand(1, 3, 10**6, 10**6))"
    ),
    "resnet-forward-huge": (
        "ResNet((1, 1, 1, 1), num_classes=3).eval()"
        "(torch.zeros(1, 1, 1, 1).expand(1, 3, 10**6, 10**6))"
    ),
    "simple-forward-huge": "SimpleModel()(torch.zeros(1, 2).expand(10**12, 2))",
}

_CHILD = """
import json, resource, signal, sys
limit = 8 * 2**30
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
import torch
from pytorch_basics.models import BasicBlock, ResNet, SimpleModel, resnet18

def _alarm(*_):
    raise TimeoutError("the row ran for more than 20 s")

signal.signal(signal.SIGALRM, _alarm)
results = {}
for key, code in json.loads(sys.argv[1]).items():
    signal.alarm(20)
    try:
        eval(code)
        results[key] = None
    except BaseException as error:
        results[key] = [type(error).__name__, str(error)[:2000]]
    finally:
        signal.alarm(0)
print(json.dumps(results))
"""


@functools.cache
def _guarded_results() -> dict[str, Any]:
    pytest.importorskip("resource")  # the address-space limit needs a POSIX system
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, json.dumps(GUARDED)],
            capture_output=True,
            text=True,
            timeout=180,
        )
    except subprocess.TimeoutExpired:
        return {
            key: ["TimeoutError", "the guarded child ran for more than 180 s"] for key in GUARDED
        }
    if done.returncode != 0:
        message = f"the guarded child exited with {done.returncode}: {done.stderr[-2000:]}"
        return {key: ["ChildProcessError", message] for key in GUARDED}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _guarded(key: str) -> Callable[[], None]:
    """Run ``GUARDED[key]`` in the guarded child and re-raise what it raised."""

    def call() -> None:
        outcome = _guarded_results()[key]
        if outcome is not None:
            name, message = outcome
            error = getattr(builtins, name, None)
            if not (isinstance(error, type) and issubclass(error, BaseException)):
                raise RuntimeError(f"{name}: {message}")
            raise error(message)

    return call


# ---------------------------------------------------------------------------- CLEAR rows

CLEAR = [
    # kaiming_uniform_bound(fan_in, *, a)
    pytest.param(
        lambda: kaiming_uniform_bound("4"),
        TypeError,
        "fan_in must be an int",
        id="kaiming_uniform_bound-fan_in-str",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(None),
        TypeError,
        "fan_in must be an int",
        id="kaiming_uniform_bound-fan_in-None",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound([4]),
        TypeError,
        "fan_in must be an int",
        id="kaiming_uniform_bound-fan_in-list",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(4.0),
        TypeError,
        "fan_in must be an int",
        id="kaiming_uniform_bound-fan_in-float",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(True),
        TypeError,
        "fan_in must be an int",
        id="kaiming_uniform_bound-fan_in-bool",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(torch.tensor(True)),
        TypeError,
        "fan_in must be an int",
        id="kaiming_uniform_bound-fan_in-0d-bool-tensor",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(torch.tensor(4.0)),
        TypeError,
        "fan_in must be an int",
        id="kaiming_uniform_bound-fan_in-0d-float-tensor",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(torch.tensor([4])),
        TypeError,
        "fan_in must be an int",
        id="kaiming_uniform_bound-fan_in-1d-tensor",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(0),
        ValueError,
        "fan_in must be >= 1",
        id="kaiming_uniform_bound-fan_in-zero",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(-3),
        ValueError,
        "fan_in must be >= 1",
        id="kaiming_uniform_bound-fan_in-negative",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(10**400),
        ValueError,
        "fan_in must be <=",
        id="kaiming_uniform_bound-fan_in-huge",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(4, a="1"),
        TypeError,
        "a must be a real number",
        id="kaiming_uniform_bound-a-str",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(4, a=None),
        TypeError,
        "a must be a real number",
        id="kaiming_uniform_bound-a-None",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(4, a=True),
        TypeError,
        "a must be a real number",
        id="kaiming_uniform_bound-a-bool",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(4, a=1j),
        TypeError,
        "a must be a real number",
        id="kaiming_uniform_bound-a-complex",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(4, a=torch.tensor([1.0])),
        TypeError,
        "a must be a real number",
        id="kaiming_uniform_bound-a-1d-tensor",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(4, a=torch.tensor(1.0 + 0j)),
        TypeError,
        "a must be a real number",
        id="kaiming_uniform_bound-a-0d-complex-tensor",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(4, a=math.nan),
        ValueError,
        "a must be finite",
        id="kaiming_uniform_bound-a-nan",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(4, a=math.inf),
        ValueError,
        "a must be finite",
        id="kaiming_uniform_bound-a-inf",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(4, a=-1.0),
        ValueError,
        "a must be >= 0",
        id="kaiming_uniform_bound-a-negative",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(4, 1.0),
        TypeError,
        "positional argument",
        id="kaiming_uniform_bound-a-positional",
    ),
    # resnet18(*, num_classes)
    pytest.param(
        lambda: resnet18(num_classes="10"),
        TypeError,
        "num_classes must be an int",
        id="resnet18-num_classes-str",
    ),
    pytest.param(
        lambda: resnet18(num_classes=None),
        TypeError,
        "num_classes must be an int",
        id="resnet18-num_classes-None",
    ),
    pytest.param(
        lambda: resnet18(num_classes=10.0),
        TypeError,
        "num_classes must be an int",
        id="resnet18-num_classes-float",
    ),
    pytest.param(
        lambda: resnet18(num_classes=True),
        TypeError,
        "num_classes must be an int",
        id="resnet18-num_classes-bool",
    ),
    pytest.param(
        lambda: resnet18(num_classes=0),
        ValueError,
        "num_classes must be >= 1",
        id="resnet18-num_classes-zero",
    ),
    pytest.param(
        lambda: resnet18(num_classes=-3),
        ValueError,
        "num_classes must be >= 1",
        id="resnet18-num_classes-negative",
    ),
    pytest.param(
        lambda: resnet18(10), TypeError, "positional argument", id="resnet18-num_classes-positional"
    ),
    pytest.param(
        _guarded("resnet18-huge-classes"),
        ValueError,
        "num_classes=1000000000000",
        id="resnet18-num_classes-huge",
    ),
    # BasicBlock(in_channels, out_channels, *, stride)
    pytest.param(
        lambda: BasicBlock("3", 4),
        TypeError,
        "in_channels must be an int",
        id="BasicBlock-in_channels-str",
    ),
    pytest.param(
        lambda: BasicBlock(None, 4),
        TypeError,
        "in_channels must be an int",
        id="BasicBlock-in_channels-None",
    ),
    pytest.param(
        lambda: BasicBlock(3.0, 4),
        TypeError,
        "in_channels must be an int",
        id="BasicBlock-in_channels-float",
    ),
    pytest.param(
        lambda: BasicBlock(True, 4),
        TypeError,
        "in_channels must be an int",
        id="BasicBlock-in_channels-bool",
    ),
    pytest.param(
        lambda: BasicBlock(0, 4),
        ValueError,
        "in_channels must be >= 1",
        id="BasicBlock-in_channels-zero",
    ),
    pytest.param(
        lambda: BasicBlock(-1, 4),
        ValueError,
        "in_channels must be >= 1",
        id="BasicBlock-in_channels-negative",
    ),
    pytest.param(
        lambda: BasicBlock(3, [4]),
        TypeError,
        "out_channels must be an int",
        id="BasicBlock-out_channels-list",
    ),
    pytest.param(
        lambda: BasicBlock(3, 0),
        ValueError,
        "out_channels must be >= 1",
        id="BasicBlock-out_channels-zero",
    ),
    pytest.param(
        lambda: BasicBlock(3, 4, stride=0),
        ValueError,
        "stride must be >= 1",
        id="BasicBlock-stride-zero",
    ),
    pytest.param(
        lambda: BasicBlock(3, 4, stride=-2),
        ValueError,
        "stride must be >= 1",
        id="BasicBlock-stride-negative",
    ),
    pytest.param(
        lambda: BasicBlock(3, 4, stride=1.5),
        TypeError,
        "stride must be an int",
        id="BasicBlock-stride-float",
    ),
    pytest.param(
        lambda: BasicBlock(3, 4, stride=True),
        TypeError,
        "stride must be an int",
        id="BasicBlock-stride-bool",
    ),
    pytest.param(
        lambda: BasicBlock(3, 4, stride=2**70),
        ValueError,
        "stride must be <=",
        id="BasicBlock-stride-huge",
    ),
    pytest.param(
        lambda: BasicBlock(3, 4, 2),
        TypeError,
        "positional argument",
        id="BasicBlock-stride-positional",
    ),
    pytest.param(
        _guarded("block-huge-channels"),
        ValueError,
        "in_channels=1000000",
        id="BasicBlock-channels-huge",
    ),
    pytest.param(
        _guarded("block-huge-out-channels"),
        ValueError,
        "out_channels=1000000000",
        id="BasicBlock-out_channels-huge",
    ),
    # BasicBlock.forward(x)
    pytest.param(
        lambda: _block()("x"), TypeError, "x must be a torch.Tensor", id="BasicBlock.forward-x-str"
    ),
    pytest.param(
        lambda: _block()(None),
        TypeError,
        "x must be a torch.Tensor",
        id="BasicBlock.forward-x-None",
    ),
    pytest.param(
        lambda: _block()(torch.tensor(1.0)),
        ValueError,
        "x must have 4 dimension",
        id="BasicBlock.forward-x-0d",
    ),
    pytest.param(
        lambda: _block()(_images(3, 8, 8)),
        ValueError,
        "x must have 4 dimension",
        id="BasicBlock.forward-x-unbatched",
    ),
    pytest.param(
        lambda: _block()(_images(1, 1, 3, 8, 8)),
        ValueError,
        "x must have 4 dimension",
        id="BasicBlock.forward-x-5d",
    ),
    pytest.param(
        lambda: _block()(_images(2, 5, 8, 8)),
        ValueError,
        "x must have 3 channels",
        id="BasicBlock.forward-x-wrong-channels",
    ),
    pytest.param(
        lambda: _block()(_images(2, 8, 8, 3)),
        ValueError,
        "x must have 3 channels",
        id="BasicBlock.forward-x-channels-last-order",
    ),
    pytest.param(
        lambda: _block()(_images(2, 3, 0, 8)),
        ValueError,
        "x must have a height",
        id="BasicBlock.forward-x-zero-height",
    ),
    pytest.param(
        lambda: _block()(torch.ones(2, 3, 8, 8, dtype=torch.long)),
        TypeError,
        "x must have a floating-point dtype",
        id="BasicBlock.forward-x-int",
    ),
    pytest.param(
        lambda: _block()(torch.ones(2, 3, 8, 8, dtype=torch.bool)),
        TypeError,
        "x must have a floating-point dtype",
        id="BasicBlock.forward-x-bool",
    ),
    pytest.param(
        lambda: _block()(torch.ones(2, 3, 8, 8, dtype=torch.complex64)),
        TypeError,
        "x must have a floating-point dtype",
        id="BasicBlock.forward-x-complex",
    ),
    pytest.param(
        lambda: _block()(_images(2, 3, 8, 8, dtype=torch.float64)),
        TypeError,
        "x has dtype torch.float64",
        id="BasicBlock.forward-x-float64",
    ),
    pytest.param(
        lambda: _block()(_with_value(_images(2, 3, 8, 8), math.nan)),
        ValueError,
        "x must hold only finite values",
        id="BasicBlock.forward-x-nan",
    ),
    pytest.param(
        lambda: _block()(_with_value(_images(2, 3, 8, 8), -math.inf)),
        ValueError,
        "x must hold only finite values",
        id="BasicBlock.forward-x-inf",
    ),
    pytest.param(
        lambda: _block()(_images(1, 3, 1, 1)),
        ValueError,
        "x of shape (1, 3, 1, 1) gives batch norm one value per channel",
        id="BasicBlock.forward-x-one-value-per-channel-training",
    ),
    pytest.param(
        lambda: _block(stride=2)(_images(1, 3, 2, 2)),
        ValueError,
        "x of shape (1, 3, 2, 2) gives batch norm one value per channel",
        id="BasicBlock.forward-x-one-value-per-channel-stride-2",
    ),
    pytest.param(
        lambda: _block()(torch.empty(2, 3, 8, 8, device="meta")),
        ValueError,
        "x is on device meta",
        id="BasicBlock.forward-x-other-device",
    ),
    pytest.param(
        _guarded("block-forward-huge"),
        ValueError,
        "x of shape (1, 3, 1000000",
        id="BasicBlock.forward-x-huge",
    ),
    # ResNet(blocks_per_stage, *, num_classes)
    pytest.param(
        lambda: ResNet(None, num_classes=3),
        TypeError,
        "blocks_per_stage must be a tuple or list",
        id="ResNet-blocks_per_stage-None",
    ),
    pytest.param(
        lambda: ResNet("1111", num_classes=3),
        TypeError,
        "blocks_per_stage must be a tuple or list",
        id="ResNet-blocks_per_stage-str",
    ),
    pytest.param(
        lambda: ResNet(2, num_classes=3),
        TypeError,
        "blocks_per_stage must be a tuple or list",
        id="ResNet-blocks_per_stage-int",
    ),
    pytest.param(
        lambda: ResNet((1, 1, 1), num_classes=3),
        ValueError,
        "blocks_per_stage must have 4 entries",
        id="ResNet-blocks_per_stage-too-short",
    ),
    pytest.param(
        lambda: ResNet((1, 1, 1, 1, 1), num_classes=3),
        ValueError,
        "blocks_per_stage must have 4 entries",
        id="ResNet-blocks_per_stage-too-long",
    ),
    pytest.param(
        lambda: ResNet((), num_classes=3),
        ValueError,
        "blocks_per_stage must have 4 entries",
        id="ResNet-blocks_per_stage-empty",
    ),
    pytest.param(
        lambda: ResNet((0, 1, 1, 1), num_classes=3),
        ValueError,
        "blocks_per_stage[0] must be >= 1",
        id="ResNet-blocks_per_stage-zero",
    ),
    pytest.param(
        lambda: ResNet((1, -1, 1, 1), num_classes=3),
        ValueError,
        "blocks_per_stage[1] must be >= 1",
        id="ResNet-blocks_per_stage-negative",
    ),
    pytest.param(
        lambda: ResNet((1, 1, 1.0, 1), num_classes=3),
        TypeError,
        "blocks_per_stage[2] must be an int",
        id="ResNet-blocks_per_stage-float",
    ),
    pytest.param(
        lambda: ResNet((1, 1, 1, True), num_classes=3),
        TypeError,
        "blocks_per_stage[3] must be an int",
        id="ResNet-blocks_per_stage-bool",
    ),
    pytest.param(
        lambda: ResNet((1, 1, 1, "2"), num_classes=3),
        TypeError,
        "blocks_per_stage[3] must be an int",
        id="ResNet-blocks_per_stage-str-entry",
    ),
    pytest.param(
        _guarded("resnet-huge-blocks"),
        ValueError,
        "blocks_per_stage=(1000000000",
        id="ResNet-blocks_per_stage-huge",
    ),
    pytest.param(
        lambda: ResNet((1, 1, 1, 1)), TypeError, "num_classes", id="ResNet-num_classes-missing"
    ),
    pytest.param(
        lambda: ResNet((1, 1, 1, 1), num_classes="3"),
        TypeError,
        "num_classes must be an int",
        id="ResNet-num_classes-str",
    ),
    pytest.param(
        lambda: ResNet((1, 1, 1, 1), num_classes=3.0),
        TypeError,
        "num_classes must be an int",
        id="ResNet-num_classes-float",
    ),
    pytest.param(
        lambda: ResNet((1, 1, 1, 1), num_classes=False),
        TypeError,
        "num_classes must be an int",
        id="ResNet-num_classes-bool",
    ),
    pytest.param(
        lambda: ResNet((1, 1, 1, 1), num_classes=0),
        ValueError,
        "num_classes must be >= 1",
        id="ResNet-num_classes-zero",
    ),
    pytest.param(
        _guarded("resnet-huge-classes"),
        ValueError,
        "num_classes=1000000000000",
        id="ResNet-num_classes-huge",
    ),
    # ResNet.forward(x)
    pytest.param(
        lambda: _net()("x"), TypeError, "x must be a torch.Tensor", id="ResNet.forward-x-str"
    ),
    pytest.param(
        lambda: _net()([[1.0]]), TypeError, "x must be a torch.Tensor", id="ResNet.forward-x-list"
    ),
    pytest.param(
        lambda: _net()(torch.tensor(0.5)),
        ValueError,
        "x must have 4 dimension",
        id="ResNet.forward-x-0d",
    ),
    pytest.param(
        lambda: _net()(_images(3, 8, 8)),
        ValueError,
        "x must have 4 dimension",
        id="ResNet.forward-x-unbatched",
    ),
    pytest.param(
        lambda: _net()(_images(2, 1, 8, 8)),
        ValueError,
        "x must have 3 channels",
        id="ResNet.forward-x-one-channel",
    ),
    pytest.param(
        lambda: _net()(_images(2, 3, 8, 0)),
        ValueError,
        "x must have a height",
        id="ResNet.forward-x-zero-width",
    ),
    pytest.param(
        lambda: _net()(torch.zeros(2, 3, 8, 8, dtype=torch.uint8)),
        TypeError,
        "x must have a floating-point dtype",
        id="ResNet.forward-x-uint8",
    ),
    pytest.param(
        lambda: _net()(torch.zeros(2, 3, 8, 8, dtype=torch.bool)),
        TypeError,
        "x must have a floating-point dtype",
        id="ResNet.forward-x-bool",
    ),
    pytest.param(
        lambda: _net()(torch.zeros(2, 3, 8, 8, dtype=torch.complex64)),
        TypeError,
        "x must have a floating-point dtype",
        id="ResNet.forward-x-complex",
    ),
    pytest.param(
        lambda: _net()(_images(2, 3, 8, 8, dtype=torch.float64)),
        TypeError,
        "x has dtype torch.float64",
        id="ResNet.forward-x-float64",
    ),
    pytest.param(
        lambda: _net()(_images(2, 3, 8, 8, dtype=torch.bfloat16)),
        TypeError,
        "x has dtype torch.bfloat16",
        id="ResNet.forward-x-bfloat16",
    ),
    pytest.param(
        lambda: _net()(_with_value(_images(2, 3, 8, 8), math.nan)),
        ValueError,
        "x must hold only finite values",
        id="ResNet.forward-x-nan",
    ),
    pytest.param(
        lambda: _net()(_with_value(_images(2, 3, 8, 8), math.inf)),
        ValueError,
        "x must hold only finite values",
        id="ResNet.forward-x-inf",
    ),
    pytest.param(
        lambda: _net()(_images(1, 3, 8, 8)),
        ValueError,
        "x of shape (1, 3, 8, 8) gives batch norm one value per channel",
        id="ResNet.forward-x-one-value-per-channel-training",
    ),
    pytest.param(
        lambda: _net()(_images(1, 3, 32, 32)),
        ValueError,
        "x of shape (1, 3, 32, 32) gives batch norm one value per channel",
        id="ResNet.forward-x-largest-too-small-image",
    ),
    pytest.param(
        lambda: _net()(torch.empty(2, 3, 8, 8, device="meta")),
        ValueError,
        "x is on device meta",
        id="ResNet.forward-x-other-device",
    ),
    pytest.param(
        _guarded("resnet-forward-huge"),
        ValueError,
        "x of shape (1, 3, 1000000",
        id="ResNet.forward-x-huge",
    ),
    # SimpleModel()
    pytest.param(
        lambda: SimpleModel(3),
        TypeError,
        "positional argument",
        id="SimpleModel-no-arguments-given-one",
    ),
    # SimpleModel.forward(x)
    pytest.param(
        lambda: _simple()("x"),
        TypeError,
        "x must be a torch.Tensor",
        id="SimpleModel.forward-x-str",
    ),
    pytest.param(
        lambda: _simple()(None),
        TypeError,
        "x must be a torch.Tensor",
        id="SimpleModel.forward-x-None",
    ),
    pytest.param(
        lambda: _simple()([[1.0, 2.0]]),
        TypeError,
        "x must be a torch.Tensor",
        id="SimpleModel.forward-x-list",
    ),
    pytest.param(
        lambda: _simple()(torch.tensor(1.0)),
        ValueError,
        "x must have at least 1 dimension",
        id="SimpleModel.forward-x-0d",
    ),
    pytest.param(
        lambda: _simple()(_images(1, 3)),
        ValueError,
        "x must have 2 features in its last dimension",
        id="SimpleModel.forward-x-3-features",
    ),
    pytest.param(
        lambda: _simple()(_images(2, 1)),
        ValueError,
        "x must have 2 features in its last dimension",
        id="SimpleModel.forward-x-transposed",
    ),
    pytest.param(
        lambda: _simple()(torch.ones(2, 0)),
        ValueError,
        "x must have 2 features in its last dimension",
        id="SimpleModel.forward-x-0-features",
    ),
    pytest.param(
        lambda: _simple()(torch.ones(1, 2, dtype=torch.long)),
        TypeError,
        "x must have a floating-point dtype",
        id="SimpleModel.forward-x-int",
    ),
    pytest.param(
        lambda: _simple()(torch.ones(1, 2, dtype=torch.bool)),
        TypeError,
        "x must have a floating-point dtype",
        id="SimpleModel.forward-x-bool",
    ),
    pytest.param(
        lambda: _simple()(torch.ones(1, 2, dtype=torch.complex64)),
        TypeError,
        "x must have a floating-point dtype",
        id="SimpleModel.forward-x-complex",
    ),
    pytest.param(
        lambda: _simple()(torch.ones(1, 2, dtype=torch.float64)),
        TypeError,
        "x has dtype torch.float64",
        id="SimpleModel.forward-x-float64",
    ),
    pytest.param(
        lambda: _simple()(torch.ones(1, 2, device="meta")),
        ValueError,
        "x is on device meta",
        id="SimpleModel.forward-x-other-device",
    ),
    pytest.param(
        _guarded("simple-forward-huge"),
        ValueError,
        "x of shape (1000000000000, 2)",
        id="SimpleModel.forward-x-huge",
    ),
]


@pytest.mark.parametrize(("call", "error", "words"), CLEAR)
def test_clear_error(call: Callable[[], Any], error: type[Exception], words: str) -> None:
    assert_clear_error(call, error, words)


# ---------------------------------------------------------------------------- DOCUMENTED rows

_BOUND_4 = math.sqrt(2.0) * math.sqrt(3.0 / 4)

DOCUMENTED = [
    # kaiming_uniform_bound
    pytest.param(
        lambda: kaiming_uniform_bound(np.int64(4)),
        lambda r: r == _BOUND_4,
        id="kaiming_uniform_bound-fan_in-numpy-int",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(torch.tensor(4)),
        lambda r: r == _BOUND_4,
        id="kaiming_uniform_bound-fan_in-0d-int-tensor",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(2**63 - 1),
        lambda r: r == pytest.approx(math.sqrt(6.0 / 2**63)) and r > 0,
        id="kaiming_uniform_bound-fan_in-largest",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(4, a=0),
        lambda r: r == _BOUND_4,
        id="kaiming_uniform_bound-a-int",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(4, a=np.float32(1.0)),
        lambda r: r == pytest.approx(math.sqrt(3.0 / 4)),
        id="kaiming_uniform_bound-a-numpy-float32",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(4, a=torch.tensor(1.0, requires_grad=True)),
        lambda r: r == pytest.approx(math.sqrt(3.0 / 4)),
        id="kaiming_uniform_bound-a-0d-tensor-requiring-grad",
    ),
    pytest.param(
        lambda: kaiming_uniform_bound(4, a=1e200),
        lambda r: r == pytest.approx(math.sqrt(2.0) / 1e200 * math.sqrt(3.0 / 4)),
        id="kaiming_uniform_bound-a-huge",
    ),
    pytest.param(
        lambda: run_in(torch.inference_mode, lambda: kaiming_uniform_bound(4)),
        lambda r: r == _BOUND_4,
        id="kaiming_uniform_bound-inference-mode",
    ),
    # resnet18
    pytest.param(
        lambda: resnet18(num_classes=np.int64(10)),
        lambda m: m.fc.out_features == 10,
        id="resnet18-num_classes-numpy-int",
    ),
    pytest.param(
        lambda: resnet18(num_classes=torch.tensor(1)),
        lambda m: m.fc.out_features == 1 and _count(m) == 11_689_512 - 999 * 513,
        id="resnet18-num_classes-0d-tensor-one-class",
    ),
    # BasicBlock
    pytest.param(
        lambda: BasicBlock(np.int64(3), np.int32(4), stride=np.int64(2)),
        lambda b: (b.conv1.in_channels, b.conv2.out_channels, b.conv1.stride) == (3, 4, (2, 2)),
        id="BasicBlock-all-numpy-ints",
    ),
    pytest.param(
        lambda: BasicBlock(torch.tensor(3), torch.tensor(4)),
        lambda b: type(b.conv1.in_channels) is int and b.conv1.out_channels == 4,
        id="BasicBlock-channels-0d-tensors",
    ),
    pytest.param(
        lambda: _block(3, 3).downsample,
        lambda d: d is None,
        id="BasicBlock-same-channels-no-downsample",
    ),
    pytest.param(
        lambda: _block(stride=3)(_images(2, 3, 7, 8)),
        lambda y: y.shape == (2, 4, 3, 3),
        id="BasicBlock-stride-3-odd-size",
    ),
    pytest.param(
        lambda: _block(stride=2**40)(_images(2, 3, 8, 8)),
        lambda y: y.shape == (2, 4, 1, 1),
        id="BasicBlock-stride-larger-than-image",
    ),
    pytest.param(
        lambda: _trains_after_inference_mode_construction(_block, _images(2, 3, 8, 8)),
        _all_grads,
        id="BasicBlock-built-under-inference-mode-trains",
    ),
    # BasicBlock.forward
    pytest.param(
        lambda: _block()(_images(2, 3, 8, 8)),
        lambda y: y.shape == (2, 4, 8, 8),
        id="BasicBlock.forward-x-valid",
    ),
    pytest.param(
        lambda: _block(stride=2)(_images(2, 3, 7, 7)),
        lambda y: y.shape == (2, 4, 4, 4),
        id="BasicBlock.forward-x-odd-size-stride-2",
    ),
    pytest.param(
        lambda: _block().eval()(_images(1, 3, 1, 1)),
        lambda y: y.shape == (1, 4, 1, 1),
        id="BasicBlock.forward-x-one-pixel-eval",
    ),
    pytest.param(
        lambda: _block()(_images(2, 3, 1, 1)),
        lambda y: y.shape == (2, 4, 1, 1),
        id="BasicBlock.forward-x-one-pixel-batch-2-training",
    ),
    pytest.param(
        lambda: _empty_batch_keeps_statistics(_block(), _images(0, 3, 8, 8)),
        lambda r: r[0].shape == (0, 4, 8, 8) and r[1],
        id="BasicBlock.forward-x-empty-batch",
    ),
    pytest.param(
        lambda: _backward_to_input(_block(), (2, 3, 8, 8)),
        lambda g: g is not None and g.shape == (2, 3, 8, 8),
        id="BasicBlock.forward-x-requires-grad",
    ),
    pytest.param(
        lambda: run_in(torch.no_grad, lambda: _block()(_images(2, 3, 8, 8))),
        lambda y: y.grad_fn is None and y.shape == (2, 4, 8, 8),
        id="BasicBlock.forward-no-grad",
    ),
    pytest.param(
        lambda: run_in(torch.inference_mode, lambda: _block()(_images(2, 3, 8, 8))),
        lambda y: y.is_inference() and y.shape == (2, 4, 8, 8),
        id="BasicBlock.forward-inference-mode",
    ),
    pytest.param(
        lambda: _inference_input_backward(_block(), _inference_tensor(2, 3, 8, 8)),
        _all_grads,
        id="BasicBlock.forward-x-inference-tensor-with-autograd",
    ),
    pytest.param(
        lambda: _pair(_block().eval(), _images(2, 3, 8, 16)[..., ::2]),
        _close,
        id="BasicBlock.forward-x-strided-view",
    ),
    pytest.param(
        lambda: _pair(_block().eval(), _images(2, 3, 8, 8).to(memory_format=torch.channels_last)),
        _close,
        id="BasicBlock.forward-x-channels-last",
    ),
    pytest.param(
        lambda: _block().double()(_images(2, 3, 8, 8, dtype=torch.float64)),
        lambda y: y.dtype == torch.float64,
        id="BasicBlock.forward-x-float64-model",
    ),
    pytest.param(
        lambda: _autocast(lambda: _block()(_images(2, 3, 8, 8, dtype=torch.bfloat16))),
        lambda y: y.dtype == torch.bfloat16,
        id="BasicBlock.forward-x-bfloat16-autocast",
    ),
    # ResNet
    pytest.param(
        lambda: _net([1, 1, 1, 2]),
        lambda m: len(m.layer4) == 2 and len(m.layer1) == 1,
        id="ResNet-blocks_per_stage-list",
    ),
    pytest.param(
        lambda: _net(torch.Size([1, 1, 1, 1])),
        lambda m: len(m.layer2) == 1,
        id="ResNet-blocks_per_stage-torch-Size",
    ),
    pytest.param(
        lambda: _net((np.int64(1), 1, torch.tensor(2), 1), num_classes=np.int16(5)),
        lambda m: len(m.layer3) == 2 and m.fc.out_features == 5,
        id="ResNet-numpy-and-tensor-ints",
    ),
    pytest.param(
        lambda: _trains_after_inference_mode_construction(_net, _images(2, 3, 8, 8)),
        _all_grads,
        id="ResNet-built-under-inference-mode-trains",
    ),
    # ResNet.forward
    pytest.param(
        lambda: _net()(_images(2, 3, 8, 8)),
        lambda y: y.shape == (2, 3),
        id="ResNet.forward-x-valid",
    ),
    pytest.param(
        lambda: _net()(_images(1, 3, 33, 33)),
        lambda y: y.shape == (1, 3),
        id="ResNet.forward-x-smallest-image-batch-1-training",
    ),
    pytest.param(
        lambda: _net()(_images(2, 3, 1, 1)),
        lambda y: y.shape == (2, 3),
        id="ResNet.forward-x-one-pixel-batch-2-training",
    ),
    pytest.param(
        lambda: _net().eval()(_images(1, 3, 8, 8)),
        lambda y: y.shape == (1, 3),
        id="ResNet.forward-x-batch-1-eval",
    ),
    pytest.param(
        lambda: _empty_batch_keeps_statistics(_net(), _images(0, 3, 8, 8)),
        lambda r: r[0].shape == (0, 3) and r[1],
        id="ResNet.forward-x-empty-batch",
    ),
    pytest.param(
        lambda: _backward_to_input(_net(), (2, 3, 8, 8)),
        lambda g: g is not None and bool(g.abs().sum() > 0),
        id="ResNet.forward-x-requires-grad",
    ),
    pytest.param(
        lambda: run_in(torch.no_grad, lambda: _net()(_images(2, 3, 8, 8))),
        lambda y: y.grad_fn is None and y.shape == (2, 3),
        id="ResNet.forward-no-grad",
    ),
    pytest.param(
        lambda: run_in(torch.inference_mode, lambda: _net()(_images(2, 3, 8, 8))),
        lambda y: y.is_inference() and y.shape == (2, 3),
        id="ResNet.forward-inference-mode",
    ),
    pytest.param(
        lambda: _inference_input_backward(_net(), _inference_tensor(2, 3, 8, 8)),
        _all_grads,
        id="ResNet.forward-x-inference-tensor-with-autograd",
    ),
    pytest.param(
        lambda: _pair(_net().eval(), _images(2, 3, 8, 16)[..., ::2]),
        _close,
        id="ResNet.forward-x-strided-view",
    ),
    pytest.param(
        lambda: _pair(_net().eval(), _images(2, 3, 8, 8).to(memory_format=torch.channels_last)),
        _close,
        id="ResNet.forward-x-channels-last",
    ),
    pytest.param(
        lambda: _autocast(lambda: _net()(_images(2, 3, 8, 8, dtype=torch.bfloat16))),
        lambda y: y.dtype == torch.bfloat16,
        id="ResNet.forward-x-bfloat16-autocast",
    ),
    # SimpleModel
    pytest.param(
        lambda: _trains_after_inference_mode_construction(SimpleModel, _images(3, 2)),
        _all_grads,
        id="SimpleModel-built-under-inference-mode-trains",
    ),
    # SimpleModel.forward
    pytest.param(
        lambda: _simple()(torch.tensor([1.0, 2.0])),
        lambda y: y.shape == (1,),
        id="SimpleModel.forward-x-1d",
    ),
    pytest.param(
        lambda: _simple()(_images(4, 5, 2)),
        lambda y: y.shape == (4, 5, 1),
        id="SimpleModel.forward-x-3d",
    ),
    pytest.param(
        lambda: _simple()(torch.ones(0, 2)),
        lambda y: y.shape == (0, 1),
        id="SimpleModel.forward-x-empty-batch",
    ),
    pytest.param(
        lambda: _simple()(torch.tensor([[math.nan, 1.0], [1.0, 2.0]])),
        lambda y: bool(y[0].isnan().all()) and bool(y[1].isfinite().all()),
        id="SimpleModel.forward-x-nan-propagates-per-row",
    ),
    pytest.param(
        lambda: _simple()(torch.tensor([[math.inf, 1.0]])),
        lambda y: not bool(y.isfinite().any()),
        id="SimpleModel.forward-x-inf",
    ),
    pytest.param(
        lambda: _backward_to_input(_simple(), (3, 2)),
        lambda g: g.shape == (3, 2),
        id="SimpleModel.forward-x-requires-grad",
    ),
    pytest.param(
        lambda: run_in(torch.no_grad, lambda: _simple()(_images(3, 2))),
        lambda y: y.grad_fn is None,
        id="SimpleModel.forward-no-grad",
    ),
    pytest.param(
        lambda: run_in(torch.inference_mode, lambda: _simple()(_images(3, 2))),
        lambda y: y.is_inference(),
        id="SimpleModel.forward-inference-mode",
    ),
    pytest.param(
        lambda: _inference_input_backward(_simple(), _inference_tensor(3, 2)),
        _all_grads,
        id="SimpleModel.forward-x-inference-tensor-with-autograd",
    ),
    pytest.param(
        lambda: _pair(_simple(), _images(3, 4)[:, ::2]),
        _close,
        id="SimpleModel.forward-x-strided-view",
    ),
    pytest.param(
        lambda: _pair(_simple(), _images(2, 3).T[:, :2]),
        _close,
        id="SimpleModel.forward-x-transposed-view",
    ),
    pytest.param(
        lambda: _simple().double()(torch.ones(1, 2, dtype=torch.float64)),
        lambda y: y.dtype == torch.float64,
        id="SimpleModel.forward-x-float64-model",
    ),
    pytest.param(
        lambda: _autocast(lambda: _simple()(torch.ones(1, 2, dtype=torch.bfloat16))),
        lambda y: y.dtype == torch.bfloat16,
        id="SimpleModel.forward-x-bfloat16-autocast",
    ),
]


@pytest.mark.parametrize(("call", "check"), DOCUMENTED)
def test_documented_result(call: Callable[[], Any], check: Callable[[Any], bool]) -> None:
    assert_documented(call, check)
