"""Training and evaluating a classifier: the loop the pages use but do not teach.

A page that trains a classifier writes out its model, its loss and its optimizer;
the loop around them is the same every time and lives here:

* :func:`train_one_epoch` runs one pass over a ``DataLoader`` in training mode
  (zero the gradients, forward, loss, backward, step) and returns the mean loss per
  example;
* :func:`evaluate` runs the model in evaluation mode under ``torch.inference_mode()``,
  so it changes no parameter or running statistic and records no graph, and returns
  an :class:`Evaluation` (mean loss per example and accuracy); afterwards every
  submodule is back in the mode it was in;
* :func:`accuracy` is the share of examples whose highest logit is at their label.

The functions hold no state and draw no random numbers: given the same model, data
order and optimizer state, they give the same result. The order of the examples is the
``DataLoader``'s (with ``shuffle=True``, its ``generator``'s), so resuming from a
checkpoint of the model, the optimizer and that generator continues exactly where the
run stopped.

Input is checked first, and each error names the argument, what was expected and what
came; a batch the loader yields is checked as it comes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from ._checks import _describe, check_floating, check_tensor

__all__ = ["Evaluation", "accuracy", "evaluate", "train_one_epoch"]

LossFunction = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]


@dataclass(frozen=True)
class Evaluation:
    """What :func:`evaluate` measured over every example the loader yielded.

    Attributes:
        loss: the mean loss per example (``nan`` if a loss was NaN).
        accuracy: the share of examples classified correctly, from 0.0 to 1.0.
    """

    loss: float
    accuracy: float


# ---- checks ---------------------------------------------------------------------------


def _check_model(model: Any) -> nn.Module:
    if not isinstance(model, nn.Module):
        raise TypeError(f"model must be a torch.nn.Module, got {_describe(model)}")
    return model


def _check_loss_fn(loss_fn: Any) -> LossFunction:
    if not callable(loss_fn):
        raise TypeError(
            f"loss_fn must be callable as loss_fn(outputs, labels), got {_describe(loss_fn)}"
        )
    reduction = getattr(loss_fn, "reduction", "mean")
    if reduction != "mean":
        raise ValueError(
            "loss_fn must return the mean loss of a batch (reduction='mean'), "
            f"got reduction={reduction!r}"
        )
    return loss_fn


def _check_trainable(model: nn.Module) -> None:
    """Refuse parameters made under ``torch.inference_mode()``: no step can change them."""
    for name, parameter in model.named_parameters():
        if parameter.is_inference():
            raise ValueError(
                f"model must have ordinary parameters, but {name!r} is an inference tensor "
                "(made under torch.inference_mode()); build the model outside it"
            )


def _check_optimizer(optimizer: Any, model: nn.Module) -> torch.optim.Optimizer:
    if not isinstance(optimizer, torch.optim.Optimizer):
        raise TypeError(f"optimizer must be a torch.optim.Optimizer, got {_describe(optimizer)}")
    own = {id(parameter) for parameter in model.parameters()}
    updated = [p for group in optimizer.param_groups for p in group["params"]]
    if not any(id(parameter) in own for parameter in updated):
        raise ValueError(
            f"optimizer must update the model's parameters, got an optimizer of "
            f"{len(updated)} other tensor(s); was it made for another model?"
        )
    return optimizer


def _resolve_device(model: nn.Module, device: Any) -> torch.device:
    """``device`` as a ``torch.device``; ``None`` is the device of the model's parameters."""
    if device is None:
        first = next(model.parameters(), None)
        if first is None:
            raise ValueError("device must be given for a model without parameters, got None")
        resolved = first.device
    else:
        if not isinstance(device, (str, torch.device)):
            raise TypeError(
                f"device must be a str, a torch.device or None, got {_describe(device)}"
            )
        try:
            resolved = torch.device(device)
        except RuntimeError as error:
            raise ValueError(
                f"device must name a device such as 'cpu' or 'cuda', got {device!r} ({error})"
            ) from None
        for name, parameter in model.named_parameters():
            where = parameter.device
            if where.type != resolved.type or resolved.index not in (None, where.index):
                raise ValueError(
                    f"device is {resolved} but the model's parameter {name!r} is on {where}; "
                    f"move the model with model.to({str(resolved)!r})"
                )
    if resolved.type == "meta":
        raise ValueError(
            "device must hold data, got the meta device (the model's parameters have no values)"
        )
    return resolved


