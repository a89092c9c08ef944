r"""
축소 연산: sum, mean, max, argmax, var
======================================

축소 연산(reduction)은 많은 숫자를 더 적은 숫자로 줄입니다. 텐서의 합, 평균, 가장 큰
요소, 그리고 그 요소의 위치가 그 예입니다. 이 페이지에서는 :ref:`post-concepts` 글의
예제를 실행해 봅니다. ``argmax``\ 가 *펼친(flatten)* 텐서에서의 인덱스를 돌려준다는 점과,
그 인덱스를 행과 열로 되돌리는 방법을 살펴봅니다. 이어서 한 차원을 따라 줄여 보고,
``torch.var``\ 가 따로 지정하지 않으면 :math:`n - 1`\ 로 나눈다는 것을 확인합니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림에 쓸 글꼴을 설정하고,
# 난수 시드를 고정합니다. ``pytorch_basics.tensors``\ 에는 이 페이지에서 설명하는 두 가지를
# 작게 구현하고 테스트해 둔 함수가 들어 있습니다. 펼친 인덱스를 좌표로 바꾸는 함수와,
# 불편 분산(unbiased variance)을 손으로 풀어 쓴 함수입니다.
import matplotlib.pyplot as plt
import numpy as np
import torch
from matplotlib.patches import Rectangle

from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style
from pytorch_basics.tensors import unbiased_variance, unravel_flat_index

use_site_style()
torch.manual_seed(0)

# %%
# 텐서 전체를 줄이기
# ------------------
# ``dim`` 인자(argument)를 주지 않으면 축소 연산은 모든 요소를 훑어 0차원 텐서, 곧 숫자
# 하나를 돌려줍니다. 아래는 :ref:`post-concepts` 글에 나오는 네 가지 호출입니다.
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(f"torch.sum(x):    {torch.sum(x):.4f}")
print(f"torch.mean(x):   {torch.mean(x):.4f}")
print(f"torch.max(x):    {torch.max(x):.4f}")
print(f"torch.argmax(x): {torch.argmax(x)}")

# %%
# 평균은 합을 요소 개수로 나눈 값 :math:`\bar{x} = \frac{1}{n} \sum_i x_i`\ 이고,
# 전체를 줄인 결과의 형태(shape)는 ``()``\ 입니다.
print(f"mean == sum / numel: {torch.allclose(torch.mean(x), torch.sum(x) / x.numel())}")
print(f"torch.sum(x)의 형태: {tuple(torch.sum(x).shape)}")

# %%
# argmax는 펼친 텐서에서 위치를 셉니다
# ------------------------------------
# ``x``\ 는 2행 2열뿐인데 ``argmax``\ 는 3을 돌려주었습니다. ``dim``\ 이 없으면
# ``argmax``\ 는 텐서를 먼저 한 줄로 펼친 것처럼(``x.flatten()``) 요소에 한 행씩 차례로
# 번호를 매기고, 그 줄에서의 위치를 돌려줍니다.
max_index = torch.argmax(x)
assert max_index == 3
print(f"x.flatten(): {x.flatten()}")
print(f"x.flatten()[{max_index}] = {x.flatten()[max_index]:.4f}")
print(f"최댓값과 같은가: {torch.equal(x.flatten()[max_index], torch.max(x))}")

# %%
# :ref:`post-concepts` 글에서는 이 3을 두고, PyTorch가 기본적으로 행렬을 펼친 순서로
# 인덱싱한다고 설명합니다. 이 설명은 ``argmax``\ 가 돌려주는 숫자에는 맞지만 인덱싱에는 맞지
# 않습니다. ``x[3]``\ 은 ``x``\ 의 3번 행을 달라는 뜻인데, 그런 행은 없습니다. 펼친 위치는
# 펼친 텐서에서만 쓸 수 있습니다.
try:
    x[max_index]
except IndexError as error:
    print(f"x[{max_index}] -> {type(error).__name__}: {error}")

# %%
# 펼친 인덱스를 행과 열로 되돌리기
# --------------------------------
# 열이 ``n_cols``\ 개인 텐서에서 ``[row, col]`` 요소는 펼친 줄의
# :math:`\text{row} \cdot n_{\text{cols}} + \text{col}` 위치에 있습니다.
# ``torch.unravel_index``\ 는 이 계산을 거꾸로 합니다. 이 패키지의
# ``unravel_flat_index``\ 도 ``divmod``\ 로 같은 일을 합니다. 다만 이 함수는 파이썬의 보통
# 숫자를 받으므로, 요소가 하나뿐인 텐서를 그 숫자로 바꿔 주는 ``.item()``\ 을 먼저 부릅니다.
row, col = torch.unravel_index(max_index, x.shape)
print(f"torch.unravel_index: ({row}, {col})")
print(f"unravel_flat_index:  {unravel_flat_index(max_index.item(), x.shape)}")
print(f"row * n_cols + col = {row * x.shape[1] + col}")
print(f"x[{row}, {col}] = {x[row, col]:.4f}")

# %%
# ``x``\ 에서는 공교롭게도 가장 큰 요소가 마지막 요소였습니다. 최댓값이 다른 곳에 있는
# ``(2, 3)`` 텐서에서는 펼친 인덱스와 좌표가 눈에 띄게 다릅니다.
y = torch.tensor([[3.0, 9.0, 1.0], [4.0, 2.0, 8.0]])
flat_index = torch.argmax(y).item()
y_row, y_col = unravel_flat_index(flat_index, y.shape)
print(f"torch.argmax(y) = {flat_index} -> 행 {y_row}, 열 {y_col}")
assert (flat_index, y_row, y_col) == (1, 0, 1)

# %%
fig, axes = plt.subplots(1, 2, figsize=(7, 2.4), width_ratios=[3, 6])
draw_tensor(axes[0], y, title="y (2, 3)")
axes[0].add_patch(
    Rectangle((y_col, y.shape[0] - 1 - y_row), 1, 1, fill=False, edgecolor="red", linewidth=3)
)
draw_tensor(axes[1], y.flatten(), title="y.flatten(): 위치 0부터 5까지")
axes[1].add_patch(Rectangle((flat_index, 0), 1, 1, fill=False, edgecolor="red", linewidth=3))
for position in range(y.numel()):
    axes[1].text(position + 0.5, -0.2, f"{position}", ha="center", va="top", fontsize=9)
fig.suptitle("torch.argmax(y)는 펼친 텐서에서의 위치를 셉니다")
describe_figure(
    fig,
    "왼쪽은 행이 3 9 1과 4 2 8인 2x3 텐서 y이고, 오른쪽은 같은 숫자 여섯 개를 한 줄로 늘어놓고 "
    "아래에 위치 0부터 5를 적은 y.flatten()입니다. 최댓값 9는 양쪽에서 빨간 테두리로 표시했는데, "
    f"y에서는 {y_row}행 {y_col}열에, 펼친 줄에서는 {flat_index}번 위치에 있고, 이 위치가 "
    "torch.argmax(y)가 돌려주는 숫자입니다.",
)
plt.show()

# %%
# 그림은 같은 최댓값을 빨간 테두리로 두 번 보여 줍니다. 이 값은 ``y``\ 에서는 0행 1열에,
# ``y.flatten()``\ 에서는 1번 위치에 있으며, ``argmax``\ 가 돌려주는 숫자는 뒤쪽의 1입니다.
#
# 한 차원을 따라 줄이기
# ---------------------
# ``dim``\ 을 주면 그 차원만 줄어들고 형태에서 사라집니다. ``dim=0``\ 은 행을 넘어가며 위에서
# 아래로 훑으므로 열마다 합이 하나씩 나오고, ``dim=1``\ 은 각 행을 따라 왼쪽에서 오른쪽으로
# 훑으므로 행마다 합이 하나씩 나옵니다.
column_sums = x.sum(dim=0)
row_sums = x.sum(dim=1)
print(f"x.sum(dim=0): {column_sums}, 형태 {tuple(column_sums.shape)}")
print(f"x.sum(dim=1): {row_sums}, 형태 {tuple(row_sums.shape)}")

# %%
# 두 결과를 한 그림에 담아 봅니다. ``x``\ 의 오른쪽에 행 합을 열 하나로, 아래쪽에 열
# 합을 행 하나로 붙였습니다. 오른쪽 아래 모서리 칸에는 전체 합 ``torch.sum(x)``\ 가 들어갑니다.
table = torch.zeros(3, 3)
table[:2, :2] = x
table[:2, 2] = row_sums
table[2, :2] = column_sums
table[2, 2] = torch.sum(x)
fig, ax = plt.subplots(figsize=(5, 3.2))
draw_tensor(ax, table)
ax.plot([2, 2], [0, 3], color="black", linewidth=3)
ax.plot([0, 3], [1, 1], color="black", linewidth=3)
ax.text(2.5, 3.1, "sum(dim=1)", ha="center", va="bottom", fontsize=9)
ax.text(-0.1, 0.5, "sum(dim=0)", ha="right", va="center", fontsize=9)
ax.set_title("x와 행 합(오른쪽),\n열 합(아래쪽)", pad=18)
describe_figure(
    fig,
    "굵은 선으로 나눈 3x3 격자입니다. 왼쪽 위 2x2 블록은 행이 1 2와 3 4인 x이고, sum(dim=1)이라고 "
    "적힌 오른쪽 열에는 행 합 3과 7이, sum(dim=0)이라고 적힌 아래쪽 행에는 열 합 4와 6이 "
    "있습니다. 오른쪽 아래 모서리 칸에는 네 요소를 모두 더한 10이 들어 있습니다.",
)
plt.show()

# %%
# 그림은 왼쪽 위 2x2 블록에 ``x``\ 를, 오른쪽 열에 행 합(``dim=1``)을, 아래쪽 행에
# 열 합(``dim=0``)을 보여 줍니다.
#
# 줄인 차원을 남겨 두기
# ---------------------
# ``keepdim=True``\ 를 주면 줄인 차원이 크기 1로 제자리에 남습니다. 그러면 행 합은 그림에서처럼
# ``(2, 1)`` 형태의 열이 됩니다. 이 열은 ``x``\ 에 맞춰
# 브로드캐스팅(broadcasting)되므로(:ref:`sphx_glr_auto_examples_tensors_plot_07_products.py`
# 참고), 이 열로 나누면 모든 행의 합이 1이 됩니다.
row_sums_kept = x.sum(dim=1, keepdim=True)
print(f"keepdim=True일 때의 형태: {tuple(row_sums_kept.shape)}")
normalised = x / row_sums_kept
print(f"x / 행 합:\n{normalised}")
print(f"이제 각 행의 합이 1인가: {torch.allclose(normalised.sum(dim=1), torch.ones(2))}")

# %%
# ``keepdim``\ 을 빼면 나눗셈이 오류 없이 틀린 값을 냅니다. 이때 행 합의 형태는 ``(2,)``\ 인데,
# 브로드캐스팅은 크기를 오른쪽부터 맞추므로 행 합이 ``x``\ 의 *열*\ 과 짝지어집니다. 그래서
# 첫 번째 열은 첫 번째 행의 합으로, 두 번째 열은 두 번째 행의 합으로 나뉩니다. ``x``\ 가
# 정사각 행렬이라 형태가 맞아떨어지므로 아무 오류도 나지 않습니다.
wrong = x / row_sums
print(f"x / x.sum(dim=1):\n{wrong}")
print(f"각 행의 합이 1인가: {torch.allclose(wrong.sum(dim=1), torch.ones(2))}")
by_column = torch.stack([x[:, j] / row_sums[j] for j in range(2)], dim=1)
print(f"j번 열을 j번 행의 합으로 나눈 것인가: {torch.allclose(wrong, by_column)}")

# %%
# 실수가 가려진 것은 순전히 ``x``\ 가 정사각 행렬이었기 때문입니다. 2행 3열인 위의 ``y``\ 에서는
# 행 합 2개가 열 3개와 맞지 않으므로 같은 나눗셈이 오류를 내고, ``keepdim=True``\ 를 주면
# 제대로 나뉩니다.
try:
    y / y.sum(dim=1)
except RuntimeError as error:
    print(f"y / y.sum(dim=1) -> {type(error).__name__}: {str(error).splitlines()[0]}")
y_normalised = y / y.sum(dim=1, keepdim=True)
print(f"y / y.sum(dim=1, keepdim=True)의 행 합: {y_normalised.sum(dim=1)}")

# %%
# 차원을 지정한 max는 텐서 두 개를 돌려줍니다
# --------------------------------------------
# ``torch.max(x, dim=1)``\ 은 각 행의 최댓값뿐 아니라 그 위치도 *함께* 돌려줍니다. 둘은
# ``(values, indices)``\ 라는 이름 붙은 쌍으로 나옵니다. 이 인덱스는 그 차원을 따라 센
# 위치로, ``torch.argmax(x, dim=1)``\ 과 같습니다.
values, indices = torch.max(x, dim=1)
print(f"values:  {values}")
print(f"indices: {indices}")
print(f"indices == torch.argmax(x, dim=1): {torch.equal(indices, torch.argmax(x, dim=1))}")

# %%
# 1, 2, 3, 4, 5의 max, mean, var
# ------------------------------
# :ref:`post-concepts` 글의 두 번째 예제는 숫자 다섯 개를 줄입니다.
samples = torch.tensor([1, 2, 3, 4, 5], dtype=torch.float32)
print(f"torch.max(samples):  {torch.max(samples):.4f}")
print(f"torch.mean(samples): {torch.mean(samples):.4f}")
print(f"torch.var(samples):  {torch.var(samples):.4f}")

# %%
# var는 n - 1로 나눕니다
# ----------------------
# ``torch.var``\ 는 기본적으로 *불편* 분산, 곧 표본 분산을 계산합니다. 편차 제곱의 합을
# :math:`n`\ 이 아니라 :math:`n - 1`\ 로 나누는 것으로, 식으로는
# :math:`s^2 = \frac{1}{n - 1} \sum_i (x_i - \bar{x})^2`\ 입니다.
n = samples.numel()
by_formula = ((samples - samples.mean()) ** 2).sum() / (n - 1)
by_package = unbiased_variance(samples)
print(f"n - 1로 나눈 수식:  {by_formula:.4f}")
print(f"unbiased_variance:  {by_package:.4f}")
print(f"torch.var == 수식: {torch.allclose(torch.var(samples), by_formula)}")
print(f"torch.var == unbiased_variance: {torch.allclose(torch.var(samples), by_package)}")

# %%
# 왜 :math:`n - 1`\ 일까요? 숫자들이 더 큰 모집단에서 뽑은 표본일 때, :math:`n - 1`\ 로
# 나누어야 추정값이 평균적으로 정확해집니다. 아래 실험은 분산이 정확히 1인 ``torch.randn``\ 에서
# 숫자 5개짜리 표본을 100,000개 뽑고, 표본마다 분산을 두 방식으로 구해 평균을 냅니다.
# :math:`n - 1`\ 로 나누면 평균이 1 근처에 오고, :math:`n`\ 으로 나누면
# :math:`(n - 1) / n = 0.8` 근처, 즉 평균적으로 너무 작은 값이 나옵니다.
draws = torch.randn(100_000, n)
mean_unbiased = draws.var(dim=1).mean()
mean_biased = draws.var(dim=1, correction=0).mean()
print(f"n - 1로 나눈 분산의 평균: {mean_unbiased:.4f}")
print(f"n으로 나눈 분산의 평균:   {mean_biased:.4f}")
print(f"(n - 1) / n:              {(n - 1) / n:.4f}")
assert abs(mean_unbiased - 1) < 0.02 and abs(mean_biased - (n - 1) / n) < 0.02

# %%
# ``correction=0``\ 을 주면 :math:`n`\ 으로 나누어 모분산(population variance)을
# 계산합니다. NumPy의 ``np.var``\ 는 기본적으로 :math:`n`\ 으로 나누므로, 어느 쪽을 원하는지
# 밝히지 않으면 두 라이브러리의 결과가 서로 다릅니다.
population = torch.var(samples, correction=0)
print(f"torch.var(samples, correction=0): {population:.4f}")
print(f"n으로 나눈 수식:                  {((samples - samples.mean()) ** 2).sum() / n:.4f}")
print(f"np.var(samples.numpy()):          {np.var(samples.numpy()):.4f}")

# %%
# 정리
# ----
# - ``dim``\ 이 없으면 ``sum``, ``mean``, ``max``, ``argmax``\ 는 텐서 전체를 숫자
#   하나로 줄입니다. 이때 ``argmax``\ 는 펼친 텐서에서의 위치를 돌려주고,
#   ``torch.unravel_index``\ 로 이를 좌표로 되돌릴 수 있습니다.
# - ``dim``\ 을 주면 그 차원만 줄어듭니다. ``keepdim=True``\ 는 그 차원을 크기 1로
#   남기고, ``torch.max(x, dim=...)``\ 는 값과 인덱스를 함께 돌려줍니다.
# - ``torch.var``\ 는 기본적으로 :math:`n - 1`\ 로 나누고, ``correction=0``\ 을 주면
#   NumPy의 기본값처럼 :math:`n`\ 으로 나눕니다.
#
# API 문서:
# `torch.sum <https://docs.pytorch.org/docs/stable/generated/torch.sum.html>`_,
# `torch.mean <https://docs.pytorch.org/docs/stable/generated/torch.mean.html>`_,
# `torch.max <https://docs.pytorch.org/docs/stable/generated/torch.max.html>`_,
# `torch.argmax <https://docs.pytorch.org/docs/stable/generated/torch.argmax.html>`_,
# `torch.unravel_index <https://docs.pytorch.org/docs/stable/generated/torch.unravel_index.html>`_,
# `torch.var <https://docs.pytorch.org/docs/stable/generated/torch.var.html>`_.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_tensors_plot_09_devices.py`

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 분류 모델이 예제 3개에 대해 클래스 4개의 점수를 냈습니다.
#    행이 예제, 열이 클래스입니다. 세 가지 ``argmax``\ 는 각각 무엇을 돌려줄까요? 예제마다
#    예측한 클래스는 어느 것일까요?
#
#    .. code-block:: python
#
#       scores = torch.tensor([[0.1, 0.6, 0.2, 0.1],
#                              [0.7, 0.1, 0.1, 0.1],
#                              [0.2, 0.2, 0.1, 0.5]])
#       scores.argmax()
#       scores.argmax(dim=0)
#       scores.argmax(dim=1)
#
# 2. **하나만 바꾸고 설명하기.** ``samples``\ 를 만들 때 ``dtype=torch.float32``\ 를 빼면,
#    ``torch.max``, ``torch.mean``, ``torch.var``\ 를 부르는 세 줄은 각각 어떻게 될까요?
# 3. **하나만 바꾸고 설명하기.** 분산 실험에서 표본 크기를 5에서 2로 줄여
#    ``torch.randn(100_000, 2)``\ 로 뽑으면, :math:`n`\ 으로 나눈 분산의 평균은 어디쯤 올까요?

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# ``dim``\ 이 없으면 펼친 텐서에서의 위치, 곧 1행 0열의 0.7을 가리키는 4 하나가 나옵니다.
# ``dim=1``\ 은 각 행을 따라 훑으므로 예제마다 가장 높은 점수의 클래스를 돌려줍니다. 이것이
# 예측한 클래스 ``[1, 0, 3]``\ 입니다. ``dim=0``\ 은 열을 따라 훑으므로 클래스마다 점수가
# 가장 높은 예제를 돌려주며, 값이 4개입니다.
scores = torch.tensor([[0.1, 0.6, 0.2, 0.1],
                       [0.7, 0.1, 0.1, 0.1],
                       [0.2, 0.2, 0.1, 0.5]])
print(f"scores.argmax():      {scores.argmax()}")
print(f"scores.argmax(dim=0): {scores.argmax(dim=0)}")
print(f"scores.argmax(dim=1): {scores.argmax(dim=1)}")
assert scores.argmax() == 4
assert torch.equal(scores.argmax(dim=0), torch.tensor([1, 0, 0, 2]))
assert torch.equal(scores.argmax(dim=1), torch.tensor([1, 0, 3]))

# %%
# 풀이 2
# ^^^^^^
# 정수만 적으면 텐서는 ``int64``\ 가 됩니다. ``max``\ 는 요소 하나를 고르기만 하므로 그대로
# 동작하지만, ``mean``\ 과 ``var``\ 는 부동소수점 텐서만 받으므로 ``RuntimeError``\ 를
# 냅니다. ``.float()``\ 로 바꾸면 원래 결과가 돌아옵니다.
whole_samples = torch.tensor([1, 2, 3, 4, 5])
print(f"whole_samples.dtype: {whole_samples.dtype}")
print(f"torch.max(whole_samples): {torch.max(whole_samples)}")
for reduction in (torch.mean, torch.var):
    try:
        reduction(whole_samples)
    except RuntimeError as error:
        print(f"torch.{reduction.__name__}(whole_samples) -> {type(error).__name__}: {error}")
    else:
        raise AssertionError(f"torch.{reduction.__name__} should refuse an int64 tensor")
as_float = whole_samples.float()
print(f".float() 뒤: mean {torch.mean(as_float):.4f}, var {torch.var(as_float):.4f}")
assert whole_samples.dtype == torch.int64 and torch.max(whole_samples) == 5
assert torch.equal(torch.var(as_float), torch.var(samples))

# %%
# 풀이 3
# ^^^^^^
# 0.5 근처에 옵니다. 표본마다 :math:`n`\ 으로 나눈 분산은 :math:`n - 1`\ 로 나눈 분산에
# :math:`(n - 1) / n`\ 을 곱한 값이므로, :math:`n = 2`\ 이면 정확히 절반입니다. 표본이
# 작을수록 :math:`n`\ 으로 나눈 분산은 실제 분산 1보다 더 작게 나오고, :math:`n - 1`\ 로 나눈
# 분산의 평균은 여전히 1 근처입니다.
draws_two = torch.randn(100_000, 2)
mean_unbiased_two = draws_two.var(dim=1).mean()
mean_biased_two = draws_two.var(dim=1, correction=0).mean()
print(f"n - 1로 나눈 분산의 평균: {mean_unbiased_two:.4f}")
print(f"n으로 나눈 분산의 평균:   {mean_biased_two:.4f}")
print(f"(n - 1) / n:              {(2 - 1) / 2:.4f}")
assert abs(mean_unbiased_two - 1) < 0.02 and abs(mean_biased_two - 0.5) < 0.02
assert torch.allclose(mean_biased_two, mean_unbiased_two / 2)
