"""The solvers that restore the broken image, and the :class:`Restoration` they return.

Each solver minimises the post's loss ``torch.dist(forward(x), broken)`` (L-BFGS its
square / 2) from a first guess: fixed-step gradient descent (the post's loop), SGD
with momentum, Adam, L-BFGS and conjugate gradient on the normal equations. They
share their arguments, their checks and their stopping rules (a step budget, a target
PSNR, a time budget).
"""

from __future__ import annotations

import functools
import inspect
import math
import numbers
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

import torch

from .._checks import _describe, check_bool, check_finite, check_int, check_real, check_tensor
from .images import _psnr
from .linear_operator import LinearMap, _check_signal, weird_function, weird_function_vectorised

__all__ = [
    "Restoration",
    "restore_gradient_descent",
    "restore_sgd",
    "restore_adam",
    "restore_lbfgs",
    "restore_conjugate_gradient",
]

_MOST_STEPS = 1_000_000  # the solvers' largest ``steps``: minutes, not days, per call


def _check_pair(name: str, value: object, other_name: str, other: torch.Tensor) -> torch.Tensor:
    """``value`` as a finite signal of the same length and dtype as ``other``, or raise."""
    signal = _check_signal(name, value)
    if signal.shape != other.shape:
        raise ValueError(
            f"{name} must have the same length as {other_name} ({other.shape[0]}), "
            f"got length {signal.shape[0]}"
        )
    if signal.dtype != other.dtype:
        raise TypeError(
            f"{name} must have the same dtype as {other_name} ({other.dtype}), got {signal.dtype}"
        )
    return check_finite(name, signal)


def _check_callable(name: str, value: object) -> None:
    if not callable(value):
        raise TypeError(f"{name} must be a function of one tensor, got {_describe(value)}")


def _check_numbers(name: str, values: object) -> None:
    """Raise unless ``values`` is a list (or tuple) of real numbers, naming the bad one."""
    if not isinstance(values, (list, tuple)):
        raise TypeError(f"{name} must be a list of real numbers, got {_describe(values)}")
    if all(type(value) is float for value in values):  # what the solvers record: fast
        return
    for i, value in enumerate(values):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise TypeError(f"{name}[{i}] must be a real number, got {_describe(value)}")


@dataclass(frozen=True)
class Restoration:
    """What a solver returns.

    The constructor checks its fields: a wrong type raises a ``TypeError`` and
    ``psnrs`` of another length than ``losses`` a ``ValueError``, each naming the field.

    Attributes:
        image: the restored signal (1-D, detached).
        losses: ``torch.dist(A x_k, broken)`` for the start ``x_0`` and after each step
            (a list of real numbers).
        psnrs: PSNR of each ``x_k`` against the reference: empty without a reference,
            else one per loss.
        timed_out: ``True`` when the solver stopped because its ``max_seconds`` ran out,
            before taking ``steps`` steps or reaching ``target_psnr``.
    """

    image: torch.Tensor
    losses: list[float] = field(default_factory=list)
    psnrs: list[float] = field(default_factory=list)
    timed_out: bool = False

    def __post_init__(self) -> None:
        check_tensor("image", self.image)
        _check_numbers("losses", self.losses)
        _check_numbers("psnrs", self.psnrs)
        if self.psnrs and len(self.psnrs) != len(self.losses):
            raise ValueError(
                f"psnrs must be empty or as long as losses ({len(self.losses)}), "
                f"got {len(self.psnrs)}"
            )
        check_bool("timed_out", self.timed_out)

    @property
    def steps(self) -> int:
        """How many steps the solver took: ``len(losses) - 1`` (0 when ``losses`` is empty)."""
        return max(len(self.losses) - 1, 0)


