"""Bad and edge-case input for ``pytorch_basics.digits`` and ``pytorch_basics.training``.

The table covers every public callable of the two modules (the names in ``__all__``):
``load_digits_tensors``, ``DigitsDataset`` (its constructor, ``__len__`` and
``__getitem__``), ``accuracy``, ``train_one_epoch``, ``evaluate`` and the frozen
``Evaluation`` (``IMAGE_SHAPE`` and ``NUM_CLASSES`` are constants). Each row tries one
argument with one kind of bad or edge-case value: the wrong type, shape or dtype,
``bool`` where an integer is expected, NaN, empty and 0-d tensors, the meta device,
out-of-range labels and indices, loaders that yield the wrong things or nothing, losses
that do not average, optimizers of another model, devices that are not devices, strided
views, inference tensors, and calls under ``torch.no_grad()`` and
``torch.inference_mode()``.

Every row has one of two outcomes:

* ``CLEAR``: the call raises the given exception, and its message contains the given
  words, the first of which is always the argument's name.
* ``DOCUMENTED``: the call returns, and the returned value passes the row's check;
  the behaviour it checks is the one the docstring states for that case.

Every row runs with the shared time limit of ``tests/bad_input.py``.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import pytest
import torch
from bad_input import assert_clear_error, assert_documented, run_in
from torch import nn

from pytorch_basics.digits import DigitsDataset, load_digits_tensors
from pytorch_basics.training import Evaluation, accuracy, evaluate, train_one_epoch

NAN = float("nan")
CE = nn.CrossEntropyLoss()

# ---- inputs ---------------------------------------------------------------------------

_IMAGES = torch.linspace(0.0, 1.0, 3 * 64).reshape(3, 1, 8, 8)
_LABELS = torch.tensor([7, 0, 9])
_X = torch.tensor([[-2.0, -1.0], [1.0, 2.0], [-1.0, -3.0], [3.0, 0.5]])
_Y = torch.tensor([0, 1, 0, 1])
_BATCHES = [(_X[:3], _Y[:3]), (_X[3:], _Y[3:])]  # 3 examples, then 1
_LOGITS = torch.tensor([[2.0, 0.5], [0.1, 0.3], [1.0, -1.0], [0.0, 4.0]])
_HITS = torch.tensor([0, 1, 1, 1])  # 3 of 4 right with _LOGITS
_META = torch.empty(4, 2, device="meta")


def _no_grad(call: Callable[[], Any]) -> Callable[[], Any]:
    return partial(run_in, torch.no_grad, call)


def _inference(call: Callable[[], Any]) -> Callable[[], Any]:
    return partial(run_in, torch.inference_mode, call)


def _model() -> nn.Linear:
    """A linear classifier with fixed weights: the same on every call."""
    model = nn.Linear(2, 2)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[-0.5, -0.5], [0.5, 0.5]]))
        model.bias.zero_()
    return model


def _sgd(model: nn.Module) -> torch.optim.SGD:
    return torch.optim.SGD(model.parameters(), lr=0.1)


def _train(loader: Any = None, model: nn.Module | None = None, **options: Any) -> float:
    """``train_one_epoch`` with a fresh fixed model and its SGD unless given."""
    model = _model() if model is None else model
    batches = _BATCHES if loader is None else loader
    return train_one_epoch(model, batches, CE, _sgd(model), **options)


def _evaluate(loader: Any = None, model: nn.Module | None = None, **options: Any) -> Evaluation:
    model = _model() if model is None else model
    return evaluate(model, _BATCHES if loader is None else loader, CE, **options)


def _trained_params(call: Callable[[nn.Module], Any]) -> Callable[[], Any]:
    """Run ``call`` on a fresh model; the model's parameters afterwards."""

    def run() -> list[torch.Tensor]:
        model = _model()
        call(model)
        return [p.detach().clone() for p in model.parameters()]

    return run


_TRAINED = _train()  # the loss of the reference epoch
_TRAINED_PARAMS = _trained_params(lambda m: _train(model=m))()
_EVALUATED = _evaluate()
with torch.no_grad():
    _FULL_LOSS = CE(_model()(_X), _Y).item()


def _is_reference_epoch(result: Any) -> bool:
    return result == _TRAINED


def _same_params(result: Any) -> bool:
    return all(torch.equal(a, b) for a, b in zip(result, _TRAINED_PARAMS, strict=True))


def _is_reference_evaluation(result: Any) -> bool:
    return result == _EVALUATED


def _inference_batches() -> list[tuple[torch.Tensor, torch.Tensor]]:
    with torch.inference_mode():
        return [(x.clone(), y.clone()) for x, y in _BATCHES]


