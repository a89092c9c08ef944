"""
글에 남은 질문들
================

원래 글들은 네 가지 질문을 매듭짓지 않고 남겨 둡니다. NumPy 배열을 텐서로 바꿀 때
``torch.from_numpy``와 ``torch.tensor`` 중 무엇을 언제 써야 하는지, ``torch.empty``의
"쓰레기값"은 어디서 오는지, autograd 튜토리얼은 왜 "CPU에서만" 동작한다고 하는지, 그리고
다음에 무엇을 배우면 좋은지입니다. 이 페이지는 각 질문에 코드로 답합니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림의 글꼴을 설정하고, 난수
# 시드를 고정합니다. 사이트 패키지에서 세 가지를 가져옵니다. ``shares_memory``는 두 배열이
# 메모리에서 겹치는지 알려 주고, ``pick_device``는 GPU가 있으면 GPU를 고르며,
# ``resnet18``은 아무것도 내려받지 않고 autograd 튜토리얼의 신경망을 만듭니다.
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

from pytorch_basics.models import resnet18
from pytorch_basics.plotting import draw_tensor, use_site_style
from pytorch_basics.tensors import pick_device, shares_memory

use_site_style()
torch.manual_seed(0)

# %%
# 1. ``from_numpy``일까, ``tensor``일까?
# ----------------------------------------
# PyTorch 기초와 autograd를 다룬 원래 글은 어느 쪽을 써야 하는지 물으며 끝납니다.
# ``torch.from_numpy``는 배열의 메모리를 그대로 감쌉니다. 복사가 없고, 한쪽을 바꾸면
# 다른 쪽에도 보입니다.
# ``torch.tensor``는 복사합니다. 둘을 만든 뒤에 배열을 바꿔 봅니다.
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
plt.show()

# %%
# 그림에서 배열과 ``from_numpy`` 텐서는 똑같이 7을 담고 있습니다. 같은 메모리를 두 번 본
# 것이기 때문이고, 복사본은 0을 그대로 갖고 있습니다.
# 정리하면, 배열이 크고 복사를 피하고 싶다면 ``from_numpy``(또는 ``torch.as_tensor``)를
# 쓰되 양쪽이 함께 바뀐다는 점을 기억하세요. 텐서가 배열과 독립적이어야 한다면
# ``torch.tensor``를 씁니다. ``as_tensor``와 ``.numpy()``로 되돌아가는 방법까지 포함한 전체
# 이야기는 :ref:`sphx_glr_auto_examples_tensors_plot_02_numpy_memory.py`\ 에 있습니다.
#
# 2. torch.empty는 왜 쓰레기값을 보여 줄까?
# -----------------------------------------
# ``torch.empty``는 메모리를 잡기만 하고 아무것도 쓰지 않습니다. 채우는 것보다 빠르기
# 때문입니다. 그 안에 "들어 있는" 값은 그 메모리에 원래 있던 값이라, 여기서 출력하면
# 실행할 때마다 다른 숫자가 나옵니다. 초기화되지 않은 메모리(uninitialised memory)의
# 문제를 PyTorch가 눈에 보이게 해 줄 수도 있습니다. 결정적(deterministic) 모드에서는 이런
# 메모리를 일부러 NaN("숫자가 아님")으로 채웁니다.
torch.use_deterministic_algorithms(True)
print(f"결정적 모드의 torch.empty(4): {torch.empty(4)}")
torch.use_deterministic_algorithms(False)

# %%
# ``torch.empty``는 읽기 전에 모든 요소를 덮어쓸 때 안전합니다. 예를 들어 연산의
# ``out=``으로 쓸 때입니다. 그렇지 않다면 ``torch.empty``를 소개한 원래 글의 결론처럼
# ``torch.zeros``나 ``torch.rand``를 쓰세요. 자세한 내용은
# :ref:`sphx_glr_auto_examples_tensors_plot_03_empty.py`\ 에 있습니다.
a = torch.tensor([1.0, 2.0, 3.0])
b = torch.tensor([10.0, 20.0, 30.0])
out = torch.empty(3)
torch.add(a, b, out=out)
print(f"torch.add(a, b, out=out) 뒤의 out: {out}")

# %%
# 3. "CPU에서만 동작" 안내의 뜻
# -----------------------------
# 원래 autograd 튜토리얼 글에는 "이 튜토리얼은 CPU에서만 동작하며, GPU에서는 실행되지
# 않습니다"라는 안내가 있습니다. 이 안내는 PyTorch 튜토리얼 *A Gentle Introduction to
# torch.autograd*에서 온 것으로, 원문에는 "(텐서를 CUDA로 옮기더라도)"라는 말이 붙어 있고
# 이유는 적혀 있지 않습니다. autograd에는 CPU 전용인 부분이 없습니다. 튜토리얼 코드가
# 모든 것을 CPU에 만들 뿐입니다. 그런데 이것을 무심코 옮기면 함정이 있습니다. ``.to()``는
# 원본에서 계산한 *새* 텐서를 돌려주므로 리프 텐서(leaf tensor)가 아니고, ``backward()``는
# 원본의 ``.grad``를 채웁니다. 다른 dtype으로 복사해 보면 어느 컴퓨터에서나 같은 현상을 볼
# 수 있습니다.
a = torch.tensor([2.0, 3.0], requires_grad=True)
moved = a.to(torch.float64)
print(f"moved.is_leaf: {moved.is_leaf}, moved.grad_fn: {moved.grad_fn.name()}")
(3 * moved**3).sum().backward()
print(f"기울기는 원본으로 갔습니다: a.grad = {a.grad}")

# %%
# 장치(device)에 구애받지 않는 방법은 장치를 한 번 고르고 텐서를 처음부터 그 장치에
# 만드는 것(``device=``), 그리고 모델은 ``model.to(device)``로 옮기는 것입니다.
# ``model.to``는 파라미터를 제자리에서 옮기므로 파라미터는 리프로 남습니다. 아래는
# 튜토리얼의 학습 단계를 이렇게 쓴 것입니다. 무작위 가중치의 ResNet-18(사이트를 만드는
# 동안에는 아무것도 내려받을 수 없습니다), 무작위 1x3x64x64 이미지, 무작위 레이블 1000개,
# 모멘텀을 쓰는 SGD입니다. GPU가 있으면 GPU에서, 없으면 CPU에서 실행됩니다.
device = pick_device()
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
# 튜토리얼의 뒷부분 :math:`Q = 3a^3 - b^2`도 고른 장치에서 똑같이 동작합니다. 기울기는
# :math:`9a^2`와 :math:`-2b`입니다.
a = torch.tensor([2.0, 3.0], requires_grad=True, device=device)
b = torch.tensor([6.0, 4.0], requires_grad=True, device=device)
Q = 3 * a**3 - b**2
Q.sum().backward()
print(f"a.grad: {a.grad}, 9a^2: {torch.equal(a.grad, 9 * a.detach() ** 2)}")
print(f"b.grad: {b.grad}, -2b: {torch.equal(b.grad, -2 * b.detach())}")


# %%
# 4. 다음에 배울 것
# -----------------
# PyTorch 기초와 autograd를 다룬 원래 글은 다음 단계로 ``nn.Module``과 데이터셋을
# 가리킵니다. ``nn.Module``은 이 사이트에 따로 페이지가 있습니다. 데이터셋(dataset)은
# 작게 시작하면 됩니다. ``Dataset``은 ``__len__``과 ``__getitem__``만 있으면 되는
# 클래스이고, 데이터 로더 ``DataLoader``가 이것을 섞어서 미니배치로 자릅니다. 아래
# 데이터셋은 :math:`(x, x^2)` 쌍을 내줍니다.
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
# 이 사이트에서: 기울기를 한 단계씩 다루는
# :ref:`sphx_glr_auto_examples_autograd_plot_01_basics.py`, 경사 하강법이 실제로 일하는
# :ref:`sphx_glr_auto_examples_practice_plot_01_restoring_an_image.py`, 모델과 학습과
# 손실을 다루는 :ref:`sphx_glr_auto_examples_models_plot_01_nn_module.py`\ 부터의 페이지들,
# 그리고 PyTorch 모듈 지도인
# :ref:`sphx_glr_auto_examples_modules_plot_01_module_map.py`\ 가 있습니다.
#
# PyTorch 튜토리얼(한국어 번역은 `PyTorch 한국어 튜토리얼 <https://tutorials.pytorch.kr/>`_):
# `Learn the Basics <https://docs.pytorch.org/tutorials/beginner/basics/intro.html>`_,
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
# <https://docs.pytorch.org/docs/stable/generated/torch.use_deterministic_algorithms.html>`_.
