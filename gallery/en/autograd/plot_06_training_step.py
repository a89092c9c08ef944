"""
A whole training step on an image model
=======================================

The lesson this page is based on ends its tour of autograd with one training step on
ResNet18, an image classifier with more than eleven million parameters: forward pass,
loss, backward pass, optimizer step. This page runs that step and looks inside: how many
parameters received a gradient, and how far the step moved each part of the network.
"""

# %%
# Every page starts the same way: imports, the figures' fonts, a fixed seed.
# ``pytorch_basics.models.resnet18`` is a ResNet18 written out with plain ``torch.nn``
# layers, so the page needs neither torchvision nor a download.
import matplotlib.pyplot as plt
import torch

from pytorch_basics.models import resnet18
from pytorch_basics.plotting import use_site_style
from pytorch_basics.tensors import pick_device

use_site_style()
torch.manual_seed(0)

# %%
# One device for everything
# -------------------------
# The PyTorch tutorial that the original lesson translates carries a note: "this
# tutorial works only on the CPU". The note gives no reason, and the
# `change that added it <https://github.com/pytorch/tutorials/pull/1697>`_ says only
# that the tutorial should be used on CPU. Nothing in a training step depends on the
# device: autograd records and runs the same graph on a GPU. What fails is *mixing*
# devices, such as a model on the GPU fed a tensor on the CPU. So this page picks one
# device and puts the model and every tensor on it; the site is built on a CPU.
device = pick_device()
print(f"device: {device.type}")

# %%
# The model, with random weights
# ------------------------------
# The original lesson calls ``resnet18(weights=ResNet18_Weights.DEFAULT)``, which
# downloads weights trained on ImageNet. This site is built without network access, so
# the page uses the same architecture with randomly initialised weights. For autograd
# this changes nothing: the forward pass, ``backward()`` and ``step()`` run the same
# operations whatever numbers the weights hold. Trained weights only change the numbers,
# and how good the predictions are.
model = resnet18().to(device)
parameters = dict(model.named_parameters())
print(f"parameter tensors: {len(parameters)}")
print(f"parameters (scalars): {sum(p.numel() for p in parameters.values()):,}")
print(f"all require grad: {all(p.requires_grad for p in parameters.values())}")

# %%
# Watching the image shrink
# -------------------------
# The network is in training mode, so its batch-norm layers normalise with the
# statistics of the current batch, and need more than one value per channel. With a
# single image those values are the positions of the feature map, which shrinks
# stage by stage. A forward hook on each of the four stages records its output shape
# during the forward pass below.
stage_shapes = {}
for stage in ["layer1", "layer2", "layer3", "layer4"]:
    getattr(model, stage).register_forward_hook(
        lambda module, inputs, output, stage=stage: stage_shapes.update(
            {stage: tuple(output.shape)}
        )
    )
print(f"training mode: {model.training}")

# %%
# Forward pass
# ------------
# One random 64×64 RGB image (batch size 1) and a random target for the 1000 classes, as
# in the original lesson. ``prediction`` carries a ``grad_fn``: the last operation is
# the classifier's matrix product plus bias.
data = torch.rand(1, 3, 64, 64, device=device)
labels = torch.rand(1, 1000, device=device)
prediction = model(data)
print(f"prediction: shape {tuple(prediction.shape)}, grad_fn {prediction.grad_fn.name()}")
for stage, shape in stage_shapes.items():
    print(f"{stage} output: {shape}")

# %%
# The last stage still has 2×2 positions per channel, enough for batch norm. A 1×1
# map with a single image would leave one value per channel, and a batch-norm layer in
# training mode refuses that:
try:
    torch.nn.BatchNorm2d(2)(torch.rand(1, 2, 1, 1))
except ValueError as error:
    print(f"{type(error).__name__}: {error}")
# %%
# Loss and backward pass
# ----------------------
# The lesson's loss simply sums ``prediction - labels`` (real training would use
# ``torch.nn.CrossEntropyLoss``). Before ``backward()`` no parameter has a gradient;
# after it, every parameter that requires grad has one, of its own shape.
loss = (prediction - labels).sum()
print(f"loss: {loss.item():.4f}")
grads_before = [p.grad for p in parameters.values() if p.grad is not None]
print(f"tensors with .grad before backward(): {len(grads_before)}")
loss.backward()
with_grad = [p for p in parameters.values() if p.grad is not None]
print(f"tensors with .grad after backward():  {len(with_grad)} of {len(parameters)}")
print(f"scalars with a gradient: {sum(p.grad.numel() for p in with_grad):,}")

# %%
# A check by hand at the output
# -----------------------------
# The loss is :math:`\sum_k (\text{prediction}_k - \text{label}_k)`, so
# :math:`\partial \text{loss} / \partial \text{prediction}_k = 1`. The classifier
# adds its bias directly, :math:`\text{prediction} = W h + \text{bias}`, so the
# gradient of every bias element is 1 as well:
fc_bias_grad = model.fc.bias.grad
print(f"fc.bias.grad == ones: {torch.allclose(fc_bias_grad, torch.ones_like(fc_bias_grad))}")

