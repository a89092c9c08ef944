r"""
Saving and loading
==================

A trained model lives in memory only until Python exits. This page trains the digit
classifier for four epochs and looks at what PyTorch saves: the model's ``state_dict``, its
tensors by name, and the optimizer's, with Adam's moving averages. It saves both to a file
and loads them into a new model that predicts exactly the same. It stops a training run
half-way and resumes it to exactly the same parameters as a run that never stopped, and
finds what each part of the saved file is needed for. Last, it shows why saving the whole
model object is fragile, and why ``torch.load(..., weights_only=True)`` is the safe way to
load a file.
"""

# %%
# Every page starts the same way: import the libraries, set up the figures' fonts and fix the
# random seed. ``DigitsDataset`` and the training functions come from the site's package and are
# explained where they are first used. This page also asks PyTorch to compute on one CPU thread:
# with more threads, the same sums may be added in a different order from one run to the next,
# and during training the last-digit differences can grow into different results. With one
# thread, running the page again on the same machine gives the same numbers. Another CPU or
# another version of PyTorch may round differently, so the exact numbers the text quotes are
# those of this page's run; yours may differ a little, while the relations the page checks with
# ``assert`` hold all the same.
import copy
import os
import pickle
import pickletools
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.utils.data import DataLoader, random_split

from pytorch_basics.digits import DigitsDataset
from pytorch_basics.plotting import describe_figure, use_site_style
from pytorch_basics.tensors import shares_memory
from pytorch_basics.training import evaluate, train_one_epoch

use_site_style()
torch.manual_seed(0)
torch.set_num_threads(1)

# %%
# The classifier, trained for four epochs
# ---------------------------------------
# The data, the split and the loaders are those of
# :ref:`sphx_glr_auto_examples_classifier_plot_01_data.py`: ``DigitsDataset()`` holds the
# 1,797 digits, ``random_split`` with its own seeded generator makes the same 1,197
# training, 300 validation and 300 test digits on every run, and the validation loader
# hands out its 300 digits as one batch. The model is the ``DigitClassifier`` of
# :ref:`sphx_glr_auto_examples_classifier_plot_02_training.py`: 64 pixels, a hidden layer
# of 64 units with ReLU and dropout, 10 logits.
full = DigitsDataset()
train_set, val_set, test_set = random_split(
    full, [1197, 300, 300], generator=torch.Generator().manual_seed(0)
)
val_loader = DataLoader(val_set, batch_size=300)
loss_fn = nn.CrossEntropyLoss()


class DigitClassifier(nn.Module):
    def __init__(self, hidden: int = 64, dropout: float = 0.2) -> None:
        super().__init__()
        self.layers = nn.Sequential(
            nn.Flatten(), nn.Linear(64, hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, 10)
        )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.layers(images)


# %%
# ``train_one_epoch`` runs one pass over the training loader (for each batch: zero the
# gradients, forward, loss, backward, step) and returns the mean loss per example;
# ``evaluate`` measures the validation set in evaluation mode, recording nothing. Four
# epochs are enough for this page, which is about what gets saved, not about the best
# model.
model = DigitClassifier()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
train_loader = DataLoader(
    train_set, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
)
for epoch in range(1, 5):
    train_loss = train_one_epoch(model, train_loader, loss_fn, optimizer)
    val = evaluate(model, val_loader, loss_fn)
    print(
        f"epoch {epoch}: training loss {train_loss:.4f}, "
        f"validation loss {val.loss:.4f}, validation accuracy {val.accuracy:.2%}"
    )

# %%
# What a model's state_dict holds
# -------------------------------
# ``model.state_dict()`` returns the model's *state dict*: a dictionary from a name to
# each tensor the model holds. It is an ``OrderedDict``, a ``dict`` that keeps its
# entries in the order they were added. The names follow the model's attributes:
# ``layers.1.weight`` is the ``weight`` of ``self.layers[1]``, the first ``nn.Linear``.
# ``nn.Flatten``, ``nn.ReLU`` and ``nn.Dropout`` (positions 0, 2 and 3) have no
# parameters, so no name starts with ``layers.0``, ``layers.2`` or ``layers.3``.
model_state = model.state_dict()
print(type(model_state).__name__)
for name, tensor in model_state.items():
    print(f"{name}: shape {tuple(tensor.shape)}, {tensor.numel()} numbers, {tensor.dtype}")
