r"""
기록하지 않고 업데이트하기: ``no_grad``, ``requires_grad_``, ``detach``
=======================================================================

경사 하강법(gradient descent)은 한 단계마다 텐서를 그 텐서의 기울기(gradient)를 써서
바꿉니다. 식으로는 :math:`x \leftarrow x - \text{lr} \cdot \nabla_x \text{loss}`\ 이고,
:math:`\text{lr}`\ 은 학습률(learning rate), 곧 시작하기에서 본 걸음의 크기
:math:`\eta`\ 입니다. 이 업데이트는 계산 그래프에 들어가면 안 됩니다. 이 페이지에서는 글
:ref:`post-basics-autograd`\ 에 나오는 업데이트 단계로 이를 위한 세 가지 도구
``torch.no_grad()``, ``requires_grad_()``, ``detach()``\ 를 살펴봅니다. 이어서 그 글의
방식과 제자리(in-place) 방식으로 작은 경사 하강법을 각각 실행합니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. 라이브러리를 불러오고, 그림에 쓸 글꼴을
# 설정하고, 난수 시드를 고정합니다.
import matplotlib.pyplot as plt
import torch

from pytorch_basics.plotting import describe_figure, use_site_style
from pytorch_basics.tensors import shares_memory

use_site_style()
torch.manual_seed(0)

# %%
# 자동 미분이 거부하는 업데이트
# -----------------------------
# 기울기를 한 번 구한 뒤, NumPy 배열을 다루듯 리프 텐서를 제자리에서 바꿔 봅니다.
# 자동 미분은 이를 거부합니다. 기록이 켜져 있으면 이 변경 자체가 연산으로 기록되고,
# ``x``\ 는 ``.grad``\ 를 구하려는 출발값인 리프 텐서가 아니라 그 연산의 출력이
# 되어 버리기 때문입니다.
x = torch.tensor([1.0, 2.0], requires_grad=True)
loss = (x**2).sum()
loss.backward()
try:
    x -= 0.1 * x.grad
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# 기록할 것이 없으면 같은 줄이 문제없이 실행됩니다. 기울기가 필요 없는 텐서에서도
# 그렇고, (아래에서 보듯) ``torch.no_grad()`` 안에서는 ``x`` 자신에게도 그렇습니다.
plain = torch.tensor([1.0, 2.0])
plain -= 0.1 * x.grad
print(f"requires_grad가 없는 텐서에 같은 업데이트: {plain}")

# %%
# ``torch.no_grad()``: 기록하지 않고 계산하기
# -------------------------------------------
# ``with torch.no_grad():`` 안에서는 연산이 평소처럼 실행되지만 아무것도 기록되지
# 않습니다. 입력에 기울기가 필요하더라도 결과는 ``requires_grad=False``\ 이고
# ``grad_fn``\ 이 없습니다.
outside = x * 2
with torch.no_grad():
    inside = x * 2
print(f"no_grad 밖: requires_grad={outside.requires_grad}, grad_fn={outside.grad_fn.name()}")
print(f"no_grad 안: requires_grad={inside.requires_grad}, grad_fn={inside.grad_fn}")

# %%
# ``x = x - lr * x.grad`` 방식은 새 텐서를 만듭니다
# -------------------------------------------------
# 글 :ref:`post-basics-autograd`\ 는 ``no_grad`` 안에서 ``x = x - lr * x.grad``\ 로
# 업데이트합니다. 등호 오른쪽은 *새* 텐서이고, 이제 ``x``\ 라는 이름은 그 새 텐서를
# 가리킵니다. ``no_grad`` 안에서 계산되었으므로 이 텐서는 기울기가 필요 없는 리프
# 텐서이고 ``.grad``\ 도 없습니다.
lr = 0.1
old_x = x
with torch.no_grad():
    x = x - lr * x.grad
print(f"x is old_x: {x is old_x}")
print(f"새 x: is_leaf={x.is_leaf}, requires_grad={x.requires_grad}, grad={x.grad}")

# %%
# 다음 반복에서 이 ``x``\ 로 손실(loss)을 계산하면 자동 미분으로 기울기를 구할 수
# 없습니다.
try:
    (x**2).sum().backward()
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# 그래서 그 글의 반복문은 매 반복 맨 앞에서 ``requires_grad_(True)``\ 를 호출합니다.
# 이름 끝의 밑줄은 텐서를 제자리에서 바꾸는 메서드라는 표시입니다. 이 메서드가 새 리프
# 텐서의 기록을 다시 켭니다.
x.requires_grad_(True)
(x**2).sum().backward()
print(f"requires_grad_(True) 이후: requires_grad={x.requires_grad}, grad={x.grad}")

# %%
# 제자리 방식은 같은 리프 텐서를 유지합니다
# -----------------------------------------
# ``no_grad`` 안에서는 제자리 업데이트 ``x -= lr * x.grad``\ 가 허용됩니다. 기존 리프
# 텐서의 값만 바꾸므로 ``x``\ 는 ``requires_grad=True``\ 를 유지하고,
# ``requires_grad_()``\ 도 필요 없습니다. 하지만 ``.grad``\ 에는 이전 기울기가 남아
# 있어서 다음 ``backward()``\ 의 결과가 거기에 더해집니다. ``x.grad.zero_()``\ 나
# ``x.grad = None``\ 으로 기울기를 지웁니다.
same_x = x
with torch.no_grad():
    x -= lr * x.grad
print(f"x is same_x: {x is same_x}, requires_grad={x.requires_grad}, is_leaf={x.is_leaf}")
print(f"x.grad에 남아 있는 이전 기울기: {x.grad}")
x.grad.zero_()
print(f"x.grad.zero_() 이후: {x.grad}")

# %%
# ``detach()``: 값은 그대로, 기록은 빼고
# --------------------------------------
# ``detach()``\ 는 원래 텐서와 메모리를 공유하지만 그래프에서 떨어진 텐서를
# 돌려줍니다. 기울기가 필요 없고 ``grad_fn``\ 도 없습니다. 값이 같은 메모리에
# 있으므로, 여기에 값을 쓰면 원래 텐서도 바뀝니다.
y = x * 2
y_detached = y.detach()
print(f"y: requires_grad={y.requires_grad}, grad_fn={y.grad_fn.name()}")
print(f"y.detach(): requires_grad={y_detached.requires_grad}, grad_fn={y_detached.grad_fn}")
print(f"y와 메모리 공유: {shares_memory(y, y_detached)}")
y_detached[0] = 100.0
print(f"y_detached[0] = 100 이후: y = {y.detach()}")

# %%
# ``detach()``\ 는 값을 그래프 밖으로 꺼낼 때 씁니다. 예를 들어 그림을 그리거나,
# NumPy 배열로 바꾸거나, 값을 만든 그래프 없이 나중을 위해 보관할 때입니다. 기울기가
# 필요한 텐서는 NumPy 배열이 되기를 거부하지만, ``detach()``\ 한 텐서는 그렇지
# 않습니다.
try:
    y.numpy()
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")
print(f"y.detach().numpy(): {y.detach().numpy()}")

# %%
# 더 큰 식 안에서 ``detach()``\ 로 기울기를 일부러 끊는 방법, 곧 기울기
# 차단(stop-gradient)은
# :ref:`sphx_glr_auto_examples_autograd_plot_07_in_depth.py`\ 에서 다룹니다.
#
# 매 단계 새 리프 텐서를 만드는 작은 경사 하강법
# ----------------------------------------------
# 무작위 시작값 다섯 개로 된 벡터에 대해 :math:`\text{loss}(x) = \sum_i (x_i - 3)^2`\ 을
# 최소화합니다. 기울기는 :math:`2(x - 3)`\ 이므로 모든 :math:`x_i`\ 가 3일 때
# 최소입니다. 반복문은 글 :ref:`post-basics-autograd`\ 를 따릅니다. 먼저
# ``requires_grad_(True)``, 그리고 ``no_grad`` 안에서 ``x = x - lr * x.grad``\ 로
# 업데이트합니다.
start = torch.randn(5)
lr = 0.1
steps = 50

x = start.clone()
losses_seed = []
for step in range(steps):
    x.requires_grad_(True)
    loss = ((x - 3) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        x = x - lr * x.grad
    losses_seed.append(loss.item())
    if step % 10 == 0 or step == steps - 1:
        print(f"단계 {step:2d}: 손실 {loss.item():.4e}")
x_seed = x

# %%
# 같은 경사 하강법을 제자리 방식으로
# ----------------------------------
# 같은 반복문을 리프 텐서 하나로 끝까지 실행합니다. 업데이트는 그 텐서를 제자리에서
# 바꾸고, ``x.grad = None``\ 이 다음 ``backward()`` 전에 기울기를 지웁니다.
x = start.clone().requires_grad_(True)
losses_in_place = []
for step in range(steps):
    loss = ((x - 3) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        x -= lr * x.grad
    x.grad = None
    losses_in_place.append(loss.item())
    if step % 10 == 0 or step == steps - 1:
        print(f"단계 {step:2d}: 손실 {loss.item():.4e}")

# %%
# 두 반복문은 똑같은 계산을 하므로 똑같은 값, 곧 3에 가까운 값에서 끝납니다.
print(f"새 리프:     {x_seed}")
print(f"제자리 방식: {x.detach()}")
print(f"완전히 같음: {torch.equal(x_seed, x.detach())}")
print(f"3과의 가장 큰 거리: {(x.detach() - 3).abs().max().item():.6f}")

# %%
# 그림은 두 손실 곡선을 로그 축에 그립니다.
fig, ax = plt.subplots(figsize=(6, 3))
ax.semilogy(losses_seed, linewidth=3, alpha=0.6, label="x = x - lr * x.grad (새 리프)")
ax.semilogy(losses_in_place, "--", color="black", label="x -= lr * x.grad (제자리)")
ax.set_xlabel("단계")
ax.set_ylabel("손실")
ax.legend()
ax.set_title("sum((x - 3)²)에 대한 경사 하강법: 두 가지 업데이트 방식")
describe_figure(
    fig,
    f"경사 하강법을 두 가지 업데이트 방식으로 {steps}단계씩 실행하며 잰 손실을 로그 세로축에 "
    "그린 선 그래프입니다. 새 리프를 만드는 방식(굵은 파란 선)과 제자리 방식(검은 점선)의 "
    f"곡선이 완전히 겹치며, 손실은 약 {losses_seed[0]:.0f}에서 {losses_seed[-1]:.0e}까지 "
    "직선을 따라 내려갑니다. 로그 축에서 직선이므로 손실이 단계마다 같은 비율로 줄어듭니다.",
)
plt.show()

# %%
# 그림에서 두 곡선은 서로 겹친 채 직선을 따라 내려갑니다. 로그 축에서 직선이면 손실이
# 단계마다 일정한 비율로 줄어든다는 뜻입니다. 업데이트 한 번마다
# :math:`x - 3`\ 에 :math:`1 - 2 \cdot \text{lr}`\ 이 곱해지므로, 손실에는
# :math:`(1 - 2 \cdot \text{lr})^2`\ 이 곱해집니다.
ratios = torch.tensor(losses_seed[1:]) / torch.tensor(losses_seed[:-1])
print(f"(1 - 2 lr)^2 = {(1 - 2 * lr) ** 2:.4f}")
print(f"측정한 단계별 손실 비율: 최소 {ratios.min().item():.4f}, 최대 {ratios.max().item():.4f}")

# %%
# 정리
# ----
# - ``torch.no_grad()``\ 는 연산을 기록하지 않고 실행합니다. 업데이트에 씁니다.
# - ``x = x - lr * x.grad``\ 는 ``requires_grad``\ 가 없는 새 리프 텐서를 만듭니다.
#   글 :ref:`post-basics-autograd`\ 는 매 반복 ``x.requires_grad_(True)``\ 로 기록을
#   다시 켭니다.
# - ``no_grad`` 안의 ``x -= lr * x.grad``\ 는 같은 리프 텐서를 유지합니다. 다음
#   ``backward()`` 전에 ``x.grad.zero_()``\ 나 ``x.grad = None``\ 으로 기울기를
#   지웁니다.
# - ``detach()``\ 는 기록 없이 같은 메모리를 돌려줍니다.
#
# 실습 페이지 :ref:`sphx_glr_auto_examples_practice_plot_01_restoring_an_image.py`\ 는
# 10,000픽셀 이미지에 그 글의 바로 이 방식을 씁니다.
#
# API 문서:
# `torch.no_grad <https://docs.pytorch.org/docs/stable/generated/torch.no_grad.html>`_,
# `torch.Tensor.requires_grad_ <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.requires_grad_.html>`_,
# `torch.Tensor.detach <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.detach.html>`_.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_autograd_plot_06_training_step.py`\ 에서는
# 옵티마이저가 신경망 전체의 업데이트를 대신합니다.

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 아래 코드를 실행하면 ``y.requires_grad``\ 는 무엇일까요?
#    이어서 ``y.sum().backward()``\ 를 부르면 어떻게 될까요?
#
#    .. code-block:: python
#
#       w = torch.tensor([1.0, 2.0], requires_grad=True)
#       with torch.no_grad():
#           y = w * 3
#
# 2. **하나만 바꾸고 설명하기.** 제자리 방식의 반복문에서 ``x.grad = None``\ 을 빼고
#    두 단계만 실행하면, 두 번째 ``backward()`` 뒤의 ``x.grad``\ 는 그 단계의
#    기울기 :math:`2(x - 3)`\ 과 같을까요?
# 3. **하나만 바꾸고 설명하기.** 학습률을 열 배 키워 ``lr = 1.0``\ 으로 하면 손실은
#    어떻게 될까요? 위에서 본 단계별 비율 :math:`(1 - 2 \cdot \text{lr})^2`\ 으로
#    먼저 예측해 보세요.

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# ``no_grad`` 안에서는 아무것도 기록되지 않으므로 ``y``\ 는 ``requires_grad=False``\ 이고
# ``grad_fn``\ 도 없습니다. 거슬러 올라갈 그래프가 없으니 ``backward()``\ 는
# ``RuntimeError``\ 를 냅니다.
w = torch.tensor([1.0, 2.0], requires_grad=True)
with torch.no_grad():
    y = w * 3
print(f"y.requires_grad={y.requires_grad}, grad_fn={y.grad_fn}")
try:
    y.sum().backward()
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("backward() should fail on a tensor made under no_grad")
assert not y.requires_grad and y.grad_fn is None

# %%
# 풀이 2
# ^^^^^^
# 같지 않습니다. ``backward()``\ 는 ``.grad``\ 에 새 기울기를 *더하므로*, 지우지 않으면
# 두 번째 ``x.grad``\ 는 첫 단계의 기울기와 두 번째 단계의 기울기의 합입니다.
x = start.clone().requires_grad_(True)
gradients = []
for _ in range(2):
    loss = ((x - 3) ** 2).sum()
    loss.backward()
    gradients.append(2 * (x.detach() - 3))  # 이 단계의 기울기
    with torch.no_grad():
        x -= lr * x.grad
print(f"이 단계의 기울기: {gradients[1]}")
print(f"두 단계 기울기의 합: {gradients[0] + gradients[1]}")
print(f"x.grad:             {x.grad}")
assert torch.allclose(x.grad, gradients[0] + gradients[1])

# %%
# 풀이 3
# ^^^^^^
# :math:`\text{lr} = 1`\ 이면 :math:`1 - 2 \cdot \text{lr} = -1`\ 이므로 업데이트마다
# :math:`x - 3`\ 의 부호만 바뀌고 크기는 그대로입니다. 손실은 전혀 줄지 않습니다.
x = start.clone().requires_grad_(True)
losses_large_lr = []
offsets = []
for _ in range(5):
    offsets.append(x.detach() - 3)
    loss = ((x - 3) ** 2).sum()
    loss.backward()
    with torch.no_grad():
        x -= 1.0 * x.grad
    x.grad = None
    losses_large_lr.append(loss.item())
print("x[0] - 3: " + ", ".join(f"{offset[0].item():.4f}" for offset in offsets))
print("lr = 1.0의 손실: " + ", ".join(f"{value:.4f}" for value in losses_large_lr))
assert torch.allclose(torch.tensor(losses_large_lr), torch.tensor(losses_large_lr[0]))
assert torch.allclose(torch.stack(offsets[1:]), -torch.stack(offsets[:-1]))