def _paramless_model_output(result: Any) -> bool:
    with torch.no_grad():
        loss = CE(_X, _Y).item()
    return isinstance(result, Evaluation) and math.isclose(result.loss, loss, rel_tol=1e-6)


def _eval_mode_then(model: nn.Module) -> nn.Module:
    model.eval()
    return model


def _frozen_assign() -> None:
    _EVALUATED.loss = 0.0  # type: ignore[misc]


class _NoLossReduction(nn.Module):
    """A loss module that returns one loss per example (as ``reduction="none"``)."""

    def forward(self, outputs: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        return nn.functional.cross_entropy(outputs, labels, reduction="none")


# ---- CLEAR: a clear error that names the argument -------------------------------------

CLEAR = [
    # DigitsDataset(images, labels, transform=...)
    pytest.param(lambda: DigitsDataset(_IMAGES), ValueError, ["labels must be given with images", "got None"], id="DigitsDataset-labels-missing"),
    pytest.param(lambda: DigitsDataset(None, _LABELS), ValueError, ["images must be given with labels"], id="DigitsDataset-images-missing"),
    pytest.param(lambda: DigitsDataset(_IMAGES.numpy(), _LABELS), TypeError, ["images must be a torch.Tensor", "ndarray"], id="DigitsDataset-images-ndarray"),
    pytest.param(lambda: DigitsDataset(_IMAGES.tolist(), _LABELS), TypeError, ["images must be a torch.Tensor", "list"], id="DigitsDataset-images-list"),
    pytest.param(lambda: DigitsDataset(_IMAGES.reshape(3, 64), _LABELS), ValueError, ["images must have shape (N, 1, 8, 8)", "(3, 64)"], id="DigitsDataset-images-flat"),
    pytest.param(lambda: DigitsDataset(_IMAGES[:, 0], _LABELS), ValueError, ["images must have shape (N, 1, 8, 8)", "(3, 8, 8)"], id="DigitsDataset-images-no-channel"),
    pytest.param(lambda: DigitsDataset(_IMAGES.expand(3, 3, 8, 8), _LABELS), ValueError, ["images must have shape (N, 1, 8, 8)", "(3, 3, 8, 8)"], id="DigitsDataset-images-three-channels"),
    pytest.param(lambda: DigitsDataset(torch.zeros(1, 8, 8), _LABELS[:1]), ValueError, ["images must have shape (N, 1, 8, 8)", "(1, 8, 8)"], id="DigitsDataset-images-one-image-without-batch"),
    pytest.param(lambda: DigitsDataset(torch.zeros(3, 1, 8, 8, dtype=torch.uint8), _LABELS), TypeError, ["images must have a floating-point dtype", "torch.uint8"], id="DigitsDataset-images-uint8"),
    pytest.param(lambda: DigitsDataset(torch.zeros(3, 1, 8, 8, dtype=torch.bool), _LABELS), TypeError, ["images must have a floating-point dtype", "torch.bool"], id="DigitsDataset-images-bool"),
    pytest.param(lambda: DigitsDataset(_IMAGES.clone().index_fill_(0, torch.tensor([1]), NAN), _LABELS), ValueError, ["images must hold only finite values", "64 NaN"], id="DigitsDataset-images-nan"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS.numpy()), TypeError, ["labels must be a torch.Tensor", "ndarray"], id="DigitsDataset-labels-ndarray"),
    pytest.param(lambda: DigitsDataset(_IMAGES, [7, 0, 9]), TypeError, ["labels must be a torch.Tensor", "list"], id="DigitsDataset-labels-list"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS.reshape(3, 1)), ValueError, ["labels must have 1 dimension", "(3, 1)"], id="DigitsDataset-labels-2d"),
    pytest.param(lambda: DigitsDataset(_IMAGES[:1], torch.tensor(7)), ValueError, ["labels must have 1 dimension", "got 0"], id="DigitsDataset-labels-0d"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS.int()), TypeError, ["labels must have dtype torch.int64", "labels.long()", "torch.int32"], id="DigitsDataset-labels-int32"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS.float()), TypeError, ["labels must have dtype torch.int64", "torch.float32"], id="DigitsDataset-labels-float"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS.bool()), TypeError, ["labels must have dtype torch.int64", "torch.bool"], id="DigitsDataset-labels-bool"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS[:2]), ValueError, ["labels must have one label per image", "2 labels for 3 images"], id="DigitsDataset-labels-too-few"),
    pytest.param(lambda: DigitsDataset(_IMAGES, torch.tensor([7, 0, 10])), ValueError, ["labels must be digits from 0 to 9", "got 10"], id="DigitsDataset-labels-ten"),
    pytest.param(lambda: DigitsDataset(_IMAGES, torch.tensor([7, -1, 9])), ValueError, ["labels must be digits from 0 to 9", "got -1"], id="DigitsDataset-labels-negative"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS.to("meta")), ValueError, ["labels must be on the device of images", "meta"], id="DigitsDataset-labels-other-device"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS, transform="flatten"), TypeError, ["transform must be callable or None", "str 'flatten'"], id="DigitsDataset-transform-str"),
    pytest.param(lambda: DigitsDataset(transform=3), TypeError, ["transform must be callable or None", "int 3"], id="DigitsDataset-transform-int-default-data"),
    # DigitsDataset.__getitem__
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS)[3], IndexError, ["index must be from -3 to 2", "got 3"], id="DigitsDataset-getitem-index-past-the-end"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS)[-4], IndexError, ["index must be from -3 to 2", "got -4"], id="DigitsDataset-getitem-index-before-the-start"),
    pytest.param(lambda: DigitsDataset(_IMAGES[:0], _LABELS[:0])[0], IndexError, ["index must be from 0 to -1", "got 0"], id="DigitsDataset-getitem-empty-dataset"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS)[1.0], TypeError, ["index must be an int", "float 1.0"], id="DigitsDataset-getitem-index-float"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS)[True], TypeError, ["index must be an int", "bool True"], id="DigitsDataset-getitem-index-bool"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS)[np.True_], TypeError, ["index must be an int"], id="DigitsDataset-getitem-index-numpy-bool"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS)[None], TypeError, ["index must be an int", "NoneType"], id="DigitsDataset-getitem-index-none"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS)[0:2], TypeError, ["index must be an int", "slice"], id="DigitsDataset-getitem-index-slice"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS)["0"], TypeError, ["index must be an int", "str"], id="DigitsDataset-getitem-index-str"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS)[torch.tensor([0, 1])], TypeError, ["index must be an int", "shape (2,)"], id="DigitsDataset-getitem-index-1d-tensor"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS)[torch.tensor(1.0)], TypeError, ["index must be an int", "torch.float32"], id="DigitsDataset-getitem-index-0d-float-tensor"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS)[torch.tensor(1, device="meta")], ValueError, ["index must hold a value", "meta"], id="DigitsDataset-getitem-index-meta-tensor"),
    # accuracy(logits, labels)
    pytest.param(lambda: accuracy(_LOGITS.tolist(), _Y), TypeError, ["logits must be a torch.Tensor", "list"], id="accuracy-logits-list"),
    pytest.param(lambda: accuracy(_LOGITS.numpy(), _Y), TypeError, ["logits must be a torch.Tensor", "ndarray"], id="accuracy-logits-ndarray"),
    pytest.param(lambda: accuracy(_LOGITS, [0, 1, 0, 1]), TypeError, ["labels must be a torch.Tensor", "list"], id="accuracy-labels-list"),
    pytest.param(lambda: accuracy(_LOGITS[:, 0], _Y), ValueError, ["logits must have 2 dimensions", "(4,)"], id="accuracy-logits-1d"),
    pytest.param(lambda: accuracy(_LOGITS[None], _Y), ValueError, ["logits must have 2 dimensions", "(1, 4, 2)"], id="accuracy-logits-3d"),
    pytest.param(lambda: accuracy(torch.tensor(1.0), _Y), ValueError, ["logits must have 2 dimensions", "got 0"], id="accuracy-logits-0d"),
    pytest.param(lambda: accuracy(_LOGITS.long(), _Y), TypeError, ["logits must have a floating-point dtype", "torch.int64"], id="accuracy-logits-int"),
    pytest.param(lambda: accuracy(_LOGITS > 0, _Y), TypeError, ["logits must have a floating-point dtype", "torch.bool"], id="accuracy-logits-bool"),
    pytest.param(lambda: accuracy(_LOGITS.to(torch.complex64), _Y), TypeError, ["logits must have a floating-point dtype", "complex64"], id="accuracy-logits-complex"),
    pytest.param(lambda: accuracy(torch.zeros(4, 0), _Y), ValueError, ["logits must have at least 1 class"], id="accuracy-logits-no-class"),
    pytest.param(lambda: accuracy(torch.zeros(0, 2), _Y[:0]), ValueError, ["logits must hold at least one example", "(0, 2)"], id="accuracy-logits-no-example"),
    pytest.param(lambda: accuracy(_LOGITS, _Y.reshape(4, 1)), ValueError, ["labels must have 1 dimension", "(4, 1)"], id="accuracy-labels-2d"),
    pytest.param(lambda: accuracy(_LOGITS[:1], torch.tensor(0)), ValueError, ["labels must have 1 dimension", "got 0"], id="accuracy-labels-0d"),
    pytest.param(lambda: accuracy(_LOGITS, _Y.float()), TypeError, ["labels must have an integer dtype", "torch.float32"], id="accuracy-labels-float"),
    pytest.param(lambda: accuracy(_LOGITS, _Y.bool()), TypeError, ["labels must have an integer dtype", "torch.bool"], id="accuracy-labels-bool"),
    pytest.param(lambda: accuracy(_LOGITS, _Y[:3]), ValueError, ["logits and labels must have the same number of examples", "4 and 3"], id="accuracy-labels-too-few"),
    pytest.param(lambda: accuracy(_LOGITS, torch.tensor([0, 1, 2, 1])), ValueError, ["labels must be class indices from 0 to 1", "got 2"], id="accuracy-labels-past-the-classes"),
    pytest.param(lambda: accuracy(_LOGITS, torch.tensor([0, -1, 0, 1])), ValueError, ["labels must be class indices from 0 to 1", "got -1"], id="accuracy-labels-negative"),
    pytest.param(lambda: accuracy(_LOGITS, _Y.to("meta")), ValueError, ["labels must be on the device of logits", "meta"], id="accuracy-labels-other-device"),
    pytest.param(lambda: accuracy(_META, _Y.to("meta")), ValueError, ["logits must hold values", "meta"], id="accuracy-logits-meta"),
    # train_one_epoch(model, loader, loss_fn, optimizer, device=...)
    pytest.param(lambda: train_one_epoch(lambda x: x, _BATCHES, CE, _sgd(_model())), TypeError, ["model must be a torch.nn.Module", "function"], id="train_one_epoch-model-function"),
    pytest.param(lambda: train_one_epoch(None, _BATCHES, CE, _sgd(_model())), TypeError, ["model must be a torch.nn.Module", "NoneType"], id="train_one_epoch-model-none"),
    pytest.param(lambda: _train(loader=5), TypeError, ["loader must be an iterable of (inputs, labels) batches", "int 5"], id="train_one_epoch-loader-int"),
    pytest.param(lambda: _train(loader=[]), ValueError, ["loader must yield at least one example", "none"], id="train_one_epoch-loader-empty"),
    pytest.param(lambda: _train(loader=[(_X[:0], _Y[:0])]), ValueError, ["loader must yield at least one example"], id="train_one_epoch-loader-only-empty-batches"),
    pytest.param(lambda: _train(loader=[_X]), TypeError, ["loader must yield (inputs, labels) pairs of tensors", "a tensor of shape (4, 2)", "batch 0"], id="train_one_epoch-loader-yields-tensors"),
    pytest.param(lambda: _train(loader=(_X, _Y)), TypeError, ["loader must yield (inputs, labels) pairs of tensors", "batch 0"], id="train_one_epoch-loader-one-pair-not-in-a-list"),
    pytest.param(lambda: _train(loader=[(_X, _Y, _Y)]), TypeError, ["loader must yield (inputs, labels) pairs of tensors", "a tuple of 3 item(s)"], id="train_one_epoch-loader-yields-triples"),
    pytest.param(lambda: _train(loader=[(_X, _Y.tolist())]), TypeError, ["loader must yield (inputs, labels) pairs of tensors", "(tensor, list)"], id="train_one_epoch-loader-labels-list"),
    pytest.param(lambda: _train(loader=[*_BATCHES, {"x": _X}]), TypeError, ["loader must yield (inputs, labels) pairs of tensors", "dict", "batch 2"], id="train_one_epoch-loader-bad-third-batch"),
    pytest.param(lambda: _train(loader=[(_X, _Y[:3])]), ValueError, ["loader must yield inputs and labels with the same first dimension", "(4, 2) and (3,)"], id="train_one_epoch-loader-lengths-differ"),
    pytest.param(lambda: _train(loader=[(torch.tensor(1.0), torch.tensor(0))]), ValueError, ["loader must yield inputs and labels with the same first dimension", "() and ()"], id="train_one_epoch-loader-0d"),
    pytest.param(lambda: train_one_epoch(_model(), _BATCHES, "cross_entropy", _sgd(_model())), TypeError, ["loss_fn must be callable", "str 'cross_entropy'"], id="train_one_epoch-loss_fn-str"),
    pytest.param(lambda: train_one_epoch(_model(), _BATCHES, nn.CrossEntropyLoss, _sgd(_model())), ValueError, ["optimizer must update the model's parameters"], id="train_one_epoch-optimizer-checked-before-the-loss-class-is-called"),
    pytest.param(lambda: (lambda m: train_one_epoch(m, _BATCHES, nn.CrossEntropyLoss(reduction="sum"), _sgd(m)))(_model()), ValueError, ["loss_fn must return the mean loss of a batch", "reduction='sum'"], id="train_one_epoch-loss_fn-sum"),
    pytest.param(lambda: (lambda m: train_one_epoch(m, _BATCHES, nn.CrossEntropyLoss(reduction="none"), _sgd(m)))(_model()), ValueError, ["loss_fn must return the mean loss of a batch", "reduction='none'"], id="train_one_epoch-loss_fn-none-reduction"),
    pytest.param(lambda: (lambda m: train_one_epoch(m, _BATCHES, _NoLossReduction(), _sgd(m)))(_model()), ValueError, ["loss_fn must return a 0-d floating-point tensor", "shape (3,)"], id="train_one_epoch-loss_fn-returns-one-per-example"),
    pytest.param(lambda: (lambda m: train_one_epoch(m, _BATCHES, lambda o, y: CE(o, y).item(), _sgd(m)))(_model()), ValueError, ["loss_fn must return a 0-d floating-point tensor", "float"], id="train_one_epoch-loss_fn-returns-float"),
    pytest.param(lambda: (lambda m: train_one_epoch(m, _BATCHES, lambda o, y: CE(o, y).detach(), _sgd(m)))(_model()), ValueError, ["loss_fn must return a loss computed from the model's outputs", "does not require grad"], id="train_one_epoch-loss_fn-returns-detached"),
    pytest.param(lambda: (lambda m: train_one_epoch(m, _BATCHES, lambda o, y: (o.argmax(1) != y).sum(), _sgd(m)))(_model()), ValueError, ["loss_fn must return a 0-d floating-point tensor", "torch.int64"], id="train_one_epoch-loss_fn-returns-int"),
    pytest.param(lambda: train_one_epoch(_model(), _BATCHES, CE, None), TypeError, ["optimizer must be a torch.optim.Optimizer", "NoneType"], id="train_one_epoch-optimizer-none"),
    pytest.param(lambda: (lambda m: train_one_epoch(m, _BATCHES, CE, list(m.parameters())))(_model()), TypeError, ["optimizer must be a torch.optim.Optimizer", "list"], id="train_one_epoch-optimizer-parameter-list"),
    pytest.param(lambda: train_one_epoch(_model(), _BATCHES, CE, _sgd(_model())), ValueError, ["optimizer must update the model's parameters", "another model"], id="train_one_epoch-optimizer-of-another-model"),
    pytest.param(lambda: train_one_epoch(nn.ReLU(), _BATCHES, CE, _sgd(_model())), ValueError, ["optimizer must update the model's parameters"], id="train_one_epoch-model-without-parameters"),
    pytest.param(lambda: _train(device=0), TypeError, ["device must be a str, a torch.device or None", "int 0"], id="train_one_epoch-device-int"),
    pytest.param(lambda: _train(device="gpu"), ValueError, ["device must name a device", "'gpu'"], id="train_one_epoch-device-unknown"),
    pytest.param(lambda: _train(device=""), ValueError, ["device must name a device", "''"], id="train_one_epoch-device-empty"),
    pytest.param(lambda: _train(device="cuda"), ValueError, ["device is cuda but the model's parameter 'weight' is on cpu", "model.to('cuda')"], id="train_one_epoch-device-not-the-parameters"),
    pytest.param(lambda: _train(device="meta"), ValueError, ["device is meta but the model's parameter 'weight' is on cpu"], id="train_one_epoch-device-meta"),
    pytest.param(lambda: _train(model=run_in(torch.inference_mode, _model)), ValueError, ["model must have ordinary parameters", "'weight' is an inference tensor"], id="train_one_epoch-model-built-under-inference_mode"),
    pytest.param(lambda: _train(model=_model().to("meta")), ValueError, ["device must hold data", "meta"], id="train_one_epoch-model-on-meta"),
    # evaluate(model, loader, loss_fn, device=...)
    pytest.param(lambda: evaluate("model", _BATCHES, CE), TypeError, ["model must be a torch.nn.Module", "str 'model'"], id="evaluate-model-str"),
    pytest.param(lambda: _evaluate(loader=None.__class__), TypeError, ["loader must be an iterable", "type"], id="evaluate-loader-type"),
    pytest.param(lambda: _evaluate(loader=iter([])), ValueError, ["loader must yield at least one example"], id="evaluate-loader-exhausted-iterator"),
    pytest.param(lambda: _evaluate(loader=["xy"]), TypeError, ["loader must yield (inputs, labels) pairs of tensors", "str 'xy'"], id="evaluate-loader-yields-str"),
    pytest.param(lambda: _evaluate(loader=[(_X[:2], _Y)]), ValueError, ["loader must yield inputs and labels with the same first dimension", "(2, 2) and (4,)"], id="evaluate-loader-lengths-differ"),
    pytest.param(lambda: evaluate(_model(), _BATCHES, None), TypeError, ["loss_fn must be callable", "NoneType"], id="evaluate-loss_fn-none"),
    pytest.param(lambda: evaluate(_model(), _BATCHES, nn.MSELoss(reduction="sum")), ValueError, ["loss_fn must return the mean loss of a batch", "reduction='sum'"], id="evaluate-loss_fn-sum"),
    pytest.param(lambda: evaluate(_model(), _BATCHES, _NoLossReduction()), ValueError, ["loss_fn must return a 0-d floating-point tensor", "shape (3,)"], id="evaluate-loss_fn-returns-one-per-example"),
    pytest.param(lambda: evaluate(nn.Sequential(nn.Linear(2, 1), nn.Flatten(0)), _BATCHES, CE), ValueError, ["the model's output must have 2 dimensions (examples, classes)", "(3,)"], id="evaluate-model-output-1d"),
    pytest.param(lambda: _evaluate(loader=[(_X, _Y.float())]), TypeError, ["the loader's labels must have an integer dtype", "torch.float32"], id="evaluate-labels-float"),
    pytest.param(lambda: _evaluate(loader=[(_X, _Y + 1)]), ValueError, ["the loader's labels must be class indices from 0 to 1", "got 2"], id="evaluate-labels-past-the-classes"),
    pytest.param(lambda: _evaluate(loader=[(_X, _Y[:, None])]), ValueError, ["the loader's labels must have 1 dimension", "(4, 1)"], id="evaluate-labels-2d"),
    pytest.param(lambda: evaluate(nn.Identity(), [(_X, _Y)], CE), ValueError, ["device must be given for a model without parameters", "None"], id="evaluate-device-none-model-without-parameters"),
    pytest.param(lambda: _evaluate(device=torch.float32), TypeError, ["device must be a str, a torch.device or None", "dtype"], id="evaluate-device-dtype"),
    pytest.param(lambda: _evaluate(device="cpu:x"), ValueError, ["device must name a device", "'cpu:x'"], id="evaluate-device-bad-index"),
    pytest.param(lambda: _evaluate(device=torch.device("cuda", 0)), ValueError, ["device is cuda:0 but the model's parameter 'weight' is on cpu"], id="evaluate-device-not-the-parameters"),
    pytest.param(lambda: _evaluate(model=_model().to("meta")), ValueError, ["device must hold data", "meta"], id="evaluate-model-on-meta"),
    # Evaluation
    pytest.param(_frozen_assign, dataclasses.FrozenInstanceError, ["cannot assign to field 'loss'"], id="Evaluation-is-frozen"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "error", "words"), CLEAR)
