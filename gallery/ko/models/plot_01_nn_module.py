r"""
nn.Module로 모델 만들기
=======================

PyTorch에서 모델은 ``nn.Module``\ 을 상속하는 파이썬 클래스입니다. 이 페이지에서는 글
:ref:`post-concepts`\ 와 :ref:`post-differentiable`\ 에 나오는 레이어(층, layer) 하나짜리
모델을 직접 작성해 호출해 보고, 출력에 남는 기록(``grad_fn``)을 읽고, 파라미터(parameter)
목록을 살펴봅니다. 그다음 ``nn.Linear``\ 가 시작 가중치(weight)를 실제로 어떻게 정하는지
새로 만든 레이어 수천 개로 확인합니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림의 글꼴을 설정하고, 난수
# 시드를 고정합니다. ``kaiming_uniform_bound`` 함수는 이 페이지에서 유도할
# 초기화(initialization) 공식을 사이트 패키지에 구현하고 테스트까지 해 둔 것입니다.
import inspect
import math

import matplotlib.pyplot as plt
import torch
from torch import nn

from pytorch_basics.models import kaiming_uniform_bound
from pytorch_basics.plotting import describe_figure, use_site_style

use_site_style()
torch.manual_seed(0)


# %%
# 모델은 클래스입니다
# -------------------
# 글 :ref:`post-concepts`\ 는 ``SimpleModel``\ 을 정의합니다. ``__init__``\ 에서 레이어를
# 만들고, ``forward``\ 에는 입력이 거치는 계산을 적습니다. ``nn.Linear(2, 1)``\ 은
# :math:`y = w_1 x_1 + w_2 x_2 + b`\ 를 계산하는 레이어로, 입력 2개를 출력 1개로 보내는 선형
# 변환에 상수 :math:`b`\ 를 더합니다. 이 레이어를 ``self.linear``\ 에 대입하면 모델의
# 일부로 등록됩니다. 모델을 출력했을 때 이 레이어가 목록에 나오는 것도 그 때문입니다.
class SimpleModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(2, 1)  # 입력 2개, 출력 1개

    def forward(self, x):
        return self.linear(x)


model = SimpleModel()
print(model)


# %%
# 레이어는 속성에 대입할 때 등록됩니다. 평범한 파이썬 리스트에 담은 레이어는 등록되지
# 않습니다. 모델을 출력해도 목록에 나오지 않고 파라미터도 하나도 없다고 나오므로,
# ``parameters()``\ 를 받은 옵티마이저(optimizer)는 이 레이어를 끝내 학습시키지 못합니다.
# (레이어 여러 개를 리스트로 관리하려면 PyTorch의 ``nn.ModuleList``\ 를 씁니다.)
class ListModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = [nn.Linear(2, 1)]  # 평범한 리스트: 등록되지 않음

    def forward(self, x):
        return self.layers[0](x)


print(ListModel())
print(f"ListModel의 파라미터 텐서 수: {len(list(ListModel().parameters()))}")
print(f"SimpleModel의 파라미터 텐서 수: {len(list(model.parameters()))}")

# %%
# 모델 호출하기
# -------------
# 모델은 ``model.forward(x)``\ 가 아니라 함수처럼 ``model(x)``\ 로 호출합니다. 이렇게
# 호출하면 ``forward``\ 가 실행되고, 그 앞뒤로 PyTorch의 관리 작업도 함께 실행됩니다.
# 순전파 훅(forward hook)이 그런 예입니다. 훅은 모듈에 붙여 두는 함수로,
# :ref:`sphx_glr_auto_examples_autograd_plot_06_training_step.py`\ 의 선택 절에서
# 형태(shape)를 기록할 때 썼습니다. 모델은 입력 여러 개를 첫 번째 차원을 따라 쌓은
# *배치*\ (batch)를 받습니다. 여기서는 배치가 숫자 2개짜리 행 하나이므로, 출력도 숫자
# 1개짜리 행 하나입니다.
x = torch.tensor([[1.0, 2.0]])
output = model(x)
print(output)

# %%
# 호출 횟수를 세는 훅을 붙여 보면 차이가 보입니다. ``model(x)``\ 는 훅을 실행하고,
# ``model.forward(x)``\ 는 건너뜁니다.
calls = []
handle = model.register_forward_hook(lambda module, inputs, result: calls.append(1))
model(x)
print(f"model(x) 호출 뒤 훅 호출 횟수: {len(calls)}")
model.forward(x)
print(f"model.forward(x)까지 호출한 뒤 훅 호출 횟수: {len(calls)}")
handle.remove()

# %%
# 출력에 남는 기록: ``grad_fn``
# -----------------------------
# 입력 ``x``\ 는 기울기(gradient)가 필요 없지만, 레이어의 가중치는 기울기가
# 필요합니다(``requires_grad=True``). 그래서 출력에는 자신이 어떻게 계산되었는지가
# 기록됩니다. 출력의 ``grad_fn``\ 은 ``AddmmBackward0``\ 입니다. *addmm*\ 은 "행렬 곱에 편향(bias)을
# 더한다"는 뜻으로, :math:`b + xW^T`\ 를 연산 하나로 계산합니다.
print(f"x.requires_grad: {x.requires_grad}")
print(f"output.grad_fn: {output.grad_fn.name()}")
by_hand = model.linear.bias + x @ model.linear.weight.T
print(f"output == bias + x @ weight.T: {torch.allclose(output, by_hand)}")

# %%
# 기록이 생기는 원인을 없애면 기록도 사라집니다. ``torch.no_grad()``
# (:ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py`\ 에서 배웠습니다) 안에서는
# 같은 호출이 아무것도 기록하지 않습니다.
with torch.no_grad():
    print(f"no_grad 안에서의 grad_fn: {model(x).grad_fn}")

# %%
# 노드 이름은 레이어뿐 아니라 호출 방식에 따라서도 달라집니다. 편향이 없으면 레이어는
# 단순한 행렬 곱입니다. 또 입력이 3차원 이상이거나 1차원이면 행렬 곱 앞뒤로 형태를
# 바꾸므로, 마지막에 기록되는 연산이 ``view``\ 가 됩니다.
print(f"nn.Linear(2, 1, bias=False), 2차원 입력: {nn.Linear(2, 1, bias=False)(x).grad_fn.name()}")
print(f"nn.Linear(2, 1), 3차원 입력: {model.linear(torch.ones(4, 3, 2)).grad_fn.name()}")
print(f"nn.Linear(2, 1), 1차원 입력: {model.linear(torch.ones(2)).grad_fn.name()}")

# %%
# 글 :ref:`post-differentiable`\ 에는 끝에 ``0``\ 이 없는 ``AddmmBackward``\ 가 나옵니다.
# 예전 버전의 PyTorch가 출력하던 이름입니다. 지금의 PyTorch는 연산의 역전파(backward) 노드
# 이름 끝에 번호를 붙입니다. 이 번호로 한 연산의 여러 변형, 예를 들어 ``sum()``\ 과
# ``sum(dim=...)``\ 의 역전파 공식을 구별합니다. (연산의 역전파가 아닌 노드에는 번호가
# 없습니다. :ref:`sphx_glr_auto_examples_autograd_plot_02_graph.py`\ 에서 본
# ``AccumulateGrad`` 노드가 그런 예입니다.)
t = torch.ones(2, 3, requires_grad=True)
print(f"t.sum(): {t.sum().grad_fn.name()}, t.sum(dim=0): {t.sum(dim=0).grad_fn.name()}")


# %%
# 글 :ref:`post-differentiable`\ 은 같은 신경망을 ``MyModel``\ 이라고 부르고, 결과를
# ``out``\ 에 담았다가 돌려줍니다. 이름만 다를 뿐 차이는 없습니다. 같은 시드로 만든 두
# 모델은 가중치가 같고, 따라서 출력도 같습니다.
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
# ``model.parameters()``\ 는 모델이 학습하는 텐서, 곧 파라미터를 하나씩 모두 돌려줍니다.
# 옵티마이저에는 바로 이 파라미터를 넘겨줍니다. 옵티마이저는 파라미터를 업데이트하는
# 객체로, :ref:`sphx_glr_auto_examples_autograd_plot_06_training_step.py`\ 에서
# 처음 보았습니다. ``named_parameters()``\ 는 이름도 함께 돌려줍니다. ``nn.Linear(2, 1)``\ 에는
# 형태가 ``(1, 2)``\ 인 가중치와 형태가 ``(1,)``\ 인 편향이 들어 있어, 숫자는 모두
# 3개입니다.
for name, parameter in model.named_parameters():
    print(f"{name}: 형태 {tuple(parameter.shape)}, requires_grad={parameter.requires_grad}")
print(f"파라미터 수: {sum(p.numel() for p in model.parameters())}")

# %%
# 파라미터가 쓰인 연산은 기록되므로, ``backward()``\ 를 호출하면 파라미터의 ``.grad``\ 가
# 채워집니다. 출력이 :math:`w_1 x_1 + w_2 x_2 + b`\ 이므로, 가중치에 대한 기울기는
# :math:`x = [1, 2]`\ 이고 편향에 대한 기울기는 1입니다.
output.backward()
print(f"weight.grad: {model.linear.weight.grad}")
print(f"bias.grad: {model.linear.bias.grad}")
print(f"weight.grad == x: {torch.equal(model.linear.weight.grad, x)}")

# %%
# ``nn.Linear``\ 가 시작 가중치를 정하는 방법
# -------------------------------------------
# 글 :ref:`post-concepts`\ 는 가중치가 "Kaiming He 초기화(Kaiming Uniform
# Initialization)"로 시작한다고 설명합니다. 레이어를 만들 때 실제로 무슨 일이 일어나는지는
# PyTorch 소스 코드에서 볼 수 있습니다. 가중치는 ``a=math.sqrt(5)``\ 를 준
# ``kaiming_uniform_``\ 으로 초기화하고, 편향은 별도의 경계값(bound)을 둔 균등 분포에서
# 뽑습니다.
print(inspect.getsource(nn.Linear.reset_parameters))

# %%
# 공식
# ----
# ``kaiming_uniform_``\ 은 :math:`U(-\text{bound}, \text{bound})`\ 에서 값을 뽑습니다.
# 여기서 :math:`\text{bound} = \text{gain} \cdot \sqrt{3 / n}`\ 이고, :math:`n`\ 은 입력
# 개수인 ``fan_in``\ 입니다. leaky ReLU의 음수 쪽 기울기(slope)를 :math:`a`\ 라고 하면
# :math:`\text{gain} = \sqrt{2 / (1 + a^2)}`\ 입니다(``kaiming_uniform_``\ 의
# ``nonlinearity`` 기본값이 leaky ReLU입니다). :math:`a = \sqrt{5}`\ 이면
# :math:`\text{gain}`\ 은 :math:`\sqrt{1/3}`\ 이 되어 :math:`\text{bound} = 1 / \sqrt{n}`,
# 곧 편향과 같은 경계값이 됩니다. 아래 셀은 이 경계값을 세 가지 방법으로 계산합니다.
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
# 공식이 맞다면, 새로 만든 레이어 여러 개의 가중치는 :math:`[-\text{bound}, \text{bound}]`
# 구간을 고르게 채우고 그 밖으로는 절대 나가지 않습니다. 또 경계값은 출력 개수와 상관없이
# 입력 개수로만 정해집니다. 그리고 :math:`[-b, b]`\ 의 균등 분포는 표준편차가
# :math:`b / \sqrt{3}`\ 입니다. 입력이 2개인 레이어와 64개인 레이어를 각각 출력 1개짜리와
# 여러 개짜리로 만들어, 시작 가중치와 편향을 모읍니다.
samples = {}
for fan_in, fan_out, count in ((2, 1, 2000), (2, 64, 100), (64, 1, 200), (64, 32, 20)):
    layers = [nn.Linear(fan_in, fan_out) for _ in range(count)]
    weights = torch.cat([layer.weight.detach().flatten() for layer in layers])
    biases = torch.cat([layer.bias.detach() for layer in layers])
    bound = 1 / math.sqrt(fan_in)
    if fan_out == 1:
        samples[fan_in] = weights
    inside = bool((weights.abs() <= bound).all() and (biases.abs() <= bound).all())
    print(
        f"nn.Linear({fan_in}, {fan_out}): 가중치 {weights.numel()}개의 범위 "
        f"[{weights.min():.4f}, {weights.max():.4f}], 경계값 {bound:.4f}, 모두 구간 안: {inside}"
    )
    print(f"  가중치의 표준편차 {weights.std():.4f}, 경계값 / sqrt(3) = {bound / math.sqrt(3):.4f}")

# %%
# :math:`[-b, b]`\ 의 균등 분포는 구간 안에서 밀도가 :math:`1 / (2b)`\ 이고 밖에서는
# 0입니다. 출력이 1개인 레이어들의 가중치 히스토그램을 이 밀도와 겹쳐 그립니다.
fig, axes = plt.subplots(1, 2, figsize=(7, 3))
for ax, fan_in in zip(axes, (2, 64), strict=True):
    weights = samples[fan_in]
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
describe_figure(
    fig,
    "새로 만든 nn.Linear 레이어들의 시작 가중치를 히스토그램 두 개로 그린 그림입니다. 왼쪽은 "
    f"입력이 2개인 레이어(경계값 {1 / math.sqrt(2):.3f}), 오른쪽은 입력이 64개인 레이어(경계값 "
    f"{1 / math.sqrt(64):.3f})이고, 가로축은 시작 가중치, 세로축은 밀도입니다. 두 히스토그램 "
    "모두 점선으로 그린 균등 분포 U(-경계값, 경계값)를 따라 평평하고 경계값 밖으로는 나가지 "
    "않아서, 입력이 많은 레이어일수록 가중치의 구간이 좁습니다.",
)
plt.show()

# %%
# 그림의 히스토그램은 평평하고, 정확히 :math:`\pm 1/\sqrt{n}` 구간을 채웁니다. 입력이
# 많을수록 구간이 좁아집니다. 앞 셀의 결과에서 보듯, 출력 개수가 1개든 여러 개든 경계값은
# 같습니다. 따라서 글이 말한 함수 이름은 맞지만, 실제로 하는 일은 흔히 "Kaiming(He)
# 초기화"라고 부르는 것과 다릅니다. He 등이 ReLU 신경망을 위해 제안한 초기화를 균등 분포
# 버전(``kaiming_uniform_``\ 에 기본값 :math:`a = 0`\ 을 준 것)으로 쓰면
# :math:`\text{gain}`\ 이 :math:`\sqrt{2}`\ 이고 경계값이 :math:`\sqrt{6}`\ 배 넓습니다.
# PyTorch 소스의 주석에도 적혀 있듯, ``a=math.sqrt(5)``\ 를 준 ``kaiming_uniform_``\ 은
# :math:`U(-1/\sqrt{n}, 1/\sqrt{n})`\ 에서 값을 뽑는 일을 에둘러 할 뿐입니다.
he_bound = kaiming_uniform_bound(64, a=0.0)
linear_bound = kaiming_uniform_bound(64, a=math.sqrt(5))
print(f"fan_in=64: He (a=0) 경계값 {he_bound:.4f}, nn.Linear 경계값 {linear_bound:.4f}")
print(f"비율: {he_bound / linear_bound:.4f}, sqrt(6) = {math.sqrt(6):.4f}")

# %%
# 정리
# ----
# 모델은 ``nn.Module``\ 을 상속해 만듭니다. 레이어는 ``__init__``\ 에서 만들고, 계산은
# ``forward``\ 에 적고, 호출은 ``model(x)``\ 로 합니다. 출력에는 ``grad_fn``\ 이
# 붙습니다(편향이 있는 선형 레이어에 2차원 배치를 넣으면 ``AddmmBackward0``). 속성에 대입한
# 레이어는 등록되지만, 평범한 리스트에 담은 레이어는 등록되지 않습니다. ``parameters()``\ 로 가중치를
# 옵티마이저에 넘깁니다. 입력이 :math:`n`\ 개인 ``nn.Linear``\ 는 가중치와 편향을 모두
# :math:`U(-1/\sqrt{n}, 1/\sqrt{n})`\ 에서 뽑아 시작합니다.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`
#
# PyTorch 공식 문서: `nn.Module <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html>`_,
# `nn.Linear <https://docs.pytorch.org/docs/stable/generated/torch.nn.Linear.html>`_,
# `torch.nn.init <https://docs.pytorch.org/docs/stable/nn.init.html>`_.

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** ``layer = nn.Linear(3, 2)``\ 의 가중치와 편향은 형태가 각각
#    무엇일까요? 파라미터에는 숫자가 모두 몇 개 있고, ``layer(torch.ones(4, 3))``\ 의 형태는
#    무엇일까요?
# 2. **하나만 바꾸고 설명하기.** ``SimpleModel``\ 의 ``__init__``\ 에서
#    ``super().__init__()`` 줄을 지우면, ``SimpleModel()``\ 로 모델을 만들 때 무슨 일이
#    일어날까요?
# 3. **직접 작성하기.** ``ListModel``\ 의 평범한 리스트를 ``nn.ModuleList``\ 로 바꿔 다시
#    작성하세요. 모델을 출력하면 레이어가 나오는지, ``parameters()``\ 가 텐서를 몇 개
#    돌려주는지, ``backward()`` 뒤에 레이어 가중치의 ``.grad``\ 가 채워지는지 확인하세요.
# 4. **예측한 뒤 실행하기.** 새로 만든 ``nn.Linear(16, 4)``\ 의 시작 가중치는 어느 구간
#    안에 있을까요? ``nn.Linear(16, 400)``\ 이면 구간이 달라질까요?

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# 출력을 :math:`b + xW^T`\ 로 계산하므로 가중치는 출력마다 행 하나, 입력마다 열 하나인
# ``(2, 3)``\ 이고, 편향은 출력마다 숫자 하나인 ``(2,)``\ 입니다. 숫자는 6 + 2 = 8개이고,
# 배치의 행 4개가 각각 숫자 2개가 되므로 출력은 ``(4, 2)``\ 입니다.
layer = nn.Linear(3, 2)
layer_size = sum(p.numel() for p in layer.parameters())
layer_output = layer(torch.ones(4, 3))
print(f"weight: 형태 {tuple(layer.weight.shape)}, bias: 형태 {tuple(layer.bias.shape)}")
print(f"파라미터 수: {layer_size}, 출력의 형태: {tuple(layer_output.shape)}")
assert layer.weight.shape == (2, 3) and layer.bias.shape == (2,)
assert layer_size == 8 and layer_output.shape == (4, 2)


# %%
# 풀이 2
# ^^^^^^
# ``self.linear = ...``\ 처럼 레이어를 속성에 대입하면 ``nn.Module``\ 이 그 레이어를
# 등록하는데, 등록할 자리는 ``nn.Module`` 자신의 ``__init__``\ 이 마련합니다. 이 호출을 빼면
# 그 자리가 아직 없으므로, 모델을 만드는 순간 대입하는 줄에서 ``AttributeError``\ 가 납니다.
class NoSuperModel(nn.Module):
    def __init__(self):
        self.linear = nn.Linear(2, 1)  # super().__init__()을 부르지 않음

    def forward(self, x):
        return self.linear(x)


try:
    NoSuperModel()
except AttributeError as error:
    print(f"{type(error).__name__}: {error}")
    assert "before Module.__init__()" in str(error)
else:
    raise AssertionError("assigning a layer before nn.Module.__init__() should fail")
print(f"super().__init__()을 부르는 SimpleModel의 레이어: {SimpleModel().linear}")


# %%
# 풀이 3
# ^^^^^^
# ``nn.ModuleList``\ 는 리스트처럼 쓰지만 그 자체가 모듈이므로, 속성에 대입하면 안에 든
# 레이어까지 함께 등록됩니다. 이제 모델을 출력하면 레이어가 나오고, ``parameters()``\ 가
# 가중치와 편향 텐서 2개를 옵티마이저에 넘겨줄 수 있으며, ``backward()``\ 가 그 ``.grad``\ 를
# 채웁니다.
class ModuleListModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(2, 1)])  # 등록됨

    def forward(self, x):
        return self.layers[0](x)


listed = ModuleListModel()
print(listed)
print(f"ModuleListModel의 파라미터 텐서 수: {len(list(listed.parameters()))}")
listed(x).backward()
print(f"layers[0].weight.grad: {listed.layers[0].weight.grad}")
assert len(list(listed.parameters())) == 2
assert torch.equal(listed.layers[0].weight.grad, x)

# %%
# 풀이 4
# ^^^^^^
# 경계값 :math:`1/\sqrt{n}`\ 은 입력 개수 :math:`n`\ 으로만 정해지므로 두 레이어 모두
# :math:`[-0.25, 0.25]`\ 에서 가중치를 뽑습니다. 출력 개수는 가중치의 개수만 바꿉니다.
# 가중치가 6,400개인 ``nn.Linear(16, 400)``\ 에서는 가장 큰 절댓값이 경계값에 거의 닿습니다.
bound = 1 / math.sqrt(16)
largest = {}
for fan_out in (4, 400):
    weights = nn.Linear(16, fan_out).weight.detach()
    largest[fan_out] = weights.abs().max().item()
    print(
        f"nn.Linear(16, {fan_out}): 가중치 {weights.numel()}개, "
        f"가장 큰 절댓값 {largest[fan_out]:.5f}, 경계값 {bound:.5f}"
    )
assert all(value <= bound for value in largest.values())
assert largest[400] > 0.99 * bound
