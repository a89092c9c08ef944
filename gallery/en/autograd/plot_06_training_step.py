r"""
A whole training step on an image model
=======================================

The post :ref:`post-autograd-easy` opens its tour of autograd with one training step on
ResNet18, an image classifier with more than eleven million parameters: forward pass,
loss, backward pass, optimizer step. This page runs that step, checks what each part
did, explains why a few parameters did not move, and then runs a second step to show
what momentum adds. Models, loss functions and optimizers are taught properly in the
Models chapter, which comes after this one; here each is defined in one line where it
first appears. The last section, marked (optional), looks inside the network to find
why some gradients are exactly zero.
"""

# %%
# Every page starts the same way: imports, the figures' fonts, a fixed seed.
# ``pytorch_basics.models.resnet18`` is a ResNet18 written out with plain ``torch.nn``
# layers, so the page needs neither torchvision nor a download.
import matplotlib.pyplot as plt
import torch

from pytorch_basics.models import resnet18
from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# One device for everything
# -------------------------
# The post :ref:`post-autograd-easy` carries a note that the tutorial "works only on
# the CPU and does not run on a GPU". The note comes from the PyTorch tutorial the post
# translates; it gives no
# reason, and the `change that added it <https://github.com/pytorch/tutorials/pull/1697>`_
# says only that the tutorial should be used on CPU. Nothing in the step below needs a
# CPU. What fails is *mixing* devices, such as a model on a GPU fed a tensor on the CPU
# (:ref:`sphx_glr_auto_examples_tensors_plot_09_devices.py` shows the error). So the
# page chooses one device, an accelerator such as a CUDA GPU when one is available and
# the CPU otherwise, and puts the model and every tensor on it. The device that built
# this page:
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
print(f"device: {device.type}")

# %%
# The model, with random weights
# ------------------------------
# A *model* is a network of layers packaged as one Python object (a
# ``torch.nn.Module``, taught in
# :ref:`sphx_glr_auto_examples_models_plot_01_nn_module.py`). Calling ``model(data)``
# runs the forward pass, and its weights and biases, its *parameters*, are tensors
# with ``requires_grad=True``. ResNet18 is such a model. The 18 in its name counts the
# layers along its main path: 17 convolutions (small filters slid across the image)
# and, at the end, a classifier ``fc`` with one output per class, 1000 in all.
#
# The post :ref:`post-autograd-easy` calls
# ``resnet18(weights=ResNet18_Weights.DEFAULT)``, which downloads
# weights trained on ImageNet. Pretrained weights cannot be downloaded while this site
# is built, so the page uses the same architecture with randomly initialised weights.
# The code of the step is the same either way; trained weights change the numbers, and
# how good the predictions are.
model = resnet18().to(device)
parameters = dict(model.named_parameters())
print(f"parameter tensors: {len(parameters)}")
print(f"parameters (numbers): {sum(p.numel() for p in parameters.values()):,}")
print(f"all require grad: {all(p.requires_grad for p in parameters.values())}")

# %%
# Forward pass
# ------------
# One random 64×64 RGB image (a batch of size 1) and random numbers standing in for the
# target, one per class, as in :ref:`post-autograd-easy`. ``prediction`` carries a
# ``grad_fn``: the last operation is the classifier's matrix product plus bias.
data = torch.rand(1, 3, 64, 64, device=device)
labels = torch.rand(1, 1000, device=device)
prediction = model(data)
print(f"prediction: shape {tuple(prediction.shape)}, grad_fn {prediction.grad_fn.name()}")

# %%
# Loss and backward pass
# ----------------------
# A *loss function* turns the prediction and the target into one number that should
# be small when the prediction is good (see
# :ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`). The loss of
# :ref:`post-autograd-easy` simply sums ``prediction - labels``; it is one number, so
# ``backward()`` needs no ``gradient=``. Before ``backward()`` no parameter has a
# gradient; after it, every parameter has one, of its own shape.
loss = (prediction - labels).sum()
print(f"loss: {loss.item():.4f}")
grads_before = [p.grad for p in parameters.values() if p.grad is not None]
print(f"tensors with .grad before backward(): {len(grads_before)}")
loss.backward()
with_grad = [p for p in parameters.values() if p.grad is not None]
print(f"tensors with .grad after backward():  {len(with_grad)} of {len(parameters)}")
print(f"each .grad has its parameter's shape: {all(p.grad.shape == p.shape for p in with_grad)}")