numbers = sum(tensor.numel() for tensor in model_state.values())
print(f"in all: {numbers} numbers")
assert list(model_state) == [name for name, _ in model.named_parameters()]

# %%
# The tensors are not copies. Each one shares its memory with the parameter of the same
# name (memory sharing, :ref:`sphx_glr_auto_examples_tensors_plot_02_numpy_memory.py`),
# without the gradient recording: the values are the parameters' values right now, and
# they change when the parameters do (exercise 1).
weight = model_state["layers.1.weight"]
print(f"shares memory with model.layers[1].weight: {shares_memory(weight, model.layers[1].weight)}")
print(f"requires_grad: {weight.requires_grad}")

# %%
# A state dict holds a model's *buffers* too: tensors a model keeps besides its
# parameters, which the optimizer does not train. This model has none. ``nn.BatchNorm1d``,
# a layer this site does not use, rescales its inputs. In training mode it also updates
# running averages of their mean and variance, which it uses in evaluation mode, and
# those averages are buffers: its state dict holds more than its two parameters.
batch_norm = nn.BatchNorm1d(3)
print(f"DigitClassifier buffers: {list(model.buffers())}")
print(f"BatchNorm1d parameters:  {[name for name, _ in batch_norm.named_parameters()]}")
print(f"BatchNorm1d state dict:  {list(batch_norm.state_dict())}")

# %%
# What the optimizer's state_dict holds
# -------------------------------------
# Adam (:ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`) keeps, for every
# parameter, a moving average of its gradient (``exp_avg``) and of its squared gradient
# (``exp_avg_sq``), and counts its steps (``step``). ``optimizer.state_dict()`` has two
# entries: ``"state"``, those tensors for each parameter, and ``"param_groups"``, the
# settings: the learning rate, the ``betas`` (how much of the old average each moving
# average keeps at each step), ``eps`` and the others.
optimizer_state = optimizer.state_dict()
print(list(optimizer_state))
group = optimizer_state["param_groups"][0]
print(f"lr {group['lr']}, betas {group['betas']}, eps {group['eps']}, params {group['params']}")
for index, state in optimizer_state["state"].items():
    print(
        f"parameter {index}: step {state['step'].item():.0f}, "
        f"exp_avg {tuple(state['exp_avg'].shape)}, exp_avg_sq {tuple(state['exp_avg_sq'].shape)}"
    )

# %%
# Each moving average has the shape of its parameter, so Adam keeps twice as many numbers
# as the model. ``step`` is the number of updates so far: 4 epochs of 38 batches. The
# parameters have no names here, only numbers 0 to 3, their positions in
# ``model.parameters()``: an optimizer's state dict fits an optimizer built over the same
# parameters in the same order.
adam_numbers = sum(
    s["exp_avg"].numel() + s["exp_avg_sq"].numel() for s in optimizer_state["state"].values()
)
print(f"numbers in Adam's averages: {adam_numbers} = 2 x {numbers}")
print(f"batches per epoch: {len(train_loader)}, 4 epochs: {4 * len(train_loader)} steps")
assert adam_numbers == 2 * numbers
assert all(s["step"].item() == 4 * len(train_loader) for s in optimizer_state["state"].values())

# %%
# Saving to a file and loading into a new model
# ---------------------------------------------
# ``torch.save(obj, path)`` writes a dictionary of tensors (and of numbers, strings,
# lists, dictionaries) to a file; ``.pt`` is the usual file extension. We save both state
# dicts in one dictionary. ``tempfile.TemporaryDirectory()`` makes a new, empty folder;
# at the end of the page ``folder.cleanup()`` deletes it with everything in it, so this
# page leaves no file behind. Most of the file is the numbers: the model's and, twice as
# many, Adam's, 4 bytes each in ``float32``; the rest holds the names, the settings and
# the file's own structure, which we open further down.
folder = tempfile.TemporaryDirectory()
saved_path = Path(folder.name) / "digits.pt"
torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, saved_path)
print(f"{saved_path.name}: {saved_path.stat().st_size:,} bytes")
print(f"the numbers alone: (1 + 2) x {numbers} x 4 bytes = {3 * numbers * 4:,} bytes")