# %%
# Some gradients are exactly zero
# -------------------------------
# ReLU passes no gradient through a negative input. In the last stage each channel
# holds only a few positions for one image, and many of them are zeroed by ReLU, so
# many weight gradients there are exactly zero.
zero_count = {name: (p.grad == 0).sum().item() for name, p in parameters.items()}
zero_total = sum(zero_count.values())
total = sum(p.numel() for p in parameters.values())
print(f"scalars whose gradient is exactly 0: {zero_total:,} ({zero_total / total:.1%})")
for name, count in zero_count.items():
    if count / parameters[name].numel() > 0.05:
        print(f"  {name}: {count / parameters[name].numel():.1%} zero")

# %%
# The optimizer step
# ------------------
# The lesson's optimizer: SGD with learning rate 0.01 and momentum 0.9, holding every
# parameter of the model. Before ``step()`` we keep a copy of all parameters, to
# measure the change.
before = {name: p.detach().clone() for name, p in parameters.items()}
optim = torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)
optim.step()

# %%
# On the first step SGD's momentum buffer starts as the gradient itself, so the step
# is plain gradient descent: every parameter moves by exactly
# :math:`-\text{lr} \cdot \text{grad}`. Momentum matters from the second step on,
# when the buffer becomes :math:`0.9 \cdot \text{buffer} + \text{grad}`.
lr = optim.param_groups[0]["lr"]
matches = all(
    torch.allclose(p.detach() - before[name], -lr * p.grad, atol=1e-6)
    for name, p in parameters.items()
)
print(f"change == -lr * grad for all {len(parameters)} tensors: {matches}")

# %%
# The parameters really changed
# -----------------------------
# Every scalar with a nonzero gradient moved, except a few whose step is smaller than
# the spacing of float32 numbers next to their value.
changed = sum((p.detach() != before[name]).sum().item() for name, p in parameters.items())
nonzero = total - zero_total
print(f"scalars changed by step(): {changed:,} of {total:,} ({changed / total:.1%})")
print(f"nonzero gradient but too small a step to show: {nonzero - changed:,}")

# %%
# How much each stage moved
# -------------------------
# Grouped by stage (the stem is the first convolution and its batch norm), the table
# gives the largest change of any single parameter and the size of the change relative
# to the stage's weights, :math:`\lVert \Delta w \rVert / \lVert w \rVert`.


def stage_of(name):
    first = name.split(".")[0]
    return "stem" if first in ("conv1", "bn1") else first


stages = ["stem", "layer1", "layer2", "layer3", "layer4", "fc"]
largest, relative = {}, {}
for stage in stages:
    names = [name for name in parameters if stage_of(name) == stage]
    deltas = torch.cat([(parameters[name].detach() - before[name]).flatten() for name in names])
    weights = torch.cat([before[name].flatten() for name in names])
    largest[stage] = deltas.abs().max().item()
    relative[stage] = (deltas.norm() / weights.norm()).item()
    print(f"{stage:>6}: largest change {largest[stage]:.4f}, relative change {relative[stage]:.4f}")

# %%
# The figure draws the two columns of the table.
fig, (ax_max, ax_rel) = plt.subplots(1, 2, figsize=(7, 3))
ax_max.bar(stages, list(largest.values()), color="tab:blue")
ax_max.set_yscale("log")
ax_max.set_ylabel("largest |change|")
ax_max.set_title("Largest change of one parameter")
ax_rel.bar(stages, list(relative.values()), color="tab:orange")
ax_rel.set_ylabel("‖Δw‖ / ‖w‖")
ax_rel.set_title("Change relative to the weights")
for ax in (ax_max, ax_rel):
    ax.tick_params(axis="x", labelrotation=45)
fig.suptitle("One SGD step on ResNet18, per stage")
plt.show()

# %%
# The figure shows that one step moved every stage, the stem most of all: its
# relative change is above 1, so a single step changed its weights by more than their
# own size. The lesson's loss sums 1000 outputs, which makes its gradients large; with a
# real loss such as ``CrossEntropyLoss`` the steps are much smaller.
#
# Summary
# -------
# - A training step is forward (``model(data)``), loss, ``loss.backward()``, then
#   ``optimizer.step()``; in a loop, ``optimizer.zero_grad()`` comes first.
# - ``backward()`` gave every one of the model's parameter tensors a gradient; the
#   step moved each parameter by ``-lr * grad`` (momentum starts to matter on the
#   second step).
# - Random weights instead of downloaded ones change the numbers, not the mechanics;
#   one device for the model and all tensors is what makes a page run on a GPU too.
#
# The chapter's earlier pages explain each piece:
# :ref:`sphx_glr_auto_examples_autograd_plot_04_vector_outputs.py` (why the loss must
# be a scalar) and :ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py` (the
# update that ``step()`` does for you). API:
# `torch.optim.SGD <https://docs.pytorch.org/docs/stable/generated/torch.optim.SGD.html>`_,
# `torch.nn.Module.register_forward_hook <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.register_forward_hook>`_,
# `torch.nn.BatchNorm2d <https://docs.pytorch.org/docs/stable/generated/torch.nn.BatchNorm2d.html>`_.