def _describe_batch(batch: Any) -> str:
    if isinstance(batch, (tuple, list)):
        kinds = ", ".join(
            "tensor" if isinstance(item, torch.Tensor) else type(item).__name__
            for item in batch[:3]
        )
        more = ", ..." if len(batch) > 3 else ""
        return f"a {type(batch).__name__} of {len(batch)} item(s) ({kinds}{more})"
    return _describe(batch)


def _batches(loader: Any) -> Iterator[tuple[torch.Tensor, torch.Tensor]]:
    """The ``(inputs, labels)`` pairs of ``loader``, each checked as it comes."""
    try:
        iterator = iter(loader)
    except TypeError:
        raise TypeError(
            "loader must be an iterable of (inputs, labels) batches, such as a DataLoader, "
            f"got {_describe(loader)}"
        ) from None
    for number, batch in enumerate(iterator):
        pair = isinstance(batch, (tuple, list)) and len(batch) == 2
        if not (pair and all(isinstance(item, torch.Tensor) for item in batch)):
            raise TypeError(
                f"loader must yield (inputs, labels) pairs of tensors, got "
                f"{_describe_batch(batch)} as batch {number}"
            )
        inputs, labels = batch
        if inputs.ndim == 0 or labels.ndim == 0 or inputs.shape[0] != labels.shape[0]:
            raise ValueError(
                f"loader must yield inputs and labels with the same first dimension (the "
                f"examples), got shapes {tuple(inputs.shape)} and {tuple(labels.shape)} in "
                f"batch {number}"
            )
        yield inputs, labels


def _to(tensor: torch.Tensor, device: torch.device) -> torch.Tensor:
    """``tensor`` on ``device``; an inference tensor is copied, so autograd can save it."""
    moved = tensor.to(device)
    if moved.is_inference() and not torch.is_inference_mode_enabled():
        return moved.clone()
    return moved


def _check_loss(loss: Any, *, training: bool) -> torch.Tensor:
    if not isinstance(loss, torch.Tensor) or loss.ndim != 0 or not loss.is_floating_point():
        raise ValueError(
            "loss_fn must return a 0-d floating-point tensor (the mean loss of the batch), "
            f"got {_describe(loss)}"
        )
    if training and not loss.requires_grad:
        raise ValueError(
            "loss_fn must return a loss computed from the model's outputs (one that requires "
            "grad), got a tensor that does not require grad"
        )
    return loss


def _check_logits_labels(
    logits: Any, labels: Any, logits_name: str, labels_name: str
) -> tuple[torch.Tensor, torch.Tensor]:
    check_tensor(logits_name, logits)
    check_tensor(labels_name, labels)
    if logits.ndim != 2:
        raise ValueError(
            f"{logits_name} must have 2 dimensions (examples, classes), got {logits.ndim} "
            f"(shape {tuple(logits.shape)})"
        )
    check_floating(logits_name, logits)
    if logits.shape[1] == 0:
        raise ValueError(f"{logits_name} must have at least 1 class, got shape (N, 0)")
    if labels.ndim != 1:
        raise ValueError(
            f"{labels_name} must have 1 dimension (examples,), got {labels.ndim} "
            f"(shape {tuple(labels.shape)})"
        )
    if labels.dtype.is_floating_point or labels.dtype.is_complex or labels.dtype == torch.bool:
        raise TypeError(f"{labels_name} must have an integer dtype, got {labels.dtype}")
    if labels.shape[0] != logits.shape[0]:
        raise ValueError(
            f"{logits_name} and {labels_name} must have the same number of examples, got "
            f"{logits.shape[0]} and {labels.shape[0]}"
        )
    if labels.device != logits.device:
        raise ValueError(
            f"{labels_name} must be on the device of {logits_name} ({logits.device}), "
            f"got {labels.device}"
        )
    for name, value in ((logits_name, logits), (labels_name, labels)):
        if value.device.type == "meta":
            raise ValueError(f"{name} must hold values, got a tensor on the meta device")
    classes = logits.shape[1]
    if labels.numel():
        low, high = int(labels.min()), int(labels.max())
        if low < 0 or high >= classes:
            raise ValueError(
                f"{labels_name} must be class indices from 0 to {classes - 1}, got "
                f"{low if low < 0 else high}"
            )
    return logits, labels