# %%
# ``torch.load`` reads the dictionary back; ``weights_only=True`` is explained at the end
# of the page. A new ``DigitClassifier`` starts from new random parameters, so it guesses:
# about one digit in ten is right. ``load_state_dict`` copies each saved tensor into the
# parameter of the same name, and checks the names of the file against those of the
# model; here every name matched, as its printed result says. The new optimizer, built
# over the new model's parameters, takes the saved Adam state the same way.
loaded = torch.load(saved_path, weights_only=True)
print(f"keys in the file: {list(loaded)}")
new_model = DigitClassifier()
new_optimizer = torch.optim.Adam(new_model.parameters(), lr=1e-2)
print(f"new model: validation accuracy {evaluate(new_model, val_loader, loss_fn).accuracy:.2%}")
print(new_model.load_state_dict(loaded["model"]))
new_optimizer.load_state_dict(loaded["optimizer"])
print(f"after loading: validation accuracy {evaluate(new_model, val_loader, loss_fn).accuracy:.2%}")

# %%
# The new model now gives exactly the same logits as the trained one, to the last bit
# (``torch.equal``), and the new optimizer holds the same step counts and moving
# averages. Both models are in evaluation mode, where dropout changes nothing
# (:ref:`sphx_glr_auto_examples_classifier_plot_02_training.py`).
images, labels = next(iter(val_loader))
model.eval()
new_model.eval()
with torch.no_grad():
    same_logits = torch.equal(model(images), new_model(images))
old_adam = optimizer.state_dict()["state"]
new_adam = new_optimizer.state_dict()["state"]
same_adam = all(
    torch.equal(old_adam[index][key], new_adam[index][key])
    for index in old_adam
    for key in ("step", "exp_avg", "exp_avg_sq")
)
print(f"identical logits for the 300 validation digits: {same_logits}")
print(f"identical Adam state: {same_adam}")
assert same_logits and same_adam

# %%
# A checkpoint: stopping and resuming
# -----------------------------------
# A long training run saves a *checkpoint* every few epochs, so that a crash or a time
# limit loses little. To continue exactly as if the run had never stopped, the checkpoint
# must hold everything the next epochs depend on: the epoch reached, the model, the
# optimizer, and the random state. Two random number generators are at work:
# the training loader's ``generator``, which draws each epoch's order of the examples
# (:ref:`sphx_glr_auto_examples_classifier_plot_01_data.py`), and PyTorch's global
# generator, which dropout draws its zeros from
# (:ref:`sphx_glr_auto_examples_classifier_plot_02_training.py`). ``get_state()`` and
# ``torch.get_rng_state()`` return a generator's state as a tensor of bytes;
# ``set_state()`` and ``torch.set_rng_state()`` put it back.
#
# ``start_run`` makes everything new, as a fresh start of this page would: it seeds the
# global generator with 0 and builds a model, an optimizer and a training loader. Its
# three options are for the end of this section; by default it builds this chapter's
# setup. ``run`` starts a run and trains it for some epochs.
def start_run(optimizer_class=torch.optim.Adam, shuffle=True, dropout=0.2):
    torch.manual_seed(0)
    model = DigitClassifier(dropout=dropout)
    optimizer = optimizer_class(model.parameters(), lr=1e-2)
    loader = DataLoader(
        train_set, batch_size=32, shuffle=shuffle, generator=torch.Generator().manual_seed(0)
    )
    return model, optimizer, loader


def run(epochs, **setup):
    model, optimizer, loader = start_run(**setup)
    for _ in range(epochs):
        train_one_epoch(model, loader, loss_fn, optimizer)
    return model, optimizer, loader


def save_checkpoint(path, epoch, model, optimizer, loader):
    checkpoint = {
        "epoch": epoch,
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "loader_generator": loader.generator.get_state(),
        "torch_rng": torch.get_rng_state(),
    }
    torch.save(checkpoint, path)