class _Monitor:
    """Records the losses and PSNRs of the iterates and tells the solver when to stop."""

    def __init__(
        self,
        broken: torch.Tensor,
        reference: object,
        target_psnr: object,
        max_seconds: object,
    ) -> None:
        if reference is not None:
            reference = _check_pair("reference", reference, "broken", broken).detach().clone()
        if target_psnr is not None:
            target_psnr = check_real("target_psnr", target_psnr)
            if reference is None:
                raise ValueError("target_psnr needs a reference image to compare with, got None")
        if max_seconds is not None:
            max_seconds = check_real("max_seconds", max_seconds, positive=True)
        self.reference, self.target = reference, target_psnr
        self.max_seconds, self.deadline = max_seconds, math.inf
        self.timed_out = False
        self.losses: list[float] = []
        self.psnrs: list[float] = []

    def reached(self, x: torch.Tensor) -> bool:
        """Record the PSNR of ``x``; ``True`` once it reaches the target."""
        if self.reference is None:
            return False
        self.psnrs.append(_psnr(x.detach(), self.reference, 1.0))
        return self.target is not None and self.psnrs[-1] >= self.target

    def out_of_time(self) -> bool:
        """``True`` (and remembered) once ``max_seconds`` have passed since the first step.

        The clock starts at the first call, just before the first step, so the set-up
        (the first optimizer a process creates can take a second) does not count and
        at least one step is taken.
        """
        if self.max_seconds is None:
            return False
        now = time.perf_counter()
        if self.deadline == math.inf:
            self.deadline = now + self.max_seconds
        elif now >= self.deadline:
            self.timed_out = True
        return self.timed_out

    def finite(self, loss: float) -> float:
        """``loss``, or a ``ValueError`` if it is NaN or infinite."""
        if not math.isfinite(loss):
            raise ValueError(
                f"the loss torch.dist(forward(x), broken) is {loss} after {len(self.losses)} "
                "step(s): forward returned NaN or infinite values, or the steps diverged"
            )
        return loss

    def add_loss(self, loss: float) -> None:
        self.losses.append(self.finite(loss))

    def result(self, x: torch.Tensor, forward: LinearMap, broken: torch.Tensor) -> Restoration:
        with torch.no_grad():
            image = x.detach().clone()
            self.add_loss(torch.dist(forward(image), broken).item())
        return Restoration(image, self.losses, self.psnrs, self.timed_out)


def _checked(name: str, function: LinearMap, like: torch.Tensor) -> LinearMap:
    """``function`` with every result checked: a tensor of the shape and dtype of ``like``."""

    def apply(value: torch.Tensor) -> torch.Tensor:
        image = function(value)
        if not isinstance(image, torch.Tensor):
            raise TypeError(f"{name} must return a torch.Tensor, got {_describe(image)}")
        if image.shape != like.shape:
            raise ValueError(
                f"{name} must return a tensor of shape {tuple(like.shape)} like broken, "
                f"got shape {tuple(image.shape)}"
            )
        if image.dtype != like.dtype:
            raise TypeError(
                f"{name} must return a tensor of dtype {like.dtype} like broken, got {image.dtype}"
            )
        return image

    return apply


def _differentiable(image: torch.Tensor) -> torch.Tensor:
    """``image = forward(x)`` for an ``x`` that requires grad, or a ``ValueError``."""
    if not image.requires_grad:
        raise ValueError(
            "forward must be differentiable by autograd: for an x that requires grad, "
            "forward(x) returned a tensor that does not require grad (it does not depend "
            "on x through torch operations)"
        )
    return image


def _check_solver(
    broken: object, start: object, steps: object, forward: object
) -> tuple[torch.Tensor, torch.Tensor, int, LinearMap]:
    """Detached copies of broken and start, the checked steps, and forward with checks."""
    signal = check_finite("broken", _check_signal("broken", broken))
    first = _check_pair("start", start, "broken", signal)
    most = check_int("steps", steps, minimum=0, maximum=_MOST_STEPS)
    _check_callable("forward", forward)
    signal = signal.detach().clone()
    return (
        signal,
        first.detach().clone(),
        most,
        _checked("forward", cast(LinearMap, forward), signal),
    )


def _check_adjoint(adjoint: object, broken: torch.Tensor) -> LinearMap | None:
    """``None``, or ``adjoint`` with every result checked like ``forward``'s."""
    if adjoint is None:
        return None
    _check_callable("adjoint", adjoint)
    return _checked("adjoint", cast(LinearMap, adjoint), broken)


