"""
Building models with nn.Module
==============================

In PyTorch a model is a Python class that subclasses ``nn.Module``. This page writes
the one-layer model of the posts :ref:`post-concepts` and :ref:`post-differentiable`,
calls it, reads what its output remembers (``grad_fn``), lists its parameters, and then
checks how ``nn.Linear`` really chooses its starting weights, against thousands of
freshly created layers.
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
from pytorch_basics.plotting import describe_figure, use_site_style

use_site_style()
torch.manual_seed(0)


# %%
# A model is a class
# ------------------
# The post :ref:`post-concepts` defines ``SimpleModel``: ``__init__`` creates the
# layers, ``forward`` says what happens to an input. ``nn.Linear(2, 1)`` is a layer
# that computes :math:`y = w_1 x_1 + w_2 x_2 + b` (a linear map from 2 inputs to 1
# output, plus a constant :math:`b`). Assigning it to ``self.linear`` registers it as a
# part of the model, which is why printing the model lists it.
class SimpleModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(2, 1)  # 2 inputs, 1 output

    def forward(self, x):
        return self.linear(x)


model = SimpleModel()
print(model)


# %%
# It is the assignment to an attribute that registers a layer. A layer kept in a
# plain Python list is not registered: the model does not list it and reports no
# parameters, so an optimizer given ``parameters()`` would never train it. (For a list
# of layers, PyTorch has ``nn.ModuleList``.)
class ListModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = [nn.Linear(2, 1)]  # a plain list: not registered

    def forward(self, x):
        return self.layers[0](x)


print(ListModel())
print(f"parameter tensors of ListModel: {len(list(ListModel().parameters()))}")
print(f"parameter tensors of SimpleModel: {len(list(model.parameters()))}")

# %%
# Calling the model
# -----------------
# A model is called like a function, ``model(x)``, not ``model.forward(x)``: the call
# runs ``forward`` and, around it, PyTorch's bookkeeping, such as the forward hooks
# (functions attached to a module; the optional part of
# :ref:`sphx_glr_auto_examples_autograd_plot_06_training_step.py` used them to record
# shapes). Models take a *batch*, several inputs stacked along the first
# dimension; here the batch has one row of 2 numbers, so the output has one row of 1
# number.
x = torch.tensor([[1.0, 2.0]])
output = model(x)
print(output)

# %%
# A hook that counts its calls shows the difference: ``model(x)`` runs it,
# ``model.forward(x)`` skips it.
calls = []
handle = model.register_forward_hook(lambda module, inputs, result: calls.append(1))
model(x)
print(f"hook calls after model(x): {len(calls)}")
model.forward(x)
print(f"hook calls after also calling model.forward(x): {len(calls)}")
handle.remove()

# %%
# What the output remembers: ``grad_fn``
# --------------------------------------
# The input ``x`` does not require gradients, but the layer's weights do
# (``requires_grad=True``), so the output records how it was computed. Its ``grad_fn``
# is ``AddmmBackward0``: *addmm* is "add the bias to a matrix product",
# :math:`b + xW^T`, done as one operation.
print(f"x.requires_grad: {x.requires_grad}")
print(f"output.grad_fn: {output.grad_fn.name()}")
by_hand = model.linear.bias + x @ model.linear.weight.T
print(f"output == bias + x @ weight.T: {torch.allclose(output, by_hand)}")

# %%
# Switch the cause off and the record goes: under ``torch.no_grad()`` (taught in
# :ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py`) the same call records
# nothing.
with torch.no_grad():
    print(f"grad_fn under no_grad: {model(x).grad_fn}")

# %%
# The node's name depends on the call, not only on the layer: without a bias the layer
# is a plain matrix product, and an input with more than two dimensions (or just one)
# is reshaped around it, so the last recorded operation is a ``view``.
print(f"nn.Linear(2, 1, bias=False), 2-D input: {nn.Linear(2, 1, bias=False)(x).grad_fn.name()}")
print(f"nn.Linear(2, 1), 3-D input: {model.linear(torch.ones(4, 3, 2)).grad_fn.name()}")
print(f"nn.Linear(2, 1), 1-D input: {model.linear(torch.ones(2)).grad_fn.name()}")

# %%
# The post :ref:`post-differentiable` shows ``AddmmBackward``, without the ``0``, the
# name older PyTorch versions printed. Current PyTorch ends the name of an operation's
# backward node with a number that tells apart the backward formulas of the operation's
# variants, for example ``sum()`` and ``sum(dim=...)``. (Nodes that are not an
# operation's backward have no number, such as the ``AccumulateGrad`` nodes of
# :ref:`sphx_glr_auto_examples_autograd_plot_02_graph.py`.)
t = torch.ones(2, 3, requires_grad=True)
print(f"t.sum(): {t.sum().grad_fn.name()}, t.sum(dim=0): {t.sum(dim=0).grad_fn.name()}")


# %%
# The post :ref:`post-differentiable` calls the same network ``MyModel`` and stores the
# result in ``out`` before returning it. The name changes nothing: built after the same
# seed, the two models have the same weights and give the same output.
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
# (the object that updates them, met in
# :ref:`sphx_glr_auto_examples_autograd_plot_06_training_step.py`) is given.
# ``named_parameters()`` adds their names. ``nn.Linear(2, 1)`` holds a weight of shape
# ``(1, 2)`` and a bias of shape ``(1,)``: 3 numbers in all.
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
# The post :ref:`post-concepts` says the weights start with "Kaiming He
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
# :math:`\text{gain} = \sqrt{2 / (1 + a^2)}` (leaky ReLU is ``kaiming_uniform_``'s
# default ``nonlinearity``). With :math:`a = \sqrt{5}` the gain is
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
# :math:`[-\text{bound}, \text{bound}]` evenly and never leave it, and the bound
# depends on the number of inputs only, not on the number of outputs. A uniform
# distribution on :math:`[-b, b]` also has standard deviation :math:`b / \sqrt{3}`. We
# create layers with 2 and with 64 inputs, each with 1 output and with many outputs,
# and collect their starting weights and biases.
samples = {}
for fan_in, fan_out, count in ((2, 1, 2000), (2, 64, 100), (64, 1, 200), (64, 32, 20)):
    layers = [nn.Linear(fan_in, fan_out) for _ in range(count)]
    weights = torch.cat([layer.weight.detach().flatten() for layer in layers])
    biases = torch.cat([layer.bias.detach() for layer in layers])
    bound = 1 / math.sqrt(fan_in)
    if fan_out == 1:
        samples[fan_in] = weights
    inside = bool((weights.abs() <= bound).all() and (biases.abs() <= bound).all())
    print(
        f"nn.Linear({fan_in}, {fan_out}): {weights.numel()} weights in "
        f"[{weights.min():.4f}, {weights.max():.4f}], bound {bound:.4f}, all inside: {inside}"
    )
    print(f"  std of the weights {weights.std():.4f}, bound / sqrt(3) = {bound / math.sqrt(3):.4f}")

# %%
# A uniform distribution on :math:`[-b, b]` has density :math:`1 / (2b)` inside the range
# and 0 outside. The histograms of the weights of the layers with 1 output are drawn
# against that density.
fig, axes = plt.subplots(1, 2, figsize=(7, 3))
for ax, fan_in in zip(axes, (2, 64), strict=True):
    weights = samples[fan_in]
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
describe_figure(
    fig,
    "Two histograms of the starting weights of freshly created nn.Linear layers: on the "
    f"left, layers with 2 inputs (bound {1 / math.sqrt(2):.3f}); on the right, layers with 64 "
    f"inputs (bound {1 / math.sqrt(64):.3f}); starting weight across, density up. Both "
    "histograms are flat, follow the dashed uniform density U(-bound, bound) and never go "
    "past the bound, so the layer with more inputs has the narrower range.",
)
plt.show()

# %%
# The figure shows flat histograms that fill exactly the range
# :math:`\pm 1/\sqrt{n}`: more inputs, narrower range; the table above shows the same
# bound with 1 output or many. So the post names the right function but not what
# "Kaiming (He) initialisation" usually means. He et al.'s initialisation for ReLU
# networks, in its uniform form (``kaiming_uniform_`` with its default :math:`a = 0`),
# has a gain of :math:`\sqrt{2}` and a bound :math:`\sqrt{6}` times wider. With
# ``a=math.sqrt(5)``, ``kaiming_uniform_`` is only a roundabout way to draw from
# :math:`U(-1/\sqrt{n}, 1/\sqrt{n})`, as the comment in PyTorch's source says.
he_bound = kaiming_uniform_bound(64, a=0.0)
linear_bound = kaiming_uniform_bound(64, a=math.sqrt(5))
print(f"fan_in=64: He (a=0) bound {he_bound:.4f}, nn.Linear bound {linear_bound:.4f}")
print(f"ratio: {he_bound / linear_bound:.4f}, sqrt(6) = {math.sqrt(6):.4f}")

# %%
# Summary
# -------
# A model subclasses ``nn.Module``: layers in ``__init__``, the computation in
# ``forward``, called as ``model(x)``. Its output carries ``grad_fn``
# (``AddmmBackward0`` for a linear layer with a bias on a 2-D batch), a layer assigned
# as an attribute is registered (one in a plain list is not), ``parameters()`` hands the
# weights to an
# optimizer, and ``nn.Linear`` with :math:`n` inputs starts from
# :math:`U(-1/\sqrt{n}, 1/\sqrt{n})` for both weight and bias.
#
# Next: :ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`
#
# PyTorch reference: `nn.Module <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html>`_,
# `nn.Linear <https://docs.pytorch.org/docs/stable/generated/torch.nn.Linear.html>`_,
# `torch.nn.init <https://docs.pytorch.org/docs/stable/nn.init.html>`_.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** What are the shapes of the weight and the bias of
#    ``layer = nn.Linear(3, 2)``? How many numbers do its parameters hold in all, and what
#    is the shape of ``layer(torch.ones(4, 3))``?
# 2. **Change one thing and explain.** Delete the line ``super().__init__()`` from the
#    ``__init__`` of ``SimpleModel``. What happens when you create the model with
#    ``SimpleModel()``?
# 3. **Write it.** Write ``ListModel`` again with ``nn.ModuleList`` in place of the plain
#    list. Check whether printing the model lists the layer, how many tensors
#    ``parameters()`` yields, and whether ``backward()`` fills the ``.grad`` of the
#    layer's weight.
# 4. **Predict, then run.** In which range do the starting weights of a new
#    ``nn.Linear(16, 4)`` lie? Is the range different for ``nn.Linear(16, 400)``?

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# The output is :math:`b + xW^T`, so the weight has a row for each output and a column
# for each input, ``(2, 3)``, and the bias one number for each output, ``(2,)``. That is
# 6 + 2 = 8 numbers, and each of the batch's 4 rows becomes 2 numbers: ``(4, 2)``.
layer = nn.Linear(3, 2)
layer_size = sum(p.numel() for p in layer.parameters())
layer_output = layer(torch.ones(4, 3))
print(f"weight: shape {tuple(layer.weight.shape)}, bias: shape {tuple(layer.bias.shape)}")
print(f"number of parameters: {layer_size}, shape of the output: {tuple(layer_output.shape)}")
assert layer.weight.shape == (2, 3) and layer.bias.shape == (2,)
assert layer_size == 8 and layer_output.shape == (4, 2)


# %%
# Answer 2
# ^^^^^^^^
# Assigning a layer to an attribute, as ``self.linear = ...`` does, makes ``nn.Module``
# register it, in a place that ``nn.Module``'s own ``__init__`` prepares. Without that call
# the place does not exist yet, so creating the model fails at the assignment with an
# ``AttributeError``.
class NoSuperModel(nn.Module):
    def __init__(self):
        self.linear = nn.Linear(2, 1)  # no super().__init__()

    def forward(self, x):
        return self.linear(x)


try:
    NoSuperModel()
except AttributeError as error:
    print(f"{type(error).__name__}: {error}")
    assert "before Module.__init__()" in str(error)
else:
    raise AssertionError("assigning a layer before nn.Module.__init__() should fail")
print(f"the layer of SimpleModel, which calls super().__init__(): {SimpleModel().linear}")


# %%
# Answer 3
# ^^^^^^^^
# ``nn.ModuleList`` is used like a list but is itself a module, so assigning it to an
# attribute registers it together with the layers inside. Now the model lists the layer,
# ``parameters()`` can hand its 2 tensors (weight and bias) to an optimizer, and
# ``backward()`` fills their ``.grad``.
class ModuleListModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(2, 1)])  # registered

    def forward(self, x):
        return self.layers[0](x)


listed = ModuleListModel()
print(listed)
print(f"parameter tensors of ModuleListModel: {len(list(listed.parameters()))}")
listed(x).backward()
print(f"layers[0].weight.grad: {listed.layers[0].weight.grad}")
assert len(list(listed.parameters())) == 2
assert torch.equal(listed.layers[0].weight.grad, x)

# %%
# Answer 4
# ^^^^^^^^
# The bound :math:`1/\sqrt{n}` depends only on the number of inputs :math:`n`, so both
# layers draw their weights from :math:`[-0.25, 0.25]`; the number of outputs only changes
# how many weights there are. With 6,400 weights, ``nn.Linear(16, 400)`` comes very close
# to the bound.
bound = 1 / math.sqrt(16)
largest = {}
for fan_out in (4, 400):
    weights = nn.Linear(16, fan_out).weight.detach()
    largest[fan_out] = weights.abs().max().item()
    print(
        f"nn.Linear(16, {fan_out}): {weights.numel()} weights, "
        f"largest absolute value {largest[fan_out]:.5f}, bound {bound:.5f}"
    )
assert all(value <= bound for value in largest.values())
assert largest[400] > 0.99 * bound