# %%
# ``resume`` is what a new Python would do after the interruption: start everything new,
# load the checkpoint into it, and train the remaining epochs up to 4. Its ``leave_out``
# option skips one part of the checkpoint, for the experiments that follow.
def resume(path, leave_out=None, **setup):
    model, optimizer, loader = start_run(**setup)
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint["model"])
    if leave_out != "optimizer":
        optimizer.load_state_dict(checkpoint["optimizer"])
    if leave_out != "loader_generator":
        loader.generator.set_state(checkpoint["loader_generator"])
    if leave_out != "torch_rng":
        torch.set_rng_state(checkpoint["torch_rng"])
    for _ in range(checkpoint["epoch"], 4):
        train_one_epoch(model, loader, loss_fn, optimizer)
    return model


def largest_difference(first, second):
    pairs = zip(first.state_dict().values(), second.state_dict().values(), strict=True)
    return max((a - b).abs().max().item() for a, b in pairs)


def identical(first, second):
    pairs = zip(first.state_dict().values(), second.state_dict().values(), strict=True)
    return all(torch.equal(a, b) for a, b in pairs)


# %%
# One run trains 4 epochs without stopping. Another trains 2 epochs and saves a
# checkpoint; ``resume`` continues it for 2 more. Every parameter comes out identical.
straight = run(4)[0]
checkpoint_path = Path(folder.name) / "checkpoint.pt"
save_checkpoint(checkpoint_path, 2, *run(2))
resumed = resume(checkpoint_path)
print(f"2 + 2 epochs and 4 epochs: identical parameters {identical(resumed, straight)}")
assert identical(resumed, straight)

# %%
# What the checkpoint must hold
# -----------------------------
# We resume three more times from the same checkpoint, each time leaving one part of it
# out. Each time the parameters after epoch 4 differ from the run that never stopped, and
# not by a rounding error: each time some parameter differs by more than 0.01, thousands of
# times a rounding error (in this run, by more than 0.1).
for left_out in ("optimizer", "loader_generator", "torch_rng"):
    other = resume(checkpoint_path, leave_out=left_out)
    print(
        f"without {left_out}: identical {identical(other, straight)}, "
        f"largest difference {largest_difference(other, straight):.4f}"
    )
    assert largest_difference(other, straight) > 0.01

# %%
# Each part matters because of one cause, and switching that cause off makes its part
# unnecessary. Plain SGD keeps no state between steps, so its state dict's ``"state"`` is
# empty; a loader that does not shuffle hands out the same order every epoch; a model
# built with ``dropout=0.0`` draws no random zeros. For each cause we train a new
# straight run and a new checkpoint with the cause switched off, and resume without the
# part: now the result is identical.
switched_off = {
    "optimizer": {"optimizer_class": torch.optim.SGD},
    "loader_generator": {"shuffle": False},
    "torch_rng": {"dropout": 0.0},
}
for left_out, setup in switched_off.items():
    straight_off = run(4, **setup)[0]
    path = Path(folder.name) / f"checkpoint_{left_out}.pt"
    save_checkpoint(path, 2, *run(2, **setup))
    same = identical(resume(path, leave_out=left_out, **setup), straight_off)
    options = ", ".join(
        f"{key}={getattr(value, '__name__', value)}" for key, value in setup.items()
    )
    print(f"{options}, without {left_out}: identical {same}")
    assert same
sgd_state = torch.load(Path(folder.name) / "checkpoint_optimizer.pt", weights_only=True)
print(f"plain SGD's saved state: {sgd_state['optimizer']['state']}")

# %%
# Without the loader's generator state, the new loader's generator starts again from
# seed 0, so epoch 3 is shuffled exactly like epoch 1. The first 12 labels of each
# epoch's first batch show it: a loader that never stopped goes through three epochs,
# and two new loaders start epoch 3, one with the saved generator state and one without.
checkpoint = torch.load(checkpoint_path, weights_only=True)
never_stopped = start_run()[2]
firsts = [list(never_stopped)[0][1][:12].tolist() for _ in range(3)]
with_state = start_run()[2]
with_state.generator.set_state(checkpoint["loader_generator"])
without_state = start_run()[2]
restored = next(iter(with_state))[1][:12].tolist()
not_restored = next(iter(without_state))[1][:12].tolist()
print(f"never stopped, epoch 1:          {firsts[0]}")
print(f"never stopped, epoch 3:          {firsts[2]}")
print(f"epoch 3 with the saved state:    {restored}")
print(f"epoch 3 without the saved state: {not_restored}")
assert restored == firsts[2] and not_restored == firsts[0] != firsts[2]