_Solver = Callable[..., Restoration]


def _any_grad_mode(solver: _Solver) -> _Solver:
    """Run ``solver`` with autograd on, whatever the caller's grad mode.

    Under ``torch.no_grad()`` or ``torch.inference_mode()`` the solver still needs
    autograd (and tensors that autograd may save), and its result must not depend on
    the caller's mode; the copies it makes of its inputs are then ordinary tensors.
    """

    @functools.wraps(solver)
    def run(*args: object, **kwargs: object) -> Restoration:
        with torch.inference_mode(False), torch.enable_grad():
            return solver(*args, **kwargs)

    return run


# What the solvers' docstrings share, each written once. A line of a docstring that
# holds only ``{name}`` becomes the text of that name, at that line's indentation.
_SHARED_DOCS = {
    "contract": """
        Bad input raises a ``TypeError`` or ``ValueError`` that names the argument; so does
        a ``forward`` (or ``adjoint``) that returns anything but a tensor of the shape and
        dtype of ``broken``, and a loss that becomes NaN or infinite (``forward`` returned
        such values, or the steps diverged). The result is the same under
        ``torch.no_grad()`` and ``torch.inference_mode()``: autograd is on inside. No call
        runs unbounded: ``steps`` is at most 1,000,000, and ``max_seconds`` stops earlier.
        """,
    "broken": "broken: the broken signal (1-D, finite).",
    "start": "start: the first guess, same length and dtype as ``broken``.",
    "steps": "steps: the most steps to take, from 0 to 1,000,000.",
    "reference": "reference: the original signal, to record PSNR after every step.",
    "target_psnr": "target_psnr: stop as soon as the PSNR reaches this many dB.",
    "max_seconds": """
        max_seconds: a time budget > 0, or ``None`` for none: the solver stops before its
            next step once this many seconds have passed since its first step began (so
            it takes at least one step, and the last one may end a little later), and
            the result has ``timed_out=True``.
        """,
}
_PLACEHOLDER = re.compile(r"^(?P<indent>[ ]*)\{(?P<name>\w+)\}$")


def _with_shared_docs(solver: _Solver) -> _Solver:
    """Fill the ``{name}`` lines of ``solver``'s docstring from ``_SHARED_DOCS``."""
    lines = []
    for line in inspect.cleandoc(solver.__doc__ or "").splitlines():
        match = _PLACEHOLDER.match(line)
        if match is None:
            lines.append(line)
            continue
        text = inspect.cleandoc(_SHARED_DOCS[match["name"]])
        lines.extend(match["indent"] + part if part else part for part in text.splitlines())
    solver.__doc__ = "\n".join(lines)
    return solver


