r"""
NumPy 배열과 메모리 공유: ``torch.from_numpy``, ``torch.tensor``
================================================================

두 함수 모두 NumPy 배열을 텐서(tensor)로 바꿉니다. 하지만 숫자를 복사하는 쪽은 하나뿐입니다.
이 페이지에서는 변환한 뒤에 배열을 바꿔 보고 어느 텐서가 함께 바뀌는지 지켜봅니다. 어떤
객체끼리 메모리를 공유하는지 확인하고, 마지막으로 ``torch.from_numpy``, ``torch.as_tensor``,
``torch.tensor`` 중 무엇을 언제 쓰면 좋은지 정리합니다. 글 :ref:`post-basics-autograd`\ 는
바로 이 질문으로 끝납니다. 두 함수는 정확히 무엇이 다르고, 메모리 공유(memory sharing)로
얻는 것과 잃는 것은 무엇일까요?
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림 글꼴을 설정하고,
# 난수 시드를 고정합니다. 그러면 여러분이 이 페이지를 직접 실행했을 때도 아래와 같은
# 숫자가 나옵니다. 다만 측정한 시간은 컴퓨터마다 다릅니다.
import timeit

import matplotlib.pyplot as plt
import numpy as np
import torch

from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style
from pytorch_basics.tensors import describe, shares_memory

use_site_style()
torch.manual_seed(0)

# %%
# 배열 하나, 텐서 둘
# ------------------
# 작은 NumPy 배열 하나를 두 가지 방법으로 텐서로 바꿉니다. 두 텐서는 같은 숫자를 담고,
# 데이터 타입(dtype)도 NumPy의 ``float64`` 그대로입니다.
array = np.array([1.0, 2.0, 3.0])
shared = torch.from_numpy(array)
copied = torch.tensor(array)
print(describe(shared))
print(describe(copied))

# %%
# 배열을 제자리에서 바꾸기
# ------------------------
# ``array[0] = 100.0``\ 은 새 배열을 만들지 않고, 원래 배열의 메모리에 바로 값을
# 씁니다. 아래 그림에서 바뀌기 전과 후를 비교할 수 있도록, 먼저 각 객체의 복사본을
# 남겨 둡니다.
before = [torch.tensor(array), shared.clone(), copied.clone()]
array[0] = 100.0
print(f"배열:               {array}")
print(f"torch.from_numpy:   {shared}")
print(f"torch.tensor:       {copied}")

# %%
# ``torch.from_numpy``\ 로 만든 텐서는 배열과 함께 바뀌었고, ``torch.tensor``\ 로
# 만든 텐서는 그대로입니다. 세 객체를 그림으로 나란히 놓아 봅니다.
fig, axes = plt.subplots(2, 3, figsize=(7, 3))
draw_tensor(axes[0, 0], before[0], title="배열 (바꾸기 전)")
draw_tensor(axes[0, 1], before[1], title="from_numpy (바꾸기 전)")
draw_tensor(axes[0, 2], before[2], title="tensor (바꾸기 전)")
draw_tensor(axes[1, 0], torch.from_numpy(array), title="배열 (바꾼 뒤)")
draw_tensor(axes[1, 1], shared, title="from_numpy (바꾼 뒤)")
draw_tensor(axes[1, 2], copied, title="tensor (바꾼 뒤)")
fig.suptitle("array[0] = 100.0 실행 전과 후")
describe_figure(
    fig,
    "배열, from_numpy로 만든 텐서, torch.tensor로 복사한 텐서를 세 칸짜리 행으로 그려, "
    "array[0] = 100.0 실행 전(윗줄)과 후(아랫줄)를 나란히 놓은 그림입니다. 실행 전에는 "
    "셋 다 1, 2, 3이지만, 실행 후에는 배열과 from_numpy 텐서가 100, 2, 3으로 바뀌고 "
    "torch.tensor로 복사한 텐서만 1, 2, 3 그대로입니다.",
)
plt.show()

# %%
# 윗줄은 바꾸기 전, 아랫줄은 바꾼 뒤입니다. 100은 배열과 ``from_numpy`` 텐서에만
# 나타납니다.
#
# 어느 쪽이 메모리를 공유할까
# ---------------------------
# 그 까닭은 메모리 공유에 있습니다. ``torch.from_numpy``\ 는 배열이 쓰던 메모리를
# 그대로 감싸서 텐서로 만들고, ``torch.tensor``\ 는 언제나 새 메모리를 할당해 숫자를
# 복사합니다. 이 사이트의 패키지에 든 ``shares_memory``\ 는 두 객체의 메모리가 겹치는지
# 확인합니다. NumPy의 ``np.shares_memory``\ 도 같은 질문에 답합니다.
print(f"from_numpy는 배열과 메모리를 공유: {shares_memory(shared, array)}")
print(f"tensor는 배열과 메모리를 공유:     {shares_memory(copied, array)}")
print(f"np.shares_memory의 답:             {np.shares_memory(shared.numpy(), array)}")

# %%
# 반대 방향: Tensor.numpy()
# -------------------------
# ``tensor.numpy()``\ 도 (CPU 메모리에 있는 텐서라면) 복사하지 않고 메모리를 공유합니다.
# 그래서 텐서를 제자리에서 바꾸는 연산(in-place operation)을 쓰면 NumPy 배열도 함께
# 바뀝니다. ``add_``\ 처럼 이름이 ``_``\ 로 끝나는 메서드가 이런 연산입니다.
weights = torch.zeros(3)
weights_array = weights.numpy()
weights.add_(1.0)
print(f"add_(1.0) 뒤의 텐서:  {weights}")
print(f".numpy()로 얻은 배열: {weights_array}")
print(f"공유: {shares_memory(weights, weights_array)}")

# %%
# 공유된 메모리에 값을 쓰는 연산은 제자리 연산뿐입니다. ``+=`` 연산과
# ``weights[0] = ...`` 같은 대입도 제자리 연산입니다. 반면 ``weights + 1.0``\ 은 새
# 메모리에 새 텐서를 만듭니다. 그래서 배열은 더 이상 ``weights``\ 를 따라 바뀌지 않습니다.
weights = weights + 1.0
print(f"새 텐서: {weights}")
print(f"배열:    {weights_array}")
print(f"공유: {shares_memory(weights, weights_array)}")

# %%
# 절충안: ``torch.as_tensor``
# ----------------------------
# ``torch.as_tensor``\ 는 공유할 수 있으면 공유하고, 어쩔 수 없을 때만 복사합니다.
# 배열과 같은 데이터 타입이면 ``from_numpy``\ 처럼 공유합니다. ``float64`` 배열에서
# ``float32``\ 를 요청하면 숫자를 새로 만들어야 하므로 ``tensor``\ 처럼 복사합니다.
as_is = torch.as_tensor(array)
as_float32 = torch.as_tensor(array, dtype=torch.float32)
print(f"as_tensor(array):                      {describe(as_is)}")
print(f"  배열과 메모리를 공유: {shares_memory(as_is, array)}")
print(f"as_tensor(array, dtype=torch.float32): {describe(as_float32)}")
print(f"  배열과 메모리를 공유: {shares_memory(as_float32, array)}")

# %%
# 배열을 한 번 더 바꿔 봅니다. 메모리를 공유하는 텐서는 배열을 따라 바뀌고, 복사본은
# 그대로입니다.
#
# 장치(device)도 데이터 타입과 마찬가지입니다. GPU에 있는 텐서는 GPU의 메모리에 따로
# 있으므로 ``torch.as_tensor(array, device="cuda")``\ 는 언제나 복사합니다. 아래에
# 링크한 ``as_tensor`` 문서에 그렇게 적혀 있습니다(이 페이지는 CPU에서 실행되므로 직접
# 보여 줄 수는 없습니다).
array[1] = -5.0
print(f"as_tensor(array):          {as_is}")
print(f"as_tensor(array, float32): {as_float32}")

# %%
# 큰 배열에서는 복사하지 않는 쪽이 빠릅니다
# -----------------------------------------
# 복사하는 데 드는 시간은 배열이 클수록 길어지지만, 공유하는 데 드는 시간은 크기와
# 상관없이 아주 짧습니다. 숫자 만 개, 백만 개, 천만 개짜리 배열로 두 방법의 실행
# 시간(run time)을 재 봅니다. 각 값은 세 번 잰 것 중 가장 짧은 시간이며, 컴퓨터마다
# 다르게 나옵니다.


def milliseconds(function, array, runs=5):
    return min(timeit.repeat(lambda: function(array), number=runs, repeat=3)) / runs * 1e3


for size in (10_000, 1_000_000, 10_000_000):
    big = np.zeros(size, dtype=np.float32)
    print(
        f"숫자 {size:>10,}개: torch.from_numpy {milliseconds(torch.from_numpy, big):8.4f} ms,"
        f" torch.tensor {milliseconds(torch.tensor, big):8.4f} ms"
    )

# %%
# 함정: 의도하지 않은 공유
# ------------------------
# 메모리를 공유해도 오류나 경고는 나오지 않습니다. 아래에서는 모델의 입력을
# ``from_numpy``\ 로 만든 뒤, 나중에 ``-=``\ 로 배열에서 평균을 *제자리에서* 빼서
# 중심을 0으로 옮깁니다. ``inputs``\ 를 건드린 줄은 하나도 없는데 모델의 입력도
# 바뀝니다.
data = np.array([1.0, 2.0, 3.0, 4.0])
inputs = torch.from_numpy(data)
data -= data.mean()
print(f"inputs: {inputs}")

# %%
# 반면 ``data = data - data.mean()``\ 은 새 배열을 만들고 ``data``\ 라는 이름을 그 배열에
# 붙입니다. 원래 배열은 그대로이므로 ``inputs``\ 도 바뀌지 않습니다.
data = np.array([1.0, 2.0, 3.0, 4.0])
inputs = torch.from_numpy(data)
data = data - data.mean()
print(f"inputs: {inputs}")

# %%
# 다른 코드가 바꿀 수 없는 텐서가 필요하면 ``torch.tensor``\ 로 독립된 복사본을
# 만듭니다(이미 있는 텐서라면 ``.clone()``\ 으로 복사합니다).
data = np.array([1.0, 2.0, 3.0, 4.0])
inputs = torch.tensor(data)
data -= data.mean()
print(f"inputs: {inputs}")

# %%
# 정리: 언제 무엇을 쓸까
# ----------------------
# - ``torch.from_numpy(array)``: 복사 없음, 데이터 타입 그대로. 한 번 불러온 뒤 읽기만
#   하는 데이터셋처럼 큰 배열에 알맞습니다.
# - ``torch.as_tensor(data, dtype=..., device=...)``: 데이터 타입과 장치가 허락하면
#   복사하지 않고, 아니면 복사합니다. 복사는 피하고 싶지만 특정 데이터 타입이나 장치가
#   필요할 때 알맞습니다.
# - ``torch.tensor(data)``: 언제나 독립된 복사본. 배열이 나중에 바뀔 수 있을 때나,
#   그저 안전하게 가고 싶을 때 알맞습니다.
# - ``tensor.numpy()``\ 도 메모리를 공유합니다. 제자리 연산(``add_``, ``-=``,
#   ``array[0] = ...``)으로 바꾼 값은 양쪽에서 모두 보입니다.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_tensors_plot_03_empty.py`
#
# PyTorch 문서:
# `torch.from_numpy <https://docs.pytorch.org/docs/stable/generated/torch.from_numpy.html>`_,
# `torch.tensor <https://docs.pytorch.org/docs/stable/generated/torch.tensor.html>`_,
# `torch.as_tensor <https://docs.pytorch.org/docs/stable/generated/torch.as_tensor.html>`_,
# `torch.Tensor.numpy <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.numpy.html>`_

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 이번에는 배열이 아니라 텐서를 제자리에서 바꿉니다. 아래 코드를
#    실행한 뒤 ``numbers``\ 는 어떻게 될까요?
#
#    .. code-block:: python
#
#       numbers = np.array([1.0, 2.0, 3.0])
#       numbers_tensor = torch.from_numpy(numbers)
#       numbers_tensor[0] = -1.0
#
# 2. **예측한 뒤 실행하기.** ``torch.from_numpy([1.0, 2.0, 3.0])``\ 처럼 NumPy 배열 대신
#    파이썬 리스트를 넘기면 어떻게 될까요? ``torch.as_tensor([1.0, 2.0, 3.0])``\ 은
#    어떨까요?
# 3. **하나만 바꾸고 설명하기.** 함정을 보여 준 첫 셀에서 ``torch.from_numpy(data)``\ 를
#    ``torch.as_tensor(data)``\ 로 바꾸면, ``data -= data.mean()`` 뒤에도 ``inputs``\ 가
#    바뀔까요?

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# ``numbers[0]``\ 도 -1.0이 됩니다. ``from_numpy``\ 로 만든 텐서는 배열의 메모리를 그대로
# 쓰므로, 텐서에 제자리에서 쓴 값은 배열에서도 보입니다. 메모리 공유는 양쪽 방향으로
# 작동합니다.
numbers = np.array([1.0, 2.0, 3.0])
numbers_tensor = torch.from_numpy(numbers)
numbers_tensor[0] = -1.0
print(f"numbers: {numbers}")
print(f"배열과 메모리를 공유: {shares_memory(numbers_tensor, numbers)}")
assert numbers[0] == -1.0
assert shares_memory(numbers_tensor, numbers)

# %%
# 풀이 2
# ^^^^^^
# ``torch.from_numpy``\ 는 NumPy 배열만 받으므로 리스트를 넘기면 ``TypeError``\ 가 납니다.
# ``torch.as_tensor``\ 는 리스트도 받지만, 리스트에는 공유할 NumPy 메모리가 없으므로
# ``torch.tensor``\ 처럼 숫자를 복사해 새 텐서를 만듭니다. 데이터 타입도 ``torch.tensor``\ 에
# 리스트를 넘길 때처럼 숫자를 보고 정하므로, NumPy의 ``float64``\ 가 아니라 PyTorch의
# 기본값인 ``float32``\ 가 됩니다.
try:
    torch.from_numpy([1.0, 2.0, 3.0])
except TypeError as error:
    print(f"{type(error).__name__}: {error}")
else:
    raise AssertionError("torch.from_numpy should refuse a list")
list_tensor = torch.as_tensor([1.0, 2.0, 3.0])
print(f"torch.as_tensor([1.0, 2.0, 3.0]): {describe(list_tensor)}")
assert list_tensor.dtype == torch.float32 == torch.tensor([1.0, 2.0, 3.0]).dtype
assert torch.equal(list_tensor, torch.tensor([1.0, 2.0, 3.0]))

# %%
# 풀이 3
# ^^^^^^
# 바뀝니다. ``data``\ 는 ``float64`` 배열이고 다른 데이터 타입을 요청하지 않았으므로
# ``as_tensor``\ 는 ``from_numpy``\ 처럼 메모리를 공유합니다. ``dtype=torch.float32``\ 를
# 요청하면 복사하므로 그 텐서는 그대로입니다.
data = np.array([1.0, 2.0, 3.0, 4.0])
inputs = torch.as_tensor(data)
inputs_float32 = torch.as_tensor(data, dtype=torch.float32)
data -= data.mean()
print(f"as_tensor(data):                      {inputs}")
print(f"  배열과 메모리를 공유: {shares_memory(inputs, data)}")
print(f"as_tensor(data, dtype=torch.float32): {inputs_float32}")
print(f"  배열과 메모리를 공유: {shares_memory(inputs_float32, data)}")
assert shares_memory(inputs, data) and not shares_memory(inputs_float32, data)
assert torch.equal(inputs, torch.from_numpy(data))
assert torch.equal(inputs_float32, torch.tensor([1.0, 2.0, 3.0, 4.0]))