# %%
# A check by hand at the output
# -----------------------------
# The loss is :math:`\sum_k (\text{prediction}_k - \text{label}_k)`, so
# :math:`\partial \text{loss} / \partial \text{prediction}_k = 1` for every class,
# however good or bad the prediction. The classifier adds its bias directly,
# :math:`\text{prediction} = W h + \text{bias}`, so the gradient of every bias element
# is 1 as well. (This is why the post's loss is only a demonstration: it never says
# which prediction would be right. Real classification uses a loss built for it, such
# as ``torch.nn.CrossEntropyLoss``.)
fc_bias_grad = model.fc.bias.grad
print(f"fc.bias.grad == ones: {torch.allclose(fc_bias_grad, torch.ones_like(fc_bias_grad))}")

# %%
# The optimizer step
# ------------------
# An *optimizer* holds a list of parameters and, on ``step()``, updates each one from
# its ``.grad``: the update of
# :ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py`, done for every parameter
# at once (see :ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`). The
# optimizer of :ref:`post-autograd-easy` is SGD (stochastic gradient descent) with
# learning rate 0.01 and *momentum* 0.9: SGD keeps a buffer per parameter, updates it as
# :math:`\text{buf} \leftarrow 0.9 \cdot \text{buf} + \text{grad}` and moves the
# parameter by :math:`-\text{lr} \cdot \text{buf}`, so each step keeps some of the
# direction of the steps before it.
#
# To measure what ``step()`` does, ``flat`` copies the numbers of many tensors into one
# long vector: it flattens each tensor and joins them with ``cat`` (both from
# :ref:`sphx_glr_auto_examples_tensors_plot_05_shapes.py` and
# :ref:`sphx_glr_auto_examples_tensors_plot_06_split_join.py`). One comparison then
# checks all 11,689,512 numbers at once, and ``largest_difference`` compares two such
# vectors. We copy the parameters and their gradients before the step and the
# parameters after it.


def flat(tensors):
    """The numbers of all the tensors, copied into one long vector."""
    return torch.cat([t.detach().flatten() for t in tensors])


def largest_difference(x, y):
    """The largest gap between matching numbers of two vectors."""
    return (x - y).abs().max().item()


before = flat(parameters.values())
grad_1 = flat(p.grad for p in parameters.values())
optim = torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)
optim.step()
after_1 = flat(parameters.values())
print(f"numbers in each vector: {before.numel():,}")

# %%
# On the first step there is no earlier step: SGD starts the buffer as the gradient
# itself, so every parameter moves by :math:`-\text{lr} \cdot \text{grad}`, plain
# gradient descent. The actual change and :math:`-\text{lr} \cdot \text{grad}` differ by
# about :math:`10^{-7}` at most: that is rounding,
# explained two sections below.
lr = optim.param_groups[0]["lr"]
step_1 = -lr * grad_1
difference_1 = largest_difference(after_1 - before, step_1)
print(f"largest difference between the change and -lr * grad: {difference_1:.1e}")
assert difference_1 < 1e-6

# %%
# The parameters really changed
# -----------------------------
# Every number with a nonzero gradient was meant to move. (About a fifth of the
# gradients are exactly zero; the optional section at the end shows why.)
has_grad = grad_1 != 0
moved = after_1 != before
stuck = has_grad & ~moved
print(f"numbers with a nonzero gradient: {has_grad.sum().item():,} of {before.numel():,}")
print(f"numbers changed by step():       {moved.sum().item():,}")
print(f"nonzero gradient but unchanged:  {stuck.sum().item():,}")

# %%
# Why some numbers did not move: float32 spacing
# ----------------------------------------------
# ``float32`` keeps about 7 significant digits
# (:ref:`sphx_glr_auto_examples_tensors_plot_04_dtypes.py`): next to a value
# :math:`v` the nearest other ``float32`` number is roughly :math:`v \cdot 10^{-7}`
# away, and every result is rounded to the nearest ``float32`` number. A step much
# smaller than that gap is rounded away. The simplest example:
print(f"1 + 1e-8 in float32: {torch.tensor(1.0) + 1e-8:.10f}")
print(f"1 + 1e-8 in float64: {torch.tensor(1.0, dtype=torch.float64) + 1e-8:.10f}")