# %%
# Without the optimizer state, the new Adam's first step is a *first* step: as
# :ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py` showed, it moves every
# parameter by almost exactly the learning rate, whatever its gradient. We take the
# first batch of epoch 3 and make one step from the checkpoint twice, once with the saved
# Adam state and once with a new Adam, and measure how far each parameter moves.
# ``train_one_epoch`` takes any list of ``(images, labels)`` batches; a list of one batch
# makes one step. The global generator is set to the same state before each step, so
# dropout draws the same zeros both times.
generator = torch.Generator()
generator.set_state(checkpoint["loader_generator"])
first_batch = next(iter(DataLoader(train_set, batch_size=32, shuffle=True, generator=generator)))


def first_step_sizes(load_optimizer):
    model, optimizer, _ = start_run()
    model.load_state_dict(checkpoint["model"])
    if load_optimizer:
        optimizer.load_state_dict(checkpoint["optimizer"])
    torch.set_rng_state(checkpoint["torch_rng"])
    before = [p.detach().clone() for p in model.parameters()]
    train_one_epoch(model, [first_batch], loss_fn, optimizer)
    return torch.cat([(p.detach() - b).abs().flatten() for p, b in zip(model.parameters(), before)])


saved_steps = first_step_sizes(load_optimizer=True)
new_steps = first_step_sizes(load_optimizer=False)
shares_at_lr = []
for steps in (saved_steps, new_steps):
    moved = steps[steps > 0]
    near_lr = ((moved - 0.01).abs() < 1e-4).float().mean()
    shares_at_lr.append(near_lr)
    print(
        f"median step {steps.median():.5f}, largest {steps.max():.5f}, "
        f"{len(moved)} of {len(steps)} parameters moved, {near_lr:.1%} of them by 0.0100"
    )
ratio = new_steps.median() / saved_steps.median()
print(f"median step of the new Adam / of the saved state: {ratio:.1f}")
assert saved_steps.median() < 0.01 / 4 and shares_at_lr[1] > 0.9

# %%
# The first line is the saved Adam state, the second the new Adam. The figure draws how
# many parameters moved by how much, on a logarithmic axis.
bins = torch.logspace(-8, -1.5, 66).numpy()
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.hist(saved_steps[saved_steps > 0].numpy(), bins=bins, alpha=0.7, label="saved Adam state")
ax.hist(new_steps[new_steps > 0].numpy(), bins=bins, alpha=0.7, label="new Adam")
ax.axvline(0.01, color="black", linestyle="--", linewidth=1, label="learning rate 0.01")
ax.set_xscale("log")
ax.set_xlabel("how far a parameter moved in the step (log scale)")
ax.set_ylabel("number of parameters")
ax.set_title("The first step after resuming, with and without Adam's state")
ax.legend(fontsize=8, loc="upper left")
describe_figure(
    fig,
    "A histogram of how far each parameter moved in the first step after resuming "
    "training, the distance on a logarithmic axis and the number of parameters up the "
    "side, for the saved Adam state and for a new Adam, with a dashed line at the "
    "learning rate 0.01. With the saved state the steps spread over several orders of "
    f"magnitude, most far below the learning rate (median {saved_steps.median():.5f}); "
    f"with a new Adam, {shares_at_lr[1]:.0%} of the parameters that moved jumped by the "
    "learning rate, one tall bar at 0.01.",
)
plt.show()

# %%
# The figure shows the saved state's steps spread over several powers of ten, most of
# them well below the learning rate, while nearly every parameter the new Adam moves
# jumps by the learning rate itself, many times the median step of the run it
# interrupts (the ratio printed above). Parameters whose gradient is zero in this batch
# do not move with a new Adam; with the saved state they still move, carried by their
# moving average, which is why more of them moved in the first line.
#
# Saving the whole model object
# -----------------------------
# ``torch.save`` can save any Python object, the model itself too:
# ``torch.save(model, path)``. Loading that file with ``weights_only=True`` is refused.
# ``refused_name`` picks the line of the error that names what was refused.
whole_path = Path(folder.name) / "whole_model.pt"
torch.save(model, whole_path)


def refused_name(error):
    line = next(line for line in str(error).splitlines() if "GLOBAL" in line)
    return line.strip().split(". ")[0]


