r"""
기울기 구하기: ``requires_grad``, ``backward()``, ``.grad``
===========================================================

자동 미분(automatic differentiation, autograd)은 도함수를 대신 계산해 주는 PyTorch의
기능으로, ``torch.autograd`` 패키지에 들어 있습니다. 이 페이지에서는 이 사이트의 바탕이
된 세 글 :ref:`post-basics-autograd`, :ref:`post-concepts`,
:ref:`post-differentiable`\ 에서 작은 예제를 하나씩 가져옵니다. 예제마다
기울기(gradient)를 먼저 손으로 유도하고, 자동 미분으로 다시 계산한 뒤 두 결과가 같은지
확인합니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림에 쓸 글꼴을
# 설정하고, 난수 시드를 고정합니다. 이 페이지에서 손으로 유도하는 기울기는
# ``pytorch_basics.autograd``\ 에도 테스트를 거친 작은 함수로 들어 있습니다. 이 함수들을
# 두 번째 기준값으로 씁니다.
import matplotlib.pyplot as plt
import torch

from pytorch_basics.autograd import cube_gradient, squares_gradients
from pytorch_basics.plotting import describe_figure, use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# 연산을 기록하는 텐서
# --------------------
# ``requires_grad=True``\ 를 주면 자동 미분이 그 텐서를 사용하는 모든 연산을
# 기록합니다. 이 두 텐서처럼 직접 만든 텐서는 *리프 텐서(leaf tensor)*\ 입니다.
# ``grad_fn``\ 은 텐서를 만든 연산의 기록으로, 자동 미분은 이 기록을 거쳐 기울기를
# 거꾸로 전달합니다. 리프 텐서는 기록된 연산으로 만들어지지 않았으므로 ``grad_fn``\ 이
# ``None``\ 입니다. 기울기가 저장될 ``.grad``\ 도 ``backward()``\ 를 호출하기 전까지는
# ``None``\ 입니다.
w = torch.tensor(4.0, requires_grad=True)
x = torch.tensor(3.0, requires_grad=True)
print(f"w.requires_grad: {w.requires_grad}, w.is_leaf: {w.is_leaf}")
print(f"w.grad_fn: {w.grad_fn}")
print(f"backward() 호출 전 w.grad: {w.grad}")

# %%
# 결과는 자신이 만들어진 과정을 기억합니다
# ----------------------------------------
# 글 :ref:`post-basics-autograd`\ 는 :math:`l = (3w)^2 + (2x)^2`\ 을 계산합니다. 이
# 결과는 리프 텐서가 아닙니다. ``grad_fn``\ 에는 결과를 만든 마지막 연산이 적혀
# 있습니다. 여기서는 덧셈이므로 ``AddBackward0``, 곧 덧셈을 거쳐 기울기를 거꾸로
# 전달하는 함수입니다. 이 기록은 그 앞의 연산들로 이어지고, ``backward()``\ 는 바로 이
# 연결을 따라 거슬러 올라갑니다. ``.item()``\ 은 숫자 하나를 담은 텐서를 평범한 파이썬
# 숫자로 바꿉니다. 여기서는 출력할 값을 꺼낼 때 씁니다.
l = (3 * w) ** 2 + (2 * x) ** 2  # noqa: E741 (글에서 쓴 이름)
print(f"l = {l.item():.4f}")
print(f"l.is_leaf: {l.is_leaf}, l.grad_fn: {l.grad_fn.name()}")

# %%
# 첫 번째 예제를 손으로: 72와 24
# ------------------------------
# 식을 전개하면 :math:`l = 9w^2 + 4x^2`\ 이므로
# :math:`\partial l / \partial w = 18w`, :math:`\partial l / \partial x = 8x`\ 입니다.
# :math:`w = 4, x = 3`\ 에서는 :math:`18 \cdot 4 = 72`, :math:`8 \cdot 3 = 24`\ 가
# 됩니다. 같은 계산을 자동 미분에 맡기면 ``l.backward()``\ 가 ``w.grad``\ 와
# ``x.grad``\ 를 채웁니다.
l.backward()
print(f"w.grad: {w.grad.item():.4f}")
print(f"x.grad: {x.grad.item():.4f}")

# %%
# 자동 미분이 낸 값을 손으로 구한 공식 :math:`18w`, :math:`8x`\ 와 비교하고, 같은
# 공식을 테스트된 함수로 옮긴 패키지의 ``squares_gradients``\ 와도 비교합니다.
reference_w, reference_x = squares_gradients(w, x)
print(f"w.grad == 18w: {torch.allclose(w.grad, 18 * w)}")
print(f"x.grad == 8x: {torch.allclose(x.grad, 8 * x)}")
print(
    f"squares_gradients와 일치: {torch.allclose(w.grad, reference_w)}, "
    f"{torch.allclose(x.grad, reference_x)}"
)

# %%
# 두 번째 예제: x = 2에서 y = x³
# ------------------------------
# 글 :ref:`post-concepts`\ 는 :math:`y = x^3`\ 을 미분합니다. 손으로 구하면
# :math:`dy/dx = 3x^2`\ 이고, :math:`x = 2`\ 에서는 :math:`3 \cdot 2^2 = 12`\ 입니다.
x = torch.tensor(2.0, requires_grad=True)
y = x**3
y.backward()
print(f"y = {y.item():.4f}, x.grad = {x.grad.item():.4f}")
print(f"x.grad == 3x^2: {torch.allclose(x.grad, 3 * x**2)}")
print(f"cube_gradient와 일치: {torch.allclose(x.grad, cube_gradient(x))}")

# %%
# 기울기는 접선의 기울기입니다
# ----------------------------
# 한 점에서의 미분값은 그 점에서 그은 접선의 기울기입니다. 아래 그림은
# :math:`y = x^3`\ 과, 점 :math:`(2, 8)`\ 을 지나고 기울기가 ``x.grad``\ 인 직선을
# 그립니다.
xs = torch.linspace(0.0, 3.0, 100)
tangent = y.item() + x.grad.item() * (xs - x.item())
fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(xs, xs**3, label="y = x³")
ax.plot(xs, tangent, "--", label=f"x = 2에서의 접선, 기울기 = x.grad = {x.grad.item():.0f}")
ax.plot([x.item()], [y.item()], "o", color="black")
ax.set_ylim(-5, 27)
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.legend()
ax.set_title("y = x³과 x = 2에서의 접선")
describe_figure(
    fig,
    f"x가 0에서 3까지인 곡선 y = x³과, 점 ({x.item():.0f}, {y.item():.0f})에서 이 곡선에 닿는 "
    f"기울기가 x.grad와 같은 {x.grad.item():.0f}인 접선을 점선으로 그린 그래프입니다. 접선은 그 점에서만 "
    "곡선에 닿고, 양쪽으로 멀어질수록 곡선 아래로 점점 더 벌어집니다.",
)
plt.show()

# %%
# 그림에서 접선은 :math:`x = 2`\ 에서 곡선에 닿아 있습니다. 그 점 근처에서
# :math:`x`\ 를 조금 움직이면 :math:`y`\ 는 움직인 양의 약 ``x.grad``\ 배만큼 변합니다.
# 자동 미분 없이도 재 볼 수 있습니다. :math:`x = 2`\ 에서 조금 움직인 뒤, :math:`y`\ 가
# 변한 양을 움직인 거리로 나눕니다.
ratios = []
for step in [0.1, 0.01, 0.001]:
    change = (x.item() + step) ** 3 - x.item() ** 3
    ratios.append(change / step)
    print(f"이동 {step:<5}: y의 변화 {change:.6f}, 이동 거리의 {change / step:.4f}배")
errors = [abs(ratio - x.grad.item()) for ratio in ratios]
shrinking = errors[0] > errors[1] > errors[2]
assert shrinking and errors[2] < 0.01
print(f"이동 거리가 줄수록 x.grad = {x.grad.item():.1f}에 가까워지는가: {shrinking}")

# %%
# 이동 거리가 작을수록 비율이 ``x.grad``\ 에 가까워집니다. 미분값은 이동 거리를 0으로
# 줄여 갈 때 이 비율이 다가가는 극한값입니다.
#
# 세 번째 예제: 벡터의 합
# -----------------------
# 글 :ref:`post-differentiable`\ 은 두 벡터를 더한 :math:`z = x + y`\ 의 요소를 모두
# 더합니다. 즉 :math:`s = \sum_i (x_i + y_i)`\ 입니다. 각 :math:`x_i`\ 는 계수 1로 한
# 번씩만 나오므로 :math:`\partial s / \partial x_i = 1`\ 이고, :math:`y_i`\ 도
# 마찬가지입니다. 두 기울기 모두 ``x``, ``y``\ 와 형태(shape)가 같고 1로 채워진
# 벡터입니다. 비교에 쓰는 ``torch.ones_like(x)``\ 는 ``x``\ 와 형태(와 dtype)가 같고
# 1로 채워진 텐서를 만듭니다.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.tensor([4.0, 5.0, 6.0], requires_grad=True)
z = x + y
z.sum().backward()
print(f"x.grad: {x.grad}")
print(f"y.grad: {y.grad}")
print(f"x.grad == ones: {torch.allclose(x.grad, torch.ones_like(x))}")
print(f"y.grad == ones: {torch.allclose(y.grad, torch.ones_like(y))}")

# %%
# ``z`` 자체는 벡터이므로, 숫자 하나인 ``z.sum()``\ 에서 ``backward()``\ 를
# 호출했습니다. 벡터 출력에 왜 이 단계가 필요한지는
# :ref:`sphx_glr_auto_examples_autograd_plot_04_vector_outputs.py`\ 에서 다룹니다.
#
# 정리
# ----
# - ``requires_grad=True``\ 를 주면 자동 미분이 연산을 기록합니다. 직접 만든 텐서는
#   ``grad_fn``\ 이 ``None``\ 인 리프 텐서이고, 이 텐서로 계산한 텐서에는
#   ``grad_fn``\ 이 있습니다.
# - 숫자 하나를 담은 결과에서 ``backward()``\ 를 호출하면, 그 결과를 계산하는 데 쓴
#   리프 텐서 가운데 ``requires_grad=True``\ 인 것들의 ``.grad``\ 가 채워집니다. 그
#   전까지 ``.grad``\ 는 ``None``\ 입니다.
# - 자동 미분의 결과는 손으로 유도한 값과 일치합니다. 72와 24, 12, 그리고 1로 채워진
#   벡터입니다.
#
# API 문서:
# `torch.Tensor.backward <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.backward.html>`_,
# `torch.Tensor.requires_grad_ <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.requires_grad_.html>`_,
# `torch.allclose <https://docs.pytorch.org/docs/stable/generated/torch.allclose.html>`_,
# `Autograd mechanics <https://docs.pytorch.org/docs/stable/notes/autograd.html>`_.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_autograd_plot_02_graph.py`\ 에서는 자동 미분이
# 기록한 그래프를 그려 봅니다.

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 첫 번째 예제의 ``w``\ 를 ``4.0`` 대신 정수 ``4``\ 로 만들면
#    어떻게 될까요?
#
#    .. code-block:: python
#
#       w = torch.tensor(4, requires_grad=True)
#
# 2. **하나만 바꾸고 설명하기.** 첫 번째 예제에서 ``x``\ 를 ``requires_grad=True`` 없이
#    ``torch.tensor(3.0)``\ 으로 만들고 ``l.backward()``\ 를 호출하면 ``w.grad``\ 와
#    ``x.grad``\ 는 각각 무엇일까요?
# 3. **하나만 바꾸고 설명하기.** 세 번째 예제에서 ``z = x + y``\ 를 ``z = x * y``\ 로
#    바꾸면 ``z.sum().backward()`` 뒤의 ``x.grad``\ 도 1로 채워진 벡터일까요?
# 4. **직접 작성하기.** :math:`y = x^3`\ 에서 한 것처럼, 자동 미분 없이
#    :math:`\partial l / \partial w = 72`\ 를 재 보세요. :math:`x`\ 는 3에 그대로 두고
#    :math:`w`\ 만 4에서 조금 움직인 뒤, :math:`l`\ 이 변한 양을 움직인 거리로 나눕니다.

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# ``RuntimeError``\ 가 납니다. 정수로 만든 텐서는 dtype이 ``int64``\ 인데, 기울기는
# 부동소수점 텐서와 복소수 텐서만 가질 수 있습니다. 첫 번째 예제처럼 ``4.0``\ 으로
# 쓰면 ``float32`` 텐서가 되어 문제없이 만들어집니다.
try:
    torch.tensor(4, requires_grad=True)
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("an int64 tensor should refuse requires_grad=True")
w_float = torch.tensor(4.0, requires_grad=True)
print(f"torch.tensor(4).dtype: {torch.tensor(4).dtype}")
print(f"torch.tensor(4.0).dtype: {w_float.dtype}, requires_grad={w_float.requires_grad}")
assert torch.tensor(4).dtype == torch.int64 and w_float.requires_grad

# %%
# 풀이 2
# ^^^^^^
# ``w.grad``\ 는 그대로 72이고 ``x.grad``\ 는 ``None``\ 입니다. ``backward()``\ 는
# ``requires_grad=True``\ 인 리프 텐서의 ``.grad``\ 만 채웁니다. ``x``\ 는 :math:`l`\ 의
# 값에는 그대로 쓰이지만, 자동 미분이 기울기를 구할 대상이 아닙니다.
w = torch.tensor(4.0, requires_grad=True)
x = torch.tensor(3.0)
l = (3 * w) ** 2 + (2 * x) ** 2  # noqa: E741 (글에서 쓴 이름)
l.backward()
print(f"l = {l.item():.4f}")
print(f"w.grad: {w.grad.item():.4f}")
print(f"x.requires_grad: {x.requires_grad}, x.grad: {x.grad}")
assert w.grad.item() == 18 * w.item() and x.grad is None

# %%
# 풀이 3
# ^^^^^^
# 아닙니다. :math:`s = \sum_i x_i y_i`\ 에서 :math:`x_i`\ 의 계수는 1이 아니라
# :math:`y_i`\ 이므로 :math:`\partial s / \partial x_i = y_i`\ 입니다. 그래서
# ``x.grad``\ 는 ``y``\ 의 값, ``y.grad``\ 는 ``x``\ 의 값이 됩니다. 1로 채워진 기울기는
# 덧셈이었기 때문에 나온 결과입니다.
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = torch.tensor([4.0, 5.0, 6.0], requires_grad=True)
z = x * y
z.sum().backward()
print(f"x.grad: {x.grad}")
print(f"y.grad: {y.grad}")
assert torch.equal(x.grad, y) and torch.equal(y.grad, x)


# %%
# 풀이 4
# ^^^^^^
# :math:`x`\ 를 고정하면 :math:`(2x)^2`\ 은 변하지 않으므로 :math:`l`\ 의 변화는 모두
# :math:`w`\ 에서 옵니다. :math:`9(w + h)^2 - 9w^2 = 9(2w + h)h`\ 이므로 이동 거리
# :math:`h`\ 로 나눈 비율은 :math:`72 + 9h`\ 이고, :math:`h`\ 가 줄수록 72에
# 다가갑니다.
def squares(w, x):
    return (3 * w) ** 2 + (2 * x) ** 2


reference_w, _ = squares_gradients(torch.tensor(4.0), torch.tensor(3.0))
for step in [0.1, 0.01, 0.001]:
    change = squares(4.0 + step, 3.0) - squares(4.0, 3.0)
    print(f"w 이동 {step:<5}: l의 변화 {change:.6f}, 이동 거리의 {change / step:.4f}배")
    assert abs(change / step - (reference_w.item() + 9 * step)) < 1e-6
print(f"squares_gradients의 ∂l/∂w: {reference_w.item():.4f}")