# %%
# The same happened to the parameters that did not move. Take the one with the
# largest step. ``torch.nextafter(v, direction)`` gives the next ``float32`` number
# after :math:`v` in that direction, here the direction of the step. The step is less
# than half of the gap to it, so :math:`v + \text{step}` is nearer to :math:`v` and
# rounds back to :math:`v`.
i = (step_1.abs() * stuck).argmax()
value, step = before[i], step_1[i]
gap = (torch.nextafter(value, step.sign() * torch.inf) - value).abs()
print(f"value {value:.10f}, step {step:.2e}, gap to the next float32 {gap:.2e}")
print(f"step / gap: {step.abs() / gap:.2f}")
print(f"value + step in float32: {value + step:.10f}, unchanged: {bool(value + step == value)}")

# %%
# Switching the cause off: the same update done in ``float64``, whose gaps are about
# :math:`10^{-16} \cdot v`, moves every one of the stuck numbers. Rounding that more
# exact result to ``float32`` gives back the old value for each of them.
stuck_before = before[stuck].double()
stuck_after = stuck_before - lr * grad_1[stuck].double()
moved_64 = (stuck_after != stuck_before).sum().item()
print(f"stuck numbers moved by the update in float64: {moved_64:,}")
rounds_back = torch.equal(stuck_after.float(), before[stuck])
print(f"float64 result rounded to float32 == old value for every one: {rounds_back}")
assert rounds_back

# %%
# A second step: momentum at work
# -------------------------------
# In a training loop the steps repeat in this order: ``optim.zero_grad()`` (clear the
# old gradients, see :ref:`sphx_glr_auto_examples_autograd_plot_04_vector_outputs.py`),
# forward pass, loss, ``backward()``, ``step()``. On this second step the buffer
# already holds the first gradient, so the change is
# :math:`-\text{lr} \cdot (0.9 \cdot \text{grad}_1 + \text{grad}_2)`, no longer
# :math:`-\text{lr} \cdot \text{grad}_2`.
optim.zero_grad()
loss = (model(data) - labels).sum()
loss.backward()
grad_2 = flat(p.grad for p in parameters.values())
optim.step()
change = flat(parameters.values()) - after_1
with_momentum = largest_difference(change, -lr * (0.9 * grad_1 + grad_2))
plain_only = largest_difference(change, -lr * grad_2)
print(f"largest difference from -lr * (0.9 * grad_1 + grad_2): {with_momentum:.1e}")
print(f"largest difference from -lr * grad_2:                  {plain_only:.1e}")
assert with_momentum < 1e-6 < plain_only

# %%
# Momentum on its own
# -------------------
# One number ``p`` with the loss ``p`` itself makes the effect easy to see: the
# gradient is 1 at every step. With ``momentum=0.9`` each step is 0.9 times the last
# plus ``lr``, so the steps grow; with momentum switched off (``momentum=0``) every
# step is ``lr * 1 = 0.01``.
for momentum in (0.9, 0.0):
    p = torch.zeros(1, requires_grad=True)
    one_number = torch.optim.SGD([p], lr=1e-2, momentum=momentum)
    steps = []
    for _ in range(5):
        one_number.zero_grad()
        p.sum().backward()
        old = p.item()
        one_number.step()
        steps.append(f"{old - p.item():.4f}")
    print(f"momentum={momentum}: steps {', '.join(steps)}")

# %%
# Why some gradients are exactly zero (optional)
# ----------------------------------------------
# This section can be skipped on a first reading; nothing later depends on it. The
# first ``backward()`` gave many numbers a gradient of exactly zero. ``split`` cuts
# ``grad_1`` back into one piece per parameter, and the zeros turn out to sit almost
# all in the last stage, ``layer4``:
sizes = [p.numel() for p in parameters.values()]
total = sum(sizes)
first_grads = dict(zip(parameters, grad_1.split(sizes), strict=True))
zeros = {name: (g == 0).sum().item() for name, g in first_grads.items()}
total_zeros = sum(zeros.values())
in_layer4 = sum(n for name, n in zeros.items() if name.startswith("layer4"))
print(f"numbers whose first gradient is exactly 0: {total_zeros:,} ({total_zeros / total:.1%})")
print(f"of these in layer4: {in_layer4:,}")
for name, n in zeros.items():
    if n > 0.05 * first_grads[name].numel():
        print(f"  {name}: {n / first_grads[name].numel():.1%} zero")

