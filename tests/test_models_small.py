"""pytorch_basics.models, the small part: SimpleModel and how nn.Linear initialises itself."""

from __future__ import annotations

import math

import pytest
import torch
from torch import nn

from pytorch_basics.models import SimpleModel, kaiming_uniform_bound


def test_simple_model_is_one_linear_layer() -> None:
    model = SimpleModel()
    assert isinstance(model.linear, nn.Linear)
    assert (model.linear.in_features, model.linear.out_features) == (2, 1)
    assert sum(p.numel() for p in model.parameters()) == 3
    assert [name for name, _ in model.named_parameters()] == ["linear.weight", "linear.bias"]


def test_simple_model_computes_x_weight_t_plus_bias() -> None:
    torch.manual_seed(0)
    model = SimpleModel()
    x = torch.tensor([[1.0, 2.0], [-3.0, 0.5]])
    expected = x @ model.linear.weight.T + model.linear.bias
    torch.testing.assert_close(model(x), expected)


def test_simple_model_output_has_addmm_grad_fn() -> None:
    output = SimpleModel()(torch.tensor([[1.0, 2.0]]))
    assert output.shape == (1, 1)
    assert output.grad_fn is not None and output.grad_fn.name() == "AddmmBackward0"


def test_simple_model_gradients_match_hand_derivation() -> None:
    # out = w1*x1 + w2*x2 + b, so d out/dw = x and d out/db = 1
    model = SimpleModel()
    x = torch.tensor([[1.0, 2.0]])
    model(x).sum().backward()
    torch.testing.assert_close(model.linear.weight.grad, x)
    torch.testing.assert_close(model.linear.bias.grad, torch.ones(1))


def test_simple_model_same_seed_same_weights() -> None:
    torch.manual_seed(3)
    first = SimpleModel()
    torch.manual_seed(3)
    second = SimpleModel()
    for a, b in zip(first.parameters(), second.parameters(), strict=True):
        assert torch.equal(a, b)


@pytest.mark.parametrize("fan_in", [1, 2, 7, 64, 1000])
@pytest.mark.parametrize("a", [0.0, 1.0, math.sqrt(5)])
def test_kaiming_uniform_bound_matches_torch_formula(fan_in: int, a: float) -> None:
    gain = nn.init.calculate_gain("leaky_relu", a)
    assert kaiming_uniform_bound(fan_in, a=a) == pytest.approx(gain * math.sqrt(3 / fan_in))


@pytest.mark.parametrize("fan_in", [1, 2, 16, 300])
def test_kaiming_uniform_bound_for_linear_is_one_over_sqrt_fan_in(fan_in: int) -> None:
    assert kaiming_uniform_bound(fan_in, a=math.sqrt(5)) == pytest.approx(1 / math.sqrt(fan_in))


def test_kaiming_uniform_bound_matches_torch_samples() -> None:
    torch.manual_seed(0)
    weight = torch.empty(2000, 50)
    nn.init.kaiming_uniform_(weight, a=math.sqrt(5))
    bound = kaiming_uniform_bound(50, a=math.sqrt(5))
    assert weight.abs().max().item() <= bound
    assert weight.abs().max().item() > 0.999 * bound
    # variance of U(-b, b) is b^2 / 3
    assert weight.var().item() == pytest.approx(bound**2 / 3, rel=0.01)


@pytest.mark.parametrize("in_features", [2, 10])
def test_linear_layers_stay_within_the_bound(in_features: int) -> None:
    torch.manual_seed(0)
    layers = [nn.Linear(in_features, 1) for _ in range(3000)]
    weights = torch.cat([layer.weight.detach().flatten() for layer in layers])
    biases = torch.cat([layer.bias.detach() for layer in layers])
    bound = kaiming_uniform_bound(in_features, a=math.sqrt(5))
    for values in (weights, biases):
        assert values.abs().max().item() <= bound
        assert values.abs().max().item() > 0.99 * bound
        assert values.mean().item() == pytest.approx(0.0, abs=0.05 * bound)


def test_kaiming_uniform_bound_rejects_bad_fan_in() -> None:
    with pytest.raises(ValueError, match=r"fan_in must be >= 1, got 0"):
        kaiming_uniform_bound(0)
    with pytest.raises(TypeError, match=r"fan_in must be an int, got float 2.0"):
        kaiming_uniform_bound(2.0)  # type: ignore[arg-type]


def test_kaiming_uniform_bound_rejects_bad_slope() -> None:
    with pytest.raises(ValueError, match=r"a must be >= 0, got -1.0"):
        kaiming_uniform_bound(2, a=-1.0)
    with pytest.raises(ValueError, match=r"a must be finite, got nan"):
        kaiming_uniform_bound(2, a=math.nan)
    with pytest.raises(TypeError, match=r"a must be a real number, got str '5'"):
        kaiming_uniform_bound(2, a="5")  # type: ignore[arg-type]
