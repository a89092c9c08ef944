r"""
글에 남은 질문들
================

이 사이트의 바탕이 된 글들은 네 가지 질문을 매듭짓지 않거나 말로만 답하고 넘어갑니다. 글
:ref:`post-basics-autograd`\ 는 NumPy 배열을 텐서(tensor)로 바꿀 때 ``torch.from_numpy``\ 와
``torch.tensor`` 중 무엇을 언제 써야 하는지, 그리고 다음에 무엇을 배울지 묻습니다. 글
:ref:`post-deep-learning-1`\ 은 ``torch.empty``\ 의 "쓰레기값"이 어디서 오는지 말로 설명하고,
글 :ref:`post-autograd-easy`\ 는 이유를 밝히지 않은 채 튜토리얼이 "CPU에서만" 동작한다고
적습니다. 이 페이지는 각 질문에 코드로 답합니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림의 글꼴을 설정하고, 난수
# 시드를 고정합니다. 사이트 패키지에서 두 가지를 가져옵니다. ``shares_memory``\ 는 두
# 배열이 메모리에서 겹치는지 알려 주고, ``resnet18``\ 은 아무것도 내려받지 않고
# ``torch.autograd`` 튜토리얼의 신경망을 만듭니다.
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

from pytorch_basics.models import resnet18
from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style
from pytorch_basics.tensors import shares_memory

use_site_style()
torch.manual_seed(0)

# %%
# 1. ``from_numpy``\ 일까, ``tensor``\ 일까?
# ------------------------------------------
# 글 :ref:`post-basics-autograd`\ 는 둘의 정확한 차이가 무엇인지, 메모리 공유(memory
# sharing)의 장단점은 무엇인지 물으며 끝납니다.
# ``torch.from_numpy``\ 는 배열의 메모리를 그대로 감쌉니다. 복사가 없고, 한쪽을 바꾸면
# 다른 쪽에도 보입니다.
# ``torch.tensor``\ 는 복사합니다. 둘을 만든 뒤에 배열을 바꿔 봅니다.
array = np.zeros(3, dtype=np.float32)
shared = torch.from_numpy(array)
copied = torch.tensor(array)
array[0] = 7.0
print(f"from_numpy: {shared}, 메모리 공유: {shares_memory(shared, array)}")
print(f"tensor:     {copied}, 메모리 공유: {shares_memory(copied, array)}")

# %%
# ``array[0] = 7`` 뒤의 세 객체를 나란히 그립니다.
fig, axes = plt.subplots(1, 3, figsize=(6.6, 1.5))
draw_tensor(axes[0], torch.from_numpy(array), title="배열")  # 배열을 텐서 뷰로 그립니다
draw_tensor(axes[1], shared, title="torch.from_numpy(array)")
draw_tensor(axes[2], copied, title="torch.tensor(array)")
fig.suptitle("array[0] = 7 이후")
describe_figure(
    fig,
    "array[0] = 7을 실행한 뒤의 NumPy 배열, torch.from_numpy(array), torch.tensor(array)를 "
    "각각 칸 세 개짜리 한 줄로 나란히 그린 그림입니다. 배열과 from_numpy 텐서는 둘 다 7, 0, "
    "0을 담고 있지만, 복사본인 torch.tensor 텐서에는 0, 0, 0이 그대로 남아 있습니다.",
)
plt.show()

# %%
# 그림에서 배열과 ``from_numpy`` 텐서는 똑같이 7을 담고 있습니다. 둘은 하나의 메모리를 두
# 번 보여 줄 뿐이기 때문입니다. 반면 복사본에는 0이 그대로 남아 있습니다.
# 정리하면, 배열이 크고 복사를 피하고 싶다면 ``from_numpy``\ (또는 ``torch.as_tensor``)를
# 쓰되 양쪽이 함께 바뀐다는 점을 기억하세요. 텐서가 배열과 독립적이어야 한다면
# ``torch.tensor``\ 를 쓰세요. ``as_tensor``\ 와 ``.numpy()``\ 로 되돌아가는 방법까지 포함한
# 자세한 내용은 :ref:`sphx_glr_auto_examples_tensors_plot_02_numpy_memory.py`\ 에 있습니다.
#
# 2. torch.empty는 왜 쓰레기값을 보여 줄까?
# -----------------------------------------
# 글 :ref:`post-deep-learning-1`\ 에서 ``torch.empty``\ 는 한 번은 0을, 다음에는 예전
# 숫자를 돌려줍니다. 글은 그 이유를 묻고, PyTorch가 속도를 위해 메모리를 채우는 일을
# 건너뛰기 때문이라고 답합니다. 맞는 설명입니다. ``torch.empty``\ 는 메모리를 잡기만 하고
# 아무것도 쓰지 않습니다. 그만큼 채우는 시간을 아낍니다(시간 측정은
# :ref:`sphx_glr_auto_examples_tensors_plot_03_empty.py`\ 에 있습니다). 그 안에 "들어 있는"
# 값은 그 메모리에 원래 있던 값이라, 여기서 출력하면 실행할 때마다 다른 숫자가 나올 수
# 있습니다. 초기화되지 않은 메모리(uninitialised memory)의 이런 문제를 PyTorch로 눈에 보이게
# 만들 수도 있습니다. 결정적(deterministic) 모드에서는 이런 메모리를 일부러 NaN("숫자가
# 아님")으로 채웁니다.
torch.use_deterministic_algorithms(True)
print(f"결정적 모드의 torch.empty(4): {torch.empty(4)}")
torch.use_deterministic_algorithms(False)

# %%
# ``torch.empty``\ 는 읽기 전에 모든 요소를 덮어쓸 때 안전합니다. 연산의 ``out=`` 인자로
# 넘길 때가 그런 예입니다. 그렇지 않다면 글 :ref:`post-deep-learning-1`\ 의 결론처럼
# ``torch.zeros``\ 나 ``torch.rand``\ 를 쓰세요. 자세한 내용은
# :ref:`sphx_glr_auto_examples_tensors_plot_03_empty.py`\ 에 있습니다.
a = torch.tensor([1.0, 2.0, 3.0])
b = torch.tensor([10.0, 20.0, 30.0])
out = torch.empty(3)
torch.add(a, b, out=out)
print(f"torch.add(a, b, out=out) 뒤의 out: {out}")

# %%
# 3. "CPU에서만 동작" 안내의 뜻
# -----------------------------
# 글 :ref:`post-autograd-easy`\ 에는 "이 튜토리얼은 CPU에서만 동작하며, GPU에서는 실행되지
# 않습니다"라는 안내가 있습니다. 이 안내는 PyTorch 튜토리얼 *A Gentle Introduction to
# torch.autograd*에서 온 것으로, 원문에는 "(텐서를 CUDA로 옮기더라도)"라는 말이 붙어 있고
# 이유는 적혀 있지 않습니다. 자동 미분에는 CPU 전용인 부분이 없습니다. 튜토리얼 코드가
# 모든 것을 CPU에 만들 뿐입니다. 그런데 이 코드를 생각 없이 그대로 옮기면 함정에 빠집니다.
# ``.to()``\ 는 원본에서 계산한 *새* 텐서를 돌려주므로 이 텐서는 리프 텐서(leaf tensor)가
# 아니고, ``backward()``\ 는 이 텐서 대신 원본의 ``.grad``\ 를 채웁니다. 다른 dtype으로
# 복사해 보면 어느 컴퓨터에서나 같은 현상을 볼 수 있습니다.
a = torch.tensor([2.0, 3.0], requires_grad=True)
moved = a.to(torch.float64)
print(f"moved.is_leaf: {moved.is_leaf}, moved.grad_fn: {moved.grad_fn.name()}")
(3 * moved**3).sum().backward()
print(f"기울기는 원본으로 갔습니다: a.grad = {a.grad}")

# %%
# 장치(device)에 구애받지 않는 방법은 ``torch.accelerator``\ 로 장치를 한 번 고르고 텐서를
# 처음부터 그 장치에 만드는 것(``device=``), 그리고 모델은 ``model.to(device)``\ 로 옮기는
# 것입니다. ``model.to``\ 는 파라미터(parameter)를 제자리에서 옮기므로 파라미터는 리프로
# 남습니다. 아래는 튜토리얼의 학습 단계를 이렇게 쓴 것입니다. 무작위 가중치의
# ResNet-18(사이트를 만드는 동안에는 아무것도 내려받을 수 없습니다), 무작위 1x3x64x64
# 이미지, 무작위 레이블 1000개, 모멘텀을 쓰는 SGD입니다. GPU 같은 가속기(accelerator)가
# 있으면 가속기에서, 없으면 CPU에서 실행됩니다.
device = torch.accelerator.current_accelerator() if torch.accelerator.is_available() else torch.device("cpu")
model = resnet18().to(device)
data = torch.rand(1, 3, 64, 64, device=device)
labels = torch.rand(1, 1000, device=device)
prediction = model(data)
loss = (prediction - labels).sum()
loss.backward()
optimizer = torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)
optimizer.step()
print(f"장치: {device}, 예측값: {tuple(prediction.shape)}, {prediction.device.type}에 있음")
on_device = all(p.grad.device == p.device for p in model.parameters())
print(f"모든 기울기가 파라미터와 같은 장치에: {on_device}")

# %%
# 튜토리얼의 뒷부분 :math:`Q = 3a^3 - b^2`\ 도 고른 장치에서 똑같이 동작합니다.
# 기울기(gradient)는 :math:`9a^2`\ 과 :math:`-2b`\ 입니다.
a = torch.tensor([2.0, 3.0], requires_grad=True, device=device)
b = torch.tensor([6.0, 4.0], requires_grad=True, device=device)
Q = 3 * a**3 - b**2
Q.sum().backward()
print(f"a.grad: {a.grad}, 9a^2: {torch.allclose(a.grad, 9 * a.detach() ** 2)}")
print(f"b.grad: {b.grad}, -2b: {torch.allclose(b.grad, -2 * b.detach())}")


# %%
# 4. 다음에 배울 것
# -----------------
# 글 :ref:`post-basics-autograd`\ 는 다음에 ``nn.Module``\ 을 상속해 신경망을 직접 설계하고
# 학습시켜 보고 싶다고 합니다. 그 내용은 :doc:`/auto_examples/models/index` 장에서 이미 해
# 보았습니다. 다음 단계는 직접 준비한 데이터를 쓰는 것입니다. ``Dataset``\ 은
# ``__getitem__``\ (인덱스로 예제 하나를 꺼냄)과 ``__len__``\ (예제 수)을 정의한
# 클래스이고, 모듈 지도에서 만난 데이터 로더 ``DataLoader``\ 가 이것을 미니배치(mini-batch)로
# 자릅니다. ``shuffle=True``\ 를 주면 섞어서 자릅니다. 아래 데이터셋(dataset)은
# :math:`(x, x^2)` 쌍을 내줍니다.
class Squares(Dataset):
    def __len__(self):
        return 10

    def __getitem__(self, index):
        x = torch.tensor([float(index)])
        return x, x**2


loader = DataLoader(
    Squares(), batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(0)
)
inputs, targets = next(iter(loader))
print(f"섞인 미니배치 하나: x = {inputs.flatten()}, x^2 = {targets.flatten()}")

# %%
# 여기서 어디로 갈까
# ------------------
# PyTorch 공식 튜토리얼이 같은 길을 더 멀리 이어 갑니다(한국어 번역은 `PyTorch 한국어 튜토리얼
# <https://tutorials.pytorch.kr/>`_): `Learn the Basics
# <https://docs.pytorch.org/tutorials/beginner/basics/intro.html>`_,
# `Datasets & DataLoaders
# <https://docs.pytorch.org/tutorials/beginner/basics/data_tutorial.html>`_,
# `Build the Neural Network
# <https://docs.pytorch.org/tutorials/beginner/basics/buildmodel_tutorial.html>`_,
# `Optimizing Model Parameters
# <https://docs.pytorch.org/tutorials/beginner/basics/optimization_tutorial.html>`_,
# `Save and Load the Model
# <https://docs.pytorch.org/tutorials/beginner/basics/saveloadrun_tutorial.html>`_.
# 공식 문서: `torch.utils.data <https://docs.pytorch.org/docs/stable/data.html>`_,
# `torch.from_numpy <https://docs.pytorch.org/docs/stable/generated/torch.from_numpy.html>`_,
# `torch.empty <https://docs.pytorch.org/docs/stable/generated/torch.empty.html>`_,
# `torch.use_deterministic_algorithms
# <https://docs.pytorch.org/docs/stable/generated/torch.use_deterministic_algorithms.html>`_,
# `torch.accelerator <https://docs.pytorch.org/docs/stable/accelerator.html>`_.
#
# 다음 페이지: :doc:`/sources`

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** ``np.zeros``\ 는 따로 정하지 않으면 ``float64`` 배열을 만듭니다.
#    아래 코드를 실행하면 ``converted[0]``\ 은 무엇일까요?
#
#    .. code-block:: python
#
#       array64 = np.zeros(3)
#       converted = torch.from_numpy(array64).to(torch.float32)
#       array64[0] = 7.0
#
# 2. **하나만 바꾸고 설명하기.** 합계를 ``total = torch.zeros(3)``\ 으로 0에서 시작하고,
#    ``total += values``\ 로 ``values``\ 를 두 번 더합니다. 합계를 ``torch.empty(3)``\ 으로
#    시작하도록 바꾸면 ``total``\ 에는 무엇이 들어 있을까요? 실행할 때마다 같은 답이 나오도록
#    결정적 모드에서 실행합니다.
# 3. **하나만 바꾸고 설명하기.** 기울기가 필요한 텐서를 만들면서 같은 줄에서 옮깁니다.
#    ``c = torch.tensor([2.0, 3.0], requires_grad=True).to(torch.float64)``\ 입니다(GPU에서는
#    ``.to(device)``). ``(3 * c**3).sum().backward()`` 뒤에 ``c.grad``\ 는 무엇일까요? 만들 때
#    dtype을 주는 ``torch.tensor([2.0, 3.0], dtype=torch.float64, requires_grad=True)``\ 로
#    바꾸면 무엇이 달라질까요?
# 4. **직접 작성하기.** :math:`x = 0, 1, \dots, 6`\ 에 대해 :math:`(x, x^3)` 쌍을 내주는
#    ``Cubes``\ 라는 ``Dataset``\ 을 작성하고, 섞지 않고 ``batch_size=3``\ 으로 자르는
#    ``DataLoader``\ 를 만드세요. 먼저 예측해 보세요. 미니배치는 몇 개이고, 마지막
#    미니배치에는 쌍이 몇 개 들어 있을까요?

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# 0입니다. ``from_numpy``\ 는 배열의 ``float64``\ 를 그대로 쓰므로, ``.to(torch.float32)``\ 는
# 새 메모리에 새 텐서를 만들어야 합니다. 그래서 배열을 바꿔도 이 텐서에는 전해지지 않습니다.
# 텐서가 이미 가진 dtype인 ``float64``\ 로 ``.to()``\ 를 부르면 같은 텐서가 돌아오고, 이
# 텐서는 여전히 배열과 메모리를 공유합니다.
array64 = np.zeros(3)
converted = torch.from_numpy(array64).to(torch.float32)
wrapped = torch.from_numpy(array64)
kept = wrapped.to(torch.float64)
array64[0] = 7.0
print(f"array64.dtype: {array64.dtype}")
print(f".to(torch.float32): {converted}, 메모리 공유: {shares_memory(converted, array64)}")
print(
    f".to(torch.float64): {kept}, 같은 텐서: {kept is wrapped}, 메모리 공유: {shares_memory(kept, array64)}"
)
assert converted[0] == 0 and not shares_memory(converted, array64)
assert kept is wrapped and kept[0] == 7 and shares_memory(kept, array64)

# %%
# 풀이 2
# ^^^^^^
# 모두 NaN입니다. ``total += values``\ 는 원래 들어 있던 값을 읽고 거기에 더합니다.
# ``zeros``\ 로 만들면 그 값이 0이지만, ``empty``\ 로 만들면 메모리에 있던 값이고, 여기서는
# 결정적 모드가 써 넣은 NaN입니다. NaN에 어떤 수를 더해도 NaN입니다. 결정적 모드가 아니면
# 합계는 그 메모리에 원래 있던 숫자에서 시작합니다.
values = torch.tensor([1.0, 2.0, 3.0])
torch.use_deterministic_algorithms(True)
total_empty, total_zeros = torch.empty(3), torch.zeros(3)
for _ in range(2):
    total_empty += values
    total_zeros += values
torch.use_deterministic_algorithms(False)
print(f"torch.empty로 시작: {total_empty}")
print(f"torch.zeros로 시작: {total_zeros}")
assert torch.isnan(total_empty).all() and torch.equal(total_zeros, 2 * values)

# %%
# 풀이 3
# ^^^^^^
# ``c``\ 는 ``.to()``\ 가 돌려준 텐서입니다. ``requires_grad=True``\ 로 만든 ``float32`` 텐서에서
# 계산한 결과이므로 리프 텐서가 아닙니다. ``backward()``\ 는 그 원본의 ``.grad``\ 를 채우는데,
# 원본을 가리키는 이름은 이제 없습니다. ``c.grad``\ 는 ``None``\ 입니다(읽으면
# ``UserWarning``\ 이 납니다). 처음부터 ``float64``\ 로 만들면(GPU에서는 ``device=``\ 로)
# 이 텐서는 리프 텐서이고, 기울기 :math:`9c^2`\ 을 받습니다.
import warnings

c = torch.tensor([2.0, 3.0], requires_grad=True).to(torch.float64)
(3 * c**3).sum().backward()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    c_grad = c.grad
print(f"c.is_leaf: {c.is_leaf}, c.grad: {c_grad} ({caught[0].category.__name__})")
d = torch.tensor([2.0, 3.0], dtype=torch.float64, requires_grad=True)
(3 * d**3).sum().backward()
print(f"d.is_leaf: {d.is_leaf}, d.grad: {d.grad}")
assert not c.is_leaf and c_grad is None
assert d.is_leaf and torch.allclose(d.grad, 9 * d.detach() ** 2)

# %%
# 풀이 4
# ^^^^^^
# 미니배치는 세 개입니다. ``DataLoader``\ 는 쌍 7개를 순서대로 3개씩 자르고, 마지막
# 미니배치에는 남은 쌍 1개가 들어갑니다. 미니배치마다 형태가 ``(1,)``\ 인 예제의 ``x``\ 를
# 쌓아 형태가 ``(쌍의 개수, 1)``\ 인 텐서를 만듭니다.
class Cubes(Dataset):
    def __len__(self):
        return 7

    def __getitem__(self, index):
        x = torch.tensor([float(index)])
        return x, x**3


sizes = []
for batch_x, batch_y in DataLoader(Cubes(), batch_size=3):
    print(f"x = {batch_x.flatten()}, x^3 = {batch_y.flatten()}, 형태 {tuple(batch_x.shape)}")
    sizes.append(len(batch_x))
    assert torch.equal(batch_y, batch_x**3)
print(f"미니배치의 크기: {sizes}")
assert sizes == [3, 3, 1]
