r"""
텐서 만들기
===========

텐서(tensor)는 숫자를 담는 다차원 배열입니다. 모델이 읽는 데이터도, 모델의 가중치도,
모델이 내놓는 결과도 모두 텐서입니다. 이 페이지에서는 파이썬 리스트와 NumPy 배열로
텐서를 만들고, 0, 1, 일정한 간격의 수, 난수로 채운 텐서도 만들어 봅니다. 그리고 각
텐서의 형태(shape)와 데이터 타입(dtype)을 출력합니다. 예제는 글
:ref:`post-basics-autograd`\ 와 :ref:`post-concepts`\ 에서 가져왔습니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림 글꼴을 설정하고,
# 난수 시드를 고정합니다. 그러면 여러분이 이 페이지를 직접 실행했을 때도 아래와 똑같은
# 숫자가 나옵니다.
import matplotlib.pyplot as plt
import numpy as np
import torch

from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style
from pytorch_basics.tensors import describe

use_site_style()
torch.manual_seed(0)

# %%
# 파이썬 리스트로 만들기
# ----------------------
# ``torch.tensor``\ 는 리스트에 든 숫자를 새 텐서로 복사합니다. 리스트를 한 겹 더
# 중첩할 때마다 차원(dimension)이 하나씩 늘어납니다. 숫자 두 개짜리 행 두 개를 담은
# 리스트는 2x2 텐서가 됩니다. 이 사이트의 패키지에 든 ``describe``\ 는 텐서의 형태,
# 데이터 타입, 장치(device)를 출력합니다. 장치는 텐서의 메모리가 있는 곳으로, 여기서는
# CPU입니다(텐서를 GPU로 옮기는 방법은
# :ref:`sphx_glr_auto_examples_tensors_plot_09_devices.py`\ 에서 다룹니다).
from_list = torch.tensor([[1, 2], [3, 4]])
print(from_list)
print(describe(from_list))

# %%
# PyTorch는 숫자를 보고 데이터 타입을 정했습니다. 정수만 있으면 ``int64``\ 가
# 됩니다. 신경망은 보통 ``float32``\ 로 계산하므로, 텐서를 만들 때 ``dtype=``\ 으로
# ``float32``\ 를 지정합니다.
from_list_float = torch.tensor([[1, 2], [3, 4]], dtype=torch.float32)
print(from_list_float)
print(describe(from_list_float))

# %%
# NumPy 배열로 만들기
# -------------------
# ``torch.from_numpy``\ 는 NumPy 배열을 형태와 데이터 타입이 같은 텐서로 바꿉니다.
# NumPy의 기본 실수(부동소수점) 타입은 PyTorch의 기본값인 ``float32``\ 가 아니라
# ``float64``\ 입니다. 또 이 함수는 숫자를 복사하지 않습니다. 글
# :ref:`post-basics-autograd`\ 가 이 함수를 더 효율적이라고 한 까닭이 여기에 있습니다.
# 그 대가가 무엇인지는
# :ref:`sphx_glr_auto_examples_tensors_plot_02_numpy_memory.py`\ 에서 살펴봅니다.
from_int_array = torch.from_numpy(np.array([4, 5, 6]))
from_float_array = torch.from_numpy(np.array([0.5, 1.5, 2.5]))
print(describe(from_int_array))
print(describe(from_float_array))
print(f"PyTorch의 기본 실수 타입: {torch.get_default_dtype()}")

# %%
# 0이나 1로 채우기
# ----------------
# ``torch.zeros``\ 와 ``torch.ones``\ 는 형태를 받아 모든 요소를 같은 값으로
# 채웁니다. ``dtype=``\ 을 주지 않으면 요소는 ``float32``\ 입니다.
zeros = torch.zeros((2, 3))
ones = torch.ones((2, 3))
print(zeros)
print(ones)
print(describe(zeros))

# %%
# 일정한 간격의 수
# ----------------
# ``torch.arange(start, end, step)``\ 은 ``start``\ 부터 ``step``\ 씩 세어
# ``end`` 바로 앞에서 멈춥니다. 곧 ``end``\ 는 결과에 들어가지 않습니다. 인자(argument)가
# 모두 정수면 결과는 ``int64``\ 이고, 셋 중 하나라도 실수면 ``float32``\ 입니다.
steps = torch.arange(0, 10, 2)
quarters = torch.arange(0, 1, 0.25)
print(steps)
print(describe(steps))
print(quarters)
print(describe(quarters))
print(f"torch.arange(0.0, 3): {torch.arange(0.0, 3)}")

# %%
# 지금까지 만든 텐서를 요소 하나당 칸 하나씩 격자로 그려 봅니다.
fig, axes = plt.subplots(2, 2, figsize=(6, 3.6))
draw_tensor(axes[0, 0], from_list, title="torch.tensor([[1, 2], [3, 4]])")
draw_tensor(axes[0, 1], steps, title="torch.arange(0, 10, 2)")
draw_tensor(axes[1, 0], zeros, title="torch.zeros((2, 3))")
draw_tensor(axes[1, 1], ones, title="torch.ones((2, 3))")
fig.suptitle("지금까지 만든 텐서 (요소 하나가 한 칸)")
describe_figure(
    fig,
    "텐서 네 개를 요소 하나당 칸 하나씩, 숫자를 적은 격자로 그린 그림입니다. "
    "torch.tensor([[1, 2], [3, 4]])는 1부터 4까지 담은 2행 2열, "
    "torch.arange(0, 10, 2)는 0, 2, 4, 6, 8을 담은 한 행 다섯 칸이고, "
    "torch.zeros((2, 3))과 torch.ones((2, 3))은 2행 3열로, 칸이 각각 모두 0과 모두 1입니다.",
)
plt.show()

# %%
# 격자마다 행과 열의 수가 ``describe``\ 가 출력한 형태와 같습니다. 차례대로
# 2행 2열, 1행 5열, 2행 3열입니다.
#
# 난수로 채우기
# -------------
# ``torch.rand``\ 는 [0, 1) 구간의 균등 분포에서 값을 뽑습니다. 구간 안의 모든
# 값이 똑같은 확률로 나옵니다. ``torch.randn``\ 은 평균 0, 표준편차 1인 표준 정규
# 분포에서 뽑습니다.
uniform = torch.rand((2, 3))
normal = torch.randn((2, 3))
print(uniform)
print(normal)
print(describe(uniform))

# %%
# 이 숫자는 첫 셀에서 정한 시드로 정해집니다(PyTorch 버전이 같으면 몇 번을 실행해도
# 같은 숫자가 나옵니다). 같은 시드를 다시 정하면 ``rand``\ 가 앞과 같은 숫자 여섯 개를
# 내놓습니다. 시드를 새로 정하지 않고 한 번 더 뽑으면 다른 숫자가 나옵니다.
torch.manual_seed(0)
print(f"시드 0을 다시 정하면 같은 숫자: {torch.equal(torch.rand((2, 3)), uniform)}")
print(f"시드를 다시 정하지 않으면 같은 숫자: {torch.equal(torch.rand((2, 3)), uniform)}")

# %%
# 숫자 여섯 개로는 분포를 알기 어렵습니다. 각각 10,000개를 뽑아서 작은 구간마다
# 몇 개씩 들어가는지 세어 봅니다.
many_uniform = torch.rand(10_000)
many_normal = torch.randn(10_000)
fig, (ax_uniform, ax_normal) = plt.subplots(1, 2, figsize=(7, 2.8), sharey=True)
ax_uniform.hist(many_uniform.numpy(), bins=40, color="tab:blue")
ax_uniform.set_title("torch.rand: [0, 1) 균등 분포")
ax_uniform.set_xlabel("값")
ax_uniform.set_ylabel("개수")
ax_normal.hist(many_normal.numpy(), bins=40, color="tab:orange")
ax_normal.set_title("torch.randn: 표준 정규 분포")
ax_normal.set_xlabel("값")
describe_figure(
    fig,
    "각각 10,000개씩 뽑은 값의 히스토그램 두 개로, x축은 값, 공유하는 y축은 구간마다 든 "
    "개수입니다. torch.rand의 막대는 0부터 1까지 모두 250 안팎으로 높이가 고르고, "
    "torch.randn의 막대는 0을 중심으로 한 종 모양이며 값은 음수를 포함해 "
    f"{many_normal.min():.1f}부터 {many_normal.max():.1f}까지 퍼져 있습니다.",
)
plt.show()

# %%
# 두 히스토그램은 각 함수에서 10,000개씩 뽑은 값의 분포입니다. ``rand``\ 의 값은 0과 1
# 사이에 고르게 퍼져 있고, ``randn``\ 의 값은 0 근처에 종 모양으로 모여 있으며 음수도
# 있습니다. 요약 수치도 같은 모습을 보여 줍니다.
print(f"rand:  최솟값 {many_uniform.min():.4f}, 최댓값 {many_uniform.max():.4f}")
print(f"randn: 평균 {many_normal.mean():.4f}, 표준편차 {many_normal.std():.4f}")

# %%
# 형태만 정하기: torch.empty
# --------------------------
# ``torch.empty``\ 는 형태와 데이터 타입만 정하고 값은 하나도 써 넣지 않습니다. 각
# 요소에는 그 메모리에 원래 있던 값이 그대로 남습니다. 그래서 여기서는 값은 출력하지
# 않고 ``describe``\ 의 설명만 출력합니다. 그 메모리에 무엇이 들어 있는지, 이 함수가
# 왜 있는지는 :ref:`sphx_glr_auto_examples_tensors_plot_03_empty.py`\ 에서 다룹니다.
unset = torch.empty((2, 3))
print(describe(unset))

# %%
# 정리
# ----
# - ``torch.tensor(data)``\ 는 (중첩된) 리스트를 복사합니다. 중첩 구조가 곧 형태가
#   됩니다.
# - ``torch.from_numpy(array)``\ 는 배열의 형태와 데이터 타입을 그대로 따릅니다.
#   NumPy의 실수는 ``float64``\ 입니다.
# - ``zeros``, ``ones``, ``rand``, ``randn``, ``empty``\ 는 형태를 받고,
#   ``arange``\ 는 시작, 끝(포함하지 않음), 간격을 받습니다.
# - 난수는 ``torch.manual_seed``\ 로 정한 시드가 결정합니다.
# - 기본 데이터 타입 대신 다른 타입을 쓰려면 ``dtype=``\ 을 넘깁니다.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_tensors_plot_02_numpy_memory.py`
#
# PyTorch 문서:
# `torch.tensor <https://docs.pytorch.org/docs/stable/generated/torch.tensor.html>`_,
# `torch.from_numpy <https://docs.pytorch.org/docs/stable/generated/torch.from_numpy.html>`_,
# `torch.zeros <https://docs.pytorch.org/docs/stable/generated/torch.zeros.html>`_,
# `torch.ones <https://docs.pytorch.org/docs/stable/generated/torch.ones.html>`_,
# `torch.arange <https://docs.pytorch.org/docs/stable/generated/torch.arange.html>`_,
# `torch.rand <https://docs.pytorch.org/docs/stable/generated/torch.rand.html>`_,
# `torch.randn <https://docs.pytorch.org/docs/stable/generated/torch.randn.html>`_,
# `torch.empty <https://docs.pytorch.org/docs/stable/generated/torch.empty.html>`_

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** ``torch.tensor((2, 3))``\ 과 ``torch.zeros((2, 3))``\ 은 각각
#    어떤 형태의 텐서를 만들까요? 요소는 무엇일까요?
# 2. **예측한 뒤 실행하기.** ``torch.tensor([1, 2, 3.5])``\ 처럼 정수 사이에 실수가 하나
#    섞여 있으면 데이터 타입은 무엇이 될까요?
# 3. **하나만 바꾸고 설명하기.** 시드를 다시 정하는 셀에서 ``torch.manual_seed(0)``\ 과
#    ``torch.rand((2, 3))`` 사이에 ``torch.randn((2, 3))``\ 을 한 줄 끼워 넣으면,
#    ``rand``\ 는 여전히 ``uniform``\ 과 같은 숫자를 내놓을까요?
# 4. **직접 작성하기.** ``torch.arange``\ 로 0부터 10까지의 짝수를 담은 텐서를 만들어 보세요.
#    10도 들어가야 합니다.

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# ``torch.tensor``\ 는 받은 *데이터*\ 를 복사합니다. 튜플도 리스트처럼 받으므로 ``(2, 3)``\ 은
# 숫자 두 개가 되고, 결과는 요소가 2와 3인 1차원 텐서입니다. ``torch.zeros``\ 는 *형태*\ 를
# 받으므로 0으로 채운 2행 3열 텐서를 만듭니다.
as_data = torch.tensor((2, 3))
as_shape = torch.zeros((2, 3))
print(f"torch.tensor((2, 3)): {as_data}, {describe(as_data)}")
print(f"torch.zeros((2, 3)):  {describe(as_shape)}")
assert as_data.shape == (2,) and torch.equal(as_data, torch.tensor([2, 3]))
assert as_shape.shape == (2, 3)

# %%
# 풀이 2
# ^^^^^^
# ``float32``\ 입니다. 텐서 하나의 요소는 모두 같은 데이터 타입이어야 하므로, 숫자 가운데
# 하나라도 실수면 텐서 전체가 실수 타입(기본값 ``float32``)이 되고 정수 1과 2도 실수로
# 저장됩니다. ``torch.arange``\ 의 인자에 실수가 하나라도 있을 때와 같습니다.
mixed = torch.tensor([1, 2, 3.5])
print(mixed)
print(describe(mixed))
assert mixed.dtype == torch.float32
assert torch.equal(mixed, torch.tensor([1.0, 2.0, 3.5]))

# %%
# 풀이 3
# ^^^^^^
# 같은 숫자가 나오지 않습니다. 시드를 다시 정하면 ``rand``\ 와 ``randn``\ 이 함께 꺼내 쓰는
# 난수의 흐름이 처음으로 돌아갑니다. 그 사이에 ``randn``\ 이 난수를 먼저 꺼내 쓰면 흐름이
# 그만큼 앞으로 나가 있으므로 ``rand``\ 는 다른 숫자를 받습니다. ``randn`` 줄을 빼면 다시
# 같은 숫자가 나옵니다.
torch.manual_seed(0)
torch.randn((2, 3))
after_randn = torch.rand((2, 3))
torch.manual_seed(0)
without_randn = torch.rand((2, 3))
print(f"randn을 끼워 넣으면 같은 숫자: {torch.equal(after_randn, uniform)}")
print(f"randn을 빼면 같은 숫자:       {torch.equal(without_randn, uniform)}")
assert not torch.equal(after_randn, uniform)
assert torch.equal(without_randn, uniform)

# %%
# 풀이 4
# ^^^^^^
# ``end``\ 는 결과에 들어가지 않으므로 10이 들어가려면 ``end``\ 가 10보다 커야 합니다.
# 다만 12보다 크면 12까지 들어갑니다. ``torch.arange(0, 11, 2)``\ 는 10 다음 수인 12가
# ``end``\ 를 넘으므로 10에서 멈춥니다.
evens = torch.arange(0, 11, 2)
print(f"torch.arange(0, 10, 2): {torch.arange(0, 10, 2)}")
print(f"torch.arange(0, 11, 2): {evens}")
print(f"torch.arange(0, 13, 2): {torch.arange(0, 13, 2)}")
assert torch.equal(evens, torch.tensor([0, 2, 4, 6, 8, 10]))
assert torch.equal(torch.arange(0, 12, 2), evens)
assert torch.equal(torch.arange(0, 13, 2), torch.tensor([0, 2, 4, 6, 8, 10, 12]))