def _count_correct(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """How many rows have their highest logit at their label (a row with NaN: wrong)."""
    correct = (logits.argmax(dim=1) == labels) & ~logits.isnan().any(dim=1)
    return correct.sum()


# ---- the functions --------------------------------------------------------------------


def accuracy(logits: torch.Tensor, labels: torch.Tensor) -> float:
    """The share of examples whose highest logit is the one at their label.

    The prediction is ``logits.argmax(dim=1)``: a tie goes to the first of the highest
    logits, and a row holding NaN counts as wrong. Logits that require grad are fine
    (nothing is recorded).

    Args:
        logits: floating-point tensor ``(N, C)``: one row of class scores per example,
            ``N >= 1``, ``C >= 1``.
        labels: integer tensor ``(N,)`` of class indices from 0 to ``C - 1``, on the
            device of ``logits``.

    Returns:
        A float from 0.0 to 1.0: the number of correct rows divided by ``N``.

    Raises:
        TypeError: an argument is not a tensor, ``logits`` not floating point, or
            ``labels`` not integer (``bool`` is refused).
        ValueError: a shape is wrong, the numbers of examples or the devices differ,
            there is no example, or a label is not a class index.

    Example:
        >>> logits = torch.tensor([[2.0, 0.5], [0.1, 0.3], [1.0, -1.0], [0.0, 4.0]])
        >>> accuracy(logits, torch.tensor([0, 1, 1, 1]))
        0.75
        >>> accuracy(logits, torch.tensor([0, 1, 2, 1]))
        Traceback (most recent call last):
          ...
        ValueError: labels must be class indices from 0 to 1, got 2
    """
    _check_logits_labels(logits, labels, "logits", "labels")
    if logits.shape[0] == 0:
        raise ValueError(f"logits must hold at least one example, got shape {tuple(logits.shape)}")
    return int(_count_correct(logits.detach(), labels)) / logits.shape[0]


def train_one_epoch(
    model: nn.Module,
    loader: Iterable[Sequence[torch.Tensor]],
    loss_fn: LossFunction,
    optimizer: torch.optim.Optimizer,
    *,
    device: str | torch.device | None = None,
) -> float:
    """Train ``model`` for one pass over ``loader``; the mean loss per example.

    Puts the model in training mode (and leaves it there), then for each batch: moves
    inputs and labels to ``device``, zeroes the gradients, computes
    ``loss_fn(model(inputs), labels)``, back-propagates and takes an optimizer step.
    Gradients are recorded even when called under ``torch.no_grad()`` or
    ``torch.inference_mode()``. A batch without examples is skipped. The labels go to
    ``loss_fn`` as they are (class indices for a classifier, targets for a regression),
    so an error the model or the loss raises about them (such as a class index out of
    range for ``nn.CrossEntropyLoss``) comes as the model or the loss raises it.

    Args:
        model: the ``nn.Module`` to train.
        loader: an iterable of ``(inputs, labels)`` pairs of tensors with the same first
            dimension (a ``DataLoader``, or a list of pairs).
        loss_fn: called as ``loss_fn(outputs, labels)``; must return the batch's *mean*
            loss as a 0-d floating-point tensor (such as ``nn.CrossEntropyLoss()``; a
            loss whose ``reduction`` is not ``"mean"`` is refused).
        optimizer: a ``torch.optim.Optimizer`` over (some of) the model's parameters.
        device: where the batches are moved; ``None`` (the default) is the device of
            the model's parameters. Keyword only.

    Returns:
        The mean over all examples of their loss, the batches weighted by their size
        (the loss each batch had before its step); ``nan`` if a loss was NaN.

    Raises:
        TypeError: an argument has the wrong type, or the loader yields something other
            than pairs of tensors.
        ValueError: the model's parameters were made under ``torch.inference_mode()``,
            ``loss_fn`` does not average, ``optimizer`` updates none of the model's
            parameters, ``device`` is not a device or not the parameters' one
            (or ``None`` for a model without parameters), a batch's inputs and labels
            differ in length, ``loss_fn`` returns no 0-d loss that requires grad, or
            the loader yields no example.

    Example:
        >>> model = nn.Linear(2, 2)
        >>> _ = torch.nn.init.zeros_(model.weight), torch.nn.init.zeros_(model.bias)
        >>> batches = [(torch.tensor([[-1.0, -1.0], [1.0, 1.0]]), torch.tensor([0, 1]))]
        >>> optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
        >>> round(train_one_epoch(model, batches, nn.CrossEntropyLoss(), optimizer), 4)
        0.6931
        >>> round(train_one_epoch(model, batches, nn.CrossEntropyLoss(), optimizer), 4)
        0.3133
    """
    _check_trainable(_check_model(model))
    loss_fn = _check_loss_fn(loss_fn)
    _check_optimizer(optimizer, model)
    target = _resolve_device(model, device)
    model.train()
    # inference_mode(False) records gradients also under no_grad() or inference_mode()
    with torch.inference_mode(False):
        # summed on the CPU in float64: some accelerators (Apple's MPS) have no float64
        total = torch.zeros((), dtype=torch.float64)
        count = 0
        for inputs, labels in _batches(loader):
            size = inputs.shape[0]
            if size == 0:
                continue
            inputs, labels = _to(inputs, target), _to(labels, target)
            optimizer.zero_grad()
            loss = _check_loss(loss_fn(model(inputs), labels), training=True)
            loss.backward()
            optimizer.step()
            total += loss.detach().cpu().double() * size
            count += size
    if count == 0:
        raise ValueError("loader must yield at least one example, got none")
    return float(total) / count


def evaluate(
    model: nn.Module,
    loader: Iterable[Sequence[torch.Tensor]],
    loss_fn: LossFunction,
    *,
    device: str | torch.device | None = None,
) -> Evaluation:
    """The mean loss per example and the accuracy of ``model`` over ``loader``.

    The model runs in evaluation mode (dropout off, batch norm on its running
    statistics) under ``torch.inference_mode()``: no parameter, buffer or gradient
    changes and no graph is recorded. Afterwards the model and each of its submodules
    are back in the mode they were in, also when an error stopped the pass. A batch
    without examples is skipped.

    Args:
        model: the ``nn.Module`` to evaluate; its output for a batch must be logits
            ``(batch, C)``.
        loader: an iterable of ``(inputs, labels)`` pairs of tensors with the same first
            dimension; the labels are class indices from 0 to ``C - 1``.
        loss_fn: called as ``loss_fn(outputs, labels)``; must return the batch's mean
            loss as a 0-d floating-point tensor (a ``reduction`` other than ``"mean"``
            is refused).
        device: where the batches are moved; ``None`` (the default) is the device of
            the model's parameters. Keyword only.

    Returns:
        An :class:`Evaluation`: the batches' losses weighted by their size and divided by
        the number of examples, and :func:`accuracy` over all the examples.

    Raises:
        TypeError: an argument has the wrong type, the loader yields something other
            than pairs of tensors, or the output or labels have the wrong dtype.
        ValueError: as for :func:`train_one_epoch`, and when the model's output is not
            ``(batch, C)`` or a label is not a class index.

    Example:
        >>> model = nn.Linear(2, 2, bias=False)
        >>> _ = model.weight.data.copy_(torch.tensor([[-1.0, 0.0], [1.0, 0.0]]))
        >>> batches = [  # 3 examples, then 1: the last is misclassified
        ...     (torch.tensor([[-1.0, 5.0], [2.0, 0.0], [-3.0, 0.0]]), torch.tensor([0, 1, 0])),
        ...     (torch.tensor([[0.5, 0.0]]), torch.tensor([0])),
        ... ]
        >>> result = evaluate(model, batches, nn.CrossEntropyLoss())
        >>> round(result.loss, 4), result.accuracy  # the mean over 4 examples, not 2 batches
        (0.3652, 0.75)
        >>> model.training  # back in the mode it was in
        True
    """
    _check_model(model)
    loss_fn = _check_loss_fn(loss_fn)
    target = _resolve_device(model, device)
    modes = [(module, module.training) for module in model.modules()]
    model.eval()
    try:
        with torch.inference_mode():
            total = torch.zeros((), dtype=torch.float64)  # on the CPU, as in train_one_epoch
            correct = torch.zeros((), dtype=torch.int64, device=target)
            count = 0
            for inputs, labels in _batches(loader):
                size = inputs.shape[0]
                if size == 0:
                    continue
                inputs, labels = inputs.to(target), labels.to(target)
                outputs = model(inputs)
                _check_logits_labels(outputs, labels, "the model's output", "the loader's labels")
                loss = _check_loss(loss_fn(outputs, labels), training=False)
                total += loss.cpu().double() * size
                correct += _count_correct(outputs, labels)
                count += size
    finally:
        for module, training in modes:
            module.training = training
    if count == 0:
        raise ValueError("loader must yield at least one example, got none")
    return Evaluation(loss=float(total) / count, accuracy=int(correct) / count)