try:
    torch.load(whole_path, weights_only=True)
except pickle.UnpicklingError as error:
    print(refused_name(error))

# %%
# To see why, we look inside the files. A file from ``torch.save`` is a zip archive: each
# tensor's numbers are stored as bytes in an entry of their own, and everything else is
# stored in ``data.pkl``, a *pickle*. Pickle is Python's standard way of turning an
# object into bytes: it writes instructions to rebuild the object, such as "import this
# name from this module, call it with these arguments, fill in these attributes". The
# ``GLOBAL`` instructions name what to import; ``pickletools.genops`` lists a pickle's
# instructions. ``digits.pt`` holds 16 tensors: the model's 4 and Adam's 3 for each
# parameter.
def pickled_names(path):
    with zipfile.ZipFile(path) as archive:
        pickle_name = next(name for name in archive.namelist() if name.endswith("/data.pkl"))
        instructions = pickletools.genops(archive.read(pickle_name))
        return sorted({arg.replace(" ", ".") for op, arg, _ in instructions if op.name == "GLOBAL"})


with zipfile.ZipFile(saved_path) as archive:
    tensor_entries = [name for name in archive.namelist() if "/data/" in name]
    other_entries = [name for name in archive.namelist() if "/data/" not in name]
print(f"digits.pt: {len(tensor_entries)} tensor entries and {other_entries}")
print(f"digits.pt imports: {pickled_names(saved_path)}")
print("whole_model.pt imports:")
for name in pickled_names(whole_path):
    print(f"  {name}")
assert len(tensor_entries) == 4 + 3 * 4
set_pickle = pickletools.genops(pickle.dumps(set(), protocol=torch.serialization.DEFAULT_PROTOCOL))
set_names = [arg for op, arg, _ in set_pickle if op.name == "GLOBAL"]
print(f"torch.save's pickle protocol: {torch.serialization.DEFAULT_PROTOCOL}; set() imports {set_names}")

# %%
# The state dicts' pickle names only what rebuilds tensors and an ``OrderedDict``:
# ``weights_only=True`` accepts those. The whole model's pickle names every class of
# the model, and first of all ``__main__.DigitClassifier``: the class by its module and
# its name, not its code. ``__main__`` is the script Python is running, here this page.
# (``__builtin__.set`` is Python's ``set``: as the last line shows, pickle protocol 2,
# which ``torch.save`` uses, names Python's built-ins after a module ``__builtin__``.)
#
# So the file loads only where ``__main__`` has a class of that name. A new Python (the
# interpreter running this page, ``sys.executable``) runs ``program``: it loads the file
# once without the class, then defines a class ``DigitClassifier`` with a different
# ``forward``, which returns zeros, and loads it again.
program = """
import sys
import torch
from torch import nn

try:
    torch.load(sys.argv[1], weights_only=False)
except AttributeError as error:
    print(error)


class DigitClassifier(nn.Module):
    def forward(self, images):
        return torch.zeros(len(images), 10)


loaded = torch.load(sys.argv[1], weights_only=False)
print(loaded.layers[1].weight.sum().item())
print(loaded(torch.rand(3, 1, 8, 8)).abs().sum().item())
"""
command = [sys.executable, "-c", program, str(whole_path)]
result = subprocess.run(command, capture_output=True, text=True, check=True)
refusal, weight_sum, output_sum = result.stdout.splitlines()
print(f"without the class: {refusal}")
print(f"with a different class of that name, sum of layers[1].weight: {float(weight_sum):.4f}")
print(f"  and on this page: {model.layers[1].weight.sum().item():.4f}")
print(f"  sum of the loaded model's outputs (absolute values): {float(output_sum)}")
assert abs(float(weight_sum) - model.layers[1].weight.sum().item()) < 1e-4
assert float(output_sum) == 0

# %%
# Without the class, loading fails. With a class of that name, loading succeeds: the
# parameters come from the file, but ``forward`` comes from whatever class has that name
# when the file is loaded, and here it returns zeros. Rename the class, move it into
# another file, or change its code, and a whole saved model no longer loads, or loads
# and silently computes something else. A state dict holds only tensors under names; the
# code stays in your source files, and you build the model from it before loading.
#
# ``weights_only=True``: why it is the safe default
# -------------------------------------------------
# The instructions that import a class and call it can import any function and call it
# with any arguments. A class says how it wants to be pickled in its ``__reduce__``
# method: "to rebuild me, call this with these arguments". ``Surprise`` answers "call
# ``os.makedirs``", which creates a folder.
made = Path(folder.name) / "made_by_torch_load"


