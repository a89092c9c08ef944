r"""
벡터 출력: ``gradient`` 인자, 기울기 누적, 해제된 그래프
========================================================

``backward()``\ 는 숫자 하나에서 출발합니다. 이 페이지에서는 글
:ref:`post-autograd-easy`\ 의 :math:`Q = 3a^3 - b^2`\ 을 따라가며 출력이 벡터일 때
무슨 일이 일어나는지 살펴봅니다. 먼저 ``gradient=`` 인자의 뜻을 알아봅니다. 이 인자는
벡터-야코비안 곱(vector-Jacobian product)을 계산하게 하며, 이를 :math:`Q`\ 에서, 이어서
출력이 입력을 섞는 함수에서 전체 야코비안과 비교해 확인합니다. 그다음
``backward()``\ 를 호출할 때마다 기울기(gradient)가 누적되는 이유와, 따로 요청하지
않으면 :math:`Q`\ 의 그래프를 한 번만 거슬러 올라갈 수 있는 이유를 다룹니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. 라이브러리를 불러오고, 그림에 쓸 글꼴을
# 설정하고, 난수 시드를 고정합니다.
import textwrap

import matplotlib.pyplot as plt
import torch
from torch.autograd.functional import jacobian

from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# 벡터로 나오는 결과
# ------------------
# ``requires_grad=True``\ 인 두 파라미터 ``a``, ``b``\ 로 :math:`Q = 3a^3 - b^2`\ 을
# 요소별로 계산합니다. ``Q``\ 의 요소는 ``a``\ 와 ``b``\ 의 요소마다 하나씩, 모두 두
# 개입니다.
a = torch.tensor([2.0, 3.0], requires_grad=True)
b = torch.tensor([6.0, 4.0], requires_grad=True)
Q = 3 * a**3 - b**2
print(f"Q = {Q.detach()}, 형태 {tuple(Q.shape)}")

# %%
# 손으로 구한 기울기
# ------------------
# 각 :math:`Q_i`\ 는 :math:`a_i`\ 와 :math:`b_i`\ 에만 의존하므로
# :math:`\partial Q_i / \partial a_i = 9a_i^2`,
# :math:`\partial Q_i / \partial b_i = -2b_i`\ 입니다. ``a = [2, 3]``,
# ``b = [6, 4]``\ 에서 값은 다음과 같습니다.
expected_a = 9 * a.detach() ** 2
expected_b = -2 * b.detach()
print(f"9a^2 = {expected_a}")
print(f"-2b  = {expected_b}")

# %%
# 벡터에서 ``backward()``\ 를 호출하면 실패합니다
# -----------------------------------------------
# 연쇄 법칙(chain rule)에는 출발점이 필요합니다. 바로 *숫자 하나*\ 를 ``Q``\ 로
# 미분한 값입니다. ``Q``\ 가 벡터이면 그런 숫자가 없으므로, 인자 없이
# ``Q.backward()``\ 를 호출하면 오류가 납니다.
try:
    Q.backward()
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# ``gradient=``\ 의 의미: 벡터-야코비안 곱
# ----------------------------------------
# ``Q``\ 의 야코비안(Jacobian) :math:`J`\ 는 모든 편미분
# :math:`\partial Q_i / \partial a_j`, :math:`\partial Q_i / \partial b_j`\ 를 모은
# 행렬입니다. 행은 :math:`Q_i`\ 마다 하나씩 두 개, 열은 ``a[0]``, ``a[1]``,
# ``b[0]``, ``b[1]``\ 의 네 개입니다. ``torch.autograd.functional.jacobian``\ 은
# 함수로부터 이 행렬을 계산합니다.


def q_function(a, b):
    return 3 * a**3 - b**2


jacobian_a, jacobian_b = jacobian(q_function, (a.detach(), b.detach()))
# 0.0을 더하면 dQ/db의 대각선 밖에 있는 -0.0이 화면에 0으로 표시됩니다
full_jacobian = torch.cat([jacobian_a, jacobian_b], dim=1) + 0.0
print(full_jacobian)

# %%
# 그림은 야코비안을 보여 줍니다. 왼쪽 2×2 블록이 :math:`\partial Q / \partial a`,
# 오른쪽 블록이 :math:`\partial Q / \partial b`\ 입니다. 두 블록 모두 대각 행렬이며,
# 대각선에 :math:`9a^2`\ 과 :math:`-2b`\ 가 놓입니다.
fig, ax = plt.subplots(figsize=(5, 2.2))
draw_tensor(ax, full_jacobian, fmt="{:g}")
ax.plot([2.0, 2.0], [0.0, 2.0], color="black", linewidth=3)
ax.set_ylim(-0.6, 2.1)
ax.text(1.0, -0.3, "∂Q/∂a", ha="center", va="center")
ax.text(3.0, -0.3, "∂Q/∂b", ha="center", va="center")
ax.set_title("Q = 3a³ − b²의 야코비안 (행: Q[0], Q[1])")
describe_figure(
    fig,
    "Q = 3a³ − b²의 야코비안을 2행 4열의 칸에 값과 색으로 나타낸 그림입니다. 행은 Q[0]과 "
    "Q[1], 열은 a[0], a[1], b[0], b[1]이며, 굵은 세로선으로 나뉜 왼쪽 블록 ∂Q/∂a와 오른쪽 "
    "블록 ∂Q/∂b는 모두 대각 행렬입니다. 대각선에는 9a²"
    f"({full_jacobian[0, 0].item():g}, {full_jacobian[1, 1].item():g})와 −2b"
    f"({full_jacobian[0, 2].item():g}, {full_jacobian[1, 3].item():g})가 있고 나머지 칸은 "
    "모두 0입니다.",
)
plt.show()

# %%
# ``Q.backward(gradient=v)``\ 는 :math:`J`\ 를 만들지 않습니다. 벡터-야코비안 곱
# :math:`v^T J`\ 를 바로 계산합니다. 이는 스칼라 :math:`\sum_i v_i Q_i`\ 의
# 기울기이며, :math:`v_i = \partial(\text{스칼라}) / \partial Q_i`\ 입니다.
# ``v = torch.ones_like(Q)``\ 이면 ``Q``\ 의 모든 요소가 똑같은 비중으로 반영됩니다.
v = torch.ones_like(Q)
Q.backward(gradient=v)
print(f"a.grad = {a.grad}, v^T J (a 부분) = {v @ jacobian_a}")
print(f"b.grad = {b.grad}, v^T J (b 부분) = {v @ jacobian_b}")
print(f"a.grad == v^T J: {torch.allclose(a.grad, v @ jacobian_a)}")
print(f"b.grad == v^T J: {torch.allclose(b.grad, v @ jacobian_b)}")

# %%
# 야코비안이 대각 행렬이므로, 가중치가 모두 1이면 손으로 구한 기울기가 그대로
# 나옵니다.
print(f"a.grad == 9a^2: {torch.allclose(a.grad, expected_a)}")
print(f"b.grad == -2b: {torch.allclose(b.grad, expected_b)}")

# %%
# 다른 가중치
# -----------
# 글 :ref:`post-autograd-easy`\ 는 ``Q``\ 의 한 요소가 더 중요할 때
# ``[0.7, 0.3]`` 같은 가중치를 쓰라고 제안합니다. 결과는 이번에도
# :math:`v^T J`\ 입니다. 첫 번째 그래프는 ``backward()``\ 가 이미 해제했으므로(아래에서
# 자세히 다룹니다) ``Q``\ 를 다시 계산하고, 그 전에 이전 기울기를 지웁니다.
weights = torch.tensor([0.7, 0.3])
grads_ones = (a.grad.clone(), b.grad.clone())
a.grad = None
b.grad = None
Q = 3 * a**3 - b**2
Q.backward(gradient=weights)
print(f"a.grad = {a.grad}, v^T J (a 부분) = {weights @ jacobian_a}")
print(f"b.grad = {b.grad}, v^T J (b 부분) = {weights @ jacobian_b}")
print(f"a.grad == v^T J: {torch.allclose(a.grad, weights @ jacobian_a)}")
print(f"b.grad == v^T J: {torch.allclose(b.grad, weights @ jacobian_b)}")

# %%
# 이 값들은 스칼라 :math:`\sum_i v_i Q_i`\ 의 기울기이기도 합니다. ``Q``\ 를 한 번 더
# 계산하면 ``(weights * Q).sum()``\ 이 바로 그 스칼라이고, 스칼라이므로
# ``backward()``\ 에 ``gradient=``\ 가 필요 없습니다.
grads_weighted = (a.grad.clone(), b.grad.clone())
a.grad = None
b.grad = None
Q = 3 * a**3 - b**2
(weights * Q).sum().backward()
print(f"a.grad = {a.grad}, b.grad = {b.grad}")
print(
    f"gradient=weights와 같음: {torch.allclose(a.grad, grads_weighted[0])}, "
    f"{torch.allclose(b.grad, grads_weighted[1])}"
)

# %%
# 그림은 두 가지 ``v``\ 에 대해 기울기의 네 요소를 비교합니다.
names = ["a[0]", "a[1]", "b[0]", "b[1]"]
positions = torch.arange(4)
fig, ax = plt.subplots(figsize=(6, 3))
bars_ones = ax.bar(positions - 0.2, torch.cat(grads_ones), width=0.4, label="v = [1, 1]")
bars_weighted = ax.bar(
    positions + 0.2, torch.cat(grads_weighted), width=0.4, label="v = [0.7, 0.3]"
)
ax.bar_label(bars_ones, fmt="%.1f", fontsize=8)
ax.bar_label(bars_weighted, fmt="%.1f", fontsize=8)
ax.axhline(0.0, color="black", linewidth=0.8)
ax.margins(y=0.15)
ax.set_xticks(positions, names)
ax.set_ylabel("기울기")
ax.legend()
ax.set_title("Q.backward(gradient=v)가 남긴 기울기")
describe_figure(
    fig,
    "기울기의 네 요소 a[0], a[1], b[0], b[1]을 두 가지 v에 대해 나란히 비교한 막대그래프"
    f"입니다. v = [1, 1]이면 막대가 {grads_ones[0][0].item():.1f}, "
    f"{grads_ones[0][1].item():.1f}, {grads_ones[1][0].item():.1f}, "
    f"{grads_ones[1][1].item():.1f}이고, v = [0.7, 0.3]이면 "
    f"{grads_weighted[0][0].item():.1f}, {grads_weighted[0][1].item():.1f}, "
    f"{grads_weighted[1][0].item():.1f}, {grads_weighted[1][1].item():.1f}입니다. 요소마다 "
    f"가중치 하나가 곱해져, a[0]과 b[0]은 {weights[0].item():.1f}배, a[1]과 b[1]은 "
    f"{weights[1].item():.1f}배가 되었습니다.",
)
plt.show()

# %%
# 그림에서 보듯 기울기의 각 요소에는 가중치 하나가 곱해졌습니다. 가중치를 준 기울기를
# ``v = [1, 1]``\ 일 때의 기울기로 나누면 가중치가 그대로 나옵니다. 이는
# ``gradient=``\ 의 성질이 아니라 *이* 야코비안의 성질입니다. 대각 행렬 :math:`J`\ 는
# 열마다 0이 아닌 값이 하나뿐이므로, :math:`v^T J`\ 의 각 요소도
# :math:`v_i \, \partial Q_i / \partial a_i`\ 라는 항 하나뿐입니다.
print(f"a.grad 비율: {grads_weighted[0] / grads_ones[0]}")
print(f"b.grad 비율: {grads_weighted[1] / grads_ones[1]}")

# %%
# 출력이 입력을 섞을 때: 대각 행렬이 아닌 야코비안
# ------------------------------------------------
# 대부분의 함수에서는 출력 하나가 여러 입력에 의존합니다. 예를 들어 신경망의 레이어는
# 행렬 :math:`W`\ 로 :math:`y = W x`\ 를 계산합니다. 입력 세 개와 고정된 2×3 행렬을
# 써 봅니다. :math:`y_i = \sum_j W_{ij} x_j`\ 이므로 야코비안은
# :math:`\partial y_i / \partial x_j = W_{ij}`\ 입니다. 행은 출력마다 하나씩 두 개,
# 열은 입력마다 하나씩 세 개이고, 0인 요소가 없습니다.
W = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
x = torch.tensor([1.0, -1.0, 2.0], requires_grad=True)


def linear_function(x):
    return W @ x


jacobian_x = jacobian(linear_function, x.detach())
print(f"J =\n{jacobian_x}")
print(f"J == W: {torch.equal(jacobian_x, W)}")

# %%
# 같은 가중치 ``v = [0.7, 0.3]``\ (출력마다 하나씩)으로 세 가지 값을 계산합니다.
# ``backward(gradient=v)``\ 가 구한 벡터-야코비안 곱, 전체 야코비안과의 곱
# ``v @ J``, 그리고 :math:`j`\ 번째 요소를 합 :math:`\sum_i v_i J_{ij}`\ 로 풀어 쓴
# 값입니다.
y = linear_function(x)
y.backward(gradient=weights)
vjp_product = weights @ jacobian_x
by_hand = torch.stack([sum(weights[i] * jacobian_x[i, j] for i in range(2)) for j in range(3)])
print(f"x.grad (backward)  = {x.grad}")
print(f"v @ J              = {vjp_product}")
print(f"sum_i v_i J_ij     = {by_hand}")
print(f"x.grad == v @ J: {torch.allclose(x.grad, vjp_product)}")
print(
    f"x.grad[0] = {weights[0]:.1f}·{jacobian_x[0, 0]:g} + {weights[1]:.1f}·{jacobian_x[1, 0]:g}"
    f" = {x.grad[0]:.1f}"
)
assert torch.allclose(x.grad, vjp_product) and torch.allclose(x.grad, by_hand)

# %%
# 여기서는 어떤 기울기 요소도 "자기 가중치가 곱해진" 값이 아닙니다. ``x.grad``\ 는
# 요소가 세 개이고 ``v``\ 는 두 개이며, ``x.grad``\ 의 각 요소는 두 출력에 대한
# 가중 *합*\ 입니다. ``Q``\ 에서는 가중치를 그대로 돌려주던 비율 검사가 이번에는
# 다른 값을 냅니다.
x_grad_weighted = x.grad.clone()
x.grad = None
linear_function(x).backward(gradient=torch.ones(2))
print(f"v = [1, 1]일 때 x.grad: {x.grad}")
print(f"비율: {x_grad_weighted / x.grad}")

# %%
# 일반적인 규칙은 이렇습니다. ``backward(gradient=v)``\ 는 ``x.grad``\ 에
# :math:`v^T J`\ 를 더하며(여기서는 ``x.grad``\ 가 비어 있었습니다), :math:`J`\ 는
# 입력의 현재 값에서 구한 야코비안입니다. :math:`y = W x`\ 에서는 :math:`x`\ 가
# 어디에 있든 :math:`W`\ 이고, :math:`Q`\ 에서는 ``a``\ 와 ``b``\ 에 따라
# 달라졌습니다. 요소별로 쓰면
# :math:`\partial(\text{스칼라}) / \partial x_j = \sum_i v_i \, \partial y_i / \partial x_j`,
# 즉 :math:`x_j`\ 가 영향을 주는 모든 출력에 걸쳐 더한 연쇄 법칙입니다. :math:`Q`\ 처럼
# 요소별로 계산하는 함수(대각 야코비안)에서는 입력마다 영향을 주는 출력이 하나뿐이라
# 이 합의 항도 하나입니다. 기울기의 각 요소가 도함수 하나에 가중치 하나를 곱한 값이
# 되는 특수한 경우입니다.

# %%
# 다른 방법: ``Q.sum().backward()``
# ---------------------------------
# ``Q``\ 를 먼저 합하면 스칼라가 되므로 ``gradient=``\ 가 필요 없습니다. 합은 모든
# 요소에 가중치 1을 주는 것과 같으므로, 결과는 ``gradient=torch.ones_like(Q)``\ 와
# 같습니다.
a.grad = None
b.grad = None
Q = 3 * a**3 - b**2
Q.sum().backward()
print(f"a.grad = {a.grad}, b.grad = {b.grad}")
print(
    f"ones_like와 같음: {torch.allclose(a.grad, grads_ones[0])}, "
    f"{torch.allclose(b.grad, grads_ones[1])}"
)
print(f"a.grad == 9a^2: {torch.allclose(a.grad, expected_a)}")
print(f"b.grad == -2b: {torch.allclose(b.grad, expected_b)}")

# %%
# 기울기는 누적됩니다
# -------------------
# ``backward()``\ 는 ``.grad``\ 를 덮어쓰지 않고 *더합니다*. ``a.grad``\ 에는 위
# 셀의 기울기가 아직 남아 있으므로, 순전파와 역전파를 한 번 더 하면(같은 ``a``,
# ``b``\ 로 새로 만든 그래프입니다) 값이 두 배가 됩니다.
Q = 3 * a**3 - b**2
Q.sum().backward()
print(f"backward()를 두 번 호출한 뒤 a.grad: {a.grad}")
print(f"a.grad == 2 * 9a^2: {torch.allclose(a.grad, 2 * expected_a)}")

# %%
# 기울기를 지우는 두 가지 방법
# ----------------------------
# ``a.grad = None``\ 으로 저장된 기울기를 직접 버릴 수 있습니다. 학습 반복문에서는
# 옵티마이저(optimizer)가 자신이 관리하는 모든 파라미터에 대해 이 일을 합니다.
# 옵티마이저는 파라미터 목록을 들고 있다가 각 파라미터를 ``.grad``\ 로 업데이트하는
# 객체이며, :ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`\ 에서
# 배웁니다. 기울기를 지우는 일은 ``optimizer.zero_grad()``\ 가 맡는데, 현재
# PyTorch에서는 이 함수도 ``.grad``\ 를 0으로 채우지 않고 ``None``\ 으로 만듭니다.
# ``set_to_none=True``\ 가 기본값이기 때문입니다. 아래의 ``torch.optim.SGD``\ 가 그런
# 옵티마이저 가운데 하나로, 학습률(learning rate) ``lr``\ 로 움직이는 평범한 경사
# 하강법(gradient descent)입니다. 여기서는 ``zero_grad()``\ 에만 씁니다.
a.grad = None
print(f"a.grad = None 이후: a.grad = {a.grad}, b.grad = {b.grad}")
optimizer = torch.optim.SGD([a, b], lr=0.1)
optimizer.zero_grad()
print(f"optimizer.zero_grad() 이후: a.grad = {a.grad}, b.grad = {b.grad}")

# %%
# 기울기를 지운 뒤에는 역전파를 한 번 하면 다시 원래의 기울기가 나옵니다.
Q = 3 * a**3 - b**2
Q.sum().backward()
print(f"a.grad == 9a^2: {torch.allclose(a.grad, expected_a)}")

# %%
# ``backward()`` 뒤에는 그래프가 해제됩니다
# -----------------------------------------
# 메모리를 아끼기 위해 ``backward()``\ 는 그래프가 미분 계산용으로 저장해 둔 중간
# 값(여기서는 :math:`a^3`\ 과 :math:`b^2`\ 의 미분에 필요한 ``a``\ 와 ``b``)을
# 해제합니다. 그래서 이 그래프를 두 번째로 거슬러 올라가면 실패합니다. 오류 메시지가
# 해결 방법을 알려 줍니다.
optimizer.zero_grad()
Q = 3 * a**3 - b**2
Q.backward(gradient=v)
try:
    Q.backward(gradient=v)
except RuntimeError as error:
    print(f"{type(error).__name__}:")
    print(textwrap.fill(str(error).splitlines()[0], width=80))

# %%
# 보통은 위의 셀들처럼 ``Q``\ 를 다시 계산해서 해결합니다. 한 그래프를 정말 두 번
# 거슬러 올라가야 한다면 ``retain_graph=True``\ 를 줍니다. 그러면 저장된 값이(그리고
# 그만큼의 메모리가) 마지막 호출까지 유지되고, 두 기울기는 누적됩니다.
optimizer.zero_grad()
Q = 3 * a**3 - b**2
Q.backward(gradient=v, retain_graph=True)
Q.backward(gradient=v)
print(f"한 그래프로 두 번 역전파: a.grad = {a.grad}")
print(f"a.grad == 2 * 9a^2: {torch.allclose(a.grad, 2 * expected_a)}")

# %%
# 글 :ref:`post-autograd-easy`\ 는 *같은 그래프에서* ``backward()``\ 를 여러 번
# 호출하면 기울기가 누적된다고 설명합니다. 위의 두 셀에서 보듯, 첫 호출이
# ``retain_graph=True``\ 로 그래프를 유지하지 않았다면 같은 그래프에서의 두 번째
# 호출은 실패합니다. 누적되는 것은 새로 만든 그래프든 유지한 그래프든 모든
# ``backward()`` 호출의 결과입니다. (저장한 값이 전혀 없는 그래프는 두 번 거슬러
# 올라갈 수 있습니다. 이 경우는
# :ref:`sphx_glr_auto_examples_autograd_plot_07_in_depth.py`\ 에서 다룹니다.)
#
# 정리
# ----
# - ``backward()``\ 에는 스칼라가 필요합니다. 벡터 ``Q``\ 에서
#   ``Q.backward(gradient=v)``\ 는 벡터-야코비안 곱 :math:`v^T J`, 즉
#   :math:`\sum_i v_i Q_i`\ 의 기울기를 계산합니다. ``v = ones_like(Q)``\ 는
#   ``Q.sum().backward()``\ 와 같습니다.
# - 일반적으로 기울기의 각 요소는 출력에 걸친 가중 합
#   :math:`\sum_i v_i \, \partial y_i / \partial x_j`\ 입니다(:math:`y = W x`\ 에서
#   본 대로). 도함수 하나에 가중치 하나를 곱한 값이 되는 것은 입력마다 영향을 주는
#   출력이 하나뿐일 때, 예를 들어 :math:`Q`\ 처럼 요소별로 계산하는 함수(대각
#   야코비안)일 때뿐입니다.
# - 기울기는 ``backward()`` 호출마다 누적됩니다. ``x.grad = None``\ 이나
#   ``optimizer.zero_grad()``\ 로 지웁니다.
# - ``backward()``\ 는 그래프를 해제합니다. 출력을 다시 계산하거나, 같은 그래프로
#   정말 두 번 역전파해야 할 때만 ``retain_graph=True``\ 를 줍니다.
#
# API 문서:
# `torch.Tensor.backward <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.backward.html>`_,
# `torch.autograd.functional.jacobian <https://docs.pytorch.org/docs/stable/generated/torch.autograd.functional.jacobian.html>`_,
# `torch.optim.Optimizer.zero_grad <https://docs.pytorch.org/docs/stable/generated/torch.optim.Optimizer.zero_grad.html>`_.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py`\ 에서는
# 업데이트를 기록하지 않고 파라미터를 업데이트합니다.

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 숫자 하나에서 출발하는 역전파의 출발값은
#    :math:`\partial z / \partial z = 1`\ 이었습니다. 그렇다면
#    ``Q.backward(gradient=torch.tensor(1.0))``\ 는 동작할까요?
# 2. **하나만 바꾸고 설명하기.** ``Q.sum().backward()``\ 를 ``Q.mean().backward()``\ 로
#    바꾸면 ``a.grad``\ 는 여전히 :math:`9a^2`\ 일까요?
# 3. **하나만 바꾸고 설명하기.** ``retain_graph=True``\ 를 첫 번째 호출이 아니라 두 번째
#    호출에 주면 어떻게 될까요?
#
#    .. code-block:: python
#
#       Q = 3 * a**3 - b**2
#       Q.backward(gradient=v)
#       Q.backward(gradient=v, retain_graph=True)
#
# 4. **직접 작성하기.** ``jacobian``\ 을 쓰지 않고 ``backward(gradient=...)``\ 만으로
#    ``linear_function``\ 의 야코비안을 한 행씩 구해 보세요. 어떤 ``v``\ 를 주면
#    :math:`v^T J`\ 가 :math:`J`\ 의 한 행이 될까요?

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# 동작하지 않습니다. ``gradient``\ 는 ``Q``\ 의 요소마다 가중치 :math:`v_i`\ 를 하나씩
# 주는 인자이므로 ``Q``\ 와 형태가 같아야 합니다. 형태가 ``()``\ 인 ``torch.tensor(1.0)``\ 은
# 형태가 ``(2,)``\ 인 ``Q``\ 와 맞지 않아 ``RuntimeError``\ 가 납니다. 같은 1을 ``Q``\ 의
# 형태로 채운 ``torch.ones_like(Q)``\ 는 동작합니다.
optimizer.zero_grad()
Q = 3 * a**3 - b**2
try:
    Q.backward(gradient=torch.tensor(1.0))
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("a gradient of shape () should not fit Q of shape (2,)")
Q.backward(gradient=torch.ones_like(Q))
print(f"gradient=torch.ones_like(Q): a.grad = {a.grad}")
assert torch.allclose(a.grad, expected_a)

# %%
# 풀이 2
# ^^^^^^
# 아닙니다. 평균은 합을 요소 수 2로 나눈 값이므로 모든 요소에 가중치 :math:`1/2`\ 을 주는
# 것과 같습니다. 그래서 ``a.grad``\ 는 :math:`9a^2`\ 의 절반이 되고,
# ``gradient=torch.ones_like(Q) / Q.numel()``\ 의 결과와 같습니다.
optimizer.zero_grad()
Q = 3 * a**3 - b**2
Q.mean().backward()
grads_mean = a.grad.clone()
print(f"Q.mean().backward(): a.grad = {grads_mean}, 9a^2 / 2 = {expected_a / 2}")
optimizer.zero_grad()
Q = 3 * a**3 - b**2
Q.backward(gradient=torch.ones_like(Q) / Q.numel())
print(f"gradient=torch.ones_like(Q) / {Q.numel()}: a.grad = {a.grad}")
assert torch.allclose(grads_mean, expected_a / 2) and torch.allclose(a.grad, grads_mean)

# %%
# 풀이 3
# ^^^^^^
# 두 번째 호출이 실패합니다. ``retain_graph=True``\ 는 *그 호출이 끝난 뒤에* 그래프를
# 남겨 두라는 뜻인데, 첫 번째 호출은 이 인자 없이 이미 그래프를 해제했습니다. 그래서 다시
# 거슬러 올라가기 *전의* 호출에 주어야 합니다. 이 ``Q``\ 에서는 ``a``\ 와 ``b``\ 로 가는
# 길이 모두 저장된 값이 필요한 거듭제곱을 지나므로, 두 번째 호출은 리프에 닿기 전에
# 멈추고 ``a.grad``\ 에는 첫 번째 호출의 기울기만 남습니다. 하지만 실패한 호출도
# ``.grad``\ 를 바꿀 수 있습니다. 아래의 ``x + y**2``\ 에서 ``x``\ 처럼 저장된 값 없이
# 닿는 리프에는 오류가 나기 전에 기울기가 더해질 수 있습니다.
optimizer.zero_grad()
Q = 3 * a**3 - b**2
Q.backward(gradient=v)
try:
    Q.backward(gradient=v, retain_graph=True)
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).split('(')[0].strip()}")
else:
    raise AssertionError("the first call freed the graph, so the second should fail")
print(f"a.grad = {a.grad}, 9a^2 = {expected_a}")
assert torch.allclose(a.grad, expected_a)
x_leaf = torch.tensor(1.0, requires_grad=True)
y_leaf = torch.tensor(2.0, requires_grad=True)
z = x_leaf + y_leaf**2
z.backward()
grads_first = (x_leaf.grad.item(), y_leaf.grad.item())
try:
    z.backward()
except RuntimeError as error:
    print(f"z = x + y**2에서 두 번째 호출: {type(error).__name__}")
else:
    raise AssertionError("y**2 saved y, so the second call should fail")
print(f"첫 번째 호출 뒤: x.grad = {grads_first[0]:.1f}, y.grad = {grads_first[1]:.1f}")
print(f"실패한 호출 뒤: x.grad = {x_leaf.grad.item():.1f}, y.grad = {y_leaf.grad.item():.1f}")
assert x_leaf.grad.item() == 2 * grads_first[0] and y_leaf.grad.item() == grads_first[1]

# %%
# 풀이 4
# ^^^^^^
# 한 요소만 1이고 나머지는 0인 ``v``\ 를 주면 :math:`v^T J`\ 는 :math:`J`\ 의 그 행,
# 곧 출력 :math:`y_i`\ 하나의 기울기입니다. 행마다 ``backward()``\ 를 한 번씩 호출하되,
# 기울기가 누적되므로 호출하기 전에 ``x.grad``\ 를 지웁니다.
rows = []
for i in range(2):
    one_hot = torch.zeros(2)
    one_hot[i] = 1.0
    x.grad = None  # 앞 행의 기울기가 더해지지 않도록 지웁니다
    linear_function(x).backward(gradient=one_hot)
    rows.append(x.grad.clone())
    print(f"v = {one_hot}: x.grad = {x.grad}")
rebuilt = torch.stack(rows)
print(f"backward()로 한 행씩 구한 J == jacobian(): {torch.equal(rebuilt, jacobian_x)}")
assert torch.equal(rebuilt, jacobian_x)
