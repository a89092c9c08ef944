"""
계산 그래프
===========

자동 미분(automatic differentiation)은 무엇을 계산했는지 적어 둔 기록, 곧 계산
그래프(computational graph)를 보고 기울기(gradient)를 구합니다. 이 페이지에서는 원래 글
글 002의 식 ``z = (x + y) * w`` 를 계산하며 그래프를 만들고, 그 기록을 ``grad_fn`` 과
``next_functions`` 에서 읽어 내 그대로 그림으로 그립니다. 그래프를 따라 흐르는 기울기를
손으로 확인한 다음, 작은 2층 신경망의 그래프도 같은 방법으로 그려 봅니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림에 쓸 글꼴을 설정하고,
# 난수 시드를 고정합니다. ``pytorch_basics.graph``\ 는 자동 미분이 기록한 그래프를
# 노드와 엣지로 바꾸고(``trace_graph``) 그림으로 그립니다(``draw_graph``).
import matplotlib.pyplot as plt
import torch

from pytorch_basics.graph import draw_graph, trace_graph
from pytorch_basics.plotting import use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# 노드와 엣지
# -----------
# 원래 글은 계산 그래프를 두 가지 요소로 설명합니다. *노드(node)*\ 는 연산(덧셈,
# 곱셈 등)이나 변수(입력값)이고, *엣지(edge)*\ 는 데이터가 어떻게 흐르고 무엇이 무엇에
# 의존하는지를 나타냅니다. 예로 든 식은 :math:`z = (x + y) \cdot w`\ 입니다. 입력에
# ``requires_grad=True``\ 를 주면 식이 실행되는 동안 자동 미분이 이 그래프를 기록합니다.
x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
w = torch.tensor(4.0, requires_grad=True)
z = (x + y) * w
print(f"z = ({x.item():.1f} + {y.item():.1f}) * {w.item():.1f} = {z.item():.1f}")

# %%
# 자동 미분이 기록한 것
# ---------------------
# ``z.grad_fn``\ 은 ``z``\ 를 만든 노드로, 마지막 연산인 곱셈의 역전파 함수입니다. 그
# ``next_functions``\ 를 따라가면 한 단계 앞, 곧 두 인수를 만든 노드에 닿습니다. 리프
# 텐서(leaf tensor)로 가는 길은 ``AccumulateGrad`` 노드에서 끝납니다. 이 노드가 나중에
# 기울기를 리프의 ``.grad``\ 에 저장하며, 이 노드의 ``variable``\ 이 바로 그 리프입니다.
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
# 이름을 함께 넘기면 리프와 출력에 그 이름이 붙습니다. 엣지는 출력에서 리프 쪽으로
# 향합니다. ``backward()``\ 가 기울기를 보내는 방향입니다.
graph = trace_graph(z, names={"x": x, "y": y, "w": w, "z": z})
for node in graph.nodes:
    print(f"{node.id}: {node.label} ({node.kind})")
for source, target in graph.edges:
    print(f"{source} -> {target}")

# %%
fig, ax = plt.subplots(figsize=(6, 3.5))
draw_graph(ax, graph, title="자동 미분이 기록한 z = (x + y) * w")
plt.show()

# %%
# 그림은 위에서 출력한 노드와 엣지를 그대로 보여 줍니다. 맨 위가 출력 ``z``\ (주황),
# 그 아래가 연산(파랑)이고, 각 리프(초록)는 자기를 사용한 연산 아래에 있습니다. 원래 글
# 글에서 손으로 그린 그래프와는 두 가지가 다릅니다. 연산 노드의 이름이 *역전파* 함수의
# 이름이고(``MulBackward0``\ 은 곱셈의 기울기를 계산합니다), 화살표가 ``z``\ 에서 입력
# 쪽을 향합니다. 순전파(forward pass)에서는 데이터가 위로 흘렀고, 역전파(backward
# pass)에서는 기울기가 아래로 흐릅니다.
#
# 엣지를 따라 역전파하기
# ----------------------
# 연쇄 법칙(chain rule)은 화살표를 따라갑니다. :math:`s = x + y`\ 라고 두면
# :math:`z = s \cdot w`\ 입니다. ``MulBackward0``\ 은
# :math:`\partial z / \partial w = s = x + y`\ 와 :math:`\partial z / \partial s = w`\ 를
# 계산하고, ``AddBackward0``\ 은 :math:`\partial s / \partial x = \partial s / \partial y = 1`
# 이므로 :math:`w`\ 를 그대로 넘깁니다. 따라서
# :math:`\partial z / \partial x = \partial z / \partial y = w`\ 이고
# :math:`\partial z / \partial w = x + y`\ 입니다.
z.backward()
print(f"x.grad = {x.grad.item():.1f}, y.grad = {y.grad.item():.1f}, w.grad = {w.grad.item():.1f}")

# %%
# 같은 식을 입력값으로 직접 계산하면 자동 미분의 결과와 일치합니다.
print(f"dz/dx = w 인가: {torch.allclose(x.grad, w.detach())}")
print(f"dz/dy = w 인가: {torch.allclose(y.grad, w.detach())}")
print(f"dz/dw = x + y 인가: {torch.allclose(w.grad, x.detach() + y.detach())}")

# %%
# 어떤 식이든 같은 방법으로
# -------------------------
# 지금까지의 과정에 ``z``\ 에만 해당하는 것은 없었습니다. ``trace_graph``\ 는 자동
# 미분이 기록한 것이면 무엇이든 읽습니다. 이번에는 입력 배치를 받는 작은 2층 신경망,
# ``h = relu(inputs @ W1 + b1)``\ 과 ``out = h @ W2 + b2``\ 에 정답(target)과의 평균
# 제곱 오차를 손실(loss)로 붙입니다. 기울기가 필요한 것은 가중치와 편향뿐이고, 입력과
# 정답은 데이터입니다.
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
draw_graph(ax, mlp_graph, title="자동 미분이 기록한 2층 신경망의 손실")
plt.show()

# %%
# 그림은 맨 위의 손실에서 시작해 아래로 내려가며 순전파의 단계를 거꾸로, 한 단계에
# 연산 하나씩 보여 줍니다. 평균, 제곱, 뺄셈, 두 번째 층(``+ b2``\ 의 ``AddBackward0``,
# ``@ W2``\ 의 ``MmBackward0``), ReLU, 그리고 첫 번째 층입니다. 가중치와 편향은 각각
# 자기를 사용한 연산 아래에 달려 있습니다.
#
# ``inputs``\ 와 ``target``\ 은 이름을 받았지만 상자가 없습니다. 기울기가 필요 없으므로
# 자동 미분이 노드를 기록하지 않기 때문입니다. ``next_functions``\ 에서는 ``None``\ 으로
# 나타납니다. ``inputs @ W1``\ 의 노드를 보면 알 수 있습니다(첫 번째 입력이
# ``inputs``, 두 번째가 ``W1``\ 입니다).
first_layer = h.grad_fn.next_functions[0][0].next_functions[0][0]
recorded = [None if f is None else type(f).__name__ for f, _ in first_layer.next_functions]
print(f"{type(first_layer).__name__}.next_functions: {recorded}")

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
# ``out``\ 의 모든 행에 더해지므로, 그 기울기는 이 값을 행에 걸쳐 더한 것입니다.
by_hand = 2 * (out - target).detach().sum(dim=0) / out.numel()
print(f"b2.grad = {b2.grad}")
print(f"2 * (out - target).sum(dim=0) / N 과 같은가: {torch.allclose(b2.grad, by_hand)}")

# %%
# 정리
# ----
# - 자동 미분은 코드가 실행되는 동안 그래프를 기록합니다. ``grad_fn``\ 은 텐서를 만든
#   노드이고, ``next_functions``\ 는 입력을 만든 노드로 이어지며, 리프는 각각
#   ``AccumulateGrad`` 노드에서 끝납니다.
# - 기록된 그래프는 출력에서 리프 쪽을 향합니다. ``backward()``\ 에서 기울기가 흐르는
#   방향입니다. 기울기가 필요 없는 입력에는 노드가 없습니다.
# - ``z = (x + y) * w``\ 의 기울기는 엣지를 따라 연쇄 법칙을 적용한 대로 ``w``, ``w``,
#   ``x + y``\ 입니다.
#
# 다음 페이지 :ref:`sphx_glr_auto_examples_autograd_plot_03_dynamic.py`\ 에서는 그래프가
# 호출할 때마다 새로 기록되므로 파이썬의 ``if``\ 와 반복문이 그래프의 모양을 정한다는
# 것을 봅니다. API 문서:
# `torch.Tensor.backward <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.backward.html>`_,
# `Autograd mechanics <https://docs.pytorch.org/docs/stable/notes/autograd.html>`_,
# `torch.autograd <https://docs.pytorch.org/docs/stable/autograd.html>`_.
