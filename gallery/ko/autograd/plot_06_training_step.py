r"""
이미지 모델로 학습 한 단계 전체 실행하기
========================================

글 :ref:`post-autograd-easy`\ 는 autograd 둘러보기를 ResNet18의 학습 한 단계로
시작합니다. ResNet18은 파라미터(parameter)가 1,100만 개가 넘는 이미지 분류 모델이고,
한 단계는 순전파(forward pass), 손실(loss), 역전파(backward pass), 옵티마이저(optimizer)
단계로 이루어집니다. 이 페이지에서는 그 한 단계를 실행해 각 부분이 한 일을 확인하고,
두 번째 단계를 실행해 모멘텀(momentum)이 더하는 것을 보여 줍니다. 모델, 손실 함수,
옵티마이저는 이 장 다음에 오는 모델 장에서 제대로 배웁니다. 여기서는 처음 나올 때
한 줄로 정의합니다. (선택)이 붙은 절은 신경망 속을 더 깊이 들여다봅니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다: 라이브러리 불러오기, 그림 글꼴 설정,
# 난수 시드 고정. ``pytorch_basics.models.resnet18``\ 은 ResNet18을 평범한
# ``torch.nn`` 레이어로 풀어 쓴 것이라, 이 페이지에는 torchvision도 내려받기도
# 필요 없습니다.
import matplotlib.pyplot as plt
import torch

from pytorch_basics.models import resnet18
from pytorch_basics.plotting import use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# 모든 것을 한 장치에
# -------------------
# 글 :ref:`post-autograd-easy`\ 에는 "이 튜토리얼은 CPU에서만 동작하며,
# GPU에서는 실행되지 않습니다"라는 참고 문구가 있습니다. 글이 번역한 PyTorch
# 튜토리얼에서 온 문구인데, 이유는 적혀 있지 않고,
# `이 문구를 추가한 변경 <https://github.com/pytorch/tutorials/pull/1697>`_\ 도
# 튜토리얼을 CPU에서 쓰라고만 말합니다. 아래 단계의 어떤 부분도 CPU를 필요로 하지
# 않습니다. 문제가 되는 것은 장치(device)를 *섞는* 경우입니다. 예를 들어 GPU에 있는
# 모델에 CPU에 있는 텐서를 넣으면 실패합니다. 그 오류는
# :ref:`sphx_glr_auto_examples_tensors_plot_09_devices.py`\ 에서 볼 수 있습니다.
# 그래서 이 페이지는 가속기(accelerator), 예를 들어 CUDA GPU가 있으면 그것을, 없으면
# CPU를 장치 하나로 골라 모델과 모든 텐서를 거기에 둡니다. 이 페이지를 빌드한 장치는
# 다음과 같습니다.
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
print(f"장치: {device.type}")

# %%
# 무작위 가중치를 가진 모델
# -------------------------
# *모델*\ 은 여러 레이어로 이루어진 신경망을 파이썬 객체 하나로 묶은 것입니다. 이런
# 객체를 ``torch.nn.Module``\ 이라 하며,
# :ref:`sphx_glr_auto_examples_models_plot_01_nn_module.py`\ 에서 배웁니다.
# ``model(data)``\ 를 호출하면 순전파가 실행되고, 모델의 가중치와 편향, 곧
# *파라미터*\ 는 ``requires_grad=True``\ 인 텐서입니다. ResNet18도 이런 모델입니다.
# 가중치가 있는 레이어 18개로 이루어지며, 대부분은 합성곱(convolution, 작은 필터를
# 이미지 위에서 밀며 계산하는 레이어)이고, 마지막 분류기 ``fc``\ 는 클래스마다 하나씩
# 모두 1000개의 값을 출력합니다.
#
# 글 :ref:`post-autograd-easy`\ 는 ``resnet18(weights=ResNet18_Weights.DEFAULT)``\ 를
# 호출해 ImageNet으로 학습된 가중치를 내려받습니다. 이 사이트를 빌드하는 동안에는 사전 학습된 가중치를 내려받을
# 수 없으므로, 이 페이지는 같은 구조에 무작위로 초기화된 가중치를 씁니다. 학습 단계의
# 코드는 어느 쪽이든 같습니다. 학습된 가중치가 바꾸는 것은 값, 그리고 예측이 얼마나
# 좋은지입니다.
model = resnet18().to(device)
parameters = dict(model.named_parameters())
print(f"파라미터 텐서: {len(parameters)}")
print(f"파라미터(스칼라): {sum(p.numel() for p in parameters.values()):,}")
print(f"모두 기울기 필요: {all(p.requires_grad for p in parameters.values())}")

# %%
# 순전파
# ------
# 글 :ref:`post-autograd-easy`\ 와 같이 무작위 64×64 RGB 이미지 한 장(크기 1인
# 배치)과, 정답 대신 쓰는 무작위 수를 클래스마다 하나씩 만듭니다. ``prediction``\ 에는 ``grad_fn``\ 이 있습니다.
# 마지막 연산은 분류기의 행렬 곱에 편향을 더하는 연산입니다.
data = torch.rand(1, 3, 64, 64, device=device)
labels = torch.rand(1, 1000, device=device)
prediction = model(data)
print(f"prediction: 형태 {tuple(prediction.shape)}, grad_fn {prediction.grad_fn.name()}")

# %%
# 손실과 역전파
# -------------
# *손실 함수*\ 는 예측값과 정답을 숫자 하나로 바꾸며, 예측이 좋을수록 이 값이 작아야
# 합니다(:ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py` 참고).
# 글 :ref:`post-autograd-easy`\ 의 손실은 ``prediction - labels``\ 를 그냥 모두
# 더합니다. 숫자 하나이므로 ``backward()``\ 에 ``gradient=``\ 가 필요 없습니다. ``backward()`` 전에는 어떤
# 파라미터에도 기울기(gradient)가 없고, 그 뒤에는 모든 파라미터가 자신과 같은 형태의
# 기울기를 가집니다.
loss = (prediction - labels).sum()
print(f"손실: {loss.item():.4f}")
grads_before = [p.grad for p in parameters.values() if p.grad is not None]
print(f"backward() 전 .grad가 있는 텐서: {len(grads_before)}")
loss.backward()
with_grad = [p for p in parameters.values() if p.grad is not None]
print(f"backward() 후 .grad가 있는 텐서: {len(with_grad)} / {len(parameters)}")
print(f"기울기를 받은 스칼라: {sum(p.grad.numel() for p in with_grad):,}")

# %%
# 출력 쪽에서 손으로 확인하기
# ---------------------------
# 손실은 :math:`\sum_k (\text{prediction}_k - \text{label}_k)`\ 이므로 예측이 좋든
# 나쁘든 모든 클래스에서 :math:`\partial \text{loss} / \partial \text{prediction}_k = 1`\ 입니다.
# 분류기는 편향을 그대로 더하므로(:math:`\text{prediction} = W h + \text{bias}`),
# 편향의 모든 요소의 기울기도 1입니다. (그래서 글의 손실은 시연용일 뿐입니다. 어떤
# 예측이 맞는지 전혀 알려 주지 않기 때문입니다. 실제 분류에는
# ``torch.nn.CrossEntropyLoss``\ 처럼 분류용으로 만든 손실 함수를 씁니다.)
fc_bias_grad = model.fc.bias.grad
print(f"fc.bias.grad == ones: {torch.allclose(fc_bias_grad, torch.ones_like(fc_bias_grad))}")

# %%
# 옵티마이저 단계
# ---------------
# *옵티마이저*\ 는 파라미터 목록을 들고 있다가 ``step()``\ 을 호출하면 각 파라미터를
# 자신의 ``.grad``\ 로 업데이트합니다.
# :ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py`\ 의 업데이트를 모든
# 파라미터에 한꺼번에 하는 셈이며, 자세한 내용은
# :ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`\ 에서 배웁니다.
# 글 :ref:`post-autograd-easy`\ 의 옵티마이저는 학습률 0.01, 모멘텀 0.9인 확률적
# 경사 하강법(SGD)입니다. SGD는 파라미터마다 버퍼를 두고
# :math:`\text{buf} \leftarrow 0.9 \cdot \text{buf} + \text{grad}`\ 로 업데이트한 뒤
# 파라미터를 :math:`-\text{lr} \cdot \text{buf}`\ 만큼 움직입니다. 그래서 각 단계는
# 앞선 단계들의 방향을 일부 이어 갑니다. 변화를 재기 위해 먼저 모든 파라미터와
# 기울기를 복사해 둡니다.
before = {name: p.detach().clone() for name, p in parameters.items()}
first_grads = {name: p.grad.clone() for name, p in parameters.items()}
optim = torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)
optim.step()
after_first = {name: p.detach().clone() for name, p in parameters.items()}

# %%
# 첫 단계에는 앞선 단계가 없습니다. SGD는 버퍼를 기울기 자체로 시작하므로, 모든
# 파라미터는 정확히 :math:`-\text{lr} \cdot \text{grad}`\ 만큼 움직입니다. 평범한
# 경사 하강법입니다.
lr = optim.param_groups[0]["lr"]
first_is_plain = all(
    torch.allclose(after_first[name] - before[name], -lr * first_grads[name], atol=1e-6)
    for name in parameters
)
print(f"텐서 {len(parameters)}개 모두 변화 == -lr * grad: {first_is_plain}")
assert first_is_plain

# %%
# 파라미터는 실제로 바뀌었습니다
# ------------------------------
# 기울기가 0이 아닌 스칼라는 모두 움직여야 합니다. 그중 일부는 움직이지 않았습니다.
# 이동량이 값에 비해 너무 작아서, 정확한 결과를 float32로 반올림하면 다시 원래 수가
# 되기 때문입니다. 이동을 정확하게(float64로) 계산해 float32로 반올림해 보면 그런
# 스칼라 모두가 그렇다는 것을 확인할 수 있습니다.
changed, nonzero, stuck, rounds_back = 0, 0, 0, True
for name in parameters:
    moved = after_first[name] != before[name]
    has_grad = first_grads[name] != 0
    not_moved = has_grad & ~moved
    exact = before[name].double() - lr * first_grads[name].double()
    rounds_back &= bool((exact.float()[not_moved] == before[name][not_moved]).all())
    changed += moved.sum().item()
    nonzero += has_grad.sum().item()
    stuck += not_moved.sum().item()
total = sum(p.numel() for p in parameters.values())
print(f"기울기가 0이 아닌 스칼라: {nonzero:,} / {total:,}")
print(f"step()으로 바뀐 스칼라: {changed:,}")
print(f"기울기는 0이 아니지만 그대로인 스칼라: {stuck:,} ({stuck / nonzero:.2%})")
print(f"그 모두에서 정확한 새 값을 반올림하면 원래 값: {rounds_back}")

# %%
# 두 번째 단계: 모멘텀의 효과
# ---------------------------
# 학습 반복문에서는 단계가 이 순서로 되풀이됩니다. ``optim.zero_grad()``\ (이전
# 기울기 지우기,
# :ref:`sphx_glr_auto_examples_autograd_plot_04_vector_outputs.py` 참고), 순전파,
# 손실, ``backward()``, ``step()``\ 입니다. 두 번째 단계에서는 버퍼에 첫 기울기가
# 이미 들어 있으므로 변화는
# :math:`-\text{lr} \cdot (0.9 \cdot \text{grad}_1 + \text{grad}_2)`\ 이고, 더 이상
# :math:`-\text{lr} \cdot \text{grad}_2`\ 가 아닙니다.
optim.zero_grad()
loss = (model(data) - labels).sum()
loss.backward()
optim.step()
with_momentum = all(
    torch.allclose(
        p.detach() - after_first[name], -lr * (0.9 * first_grads[name] + p.grad), atol=1e-5
    )
    for name, p in parameters.items()
)
plain_only = all(
    torch.allclose(p.detach() - after_first[name], -lr * p.grad, atol=1e-5)
    for name, p in parameters.items()
)
print(f"변화 == -lr * (0.9 * grad_1 + grad_2): {with_momentum}")
print(f"변화 == -lr * grad_2:                  {plain_only}")
assert with_momentum and not plain_only

# %%
# 신경망 속 들여다보기 (선택)
# ---------------------------
# 이 절과 뒤의 두 절은 처음 읽을 때 건너뛰어도 됩니다. 뒤의 어떤 내용도 이 절들에
# 의존하지 않습니다. ResNet18은 *스템*\ (stem, 첫 합성곱 ``conv1``\ 과 그 배치 정규화
# ``bn1``), 네 *스테이지*\ (stage) ``layer1``\ ~\ ``layer4``, 그리고 분류기 ``fc``\ 로
# 이루어집니다. 순전파 훅(forward hook)은 순전파 중에 PyTorch가 레이어의 출력과 함께
# 호출하는 함수이며, 여기서는 각 스테이지의 출력 형태(shape)를 기록합니다. 보기만
# 하므로 순전파는 ``torch.no_grad()`` 안에서 실행합니다.
stage_shapes = {}
hooks = [
    getattr(model, stage).register_forward_hook(
        lambda module, inputs, output, stage=stage: stage_shapes.update(
            {stage: tuple(output.shape)}
        )
    )
    for stage in ["layer1", "layer2", "layer3", "layer4"]
]
with torch.no_grad():
    model(data)
for hook in hooks:
    hook.remove()
for stage, shape in stage_shapes.items():
    print(f"{stage} 출력: {shape}")

# %%
# 스테이지마다 높이와 너비가 절반이 되어, 마지막 스테이지에는 채널마다 2×2개의 위치가
# 남습니다. 이는 *배치 정규화*\ (batch norm)에 중요합니다. 배치 정규화는 각 채널을
# 그 채널에 들어온 값들의 평균과 분산으로 정규화하는 레이어입니다. 새로 만든 모델은
# *학습 모드*\ (``model.training``\ 이 ``True``)이고, 학습 모드의 배치 정규화는 이
# 통계를 현재 배치에서 구하므로 채널마다 값이 둘 이상 있어야 합니다. 이미지 한 장에
# 2×2 특징 맵이면 값이 네 개이지만, 1×1 특징 맵이면 하나뿐이고 학습 모드의 배치
# 정규화는 이를 거부합니다.
print(f"학습 모드: {model.training}")
try:
    torch.nn.BatchNorm2d(2)(torch.rand(1, 2, 1, 1))
except ValueError as error:
    print(f"{type(error).__name__}: {error}")

# %%
# 기울기가 정확히 0인 이유 (선택)
# -------------------------------
# 이 절은 처음 읽을 때 건너뛰어도 되며, 뒤의 어떤 내용도 이 절에 의존하지 않습니다. 첫
# ``backward()``\ 는 많은 기울기 값을 정확히 0으로 남겼고, 그 거의 전부가 마지막
# 스테이지에 있습니다.
zero_share = {name: (g == 0).float().mean().item() for name, g in first_grads.items()}
zero_total = sum((g == 0).sum().item() for g in first_grads.values())
zero_layer4 = sum((g == 0).sum().item() for name, g in first_grads.items() if "layer4" in name)
print(f"기울기가 정확히 0인 스칼라: {zero_total:,} ({zero_total / total:.1%})")
print(f"그중 layer4에 있는 것: {zero_layer4:,}")
for name, share in zero_share.items():
    if share > 0.05:
        print(f"  {name}: {share:.1%}가 0")

# %%
# 필터 가중치 하나의 기울기는 곱들의 합이며, 필터가 레이어 입력에 닿은 위치(와
# 이미지)마다 곱이 하나씩 있습니다. 여기서는 두 가지 때문에 이 합이 0이 됩니다.
# 마지막 스테이지의 합성곱에 들어오는 입력은 ReLU, 곧 함수 :math:`\max(0, x)`\ 를
# 거쳐 오므로 값의 절반쯤이 정확히 0입니다. 그리고 이미지 한 장에 2×2 특징 맵이면
# 가중치 하나가 닿는 위치는 한 개, 두 개, 또는 네 개뿐입니다. 그 기울기를 낸 가중치
# 그대로 확인하려고, 첫 단계 이전 파라미터의 복사본을 받은 두 번째 ResNet18
# ``initial``\ 을 만듭니다. 순전파 사전 훅(forward pre-hook, 레이어의 입력과 함께
# 호출됨)이 ``layer4.1.conv2``\ 에 들어오는 0의 비율을 잽니다.
initial = resnet18().to(device)
with torch.no_grad():
    for name, p in initial.named_parameters():
        p.copy_(before[name])

zero_inputs = {}
pre_hook = initial.layer4[1].conv2.register_forward_pre_hook(
    lambda module, inputs: zero_inputs.update(share=(inputs[0] == 0).float().mean().item())
)


def zero_shares(images):
    initial.zero_grad()
    (initial(images) - labels).sum().backward()
    return {name: (p.grad == 0).float().mean().item() for name, p in initial.named_parameters()}


shares_1 = zero_shares(data)
pre_hook.remove()
print(f"layer4.1.conv2에 들어오는 값 중 정확히 0인 비율: {zero_inputs['share']:.1%}")
print(f"첫 단계와 같은 0 기울기: {shares_1 == zero_share}")

# %%
# 두 번째 원인을 없애 봅니다. 이미지 여덟 장의 배치를 넣으면 가중치마다 더할 곱이
# 여덟 배가 되고, 마지막 스테이지의 정확한 0은 거의 사라집니다.
shares_8 = zero_shares(torch.rand(8, 3, 64, 64, device=device))
for name in ["layer4.0.conv2.weight", "layer4.1.conv2.weight"]:
    print(f"{name}: 이미지 1장일 때 {shares_1[name]:.1%}, 8장일 때 {shares_8[name]:.1%}가 0")

# %%
# 스테이지별로 움직인 정도 (선택)
# -------------------------------
# 이 절은 처음 읽을 때 건너뛰어도 되며, 뒤의 어떤 내용도 이 절에 의존하지 않습니다. 다시 첫
# 단계로 돌아가, 스테이지별로 묶어 파라미터 하나의 가장 큰 변화와, 그 스테이지
# 가중치 크기에 대한 변화의 상대적 크기
# :math:`\lVert \Delta w \rVert / \lVert w \rVert`\ 를 표로 보입니다.


def stage_of(name):
    first = name.split(".")[0]
    return "stem" if first in ("conv1", "bn1") else first


stages = ["stem", "layer1", "layer2", "layer3", "layer4", "fc"]
largest, relative = {}, {}
for stage in stages:
    names = [name for name in parameters if stage_of(name) == stage]
    deltas = torch.cat([(after_first[name] - before[name]).flatten() for name in names])
    weights = torch.cat([before[name].flatten() for name in names])
    largest[stage] = deltas.abs().max().item()
    relative[stage] = (deltas.norm() / weights.norm()).item()
    print(f"{stage:>6}: 가장 큰 변화 {largest[stage]:.4f}, 상대적 변화 {relative[stage]:.4f}")

# %%
# 그림은 표의 두 열을 그립니다.
fig, (ax_max, ax_rel) = plt.subplots(1, 2, figsize=(7, 3))
ax_max.bar(stages, list(largest.values()), color="tab:blue")
ax_max.set_yscale("log")
ax_max.set_ylabel("가장 큰 |변화|")
ax_max.set_title("파라미터 하나의 가장 큰 변화")
ax_rel.bar(stages, list(relative.values()), color="tab:orange")
ax_rel.set_ylabel("‖Δw‖ / ‖w‖")
ax_rel.set_title("가중치에 대한 상대적 변화")
for ax in (ax_max, ax_rel):
    ax.tick_params(axis="x", labelrotation=45)
fig.suptitle("ResNet18에서 SGD 한 단계: 스테이지별")
plt.show()

# %%
# 그림에서 보듯 한 단계가 모든 스테이지를 움직였고, 그중 stem이 가장 많이
# 움직였습니다. stem의 상대적 변화는 1보다 크므로, 단 한 단계가 가중치를 그 자체의
# 크기보다 더 크게 바꾼 것입니다.
print(f"stem: 상대적 변화 {relative['stem']:.2f}, 1보다 큼: {relative['stem'] > 1}")

# %%
# 정리
# ----
# - 학습 한 단계는 순전파(``model(data)``), 손실, ``loss.backward()``, 그리고
#   ``optimizer.step()``\ 입니다. 반복문에서는 ``optimizer.zero_grad()``\ 가 먼저
#   옵니다.
# - ``backward()``\ 는 모델의 파라미터 텐서 하나하나에 기울기를 주었습니다. 첫 SGD
#   단계는 각 파라미터를 ``-lr * grad``\ 만큼 움직였고, 두 번째 단계부터는 모멘텀이
#   이전 버퍼의 ``0.9``\ 배를 더합니다.
# - 내려받은 가중치 대신 무작위 가중치를 쓰면 값이 바뀔 뿐 학습 단계의 코드는
#   같습니다. 모델과 모든 텐서를 한 장치에 두면 같은 페이지가 GPU에서도 실행됩니다.
#
# 각 부분은 이 장의 앞 페이지에서 설명했습니다. 손실이 왜 스칼라여야 하는지는
# :ref:`sphx_glr_auto_examples_autograd_plot_04_vector_outputs.py`\ 에서,
# ``step()``\ 이 대신 해 주는 업데이트는
# :ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py`\ 에서 다뤘습니다. API:
# `torch.optim.SGD <https://docs.pytorch.org/docs/stable/generated/torch.optim.SGD.html>`_,
# `torch.accelerator <https://docs.pytorch.org/docs/stable/accelerator.html>`_,
# `torch.nn.Module.register_forward_hook <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.register_forward_hook>`_,
# `torch.nn.BatchNorm2d <https://docs.pytorch.org/docs/stable/generated/torch.nn.BatchNorm2d.html>`_.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_autograd_plot_07_in_depth.py`\ 에서는
# autograd를 더 깊이 살펴봅니다.
