"""
nn.Module로 모델 만들기
=======================

PyTorch에서 모델은 ``nn.Module``을 상속하는 Python 클래스입니다. 이 페이지에서는 원래
글들의 레이어 하나짜리 모델을 직접 작성하고, 호출해 보고, 출력이 기억하는
것(``grad_fn``)을 읽고, 파라미터를 나열합니다. 그다음 ``nn.Linear``가 시작 가중치를
실제로 어떻게 고르는지, 새로 만든 레이어 수천 개와 비교해 확인합니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림의 글꼴을 설정하고, 난수
# 시드를 고정합니다. ``kaiming_uniform_bound``는 이 페이지에서 유도할 초기화 공식을 사이트
# 패키지에 테스트와 함께 구현해 둔 함수입니다.
import inspect
import math

import matplotlib.pyplot as plt
import torch
from torch import nn

from pytorch_basics.models import kaiming_uniform_bound
from pytorch_basics.plotting import use_site_style

use_site_style()
torch.manual_seed(0)


# %%
# 모델은 클래스입니다
# -------------------
# 모델과 학습을 다룬 원래 글은 ``SimpleModel``을 정의합니다. ``__init__``에서
# 레이어(층)를 만들고, ``forward``에서 입력에 무슨 일이 일어나는지 적습니다.
# ``nn.Linear(2, 1)``은 입력 2개를 출력 1개로 보내는 선형 변환입니다. 이것을
# ``self.linear``에 대입하면 모델의 일부로 등록되고, 그래서 모델을 출력하면 이 레이어가
# 목록에 나옵니다.
class SimpleModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(2, 1)  # 입력 2, 출력 1

    def forward(self, x):
        return self.linear(x)


model = SimpleModel()
print(model)

# %%
# 모델 호출하기
# -------------
# 모델은 함수처럼 ``model(x)``로 호출합니다. ``model.forward(x)``가 아닙니다. 호출하면
# PyTorch가 필요한 처리(훅, hook)를 한 뒤 ``forward``를 실행합니다. 입력은 숫자 2개짜리 행
# 하나로 된 배치이므로, 출력은 숫자 1개짜리 행 하나로 된 배치입니다.
x = torch.tensor([[1.0, 2.0]])
output = model(x)
print(output)

# %%
# 출력이 기억하는 것: ``grad_fn``
# -------------------------------
# 레이어의 가중치는 ``requires_grad=True``이므로, 출력은 자신이 어떻게 계산되었는지
# 기록합니다. 출력의 ``grad_fn``은 ``AddmmBackward0``입니다. *addmm*은 "행렬 곱에 편향을
# 더한다", 곧 :math:`b + xW^T`를 연산 하나로 처리한다는 뜻입니다. 사용자 정의 손실을
# 다룬 원래 글에서는 ``AddmmBackward``로 출력되었지만, 지금의 PyTorch는 역전파 노드에
# 번호를 붙이기 때문에 ``0``이 붙습니다.
print(f"output.grad_fn: {output.grad_fn.name()}")
by_hand = model.linear.bias + x @ model.linear.weight.T
print(f"output == bias + x @ weight.T: {torch.allclose(output, by_hand)}")


# %%
# 사용자 정의 손실을 다룬 원래 글은 같은 신경망을 ``MyModel``이라고 부르고, 결과를
# ``out``에 담았다가 돌려줍니다. 이름이 달라도 달라지는 것은 없습니다. 같은 시드 뒤에
# 만든 두 모델은 가중치가 같고 출력도 같습니다.
class MyModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(2, 1)

    def forward(self, x):
        out = self.linear(x)
        return out


torch.manual_seed(1)
simple = SimpleModel()
torch.manual_seed(1)
mine = MyModel()
print(f"같은 출력: {torch.equal(simple(x), mine(x))}")

# %%
# 파라미터
# --------
# ``model.parameters()``는 모델이 학습하는 텐서를 모두 내줍니다. 옵티마이저에 넘기는 것이
# 바로 이것입니다. ``named_parameters()``는 이름도 함께 줍니다. ``nn.Linear(2, 1)``에는
# 형태(shape)가 ``(1, 2)``인 가중치와 ``(1,)``인 편향이 있어, 모두 합쳐 숫자 3개입니다.
for name, parameter in model.named_parameters():
    print(f"{name}: 형태 {tuple(parameter.shape)}, requires_grad={parameter.requires_grad}")
print(f"파라미터 수: {sum(p.numel() for p in model.parameters())}")

# %%
# 파라미터가 자신이 쓰인 곳을 기록하므로 ``backward()``가 파라미터의 ``.grad``를 채웁니다.
# 출력은 :math:`w_1 x_1 + w_2 x_2 + b`이므로, 가중치에 대한 기울기(gradient)는
# :math:`x = [1, 2]`이고 편향에 대한 기울기는 1입니다.
output.backward()
print(f"weight.grad: {model.linear.weight.grad}")
print(f"bias.grad: {model.linear.bias.grad}")
print(f"weight.grad == x: {torch.equal(model.linear.weight.grad, x)}")

# %%
# nn.Linear가 시작 가중치를 고르는 방법
# -------------------------------------
# 모델과 학습을 다룬 원래 글은 가중치가 "Kaiming He 초기화(Kaiming Uniform
# Initialization)"로 시작한다고 말합니다. 레이어를 만들 때 실제로 무슨 일이 일어나는지는
# PyTorch 소스 코드가 보여 줍니다. 가중치는 ``a=math.sqrt(5)``로 ``kaiming_uniform_``을
# 거치고, 편향은 자기 경계값으로 균등 분포에서 뽑힙니다.
print(inspect.getsource(nn.Linear.reset_parameters))

# %%
# 공식
# ----
# ``kaiming_uniform_``은 :math:`U(-\text{bound}, \text{bound})`에서 값을 뽑습니다. 여기서
# :math:`\text{bound} = \text{gain} \cdot \sqrt{3 / n}`이고, :math:`n`은 입력 개수인
# ``fan_in``, 기울기가 :math:`a`인 leaky ReLU에 대해
# :math:`\text{gain} = \sqrt{2 / (1 + a^2)}`입니다. :math:`a = \sqrt{5}`이면 gain은
# :math:`\sqrt{1/3}`이 되어 :math:`\text{bound} = 1 / \sqrt{n}`, 곧 편향과 같은 경계값이
# 됩니다. 아래 셀은 이 경계값을 세 가지 방법으로 계산합니다.
for fan_in in (2, 64):
    gain = nn.init.calculate_gain("leaky_relu", math.sqrt(5))
    print(
        f"fan_in={fan_in}: gain * sqrt(3 / fan_in) = {gain * math.sqrt(3 / fan_in):.4f}, "
        f"1 / sqrt(fan_in) = {1 / math.sqrt(fan_in):.4f}, "
        f"kaiming_uniform_bound = {kaiming_uniform_bound(fan_in, a=math.sqrt(5)):.4f}"
    )

# %%
# 레이어 수천 개로 확인하기
# -------------------------
# 공식이 맞다면, 새로 만든 레이어 여러 개의 가중치는 :math:`[-\text{bound}, \text{bound}]`를
# 고르게 채우고 그 밖으로는 절대 나가지 않아야 합니다. ``nn.Linear(2, 1)`` 레이어 2,000개와
# ``nn.Linear(64, 1)`` 레이어 200개를 만들어 시작 가중치와 편향을 모읍니다.
samples = {}
for fan_in, count in ((2, 2000), (64, 200)):
    layers = [nn.Linear(fan_in, 1) for _ in range(count)]
    weights = torch.cat([layer.weight.detach().flatten() for layer in layers])
    biases = torch.cat([layer.bias.detach() for layer in layers])
    samples[fan_in] = (weights, biases)
    bound = 1 / math.sqrt(fan_in)
    print(
        f"fan_in={fan_in}: 가중치 {weights.numel()}개는 [{weights.min():.4f}, {weights.max():.4f}], "
        f"편향 {biases.numel()}개는 [{biases.min():.4f}, {biases.max():.4f}] 안에 있음, 경계값 {bound:.4f}"
    )
    inside = bool((weights.abs() <= bound).all() and (biases.abs() <= bound).all())
    print(f"  모두 경계값 안: {inside}")

# %%
# :math:`[-b, b]`의 균등 분포는 구간 안에서 밀도가 :math:`1 / (2b)`이고 밖에서는 0입니다.
# 가중치의 히스토그램을 이 밀도와 함께 그립니다.
fig, axes = plt.subplots(1, 2, figsize=(7, 3))
for ax, fan_in in zip(axes, (2, 64), strict=True):
    weights, _ = samples[fan_in]
    bound = 1 / math.sqrt(fan_in)
    ax.hist(weights.numpy(), bins=30, density=True, color="#7aa6d6", label="가중치")
    ax.plot(
        [-bound, -bound, bound, bound],
        [0, 1 / (2 * bound), 1 / (2 * bound), 0],
        "k--",
        label="U(-경계값, 경계값)",
    )
    ax.set_xlim(-1.3 * bound, 1.3 * bound)
    ax.set_title(f"nn.Linear({fan_in}, 1): 경계값 = {bound:.3f}")
    ax.set_xlabel("시작 가중치")
axes[0].set_ylabel("밀도")
axes[0].legend(loc="lower center")
fig.suptitle("새로 만든 레이어의 시작 가중치")
plt.show()

# %%
# 그림에서 히스토그램은 평평하고 정확히 :math:`\pm 1/\sqrt{n}` 구간을 채웁니다. 입력이
# 많을수록 구간이 좁아집니다. 그러니 "Kaiming uniform"이라는 이름은 조금 오해를 부릅니다.
# He 등이 ReLU 신경망을 위해 제안한 초기화는 :math:`a = 0`, gain :math:`\sqrt{2}`를 쓰고
# 경계값이 :math:`\sqrt{6}`배 넓습니다. ``a=math.sqrt(5)``는 PyTorch 소스의 주석대로 예전의
# :math:`1/\sqrt{n}` 규칙을 그대로 유지합니다.
he_bound = kaiming_uniform_bound(64, a=0.0)
linear_bound = kaiming_uniform_bound(64, a=math.sqrt(5))
print(f"fan_in=64: He (a=0) 경계값 {he_bound:.4f}, nn.Linear 경계값 {linear_bound:.4f}")
print(f"비율: {he_bound / linear_bound:.4f}, sqrt(6) = {math.sqrt(6):.4f}")

# %%
# 정리
# ----
# 모델은 ``nn.Module``을 상속합니다. 레이어는 ``__init__``에, 계산은 ``forward``에 두고,
# ``model(x)``로 호출합니다. 출력은 ``grad_fn``을 지니고(선형 레이어라면
# ``AddmmBackward0``), ``parameters()``는 가중치를 옵티마이저에 넘겨주며, ``nn.Linear``는
# 가중치와 편향 모두 :math:`U(-1/\sqrt{n}, 1/\sqrt{n})`에서 시작합니다. 다음 페이지에서는
# 이 모델을 학습시킵니다: :ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`.
#
# PyTorch 공식 문서: `nn.Module <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html>`_,
# `nn.Linear <https://docs.pytorch.org/docs/stable/generated/torch.nn.Linear.html>`_,
# `torch.nn.init <https://docs.pytorch.org/docs/stable/nn.init.html>`_.
