"""
Building models with nn.Module
==============================

In PyTorch a model is a Python class that subclasses ``nn.Module``. This page writes
the one-layer model of the original lessons, calls it, reads what its output remembers
(``grad_fn``), lists its parameters, and then checks how ``nn.Linear`` really chooses
its starting weights, against thousands of freshly created layers.
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed. ``kaiming_uniform_bound`` is the site package's tested version of
# the initialisation formula this page derives.
import inspect
import math

import matplotlib.pyplot as plt
import torch
from torch import nn

from pytorch_basics.models import kaiming_uniform_bound
from pytorch_basics.plotting import use_site_style

use_site_style()
torch.manual_seed(0)


# %%
# A model is a class
# ------------------
# The original lesson on models and training defines ``SimpleModel``: ``__init__``
# creates the layers, ``forward`` says what happens to an input. ``nn.Linear(2, 1)`` is
# a linear map from 2 inputs to 1 output. Assigning it to ``self.linear`` registers it
# as a part of the model, which is why printing the model lists it.
class SimpleModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(2, 1)  # 2 inputs, 1 output

    def forward(self, x):
        return self.linear(x)


model = SimpleModel()
print(model)

# %%
# Calling the model
# -----------------
# A model is called like a function, ``model(x)``, not ``model.forward(x)``: the call
# runs PyTorch's bookkeeping (hooks) and then ``forward``. The input is a batch with
# one row of 2 numbers, so the output is a batch with one row of 1 number.
x = torch.tensor([[1.0, 2.0]])
output = model(x)
print(output)

# %%
# What the output remembers: ``grad_fn``
# --------------------------------------
# The weights of the layer have ``requires_grad=True``, so the output records how it was
# computed. Its ``grad_fn`` is ``AddmmBackward0``: *addmm* is "add the bias to a matrix
# product", :math:`b + xW^T`, done as one operation. The original lesson on custom
# losses printed ``AddmmBackward``; current PyTorch numbers its backward nodes, hence
# the ``0``.
print(f"output.grad_fn: {output.grad_fn.name()}")
by_hand = model.linear.bias + x @ model.linear.weight.T
print(f"output == bias + x @ weight.T: {torch.allclose(output, by_hand)}")


# %%
# The lesson on custom losses calls the same network ``MyModel`` and stores the result
# in ``out`` before returning it. The name changes nothing: built after the same seed,
# the two models have the same weights and give the same output.
class MyModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(2, 1)

    def forward(self, x):
        out = self.linear(x)
        return out


torch.manual_seed(1)
simple = SimpleModel()
torch.manual_seed(1)
mine = MyModel()
print(f"same output: {torch.equal(simple(x), mine(x))}")

# %%
# The parameters
# --------------
# ``model.parameters()`` yields every tensor the model learns; it is what an optimizer
# is given. ``named_parameters()`` adds their names. ``nn.Linear(2, 1)`` holds a
# weight of shape ``(1, 2)`` and a bias of shape ``(1,)``: 3 numbers in all.
for name, parameter in model.named_parameters():
    print(f"{name}: shape {tuple(parameter.shape)}, requires_grad={parameter.requires_grad}")
print(f"number of parameters: {sum(p.numel() for p in model.parameters())}")

# %%
# Because the parameters record their use, ``backward()`` fills their ``.grad``. The
# output is :math:`w_1 x_1 + w_2 x_2 + b`, so its gradient with respect to the weight is
# :math:`x = [1, 2]` and with respect to the bias is 1.
output.backward()
print(f"weight.grad: {model.linear.weight.grad}")
print(f"bias.grad: {model.linear.bias.grad}")
print(f"weight.grad == x: {torch.equal(model.linear.weight.grad, x)}")

# %%
# How nn.Linear chooses its starting weights
# ------------------------------------------
# The lesson on models and training says the weights start with "Kaiming He
# initialisation (Kaiming uniform)". PyTorch's own source shows what happens when a
# layer is created: the weight goes through ``kaiming_uniform_`` with
# ``a=math.sqrt(5)``, and the bias is drawn uniformly with its own bound.
print(inspect.getsource(nn.Linear.reset_parameters))

# %%
# The formula
# -----------
# ``kaiming_uniform_`` draws from :math:`U(-\text{bound}, \text{bound})` with
# :math:`\text{bound} = \text{gain} \cdot \sqrt{3 / n}`, where :math:`n` is
# ``fan_in``, the number of inputs, and for a leaky ReLU of slope :math:`a`,
# :math:`\text{gain} = \sqrt{2 / (1 + a^2)}`. With :math:`a = \sqrt{5}` the gain is
# :math:`\sqrt{1/3}`, so :math:`\text{bound} = 1 / \sqrt{n}`: the same bound as the
# bias. The cell computes the bound three ways.
for fan_in in (2, 64):
    gain = nn.init.calculate_gain("leaky_relu", math.sqrt(5))
    print(
        f"fan_in={fan_in}: gain * sqrt(3 / fan_in) = {gain * math.sqrt(3 / fan_in):.4f}, "
        f"1 / sqrt(fan_in) = {1 / math.sqrt(fan_in):.4f}, "
        f"kaiming_uniform_bound = {kaiming_uniform_bound(fan_in, a=math.sqrt(5)):.4f}"
    )

# %%
# Checking it on thousands of layers
# ----------------------------------
# If the formula is right, the weights of many freshly created layers fill
# :math:`[-\text{bound}, \text{bound}]` evenly and never leave it. We create 2,000
# layers ``nn.Linear(2, 1)`` and 200 layers ``nn.Linear(64, 1)`` and collect their
# starting weights and biases.
samples = {}
for fan_in, count in ((2, 2000), (64, 200)):
    layers = [nn.Linear(fan_in, 1) for _ in range(count)]
    weights = torch.cat([layer.weight.detach().flatten() for layer in layers])
    biases = torch.cat([layer.bias.detach() for layer in layers])
    samples[fan_in] = (weights, biases)
    bound = 1 / math.sqrt(fan_in)
    print(
        f"fan_in={fan_in}: {weights.numel()} weights in [{weights.min():.4f}, {weights.max():.4f}], "
        f"{biases.numel()} biases in [{biases.min():.4f}, {biases.max():.4f}], bound {bound:.4f}"
    )
    inside = bool((weights.abs() <= bound).all() and (biases.abs() <= bound).all())
    print(f"  all within the bound: {inside}")

# %%
# A uniform distribution on :math:`[-b, b]` has density :math:`1 / (2b)` inside the range
# and 0 outside. The histograms of the weights are drawn against that density.
fig, axes = plt.subplots(1, 2, figsize=(7, 3))
for ax, fan_in in zip(axes, (2, 64), strict=True):
    weights, _ = samples[fan_in]
    bound = 1 / math.sqrt(fan_in)
    ax.hist(weights.numpy(), bins=30, density=True, color="#7aa6d6", label="weights")
    ax.plot(
        [-bound, -bound, bound, bound],
        [0, 1 / (2 * bound), 1 / (2 * bound), 0],
        "k--",
        label="U(-bound, bound)",
    )
    ax.set_xlim(-1.3 * bound, 1.3 * bound)
    ax.set_title(f"nn.Linear({fan_in}, 1): bound = {bound:.3f}")
    ax.set_xlabel("starting weight")
axes[0].set_ylabel("density")
axes[0].legend(loc="lower center")
fig.suptitle("Starting weights of freshly created layers")
plt.show()

# %%
# The figure shows flat histograms that fill exactly the range
# :math:`\pm 1/\sqrt{n}`: more inputs, narrower range. So the name
# "Kaiming uniform" is a little misleading. He et al.'s initialisation for ReLU networks
# uses :math:`a = 0`, a gain of :math:`\sqrt{2}` and a bound :math:`\sqrt{6}` times wider;
# ``a=math.sqrt(5)`` keeps the older :math:`1/\sqrt{n}` rule, as the comment
# in PyTorch's source says.
he_bound = kaiming_uniform_bound(64, a=0.0)
linear_bound = kaiming_uniform_bound(64, a=math.sqrt(5))
print(f"fan_in=64: He (a=0) bound {he_bound:.4f}, nn.Linear bound {linear_bound:.4f}")
print(f"ratio: {he_bound / linear_bound:.4f}, sqrt(6) = {math.sqrt(6):.4f}")

# %%
# Summary
# -------
# A model subclasses ``nn.Module``: layers in ``__init__``, the computation in
# ``forward``, called as ``model(x)``. Its output carries ``grad_fn``
# (``AddmmBackward0`` for a linear layer), ``parameters()`` hands its weights to an
# optimizer, and ``nn.Linear`` starts from :math:`U(-1/\sqrt{n}, 1/\sqrt{n})` for
# both weight and bias. Next, the model is trained:
# :ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`.
#
# PyTorch reference: `nn.Module <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html>`_,
# `nn.Linear <https://docs.pytorch.org/docs/stable/generated/torch.nn.Linear.html>`_,
# `torch.nn.init <https://docs.pytorch.org/docs/stable/nn.init.html>`_.