class Surprise:
    def __reduce__(self):
        return (os.makedirs, (str(made),))


surprise_path = Path(folder.name) / "surprise.pt"
torch.save(Surprise(), surprise_path)
print(f"surprise.pt imports: {pickled_names(surprise_path)}")
try:
    torch.load(surprise_path, weights_only=True)
except pickle.UnpicklingError as error:
    print(f"weights_only=True: {refused_name(error)}")
print(f"folder made: {made.exists()}")

# %%
# With ``weights_only=False``, loading runs the instruction: the folder appears. Here it
# is a harmless empty folder in our temporary folder; a file from someone else could name
# ``os.system`` and a command, and loading it would run that command.
torch.load(surprise_path, weights_only=False)
print(f"weights_only=False: folder made {made.exists()}")
assert made.exists()

# %%
# Since PyTorch 2.6, ``weights_only=True`` is also what ``torch.load`` does when the
# argument is left out, as its error message says; we write it anyway, so that a reader
# sees it. It accepts what a state dict is made of (tensors, numbers, strings, lists,
# tuples, dictionaries) and a short list of other names that PyTorch considers safe; a
# name outside that list, such as a class of yours or ``os.makedirs``, is refused. Load
# with ``weights_only=False`` only a file you made yourself, or one you trust as you
# would trust a program.
try:
    torch.load(surprise_path)
except pickle.UnpicklingError as error:
    print(f"no weights_only argument: {refused_name(error)}")
    print(next(sentence for sentence in str(error).split(". ") if "2.6" in sentence))

# %%
# The page is done with its files. ``folder.cleanup()`` deletes the temporary folder and
# everything in it.
print(f"files in the folder: {sorted(p.name for p in Path(folder.name).iterdir())}")
folder.cleanup()
print(f"folder still there: {Path(folder.name).exists()}")

# %%
# Summary
# -------
# - ``model.state_dict()`` maps names such as ``layers.1.weight`` to the model's parameters
#   and buffers. Its tensors share memory with the parameters; copy them with
#   ``copy.deepcopy`` to keep a snapshot.
# - ``optimizer.state_dict()`` holds the settings and, for Adam, each parameter's step
#   count and two moving averages, twice as many numbers as the model.
# - Save state dicts with ``torch.save``; load them with ``torch.load(path,
#   weights_only=True)`` into a model built from its class, with ``load_state_dict``.
#   The loaded model predicts exactly the same.
# - A checkpoint to resume from holds the epoch, the model, the optimizer and the states
#   of the random generators the run uses: here the loader's generator (the order of the
#   examples) and the global one (dropout). With all of them, 2 + 2 epochs give exactly
#   the parameters of 4; each one left out changes them.
# - ``torch.save(model)`` pickles the class by its name: loading needs that class, under
#   that name, at load time, and takes its code from there. Loading a pickle can run any
#   code, which is why ``weights_only=True``, the default since PyTorch 2.6, accepts only
#   tensors, plain containers and a short list of safe names, and refuses any other.
#
# Next: :ref:`sphx_glr_auto_examples_classifier_plot_05_device.py` runs the same code on
# a CPU or an accelerator.
#
# PyTorch reference: `torch.save <https://docs.pytorch.org/docs/stable/generated/torch.save.html>`_,
# `torch.load <https://docs.pytorch.org/docs/stable/generated/torch.load.html>`_,
# `Module.state_dict <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.state_dict>`_,
# `Optimizer.state_dict <https://docs.pytorch.org/docs/stable/generated/torch.optim.Optimizer.state_dict.html>`_,
# `torch.get_rng_state <https://docs.pytorch.org/docs/stable/generated/torch.get_rng_state.html>`_,
# `Serialization semantics <https://docs.pytorch.org/docs/stable/notes/serialization.html>`_.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** To keep the best model during training, a loop stores
#    ``best = model.state_dict()`` after epoch 1 and trains one more epoch. Is ``best``
#    still the model of epoch 1?
# 2. **Predict, then run.** A new ``DigitClassifier`` is given the whole checkpoint:
#    ``new.load_state_dict(checkpoint)``. What happens?
# 3. **Change one thing and explain.** Build the new model with ``hidden=128`` instead of
#    64 and load the saved ``checkpoint["model"]`` into it. What happens, and what could a
#    checkpoint hold so that this cannot go wrong?
# 4. **Change one thing and explain.** A resuming script builds the model and the
#    optimizer, then builds the model a second time (``model = DigitClassifier()``) and
#    loads the checkpoint into that one. What does ``train_one_epoch`` do with it?

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# No. The state dict's tensors share memory with the parameters, and the optimizer
# changes the parameters in place, so ``best`` follows the training: after epoch 2 it
# holds epoch 2's values. ``copy.deepcopy(model.state_dict())`` copies the tensors, as
# :ref:`sphx_glr_auto_examples_classifier_plot_02_training.py` does.
epoch_model, epoch_optimizer, epoch_loader = run(1)
best = epoch_model.state_dict()
best_copy = copy.deepcopy(epoch_model.state_dict())
train_one_epoch(epoch_model, epoch_loader, loss_fn, epoch_optimizer)
now = epoch_model.state_dict()
follows = all(torch.equal(best[name], now[name]) for name in now)
copy_kept = not any(torch.equal(best_copy[name], now[name]) for name in now)
print(f"state_dict() after epoch 1 equals the model after epoch 2: {follows}")
print(f"the deepcopy differs from the model after epoch 2 in every tensor: {copy_kept}")
assert follows and copy_kept

