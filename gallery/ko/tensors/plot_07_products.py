r"""
행렬 곱과 요소별 곱
====================

두 텐서를 "곱한다"는 말은 서로 다른 두 가지를 뜻할 수 있습니다. 행렬 곱(matrix
multiplication)을 하는 ``@`` 연산자(``torch.matmul``)와, 요소별 곱(element-wise product)을
하는 ``*`` 연산자(``torch.mul``)입니다. :ref:`post-basics-autograd` 글에서는 이 둘의 차이를
분명히 이해하는 일이 특히 중요했다고 말합니다. 이 페이지에서는 두 곱을 수식으로 적고, 손으로
쓴 반복문과 비교해 확인한 뒤, 각 곱이 어떤 형태(shape)를 받아들이는지 살펴봅니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림에 쓸 글꼴을 설정하고,
# 난수 시드를 고정합니다.
import matplotlib.pyplot as plt
import torch

from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# 두 가지 곱, 두 가지 수식
# ------------------------
# 행렬 :math:`A`\ 와 :math:`B`\ 의 행렬 곱은 :math:`A`\ 의 행과 :math:`B`\ 의 열을 맞대어
# 공통 인덱스 :math:`k`\ 에 대해 더합니다. 식으로 쓰면
# :math:`(AB)_{ij} = \sum_k A_{ik} B_{kj}`\ 입니다. 요소별 곱은 같은 자리에 있는 숫자끼리만
# 곱하며, 식으로는 :math:`(A * B)_{ij} = A_{ij} B_{ij}`\ 입니다. 작은 2x2 행렬 두 개로 계산해
# 보면 두 결과가 다릅니다.
A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
B = torch.tensor([[5.0, 6.0], [7.0, 8.0]])
print(f"A @ B:\n{A @ B}")
print(f"torch.matmul(A, B):\n{torch.matmul(A, B)}")
print(f"A * B:\n{A * B}")
print(f"torch.mul(A, B)가 A * B와 같은가: {torch.equal(torch.mul(A, B), A * B)}")

# %%
# ``@`` 연산을 수식과 비교하기
# -----------------------------
# 세 겹으로 중첩한 반복문이 :math:`\sum_k A_{ik} B_{kj}`\ 를 숫자 하나씩 계산합니다.
# ``torch.allclose``\ 는 두 텐서가 반올림 오차 범위 안에서 같은지 알려 줍니다.
manual_matmul = torch.zeros(2, 2)
for i in range(2):
    for j in range(2):
        for k in range(2):
            manual_matmul[i, j] += A[i, k] * B[k, j]
print(f"반복문 결과:\n{manual_matmul}")
print(f"A @ B가 반복문과 같은가: {torch.allclose(A @ B, manual_matmul)}")

# %%
# ``*`` 연산을 수식과 비교하기
# -----------------------------
# 요소별 곱에는 합이 필요 없습니다. 결과의 숫자 하나하나가 곱셈 한 번,
# 곧 :math:`A_{ij} B_{ij}`\ 입니다.
manual_elementwise = torch.zeros(2, 2)
for i in range(2):
    for j in range(2):
        manual_elementwise[i, j] = A[i, j] * B[i, j]
print(f"A * B가 반복문과 같은가: {torch.allclose(A * B, manual_elementwise)}")

# %%
# 수식에서 차이가 하나 더 드러납니다. :math:`A_{ij} B_{ij} = B_{ij} A_{ij}`\ 이므로 두
# 행렬의 순서를 바꿔도 요소별 곱은 절대 달라지지 않습니다. 반면 행렬 곱은 달라질 *수*
# 있습니다. 반드시 달라진다는 뜻은 아닙니다. 어떤 행렬이든 단위 행렬 ``torch.eye(2)``\ (대각선은
# 1, 나머지는 0)와 곱하면 순서에 상관없이 결과가 같듯이, 순서를 바꿔도 곱이 같은 짝도 있습니다.
identity = torch.eye(2)
print(f"A * B와 B * A가 같은가: {torch.equal(A * B, B * A)}")
print(f"A @ B와 B @ A가 같은가: {torch.equal(A @ B, B @ A)}")
print(f"A @ identity와 identity @ A가 같은가: {torch.equal(A @ identity, identity @ A)}")

# %%
# 두 곱을 그림으로 보기
# ---------------------
# ``draw_tensor``\ 로 두 입력과 두 결과를 그려 봅니다.
fig, axes = plt.subplots(1, 4, figsize=(8, 2.6))
draw_tensor(axes[0], A, title="A")
draw_tensor(axes[1], B, title="B")
draw_tensor(axes[2], A @ B, title="A @ B\n(행렬 곱)")
draw_tensor(axes[3], A * B, title="A * B\n(요소별 곱)")
fig.suptitle("같은 A와 B를 두 가지 방법으로 곱한 결과")
describe_figure(
    fig,
    "2x2 격자 네 개를 나란히 놓은 그림입니다. 행이 1 2와 3 4인 A, 행이 5 6과 7 8인 B, 둘의 "
    "행렬 곱 A @ B(행 19 22와 43 50), 둘의 요소별 곱 A * B(행 5 12와 21 32)입니다. 같은 두 "
    "입력에서 서로 다른 결과가 나옵니다.",
)
plt.show()

# %%
# 그림은 두 입력과 두 결과를 나란히 보여 줍니다. 같은 ``A``\ 와 ``B``\ 에서 서로 다른 두
# 텐서가 나왔습니다. ``A @ B``\ 의 숫자 하나하나에는 ``A``\ 의 행 하나 전체와 ``B``\ 의 열
# 하나 전체가 섞여 있지만, ``A * B``\ 의 숫자는 같은 자리에 있는 두 숫자만으로 만들어집니다.
# 왼쪽 위 칸을 풀어 쓰면 다음과 같습니다.
print(
    f"(A @ B)[0, 0] = {A[0, 0]:.0f}*{B[0, 0]:.0f} + {A[0, 1]:.0f}*{B[1, 0]:.0f}"
    f" = {(A @ B)[0, 0]:.0f}"
)
print(f"(A * B)[0, 0] = {A[0, 0]:.0f}*{B[0, 0]:.0f} = {(A * B)[0, 0]:.0f}")

# %%
# 형태 규칙
# ---------
# ``@`` 연산은 안쪽 크기가 같아야 합니다. :math:`(n, k)` 행렬과 :math:`(k, m)` 행렬을
# 곱하면 공통인 :math:`k`\ 가 합으로 사라져 :math:`(n, m)`\ 이 됩니다. ``*`` 연산은 양쪽
# 형태가 같아야 하고, 결과도 그 형태가 됩니다. 유일한 예외는 *브로드캐스팅(broadcasting)*\ 되는
# 형태인데, 이 페이지 끝에서 다룹니다.
left = torch.randn(2, 3)
right = torch.randn(3, 4)
other = torch.randn(2, 3)
print(f"{tuple(left.shape)} @ {tuple(right.shape)} -> {tuple((left @ right).shape)}")
print(f"{tuple(left.shape)} * {tuple(other.shape)} -> {tuple((left * other).shape)}")

# %%
# 형태가 맞지 않으면 PyTorch는 적당히 짐작하지 않고 ``RuntimeError``\ 를 냅니다. ``(2, 3)``
# 행렬 두 개는 요소별로는 곱할 수 있지만 행렬 곱은 할 수 없습니다(앞 행렬의 열 3개와 뒤 행렬의
# 행 2개가 맞지 않습니다). ``(2, 3)``\ 과 ``(3, 4)``\ 는 그 반대입니다.
try:
    left @ other
except RuntimeError as error:
    print(f"left @ other -> {type(error).__name__}: {str(error).splitlines()[0]}")
try:
    left * right
except RuntimeError as error:
    print(f"left * right -> {type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# 행렬과 벡터의 곱
# ----------------
# 오른쪽에 1차원 텐서가 오면 ``@`` 연산은 행렬-벡터 곱이 됩니다. ``(2, 3)`` 행렬에 ``(3,)``
# 벡터를 곱하면 ``(2,)`` 벡터가 나옵니다. 결과의 각 숫자는 행 하나와 벡터의 내적(dot
# product)입니다. 내적은 ``torch.dot``\ 으로 계산하는데, 이 함수는 1차원 텐서끼리만 받습니다.
vector = torch.tensor([1.0, 0.5, -1.0])
product = left @ vector
row_by_row = torch.stack([torch.dot(row, vector) for row in left])
print(f"{tuple(left.shape)} @ {tuple(vector.shape)} -> {tuple(product.shape)}")
print(f"행마다 torch.dot으로 계산한 것과 같은가: {torch.allclose(product, row_by_row)}")

# %%
# ``torch.dot``\ 은 그 자체가 요소별 곱을 구해 모두 더한 것, 곧
# :math:`u \cdot v = \sum_i u_i v_i`\ 입니다. 이 페이지에서 본 두 곱이 여기서 이어집니다.
u = torch.tensor([1.0, 2.0, 3.0])
v = torch.tensor([4.0, 5.0, 6.0])
print(f"torch.dot(u, v) = {torch.dot(u, v):.4f}")
print(f"(u * v).sum()   = {(u * v).sum():.4f}")

# %%
# 행렬 곱을 배치로 한꺼번에
# -------------------------
# 3차원 텐서끼리 곱하면 ``@`` 연산은 첫 번째 차원을 배치(batch)로 보고 행렬을 짝지어 곱합니다.
# ``(2, 3) @ (3, 4)`` 곱 3개가 모여 ``(3, 2, 4)`` 텐서가 됩니다. 반면 ``torch.mm``\ 은
# 2차원 행렬만 받고 배치는 거절합니다.
batch_left = torch.randn(3, 2, 3)
batch_right = torch.randn(3, 3, 4)
batched = batch_left @ batch_right
one_by_one = torch.stack([batch_left[b] @ batch_right[b] for b in range(3)])
print(f"{tuple(batch_left.shape)} @ {tuple(batch_right.shape)} -> {tuple(batched.shape)}")
print(f"배치마다 하나씩 곱한 것과 같은가: {torch.allclose(batched, one_by_one)}")
print(f"2차원 행렬에서 torch.mm은 @와 같은가: {torch.allclose(torch.mm(A, B), A @ B)}")
try:
    torch.mm(batch_left, batch_right)
except RuntimeError as error:
    print(f"배치에 torch.mm -> {type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# 요소별 곱의 브로드캐스팅
# ------------------------
# ``*`` 연산은 브로드캐스팅되는 형태도 받습니다. ``(2, 3)`` 행렬에 ``(3,)`` 벡터를
# 곱하면, 마치 벡터를 행마다 하나씩 복제해 둔 것처럼 모든 행에 같은 벡터를 곱합니다. 아래
# 코드는 같은 결과를 행마다 따로 계산해 비교합니다.
matrix = torch.arange(6.0).reshape(2, 3)
scale = torch.tensor([1.0, 10.0, 100.0])
scaled = matrix * scale
rows_scaled = torch.stack([matrix[i] * scale for i in range(2)])
print(f"{tuple(matrix.shape)} * {tuple(scale.shape)} -> {tuple(scaled.shape)}")
print(f"scaled:\n{scaled}")
print(f"행 단위로 계산한 것과 같은가: {torch.equal(scaled, rows_scaled)}")

# %%
fig, axes = plt.subplots(1, 3, figsize=(7, 2))
draw_tensor(axes[0], matrix, title="matrix (2, 3)")
draw_tensor(axes[1], scale, title="scale (3,)")
draw_tensor(axes[2], scaled, title="matrix * scale (2, 3)")
fig.suptitle("브로드캐스팅: (3,) 벡터를 각 행에 곱합니다")
describe_figure(
    fig,
    "격자 세 개를 그린 그림입니다. 형태 (2, 3)에 행이 0 1 2와 3 4 5인 matrix, 1, 10, 100을 "
    "담은 형태 (3,)의 scale, 그리고 형태가 다시 (2, 3)이고 행이 0 10 200과 3 40 500인 "
    "matrix * scale입니다. matrix의 각 열에 scale에서 같은 자리의 숫자가 곱해져, 첫째 열은 "
    "1배, 둘째 열은 10배, 셋째 열은 100배가 됩니다.",
)
plt.show()

# %%
# 그림은 ``matrix``\ 의 각 열이 ``scale``\ 에서 같은 위치에 있는 숫자와 곱해지는 모습을
# 보여 줍니다. 첫 번째 열에는 1, 두 번째 열에는 10, 세 번째 열에는 100이 곱해집니다. 규칙의
# 요점은 크기를 오른쪽부터 비교하고, 크기가 1이거나 아예 없는 차원은 상대에 맞게 늘어난다는
# 것입니다. 자세한 내용은 PyTorch의
# `브로드캐스팅 규칙 문서 <https://docs.pytorch.org/docs/stable/notes/broadcasting.html>`_\ 에
# 정리되어 있습니다.
#
# 정리
# ----
# - ``A @ B``\ (``torch.matmul``)는 행과 열을 맞대어 곱하고 더합니다. 식으로는
#   :math:`(AB)_{ij} = \sum_k A_{ik} B_{kj}`\ 입니다.
#   안쪽 크기가 같아야 하고(``(2, 3) @ (3, 4) -> (2, 4)``), 벡터와 배치도 다룹니다.
# - ``A * B``\ (``torch.mul``)는 같은 자리의 요소끼리 곱합니다. 식으로는
#   :math:`(A * B)_{ij} = A_{ij} B_{ij}`\ 입니다. 형태가 같거나 브로드캐스팅되어야 합니다.
# - ``torch.dot``\ 은 1차원 벡터 두 개, ``torch.mm``\ 은 2차원 행렬 두 개만 받습니다.
#
# API 문서:
# `torch.matmul <https://docs.pytorch.org/docs/stable/generated/torch.matmul.html>`_,
# `torch.mul <https://docs.pytorch.org/docs/stable/generated/torch.mul.html>`_,
# `torch.mm <https://docs.pytorch.org/docs/stable/generated/torch.mm.html>`_,
# `torch.dot <https://docs.pytorch.org/docs/stable/generated/torch.dot.html>`_,
# `torch.allclose <https://docs.pytorch.org/docs/stable/generated/torch.allclose.html>`_.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_tensors_plot_08_reductions.py`

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 형태가 (3, 1)인 ``column``\ 과 형태가 (3,)인 ``row_vector``\ 를
#    요소별로 곱하면 결과의 형태는 무엇일까요? 오류가 날까요?
#
#    .. code-block:: python
#
#       column = torch.tensor([[1.0], [2.0], [3.0]])
#       row_vector = torch.tensor([1.0, 10.0, 100.0])
#       column * row_vector
#
# 2. **하나만 바꾸고 설명하기.** 행렬과 벡터의 곱에서 ``product = left @ vector``\ 의 ``@``\ 를
#    ``*``\ 로 바꾸면 어떻게 될까요? 결과와 ``product``\ 는 어떤 관계일까요?
# 3. **직접 작성하기.** ``left @ right``\ 를 ``torch.dot``\ 만으로 계산하세요. 결과의
#    ``[i, j]`` 요소는 ``left``\ 의 i번 행과 ``right``\ 의 j번 열의 내적입니다. 힌트:
#    ``right``\ 의 열을 1차원 텐서로 꺼내려면 :ref:`sphx_glr_auto_examples_tensors_plot_05_shapes.py`\ 에서
#    배운 ``.T``\ 를 씁니다.

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# 오류 없이 (3, 3) 텐서가 나옵니다. 크기를 오른쪽부터 비교하면 ``column``\ 의 크기 1이 3으로
# 늘어나고, ``row_vector``\ 에 없는 앞쪽 차원은 ``column``\ 의 3에 맞춰 늘어납니다. 그래서 같은
# 자리끼리가 아니라 모든 짝을 곱한 표가 됩니다. 같은 자리끼리 곱하려면 ``squeeze(1)``\ 로
# 형태를 (3,)으로 맞춥니다.
column = torch.tensor([[1.0], [2.0], [3.0]])
row_vector = torch.tensor([1.0, 10.0, 100.0])
outer = column * row_vector
outer_loop = torch.zeros(3, 3)
for i in range(3):
    for j in range(3):
        outer_loop[i, j] = column[i, 0] * row_vector[j]
paired = column.squeeze(1) * row_vector
matching = torch.stack([column[i, 0] * row_vector[i] for i in range(3)])
print(f"{tuple(column.shape)} * {tuple(row_vector.shape)} -> {tuple(outer.shape)}")
print(f"column * row_vector:\n{outer}")
print(f"모든 [i, j]가 column[i, 0] * row_vector[j]와 같은가: {torch.equal(outer, outer_loop)}")
print(f"column.squeeze(1) * row_vector: {paired}, 형태 {tuple(paired.shape)}")
print(f"모든 [i]가 column[i, 0] * row_vector[i]와 같은가: {torch.equal(paired, matching)}")
assert outer.shape == (3, 3) and torch.equal(outer, outer_loop)
assert paired.shape == (3,) and torch.equal(paired, matching)

# %%
# 풀이 2
# ^^^^^^
# 오류는 나지 않지만 형태가 (2,)가 아니라 (2, 3)입니다. ``*``\ 는 ``vector``\ 를 각 행에
# 브로드캐스팅해 요소별로 곱할 뿐 더하지 않습니다. 각 행을 더하면 그 행과 ``vector``\ 의
# 내적이 되므로 ``product``\ 와 같아집니다.
elementwise = left * vector
summed_rows = torch.stack([values.sum() for values in elementwise])
print(f"{tuple(left.shape)} * {tuple(vector.shape)} -> {tuple(elementwise.shape)}")
print(f"행마다 더한 결과가 product와 같은가: {torch.allclose(summed_rows, product)}")
assert elementwise.shape == (2, 3) and torch.allclose(summed_rows, product)

# %%
# 풀이 3
# ^^^^^^
# ``right``\ 의 j번 열은 ``right.T``\ 의 j번 행, 곧 1차원 텐서이므로 ``torch.dot``\ 에 그대로
# 넘길 수 있습니다. 행 2개와 열 4개의 모든 짝에 대해 내적을 구하면 (2, 4) 결과가 채워집니다.
by_dot = torch.zeros(2, 4)
for i in range(2):
    for j in range(4):
        by_dot[i, j] = torch.dot(left[i], right.T[j])
print(f"by_dot[0, 0] = {by_dot[0, 0]:.4f}, (left @ right)[0, 0] = {(left @ right)[0, 0]:.4f}")
print(f"torch.dot으로 구한 결과가 left @ right와 같은가: {torch.allclose(by_dot, left @ right)}")
assert torch.allclose(by_dot, left @ right)
