"""
Devices: CPU and accelerators
=============================

Every tensor lives on a *device*: the CPU's memory, or the memory of an accelerator
such as a GPU. The post :ref:`post-concepts` moves a tensor to the GPU when one is
available. This page shows how PyTorch writes that today with ``torch.accelerator``,
as code that runs unchanged on a machine with or without an accelerator, and what
happens when tensors on different devices meet. Everything printed below comes from
the machine that built this page.
"""

# %%
# Every page starts the same way: import PyTorch and fix the random seed. This page
# draws no figures, so it needs neither matplotlib nor the site's figure style.
# ``describe`` from the package returns a tensor's shape, dtype and device as one line.
import torch
from torch import nn

from pytorch_basics.tensors import describe, pick_device

torch.manual_seed(0)

# %%
# Where a tensor lives
# --------------------
# A new tensor is created on the CPU unless you say otherwise. Its ``.device``
# attribute tells where it is.
x = torch.tensor([[1, 2], [3, 4]], dtype=torch.float32)
print(f"x.device: {x.device}")
print(f"describe(x): {describe(x)}")

# %%
# The post's move to the GPU
# --------------------------
# The post :ref:`post-concepts` asks ``torch.cuda.is_available()`` and, only if it
# says yes, copies ``x`` to the GPU with ``x.to('cuda')``; the printed tensor then
# carries ``device='cuda:0'`` (the first CUDA GPU). Older code, and much of the code
# you will read, is written this way. The ``else`` branch is ours, so that the page
# reports what happened on a machine without CUDA.
if torch.cuda.is_available():
    x_gpu = x.to("cuda")
    print(f"Tensor on GPU: {x_gpu}")
else:
    print(f"torch.cuda.is_available() is False: x stays on {x.device}")

# %%
# torch.accelerator: any accelerator
# ----------------------------------
# ``torch.cuda.is_available()`` asks about one kind of accelerator only: CUDA, the
# platform of NVIDIA's GPUs (PyTorch's builds for AMD GPUs answer to the same name,
# ``cuda``). PyTorch now asks the general question through ``torch.accelerator``. An
# *accelerator* is a device that works beside the CPU to speed up computation: a CUDA
# GPU, Apple's MPS (Metal Performance Shaders, for the GPU of a Mac), Intel's XPU and a
# few others. ``torch.accelerator`` deals with one kind at a time, the one your
# PyTorch was built for: ``current_accelerator()`` names that kind (``None`` if there
# is none, as in the CPU-only build), and ``is_available()`` says whether such a
# device can be used on this machine right now. Here is what they say on the machine
# that built this page.
print(f"torch.accelerator.is_available():      {torch.accelerator.is_available()}")
print(f"torch.accelerator.current_accelerator(): {torch.accelerator.current_accelerator()}")

# %%
# Device-agnostic code
# --------------------
# Rather than an ``if`` around every line, choose the device once and pass it
# everywhere; the rest of the page uses ``device`` and runs the same on any machine.
# ``is_available()`` comes first because ``current_accelerator()`` alone answers
# for the build, not for the machine: its documentation says it returns "the device of
# the accelerator available at compilation time", so a CUDA build on a computer
# without a GPU still names ``cuda``. ``torch.device("cpu")`` names the CPU.
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
print(f"device: {device}")

# %%
# ``pick_device`` from ``pytorch_basics.tensors`` wraps this same choice in a
# function. The later pages write this choice out, so that each page shows the
# whole choice.
print(f"pick_device() == device: {pick_device() == device}")
assert pick_device() == device

# %%
# Creating tensors on a device
# ----------------------------
# The creation functions accept ``device=``, which builds the tensor where it will be
# used instead of creating it on the CPU and copying it over.
zeros = torch.zeros(2, 3, device=device)
print(f"describe(zeros): {describe(zeros)}")

# %%
# Moving a tensor there and back
# ------------------------------
# ``.to(device)`` returns a tensor on ``device``, and ``.cpu()`` returns one on the
# CPU. The values survive the round trip.
x_on_device = x.to(device)
x_back = x_on_device.cpu()
print(f"x_on_device.device: {x_on_device.device}")
print(f"x_back.device: {x_back.device}")
print(f"same values after the round trip: {torch.equal(x_back, x)}")