@_any_grad_mode
@_with_shared_docs
def restore_gradient_descent(
    broken: torch.Tensor,
    start: torch.Tensor,
    *,
    lr: float = 0.8,
    steps: int = 20_000,
    forward: LinearMap = weird_function,
    adjoint: LinearMap | None = None,
    reference: torch.Tensor | None = None,
    target_psnr: float | None = None,
    max_seconds: float | None = None,
) -> Restoration:
    """The post's loop: fixed-step gradient descent on ``torch.dist(forward(x), broken)``.

    With ``adjoint=None`` the gradient comes from autograd, as in the post; with an
    adjoint ``A^T`` it is computed as ``A^T r / ||r||`` (``r = A x - broken``), which is
    the same gradient without recording a graph. Where the loss is exactly 0 the
    gradient is taken as 0 both ways (autograd's choice), so ``x`` stays put.

    {contract}

    Args:
        broken: the broken signal ``A x_true`` (1-D, finite).
        {start}
        lr: the step size (the post's 0.8), > 0.
        steps: the most steps to take (the post's 20,000), from 0 to 1,000,000.
        forward: the weird function to use (the book's, or the vectorised one); with
            ``adjoint=None`` it must be differentiable by autograd.
        adjoint: its adjoint, or ``None`` for autograd.
        {reference}
        {target_psnr}
        {max_seconds}

    Returns:
        A :class:`Restoration`.

    Example:
        >>> broken = weird_function(torch.tensor([0.25, 0.5, 0.75, 1.0], dtype=torch.float64))
        >>> result = restore_gradient_descent(broken, torch.zeros(4, dtype=torch.float64), steps=3)
        >>> result.steps, len(result.losses)
        (3, 4)
        >>> result.losses[-1] < result.losses[0]
        True
    """
    broken, x, steps, forward = _check_solver(broken, start, steps, forward)
    rate = check_real("lr", lr, positive=True)
    adjoint = _check_adjoint(adjoint, broken)
    monitor = _Monitor(broken, reference, target_psnr, max_seconds)
    for _ in range(steps):
        if monitor.reached(x) or monitor.out_of_time():
            break
        if adjoint is None:
            x.requires_grad_(True)
            loss = torch.dist(_differentiable(forward(x)), broken)
            monitor.add_loss(loss.item())
            loss.backward()
            assert x.grad is not None  # backward() filled it
            with torch.no_grad():
                x = x - rate * x.grad
        else:
            residual = forward(x) - broken
            loss = torch.linalg.vector_norm(residual)
            monitor.add_loss(loss.item())
            if monitor.losses[-1] > 0:
                x = x - rate * adjoint(residual / loss)
    else:
        monitor.reached(x)
    return monitor.result(x, forward, broken)


def _restore_with_optimizer(
    broken: torch.Tensor,
    start: torch.Tensor,
    make_optimizer: Callable[[list[torch.Tensor], int], torch.optim.Optimizer],
    *,
    squared: bool,
    steps: int,
    forward: LinearMap,
    reference: torch.Tensor | None,
    target_psnr: float | None,
    max_seconds: float | None,
) -> Restoration:
    """Run a ``torch.optim`` optimizer on ``torch.dist(forward(x), broken)`` (or its square / 2).

    ``make_optimizer`` gets the parameter list and the checked number of steps.
    """
    broken, x, steps, forward = _check_solver(broken, start, steps, forward)
    monitor = _Monitor(broken, reference, target_psnr, max_seconds)
    x.requires_grad_(True)
    optimizer = make_optimizer([x], steps)
    distance = [math.nan]

    def closure() -> torch.Tensor:
        optimizer.zero_grad()
        loss = torch.dist(_differentiable(forward(x)), broken)
        distance[0] = monitor.finite(loss.item())
        if squared:
            loss = loss**2 / 2
        loss.backward()
        return loss

    for _ in range(steps):
        if monitor.reached(x) or monitor.out_of_time():
            break
        # torch's stub asks for a closure returning float; L-BFGS takes the loss tensor
        optimizer.step(closure)  # type: ignore[arg-type]
        monitor.add_loss(distance[0])
    else:
        monitor.reached(x)
    return monitor.result(x, forward, broken)


@_any_grad_mode
@_with_shared_docs
def restore_sgd(
    broken: torch.Tensor,
    start: torch.Tensor,
    *,
    lr: float = 0.8,
    momentum: float = 0.9,
    steps: int = 5_000,
    forward: LinearMap = weird_function_vectorised,
    reference: torch.Tensor | None = None,
    target_psnr: float | None = None,
    max_seconds: float | None = None,
) -> Restoration:
    """The post's loss and step size with momentum: ``torch.optim.SGD(momentum=0.9)``.

    PyTorch's momentum keeps a velocity ``v <- momentum * v + g`` and steps by
    ``lr * v``. On the practice chapter's image problem the gradient keeps pointing the
    same way for most of the run, so the velocity adds the gradients up: halfway through
    the run to a 40 dB picture it is about ``1 / (1 - momentum)`` (10) times as long as one gradient.
    With momentum 0 this is the post's loop (:func:`restore_gradient_descent`), far
    slower.

    {contract}

    Args:
        {broken}
        {start}
        lr: the step size, > 0.
        momentum: the momentum factor, 0 <= momentum < 1.
        {steps}
        forward: the weird function to use (differentiable by autograd).
        {reference}
        {target_psnr}
        {max_seconds}

    Returns:
        A :class:`Restoration`.

    Example:
        >>> broken = weird_function(torch.tensor([0.25, 0.5, 0.75, 1.0], dtype=torch.float64))
        >>> result = restore_sgd(broken, torch.zeros(4, dtype=torch.float64), steps=5)
        >>> result.steps, result.losses[-1] < result.losses[0]
        (5, True)
    """
    rate = check_real("lr", lr, positive=True)
    beta = check_real("momentum", momentum, below=1.0)
    if beta < 0:
        raise ValueError(f"momentum must be >= 0, got {momentum!r}")
    return _restore_with_optimizer(
        broken,
        start,
        lambda params, _: torch.optim.SGD(params, lr=rate, momentum=beta),
        squared=False,
        steps=steps,
        forward=forward,
        reference=reference,
        target_psnr=target_psnr,
        max_seconds=max_seconds,
    )


