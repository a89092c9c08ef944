"""
Devices: CPU and GPU
====================

Every tensor lives on a *device*: the CPU's memory or a GPU's. The original lesson moves
a tensor to the GPU when one is available. This page writes that idea as code that runs
unchanged on a machine with or without a GPU, and shows that a model's parameters move
the same way. Everything printed below comes from the machine that built this page.
"""

# %%
# Every page starts the same way: import PyTorch, set up the site's style and fix
# the random seed. This page draws no figures, so it does not import matplotlib.
# ``pick_device`` is the package's reusable version of the device choice made below.
import torch
from torch import nn

from pytorch_basics.plotting import use_site_style
from pytorch_basics.tensors import describe, pick_device

use_site_style()
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
# The original lesson's move to the GPU
# -------------------------------------
# The original lesson asks ``torch.cuda.is_available()`` and, only if it says yes,
# copies ``x`` to the GPU with ``x.to('cuda')``; the printed tensor then carries
# ``device='cuda:0'`` (the first GPU). The ``else`` branch below is ours, so that the
# page reports what happened on a machine without a GPU, such as the one that built this
# site.
if torch.cuda.is_available():
    x_gpu = x.to("cuda")
    print(f"Tensor on GPU: {x_gpu}")
else:
    print(f"No CUDA GPU found: x stays on {x.device}")

# %%
# Device-agnostic code
# --------------------
# Rather than an ``if`` around every line, choose the device once and pass it
# everywhere. ``torch.device`` names a device; the rest of the page uses ``device``
# and runs the same on either kind of machine.
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
print(f"torch.cuda.is_available(): {torch.cuda.is_available()}")
print(f"device: {device}")

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
# ``.to(device)`` returns a tensor on ``device``, copying the data when it has to
# move. ``.cpu()`` brings a tensor back; NumPy only reads CPU memory, so ``.numpy()``
# needs it first. Neither changes the tensor it is called on.
x_on_device = x.to(device)
x_back = x_on_device.cpu()
print(f"x_on_device.device: {x_on_device.device}")
print(f"x_back.device: {x_back.device}")
print(f"same values after the round trip: {torch.equal(x_back, x)}")

# %%
# When a tensor is already on ``device``, ``.to`` copies nothing and returns the
# tensor itself. The line below prints ``True`` when ``x`` was already there and
# ``False`` after a real move to a GPU.
print(f"x_on_device is x: {x_on_device is x}")

# %%
# Mixing devices is an error
# --------------------------
# An operation needs all its tensors on one device (zero-dimensional CPU tensors
# excepted: they count as plain numbers); PyTorch does not copy them for you. With a
# GPU, adding a GPU tensor to a CPU tensor raises a ``RuntimeError`` that names the
# two devices it found. The cell tries this when a GPU exists and otherwise says why
# there is nothing to show.
if device.type == "cuda":
    try:
        x.to(device) + x
    except RuntimeError as error:
        print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
else:
    print(f"device is {device}: every tensor here is on the CPU, so there is nothing to mix.")

# %%
# The fix is always the same: move one operand, for example ``x.to(device)``, so that
# both sit on the same device.
total = x.to(device) + x_on_device
print(f"describe(total): {describe(total)}")

# %%
# A reusable choice: pick_device
# ------------------------------
# ``pick_device`` from ``pytorch_basics.tensors`` wraps the choice: CUDA if it is
# available, then Apple's MPS (the GPU of Apple silicon Macs), then the CPU. Here is
# what each check says on this machine and what ``pick_device`` picked.
mps_available = torch.backends.mps.is_available()
print(f"CUDA available: {torch.cuda.is_available()}")
print(f"MPS available: {mps_available}")
print(f"pick_device(): {pick_device()}")

# %%
# A model moves with model.to(device)
# -----------------------------------
# A model's weights and biases are tensors too. ``model.to(device)`` moves all of them
# at once. Unlike a tensor's ``.to``, a module's ``.to`` changes the module in place
# and returns the same object.
model = nn.Linear(2, 1)
moved = model.to(device)
print(f"model.to(device) is model: {moved is model}")
for name, parameter in model.named_parameters():
    print(f"{name}: {describe(parameter)}")

# %%
# The input must be on the model's device as well; the output then is too.
inputs = torch.tensor([[1.0, 2.0]], device=device)
output = model(inputs)
print(f"describe(output): {describe(output)}")
print(f"output on the CPU: {output.detach().cpu()}")

# %%
# Summary
# -------
# - ``tensor.device`` says where a tensor lives; new tensors go to the CPU unless
#   created with ``device=``.
# - Choose the device once,
#   ``torch.device("cuda" if torch.cuda.is_available() else "cpu")`` or
#   ``pick_device()``, and use it everywhere: the same code then runs with or without
#   a GPU.
# - ``.to(device)`` moves a tensor there, ``.cpu()`` brings it back;
#   ``model.to(device)`` moves all parameters. Tensors on different devices cannot be
#   combined.
#
# This is the end of the Tensors chapter. Next,
# :ref:`sphx_glr_auto_examples_autograd_plot_01_basics.py` lets PyTorch compute
# gradients. API:
# `torch.Tensor.to <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.to.html>`_,
# `torch.Tensor.cpu <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.cpu.html>`_,
# `torch.cuda.is_available <https://docs.pytorch.org/docs/stable/generated/torch.cuda.is_available.html>`_,
# `torch.nn.Module.to <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.to>`_,
# `Tensor attributes: torch.device <https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-device>`_.