# %%
# Answer 2
# ^^^^^^^^
# ``load_state_dict`` compares names: the model's names (``layers.1.weight``...) are all
# missing from the checkpoint, and the checkpoint's keys (``epoch``, ``model``...) are
# all unexpected. It raises a ``RuntimeError`` that lists both, and loads nothing. The
# model's state dict is ``checkpoint["model"]``.
try:
    DigitClassifier().load_state_dict(checkpoint)
except RuntimeError as error:
    message = str(error)
    print(message)
assert "Missing key(s)" in message and "Unexpected key(s)" in message

# %%
# Answer 3
# ^^^^^^^^
# The names match, but the shapes do not: ``layers.1.weight`` is ``(64, 64)`` in the file
# and ``(128, 64)`` in the model. ``load_state_dict`` raises a ``RuntimeError`` that
# names each mismatch. The state dict holds tensors, not the arguments that built the
# model, so a checkpoint can store them too, say ``"hidden": 64``, and the resuming script
# builds ``DigitClassifier(hidden=checkpoint["hidden"])``.
try:
    DigitClassifier(hidden=128).load_state_dict(checkpoint["model"])
except RuntimeError as error:
    message = str(error)
    print(message)
assert "size mismatch for layers.1.weight" in message

# %%
# Answer 4
# ^^^^^^^^
# An optimizer holds the parameter tensors it was given. After the second
# ``DigitClassifier()``, the optimizer still holds the first model's parameters, none of
# the new model's. ``train_one_epoch`` checks this and refuses. A loop written by hand
# does not check, and trains nothing: ``backward()`` puts the gradients on the new
# model's parameters, which the optimizer does not hold, and ``step()`` skips the first
# model's, which have no gradient. Neither model changes.
model_a, optimizer_a, loader_a = start_run()
first_model = model_a  # the model the optimizer was built over
first_weight = first_model.layers[1].weight.detach().clone()
model_a = DigitClassifier()
model_a.load_state_dict(checkpoint["model"])
try:
    train_one_epoch(model_a, loader_a, loss_fn, optimizer_a)
except ValueError as error:
    print(f"ValueError: {error}")
batch_images, batch_labels = next(iter(loader_a))
optimizer_a.zero_grad()
loss_fn(model_a(batch_images), batch_labels).backward()
optimizer_a.step()
unchanged = torch.equal(model_a.layers[1].weight, checkpoint["model"]["layers.1.weight"])
first_unchanged = torch.equal(first_model.layers[1].weight, first_weight)
print(f"after a hand-written step, the new model is unchanged: {unchanged}")
print(f"... and so is the model the optimizer holds: {first_unchanged}")
assert unchanged and first_unchanged