# %%
# Take ``layer4.1.conv2``, one of the last convolutions. The gradient of one of its
# filter weights is a sum of products, one for each position where the weight met
# the layer's input: the input value there times the gradient arriving at that
# output. If every input value in the sum is zero, the sum is zero. The input comes
# out of a ReLU, the function :math:`\max(0, x)`, which makes negative values exactly
# zero.
#
# To see that input we put the weights from before the first step back (each piece of
# ``before`` copied into its parameter, under ``no_grad``) and run the same forward and
# backward pass once more. A *forward pre-hook*, a function PyTorch calls with a
# layer's input just before the layer runs, keeps a copy of the input. A pre-hook may
# also *return* a changed input, which the layer then uses instead: this one adds
# 0.01 to every value, so the same pass also shows the layer with no zeros in its
# input. ``model.zero_grad()`` clears the model's gradients, as ``optim.zero_grad()``
# does.
with torch.no_grad():
    for p, piece in zip(parameters.values(), before.split(sizes), strict=True):
        p.copy_(piece.reshape(p.shape))
print(f"weights back to before the first step: {torch.equal(flat(parameters.values()), before)}")

conv = model.layer4[1].conv2
seen = {}


def keep_and_shift(module, inputs):
    seen["input"] = inputs[0].detach().clone()
    return (inputs[0] + 0.01,)


hook = conv.register_forward_pre_hook(keep_and_shift)
model.zero_grad()
(model(data) - labels).sum().backward()
hook.remove()
first_conv_grad = first_grads["layer4.1.conv2.weight"].reshape(conv.weight.shape)
print(f"input shape: {tuple(seen['input'].shape)}")
print(f"exact zeros in the input: {(seen['input'] == 0).float().mean():.1%}")
zero_share_first = (first_conv_grad == 0).float().mean()
zero_share_shifted = (conv.weight.grad == 0).float().mean()
print(
    f"layer4.1.conv2.weight: {zero_share_first:.1%} zero, "
    f"{zero_share_shifted:.1%} with 0.01 added to its input"
)

# %%
# Half of the input is zero, and switching those zeros off makes almost all the zero
# gradients go. The input is also small: one image, 512 channels of 2×2 positions. A
# 3×3 filter slid over a 2×2 map (padded with a border of zeros) meets real input at
# one position with a corner weight, two with an edge weight and four with the centre
# weight. The figure gives, for the first step, the share of exact-zero gradients at
# each of the nine filter positions, over all the layer's filters.
by_position = (first_conv_grad == 0).float().mean(dim=(0, 1))
fig, ax = plt.subplots(figsize=(3.6, 3.6))
draw_tensor(ax, by_position, fmt="{:.0%}")
ax.set_title("Zero gradients per filter position, layer4.1.conv2")
describe_figure(
    fig,
    "A 3×3 grid, one cell per position of the filters of layer4.1.conv2, giving and shading "
    "the share of first-step gradients there that are exactly zero. The four corners are "
    f"about half ({by_position[0, 0]:.0%}, {by_position[0, 2]:.0%}, "
    f"{by_position[2, 0]:.0%}, {by_position[2, 2]:.0%}), the middles of the four edges "
    f"fewer ({by_position[0, 1]:.0%}, {by_position[1, 0]:.0%}, {by_position[1, 2]:.0%}, "
    f"{by_position[2, 1]:.0%}), and the centre only {by_position[1, 1]:.0%}. The more "
    "positions where a weight meets real input, the rarer a zero gradient.",
)
plt.show()

# %%
# The figure shows about half of the corner gradients at zero, close to the share of
# zeros in the input; fewer at the edges, where two input values must both be zero;
# and almost none at the centre, where all four must be. That is the second cause:
# with few positions per weight, all of them are often zero, and with four the
# gradient is almost never zero.
#
# What is left after 0.01 was added to the input are a few whole filters, each one slice
# ``conv.weight.grad[k]`` in which every gradient is zero, for a reason this page does
# not follow further. Outside them, no gradient is zero any more.
whole_filters = (conv.weight.grad == 0).all(dim=(1, 2, 3))
print(f"filters with an all-zero gradient: {whole_filters.sum().item()} of {len(whole_filters)}")
print(f"zero gradients outside them: {(conv.weight.grad[~whole_filters] == 0).sum().item()}")