def test_clear_error(call: Callable[[], Any], error: type[Exception], words: list[str]) -> None:
    assert_clear_error(call, error, words)


# ---- DOCUMENTED: the result the docstring promises ------------------------------------

DOCUMENTED = [
    # load_digits_tensors
    pytest.param(load_digits_tensors, lambda r: r[0].shape == (1797, 1, 8, 8) and r[1].shape == (1797,), id="load_digits_tensors-shapes"),
    pytest.param(_inference(load_digits_tensors), lambda r: not r[0].is_inference() and not r[1].is_inference(), id="load_digits_tensors-under-inference_mode-ordinary-tensors"),
    pytest.param(_no_grad(load_digits_tensors), lambda r: not r[0].requires_grad and r[0].dtype == torch.float32, id="load_digits_tensors-under-no_grad"),
    # DigitsDataset
    pytest.param(lambda: len(DigitsDataset()), lambda n: n == 1797 and type(n) is int, id="DigitsDataset-len-all-digits"),
    pytest.param(lambda: len(DigitsDataset(_IMAGES[:0], _LABELS[:0])), lambda n: n == 0, id="DigitsDataset-len-empty"),
    pytest.param(lambda: DigitsDataset(_IMAGES.double(), _LABELS)[0][0], lambda x: x.dtype == torch.float64, id="DigitsDataset-images-float64-kept"),
    pytest.param(lambda: DigitsDataset(_IMAGES * 16, _LABELS)[0][0], lambda x: float(x.max()) > 1, id="DigitsDataset-images-any-finite-range"),
    pytest.param(lambda: DigitsDataset(_IMAGES.transpose(2, 3), _LABELS)[2][0], lambda x: torch.equal(x, _IMAGES[2].transpose(1, 2)), id="DigitsDataset-images-transposed-view"),
    pytest.param(lambda: DigitsDataset(_IMAGES.clone().requires_grad_(True), _LABELS)[1][0], lambda x: x.requires_grad, id="DigitsDataset-images-requires-grad"),
    pytest.param(lambda: DigitsDataset(torch.zeros(3, 1, 8, 8, device="meta"), _LABELS.to("meta"))[0][0], lambda x: x.device.type == "meta", id="DigitsDataset-meta-tensors-not-read"),
    pytest.param(lambda: DigitsDataset(_IMAGES, torch.tensor([0, 9, 9]))[-1][1], lambda y: int(y) == 9, id="DigitsDataset-labels-edges-0-and-9"),
    pytest.param(_inference(lambda: DigitsDataset(_IMAGES, _LABELS)[0]), lambda r: int(r[1]) == 7, id="DigitsDataset-getitem-under-inference_mode"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS)[np.int64(2)], lambda r: int(r[1]) == 9, id="DigitsDataset-getitem-index-numpy-int"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS)[torch.tensor(1)], lambda r: int(r[1]) == 0, id="DigitsDataset-getitem-index-0d-int-tensor"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS)[-3], lambda r: int(r[1]) == 7, id="DigitsDataset-getitem-index-negative"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS, transform=lambda x: x.sum())[1], lambda r: r[0].shape == () and int(r[1]) == 0, id="DigitsDataset-transform-result-served-as-it-is"),
    pytest.param(lambda: DigitsDataset(_IMAGES, _LABELS, transform=None)[0][0], lambda x: x.shape == (1, 8, 8), id="DigitsDataset-transform-none"),
    # accuracy
    pytest.param(lambda: accuracy(_LOGITS, _HITS), lambda r: r == 0.75 and type(r) is float, id="accuracy-plain"),
    pytest.param(lambda: accuracy(torch.zeros(4, 3), _Y), lambda r: r == 0.5, id="accuracy-logits-tie-goes-to-the-first"),
    pytest.param(lambda: accuracy(torch.zeros(2, 1), torch.tensor([0, 0])), lambda r: r == 1.0, id="accuracy-logits-one-class"),
    pytest.param(lambda: accuracy(torch.tensor([[NAN, 0.0], [1.0, 0.0]]), torch.tensor([0, 0])), lambda r: r == 0.5, id="accuracy-logits-nan-row-is-wrong"),
    pytest.param(lambda: accuracy(torch.tensor([[float("inf"), 0.0], [0.0, float("-inf")]]), torch.tensor([0, 0])), lambda r: r == 1.0, id="accuracy-logits-infinite"),
    pytest.param(lambda: accuracy(_LOGITS.half(), _HITS), lambda r: r == 0.75, id="accuracy-logits-float16"),
    pytest.param(lambda: accuracy(_LOGITS.bfloat16(), _HITS), lambda r: r == 0.75, id="accuracy-logits-bfloat16"),
    pytest.param(lambda: accuracy(_LOGITS.double(), _HITS), lambda r: r == 0.75, id="accuracy-logits-float64"),
    pytest.param(lambda: accuracy(_LOGITS.T.contiguous().T, _HITS), lambda r: r == 0.75, id="accuracy-logits-transposed-view"),
    pytest.param(lambda: accuracy(torch.cat([_LOGITS, _LOGITS])[::2], _Y), lambda r: r == 0.5, id="accuracy-logits-strided-view"),
    pytest.param(lambda: accuracy(_LOGITS.clone().requires_grad_(True), _HITS), lambda r: r == 0.75, id="accuracy-logits-requires-grad"),
    pytest.param(lambda: accuracy(_LOGITS, _HITS.int()), lambda r: r == 0.75, id="accuracy-labels-int32"),
    pytest.param(lambda: accuracy(_LOGITS, _HITS.to(torch.uint8)), lambda r: r == 0.75, id="accuracy-labels-uint8"),
    pytest.param(_no_grad(lambda: accuracy(_LOGITS, _HITS)), lambda r: r == 0.75, id="accuracy-under-no_grad"),
    pytest.param(_inference(lambda: accuracy(_LOGITS, _HITS)), lambda r: r == 0.75, id="accuracy-under-inference_mode"),
    # train_one_epoch
    pytest.param(_train, lambda r: type(r) is float and 0 < r < _FULL_LOSS, id="train_one_epoch-plain"),
    pytest.param(lambda: (lambda m: train_one_epoch(m, _BATCHES, CE, torch.optim.SGD(m.parameters(), lr=0.0)))(_model()), lambda r: math.isclose(r, _FULL_LOSS, rel_tol=1e-6), id="train_one_epoch-mean-per-example-not-per-batch"),
    pytest.param(lambda: _train(device="cpu"), _is_reference_epoch, id="train_one_epoch-device-str"),
    pytest.param(lambda: _train(device=torch.device("cpu")), _is_reference_epoch, id="train_one_epoch-device-torch-device"),
    pytest.param(_no_grad(_train), _is_reference_epoch, id="train_one_epoch-under-no_grad"),
    pytest.param(lambda: (lambda m: run_in(torch.inference_mode, lambda: _train(model=m)))(_model()), _is_reference_epoch, id="train_one_epoch-under-inference_mode"),
    pytest.param(_trained_params(lambda m: run_in(torch.inference_mode, lambda: _train(model=m))), _same_params, id="train_one_epoch-under-inference_mode-steps"),
    pytest.param(lambda: _train(loader=_inference_batches()), _is_reference_epoch, id="train_one_epoch-loader-inference-tensors"),
    pytest.param(lambda: _train(loader=[_BATCHES[0], (_X[:0], _Y[:0]), _BATCHES[1]]), _is_reference_epoch, id="train_one_epoch-loader-empty-batch-skipped"),
    pytest.param(lambda: _train(loader=iter(_BATCHES)), _is_reference_epoch, id="train_one_epoch-loader-iterator"),
    pytest.param(lambda: _train(loader=[list(batch) for batch in _BATCHES]), _is_reference_epoch, id="train_one_epoch-loader-lists"),
    pytest.param(lambda: _train(loader=[(_X.T.contiguous().T[:3], _Y[:3]), _BATCHES[1]]), _is_reference_epoch, id="train_one_epoch-loader-strided-inputs"),
    pytest.param(lambda: _train(loader=[(torch.full((2, 2), NAN), _Y[:2])]), math.isnan, id="train_one_epoch-loader-nan-gives-nan"),
    pytest.param(lambda: (lambda m: (_train(model=m), m.training))(_eval_mode_then(_model())), lambda r: r == (_TRAINED, True), id="train_one_epoch-model-left-in-training-mode"),
    pytest.param(lambda: (lambda m: (train_one_epoch(m, _BATCHES, CE, torch.optim.SGD([m[0].weight], lr=0.1)), m[0].bias.detach().clone()))(nn.Sequential(_model())), lambda r: torch.equal(r[1], torch.zeros(2)), id="train_one_epoch-optimizer-over-some-parameters"),
    pytest.param(lambda: (lambda m: train_one_epoch(m, [(_X, _X.sum(1, keepdim=True))], nn.MSELoss(), _sgd(m)))(nn.Linear(2, 1)), lambda r: type(r) is float and r > 0, id="train_one_epoch-labels-float-targets-for-a-regression"),
    # evaluate
    pytest.param(_evaluate, lambda r: isinstance(r, Evaluation) and math.isclose(r.loss, _FULL_LOSS, rel_tol=1e-6) and r.accuracy == 1.0, id="evaluate-plain"),
    pytest.param(lambda: _evaluate(device="cpu"), _is_reference_evaluation, id="evaluate-device-str"),
    pytest.param(lambda: evaluate(nn.Identity(), [(_X, _Y)], CE, device="cpu"), _paramless_model_output, id="evaluate-model-without-parameters-device-given"),
    pytest.param(_no_grad(_evaluate), _is_reference_evaluation, id="evaluate-under-no_grad"),
    pytest.param(_inference(_evaluate), _is_reference_evaluation, id="evaluate-under-inference_mode"),
    pytest.param(lambda: _evaluate(loader=_inference_batches()), _is_reference_evaluation, id="evaluate-loader-inference-tensors"),
    pytest.param(lambda: _evaluate(loader=[(_X[:0], _Y[:0]), *_BATCHES]), _is_reference_evaluation, id="evaluate-loader-empty-batch-skipped"),
    pytest.param(lambda: _evaluate(loader=(b for b in _BATCHES)), _is_reference_evaluation, id="evaluate-loader-generator"),
    pytest.param(lambda: _evaluate(loader=[(torch.tensor([[NAN, 0.0], [1.0, 2.0]]), _Y[:2])]), lambda r: math.isnan(r.loss) and r.accuracy == 0.5, id="evaluate-loader-nan-row-wrong-loss-nan"),
    pytest.param(lambda: (lambda m: (_evaluate(model=m), m.training))(_eval_mode_then(_model())), lambda r: r == (_EVALUATED, False), id="evaluate-model-in-eval-mode-stays"),
    pytest.param(lambda: Evaluation(loss=0.5, accuracy=1.0), lambda r: r == Evaluation(0.5, 1.0) and hash(r) == hash(Evaluation(0.5, 1.0)), id="Evaluation-equal-and-hashable"),
]  # fmt: skip


@pytest.mark.parametrize(("call", "check"), DOCUMENTED)
def test_documented_result(call: Callable[[], Any], check: Callable[[Any], bool]) -> None:
    assert_documented(call, check)
