"""
The PyTorch module map
======================

By now you have used four of PyTorch's modules: ``torch`` for tensors,
``torch.autograd`` for gradients, ``torch.nn`` for models and loss functions, and
``torch.optim`` for the optimizers. The post :ref:`post-deep-learning-1` lists these four
and three more, among PyTorch's many modules: ``torch.utils``, ``torch.multiprocessing``
and ``torch.onnx``. This page is a tour of all seven: the modules you have already used,
and the ones you will use next. For each one it gives its role, the situation in which
you reach for it (in the post's words), a one-line summary and a tiny example that runs,
from adding two tensors to exporting a model to ONNX and running the exported file
outside PyTorch.
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed. ``load_example`` is a small function from this site's package that
# the worker processes below will run.
#
# This page also starts *worker processes*: extra copies of Python that run beside
# this one and take a share of the work (the ``torch.multiprocessing`` section below).
# When the page runs as a downloaded script, each worker first runs the script's top
# level again. So every cell's code that should run only once, here, sits under
# ``if __name__ == "__main__":``. Python sets ``__name__`` to ``"__main__"`` in the
# script you run (and in a notebook, and while this site is built); in a worker it is
# ``"__mp_main__"``, so the workers skip those blocks. An optional section below shows
# what goes wrong without the test.
import matplotlib.pyplot as plt
import torch
import torch.multiprocessing as mp
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from pytorch_basics.plotting import describe_figure, use_site_style
from pytorch_basics.workers import load_example

use_site_style()
torch.manual_seed(0)

# %%
# How the modules fit together
# ----------------------------
# One training run touches almost every module. ``torch.utils.data`` cuts the data into
# batches (with ``torch.multiprocessing`` workers if loading is slow), a ``torch.nn``
# model turns a batch into a prediction and a loss, ``torch.autograd`` computes the
# gradients, ``torch.optim`` updates the parameters, and ``torch.onnx`` carries the
# trained model elsewhere. Everything is computed on ``torch`` tensors.
if __name__ == "__main__":
    fig, ax = plt.subplots(figsize=(7.5, 3.8))
    box = {"boxstyle": "round,pad=0.5", "facecolor": "#dbe9f6", "edgecolor": "#3a6ea5"}
    arrow = {"arrowstyle": "-|>", "color": "#444444", "lw": 1.5}
    note = {"ha": "center", "va": "center", "fontsize": 8, "color": "#444444"}
    ax.text(1.6, 5.0, "torch.utils.data\nDataLoader: batches", ha="center", va="center", bbox=box)
    ax.text(5.0, 5.0, "torch.nn\nmodel and loss", ha="center", va="center", bbox=box)
    ax.text(8.4, 5.0, "torch.onnx\nexport the model", ha="center", va="center", bbox=box)
    ax.text(1.6, 2.9, "torch.multiprocessing\nworker processes", ha="center", va="center", bbox=box)
    ax.text(5.0, 2.9, "torch.autograd\ngradients", ha="center", va="center", bbox=box)
    ax.text(8.4, 2.9, "torch.optim\nupdate the parameters", ha="center", va="center", bbox=box)
    ax.text(
        5.0,
        1.3,
        "torch: tensors and the maths on them (used by every box)",
        ha="center",
        va="center",
        bbox={**box, "facecolor": "#fde9c9", "edgecolor": "#b7791f"},
    )
    ax.annotate("", xy=(1.6, 4.45), xytext=(1.6, 3.45), arrowprops=arrow)
    ax.annotate("", xy=(4.05, 5.0), xytext=(2.85, 5.0), arrowprops=arrow)
    ax.annotate("", xy=(7.25, 5.0), xytext=(5.95, 5.0), arrowprops=arrow)
    ax.annotate("", xy=(5.0, 3.45), xytext=(5.0, 4.45), arrowprops=arrow)
    ax.annotate("", xy=(6.95, 2.9), xytext=(5.95, 2.9), arrowprops=arrow)
    ax.annotate("", xy=(5.6, 4.45), xytext=(7.9, 3.45), arrowprops=arrow)
    ax.text(0.75, 3.95, "load in\nparallel", **note)
    ax.text(3.45, 5.35, "batches", **note)
    ax.text(6.6, 5.35, "trained\nmodel", **note)
    ax.text(4.3, 3.95, "loss.backward()", **note)
    ax.text(6.45, 2.6, ".grad", **note)
    ax.text(7.3, 4.1, "optimizer.step()", **note)
    ax.set_xlim(0, 10)
    ax.set_ylim(0.7, 5.8)
    ax.axis("off")
    ax.set_title("How PyTorch's modules work together in training")
    describe_figure(
        fig,
        "Diagram of seven PyTorch modules as boxes, with arrows for what passes between them. "
        "Worker processes from torch.multiprocessing load data in parallel for the DataLoader "
        "of torch.utils.data, which sends batches to the model and loss of torch.nn; "
        "loss.backward() has torch.autograd compute the gradients, and torch.optim uses that "
        ".grad in optimizer.step() to update the model's parameters. The trained model is "
        "exported with torch.onnx, and the torch box at the bottom, tensors and the maths on "
        "them, is used by every other box.",
    )
    plt.show()

# %%
# The figure shows the path of one training step from the data (top left) to the
# updated model, and the two modules at the edges: worker processes that feed the data
# and the export that takes the trained model out of PyTorch.
#
# torch: tensors and the maths on them
# ------------------------------------
# **Role.** The main namespace: it creates tensors, PyTorch's containers of numbers, and
# does the arithmetic on them (the :doc:`/auto_examples/tensors/index` chapter).
# **Situation:** "I want a container of numbers, and to add, subtract, multiply and
# divide them." **In one line:** a tensor is a bundle of numbers, and ``torch`` is
# PyTorch's NumPy-like calculator for it.
if __name__ == "__main__":
    numbers = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    print(f"numbers + 10:\n{numbers + 10}")
    print(f"numbers * numbers (element by element):\n{numbers * numbers}")
    print(f"numbers / 2 - 1:\n{numbers / 2 - 1}")

# %%
# torch.autograd: the automatic differentiator
# --------------------------------------------
# **Role.** It computes gradients (derivatives) automatically: the backpropagation that
# ``.backward()`` runs is its work (the :doc:`/auto_examples/autograd/index` chapter). **Situation:** "The model predicted wrong: tell me how to correct it."
# **In one line:** the gradient calculator of training. Besides ``.backward()``, which
# stores gradients in ``.grad``, the module has ``torch.autograd.grad``, which returns
# them. Here a one-weight model predicts :math:`wx` for :math:`x = 2` with
# :math:`w = 0.5`; the target is 3, the loss :math:`(wx - 3)^2`. By hand,
# :math:`\partial \text{loss} / \partial w = 2(wx - 3)x = -8`: negative, so increasing
# :math:`w` lowers the loss.
if __name__ == "__main__":
    w = torch.tensor(0.5, requires_grad=True)
    x = torch.tensor(2.0)
    loss = (w * x - 3.0) ** 2
    (grad_w,) = torch.autograd.grad(loss, w)
    print(f"autograd: d loss / dw = {grad_w.item():.4f}")
    print(f"by hand: 2 * (w * x - 3) * x = {(2 * (w * x - 3.0) * x).item():.4f}")

# %%
# torch.nn: building blocks for networks
# --------------------------------------
# **Role.** Layers, activation functions (such as ReLU), model structures and loss
# functions, ready to combine (the :doc:`/auto_examples/models/index` chapter).
# **Situation:** "I want to build a deep learning model by stacking blocks, like Lego."
# **In one line:** the box of blocks models are built from. Here ``nn.Sequential``
# stacks a linear layer, a ReLU and another linear layer; the model maps each row of 2
# numbers to 1 number.
if __name__ == "__main__":
    model = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1))
    print(model)
    print(f"parameters: {sum(p.numel() for p in model.parameters())}")
    print(f"output shape for 3 rows: {tuple(model(torch.randn(3, 2)).shape)}")

# %%
# torch.optim: the optimizers
# ---------------------------
# **Role.** The algorithms that change a model's parameters during training, such as
# SGD and Adam. **Situation:** "How should I change the parameters so the model gets
# better?" **In one line:** the GPS of training: it uses the gradients to decide where
# each parameter moves (SGD moves it against its gradient, downhill on the loss). Here
# one step of ``torch.optim.SGD`` on 8 examples (the target is the sum of the two
# inputs) lowers the model's loss.
if __name__ == "__main__":
    inputs = torch.randn(8, 2)
    targets = inputs.sum(dim=1, keepdim=True)
    loss_fn = nn.MSELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_before = loss_fn(model(inputs), targets)
    optimizer.zero_grad()
    loss_before.backward()
    optimizer.step()
    with torch.no_grad():
        loss_after = loss_fn(model(inputs), targets)
    print(f"loss before the step: {loss_before.item():.4f}, after: {loss_after.item():.4f}")
    assert loss_after < loss_before

# %%
# torch.utils: the toolbox, and its DataLoader
# --------------------------------------------
# **Role.** Helpers that are used all the time, above all ``torch.utils.data``: datasets,
# splitting them, batching them. **Situation:** "I want to give the data to the model a
# little at a time." **In one line:** the data-handling helper. A ``TensorDataset``
# pairs 10 examples of 2 features with 10 labels; a ``DataLoader`` hands them out in
# batches of 4, so the last batch holds the 2 that are left.
if __name__ == "__main__":
    features = torch.arange(20.0).reshape(10, 2)
    labels = torch.arange(10)
    dataset = TensorDataset(features, labels)
    loader = DataLoader(dataset, batch_size=4)
    print(f"{len(dataset)} examples, {len(loader)} batches")
    for batch_features, batch_labels in loader:
        print(f"features {tuple(batch_features.shape)}, labels {tuple(batch_labels.shape)}")

# %%
# torch.multiprocessing: several workers at once
# ----------------------------------------------
# **Role.** Runs work in parallel in several processes; useful above all for loading
# data and for large computations. **Situation:** "I want to use several CPU cores to
# read the data quickly." **In one line:** parallel processing to speed up loading and
# computing. It is Python's ``multiprocessing`` with PyTorch's additions, above all
# this one: a tensor sent to another process is not copied into the message byte by
# byte, as Python's *pickling* (turning an object into bytes) would do; its data is put
# in shared memory, and the other process receives only a handle to it.
#
# A pool of 2 workers loads 6 examples with ``load_example``. How a worker starts is
# the *start method*. ``"spawn"`` starts each one as a fresh Python; it is the only
# start method on Windows and the default on macOS, and the page asks for it by name so
# that it runs the same way on Linux. The pool is created under the guard, so a worker
# that runs this script's top level does not create a pool of its own.
if __name__ == "__main__":
    context = mp.get_context("spawn")
    with context.Pool(processes=2) as pool:
        examples = pool.map(load_example, range(6))
    batch = torch.stack(examples)
    print(f"batch from the workers: {tuple(batch.shape)}")
    print(f"same as a loop: {torch.equal(batch, torch.stack([load_example(i) for i in range(6)]))}")
    from_worker, made_here = examples[0].is_shared(), load_example(0).is_shared()
    print(f"in shared memory: from a worker {from_worker}, made here {made_here}")

# %%
# ``DataLoader`` uses the same machinery: with ``num_workers=2`` two worker processes
# prepare the batches, and ``multiprocessing_context=context`` starts them with
# ``"spawn"`` too. The batches are the same as without workers; only the work is spread.
# In a notebook on macOS or Windows, where ``"spawn"`` is the default, the workers cannot
# use a ``Dataset`` class defined in the notebook itself: the loader stops with
# "DataLoader worker ... exited unexpectedly". ``TensorDataset`` comes from PyTorch, so
# it works anywhere; the optional section below shows why.
if __name__ == "__main__":
    parallel_loader = DataLoader(dataset, batch_size=4, num_workers=2, multiprocessing_context=context)
    parallel_batches = [batch_features for batch_features, _ in parallel_loader]
    print(f"batch shapes: {[tuple(b.shape) for b in parallel_batches]}")
    print(f"same examples as without workers: {torch.equal(torch.cat(parallel_batches), features)}")

# %%
# What the guard prevents, and where the workers' code must live (optional)
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
# This part can be skipped on a first reading; nothing later depends on it. First the
# guard, tried on a six-line script: it prints the name of the process that runs
# its top level, then starts one ``"spawn"`` worker whose task, ``abs(-1)``, cannot
# fail, and prints the worker's exit code (0 when a process ends normally). A fresh
# Python runs it once as it is and once with the worker's lines under the guard.
if __name__ == "__main__":
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    unguarded = """import multiprocessing
print(multiprocessing.current_process().name)
worker = multiprocessing.get_context("spawn").Process(target=abs, args=(-1,))
worker.start()
worker.join()
print(worker.exitcode)
"""
    guarded = """import multiprocessing
