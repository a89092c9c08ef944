"""
이미지 모델로 학습 한 단계 전체 실행하기
========================================

이 페이지의 바탕이 된 원래 글은 autograd 둘러보기를 ResNet18의 학습 한 단계로
마무리합니다. ResNet18은 파라미터(parameter)가 1,100만 개가 넘는 이미지 분류 모델이고,
한 단계는 순전파(forward pass), 손실(loss), 역전파(backward pass), 옵티마이저(optimizer)
단계로 이루어집니다. 이 페이지에서는 그 한 단계를 실행하고 속을 들여다봅니다. 몇 개의
파라미터가 기울기(gradient)를 받았는지, 그리고 한 단계가 신경망의 각 부분을 얼마나
움직였는지 확인합니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다: 라이브러리 불러오기, 그림 글꼴 설정,
# 난수 시드 고정. ``pytorch_basics.models.resnet18`` 은 ResNet18을 평범한
# ``torch.nn`` 레이어로 풀어 쓴 것이라, 이 페이지에는 torchvision도 내려받기도
# 필요 없습니다.
import matplotlib.pyplot as plt
import torch

from pytorch_basics.models import resnet18
from pytorch_basics.plotting import use_site_style
from pytorch_basics.tensors import pick_device

use_site_style()
torch.manual_seed(0)

# %%
# 모든 것을 한 장치에
# -------------------
# 원래 글이 번역한 PyTorch 튜토리얼에는 "이 튜토리얼은 CPU에서만 동작한다"는 참고
# 문구가 있습니다. 문구에는 이유가 적혀 있지 않고,
# `이 문구를 추가한 변경 <https://github.com/pytorch/tutorials/pull/1697>`_ 도
# 튜토리얼을 CPU에서 쓰라고만 말합니다. 학습 단계의 어떤 부분도 장치(device)에
# 의존하지 않습니다. autograd는 GPU에서도 같은 그래프를 기록하고 실행합니다. 문제가
# 되는 것은 장치를 *섞는* 경우입니다. 예를 들어 GPU에 있는 모델에 CPU에 있는 텐서를
# 넣으면 실패합니다. 그래서 이 페이지는 장치 하나를 골라 모델과 모든 텐서를 거기에
# 둡니다. 이 사이트는 CPU에서 빌드됩니다.
device = pick_device()
print(f"장치: {device.type}")

# %%
# 무작위 가중치를 가진 모델
# -------------------------
# 원래 글은 ``resnet18(weights=ResNet18_Weights.DEFAULT)`` 를 호출해 ImageNet으로 학습된
# 가중치를 내려받습니다. 이 사이트는 네트워크 없이 빌드되므로, 이 페이지는 같은
# 구조에 무작위로 초기화된 가중치를 씁니다. autograd 입장에서는 달라지는 것이
# 없습니다. 순전파, ``backward()``, ``step()`` 은 가중치에 어떤 값이 들어 있든 같은
# 연산을 실행합니다. 학습된 가중치가 바꾸는 것은 값, 그리고 예측이 얼마나 좋은지
# 뿐입니다.
model = resnet18().to(device)
parameters = dict(model.named_parameters())
print(f"파라미터 텐서: {len(parameters)}")
print(f"파라미터(스칼라): {sum(p.numel() for p in parameters.values()):,}")
print(f"모두 기울기 필요: {all(p.requires_grad for p in parameters.values())}")

# %%
# 이미지가 작아지는 과정 보기
# ---------------------------
# 신경망은 학습 모드이므로 배치 정규화(batch norm) 레이어는 현재 배치의 통계로
# 정규화하며, 채널마다 값이 둘 이상 있어야 합니다. 이미지가 하나뿐이면 그 값들은
# 특징 맵의 위치들이고, 특징 맵은 스테이지(stage)를 거칠 때마다 작아집니다. 네
# 스테이지에 각각 순전파 훅(forward hook)을 걸어, 아래 순전파 동안 출력 형태(shape)를
# 기록합니다.
stage_shapes = {}
for stage in ["layer1", "layer2", "layer3", "layer4"]:
    getattr(model, stage).register_forward_hook(
        lambda module, inputs, output, stage=stage: stage_shapes.update(
            {stage: tuple(output.shape)}
        )
    )
print(f"학습 모드: {model.training}")

# %%
# 순전파
# ------
# 원래 글과 같이 무작위 64×64 RGB 이미지 한 장(배치 크기 1)과 1000개 클래스에 대한
# 무작위 정답을 만듭니다. ``prediction`` 에는 ``grad_fn`` 이 있습니다. 마지막 연산은
# 분류기의 행렬 곱에 편향을 더하는 연산입니다.
data = torch.rand(1, 3, 64, 64, device=device)
labels = torch.rand(1, 1000, device=device)
prediction = model(data)
print(f"prediction: 형태 {tuple(prediction.shape)}, grad_fn {prediction.grad_fn.name()}")
for stage, shape in stage_shapes.items():
    print(f"{stage} 출력: {shape}")

# %%
# 마지막 스테이지에도 채널마다 2×2개의 위치가 남아 있어 배치 정규화에는 충분합니다.
# 이미지 한 장에 1×1 특징 맵이라면 채널마다 값이 하나뿐이고, 학습 모드의 배치 정규화
# 레이어는 이를 거부합니다.
try:
    torch.nn.BatchNorm2d(2)(torch.rand(1, 2, 1, 1))
except ValueError as error:
    print(f"{type(error).__name__}: {error}")

# %%
# 손실과 역전파
# -------------
# 원래 글의 손실은 ``prediction - labels`` 를 그냥 모두 더합니다(실제 학습에서는
# ``torch.nn.CrossEntropyLoss`` 를 씁니다). ``backward()`` 전에는 어떤 파라미터에도
# 기울기가 없고, 그 뒤에는 기울기가 필요한 모든 파라미터가 자신과 같은 형태의
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
# 손실은 :math:`\sum_k (\text{prediction}_k - \text{label}_k)` 이므로
# :math:`\partial \text{loss} / \partial \text{prediction}_k = 1` 입니다. 분류기는
# 편향을 그대로 더하므로(:math:`\text{prediction} = W h + \text{bias}`), 편향의 모든
# 요소의 기울기도 1입니다.
fc_bias_grad = model.fc.bias.grad
print(f"fc.bias.grad == ones: {torch.allclose(fc_bias_grad, torch.ones_like(fc_bias_grad))}")

# %%
# 정확히 0인 기울기도 있습니다
# ----------------------------
# ReLU는 음수 입력으로는 기울기를 전혀 흘려보내지 않습니다. 이미지가 한 장이면
# 마지막 스테이지의 각 채널에는 위치가 몇 개뿐이고, 그중 상당수가 ReLU에서 0이 되므로
# 그곳의 가중치 기울기 중 많은 수가 정확히 0입니다.
zero_count = {name: (p.grad == 0).sum().item() for name, p in parameters.items()}
zero_total = sum(zero_count.values())
total = sum(p.numel() for p in parameters.values())
print(f"기울기가 정확히 0인 스칼라: {zero_total:,} ({zero_total / total:.1%})")
for name, count in zero_count.items():
    if count / parameters[name].numel() > 0.05:
        print(f"  {name}: {count / parameters[name].numel():.1%}가 0")

# %%
# 옵티마이저 단계
# ---------------
# 원래 글의 옵티마이저는 학습률 0.01, 모멘텀 0.9인 확률적 경사 하강법(SGD)이며, 모델의
# 모든 파라미터를 담습니다. 변화를 재기 위해 ``step()`` 전에 모든 파라미터의 복사본을
# 만들어 둡니다.
before = {name: p.detach().clone() for name, p in parameters.items()}
optim = torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)
optim.step()

# %%
# 첫 단계에서 SGD의 모멘텀 버퍼는 기울기 자체로 시작하므로, 이 단계는 평범한 경사
# 하강법입니다. 모든 파라미터는 정확히 :math:`-\text{lr} \cdot \text{grad}` 만큼
# 움직입니다. 모멘텀은 버퍼가 :math:`0.9 \cdot \text{buffer} + \text{grad}` 가 되는
# 두 번째 단계부터 효과를 냅니다.
lr = optim.param_groups[0]["lr"]
matches = all(
    torch.allclose(p.detach() - before[name], -lr * p.grad, atol=1e-6)
    for name, p in parameters.items()
)
print(f"텐서 {len(parameters)}개 모두 변화 == -lr * grad: {matches}")

# %%
# 파라미터는 실제로 바뀌었습니다
# ------------------------------
# 기울기가 0이 아닌 스칼라는 모두 움직였습니다. 다만 몇몇은 이동량이 그 값 근처의
# float32 수 간격보다 작아서 값이 그대로입니다.
changed = sum((p.detach() != before[name]).sum().item() for name, p in parameters.items())
nonzero = total - zero_total
print(f"step()으로 바뀐 스칼라: {changed:,} / {total:,} ({changed / total:.1%})")
print(f"기울기는 0이 아니지만 이동량이 너무 작아 그대로인 스칼라: {nonzero - changed:,}")

# %%
# 스테이지별로 움직인 정도
# ------------------------
# 스테이지별로 묶어(stem은 첫 합성곱과 그 배치 정규화입니다), 파라미터 하나의 가장 큰
# 변화와, 그 스테이지 가중치 크기에 대한 변화의 상대적 크기
# :math:`\lVert \Delta w \rVert / \lVert w \rVert` 를 표로 보입니다.


def stage_of(name):
    first = name.split(".")[0]
    return "stem" if first in ("conv1", "bn1") else first


stages = ["stem", "layer1", "layer2", "layer3", "layer4", "fc"]
largest, relative = {}, {}
for stage in stages:
    names = [name for name in parameters if stage_of(name) == stage]
    deltas = torch.cat([(parameters[name].detach() - before[name]).flatten() for name in names])
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
# 그림에서 보듯 한 단계가 모든 스테이지를 움직였고, 그중 stem이 가장 많이 움직였습니다.
# 상대적 변화가 1보다 크므로, 단 한 단계가 가중치를 그 자체의 크기보다 더 크게
# 바꾼 것입니다. 원래 글의 손실은 출력 1000개를 모두 더하므로 기울기가 큽니다.
# ``CrossEntropyLoss`` 같은 실제 손실 함수를 쓰면 한 단계의 이동은 훨씬 작습니다.
#
# 정리
# ----
# - 학습 한 단계는 순전파(``model(data)``), 손실, ``loss.backward()``, 그리고
#   ``optimizer.step()`` 입니다. 반복문에서는 ``optimizer.zero_grad()`` 가 먼저 옵니다.
# - ``backward()`` 는 모델의 파라미터 텐서 하나하나에 기울기를 주었고, 이 단계는 각
#   파라미터를 ``-lr * grad`` 만큼 움직였습니다(모멘텀은 두 번째 단계부터 효과를
#   냅니다).
# - 내려받은 가중치 대신 무작위 가중치를 쓰면 값이 바뀔 뿐 동작 방식은 같습니다.
#   모델과 모든 텐서를 한 장치에 두면 같은 페이지가 GPU에서도 실행됩니다.
#
# 각 부분은 이 장의 앞 페이지에서 설명했습니다:
# :ref:`sphx_glr_auto_examples_autograd_plot_04_vector_outputs.py` (손실이 왜 스칼라여야
# 하는지), :ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py` (``step()`` 이
# 대신 해 주는 업데이트). API:
# `torch.optim.SGD <https://docs.pytorch.org/docs/stable/generated/torch.optim.SGD.html>`_,
# `torch.nn.Module.register_forward_hook <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.register_forward_hook>`_,
# `torch.nn.BatchNorm2d <https://docs.pytorch.org/docs/stable/generated/torch.nn.BatchNorm2d.html>`_.