# %%
# Summary
# -------
# - A training step is forward (``model(data)``), loss, ``loss.backward()``, then
#   ``optimizer.step()``; in a loop, ``optimizer.zero_grad()`` comes first.
# - ``backward()`` gave every one of the model's parameter tensors a gradient. The
#   first SGD step moved each parameter by ``-lr * grad``; from the second step on,
#   momentum adds ``0.9`` times the previous buffer.
# - A step smaller than half the gap between neighbouring ``float32`` numbers is
#   rounded away, so a few parameters with a nonzero gradient do not move.
# - Random weights instead of downloaded ones change the numbers, not the code of the
#   step; one device for the model and all tensors lets the page run on a GPU too.
#
# The chapter's earlier pages explain the pieces:
# :ref:`sphx_glr_auto_examples_autograd_plot_04_vector_outputs.py` (why the loss must
# be a scalar) and :ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py` (the
# update that ``step()`` does for you).
#
# API:
# `torch.optim.SGD <https://docs.pytorch.org/docs/stable/generated/torch.optim.SGD.html>`_,
# `torch.accelerator <https://docs.pytorch.org/docs/stable/accelerator.html>`_,
# `torch.nextafter <https://docs.pytorch.org/docs/stable/generated/torch.nextafter.html>`_,
# `torch.nn.Module.register_forward_pre_hook <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.register_forward_pre_hook>`_.
#
# Next: :ref:`sphx_glr_auto_examples_autograd_plot_07_in_depth.py` looks at autograd in
# more depth.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** Replace the loss ``(prediction - labels).sum()`` with
#    ``(prediction - labels).mean()`` and run the backward pass. What are the elements of
#    ``model.fc.bias.grad``? Predict them first, following the check by hand at the
#    output.
# 2. **Change one thing and explain.** Run the loop of "Momentum on its own" with
#    ``momentum=0`` but without ``one_number.zero_grad()``. What are the five steps?
# 3. **Change one thing and explain.** In the same loop, create the optimizer with
#    ``momentum=0.9`` anew *inside* the loop, at every step. What are the steps? This is
#    a common mistake.

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# With one image, the mean is the sum divided by the number of classes, 1000, so
# :math:`\partial \text{loss} / \partial \text{prediction}_k = 1/1000` for every class.
# The classifier adds its bias directly, so every element of ``fc.bias.grad`` is 0.001
# too: a thousandth of what the sum gave. This does not depend on what goes into the
# classifier, so there is no need to run the whole ResNet again. The classifier
# ``model.fc`` is a layer you can call like the model; feed it random values of the
# shape it takes, twice.
optim.zero_grad()
print(f"shape the classifier takes: (1, {model.fc.in_features})")
for trial in range(2):
    features = torch.randn(1, model.fc.in_features, device=device)
    model.fc.bias.grad = None
    loss = (model.fc(features) - labels).mean()
    loss.backward()
    bias_grad = model.fc.bias.grad
    print(
        f"random input {trial + 1}: loss {loss.item():.4f}, "
        f"fc.bias.grad min {bias_grad.min().item():.6f}, max {bias_grad.max().item():.6f}"
    )
    assert torch.allclose(bias_grad, torch.full_like(bias_grad, 1 / labels.numel()))
print(f"1 / number of classes: {1 / labels.numel():.6f}")

# %%
# Answer 2
# ^^^^^^^^
# ``backward()`` adds to ``.grad``, so without clearing it ``p.grad`` grows to 1, 2, 3,
# 4, 5. ``step()`` moves by ``lr * p.grad`` each time, so the steps grow by 0.01 even
# with momentum switched off. It looks like momentum, but it is a bug.
p = torch.zeros(1, requires_grad=True)
one_number = torch.optim.SGD([p], lr=1e-2, momentum=0.0)
steps = []
grads = []
for _ in range(5):
    p.sum().backward()
    old = p.item()
    one_number.step()
    steps.append(old - p.item())
    grads.append(p.grad.item())
print("p.grad: " + ", ".join(f"{g:.1f}" for g in grads))
print("steps:  " + ", ".join(f"{s:.4f}" for s in steps))
assert torch.allclose(torch.tensor(grads), torch.arange(1.0, 6.0))
assert torch.allclose(torch.tensor(steps), 0.01 * torch.arange(1.0, 6.0))

# %%
# Answer 3
# ^^^^^^^^
# The momentum buffer lives in the optimizer. A new optimizer has no buffer yet, so
# every step is a first step: the buffer starts as the gradient itself and each step is
# ``lr * 1 = 0.01``. Unlike the run above with one optimizer, momentum has no effect at
# all, and nothing reports an error.
p = torch.zeros(1, requires_grad=True)
steps = []
for _ in range(5):
    one_number = torch.optim.SGD([p], lr=1e-2, momentum=0.9)
    one_number.zero_grad()
    p.sum().backward()
    old = p.item()
    one_number.step()
    steps.append(old - p.item())
print("a new optimizer at every step, steps: " + ", ".join(f"{s:.4f}" for s in steps))
assert torch.allclose(torch.tensor(steps), torch.full((5,), 0.01))
