r"""
학습: 반복문, SGD, 모멘텀, Adam
===============================

학습은 다섯 단계의 반복입니다. 기울기(gradient)를 지우고, 모델을 실행하고,
손실(loss)을 계산하고, 역전파한 뒤, 옵티마이저(optimizer)로 파라미터(parameter)를
업데이트합니다. 이 페이지에서는 글 :ref:`post-concepts`\ 의 학습 반복문을 10 에포크(epoch)
동안 돌리고, 옵티마이저의 한 걸음이 무엇을 하는지 확인합니다. 이어서 작은 회귀 모델을 일반
SGD, 모멘텀(momentum)을 더한 SGD, Adam으로 각각 수렴(convergence)할 때까지 학습시키고, 세
옵티마이저가 좁은 골짜기를 지나가는 경로를 그립니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림의 글꼴을 설정하고, 난수
# 시드를 고정합니다. ``SimpleModel``\ 은 앞 페이지의 레이어 하나짜리 모델
# (``nn.Linear(2, 1)``)로, 사이트 패키지에서 가져옵니다.
import copy

import matplotlib.pyplot as plt
import torch
from torch import nn

from pytorch_basics.models import SimpleModel
from pytorch_basics.plotting import describe_figure, use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# 글에 나오는 학습 반복문
# -----------------------
# 글 :ref:`post-concepts`\ 는 예제 하나, 곧 입력 :math:`x = [1, 2]`\ 와 정답 5로
# 학습합니다. ``torch.optim.SGD``\ 는 모델의 파라미터와 학습률(learning rate) 0.01을
# 받습니다. 학습률은 걸음의 크기를 정하는 배율입니다. ``nn.MSELoss``\ 는 평균 제곱
# 오차(mean squared error)를 계산합니다. *에포크*\ 는 학습 데이터 전체를 한 번 도는 것이고,
# 예제가 하나뿐이면 한 걸음이 곧 한 에포크입니다. 에포크마다 ``zero_grad()``\ 로 이전
# 기울기를 지우고, 순전파로 예측값을 구하고, 손실 함수로 예측값과 정답을 비교합니다. 그다음
# ``backward()``\ 로 기울기를 계산하고, ``step()``\ 으로 파라미터를 업데이트합니다.
# ``loss.item()``\ 은 원소가 하나인 손실 텐서를 파이썬 숫자로 바꿉니다.
model = SimpleModel()
x = torch.tensor([[1.0, 2.0]])
y_true = torch.tensor([[5.0]])
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
loss_fn = nn.MSELoss()

epoch_losses = []
for epoch in range(10):
    optimizer.zero_grad()  # 기울기 지우기
    y_pred = model(x)  # 순전파: 예측값
    loss = loss_fn(y_pred, y_true)  # 손실 계산
    loss.backward()  # 역전파: 기울기 계산
    optimizer.step()  # 가중치 업데이트
    epoch_losses.append(loss.item())
    print(f"Epoch {epoch + 1}, Loss: {loss.item():.4f}")

# %%
# 손실은 에포크마다 줄어들고 예측값은 5에 다가갑니다. (한 에포크에서 출력한 손실은 그
# 에포크의 업데이트 *전에* 계산한 값입니다.)
assert all(later < earlier for earlier, later in zip(epoch_losses, epoch_losses[1:]))
with torch.no_grad():
    print(f"10 에포크 뒤의 예측값: {model(x).item():.4f} (정답 {y_true.item():.1f})")

# %%
# ``step()``\ 이 하는 일
# ----------------------
# 일반 SGD는 모든 파라미터를 기울기의 반대 방향으로, 기울기에 학습률을 곱한 만큼
# 옮깁니다. 자동 미분 장에서 직접 작성한 업데이트와 같고, 식으로 쓰면
# :math:`p \leftarrow p - \text{lr} \cdot \partial L / \partial p`\ 입니다. 반복을 한 번 더
# 실행하고, 새 파라미터를 이 공식으로 직접 계산한 값과 비교합니다.
before = [p.detach().clone() for p in model.parameters()]
optimizer.zero_grad()
loss_fn(model(x), y_true).backward()
optimizer.step()
for old, new in zip(before, model.parameters(), strict=True):
    print(f"p - lr * grad == 새 p: {torch.allclose(old - 0.01 * new.grad, new)}")

# %%
# 모멘텀
# ------
# 모멘텀 :math:`\mu`\ 를 주면 PyTorch의 SGD는 "속도"
# :math:`v \leftarrow \mu v + g`\ 를 누적해 두고(처음에는 :math:`v = g`),
# :math:`p \leftarrow p - \text{lr} \cdot v`\ 로 움직입니다. 그래서 같은 방향을 가리키는
# 기울기들이 쌓입니다. 기울기가 계속 같으면 :math:`v`\ 는 그 기울기의
# :math:`1 / (1 - \mu)`\ 배, 곧 :math:`\mu = 0.9`\ 일 때 10배에 가까워집니다. 글
# :ref:`post-autograd-easy`\ 는 ``SGD(lr=1e-2, momentum=0.9)``\ 를 씁니다.
# :math:`L = p^2`\ 을 :math:`\text{lr} = 0.1, \mu = 0.9`\ 로 :math:`p = 1`\ 에서부터
# 최소화하면, 첫 걸음에서 :math:`v = 2`, :math:`p = 0.8`\ 이 됩니다. 두 번째 걸음에서는
# :math:`g = 1.6`, :math:`v = 0.9 \cdot 2 + 1.6 = 3.4`, :math:`p = 0.8 - 0.34 = 0.46`\ 이
# 됩니다.
p = torch.tensor([1.0], requires_grad=True)
momentum_sgd = torch.optim.SGD([p], lr=0.1, momentum=0.9)
for _ in range(2):
    momentum_sgd.zero_grad()
    (p**2).sum().backward()
    momentum_sgd.step()
print(f"두 걸음 뒤의 p: {p.item():.4f}")
print(f"0.46과 일치: {torch.allclose(p, torch.tensor([0.46]))}")

# %%
# Adam
# ----
# 글 :ref:`post-concepts`\ 에서 SGD와 함께 언급하는 Adam은 파라미터마다 기울기의 이동
# 평균과 기울기 제곱의 이동 평균을 따로 유지합니다. 그리고 앞의 것을 뒤의 것의 제곱근으로
# 나눈 만큼 움직입니다(분모에는 아주 작은 ``eps``, 곧 1e-8을 더합니다). 그래서 파라미터마다
# 걸음 크기가 따로 정해집니다. 그 효과 하나는 쉽게 확인할 수 있습니다. 첫 걸음에서 모든
# 파라미터는 기울기가 100이든 0.01이든(``eps``\ 보다 훨씬 크기만 하면) 거의 정확히
# 학습률만큼 움직입니다.
q = torch.tensor([1.0, 1.0], requires_grad=True)
adam = torch.optim.Adam([q], lr=0.1)
(q * torch.tensor([100.0, 0.01])).sum().backward()
adam.step()
print(f"기울기: {q.grad}")
print(f"파라미터별 첫 걸음: {(1.0 - q.detach())}")
assert torch.allclose(1.0 - q.detach(), torch.tensor([0.1, 0.1]), rtol=1e-5)

# %%
# 회귀 문제
# ---------
# 특성(feature)이 2개인 예제 200개를 만듭니다. 두 번째 특성은 첫 번째보다 다섯 배
# 작습니다. 정답은 :math:`y = 2x_1 - 3x_2 + 1`\ 에 약간의 잡음을 더한 값입니다. 선형 모델이
# 낼 수 있는 최선은 최소제곱(least squares) 해이고, ``torch.linalg.lstsq``\ 로 이 해를 바로
# 계산할 수 있습니다. 이 해의 손실이 모든 옵티마이저가 향하는 바닥입니다.
features = torch.randn(200, 2) * torch.tensor([1.0, 0.2])
targets = features @ torch.tensor([[2.0], [-3.0]]) + 1.0 + 0.1 * torch.randn(200, 1)
design = torch.cat([features, torch.ones(200, 1)], dim=1)
solution = torch.linalg.lstsq(design, targets).solution
best_loss = loss_fn(design @ solution, targets).item()
print(f"최소제곱 해: w = {solution[:2].flatten()}, b = {solution[2].item():.4f}")
print(f"가능한 가장 낮은 손실: {best_loss:.6f}")

# %%
# 아래에서는 손실이 가중치 방향마다 얼마나 휘어 있는지가 중요합니다. 평균 제곱 오차를
# 가중치 :math:`w_j`\ 로 두 번 미분하면 :math:`2 \cdot \text{mean}(x_j^2)`\ 입니다. 그러니
# 손실은 :math:`w_2` 방향으로 훨씬 평평합니다.
curvature = 2 * features.pow(2).mean(dim=0)
print(f"w1, w2 방향의 이계도함수: {curvature}")
print(f"w1 방향이 {curvature[0] / curvature[1]:.0f}배 더 휘어 있음")

# %%
# 옵티마이저 셋, 출발점 하나
# --------------------------
# ``fit``\ 은 같은 시작 모델의 복사본을 1,000 에포크 동안 학습시키며 에포크마다 손실을
# 기록합니다. 에포크마다 예제 200개를 한꺼번에 쓰므로, 여기서 "SGD"는 일반 경사
# 하강법(gradient descent)입니다. 확률적 경사 하강법(SGD)은 예제 가운데 일부를 무작위로 뽑은
# *미니배치*\ (mini-batch)로 걸음마다 기울기를 계산합니다. 그래서 기울기 하나하나가 잡음
# 섞인 추정값입니다. 미니배치를 공급하는 ``DataLoader``\ 는
# :ref:`sphx_glr_auto_examples_modules_plot_01_module_map.py`\ 에서 다룹니다. 세
# 옵티마이저 모두 학습률은 0.1로 같습니다. ``epochs_to_floor``\ 는 손실이 처음으로 가능한
# 가장 낮은 손실의 1% 이내에 들어온 에포크를 찾습니다(그런 에포크가 없으면 ``None``).
start = SimpleModel()


def fit(optimizer_class, inputs=features, **options):
    model = copy.deepcopy(start)
    optimizer = optimizer_class(model.parameters(), **options)
    losses = []
    for _ in range(1000):
        optimizer.zero_grad()
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return model, losses


def epochs_to_floor(losses):
    return next((i + 1 for i, value in enumerate(losses) if value < 1.01 * best_loss), None)


runs = {
    "SGD(lr=0.1)": fit(torch.optim.SGD, lr=0.1),
    "SGD(lr=0.1, momentum=0.9)": fit(torch.optim.SGD, lr=0.1, momentum=0.9),
    "Adam(lr=0.1)": fit(torch.optim.Adam, lr=0.1),
}
for name, (trained, losses) in runs.items():
    within = epochs_to_floor(losses)
    print(f"{name}: 최종 손실 {losses[-1]:.6f}, {within} 에포크 만에 최저값의 1% 이내")
    print(f"  w = {trained.linear.weight.detach().flatten()}, b = {trained.linear.bias.item():.4f}")

# %%
# 셋 모두 가능한 가장 낮은 손실에 도달합니다. 얼마나 빨리 도달하는지는 손실 곡선으로
# 봅니다. 두 축을 모두 로그 눈금으로 그려서 처음 몇 에포크가 왼쪽 끝에 몰리지 않게
# 했습니다.
epochs = range(1, 1001)
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot(epochs, runs["SGD(lr=0.1)"][1], label="SGD")
ax.plot(epochs, runs["SGD(lr=0.1, momentum=0.9)"][1], label="SGD + 모멘텀 0.9")
ax.plot(epochs, runs["Adam(lr=0.1)"][1], label="Adam")
ax.axhline(best_loss, color="black", linestyle="--", linewidth=1, label="최소제곱 해")
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("에포크 (로그 눈금)")
ax.set_ylabel("MSE 손실 (로그 눈금)")
ax.set_title("같은 모델을 세 옵티마이저로 학습")
ax.legend()
describe_figure(
    fig,
    "같은 모델을 SGD, 모멘텀 0.9를 준 SGD, Adam으로 1,000 에포크 동안 학습한 MSE 손실 곡선을 "
    f"두 축 모두 로그 눈금으로 그린 그래프입니다. 세 곡선 모두 약 {runs['SGD(lr=0.1)'][1][0]:.1f}"
    f"에서 출발해 점선으로 그린 최소제곱 해의 손실 {best_loss:.4f}까지 내려갑니다. 모멘텀과 "
    "Adam은 도중에 오르내리면서도 각각 "
    f"{epochs_to_floor(runs['SGD(lr=0.1, momentum=0.9)'][1])} 에포크와 "
    f"{epochs_to_floor(runs['Adam(lr=0.1)'][1])} 에포크 만에 이 바닥의 1% 이내에 들어오지만, "
    "일반 SGD는 처음에는 빠르게 내려가다가 바닥에 닿기 한참 전부터 느리게 기어가 "
    f"{epochs_to_floor(runs['SGD(lr=0.1)'][1])} 에포크가 걸립니다.",
)
plt.show()

# %%
# 그림을 보면 일반 SGD는 처음에는 빠르게 내려가다가, 바닥까지 남은 구간은 느릿느릿
# 기어갑니다. 모멘텀과 Adam은 그 몇 분의 일밖에 안 되는 에포크 만에 바닥에 닿습니다.
# 모멘텀과 Adam의 곡선은 도중에 오르내립니다. 걸음이 최솟값을 지나쳤다가 자리를 잡기
# 때문입니다. 일반 SGD가 기어가는 이유는 규모가 작은 두 번째 특성에 있습니다. 그 가중치
# 방향으로는 손실이 훨씬 평평해서 기울기가 작으므로, 일반 SGD는 그 가중치를 천천히
# 옮깁니다. 모멘텀은 작지만 방향이 일정한 기울기를 쌓아 가고, Adam은 파라미터마다 걸음을
# 자기 기울기의 크기로 나눕니다.
#
# 이번에는 원인을 없애 봅니다. 두 번째 특성에 5를 곱해 두 특성의 규모(scale)를 맞춥니다.
# 선형 모델은 새 데이터에도 똑같이 잘 맞출 수 있으므로(두 번째 가중치가 5분의 1이 되기만
# 하면 됩니다) 가능한 가장 낮은 손실은 그대로입니다. 하지만 이제 손실은 :math:`w_2`
# 방향으로 더 평평하지 않습니다. 같은 학습률로 세 실행을 다시 돌립니다.
scaled = features * torch.tensor([1.0, 5.0])
scaled_design = torch.cat([scaled, torch.ones(200, 1)], dim=1)
scaled_solution = torch.linalg.lstsq(scaled_design, targets).solution
scaled_best = loss_fn(scaled_design @ scaled_solution, targets).item()
print(f"가능한 가장 낮은 손실: {scaled_best:.6f}, w2 = {scaled_solution[1].item():.4f}")
print(f"w1, w2 방향의 이계도함수: {2 * scaled.pow(2).mean(dim=0)}")
scaled_epochs = {}
for name, optimizer_class, options in (
    ("SGD(lr=0.1)", torch.optim.SGD, {"lr": 0.1}),
    ("SGD(lr=0.1, momentum=0.9)", torch.optim.SGD, {"lr": 0.1, "momentum": 0.9}),
    ("Adam(lr=0.1)", torch.optim.Adam, {"lr": 0.1}),
):
    scaled_epochs[name] = epochs_to_floor(fit(optimizer_class, inputs=scaled, **options)[1])
    print(f"{name}: {scaled_epochs[name]} 에포크 만에 최저값의 1% 이내")
assert abs(scaled_best - best_loss) < 1e-6
assert scaled_epochs["SGD(lr=0.1)"] == min(scaled_epochs.values())
assert scaled_epochs["SGD(lr=0.1)"] < epochs_to_floor(runs["SGD(lr=0.1)"][1]) / 5

# %%
# 두 특성의 규모가 같아지자 일반 SGD는 더는 기어가지 않고, 이제 셋 중 가장 빠릅니다.
# 모멘텀과 Adam이 모든 문제에서 더 빠른 것은 아닙니다.
#
# 다시 원래 특성으로 돌아갑니다. 이 문제에서는 학습률 0.1도 조심스러운 값입니다. 일반
# SGD는 훨씬 큰 걸음을 걸을 수 있습니다. 학습률이 0.8이면 모멘텀과 Adam을 0.1로 학습했을
# 때보다 더 빨리 바닥에 닿고, 1.0이면 손실이 줄기는커녕 커집니다.
larger = {larger_lr: fit(torch.optim.SGD, lr=larger_lr)[1] for larger_lr in (0.8, 1.0)}
for larger_lr, losses in larger.items():
    within = epochs_to_floor(losses)
    print(f"SGD(lr={larger_lr}): 100 에포크 뒤의 손실 {losses[99]:.4g}")
    print(
        f"  {within} 에포크 만에 최저값의 1% 이내"
        if within
        else "  최저값의 1% 이내에 들어오지 못함"
    )
fastest_at_01 = min(epochs_to_floor(losses) for _, losses in runs.values())
assert epochs_to_floor(larger[0.8]) < fastest_at_01 and larger[1.0][99] > larger[1.0][0]

# %%
# 이처럼 학습률을 키우면 일반 SGD가 빨라지지만, 한계가 있습니다. 다음 절에서는 그림으로
# 그릴 수 있는 손실에서 그 한계가 어디서 오는지, 한계 가까이에서 무슨 일이 일어나는지
# 봅니다.
#
# 좁은 골짜기의 지그재그
# ----------------------
# 파라미터가 2개인 손실은 그림으로 그릴 수 있습니다. :math:`L(w) = (w_1^2 + 50\,w_2^2) / 2`\ 는
# 가로지르는 방향(:math:`w_2`)이 골짜기를 따라가는 방향(:math:`w_1`)보다 50배 더 휜
# 골짜기로, 위의 회귀 문제와 닮았지만 더 좁습니다. ``descend``\ 는 원소가 2개인 파라미터
# 텐서를 :math:`w = (-10, 1)`\ 에서 출발시켜 실제 ``torch.optim`` 옵티마이저로 최적화하며,
# 지나간 점을 모두 기록합니다.
valley_curvature = torch.tensor([1.0, 50.0])


def valley(w):
    return 0.5 * (valley_curvature * w**2).sum()


def descend(optimizer_class, steps=150, **options):
    w = torch.tensor([-10.0, 1.0], requires_grad=True)
    optimizer = optimizer_class([w], **options)
    path = [w.detach().clone()]
    for _ in range(steps):
        optimizer.zero_grad()
        valley(w).backward()
        optimizer.step()
        path.append(w.detach().clone())
    return torch.stack(path)


# 최솟값까지의 거리가 tolerance 아래로 내려가 그 뒤로 계속 머무는 시점의 걸음 수
# (경로가 끝날 때 그 밖에 있으면 None)
def settled_after(path, tolerance=0.1):
    outside = (path.norm(dim=1) >= tolerance).nonzero()
    last = outside[-1].item() + 1
    return last if last < len(path) else None


# 처음 60걸음(아래 그림에 그리는 걸음) 동안 경로가 골짜기를 가로질러(가파른 좌표 w2
# 방향으로) 움직인 거리. w2 = 1에서 0으로 곧장 가면 1입니다
def sideways(path, steps=60):
    return (path[1 : steps + 1, 1] - path[:steps, 1]).abs().sum().item()


# %%
# 일반 경사 하강법은 걸음마다 :math:`w_2`\ 에 :math:`1 - 50 \cdot \text{lr}`\ 을 곱하므로,
# :math:`\text{lr} > 2/50`\ 이면 발산합니다. 모멘텀이 없는 SGD와 모멘텀 0.9를 준 SGD에는
# 이 한계의 90%를 줍니다. Adam의 학습률은 배율이 아니라 걸음 길이에 가까우므로(위에서
# 보았듯 첫 걸음이 파라미터마다 약 ``lr``\ 입니다) Adam에는 0.5를 줍니다.
lr = 0.9 * 2 / 50
paths = {
    "SGD": descend(torch.optim.SGD, lr=lr),
    "SGD(momentum=0.9)": descend(torch.optim.SGD, lr=lr, momentum=0.9),
    "Adam": descend(torch.optim.Adam, lr=0.5),
}
for name, path in paths.items():
    print(
        f"{name}: 20걸음 뒤의 w ({path[20, 0].item():.2f}, {path[20, 1].item():.3g}), "
        f"60걸음 동안 골짜기를 가로지른 거리 {sideways(path):.1f}, "
        f"{settled_after(path)}걸음 뒤부터 최솟값과의 거리가 계속 0.1 미만"
    )
print(f"SGD는 한 걸음에 w2에 1 - 50 * lr = {1 - 50 * lr:.2f}을 곱함")
print(f"SGD는 한 걸음에 w1을 최솟값까지 남은 거리의 lr * 1 = {lr:.1%}만큼 옮김")
sgd, momentum, adam = paths.values()
assert sideways(momentum) > 2 * sideways(sgd) > 2 * sideways(adam)
assert abs(momentum[20, 1]) > 10 * abs(sgd[20, 1]) and momentum[20, 0] > 0 > sgd[20, 0]
assert settled_after(adam) < settled_after(momentum) < settled_after(sgd)

# %%
# 그림은 손실의 등고선 위에 각 경로의 처음 60걸음을 그립니다.
grid_w1, grid_w2 = torch.meshgrid(
    torch.linspace(-11, 5, 200), torch.linspace(-1.3, 1.3, 200), indexing="xy"
)
heights = 0.5 * (grid_w1**2 + 50 * grid_w2**2)
fig, ax = plt.subplots(figsize=(8, 3.6))
ax.contour(grid_w1, grid_w2, heights, levels=[0.5, 2, 5, 10, 20, 35, 50, 70], colors="#bbbbbb")
for (name, path), color in zip(paths.items(), ("#1f77b4", "#ff7f0e", "#2ca02c"), strict=True):
    ax.plot(path[:61, 0], path[:61, 1], ".-", color=color, markersize=3, linewidth=1, label=name)
ax.plot([-10], [1], "ko", markersize=5, label="출발점")
ax.plot([0], [0], "k*", markersize=10, label="최솟값")
ax.set_xlabel("w1 (평평한 방향)")
ax.set_ylabel("w2 (가파른 방향)")
ax.set_title("좁은 골짜기의 세 옵티마이저, 처음 60걸음")
ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
describe_figure(
    fig,
    "손실 (w1² + 50·w2²) / 2의 등고선 위에, 세 옵티마이저가 점 (-10, 1)에서 출발해 걸은 처음 "
    "60걸음을 그린 그림으로, 가로축은 평평한 방향 w1, 세로축은 가파른 방향 w2이고 최솟값은 "
    "원점입니다. 일반 SGD는 골짜기의 양쪽 벽 사이를 튕기다가 튕김이 잦아들면 바닥을 따라 "
    "천천히 기어가서 60걸음 뒤에도 최솟값에 닿지 못하고, 모멘텀 0.9를 준 SGD는 최솟값을 "
    "지나쳐 골짜기를 넓게 오가며, Adam은 넓은 호를 몇 번 그리며 최솟값에 다가갑니다. 이 "
    f"60걸음 동안 골짜기를 가로지른 거리는 SGD {sideways(sgd):.1f}, 모멘텀 "
    f"{sideways(momentum):.1f}, Adam {sideways(adam):.1f}입니다.",
)
plt.show()

# %%
# 그림에는 서로 다른 세 경로가 보입니다. 일반 SGD는 가파른 :math:`w_2` 방향으로 걸음마다
# 최솟값을 지나칩니다. 걸음마다 :math:`w_2`\ 에 음수를 곱하므로(위에 출력한 값) 경로가
# 골짜기의 양쪽 벽 사이를 튕기며 오가고, 튕기는 폭은 매번 앞의 0.8배로 줄어듭니다.
# 20걸음 뒤에는 튕김이 거의 사라집니다. 평평한 :math:`w_1` 방향으로는 걸음마다 남은
# 거리의 3.6%만 움직이므로, 그 뒤로는 골짜기 바닥을 따라 기어갑니다.
#
# 이 실행에서 모멘텀은 두 움직임을 모두 키웁니다. 바닥을 따라서는 속도를 붙여서, SGD가
# 절반쯤 왔을 20걸음 뒤에 이미 최솟값을 지나쳤습니다. 골짜기를 가로지르는 방향으로는
# SGD보다 더 넓게, 더 오래 오갑니다. 20걸음 뒤에도 바닥에서 멀리 떨어져 있고, 그림에 그린
# 60걸음 동안 골짜기를 가로지른 거리가 SGD의 두 배를 넘습니다. 여기서는 바닥을 따라
# 빨라진 이득이 오가는 손해보다 커서 SGD보다 일찍 자리를 잡습니다. Adam은 넓은 호를 몇 번
# 그리며 골짜기를 건너고, 가로지른 거리가 가장 짧으며, 가장 먼저 자리를 잡습니다.
#
# 설정이 다르면 경로도 다릅니다
# -----------------------------
# 이 결과는 골짜기 하나와 설정 한 가지에서 나온 것이지, 옵티마이저에 관한 규칙이
# 아닙니다. 같은 출발점에서 설정을 하나씩 바꿔 봅니다.
#
# - 학습률이 :math:`2/50`\ 보다 조금 큰 일반 SGD: 튕기는 폭이 매번 앞보다 커져서 경로가
#   골짜기를 벗어납니다. 가장 가파른 방향이 학습률의 상한을 정합니다.
# - :math:`\text{lr} = 1/50`\ 인 일반 SGD: 한 걸음 만에 :math:`w_2`\ 가 0이 되어 튕김이
#   전혀 없지만, 걸음마다 :math:`w_1`\ 을 남은 거리의 3.6%가 아니라 2%만 옮기므로
#   150걸음 뒤에도 자리를 잡지 못합니다.
# - 모멘텀 0.9 대신 0.5: 골짜기를 가로지른 거리가 일반 SGD보다 길어지기는커녕 짧아지고,
#   그림에 그린 세 경로 어느 것보다 일찍 자리를 잡습니다.
# - 학습률 0.5 대신 ``lr=0.05``\ 를 준 Adam: 150걸음 뒤에도 자리를 잡지 못합니다.
variants = {
    "SGD, lr = 1.05 * 2/50": descend(torch.optim.SGD, lr=1.05 * 2 / 50),
    "SGD, lr = 1/50": descend(torch.optim.SGD, lr=1 / 50),
    "SGD(momentum=0.5)": descend(torch.optim.SGD, lr=lr, momentum=0.5),
    "Adam(lr=0.05)": descend(torch.optim.Adam, lr=0.05),
}
for name, path in variants.items():
    settled = settled_after(path)
    print(
        f"{name}: 60걸음 동안 골짜기를 가로지른 거리 {sideways(path):.3g}, "
        f"150걸음 뒤 최솟값까지의 거리 {path[-1].norm().item():.3g}"
    )
    print(
        f"  {settled}걸음 뒤부터 최솟값과의 거리가 계속 0.1 미만"
        if settled
        else "  150걸음 뒤에도 최솟값과의 거리가 0.1 미만에 머물지 못함"
    )
too_large, small, low_momentum, slow_adam = variants.values()
assert too_large[-1].norm() > too_large[0].norm() and small[1:, 1].abs().max() < 1e-6
assert settled_after(small) is None and settled_after(slow_adam) is None
assert sideways(low_momentum) < sideways(sgd) and settled_after(low_momentum) < settled_after(adam)

# %%
# 글 :ref:`post-autograd-easy`\ 는 코드 주석에서 모멘텀 0.9가 "최근 기울기를 참고해 더
# 안정적으로 이동하게" 해 준다고 설명합니다. 하지만 이 골짜기, 이 학습률에서는 모멘텀
# 0.9를 주자 경로가 모멘텀이 없을 때보다 골짜기를 가로질러 더 많이 오갔고, 모멘텀 0.5를
# 주자 덜 오갔습니다. 모멘텀이 경로를 안정시키는지, 어느 옵티마이저가 가장 빠른지는 문제와
# 설정에 따라 달라집니다.
#
# 정리
# ----
# 반복문은 ``zero_grad → forward → loss → backward → step``\ 이고, 에포크는 학습 데이터를
# 한 번 도는 것입니다. 일반 SGD는 :math:`\text{lr} \cdot g`\ 만큼 움직이는데, 가장 가파른
# 방향이 쓸 수 있는 학습률의 상한을 정하므로 훨씬 평평한 방향으로는 기어갑니다. 모멘텀은
# 방향이 일정한 기울기를 쌓고, Adam은 파라미터마다 걸음 크기를 따로 정합니다. 그렇다고
# 둘이 언제나 일반 SGD보다 빠른 것은 아닙니다. 회귀 문제에서 학습률이 같을 때는 모멘텀과
# Adam이 일반 SGD를 앞섰지만, 학습률을 키웠을 때, 그리고 두 특성의 규모를 맞췄을 때는 일반
# SGD가 이겼습니다. 골짜기에서는 모멘텀 0.9가 일반 SGD보다 더 많이 오갔고, 모멘텀 0.5는 덜
# 오갔습니다. 옵티마이저와 그 설정은 각자 풀려는 문제에서 직접 비교해 보아야 합니다.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_models_plot_03_custom_loss.py`
#
# PyTorch 공식 문서: `torch.optim <https://docs.pytorch.org/docs/stable/optim.html>`_,
# `SGD <https://docs.pytorch.org/docs/stable/generated/torch.optim.SGD.html>`_,
# `Adam <https://docs.pytorch.org/docs/stable/generated/torch.optim.Adam.html>`_,
# `MSELoss <https://docs.pytorch.org/docs/stable/generated/torch.nn.MSELoss.html>`_.

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 모멘텀 예제(:math:`p = 1`\ 에서 출발하는 :math:`L = p^2`,
#    :math:`\text{lr} = 0.1`, :math:`\mu = 0.9`)를 한 걸음 더 실행하면, 세 번째 걸음 뒤의
#    :math:`p`\ 는 얼마일까요? 위에서 두 걸음을 계산한 것처럼 :math:`g`, :math:`v`,
#    :math:`p`\ 를 차례로 손으로 구해 보세요.
# 2. **하나만 바꾸고 설명하기.** 글의 학습 반복문에서 학습률을 열 배인 0.1로, 이어서 0.2로
#    바꾸면 손실은 어떻게 될까요? 예제가 하나뿐이므로 걸음마다 예측 오차
#    :math:`\hat{y} - 5`\ 에 같은 수가 곱해집니다. 골짜기 절에서 :math:`w_2`\ 에 곱해지는
#    수를 구했듯이, 그 수부터 구해 보세요.
# 3. **하나만 바꾸고 설명하기.** 글의 학습 반복문에서 ``optimizer.zero_grad()``\ 를 빼고 10
#    에포크를 실행하면 손실은 어떻게 될까요? 모멘텀의 :math:`v \leftarrow \mu v + g`\ 와
#    비교해 보세요.

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# 세 번째 걸음에서는 :math:`g = 2 \cdot 0.46 = 0.92`,
# :math:`v = 0.9 \cdot 3.4 + 0.92 = 3.98`\ 이므로 :math:`p = 0.46 - 0.1 \cdot 3.98 = 0.062`\ 입니다.
# 기울기는 0.92로 줄었는데도 세 번째 걸음(0.398)은 두 번째 걸음(0.34)보다 큽니다. 속도
# :math:`v`\ 에 앞선 기울기들이 아직 쌓여 있기 때문입니다.
p = torch.tensor([1.0], requires_grad=True)
momentum_sgd = torch.optim.SGD([p], lr=0.1, momentum=0.9)
moves = []
for _ in range(3):
    before_step = p.item()
    momentum_sgd.zero_grad()
    (p**2).sum().backward()
    momentum_sgd.step()
    moves.append(before_step - p.item())
    print(f"걸음 {len(moves)}: 기울기 {p.grad.item():.4f}, 걸음 크기 {moves[-1]:.4f}, p = {p.item():.4f}")
assert torch.allclose(p, torch.tensor([0.062]))
assert moves[2] > moves[1]

# %%
# 풀이 2
# ^^^^^^
# :math:`e = \hat{y} - 5`\ 라고 하면 손실 :math:`e^2`\ 의 기울기는 가중치에 대해
# :math:`2e \cdot [1, 2]`, 편향에 대해 :math:`2e`\ 이므로, 한 걸음은 예측값을
# :math:`\text{lr} \cdot 2e \cdot (1^2 + 2^2 + 1) = 12 \cdot \text{lr} \cdot e`\ 만큼 옮기고
# 오차에는 :math:`1 - 12 \cdot \text{lr}`\ 이 곱해집니다. 이 수는 학습률 0.01에서 0.88,
# 0.1에서 -0.2(오차의 부호가 바뀌면서 훨씬 빨리 줄어듭니다), 0.2에서 -1.4(손실이 걸음마다
# 커집니다)입니다.


# 글의 반복문을 start의 복사본에서 에포크 epochs번 동안 실행하고, 에포크마다 오차와 손실을 기록합니다
def post_loop(clear_gradients=True, epochs=10, **options):
    model = copy.deepcopy(start)
    optimizer = torch.optim.SGD(model.parameters(), **options)
    errors, losses = [], []
    for _ in range(epochs):
        if clear_gradients:
            optimizer.zero_grad()
        y_pred = model(x)
        loss = loss_fn(y_pred, y_true)
        loss.backward()
        optimizer.step()
        errors.append((y_pred - y_true).item())
        losses.append(loss.item())
    return torch.tensor(errors), torch.tensor(losses)


for post_lr in (0.01, 0.1, 0.2):
    errors, losses = post_loop(lr=post_lr)
    factors = errors[1:5] / errors[:4]
    print(
        f"lr={post_lr}: 오차에 곱해진 수 {factors[0]:.4f} (1 - 12 * lr = {1 - 12 * post_lr:.4f}), "
        f"손실 {losses[0]:.4f} → 10 에포크째 {losses[-1]:.4g}"
    )
    assert torch.allclose(factors, torch.tensor(1 - 12 * post_lr), rtol=1e-3)

# %%
# 풀이 3
# ^^^^^^
# ``backward()``\ 는 ``.grad``\ 에 새 기울기를 더하므로, 지우지 않으면 걸음마다 지금까지의
# 기울기를 모두 더한 값만큼 움직입니다. 모멘텀 :math:`\mu = 1`\ 인
# :math:`v \leftarrow v + g`\ 와 같아서 ``momentum=1.0``\ 과 손실이 똑같습니다. 앞의 기울기가
# 조금도 줄어들지 않으므로 손실은 처음에는 더 빨리 줄다가 최솟값을 지나쳐 다시 커지고, 10
# 에포크째에는 처음 손실 가까이로 돌아옵니다. 에포크를 늘려도 이 오르내림은 잦아들지 않습니다.
_, with_zero_grad = post_loop(lr=0.01)
_, without_zero_grad = post_loop(clear_gradients=False, lr=0.01)
_, momentum_one = post_loop(lr=0.01, momentum=1.0)
print("zero_grad 있음:  " + ", ".join(f"{value:.2f}" for value in with_zero_grad))
print("zero_grad 없음:  " + ", ".join(f"{value:.2f}" for value in without_zero_grad))
print("momentum=1.0:    " + ", ".join(f"{value:.2f}" for value in momentum_one))
assert torch.allclose(without_zero_grad, momentum_one)
assert without_zero_grad[2] < with_zero_grad[2]
assert without_zero_grad.min() < 1e-3 * without_zero_grad[0]
assert abs(without_zero_grad[-1] / without_zero_grad[0] - 1) < 0.01
_, long_run = post_loop(clear_gradients=False, epochs=30, lr=0.01)
for first in (0, 10, 20):
    window = long_run[first : first + 10]
    print(f"에포크 {first + 1}~{first + 10}: 가장 작은 손실 {window.min():.4f}, 가장 큰 손실 {window.max():.2f}")
    assert window.min() < 1e-2 * long_run[0] and window.max() > 0.9 * long_run[0]