@_any_grad_mode
@_with_shared_docs
def restore_adam(
    broken: torch.Tensor,
    start: torch.Tensor,
    *,
    lr: float = 0.03,
    steps: int = 5_000,
    forward: LinearMap = weird_function_vectorised,
    reference: torch.Tensor | None = None,
    target_psnr: float | None = None,
    max_seconds: float | None = None,
) -> Restoration:
    """``torch.optim.Adam`` on the post's loss ``torch.dist(forward(x), broken)``.

    Adam divides a running average of each value's gradient by the running size of
    that gradient. On the practice chapter's image problem the per-value step sizes
    are not what makes it fast (one step size shared by all values does as well); the
    running average is. Once consecutive gradients point in opposite directions, they
    cancel in the average, so the values move by a few percent of ``lr`` instead of
    jumping by about ``lr`` back and forth at every step, as they do with
    ``betas[0] = 0``.

    {contract}

    Args:
        {broken}
        {start}
        lr: the step size, > 0.
        {steps}
        forward: the weird function to use (differentiable by autograd).
        {reference}
        {target_psnr}
        {max_seconds}

    Returns:
        A :class:`Restoration`.

    Example:
        >>> broken = weird_function(torch.tensor([0.25, 0.5, 0.75, 1.0], dtype=torch.float64))
        >>> result = restore_adam(broken, torch.zeros(4, dtype=torch.float64), steps=5)
        >>> result.steps, result.losses[-1] < result.losses[0]
        (5, True)
    """
    rate = check_real("lr", lr, positive=True)
    return _restore_with_optimizer(
        broken,
        start,
        lambda params, _: torch.optim.Adam(params, lr=rate),
        squared=False,
        steps=steps,
        forward=forward,
        reference=reference,
        target_psnr=target_psnr,
        max_seconds=max_seconds,
    )


@_any_grad_mode
@_with_shared_docs
def restore_lbfgs(
    broken: torch.Tensor,
    start: torch.Tensor,
    *,
    history_size: int = 10,
    steps: int = 1_000,
    forward: LinearMap = weird_function_vectorised,
    reference: torch.Tensor | None = None,
    target_psnr: float | None = None,
    max_seconds: float | None = None,
) -> Restoration:
    """``torch.optim.LBFGS`` on the squared loss ``torch.dist(forward(x), broken)**2 / 2``.

    L-BFGS remembers the last ``history_size`` steps and gradient changes and builds
    from them an approximation of the curvature, so each step is scaled to the
    problem instead of by a fixed learning rate. The squared loss is smooth (its
    gradient shrinks near the answer), which a curvature model needs. One iteration
    per step, full steps (``lr=1``), no line search.

    {contract}

    Args:
        {broken}
        {start}
        history_size: how many past steps L-BFGS remembers, at least 1. A run of
            ``steps`` steps has no more to remember, so a larger value acts as ``steps``.
        {steps}
        forward: the weird function to use (differentiable by autograd).
        {reference}
        {target_psnr}
        {max_seconds}

    Returns:
        A :class:`Restoration` (its losses are ``torch.dist``, not squared).

    Example:
        >>> broken = weird_function(torch.tensor([0.25, 0.5, 0.75, 1.0], dtype=torch.float64))
        >>> result = restore_lbfgs(broken, torch.zeros(4, dtype=torch.float64), steps=20)
        >>> result.steps, result.losses[-1] < 1e-3 * result.losses[0]
        (20, True)
    """
    history = check_int("history_size", history_size, minimum=1)
    return _restore_with_optimizer(
        broken,
        start,
        # torch's L-BFGS allocates a list of history_size entries at every step
        lambda params, most: torch.optim.LBFGS(
            params, lr=1, max_iter=1, history_size=min(history, max(most, 1)), tolerance_grad=0.0
        ),
        squared=True,
        steps=steps,
        forward=forward,
        reference=reference,
        target_psnr=target_psnr,
        max_seconds=max_seconds,
    )