# %%
# A second device on every machine
# --------------------------------
# To show what happens *between* devices even on a machine with only a CPU, the rest
# of the page also uses a second device, ``elsewhere``: the accelerator when there is
# one, and otherwise ``meta``. The ``meta`` device is built into every PyTorch; a
# tensor there has a shape and a dtype but no numbers, which is all the cells below
# need. On a machine with an accelerator, ``elsewhere`` is that accelerator, and the
# error messages below name it instead of ``meta`` (and are worded differently).
elsewhere = device if device.type != "cpu" else torch.device("meta")
x_elsewhere = x.to(elsewhere)
print(f"elsewhere: {elsewhere}")
print(f"describe(x_elsewhere): {describe(x_elsewhere)}")

# %%
# ``meta`` is only a stand-in: not every operation checks devices there. A matrix
# product of a ``meta`` tensor and a CPU tensor runs without an error, where a GPU
# tensor ``@`` a CPU tensor raises one. The cells below therefore use operations that
# check devices on ``meta`` too.
print(f"(x.to('meta') @ x).device: {(x.to('meta') @ x).device}")

# %%
# ``.to`` copies only when it has to move. When the tensor is already on the target
# device, it returns the tensor itself; otherwise it returns a new tensor and leaves
# the original where it was.
print(f"x.to(x.device) is x:   {x.to(x.device) is x}")
print(f"x.to(elsewhere) is x: {x_elsewhere is x}")
print(f"x.device afterwards:  {x.device}")

# %%
# NumPy reads only the CPU's memory, so ``.numpy()`` refuses a tensor anywhere else,
# and the error message names the fix: ``.cpu()`` first. A ``meta`` tensor has no
# numbers to copy back, so the fix is shown on ``x_on_device``, which is on ``device``.
try:
    x_elsewhere.numpy()
except TypeError as error:
    print(f"{type(error).__name__}: {error}")
print(f"x_on_device.cpu().numpy():\n{x_on_device.cpu().numpy()}")

# %%
# Mixing devices is an error
# --------------------------
# An operation needs its tensors on one device, and PyTorch does not copy them over
# for you: adding a tensor on ``elsewhere`` to one on the CPU raises a
# ``RuntimeError`` that names the devices.
try:
    x_elsewhere + x
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# One exception: in element-wise arithmetic such as ``+``, a zero-dimensional CPU
# tensor (a single number) may join a tensor on another device, as a plain Python
# number would. The result lives on the other tensor's device.
scalar = torch.tensor(10.0)
print(f"describe(x_elsewhere + scalar): {describe(x_elsewhere + scalar)}")

# %%
# The fix is always the same: move one operand with ``.to``, so that both sit on the
# same device. Moving ``x`` to ``elsewhere`` makes the failing addition above work.
total = x_elsewhere + x.to(elsewhere)
print(f"describe(x_elsewhere + x.to(elsewhere)): {describe(total)}")

# %%
# A model moves with model.to(device)
# -----------------------------------
# ``nn.Linear(2, 1)`` is one layer of a neural network; the page
# :ref:`sphx_glr_auto_examples_models_plot_01_nn_module.py` builds models from it.
# For now it is enough that it holds two tensors, a weight and a bias, called its
# *parameters* (``named_parameters()`` lists them). ``model.to(device)`` moves all of
# them at once.
model = nn.Linear(2, 1)
moved = model.to(device)
for name, parameter in model.named_parameters():
    print(f"{name}: {describe(parameter)}")

# %%
# Unlike a tensor's ``.to``, the ``.to`` of a layer or a model changes it in place and
# returns the same object. A spare layer moved to ``elsewhere`` shows it: the call
# returns the layer itself, and its weight has moved.
spare = nn.Linear(2, 1)
print(f"model.to(device) is model:     {moved is model}")
print(f"spare.to(elsewhere) is spare:  {spare.to(elsewhere) is spare}")
print(f"spare.weight.device:           {spare.weight.device}")

# %%
# The input must be on the model's device as well; the output then is too. The spare
# layer, which now lives on ``elsewhere``, refuses an input from the CPU and accepts
# the same input moved to ``elsewhere``.
inputs = torch.tensor([[1.0, 2.0]], device=device)
output = model(inputs)
print(f"describe(output): {describe(output)}")
try:
    spare(x[:1])
except RuntimeError as error:
    print(f"spare(x[:1]) -> {type(error).__name__}: {str(error).splitlines()[0]}")
print(f"describe(spare(x[:1].to(elsewhere))): {describe(spare(x[:1].to(elsewhere)))}")

