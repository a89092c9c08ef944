"""
Dynamic graphs
==============

PyTorch builds the computational graph while your Python code runs, so an ``if`` or a
loop decides what gets recorded. This page runs the ``dynamic_graph_example`` function
of the post :ref:`post-concepts` on a positive and on a negative input, checks both
gradients by hand, and draws the graph each call recorded.
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed. ``branch_gradient`` is the package's tested, hand-derived gradient
# of this page's example; ``trace_graph`` and ``draw_graph`` draw recorded graphs.
import matplotlib.pyplot as plt
import torch

from pytorch_basics.autograd import branch_gradient
from pytorch_basics.graph import draw_graph, trace_graph
from pytorch_basics.plotting import describe_figure, use_site_style

use_site_style()
torch.manual_seed(0)


# %%
# Static and dynamic graphs
# -------------------------
# The post :ref:`post-concepts` contrasts two designs. With a *static* graph the
# structure of the model is defined first and the inputs are passed through it
# afterwards. With a *dynamic* graph, PyTorch's design, the graph is created, and can
# change, while the code runs. The post lists what that buys: ordinary control flow
# (conditions, loops) just works, ordinary Python debugging tools can follow the
# computation, and a model's structure is easy to change while experimenting. This
# page shows the first point. The post's example branches on the value of ``x``:
def dynamic_graph_example(x):
    if x > 0:  # noqa: SIM108 (the post's if-else, kept as written)
        y = x**2
    else:
        y = x**3
    return y


# %%
# A positive input
# ----------------
# For :math:`x > 0` the function computes :math:`y = x^2`, so
# :math:`dy/dx = 2x`, which is 4 at :math:`x = 2`, as the post says.
x_positive = torch.tensor(2.0, requires_grad=True)
y_positive = dynamic_graph_example(x_positive)
y_positive.backward()
print(
    f"x = {x_positive.item():.1f}: y = {y_positive.item():.1f}, dy/dx = {x_positive.grad.item():.1f}"
)

# %%
# Autograd's answer agrees with the formula :math:`2x` and with ``branch_gradient``:
print(f"equals 2x: {torch.allclose(x_positive.grad, 2 * x_positive)}")
print(f"equals branch_gradient(x): {torch.allclose(x_positive.grad, branch_gradient(x_positive))}")

# %%
# A negative input
# ----------------
# For :math:`x \le 0` the other branch runs: :math:`y = x^3` and
# :math:`dy/dx = 3x^2`, which is 12 at :math:`x = -2`. The same function, called on a
# different value, differentiates a different formula.
x_negative = torch.tensor(-2.0, requires_grad=True)
y_negative = dynamic_graph_example(x_negative)
y_negative.backward()
print(
    f"x = {x_negative.item():.1f}: y = {y_negative.item():.1f}, dy/dx = {x_negative.grad.item():.1f}"
)
print(f"equals 3x^2: {torch.allclose(x_negative.grad, 3 * x_negative**2)}")
print(f"equals branch_gradient(x): {torch.allclose(x_negative.grad, branch_gradient(x_negative))}")

# %%
# One graph per call
# ------------------
# Each call recorded its own graph, and the ``if`` is not in it: only the operations
# that actually ran are. Both results have ``PowBackward0``, the backward function of
# ``**``, as their ``grad_fn``, but each node saved the exponent of its own call (autograd
# exposes the values a node saved as attributes starting with ``_saved_``).
for y in [y_positive, y_negative]:
    print(f"{type(y.grad_fn).__name__}: exponent {y.grad_fn._saved_exponent}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(6, 3))
positive_graph = trace_graph(y_positive, names={"x": x_positive, "y": y_positive})
negative_graph = trace_graph(y_negative, names={"x": x_negative, "y": y_negative})
draw_graph(
    axes[0],
    positive_graph,
    title=f"x = {x_positive.item():.0f}: y = x ** {y_positive.grad_fn._saved_exponent}",
)
draw_graph(
    axes[1],
    negative_graph,
    title=f"x = {x_negative.item():.0f}: y = x ** {y_negative.grad_fn._saved_exponent}",
)
fig.suptitle("Two calls of the same function, two recorded graphs")
describe_figure(
    fig,
    "Two diagrams side by side, the graphs recorded by two calls of dynamic_graph_example. "
    f"Left (x = {x_positive.item():.0f}) and right (x = {x_negative.item():.0f}) have the "
    "same shape, y to PowBackward0 to the leaf x; only the exponent saved in the node "
    "differs, and each title shows it: y = x ** "
    f"{y_positive.grad_fn._saved_exponent} on the left, y = x ** "
    f"{y_negative.grad_fn._saved_exponent} on the right. Neither graph contains the if or "
    "the branch that did not run.",
)
plt.show()


# %%
# The figure shows the two recorded graphs side by side; each title gives the
# exponent read from its ``PowBackward0`` node. The two graphs have the same shape
# but are separate objects with different saved values, and neither contains the
# branch that was not taken.
#
# A loop the input decides
# ------------------------
# Loops work the same way. This function doubles its input until the result is 10 or
# more, so the number of multiplications depends on the value of ``x``. Each
# multiplication by 2 multiplies the derivative by 2, so
# :math:`dy/dx = 2^n` for :math:`n` doublings.
def double_until_ten(x):
    y = x
    while 0 < y < 10:  # stops at once for x <= 0
        y = y * 2
    return y


# %%
# Two inputs, two loop lengths. We count the ``MulBackward0`` nodes in each recorded
# graph and check the gradient against :math:`2^n`.
x_short = torch.tensor(3.0, requires_grad=True)
x_long = torch.tensor(0.3, requires_grad=True)
y_short, y_long = double_until_ten(x_short), double_until_ten(x_long)
short_graph = trace_graph(y_short, names={"x": x_short, "y": y_short})
long_graph = trace_graph(y_long, names={"x": x_long, "y": y_long})
y_short.backward()
y_long.backward()
for x, graph in [(x_short, short_graph), (x_long, long_graph)]:
    doublings = sum(node.label == "MulBackward0" for node in graph.nodes)
    print(
        f"x = {x.item():.1f}: {doublings} doublings, dy/dx = {x.grad.item():.1f}, "
        f"equals 2 ** {doublings}: {torch.allclose(x.grad, torch.tensor(2.0**doublings))}"
    )

# %%
fig, axes = plt.subplots(1, 2, figsize=(6, 4.5), sharey=True)
draw_graph(axes[0], short_graph, title=f"x = {x_short.item():.1f}")
draw_graph(axes[1], long_graph, title=f"x = {x_long.item():.1f}")
fig.suptitle("The loop runs a different number of times, so the graphs differ")
describe_figure(
    fig,
    "Two diagrams side by side, the graphs recorded by calling double_until_ten on two inputs. "
    f"On the left (x = {x_short.item():.1f}) a chain of "
    f"{sum(node.label == 'MulBackward0' for node in short_graph.nodes)} MulBackward0 nodes "
    f"runs between y and the leaf x, on the right (x = {x_long.item():.1f}) a chain of "
    f"{sum(node.label == 'MulBackward0' for node in long_graph.nodes)}: the smaller input "
    "went round the loop more often, so its graph is longer.",
)
plt.show()

# %%
# The figure shows one ``MulBackward0`` node per pass through the loop: the graph of
# the smaller input is longer. Nothing had to be declared in advance; the graph is
# whatever the Python code did on this call.
#
# Summary
# -------
# - PyTorch records the graph while the code runs, anew on every call (a *dynamic*
#   graph). Python's ``if`` and loops decide which operations are recorded; the
#   control flow itself is not part of the graph.
# - ``dynamic_graph_example`` has gradient :math:`2x` for :math:`x > 0` (4.0 at 2) and
#   :math:`3x^2` otherwise (12.0 at -2), as the printed checks show.
# - Each recorded node keeps the values of its own call that ``backward()`` needs,
#   such as the exponent of ``PowBackward0``.
#
# API:
# `torch.Tensor.backward <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.backward.html>`_,
# `Autograd mechanics (saved tensors) <https://docs.pytorch.org/docs/stable/notes/autograd.html#saved-tensors>`_,
# `torch.autograd <https://docs.pytorch.org/docs/stable/autograd.html>`_.
#
# Next: :ref:`sphx_glr_auto_examples_autograd_plot_04_vector_outputs.py`, which calls
# ``backward()`` on a result with more than one element.

# %%
# Exercises
# ---------
# 1. **Predict, then run.** How many doublings does ``double_until_ten`` do on
#    ``torch.tensor(10.0, requires_grad=True)``? What are the result's ``grad_fn`` and
#    :math:`dy/dx`?
# 2. **Change one thing and explain.** Call ``dynamic_graph_example`` on the vector
#    ``torch.tensor([2.0, -2.0], requires_grad=True)`` instead of a single number. What
#    happens?
# 3. **Write it.** Make the example work on the vector of exercise 2: instead of ``if``,
#    use the mask ``x > 0`` and ``torch.where`` to pick :math:`x^2` or :math:`x^3` for
#    each element. ``x.grad`` should equal ``branch_gradient`` element by element. Which
#    branches does the recorded graph hold this time?

# %%
# Answers
# -------
#
# Answer 1
# ^^^^^^^^
# Zero. The condition ``0 < y < 10`` is false from the start, so no multiplication runs
# and the function returns the ``x`` it received. Nothing was recorded: the result is
# ``x`` itself, a leaf whose ``grad_fn`` is ``None``, and the gradient is
# :math:`2^0 = 1`.
x_ten = torch.tensor(10.0, requires_grad=True)
y_ten = double_until_ten(x_ten)
print(f"y is x: {y_ten is x_ten}, y.grad_fn: {y_ten.grad_fn}")
y_ten.backward()
print(f"dy/dx = {x_ten.grad.item():.1f}")
assert y_ten is x_ten and y_ten.grad_fn is None and x_ten.grad.item() == 2.0**0

# %%
# Answer 2
# ^^^^^^^^
# It raises a ``RuntimeError``. An ``if`` needs one true or false, but ``x > 0`` is a
# ``bool`` tensor with one ``True`` or ``False`` per element, so there is no single
# answer. With a single element there is one, which is why the calls above worked.
x_vector = torch.tensor([2.0, -2.0], requires_grad=True)
print(f"x > 0: {x_vector > 0}")
try:
    dynamic_graph_example(x_vector)
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("if on a tensor with two elements should fail")


# %%
# Answer 3
# ^^^^^^^^
# ``torch.where`` takes each element from the first result where the mask is ``True``
# and from the second where it is ``False``. Unlike ``if``, it computes both branches,
# so the graph records both ``PowBackward0`` nodes, with exponents 2 and 3. The values
# it does not pick are not used in the result, so ``x.grad`` still equals
# ``branch_gradient`` for each element.
def where_example(x):
    return torch.where(x > 0, x**2, x**3)


y_vector = where_example(x_vector)
exponents = [f._saved_exponent for f, _ in y_vector.grad_fn.next_functions]
print(f"exponents saved in the nodes after {type(y_vector.grad_fn).__name__}: {exponents}")
y_vector.sum().backward()
expected = torch.stack([branch_gradient(value) for value in x_vector])
print(f"y = {y_vector}")
print(f"x.grad = {x_vector.grad}, branch_gradient: {expected}")
assert sorted(exponents) == [2, 3] and torch.allclose(x_vector.grad, expected)