def _autograd_adjoint(forward: LinearMap, like: torch.Tensor) -> LinearMap:
    """``A^T v`` by autograd: for a linear ``A`` one recorded graph serves every ``v``."""
    with torch.enable_grad():
        point = torch.zeros_like(like, requires_grad=True)
        image = _differentiable(forward(point))

    def adjoint(v: torch.Tensor) -> torch.Tensor:
        (grad,) = torch.autograd.grad(image, point, v, retain_graph=True)
        return grad

    return adjoint


@_any_grad_mode
@_with_shared_docs
def restore_conjugate_gradient(
    broken: torch.Tensor,
    start: torch.Tensor,
    *,
    steps: int = 1_000,
    forward: LinearMap = weird_function_vectorised,
    adjoint: LinearMap | None = None,
    reference: torch.Tensor | None = None,
    target_psnr: float | None = None,
    max_seconds: float | None = None,
) -> Restoration:
    """Conjugate gradient on the normal equations ``A^T A x = A^T broken`` (CGLS).

    Every step moves along a direction that does not undo the progress of the
    earlier steps, and with the best step length along it (computed, not tuned).
    Each step costs one ``forward`` and one ``adjoint``. It stops early once the
    gradient ``A^T r`` is rounding noise: ``x`` then solves the problem (a start that
    already solves it exactly takes 0 steps).

    {contract}

    Args:
        {broken}
        {start}
        {steps}
        forward: the weird function to use.
        adjoint: its adjoint, or ``None`` to let autograd compute ``A^T v`` (``forward``
            must then be differentiable by autograd).
        {reference}
        {target_psnr}
        {max_seconds}

    Returns:
        A :class:`Restoration`.

    Example:
        >>> broken = weird_function(torch.tensor([0.25, 0.5, 0.75, 1.0], dtype=torch.float64))
        >>> result = restore_conjugate_gradient(broken, torch.zeros(4, dtype=torch.float64))
        >>> result.image
        tensor([0.2500, 0.5000, 0.7500, 1.0000], dtype=torch.float64)
    """
    broken, x, steps, forward = _check_solver(broken, start, steps, forward)
    adjoint = _check_adjoint(adjoint, broken)
    if adjoint is None:
        adjoint = _autograd_adjoint(forward, broken)
    monitor = _Monitor(broken, reference, target_psnr, max_seconds)
    with torch.no_grad():
        residual = broken - forward(x)
        gradient = adjoint(residual)
        direction = gradient
        gamma = torch.dot(gradient, gradient)
        # stop once the gradient is rounding noise: A^T r = 0 means x solves the problem
        tiny = (torch.finfo(broken.dtype).eps ** 2) * gamma
        for _ in range(steps):
            if monitor.reached(x) or gamma <= tiny or monitor.out_of_time():
                break
            monitor.add_loss(torch.linalg.vector_norm(residual).item())
            image = forward(direction)
            alpha = gamma / torch.dot(image, image)
            x = x + alpha * direction
            residual = residual - alpha * image
            gradient = adjoint(residual)
            gamma, previous = torch.dot(gradient, gradient), gamma
            direction = gradient + (gamma / previous) * direction
        else:
            monitor.reached(x)
    return monitor.result(x, forward, broken)
