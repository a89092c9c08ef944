r"""
데이터 타입
===========

텐서(tensor)는 모든 숫자를 한 가지 데이터 타입(dtype)으로 저장합니다. 딥러닝에서는 세 가지
타입이 대부분의 일을 맡습니다. 신경망 연산에는 ``torch.float32``, 인덱스와 클래스 레이블에는
``torch.int64``, 마스크(mask)에는 ``torch.bool``\ 을 씁니다. 이 페이지에서는 각 타입이 어디에서
나오는지 살펴보고, 텐서에 마스크를 씌워 봅니다. 또 타입을 변환해 보고, 타입을 섞으면
어떻게 되는지 확인한 다음, 요소 하나가 몇 바이트를 차지하는지 잽니다. 세 타입과 각각의
쓰임새는 글 :ref:`post-basics-autograd`\ 가 정리한 그대로입니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림에 쓸 글꼴을 설정하고,
# 난수 시드를 고정합니다. 이 페이지에서는 배열을 만들기 위해 NumPy를 함께 쓰고, 신경망
# 레이어(층)를 모아 둔 ``torch.nn``\ 에서 레이어 하나를 꺼내 그 안의 숫자만 살펴봅니다
# (레이어는 :ref:`sphx_glr_auto_examples_models_plot_01_nn_module.py`\ 에서 배웁니다).
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# 모든 텐서에는 dtype이 있습니다
# ------------------------------
# ``torch.tensor``\ 는 받은 숫자를 보고 dtype을 정합니다. 정수를 주면 정수 텐서가, 소수점이
# 있는 숫자를 주면 부동소수점 텐서가 만들어집니다.
whole = torch.tensor([1, 2, 3])
decimal = torch.tensor([1.0, 2.0, 3.0])
print(f"torch.tensor([1, 2, 3]).dtype:       {whole.dtype}")
print(f"torch.tensor([1.0, 2.0, 3.0]).dtype: {decimal.dtype}")

# %%
# float32: 신경망 연산의 기본 타입
# --------------------------------
# dtype을 지정하지 않고 쓴 부동소수점 숫자는 *기본 dtype*\ 인 ``float32``\ 가 됩니다.
# ``torch.rand``\ 와 ``torch.randn``\ 도 ``float32``\ 를 내놓고, ``torch.nn`` 레이어의
# 가중치(weight)와 편향(bias)도 ``float32``\ 입니다. 이 둘은 시작하기에서 만난
# 파라미터(parameter)입니다. ``nn.Linear(3, 2)``\ 는
# 숫자 3개를 받아 2개를 내놓는 레이어입니다.
layer = nn.Linear(3, 2)
print(f"torch.tensor([1.0]).dtype: {torch.tensor([1.0]).dtype}")
print(f"torch.rand(2, 3).dtype:    {torch.rand(2, 3).dtype}")
print(f"기본 dtype:                {torch.get_default_dtype()}")
print(f"nn.Linear 가중치 / 편향:   {layer.weight.dtype} / {layer.bias.dtype}")

# %%
# ``torch.finfo``\ 는 부동소수점 타입이 담을 수 있는 값을 알려 줍니다. ``resolution``\ 은
# 상대 정밀도를 10의 거듭제곱으로 나타낸 값입니다. ``float64``\ 는 ``float32``\ 보다 두 배가
# 넘는 십진 자릿수를 유지합니다. 그래도 신경망은 보통 ``float32``\ 로 학습합니다. 가중치를
# 학습하는 데에는 그 정밀도로 충분하고, 메모리는 ``float64``\ 의 절반만 쓰기 때문입니다(이
# 페이지 끝에서 확인합니다).
for dtype in (torch.float32, torch.float64):
    info = torch.finfo(dtype)
    print(f"{dtype}: resolution {info.resolution}, 최댓값 {info.max:.4e}")

# %%
# int64: 인덱스와 레이블
# ----------------------
# 정수는 기본적으로 ``int64``\ 가 됩니다. 정수로 만든 ``torch.arange``, 그리고 PyTorch
# 함수가 돌려주는 위치도 ``int64``\ 입니다. 가장 큰 요소의 위치를 찾는 ``argmax``\ 가
# 그 예입니다.
scores = torch.tensor([0.1, 0.7, 0.2])
best = torch.argmax(scores)
print(f"torch.arange(4).dtype: {torch.arange(4).dtype}")
print(f"torch.argmax(scores):  {best} (dtype {best.dtype})")

# %%
# 정수 텐서로 다른 텐서를 인덱싱할 수 있습니다. 각 숫자가 요소 하나를 고릅니다.
# 부동소수점 텐서는 값이 모두 정수라도 인덱스로 쓸 수 없습니다. ``argmax``\ 가 돌려준
# 위치는 그대로 인덱스로 쓸 수 있습니다.
indices = torch.tensor([2, 0, 1, 1])
print(f"indices.dtype:   {indices.dtype}")
print(f"scores[indices]: {scores[indices]}")
try:
    scores[indices.float()]
except IndexError as error:
    print(f"scores[indices.float()]: {type(error).__name__}: {error}")
print(f"scores[best]:    {scores[best]:.4f}")

# %%
# 클래스 레이블도 인덱스입니다. 레이블 ``2``\ 는 "세 번째 클래스"라는 뜻입니다. 분류 모델(여러
# 클래스 중 하나를 고르는 모델)은 클래스마다 ``float32`` 점수를 하나씩 내는데, 이 점수를
# *로짓*\ (logits)이라고 합니다. 분류에서 흔히 쓰는 손실 함수(loss function)인
# ``cross_entropy``\ 는 이 점수를 ``int64`` 정답(레이블)과 비교합니다. 손실은 시작하기에서
# 본 것처럼 예측이 얼마나 틀렸는지 재는 값입니다. 클래스 차원을 따라 ``argmax``\ 를 구하면
# 점수가 예측 레이블로 바뀌고, 그 dtype도 정답과 같은 ``int64``\ 입니다. 여기서는 예제 4개,
# 클래스 3개에 무작위 점수를 씁니다.
logits = torch.randn(4, 3)
labels = torch.tensor([2, 0, 1, 1])
loss = nn.functional.cross_entropy(logits, labels)
predictions = logits.argmax(dim=1)
print(f"logits: {logits.dtype}, labels: {labels.dtype}, predictions: {predictions.dtype}")
print(f"교차 엔트로피 손실: {loss:.4f}")
print(f"예측값: {predictions}, 정답: {labels}")

# %%
# 같은 레이블이라도 ``int32``\ 면 받아들이지 않습니다. PyTorch의 오류 메시지는 ``int64``\ 를
# *Long*, ``int32``\ 를 *Int*, ``uint8``\ 을 *Byte*\ 라고 부릅니다.
try:
    nn.functional.cross_entropy(logits, labels.to(torch.int32))
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")

# %%
# bool: 마스크
# ------------
# ``x > 0`` 같은 비교는 같은 형태(shape)의 ``bool`` 텐서를 돌려줍니다. 조건을 만족하는 곳은
# ``True``, 나머지는 ``False``\ 입니다. 이런 텐서를 *마스크*\ (mask)라고 부릅니다.
x = torch.tensor([[1.5, -0.5, 2.0, -1.0], [-2.0, 0.5, -0.25, 3.0], [0.75, -1.5, 1.0, -0.75]])
mask = x > 0
print(f"mask.dtype: {mask.dtype}")
print(mask)

# %%
# 마스크는 흔히 세 가지 일에 쓰입니다. 마스크로 인덱싱하면(``x[mask]``) ``True``\ 인
# 요소만 *골라냅니다*\ (더 이상 격자를 이루지 않으므로 결과는 1차원 텐서입니다).
# ``torch.where``\ 와 ``masked_fill``\ 은 형태를 유지한 채 요소를 *바꿉니다*. 그리고
# ``True``\ 는 1로 계산되므로 ``mask.sum()``\ 은 ``True``\ 인 요소의 개수를 *셉니다*.
selected = x[mask]
kept = torch.where(mask, x, 0.0)
print(f"x[mask]: {selected}")
print(f"torch.where(mask, x, 0.0):\n{kept}")
print(f"x.masked_fill(~mask, 0.0)과 같음: {torch.equal(kept, x.masked_fill(~mask, 0.0))}")
print(f"mask.sum(): {mask.sum()}개가 양수 (전체 요소 {mask.numel()}개 중)")

# %%
fig, axes = plt.subplot_mosaic(
    [["x", "mask", "where"], ["selected", "selected", "selected"]],
    figsize=(7, 3.4),
    height_ratios=[3, 1],
)
draw_tensor(axes["x"], x, title="x")
draw_tensor(axes["mask"], mask, title="mask = x > 0", cmap="Greens")
draw_tensor(axes["where"], kept, title="torch.where(mask, x, 0.0)")
draw_tensor(axes["selected"], selected, title="x[mask]: 골라낸 요소 (순서대로)")
fig.suptitle("bool 마스크로 요소를 골라내고 바꾸기")
describe_figure(
    fig,
    "위쪽에 3행 4열 격자 세 개가 나란히 있습니다. 양수와 음수가 섞인 x, x가 양수인 칸은 T이고 "
    "나머지는 F인 mask = x > 0, 그리고 양수는 제자리에 두고 나머지 칸에 0을 넣은 "
    "torch.where(mask, x, 0.0)입니다. 아래쪽의 x[mask]는 양수 여섯 개를 행 순서대로 "
    "1.5, 2, 0.5, 3, 0.75, 1로 늘어놓은 한 줄입니다.",
)
plt.show()

# %%
# 그림에는 네 가지가 있습니다. ``x``, 그 마스크(``T``\ 는 ``True``, ``F``\ 는 ``False``),
# ``torch.where``\ 의 결과(형태는 그대로이고 마스크가 ``False``\ 인 곳에 0이 들어갑니다),
# 그리고 골라낸 요소만 행 순서대로 남긴 ``x[mask]``\ 입니다.
#
# 마스크는 ``&``\ (그리고), ``|``\ (또는), ``~``\ (부정)으로 조합합니다. ``mean``\ 은
# 부동소수점 텐서에만 쓸 수 있으므로(마스크에 쓰면 오류가 납니다) 마스크를 먼저
# ``float32``\ 로 바꿉니다. 이렇게 구한 평균이 곧 ``True``\ 인 요소의 비율입니다. 분류 모델의
# 정확도(accuracy, 예측값이 정답과 같은 비율)도 바로 이렇게 계산합니다.
small_positive = (x > 0) & (x < 1.5)
print(f"0 < x < 1.5: {x[small_positive]}")
try:
    mask.mean()
except RuntimeError as error:
    print(f"mask.mean(): {type(error).__name__}: {str(error).splitlines()[0]}")
print(f"양수 요소의 비율: {mask.float().mean():.4f}")
print(f"위 예측값의 정확도: {(predictions == labels).float().mean():.4f}")

# %%
# dtype 변환하기
# --------------
# ``.to(dtype)``\ 은 다른 dtype의 복사본을 돌려줍니다. ``.float()``, ``.long()``,
# ``.bool()``\ 은 각각 ``.to(torch.float32)``, ``.to(torch.int64)``, ``.to(torch.bool)``\ 의
# 줄임말입니다. 정수 타입으로 바꾸면 소수 부분을 (0 쪽으로) 잘라 내고, ``bool``\ 로 바꾸면
# 0이 아닌 모든 숫자가 ``True``\ 가 됩니다.
values = torch.tensor([2.7, -1.3, 0.0])
print(f"values.to(torch.float64): {values.to(torch.float64)}")
print(f"values.long():            {values.long()}")
print(f"values.bool():            {values.bool()}")
print(f"values 자체는 그대로입니다: {values}")

# %%
# 자주 필요한 변환이 하나 있습니다. NumPy는 파이썬 실수로 ``float64`` 배열을 만들고,
# ``torch.from_numpy``\ 는 그 dtype을 그대로 유지합니다. 그런데 ``float32`` 레이어는
# ``float64`` 입력을 받지 않습니다. ``.float()``\ 로 바꾸면 해결됩니다.
array = np.array([[1.0, 2.0, 3.0]])
inputs = torch.from_numpy(array)
print(f"inputs.dtype: {inputs.dtype}")
try:
    layer(inputs)
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
print(f"layer(inputs.float()).dtype: {layer(inputs.float()).dtype}")

# %%
# dtype 섞기: 타입 승격
# ---------------------
# 연산에 두 가지 dtype이 섞이면 PyTorch는 둘을 하나의 공통 타입으로 바꿔 계산합니다(타입
# 승격, type promotion). 정수 타입보다 부동소수점 타입이, 부동소수점 타입 둘 중에서는 더 큰
# 쪽이 이깁니다. 그래서 ``int64``\ 와 ``float32``\ 를 섞으면 ``float32``\ 가 됩니다.
# ``torch.result_type``\ 은 아무것도 계산하지 않고 결과의 dtype을 알려 줍니다. 정수를
# ``/``\ 로 나누면 ``float32``\ 가 되고, 내림 나눗셈 ``//``\ 는 ``int64``\ 를 유지합니다.
counts = torch.tensor([1, 2, 3])
weights = torch.tensor([0.5, 0.25, 0.125])
print(f"torch.result_type(counts, weights): {torch.result_type(counts, weights)}")
print(f"(counts * weights).dtype:  {(counts * weights).dtype}")
print(f"(counts / 2).dtype:        {(counts / 2).dtype}")
print(f"(counts // 2).dtype:       {(counts // 2).dtype}")

# %%
# 공통 타입이 두 값을 언제나 정확히 담는 것은 아닙니다. ``float32``\ 는 유효 숫자를 7자리
# 정도만 유지하므로, 큰 ``int64`` 값은 ``float32``\ 와 만나면 마지막 자리를 잃습니다.
large = torch.tensor([16_777_217])
print(f"int64 {large} 곱하기 float32 1.0: {large * torch.tensor([1.0])}")

# %%
# 차원이 있는 텐서와 함께 쓰면, 파이썬 숫자나 0차원 텐서(``torch.tensor(2.0)``\ 처럼 차원
# 없이 숫자 하나만 담은 텐서)는 결과의 *종류*\ (정수인지 부동소수점인지)만 정하고, 타입의
# 크기(몇 비트인지)는 정하지 않습니다. 그래서 ``float32`` 텐서에 ``float64`` 스칼라를 곱해도
# ``float32``\ 로 남습니다. 제자리(in-place) 연산은 텐서의 dtype을 바꿀 수 없으므로,
# ``int64`` 텐서에 부동소수점 값을 제자리에서 더하면 오류가 납니다.
scalar64 = torch.tensor(2.0, dtype=torch.float64)
vector64 = torch.tensor([2.0], dtype=torch.float64)
print(f"int64 텐서와 2.5:                 {torch.result_type(counts, 2.5)}")
print(f"float32 텐서와 0차원 float64:     {torch.result_type(weights, scalar64)}")
print(f"float32 텐서와 1차원 float64:     {torch.result_type(weights, vector64)}")
try:
    counts.add_(weights)
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")

# %%
# 요소 하나의 바이트 수
# ---------------------
# ``element_size()``\ 는 요소 하나가 차지하는 바이트 수를 돌려줍니다. 텐서의 메모리는 여기에
# ``numel()``\ 을 곱한 값입니다. ``bool``\ 도 비트 하나가 아니라 바이트 하나를 통째로 씁니다.
dtypes = [torch.float32, torch.float64, torch.int64, torch.bool]
sizes = []
for dtype in dtypes:
    million = torch.zeros(1_000_000, dtype=dtype)
    sizes.append(million.element_size())
    megabytes = million.numel() * million.element_size() / 1e6
    print(f"{str(dtype):14} 요소당 {sizes[-1]}바이트, 요소 백만 개에 {megabytes:.1f} MB")

# %%
fig, ax = plt.subplots(figsize=(6, 2.6))
bars = ax.bar([str(dtype).removeprefix("torch.") for dtype in dtypes], sizes, color="tab:blue")
ax.bar_label(bars, fmt="%d")
ax.set_ylabel("요소당 바이트 수")
ax.set_ylim(0, 9)
ax.set_title("네 가지 dtype의 element_size()")
describe_figure(
    fig,
    "네 가지 dtype에서 요소 하나가 차지하는 바이트 수를 그린 막대그래프입니다. float32는 "
    "4바이트, float64와 int64는 그 두 배인 8바이트이고, bool은 1비트가 아니라 1바이트를 "
    "통째로 씁니다.",
)
plt.show()

# %%
# 막대그래프를 보면 ``float64``\ 와 ``int64``\ 는 요소당 8바이트로 ``float32``\ 의 두 배를
# 쓰고, ``bool``\ 은 1바이트를 씁니다.
#
# 정리
# ----
# - ``float32``\ 는 부동소수점 텐서와 ``torch.nn`` 레이어 가중치의 기본 타입입니다.
#   ``int64``\ 는 정수, 인덱스, ``argmax``\ 의 결과, 클래스 레이블에 쓰입니다. ``bool``\ 은
#   비교 결과의 타입이며 마스크로 쓰입니다.
# - 마스크는 요소를 골라내고(``x[mask]``), 바꾸고(``torch.where``, ``masked_fill``),
#   셉니다(``mask.sum()``).
# - ``.to(dtype)``, ``.float()``, ``.long()``\ 으로 변환합니다. dtype을 섞으면 공통 타입(정수보다
#   부동소수점, 작은 부동소수점보다 큰 부동소수점)으로 승격되며, ``torch.result_type``\ 으로
#   미리 알 수 있습니다.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_tensors_plot_05_shapes.py`\ 에서는 텐서의 형태를
# 바꿉니다.
#
# PyTorch 문서:
# `텐서 속성 (dtype) <https://docs.pytorch.org/docs/stable/tensor_attributes.html>`_,
# `torch.Tensor.to <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.to.html>`_,
# `torch.where <https://docs.pytorch.org/docs/stable/generated/torch.where.html>`_,
# `torch.Tensor.masked_fill <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.masked_fill.html>`_,
# `torch.result_type <https://docs.pytorch.org/docs/stable/generated/torch.result_type.html>`_,
# `torch.Tensor.element_size <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.element_size.html>`_.

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 실수 몇 개의 합계를 구하려고 아래처럼 썼습니다. 이 코드는 끝까지
#    실행될까요? ``total``\ 의 dtype은 무엇일까요?
#
#    .. code-block:: python
#
#       total = torch.tensor(0)
#       for value in [0.5, 1.5]:
#           total += value
#
# 2. **하나만 바꾸고 설명하기.** ``keep = scores > 0.15``\ 로 마스크를 만든 뒤,
#    ``scores[keep]`` 대신 ``scores[keep.long()]``\ 으로 인덱싱하면 무엇이 나올까요?
# 3. **직접 작성하기.** 마스크를 써서 ``x``\ 의 요소 가운데 -1 이상 1 이하인 것의 비율과,
#    그 요소들의 평균을 구해 보세요.

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# 끝까지 실행되지 않습니다. ``torch.tensor(0)``\ 은 정수로 만들었으므로 ``int64``
# 텐서이고, ``+=``\ 도 텐서의 dtype을 바꿀 수 없는 제자리 연산입니다. 0.5를 더한 결과는
# ``float32``\ 인데 이것을 ``int64`` 텐서에 담을 수 없으므로 ``RuntimeError``\ 가 납니다.
# ``torch.tensor(0.0)``\ 으로 시작하면 됩니다.
total = torch.tensor(0)
try:
    for value in [0.5, 1.5]:
        total += value
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("adding a float into an int64 tensor in place should fail")
assert torch.result_type(total, 0.5) == torch.float32
print(f"torch.tensor(0)의 dtype: {total.dtype}")
total = torch.tensor(0.0)
for value in [0.5, 1.5]:
    total += value
print(f"torch.tensor(0.0)으로 시작한 합계: {total:.4f} (dtype {total.dtype})")
assert total.dtype == torch.float32
assert total.item() == 2.0

# %%
# 풀이 2
# ^^^^^^
# ``keep.long()``\ 은 ``True``\ 와 ``False``\ 를 1과 0으로 바꾼 ``int64`` 텐서이고, ``int64``
# 텐서는 마스크가 아니라 위치로 읽힙니다. 그래서 0.15보다 큰 요소가 아니라 위치 0, 1, 1의
# 요소가 나옵니다. 결과의 길이는 마스크와 같고, 오류도 나지 않으므로 알아채기 어렵습니다.
keep = scores > 0.15
print(f"keep:                {keep}")
print(f"scores[keep]:        {scores[keep]}")
print(f"keep.long():         {keep.long()}")
print(f"scores[keep.long()]: {scores[keep.long()]}")
assert torch.equal(scores[keep], torch.tensor([0.7, 0.2]))
assert torch.equal(scores[keep.long()], scores[torch.tensor([0, 1, 1])])

# %%
# 풀이 3
# ^^^^^^
# 두 조건을 ``&``\ 로 묶어 마스크를 만듭니다. 마스크를 ``float32``\ 로 바꿔 평균을 내면
# 비율이 되고, 마스크로 골라낸 요소의 평균이 그 요소들의 평균입니다. 두 값을 다른 방법으로도
# 구해 확인합니다. ``True``\ 의 개수를 세어 전체 요소 수로 나누고, ``torch.where``\ 로
# 나머지를 0으로 바꾼 합계를 그 개수로 나눕니다.
in_range = (x >= -1) & (x <= 1)
fraction = in_range.float().mean()
mean_in_range = x[in_range].mean()
print(f"-1 이상 1 이하인 요소: {x[in_range]}")
print(f"비율: {fraction:.4f}, 평균: {mean_in_range:.4f}")
count = in_range.sum()
assert torch.isclose(fraction, count / x.numel())
assert torch.isclose(mean_in_range, torch.where(in_range, x, 0.0).sum() / count)