print(multiprocessing.current_process().name)
if __name__ == "__main__":
    worker = multiprocessing.get_context("spawn").Process(target=abs, args=(-1,))
    worker.start()
    worker.join()
    print(worker.exitcode)
"""
    for under_guard, script in [(False, unguarded), (True, guarded)]:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "tiny.py"
            path.write_text(script)
            run = subprocess.run([sys.executable, "-u", str(path)], capture_output=True, text=True)
        *top_level_ran_in, exit_code = run.stdout.split()
        error = run.stderr.partition("RuntimeError:")[2]
        first_sentence = " ".join(error.split(".")[0].split())
        print(f"worker's lines under the guard: {under_guard}")
        print(f"  top level ran in {top_level_ran_in}, worker's exit code {exit_code}")
        if first_sentence:
            print(f"  the worker's error: RuntimeError: {first_sentence}.")

# %%
# Both times the worker ran the script's top level (``SpawnProcess-1`` is its name).
# Without the guard, that top level went on to start a worker of its own, and
# ``multiprocessing`` stopped it with the error above, so the worker never did its task.
# With a pool instead of one worker it is worse: every replacement worker fails the
# same way and the script never ends. With the guard, the worker skipped the block.
#
# Second, where the workers' code must live. A pool sends its workers a function *by
# name*: pickled, ``load_example`` is only its module and its name, and the worker
# imports the module to find the function. A function defined on this page belongs to
# the module ``__main__``. A fresh Python, such as a spawned worker, has a ``__main__``
# of its own in which ``double`` was never defined (in the script it is under the
# guard, and a notebook has no file that a worker could import), so it finds
# ``load_example`` but not ``double``. Here each pickled function is unpickled by a
# fresh Python:
if __name__ == "__main__":
    import pickle

    def double(value):
        return 2 * value

    unpickle = "import pickle, sys; print(pickle.loads(sys.stdin.buffer.read()).__name__)"
    for function in (load_example, double):
        pickled = pickle.dumps(function)
        fresh = subprocess.run([sys.executable, "-c", unpickle], input=pickled, capture_output=True)
        found = fresh.returncode == 0
        error = "" if found else fresh.stderr.decode().strip().splitlines()[-1]
        print(f"{function.__module__}.{function.__name__} ({len(pickled)} bytes): found {found} {error}")

# %%
# That is why the page's workers run ``load_example`` from the site's package: a
# function, or a ``Dataset`` class, defined in a notebook cannot be sent to a spawned
# worker. (``"fork"``, the default start method on Linux up to Python 3.13, copies the
# running process instead, so there a worker has the page's functions too; it does not
# exist on Windows.)
#
# torch.onnx: a translator for models
# -----------------------------------
# **Role.** Converts a PyTorch model to `ONNX <https://onnx.ai/>`_ (Open Neural Network
# Exchange), an open file format for models. **Situation:** "I trained a model in
# PyTorch and want to use it in a mobile app or another system." **In one line:** the
# translator that lets other systems run PyTorch models. The post
# :ref:`post-deep-learning-1` names TensorFlow and Caffe as the destinations; today an
# ONNX file is often run directly by a runtime such as
# `ONNX Runtime <https://onnxruntime.ai/>`_, on servers, phones and in browsers.
#
# Besides PyTorch, the export needs ``onnx`` and ``onnxscript``, and running the exported
# file needs ``onnxruntime``; this site's package installs all three.
# ``torch.onnx.export`` first captures the model with ``torch.export`` and then
# translates it (``onnxscript`` does that part).
import logging
import tempfile
import warnings
from pathlib import Path

if __name__ == "__main__":
    import onnx
    import onnxruntime

# %%
# Two messages of the exporter are not about this model, so exactly these two are
# hidden: torch 2.13 logs "torchvision is not installed" for image operators this
# model does not use, and its exporter copies an internal object whose class
# (``LeafSpec``) it has itself deprecated, which raises a ``FutureWarning`` inside
# PyTorch. Every other message would still appear.
logging.getLogger("torch.onnx._internal.exporter._registration").addFilter(
    lambda record: not record.getMessage().startswith("torchvision is not installed")
)
warnings.filterwarnings(
    "ignore", message=r"`isinstance\(treespec, LeafSpec\)` is deprecated", category=FutureWarning
)

# %%
# The export writes ``model.onnx`` into a temporary folder that is deleted, file and
# all, when the ``with`` block ends. ``external_data=False`` keeps the weights inside the
# one file; ``verbose=False`` turns off the progress report. Then the file is read back:
# ``onnx.checker`` validates it, and ONNX Runtime, which knows nothing of PyTorch,
# computes the model's output from it.
if __name__ == "__main__":
    model.eval()
    sample = torch.randn(3, 2)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.onnx"
        torch.onnx.export(
            model,
            (sample,),
            path,
            input_names=["x"],
            output_names=["y"],
            dynamo=True,
            external_data=False,
            verbose=False,
        )
        print(f"files written: {sorted(p.name for p in Path(folder).iterdir())}")
        exported = onnx.load(path)
        onnx.checker.check_model(exported)
        session = onnxruntime.InferenceSession(path, providers=["CPUExecutionProvider"])
        (onnx_output,) = session.run(None, {"x": sample.numpy()})
    print(f"temporary folder still there: {Path(folder).exists()}")
    print(f"operators in the exported graph: {[node.op_type for node in exported.graph.node]}")

# %%
# The exported graph is the model written out: ``Gemm`` (general matrix multiply,
# :math:`xW^T + b`) for each linear layer and ``Relu`` between them. ONNX Runtime gives
# the same numbers as PyTorch, up to rounding (within :math:`10^{-6}`).
if __name__ == "__main__":
    with torch.no_grad():
        torch_output = model(sample)
    print(f"ONNX Runtime:\n{onnx_output}")
    print(f"PyTorch:\n{torch_output}")
    print(f"same output: {torch.allclose(torch.from_numpy(onnx_output), torch_output, atol=1e-6)}")

# %%
# Summary
# -------
# ``torch`` holds the tensors, ``torch.autograd`` differentiates, ``torch.nn`` builds
# models, ``torch.optim`` updates them: the four modules of the chapters so far.
# ``torch.utils.data`` feeds models batches, ``torch.multiprocessing`` spreads work over
# processes and ``torch.onnx`` exports the result: the ones you will reach for next,
# when the data no longer fit in one tensor and the model has to leave PyTorch.
#
# PyTorch's reference for each module:
# `torch <https://docs.pytorch.org/docs/stable/torch.html>`_,
# `torch.autograd <https://docs.pytorch.org/docs/stable/autograd.html>`_,
# `torch.nn <https://docs.pytorch.org/docs/stable/nn.html>`_,
# `torch.optim <https://docs.pytorch.org/docs/stable/optim.html>`_,
# `torch.utils.data <https://docs.pytorch.org/docs/stable/data.html>`_,
# `torch.multiprocessing <https://docs.pytorch.org/docs/stable/multiprocessing.html>`_,
# `torch.onnx <https://docs.pytorch.org/docs/stable/onnx.html>`_.
#
# Next: :ref:`sphx_glr_auto_examples_questions_plot_01_open_questions.py`

# %%
# Exercises
# ---------
# 1. **Predict, then run.** Split the ``dataset`` of the ``torch.utils`` section with
#    ``DataLoader(dataset, batch_size=3)``. How many batches are there, and what are the
#    shapes of the last batch's features and labels?
# 2. **Predict, then run.** In the example of the ``torch.autograd`` section, what is
#    ``w.grad`` after ``torch.autograd.grad(loss, w)``? What happens if you call
#    ``torch.autograd.grad`` again with the same ``loss``?
# 3. **Change one thing and explain.** In the model of the ``torch.nn`` section, change the
#    4 between the two linear layers to 8:
#    ``nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 1))``. How many parameters
#    does it have, and what is the output shape for 3 rows?
# 4. **Write it.** Train ``nn.Linear(2, 1)`` for one epoch on ``loader``, whose batches hold
#    4 examples: for each batch, the five steps of the training loop, with SGD at a learning
#    rate of 0.001 and ``nn.MSELoss``. A batch of labels is a 1-D integer tensor, of shape
#    ``(4,)`` for instance; ``.float().unsqueeze(1)`` turns it into floats of shape
#    ``(4, 1)``, like the model's output. How many times does ``optimizer.step()`` run in
#    the epoch?

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# 10 examples in threes make 3 batches of 3 and one more batch with the 1 example left:
# 4 batches. The last one holds features of shape ``(1, 2)`` and labels of shape ``(1,)``.
if __name__ == "__main__":
    loader_of_3 = DataLoader(dataset, batch_size=3)
    print(f"{len(loader_of_3)} batches")
    for batch_features, batch_labels in loader_of_3:
        print(f"features {tuple(batch_features.shape)}, labels {tuple(batch_labels.shape)}")
    assert len(loader_of_3) == 4
    assert batch_features.shape == (1, 2) and batch_labels.shape == (1,)

# %%
# Answer 2
# ^^^^^^^^
# ``torch.autograd.grad`` returns the gradient and does not store it in ``.grad``, so
# ``w.grad`` stays ``None``. Like ``backward()``, it frees the graph when it is done, so a
# second call with the same ``loss`` raises a ``RuntimeError``; with ``retain_graph=True``
# on the first call, the second one works.
if __name__ == "__main__":
    w = torch.tensor(0.5, requires_grad=True)
    loss = (w * x - 3.0) ** 2
    (grad_w,) = torch.autograd.grad(loss, w)
    print(f"d loss / dw = {grad_w.item():.4f}, w.grad = {w.grad}")
    assert w.grad is None
    try:
        torch.autograd.grad(loss, w)
    except RuntimeError as error:
        print(f"{type(error).__name__}: {str(error).split('.')[0]}")
    else:
        raise AssertionError("a second torch.autograd.grad through a freed graph should fail")
    loss = (w * x - 3.0) ** 2
    torch.autograd.grad(loss, w, retain_graph=True)
    (grad_again,) = torch.autograd.grad(loss, w)
    print(f"second call after retain_graph=True: d loss / dw = {grad_again.item():.4f}")
    assert grad_again == grad_w

# %%
# Answer 3
# ^^^^^^^^
# ``nn.Linear(2, 8)`` holds 8 × 2 = 16 weights and 8 biases, ``nn.Linear(8, 1)`` 8 weights
# and 1 bias, and ``nn.ReLU`` has no parameters: 33 in all (0 and 2 in the names are the
# positions in ``nn.Sequential``; the ReLU at position 1 is not listed). The output shape
# comes from the last layer, so it stays ``(3, 1)``.
if __name__ == "__main__":
    wider = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 1))
    for name, parameter in wider.named_parameters():
        print(f"{name}: shape {tuple(parameter.shape)}")
    wider_size = sum(p.numel() for p in wider.parameters())
    wider_shape = tuple(wider(torch.randn(3, 2)).shape)
    print(f"parameters: {wider_size}, output shape for 3 rows: {wider_shape}")
    assert wider_size == 33 and wider_shape == (3, 1)

# %%
# Answer 4
# ^^^^^^^^
# ``loader`` hands out 3 batches (of 4, 4 and 2 examples), so ``optimizer.step()`` runs 3
# times in the epoch. When every example is used at once, an epoch is one step; with
# mini-batches it is several. Each printed loss is measured on a different batch, so it
# can go up from one step to the next, but the loss on all 10 examples is much lower
# after the epoch than before it.
if __name__ == "__main__":
    line = nn.Linear(2, 1)
    line_optimizer = torch.optim.SGD(line.parameters(), lr=0.001)
    all_labels = labels.float().unsqueeze(1)
    with torch.no_grad():
        loss_before_epoch = loss_fn(line(features), all_labels).item()
    steps_taken = 0
    for batch_features, batch_labels in loader:
        line_optimizer.zero_grad()
        prediction = line(batch_features)
        batch_loss = loss_fn(prediction, batch_labels.float().unsqueeze(1))
        batch_loss.backward()
        line_optimizer.step()
        steps_taken += 1
        print(f"step {steps_taken}: {len(batch_labels)} examples, loss {batch_loss.item():.4f}")
    print(f"steps in one epoch: {steps_taken}, batches: {len(loader)}")
    with torch.no_grad():
        loss_after_epoch = loss_fn(line(features), all_labels).item()
    print(f"loss on all 10 examples: {loss_before_epoch:.4f} before the epoch, {loss_after_epoch:.4f} after")
    assert steps_taken == len(loader) == 3
    assert loss_after_epoch < loss_before_epoch / 10
