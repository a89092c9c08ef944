r"""
이미지 모델로 학습 한 단계 전체 실행하기
========================================

글 :ref:`post-autograd-easy`\ 는 자동 미분 둘러보기를 ResNet18의 학습 한 단계로
시작합니다. ResNet18은 파라미터(parameter)가 1,100만 개가 넘는 이미지 분류 모델이고,
한 단계는 순전파(forward pass), 손실(loss), 역전파(backward pass), 옵티마이저(optimizer)
단계로 이루어집니다. 이 페이지에서는 그 한 단계를 실행해 각 부분이 한 일을 확인하고,
몇몇 파라미터가 움직이지 않은 이유를 밝힙니다. 이어서 두 번째 단계를 실행해
모멘텀(momentum)이 무엇을 더하는지 보여 줍니다. 모델, 손실 함수, 옵티마이저는 이 장
다음에 오는 모델 장에서 제대로 배우고, 여기서는 처음 나오는 곳에서 각각 한 줄로
설명합니다. (선택)이 붙은 마지막 절은 신경망 속을 들여다보며 일부
기울기(gradient)가 정확히 0인 이유를 찾습니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. 라이브러리를 불러오고, 그림에 쓸 글꼴을
# 설정하고, 난수 시드를 고정합니다. ``pytorch_basics.models.resnet18``\ 은 ResNet18을
# 평범한 ``torch.nn`` 레이어로 풀어 쓴 것이라, 이 페이지에는 torchvision도 내려받기도
# 필요 없습니다.
import matplotlib.pyplot as plt
import torch

from pytorch_basics.models import resnet18
from pytorch_basics.plotting import describe_figure, draw_tensor, use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# 모든 것을 한 장치에
# -------------------
# 글 :ref:`post-autograd-easy`\ 에는 "이 튜토리얼은 CPU에서만 동작하며,
# GPU에서는 실행되지 않습니다"라는 참고 문구가 있습니다. 글이 번역한 PyTorch
# 튜토리얼에서 온 문구인데, 이유는 적혀 있지 않고,
# `이 문구를 추가한 변경 사항 <https://github.com/pytorch/tutorials/pull/1697>`_\ 도
# 튜토리얼을 CPU에서 쓰라고만 할 뿐입니다. 아래 단계에는 CPU가 꼭 있어야 하는 부분이
# 없습니다. 문제가 되는 것은 장치(device)를 *섞는* 경우입니다. 예를 들어 GPU에 있는
# 모델에 CPU에 있는 텐서를 넣으면 실패합니다. 그 오류는
# :ref:`sphx_glr_auto_examples_tensors_plot_09_devices.py`\ 에서 볼 수 있습니다.
# 그래서 이 페이지는 장치를 하나만 고릅니다. CUDA GPU 같은 가속기(accelerator)가 있으면
# 그것을, 없으면 CPU를 고르고, 모델과 모든 텐서를 그 장치에 둡니다. 이 페이지를 빌드한
# 장치는 다음과 같습니다.
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
print(f"장치: {device.type}")

# %%
# 무작위 가중치로 만든 모델
# -------------------------
# *모델*\ 은 여러 레이어로 이루어진 신경망을 파이썬 객체 하나로 묶은 것입니다. 이런
# 객체를 ``torch.nn.Module``\ 이라 하며,
# :ref:`sphx_glr_auto_examples_models_plot_01_nn_module.py`\ 에서 배웁니다.
# ``model(data)``\ 를 호출하면 순전파가 실행되고, 모델의 가중치와 편향, 곧
# *파라미터*\ 는 ``requires_grad=True``\ 인 텐서입니다. ResNet18도 이런 모델입니다.
# 이름의 18은 주 경로에 놓인 레이어의 수입니다. 합성곱(convolution, 작은 필터를
# 이미지 위에서 밀며 계산하는 레이어) 17개와, 맨 끝에서 클래스마다 하나씩 모두
# 1000개의 값을 출력하는 분류기 ``fc``\ 입니다.
#
# 글 :ref:`post-autograd-easy`\ 는 ``resnet18(weights=ResNet18_Weights.DEFAULT)``\ 를
# 호출해 ImageNet으로 학습된 가중치를 내려받습니다. 이 사이트를 빌드하는 동안에는
# 사전 학습된 가중치를 내려받을 수 없으므로, 이 페이지는 같은 구조에 무작위로
# 초기화된 가중치를 씁니다. 학습 단계의 코드는 어느 쪽이든 같습니다. 학습된 가중치를
# 쓰면 값과 예측의 품질이 달라질 뿐입니다.
model = resnet18().to(device)
parameters = dict(model.named_parameters())
print(f"파라미터 텐서 개수: {len(parameters)}")
print(f"파라미터(숫자 개수): {sum(p.numel() for p in parameters.values()):,}")
print(f"모두 기울기 필요: {all(p.requires_grad for p in parameters.values())}")

# %%
# 순전파
# ------
# 글 :ref:`post-autograd-easy`\ 와 같이 무작위 64×64 RGB 이미지 한 장(크기 1인
# 배치)과, 정답 대신 쓰는 무작위 수를 클래스마다 하나씩 만듭니다.
# ``prediction``\ 에는 ``grad_fn``\ 이 있습니다. 마지막 연산은 분류기의 행렬 곱에
# 편향을 더하는 연산입니다.
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
# 더합니다. 숫자 하나이므로 ``backward()``\ 에 ``gradient=``\ 가 필요 없습니다.
# ``backward()`` 전에는 어떤 파라미터에도 기울기가 없고, 그 뒤에는 모든 파라미터에
# 자신과 같은 형태의 기울기가 생깁니다.
loss = (prediction - labels).sum()
print(f"손실: {loss.item():.4f}")
grads_before = [p.grad for p in parameters.values() if p.grad is not None]
print(f"backward() 전 .grad가 있는 텐서: {len(grads_before)}")
loss.backward()
with_grad = [p for p in parameters.values() if p.grad is not None]
print(f"backward() 후 .grad가 있는 텐서: {len(with_grad)} / {len(parameters)}")
print(f"각 .grad의 형태가 파라미터와 같음: {all(p.grad.shape == p.shape for p in with_grad)}")

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
# 글 :ref:`post-autograd-easy`\ 의 옵티마이저는 학습률(learning rate) 0.01, 모멘텀
# 0.9인 확률적 경사 하강법(SGD)입니다. SGD는 파라미터마다 버퍼를 두고
# :math:`\text{buf} \leftarrow 0.9 \cdot \text{buf} + \text{grad}`\ 로 업데이트한 뒤
# 파라미터를 :math:`-\text{lr} \cdot \text{buf}`\ 만큼 움직입니다. 그래서 각 단계는
# 앞선 단계들의 방향을 일부 이어 갑니다.
#
# ``step()``\ 이 한 일을 재려고 함수 ``flat``\ 을 씁니다. 이 함수는 여러 텐서의 숫자를
# 긴 벡터 하나로 복사합니다. 텐서마다 펼친(flatten) 뒤 ``cat``\ 으로 잇습니다(둘 다
# :ref:`sphx_glr_auto_examples_tensors_plot_05_shapes.py`\ 와
# :ref:`sphx_glr_auto_examples_tensors_plot_06_split_join.py`\ 에서 배웠습니다).
# 그러면 비교 한 번으로 숫자 11,689,512개를 모두 확인할 수 있고,
# ``largest_difference``\ 는 이런 벡터 두 개를 비교합니다. 단계 전의 파라미터와
# 기울기, 단계 뒤의 파라미터를 복사해 둡니다.


def flat(tensors):
    """모든 텐서의 숫자를 긴 벡터 하나로 복사합니다."""
    return torch.cat([t.detach().flatten() for t in tensors])


def largest_difference(x, y):
    """두 벡터에서 같은 위치의 숫자끼리 비교한 차이 중 가장 큰 값."""
    return (x - y).abs().max().item()


before = flat(parameters.values())
grad_1 = flat(p.grad for p in parameters.values())
optim = torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)
optim.step()
after_1 = flat(parameters.values())
print(f"벡터 하나에 든 숫자: {before.numel():,}")

# %%
# 첫 단계에는 앞선 단계가 없습니다. SGD는 버퍼를 기울기 자체로 시작하므로, 모든
# 파라미터는 :math:`-\text{lr} \cdot \text{grad}`\ 만큼 움직입니다. 평범한 경사
# 하강법입니다. 실제 변화와 이 값의 차이는 많아야 :math:`10^{-7}` 정도입니다. 이
# 차이는 반올림에서 생기며, 두 절 뒤에서 설명합니다.
lr = optim.param_groups[0]["lr"]
step_1 = -lr * grad_1
difference_1 = largest_difference(after_1 - before, step_1)
print(f"변화와 -lr * grad의 가장 큰 차이: {difference_1:.1e}")
assert difference_1 < 1e-6

# %%
# 파라미터는 실제로 바뀌었습니다
# ------------------------------
# 기울기가 0이 아닌 숫자라면 모두 움직였어야 합니다. (기울기의 5분의 1가량은 정확히
# 0입니다. 그 이유는 마지막 선택 절에서 살펴봅니다.)
has_grad = grad_1 != 0
moved = after_1 != before
stuck = has_grad & ~moved
print(f"기울기가 0이 아닌 숫자: {has_grad.sum().item():,} / {before.numel():,}")
print(f"step()으로 바뀐 숫자: {moved.sum().item():,}")
print(f"기울기는 0이 아닌데 그대로인 숫자: {stuck.sum().item():,}")

# %%
# 일부 숫자가 움직이지 않은 이유: ``float32``\ 의 간격
# ----------------------------------------------------
# ``float32``\ 는 유효 숫자를 7자리쯤 담습니다
# (:ref:`sphx_glr_auto_examples_tensors_plot_04_dtypes.py`). 값 :math:`v`\ 와 가장
# 가까운 다른 ``float32`` 숫자 사이에는 대략 :math:`v \cdot 10^{-7}`\ 의 간격이 있고,
# 모든 계산 결과는 가장 가까운 ``float32`` 숫자로 반올림됩니다. 이 간격보다 훨씬
# 작은 이동은 반올림되어 사라집니다. 가장 간단한 예는 다음과 같습니다.
print(f"float32에서 1 + 1e-8: {torch.tensor(1.0) + 1e-8:.10f}")
print(f"float64에서 1 + 1e-8: {torch.tensor(1.0, dtype=torch.float64) + 1e-8:.10f}")

# %%
# 움직이지 않은 파라미터에서도 같은 일이 일어났습니다. 그중 이동량이 가장 큰 것을
# 봅니다. ``torch.nextafter(v, direction)``\ 은 :math:`v`\ 에서 그 방향으로 바로 다음에
# 있는 ``float32`` 숫자를 돌려주며, 여기서 방향은 이동하는 방향입니다. 이동량이 그
# 숫자까지 간격의 절반보다 작으므로 :math:`v + \text{step}`\ 은 :math:`v`\ 에 더
# 가깝고, 반올림하면 다시 :math:`v`\ 가 됩니다.
i = (step_1.abs() * stuck).argmax()
value, step = before[i], step_1[i]
gap = (torch.nextafter(value, step.sign() * torch.inf) - value).abs()
print(f"값 {value:.10f}, 이동량 {step:.2e}, 다음 float32 숫자까지 간격 {gap:.2e}")
print(f"이동량 / 간격: {step.abs() / gap:.2f}")
print(f"float32에서 값 + 이동량: {value + step:.10f}, 그대로: {bool(value + step == value)}")

# %%
# 원인을 없애 봅니다. 간격이 :math:`10^{-16} \cdot v` 정도인 ``float64``\ 로 같은
# 업데이트를 하면 움직이지 않았던 숫자가 모두 움직입니다. 이 더 정확한 결과를
# ``float32``\ 로 반올림하면 하나하나 모두 원래 값으로 돌아갑니다.
stuck_before = before[stuck].double()
stuck_after = stuck_before - lr * grad_1[stuck].double()
moved_64 = (stuck_after != stuck_before).sum().item()
print(f"그대로였던 숫자 중 float64 업데이트로 움직인 것: {moved_64:,}")
rounds_back = torch.equal(stuck_after.float(), before[stuck])
print(f"float64 결과를 float32로 반올림하면 모두 원래 값: {rounds_back}")
assert rounds_back

# %%
# 두 번째 단계: 모멘텀의 효과
# ---------------------------
# 학습 반복문에서는 다음 순서가 되풀이됩니다. ``optim.zero_grad()``\ (이전
# 기울기 지우기,
# :ref:`sphx_glr_auto_examples_autograd_plot_04_vector_outputs.py` 참고), 순전파,
# 손실, ``backward()``, ``step()``\ 입니다. 두 번째 단계에서는 버퍼에 첫 기울기가
# 이미 들어 있으므로 변화는
# :math:`-\text{lr} \cdot (0.9 \cdot \text{grad}_1 + \text{grad}_2)`\ 이고, 더 이상
# :math:`-\text{lr} \cdot \text{grad}_2`\ 가 아닙니다.
optim.zero_grad()
loss = (model(data) - labels).sum()
loss.backward()
grad_2 = flat(p.grad for p in parameters.values())
optim.step()
change = flat(parameters.values()) - after_1
with_momentum = largest_difference(change, -lr * (0.9 * grad_1 + grad_2))
plain_only = largest_difference(change, -lr * grad_2)
print(f"-lr * (0.9 * grad_1 + grad_2)와의 가장 큰 차이: {with_momentum:.1e}")
print(f"-lr * grad_2와의 가장 큰 차이:                  {plain_only:.1e}")
assert with_momentum < 1e-6 < plain_only

# %%
# 모멘텀만 따로 보기
# ------------------
# 숫자 하나 ``p``\ 를 두고 ``p`` 자체를 손실로 삼으면 효과가 잘 보입니다. 기울기는
# 매 단계 1입니다. ``momentum=0.9``\ 이면 각 이동량은 직전 이동량의 0.9배에 ``lr``\ 을
# 더한 값이라 점점 커집니다. 모멘텀을 끄면(``momentum=0``) 이동량은 매번
# ``lr * 1 = 0.01``\ 입니다.
for momentum in (0.9, 0.0):
    p = torch.zeros(1, requires_grad=True)
    one_number = torch.optim.SGD([p], lr=1e-2, momentum=momentum)
    steps = []
    for _ in range(5):
        one_number.zero_grad()
        p.sum().backward()
        old = p.item()
        one_number.step()
        steps.append(f"{old - p.item():.4f}")
    print(f"momentum={momentum}: 이동량 {', '.join(steps)}")

# %%
# 일부 기울기가 정확히 0인 이유 (선택)
# ------------------------------------
# 이 절은 처음 읽을 때 건너뛰어도 됩니다. 뒤의 내용은 이 절을 몰라도 읽을 수 있습니다.
# 첫 ``backward()``\ 는 많은 숫자의 기울기를 정확히 0으로 남겼습니다. ``split``\ 으로
# ``grad_1``\ 을 파라미터마다 한 조각씩 다시 자르면, 0은 거의 모두 마지막
# 스테이지(stage)인 ``layer4``\ 에 있습니다.
sizes = [p.numel() for p in parameters.values()]
total = sum(sizes)
first_grads = dict(zip(parameters, grad_1.split(sizes), strict=True))
zeros = {name: (g == 0).sum().item() for name, g in first_grads.items()}
total_zeros = sum(zeros.values())
in_layer4 = sum(n for name, n in zeros.items() if name.startswith("layer4"))
print(f"첫 기울기가 정확히 0인 숫자: {total_zeros:,} ({total_zeros / total:.1%})")
print(f"그중 layer4에 있는 것: {in_layer4:,}")
for name, n in zeros.items():
    if n > 0.05 * first_grads[name].numel():
        print(f"  {name}: {n / first_grads[name].numel():.1%}가 0")

# %%
# 마지막 합성곱 가운데 하나인 ``layer4.1.conv2``\ 를 봅니다. 이 레이어의 필터
# 가중치 하나에 대한 기울기는 곱들의 합이며, 가중치가 레이어 입력과 만난 위치마다
# 곱이 하나씩 있습니다. 그 위치의 입력값과 해당 출력에 도착한 기울기의 곱입니다.
# 합에 들어가는 입력값이 모두 0이면 합도 0입니다. 이 입력은 ReLU, 곧 함수
# :math:`\max(0, x)`\ 를 거쳐 오는데, ReLU는 음수를 정확히 0으로 만듭니다.
#
# 그 입력을 보기 위해 첫 단계 이전의 가중치를 되돌려 놓고(``before``\ 의 조각을
# ``no_grad`` 안에서 각 파라미터에 복사합니다) 같은 순전파와 역전파를 한 번 더
# 실행합니다. *순전파 사전 훅*\ (forward pre-hook)은 레이어가 실행되기 직전에
# PyTorch가 레이어의 입력과 함께 호출하는 함수이며, 여기서는 입력의 복사본을
# 보관합니다. 사전 훅은 바뀐 입력을 *돌려줄* 수도 있고, 그러면 레이어는 원래 입력
# 대신 그 값을 씁니다. 이 훅은 모든 값에 0.01을 더하므로, 같은 실행으로 입력에 0이
# 하나도 없을 때의 레이어도 볼 수 있습니다. ``model.zero_grad()``\ 는
# ``optim.zero_grad()``\ 처럼 모델의 기울기를 지웁니다.
with torch.no_grad():
    for p, piece in zip(parameters.values(), before.split(sizes), strict=True):
        p.copy_(piece.reshape(p.shape))
print(f"가중치가 첫 단계 이전으로 돌아감: {torch.equal(flat(parameters.values()), before)}")

conv = model.layer4[1].conv2
seen = {}


def keep_and_shift(module, inputs):
    seen["input"] = inputs[0].detach().clone()
    return (inputs[0] + 0.01,)


hook = conv.register_forward_pre_hook(keep_and_shift)
model.zero_grad()
(model(data) - labels).sum().backward()
hook.remove()
first_conv_grad = first_grads["layer4.1.conv2.weight"].reshape(conv.weight.shape)
print(f"입력 형태: {tuple(seen['input'].shape)}")
print(f"입력에서 정확히 0인 값: {(seen['input'] == 0).float().mean():.1%}")
zero_share_first = (first_conv_grad == 0).float().mean()
zero_share_shifted = (conv.weight.grad == 0).float().mean()
print(
    f"layer4.1.conv2.weight: {zero_share_first:.1%}가 0, "
    f"입력에 0.01을 더하면 {zero_share_shifted:.1%}가 0"
)

# %%
# 입력의 절반이 0이고, 그 0을 없애면 0인 기울기도 거의 다 사라집니다. 게다가 입력은
# 작습니다. 이미지 한 장에 채널 512개, 채널마다 위치가 2×2개뿐입니다. 3×3 필터를
# 2×2 특징 맵 위에서 밀면(테두리에는 0을 한 줄 덧댑니다), 네 모서리의 가중치는 실제
# 입력과 한 위치에서, 네 변의 가운데 가중치는 두 위치에서, 중앙 가중치는 네
# 위치에서 만납니다. 그림은 첫 단계의 기울기 가운데 정확히 0인 것의 비율을 필터의
# 아홉 위치마다, 레이어의 모든 필터에 걸쳐 보여 줍니다.
by_position = (first_conv_grad == 0).float().mean(dim=(0, 1))
fig, ax = plt.subplots(figsize=(3.6, 3.6))
draw_tensor(ax, by_position, fmt="{:.0%}")
ax.set_title("필터 위치별 0인 기울기의 비율, layer4.1.conv2")
describe_figure(
    fig,
    "layer4.1.conv2의 3×3 필터 위치마다, 첫 단계의 기울기 가운데 정확히 0인 것의 비율을 "
    "칸에 적고 색으로 나타낸 그림입니다. 네 모서리는 "
    f"{by_position[0, 0]:.0%}, {by_position[0, 2]:.0%}, {by_position[2, 0]:.0%}, "
    f"{by_position[2, 2]:.0%}로 절반쯤이고, 네 변의 가운데는 {by_position[0, 1]:.0%}, "
    f"{by_position[1, 0]:.0%}, {by_position[1, 2]:.0%}, {by_position[2, 1]:.0%}로 그보다 "
    f"적으며, 중앙은 {by_position[1, 1]:.0%}뿐입니다. 가중치가 실제 입력과 만나는 위치가 "
    "많을수록 0인 기울기가 드뭅니다.",
)
plt.show()

# %%
# 그림에서 모서리는 기울기의 절반쯤이 0으로, 입력에서 0인 값의 비율에 가깝습니다.
# 입력값 두 개가 모두 0이어야 하는 변의 가운데는 그보다 적고, 네 개가 모두 0이어야
# 하는 중앙은 거의 없습니다. 이것이 두 번째 원인입니다. 가중치가 만나는 위치가
# 적으면 그 값이 모두 0인 경우가 잦고, 위치가 네 개이면 기울기가 0인 경우는 거의
# 없습니다.
#
# 입력에 0.01을 더한 뒤에도 남은 0은 몇몇 필터에 통째로 몰려 있습니다. 필터 하나는
# ``conv.weight.grad[k]`` 한 조각이며, 이런 필터에서는 기울기가 모두 0입니다. 그
# 이유는 이 페이지에서 더 따라가지 않습니다. 이 필터들을 빼면 0인 기울기는 하나도
# 없습니다.
whole_filters = (conv.weight.grad == 0).all(dim=(1, 2, 3))
print(f"기울기가 모두 0인 필터: {whole_filters.sum().item()} / {len(whole_filters)}")
print(f"그 밖에서 0인 기울기: {(conv.weight.grad[~whole_filters] == 0).sum().item()}")

# %%
# 정리
# ----
# - 학습 한 단계는 순전파(``model(data)``), 손실, ``loss.backward()``, 그리고
#   ``optimizer.step()``\ 입니다. 반복문에서는 ``optimizer.zero_grad()``\ 가 먼저
#   옵니다.
# - ``backward()``\ 는 모델의 파라미터 텐서 하나하나에 기울기를 주었습니다. 첫 SGD
#   단계는 각 파라미터를 ``-lr * grad``\ 만큼 움직였고, 두 번째 단계부터는 모멘텀이
#   이전 버퍼의 ``0.9``\ 배를 더합니다.
# - 이웃한 ``float32`` 숫자 사이 간격의 절반보다 작은 이동은 반올림되어 사라지므로,
#   기울기가 0이 아닌데도 움직이지 않는 파라미터가 조금 있습니다.
# - 내려받은 가중치 대신 무작위 가중치를 쓰면 값이 바뀔 뿐 학습 단계의 코드는
#   같습니다. 모델과 모든 텐서를 한 장치에 두면 같은 페이지가 GPU에서도 실행됩니다.
#
# 각 부분은 이 장의 앞 페이지에서 설명했습니다. 손실이 왜 스칼라여야 하는지는
# :ref:`sphx_glr_auto_examples_autograd_plot_04_vector_outputs.py`\ 에서,
# ``step()``\ 이 대신 해 주는 업데이트는
# :ref:`sphx_glr_auto_examples_autograd_plot_05_no_grad.py`\ 에서 다뤘습니다.
#
# API 문서:
# `torch.optim.SGD <https://docs.pytorch.org/docs/stable/generated/torch.optim.SGD.html>`_,
# `torch.accelerator <https://docs.pytorch.org/docs/stable/accelerator.html>`_,
# `torch.nextafter <https://docs.pytorch.org/docs/stable/generated/torch.nextafter.html>`_,
# `torch.nn.Module.register_forward_pre_hook <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.register_forward_pre_hook>`_.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_autograd_plot_07_in_depth.py`\ 에서는
# 자동 미분을 더 깊이 살펴봅니다.

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 손실을 ``(prediction - labels).sum()`` 대신
#    ``(prediction - labels).mean()``\ 으로 바꾸고 역전파하면 ``model.fc.bias.grad``\ 의
#    요소는 얼마일까요? 출력 쪽에서 손으로 확인한 계산을 따라 먼저 예측해 보세요.
# 2. **하나만 바꾸고 설명하기.** 모멘텀만 따로 본 반복문을 ``momentum=0``\ 으로
#    실행하되 ``one_number.zero_grad()``\ 를 빼면, 다섯 번의 이동량은 어떻게 될까요?
# 3. **하나만 바꾸고 설명하기.** 같은 반복문에서 ``momentum=0.9``\ 인 옵티마이저를
#    반복문 *안에서* 매 단계 새로 만들면 이동량은 어떻게 될까요? 흔히 하는
#    실수입니다.

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# 이미지가 한 장이므로 평균은 합을 클래스 수 1000으로 나눈 것이고, 모든 클래스에서
# :math:`\partial \text{loss} / \partial \text{prediction}_k = 1/1000`\ 입니다.
# 분류기는 편향을 그대로 더하므로 ``fc.bias.grad``\ 의 모든 요소도 0.001로, 합을 쓸
# 때의 1000분의 1입니다. 이 값은 분류기에 들어오는 값과 상관이 없으므로 ResNet
# 전체를 다시 실행하지 않아도 확인할 수 있습니다. 분류기 ``model.fc``\ 도 모델처럼
# 호출할 수 있는 레이어이므로, 분류기가 받는 형태의 무작위 값을 두 번 넣어 봅니다.
optim.zero_grad()
print(f"분류기가 받는 형태: (1, {model.fc.in_features})")
for trial in range(2):
    features = torch.randn(1, model.fc.in_features, device=device)
    model.fc.bias.grad = None
    loss = (model.fc(features) - labels).mean()
    loss.backward()
    bias_grad = model.fc.bias.grad
    print(
        f"무작위 입력 {trial + 1}: 손실 {loss.item():.4f}, "
        f"fc.bias.grad 최솟값 {bias_grad.min().item():.6f}, 최댓값 {bias_grad.max().item():.6f}"
    )
    assert torch.allclose(bias_grad, torch.full_like(bias_grad, 1 / labels.numel()))
print(f"1 / 클래스 수: {1 / labels.numel():.6f}")

# %%
# 풀이 2
# ^^^^^^
# ``backward()``\ 는 ``.grad``\ 에 기울기를 더하므로, 지우지 않으면 ``p.grad``\ 가
# 1, 2, 3, 4, 5로 커집니다. ``step()``\ 은 매번 ``lr * p.grad``\ 만큼 움직이므로
# 모멘텀을 껐는데도 이동량이 0.01씩 커집니다. 모멘텀처럼 보이지만 버그입니다.
p = torch.zeros(1, requires_grad=True)
one_number = torch.optim.SGD([p], lr=1e-2, momentum=0.0)
steps = []
grads = []
for _ in range(5):
    p.sum().backward()
    old = p.item()
    one_number.step()
    steps.append(old - p.item())
    grads.append(p.grad.item())
print("p.grad: " + ", ".join(f"{g:.1f}" for g in grads))
print("이동량: " + ", ".join(f"{s:.4f}" for s in steps))
assert torch.allclose(torch.tensor(grads), torch.arange(1.0, 6.0))
assert torch.allclose(torch.tensor(steps), 0.01 * torch.arange(1.0, 6.0))

# %%
# 풀이 3
# ^^^^^^
# 모멘텀 버퍼는 옵티마이저 안에 있습니다. 새로 만든 옵티마이저에는 버퍼가 없으므로
# 매 단계가 첫 단계가 되어, 버퍼는 기울기 자체로 시작하고 이동량은 매번
# ``lr * 1 = 0.01``\ 입니다. 옵티마이저 하나로 실행한 위 결과와 달리 모멘텀이 아무
# 효과도 내지 못하며, 오류도 나지 않습니다.
p = torch.zeros(1, requires_grad=True)
steps = []
for _ in range(5):
    one_number = torch.optim.SGD([p], lr=1e-2, momentum=0.9)
    one_number.zero_grad()
    p.sum().backward()
    old = p.item()
    one_number.step()
    steps.append(old - p.item())
print("매 단계 새 옵티마이저, 이동량: " + ", ".join(f"{s:.4f}" for s in steps))
assert torch.allclose(torch.tensor(steps), torch.full((5,), 0.01))