# %%
# Summary
# -------
# - ``tensor.device`` says where a tensor lives; new tensors go to the CPU unless
#   created with ``device=``.
# - Choose the device once with ``torch.accelerator`` (the device choice above, or the
#   package's ``pick_device()``) and use it everywhere: the same code then runs with
#   or without an accelerator. Older code writes ``torch.cuda.is_available()``, which
#   asks about CUDA only.
# - ``.to(device)`` moves a tensor there (a new tensor, unless it was already there),
#   ``.cpu()`` brings it back, and ``.numpy()`` needs it on the CPU.
#   ``model.to(device)`` moves all parameters in place. Tensors on different devices
#   cannot be combined, zero-dimensional CPU tensors in arithmetic excepted.
#
# This is the end of the Tensors chapter; in the Autograd chapter PyTorch computes
# gradients for us. API:
# `torch.accelerator <https://docs.pytorch.org/docs/stable/accelerator.html>`_,
# `accelerators <https://docs.pytorch.org/docs/stable/torch.html#accelerators>`_,
# `torch.Tensor.to <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.to.html>`_,
# `torch.Tensor.cpu <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.cpu.html>`_,
# `torch.nn.Module.to <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.to>`_,
# `torch.device <https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-device>`_,
# `the meta device <https://docs.pytorch.org/docs/stable/meta.html>`_.
#
# Next: :ref:`sphx_glr_auto_examples_autograd_plot_01_basics.py`.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** After the code below, what are ``w.device`` and
#    ``layer.weight.device``?
#
#    .. code-block:: python
#
#       w = torch.ones(2)
#       layer = nn.Linear(2, 1)
#       w.to(elsewhere)
#       layer.to(elsewhere)
#
# 2. **Change one thing and explain.** In the cell that shows the exception for
#    zero-dimensional CPU tensors, replace ``scalar = torch.tensor(10.0)`` with
#    ``torch.tensor([10.0])``. What does ``x_elsewhere + scalar`` do now? It still
#    holds a single number.
# 3. **Write it.** Write a function ``add_noise(t)`` that returns ``t`` plus
#    ``torch.randn`` noise of the same shape. It must work wherever ``t`` lives, without
#    using ``device`` or ``elsewhere`` inside the function.

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# ``w`` is still on the CPU, while the layer's weight has moved to ``elsewhere``. A
# tensor's ``.to`` leaves the tensor alone and returns a new one, and that result was
# not kept in any variable, so it is simply thrown away. A layer's ``.to`` changes the
# layer in place. To move a tensor, keep the result: ``w = w.to(elsewhere)``.
w = torch.ones(2)
layer = nn.Linear(2, 1)
w.to(elsewhere)
layer.to(elsewhere)
print(f"w.device: {w.device}, layer.weight.device: {layer.weight.device}")
assert w.device.type == "cpu" and layer.weight.device.type == elsewhere.type
w = w.to(elsewhere)
print(f"w.device after w = w.to(elsewhere): {w.device}")
assert w.device.type == elsewhere.type

# %%
# Answer 2
# ^^^^^^^^
# It raises an error. The exception is for zero-dimensional tensors, not for tensors
# with one element: ``torch.tensor([10.0])`` is a 1-D tensor of shape (1,), so, like
# any other CPU tensor, it raises a ``RuntimeError`` about mismatched devices.
one_element = torch.tensor([10.0])
print(f"scalar.ndim: {scalar.ndim}, one_element.ndim: {one_element.ndim}")
try:
    x_elsewhere + one_element
except RuntimeError as error:
    print(f"x_elsewhere + one_element -> {type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("a 1-d CPU tensor should not join a tensor on another device")


# %%
# Answer 3
# ^^^^^^^^
# Make the noise on the device of ``t`` from the start: ``t.device`` names it, so pass
# ``device=t.device``. Without that argument the noise is made on the CPU, and adding
# it to a tensor on ``elsewhere`` raises an error.
def add_noise(t):
    return t + torch.randn(t.shape, device=t.device)


def add_noise_on_cpu(t):
    return t + torch.randn(t.shape)


print(f"describe(add_noise(x)):           {describe(add_noise(x))}")
print(f"describe(add_noise(x_elsewhere)): {describe(add_noise(x_elsewhere))}")
assert add_noise(x).device == x.device and add_noise(x_elsewhere).device == x_elsewhere.device
try:
    add_noise_on_cpu(x_elsewhere)
except RuntimeError as error:
    print(f"add_noise_on_cpu(x_elsewhere) -> {type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("noise made on the CPU should not join a tensor on another device")
