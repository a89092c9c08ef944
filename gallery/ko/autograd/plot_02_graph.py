r"""
계산 그래프
===========

자동 미분(automatic differentiation)은 무엇을 계산했는지 적어 둔 기록, 곧 계산
그래프(computational graph)를 보고 기울기(gradient)를 구합니다. 이 페이지에서는 글
:ref:`post-concepts`\ 의 식 ``z = (x + y) * w``\ 를 계산해 그래프를 만들고, 그 기록을
``grad_fn``\ 과 ``next_functions``\ 에서 읽어 내 그대로 그림으로 그립니다. 이어서 엣지를
따라 거꾸로 흐르는 기울기를 연쇄 법칙(chain rule)으로 직접 구합니다. 그다음 글이 정의한
형태(변수와 연산마다 노드 하나, 데이터를 따라가는 엣지)로 그래프를 다시 그립니다. 각
엣지에는 순전파(forward pass)로 전달되는 값과 역전파(backward pass)로 돌아오는 기울기를
함께 적고, 그 기울기를 자동 미분의 결과와 맞춰 봅니다. 마지막으로 레이어 두 개짜리 작은
신경망의 그래프도 같은 방법으로 그립니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림에 쓸 글꼴을 설정하고,
# 난수 시드를 고정합니다. ``pytorch_basics.graph``\ 는 자동 미분이 기록한 그래프를
# 노드와 엣지로 바꾸고(``trace_graph``) 그림으로 그립니다(``draw_graph``, 그리고 값과
# 기울기까지 함께 그리는 ``draw_forward_backward``).
import matplotlib.pyplot as plt
import torch

from pytorch_basics.graph import draw_forward_backward, draw_graph, trace_graph
from pytorch_basics.plotting import describe_figure, use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# 노드와 엣지
# -----------
# 글 :ref:`post-concepts`\ 는 계산 그래프를 두 가지 요소로 설명합니다. *노드(node)*\ 는
# 연산(덧셈, 곱셈 등)이나 변수(입력값)이고, *엣지(edge)*\ 는 데이터가 어떻게 흐르고
# 무엇이 무엇에 의존하는지를 나타냅니다. 예로 든 식은 :math:`z = (x + y) \cdot w`\ 입니다.
# 입력에 ``requires_grad=True``\ 를 주면 식이 실행되는 동안 자동 미분이 이 그래프를
# 기록합니다. 나중에 들여다볼 수 있도록 합에는 :math:`s = x + y`\ 라는 이름을 따로
# 붙입니다. ``z = s * w``\ 는 ``z = (x + y) * w``\ 와 같은 계산입니다.
x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
w = torch.tensor(4.0, requires_grad=True)
s = x + y
z = s * w
print(f"s = x + y = {x.item():.1f} + {y.item():.1f} = {s.item():.1f}")
print(f"z = s * w = {s.item():.1f} * {w.item():.1f} = {z.item():.1f}")

# %%
# 자동 미분이 기록한 것
# ---------------------
# ``z.grad_fn``\ 은 ``z``\ 를 만든 노드로, 마지막 연산인 곱셈의 역전파 함수입니다. 그
# ``next_functions``\ 를 따라가면 한 단계 앞, 곧 곱한 두 값을 만든 노드에 닿습니다.
# 기울기가 필요한 리프 텐서(leaf tensor)로 가는 길은 ``AccumulateGrad`` 노드에서
# 끝납니다. 이 노드가 나중에 기울기를 리프의 ``.grad``\ 에 저장하며, 이 노드의
# ``variable``\ 이 바로 그 리프입니다.
print(f"z.grad_fn: {type(z.grad_fn).__name__}")
for next_function, _ in z.grad_fn.next_functions:
    print(f"  다음: {type(next_function).__name__}")
print(f"두 번째 노드가 w를 담고 있는가: {z.grad_fn.next_functions[1][0].variable is w}")


# %%
# ``AccumulateGrad`` 노드만 남을 때까지 ``next_functions``\ 를 따라가면 그래프 전체를
# 돌아볼 수 있습니다. 아래의 짧은 재귀 함수는 그래프를 들여쓴 나무 모양으로 출력합니다.
# 기울기가 필요 없는 입력은 ``None``\ 으로 나타나므로 건너뜁니다.
def walk(function, depth=0):
    print("    " * depth + type(function).__name__)
    for next_function, _ in function.next_functions:
        if next_function is not None:
            walk(next_function, depth + 1)


walk(z.grad_fn)

# %%
# 기록에서 그림으로
# -----------------
# ``trace_graph``\ 도 같은 방식으로 그래프를 따라가서 노드와 엣지를 돌려줍니다. 텐서와
# 이름을 함께 넘기면 각 ``AccumulateGrad`` 노드에 그 리프의 이름이 붙습니다.
# ``trace_graph``\ 는 자동 미분의 그래프에 없는 노드도 하나 더합니다. ``backward()``\ 가
# 출발하는 출력 ``z`` 자신(``n0``)입니다. 그래서 위의 재귀 함수는 노드 다섯 개를
# 출력했지만 이 목록에는 여섯 개가 있습니다. 엣지는 출력에서 리프 쪽을 향합니다.
# ``backward()``\ 가 기울기를 보내는 방향입니다.
graph = trace_graph(z, names={"x": x, "y": y, "w": w, "z": z})
for node in graph.nodes:
    print(f"{node.id}: {node.label} ({node.kind})")
for source, target in graph.edges:
    print(f"{source} -> {target}")

# %%
fig, ax = plt.subplots(figsize=(6, 3.5))
draw_graph(ax, graph, title="자동 미분이 기록한 z = (x + y) * w")
describe_figure(
    fig,
    "자동 미분이 z = (x + y) * w를 계산하며 기록한 그래프를 위에서 아래로 그린 그림입니다. "
    "맨 위의 출력 z에서 MulBackward0으로, MulBackward0에서 AddBackward0과 리프 w로, "
    "AddBackward0에서 리프 x와 y로 화살표가 이어집니다. 화살표는 출력에서 입력 쪽을 향하며, "
    "backward()가 기울기를 보내는 방향입니다.",
)
plt.show()

# %%
# 그림은 위에서 출력한 노드와 엣지를 그대로 보여 줍니다. 맨 위가 출력 ``z``\ (주황),
# 그 아래가 연산(파랑)이고, 각 리프의 ``AccumulateGrad`` 노드(초록, 리프의 이름을
# 붙였습니다)는 그 리프를 사용한 연산 아래에 있습니다.
# 글에서 설명한 방식으로 그린 그래프와는 두 가지가 다릅니다. 글의 연산 노드는 덧셈,
# 곱셈 같은 연산 자체이지만, 자동 미분은 노드에 *역전파* 함수의 이름을
# 붙입니다(``MulBackward0``\ 은 곱셈의 기울기를 계산합니다). 또 글의 엣지는 데이터를
# 따라 입력에서 ``z``\ 로 향하지만, 자동 미분의 엣지는 ``z``\ 에서 입력 쪽을 향합니다.
# 순전파에서는 데이터가 위로 흘렀고, 역전파에서는 기울기가 아래로 흐릅니다.
#
# 엣지를 따라 역전파하기
# ----------------------
# 여러 단계를 거친 계산의 미분은 각 단계 미분의 곱입니다. 이것이 연쇄 법칙이며,
# 화살표를 따라 노드를 하나씩 거치면서 적용합니다. 출발점은
# :math:`\partial z / \partial z = 1`\ 입니다. ``MulBackward0``\ 은 :math:`z = s \cdot w`\ 를 맡습니다.
# :math:`\partial z / \partial s = w`\ 이고 :math:`\partial z / \partial w = s`\ 입니다.
# ``AddBackward0``\ 은 :math:`s = x + y`\ 를 맡습니다.
# :math:`\partial s / \partial x = \partial s / \partial y = 1`\ 이므로
# :math:`\partial z / \partial s`\ 를 그대로 넘깁니다. 따라서
# :math:`\partial z / \partial x = \partial z / \partial y = w`\ 이고
# :math:`\partial z / \partial w = x + y`\ 입니다. 이 페이지의 숫자로 같은 단계를
# 파이썬으로 그대로 밟아 보면 다음과 같습니다.
dz_dz = 1.0
dz_ds = dz_dz * w.item()  # z = s * w이므로 dz/ds = w
dz_dw = dz_dz * s.item()  # 또 dz/dw = s
dz_dx = dz_ds * 1.0  # s = x + y이므로 ds/dx = 1
dz_dy = dz_ds * 1.0  # 또 ds/dy = 1
print(f"∂z/∂s = {dz_ds:.1f}, ∂z/∂w = {dz_dw:.1f}, ∂z/∂x = {dz_dx:.1f}, ∂z/∂y = {dz_dy:.1f}")

# %%
# 값과 기울기를 함께 그린 그래프
# ------------------------------
# 이제 글이 정의한 형태로 그래프를 그립니다. 변수와 연산마다 노드가 하나씩 있고,
# 엣지는 데이터를 따라 입력에서 ``z``\ 로, 여기서는 왼쪽에서 오른쪽으로 이어집니다.
# 엣지마다 텐서 하나가 지나갑니다. 순전파 방향에는 그 값을, 역전파 방향에는 그 텐서에
# 대한 ``z``\ 의 기울기를 적습니다. 숫자는 모두 위의 코드가 계산한 값이고, 위에서
# 출력한 대로 소수점 아래 한 자리까지 적습니다.
fig, ax = plt.subplots(figsize=(7, 3.5))
draw_forward_backward(
    ax,
    z,
    names={"x": x, "y": y, "w": w, "s": s, "z": z},
    gradients={"x": dz_dx, "y": dz_dy, "w": dz_dw, "s": dz_ds, "z": dz_dz},
    title="z = (x + y) * w: 순전파의 값과 역전파의 기울기",
    labels=("순전파: 값", "역전파: 기울기"),
    fmt="{:.1f}",
)
describe_figure(
    fig,
    "z = (x + y) * w의 계산 그래프를 왼쪽에서 오른쪽으로 그린 그림입니다. x와 y가 덧셈 노드로, "
    "그 결과 s와 w가 곱셈 노드로 들어가 z가 나옵니다. 검은 실선 화살표에는 순전파의 값"
    f"(x = {x.item():.1f}, y = {y.item():.1f}, s = {s.item():.1f}, w = {w.item():.1f}, "
    f"z = {z.item():.1f})이, 같은 엣지를 거꾸로 따라가는 빨간 점선 화살표에는 z의 기울기"
    f"(∂z/∂z = {dz_dz:.1f}, ∂z/∂s = {dz_ds:.1f}, ∂z/∂w = {dz_dw:.1f}, ∂z/∂x = {dz_dx:.1f}, "
    f"∂z/∂y = {dz_dy:.1f})가 적혀 있습니다. 덧셈은 받은 기울기를 두 입력에 그대로 넘기고, "
    "곱셈은 받은 기울기에 다른 쪽 입력의 값을 곱해 넘깁니다.",
)
plt.show()

# %%
# 그림은 순전파를 검은 화살표로, 각 엣지가 나르는 값과 함께 보여 줍니다(``x``\ 와
# ``y``\ 는 덧셈으로, ``s``\ 와 ``w``\ 는 곱셈으로 들어가고 ``z``\ 가 나옵니다). 역전파는
# 같은 엣지를 거꾸로 따라가는 빨간 점선 화살표로, 그 엣지의 텐서에 대한 ``z``\ 의
# 기울기와 함께 보여 줍니다. 덧셈은 받은 기울기를 두 입력에 그대로 넘기고, 곱셈은 받은
# 기울기에 *다른 쪽* 입력의 값을 곱해 각 입력에 넘깁니다.
#
# 손으로 구한 기울기가 맞을까요? ``z.backward()``\ 로 자동 미분이 기울기를 계산하게 한
# 뒤 비교합니다.
z.backward()
for name, leaf, by_hand in [("x", x, dz_dx), ("y", y, dz_dy), ("w", w, dz_dw)]:
    agree = leaf.grad.item() == by_hand
    assert agree
    print(f"{name}.grad = {leaf.grad.item():.1f}, 연쇄 법칙: {by_hand:.1f}, 같은가: {agree}")

# %%
# 점 하나에서 맞았다고 식이 맞는 것은 아닙니다. 그 점의 숫자가 맞았을 뿐입니다. 무작위
# 점 다섯 개에서 확인해 봅니다. 어느 점에서든 :math:`\partial z / \partial x`\ 와
# :math:`\partial z / \partial y`\ 는 ``w``\ 와, :math:`\partial z / \partial w`\ 는
# ``x + y``\ 와 같아야 합니다. ``torch.randn(1)``\ 은 무작위 수 하나(형태가 ``(1,)``\ 인
# 텐서)를 뽑습니다. 요소가 하나뿐인 텐서는 숫자 하나이므로 ``backward()``\ 를 바로
# 호출할 수 있습니다.
for _ in range(5):
    x = torch.randn(1, requires_grad=True)
    y = torch.randn(1, requires_grad=True)
    w = torch.randn(1, requires_grad=True)
    ((x + y) * w).backward()
    same_x = torch.allclose(x.grad, w)
    same_y = torch.allclose(y.grad, w)
    same_w = torch.allclose(w.grad, x + y)
    assert same_x and same_y and same_w
    print(
        f"x = {x.item():+.3f}, y = {y.item():+.3f}, w = {w.item():+.3f} -> "
        f"x.grad == w: {same_x}, y.grad == w: {same_y}, w.grad == x + y: {same_w}"
    )

# %%
# 어떤 식이든 같은 방법으로
# -------------------------
# 지금까지의 과정에 ``z``\ 에만 해당하는 것은 없었습니다. ``trace_graph``\ 는 자동
# 미분이 기록한 것이면 무엇이든 읽습니다. 이번에는 입력 배치를 받는 레이어 두 개짜리
# 작은 신경망 ``h = relu(inputs @ W1 + b1)``, ``out = h @ W2 + b2``\ 를 만들고,
# 정답(target)과의 평균 제곱 오차를 손실(loss)로 삼습니다. ``torch.relu``\ (ReLU)는
# 양수는 그대로 두고 음수는 0으로 바꿉니다. 기울기가 필요한 것은 가중치와 편향뿐이고,
# 입력과 정답은 데이터입니다.
inputs = torch.randn(4, 3)
target = torch.randn(4, 2)
W1 = torch.randn(3, 5, requires_grad=True)
b1 = torch.zeros(5, requires_grad=True)
W2 = torch.randn(5, 2, requires_grad=True)
b2 = torch.zeros(2, requires_grad=True)
h = torch.relu(inputs @ W1 + b1)
out = h @ W2 + b2
loss = (out - target).pow(2).mean()
print(f"inputs {tuple(inputs.shape)} -> h {tuple(h.shape)} -> out {tuple(out.shape)}")
print(f"loss = {loss.item():.4f}")

# %%
# 데이터까지 모든 텐서에 이름을 붙이고 손실의 그래프를 읽습니다.
names = {"inputs": inputs, "target": target, "W1": W1, "b1": b1, "W2": W2, "b2": b2}
mlp_graph = trace_graph(loss, names={**names, "loss": loss})
leaves = [node.label for node in mlp_graph.nodes if node.kind == "leaf"]
print(f"노드 {len(mlp_graph.nodes)}개, 엣지 {len(mlp_graph.edges)}개, 리프: {leaves}")

# %%
fig, ax = plt.subplots(figsize=(6, 6.5))
draw_graph(ax, mlp_graph, title="자동 미분이 기록한 레이어 2개짜리 신경망의 손실")
describe_figure(
    fig,
    "레이어 두 개짜리 신경망의 손실에 대해 자동 미분이 기록한 그래프를 위에서 아래로 그린 "
    "그림입니다. 맨 위의 loss에서 MeanBackward0, PowBackward0, SubBackward0, AddBackward0, "
    "MmBackward0, ReluBackward0, AddBackward0, MmBackward0이 한 줄로 이어지고, 리프 b2, W2, "
    "b1, W1은 각각 자기를 사용한 연산 아래에 달려 있습니다. 데이터인 inputs와 target은 "
    "기울기가 필요 없으므로 노드가 없습니다.",
)
plt.show()

# %%
# 그림은 맨 위의 손실에서 시작해 아래로 내려가며 순전파의 단계를 거꾸로, 한 단계에
# 연산 하나씩 보여 줍니다. 평균, 제곱, 뺄셈, 두 번째 레이어(``+ b2``\ 의
# ``AddBackward0``, ``@ W2``\ 의 ``MmBackward0``), ReLU, 그리고 첫 번째 레이어입니다.
# 가중치와 편향은 각각
# 자기를 사용한 연산 아래에 달려 있습니다.
#
# ``inputs``\ 와 ``target``\ 은 이름을 받았지만 상자가 없습니다. 기울기가 필요 없으므로
# 자동 미분이 노드를 기록하지 않기 때문입니다. ``next_functions``\ 에서는 ``None``\ 으로
# 나타납니다. ``inputs @ W1``\ 의 노드를 보면 알 수 있습니다(첫 번째 입력이
# ``inputs``, 두 번째 입력이 ``W1``\ 입니다).
first_layer = h.grad_fn.next_functions[0][0].next_functions[0][0]
recorded = [None if f is None else type(f).__name__ for f, _ in first_layer.next_functions]
print(f"{type(first_layer).__name__}.next_functions: {recorded}")

# %%
# 반대로 ``inputs``\ 의 복사본에 ``requires_grad=True``\ 를 주면
# (``requires_grad_()``\ 는 이미 있는 텐서에 이 설정을 켭니다), 같은 행렬 곱이 그
# 복사본의 노드도 기록합니다.
tracked = (inputs.clone().requires_grad_() @ W1).grad_fn
recorded = [None if f is None else type(f).__name__ for f, _ in tracked.next_functions]
print(f"inputs에 requires_grad=True를 주면: {recorded}")

# %%
# 모든 리프에 닿는 기울기
# -----------------------
# ``backward()``\ 는 이 그래프를 손실에서부터 따라 내려가며 네 리프의 ``.grad``\ 를
# 채웁니다. 각 기울기의 형태(shape)는 해당 텐서의 형태와 같습니다.
loss.backward()
for name in ["W1", "b1", "W2", "b2"]:
    print(f"{name}.grad: 형태 {tuple(names[name].grad.shape)}")

# %%
# 그중 하나는 손으로 쉽게 확인할 수 있습니다. 손실은 :math:`N`\ 개의 제곱 오차
# :math:`(out - target)^2`\ 의 평균이므로
# :math:`\partial loss / \partial out = 2 (out - target) / N`\ 입니다. ``b2``\ 는
# ``out``\ 의 모든 행에 더해집니다(브로드캐스팅,
# :ref:`sphx_glr_auto_examples_tensors_plot_07_products.py` 참고). ``b2``\ 의 요소
# 하나가 바뀌면 ``out``\ 의 한 열 전체가 그만큼 똑같이 바뀝니다. 그래서 그 요소의
# 기울기는 그 열의 기울기를 모두 더한 값, 곧 모든 행에 걸친 합입니다.
by_hand = 2 * (out - target).sum(dim=0) / out.numel()
print(f"b2.grad = {b2.grad}")
print(f"2 * (out - target).sum(dim=0) / N과 같은가: {torch.allclose(b2.grad, by_hand)}")

# %%
# 정리
# ----
# - 자동 미분은 코드가 실행되는 동안 그래프를 기록합니다. ``grad_fn``\ 은 텐서를 만든
#   노드이고, ``next_functions``\ 는 입력을 만든 노드로 이어지며, 리프는 각각
#   ``AccumulateGrad`` 노드에서 끝납니다.
# - 기록된 그래프는 출력에서 리프 쪽을 향합니다. ``backward()``\ 에서 기울기가 흐르는
#   방향입니다. 기울기가 필요 없는 입력에는 노드가 없습니다.
# - ``z = (x + y) * w``\ 의 기울기는 엣지를 따라 연쇄 법칙을 적용한 대로 ``w``, ``w``,
#   ``x + y``\ 이고, 무작위 점에서 구한 ``backward()``\ 의 결과도 같습니다.
#
# API 문서:
# `torch.Tensor.backward <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.backward.html>`_,
# `Autograd mechanics <https://docs.pytorch.org/docs/stable/notes/autograd.html>`_,
# `torch.autograd <https://docs.pytorch.org/docs/stable/autograd.html>`_.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_autograd_plot_03_dynamic.py`\ 에서는 호출할
# 때마다 그래프가 새로 기록되므로 파이썬의 ``if``\ 와 반복문이 그래프의 모양을 정한다는
# 것을 봅니다.

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 곱셈은 받은 기울기에 *다른 쪽* 입력의 값을 곱해 넘깁니다.
#    그렇다면 아래 코드에서 ``z.backward()`` 뒤의 ``x.grad``\ 는 3일까요, 6일까요?
#
#    .. code-block:: python
#
#       x = torch.tensor(3.0, requires_grad=True)
#       z = x * x
#
# 2. **하나만 바꾸고 설명하기.** 같은 값(``x = 2``, ``y = 3``, ``w = 4``)에서 덧셈을
#    뺄셈으로 바꿔 ``z = (x - y) * w``\ 를 계산하면, 세 기울기 가운데 무엇이 어떻게
#    바뀔까요?
# 3. **직접 작성하기.** ``b2.grad``\ 처럼 ``W2.grad``\ 도 손으로 구해 확인해 보세요.
#    ``W2[j, k]``\ 를 조금 올리면 ``out``\ 의 ``k``\ 번째 열은 행 ``n``\ 마다 올린 양의
#    ``h[n, j]``\ 배만큼 올라갑니다.

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# 6입니다. 곱셈의 두 입력이 모두 ``x``\ 이므로 ``MulBackward0``\ 은 두 입력에 각각 다른
# 쪽 입력의 값 3을 넘기는데, 두 엣지가 모두 ``x``\ 의 ``AccumulateGrad`` 노드 하나로
# 이어집니다. 그 노드에 도착한 두 기울기가 더해져 :math:`3 + 3 = 2x`\ 가 됩니다. 값이
# 같아도 서로 다른 두 텐서를 곱하면 각 텐서는 3만 받습니다.
x = torch.tensor(3.0, requires_grad=True)
z = x * x
edges = z.grad_fn.next_functions
same_node = edges[0][0] is edges[1][0]
print(f"두 엣지가 같은 노드로 이어지는가: {same_node} ({type(edges[0][0]).__name__})")
z.backward()
print(f"x * x: x.grad = {x.grad.item():.1f}, 2x = {2 * x.item():.1f}")
assert same_node and x.grad.item() == 2 * x.item()
x_other = torch.tensor(3.0, requires_grad=True)
y_other = torch.tensor(3.0, requires_grad=True)
(x_other * y_other).backward()
print(f"서로 다른 두 텐서의 곱: x.grad = {x_other.grad.item():.1f}")
assert x_other.grad.item() == y_other.item()

# %%
# 풀이 2
# ^^^^^^
# ``y.grad``\ 와 ``w.grad``\ 가 바뀝니다. :math:`s = x - y`\ 에서
# :math:`\partial s / \partial y = -1`\ 이므로 ``SubBackward0``\ 은 받은 기울기를
# ``x``\ 에는 그대로, ``y``\ 에는 부호를 바꿔 넘깁니다. 그래서 ``x.grad``\ 는 그대로
# ``w``\ 인 4이고 ``y.grad``\ 는 -4입니다. ``w.grad``\ 는 이번에도 곱셈의 다른 쪽 입력인
# :math:`x - y = -1`\ 입니다.
x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
w = torch.tensor(4.0, requires_grad=True)
z = (x - y) * w
walk(z.grad_fn)
z.backward()
print(f"x.grad = {x.grad.item():.1f}, y.grad = {y.grad.item():.1f}, w.grad = {w.grad.item():.1f}")
assert x.grad.item() == w.item() and y.grad.item() == -w.item()
assert w.grad.item() == (x - y).item()

# %%
# 풀이 3
# ^^^^^^
# ``W2[j, k]``\ 는 ``out``\ 의 ``k``\ 번째 열에만 영향을 주고, 행 ``n``\ 에는
# ``h[n, j]``\ 배로 영향을 줍니다. 그래서 그 기울기는 행마다
# ``h[n, j]``\ 와 :math:`\partial loss / \partial out_{nk}`\ 를 곱해 모든 행에 걸쳐 더한
# 값입니다. 모든 ``j``, ``k``\ 를 한꺼번에 쓰면 행렬 곱 ``h.T @ d_out``\ 이고, 형태는
# (5, 4) @ (4, 2) = (5, 2)로 ``W2``\ 와 같습니다.
d_out = 2 * (out - target) / out.numel()  # ∂loss/∂out, b2를 확인할 때 쓴 식
W2_by_hand = h.T @ d_out
print(f"h.T @ d_out: 형태 {tuple(W2_by_hand.shape)}, W2.grad: 형태 {tuple(W2.grad.shape)}")
print(f"W2.grad와 h.T @ d_out의 가장 큰 차이: {(W2.grad - W2_by_hand).abs().max().item():.2e}")
assert torch.allclose(W2.grad, W2_by_hand)
