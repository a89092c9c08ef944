"""pytorch_basics.losses: CustomLoss is nn.L1Loss, values and gradients, and checks its input."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from pytorch_basics.losses import REDUCTIONS, CustomLoss


@pytest.mark.parametrize("reduction", REDUCTIONS)
@pytest.mark.parametrize("shape", [(5,), (4, 1), (3, 2, 4)])
def test_custom_loss_matches_l1_loss(reduction: str, shape: tuple[int, ...]) -> None:
    generator = torch.Generator().manual_seed(len(shape))
    y_pred = torch.randn(shape, generator=generator)
    y_true = torch.randn(shape, generator=generator)
    expected = nn.L1Loss(reduction=reduction)(y_pred, y_true)
    torch.testing.assert_close(CustomLoss(reduction=reduction)(y_pred, y_true), expected)


def test_custom_loss_default_is_the_seed_sum() -> None:
    y_pred, y_true = torch.tensor([[0.2376]]), torch.tensor([[2.5]])
    # seed 004: torch.abs(y_pred - y_true).sum()
    torch.testing.assert_close(CustomLoss()(y_pred, y_true), torch.abs(y_pred - y_true).sum())
    assert CustomLoss().reduction == "sum"


@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_custom_loss_gradient_matches_l1_loss(reduction: str) -> None:
    generator = torch.Generator().manual_seed(1)
    y_true = torch.randn(6, 3, generator=generator)
    y_pred = torch.randn(6, 3, generator=generator, requires_grad=True)
    upstream = torch.randn(6, 3, generator=generator) if reduction == "none" else None
    ours = CustomLoss(reduction=reduction)(y_pred, y_true)
    (grad_ours,) = torch.autograd.grad(ours, y_pred, grad_outputs=upstream)
    builtin = nn.L1Loss(reduction=reduction)(y_pred, y_true)
    (grad_builtin,) = torch.autograd.grad(builtin, y_pred, grad_outputs=upstream)
    torch.testing.assert_close(grad_ours, grad_builtin)


def test_custom_loss_gradient_is_sign_of_error() -> None:
    y_pred = torch.tensor([1.0, -2.0, 0.5], requires_grad=True)
    y_true = torch.tensor([0.0, 1.0, 0.25])
    CustomLoss()(y_pred, y_true).backward()
    torch.testing.assert_close(y_pred.grad, torch.sign(y_pred - y_true).detach())


def test_custom_loss_passes_gradcheck() -> None:
    # away from y_pred == y_true, where |.| has no derivative
    y_pred = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64, requires_grad=True)
    y_true = torch.tensor([0.0, 1.0, 0.25], dtype=torch.float64)
    for reduction in REDUCTIONS:
        loss = CustomLoss(reduction=reduction)
        assert torch.autograd.gradcheck(lambda p, loss=loss: loss(p, y_true), (y_pred,))


def test_custom_loss_trains_a_model_like_a_builtin() -> None:
    torch.manual_seed(0)
    x = torch.randn(32, 2)
    y = x @ torch.tensor([[2.0], [-1.0]]) + 0.5
    models = [nn.Linear(2, 1) for _ in range(2)]
    models[1].load_state_dict(models[0].state_dict())
    for model, criterion in zip(models, [CustomLoss(), nn.L1Loss(reduction="sum")], strict=True):
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
        for _ in range(20):
            optimizer.zero_grad()
            criterion(model(x), y).backward()
            optimizer.step()
    for ours, builtin in zip(models[0].parameters(), models[1].parameters(), strict=True):
        torch.testing.assert_close(ours, builtin)


def test_custom_loss_repr_shows_reduction() -> None:
    assert repr(CustomLoss(reduction="mean")) == "CustomLoss(reduction='mean')"


@pytest.mark.parametrize("bad", ["avg", "Sum", "", None, 1])
def test_custom_loss_rejects_unknown_reduction(bad: object) -> None:
    with pytest.raises(ValueError, match=r"reduction must be one of 'none', 'mean' or 'sum', got"):
        CustomLoss(reduction=bad)  # type: ignore[arg-type]


def test_custom_loss_rejects_shape_mismatch_naming_both_shapes() -> None:
    with pytest.raises(
        ValueError, match=r"y_pred and y_true must have the same shape, got \(4, 1\) and \(4,\)"
    ):
        CustomLoss()(torch.zeros(4, 1), torch.zeros(4))


def test_custom_loss_rejects_non_tensors() -> None:
    with pytest.raises(TypeError, match=r"y_true must be a torch.Tensor, got list"):
        CustomLoss()(torch.zeros(2), [0.0, 0.0])
    with pytest.raises(TypeError, match=r"y_pred must be a torch.Tensor, got float"):
        CustomLoss()(1.0, torch.zeros(()))
