r"""
같은 코드를 CPU와 가속기에서
============================

:ref:`sphx_glr_auto_examples_tensors_plot_09_devices.py`\ 에서는 텐서 하나와 레이어 하나를
장치(device) 사이로 옮겨 보았습니다. 이 페이지에서는 같은 방법을 이 장의 숫자 분류기 학습 전체에
적용합니다. 장치는 한 번 고르고, 모델은 한 번 옮기고, 배치는 반복문 안에서 매번 옮기고, 결과는
그림으로 그리기 전에 CPU로 가져옵니다. 하나를 빠뜨리면 어떤 오류가 나는지도 직접 일으켜
봅니다. 이 페이지를 빌드한 컴퓨터에는 가속기(accelerator)가 없어서 모든 계산이 CPU에서
실행되지만, 가속기가 있는 컴퓨터에서는 같은 코드가 한 줄도 고치지 않고 가속기에서 실행됩니다.
"""

# %%
# 이 장의 다른 페이지들처럼 시작합니다. PyTorch와 matplotlib을 불러오고, 그림의
# 글꼴을 설정하고, 난수 시드를 고정합니다. 이 페이지는 PyTorch가 CPU 스레드 하나로만
# 계산하게도 합니다. 스레드가 여럿이면 같은 덧셈을 실행할 때마다 다른 순서로 할 수 있고,
# 그때 생긴 끝자리 차이가 학습하는 동안 자라 결과가 달라질 수 있습니다. 스레드가 하나면
# 같은 컴퓨터에서 다시 실행해도 같은 숫자가 나옵니다. 다른 CPU나 다른 버전의 PyTorch,
# 가속기에서는 반올림이 달라져 조금 다른 숫자가 나올 수 있지만, 페이지가 ``assert``\ 로
# 확인하는 관계는 그대로 성립합니다.
import copy

import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.utils.data import DataLoader, random_split

from pytorch_basics.digits import DigitsDataset
from pytorch_basics.plotting import describe_figure, use_site_style
from pytorch_basics.training import evaluate, train_one_epoch

use_site_style()
torch.manual_seed(0)
torch.set_num_threads(1)

# %%
# 데이터도 앞 페이지들과 똑같이 나눕니다. ``DigitsDataset``\ 은 scikit-learn에 들어 있는
# 8×8 손글씨 숫자 1,797장을 (이미지, 레이블) 쌍으로 하나씩 내주는 데이터셋(dataset)입니다.
# 학습 세트 1,197장, 검증 세트 300장, 테스트 세트 300장으로 나누고, 학습 세트만 섞어서
# 32장씩 배치(batch)로 묶습니다.
full = DigitsDataset()
train_set, val_set, test_set = random_split(
    full, [1197, 300, 300], generator=torch.Generator().manual_seed(0)
)
train_loader = DataLoader(
    train_set, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
)
val_loader = DataLoader(val_set, batch_size=300)
test_loader = DataLoader(test_set, batch_size=300)

# %%
# 모델도 :ref:`sphx_glr_auto_examples_classifier_plot_02_training.py`\ 의
# ``DigitClassifier``\ 를 그대로 씁니다. 이미지 한 장을 숫자 64개로 펴고, 은닉층 하나를 거쳐
# 숫자마다 로짓(logit) 하나, 모두 10개를 내놓습니다.
class DigitClassifier(nn.Module):
    def __init__(self, hidden: int = 64, dropout: float = 0.2) -> None:
        super().__init__()
        self.layers = nn.Sequential(
            nn.Flatten(), nn.Linear(64, hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, 10)
        )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.layers(images)


# %%
# 장치 고르기
# -----------
# 장치 페이지의 코드 그대로입니다. 가속기를 쓸 수 있으면 그 가속기를, 없으면 CPU를
# 고릅니다. 이 페이지의 나머지 코드는 장치 이름을 직접 적지 않고 ``device``\ 만 씁니다.
device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
print(f"torch.accelerator.is_available():        {torch.accelerator.is_available()}")
print(f"torch.accelerator.current_accelerator(): {torch.accelerator.current_accelerator()}")
print(f"device: {device}")

# %%
# 모델은 한 번, 배치는 반복문 안에서
# ----------------------------------
# ``model.to(device)``\ 는 모델의 파라미터를 모두 ``device``\ 로 옮깁니다. 파라미터는 학습하는
# 동안 그 자리에 머물므로 한 번이면 됩니다. 옵티마이저는 옮긴 모델의 파라미터로 만듭니다.
# 그런데 데이터 로더(data loader)가 내주는 배치는 여전히 CPU에 있습니다. 데이터셋의 텐서가
# CPU에 있고, 로더는 그 텐서에서 배치를 새로 만들기 때문입니다.
model = DigitClassifier().to(device)  # 모델은 한 번만 옮깁니다
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
images, labels = next(iter(val_loader))
print(f"모델의 파라미터가 있는 장치: {sorted({p.device.type for p in model.parameters()})}")
print(f"데이터셋의 텐서가 있는 장치: {full.images.device.type}, {full.labels.device.type}")
print(f"로더가 내준 배치가 있는 장치: {images.device.type}, {labels.device.type}")
assert all(p.device.type == device.type for p in model.parameters())
assert images.device.type == labels.device.type == "cpu"

# %%
# 그래서 배치는 반복문 안에서, 모델에 넣기 전에 매번 옮깁니다. 아래는 학습 반복문을 한
# 에포크(epoch) 동안 직접 쓴 것으로, 장치와 관련된 줄에 주석을 달았습니다. 에포크의 손실
# 합계는 ``device``\ 에 만든 텐서 ``total``\ 에 쌓아 두었다가, 마지막에 ``.item()``\ 으로
# 한 번만 파이썬 숫자로 가져옵니다. ``loss.detach()``\ 는 더하는 동안 계산 그래프를 이어
# 붙이지 않게 합니다. ``twin``\ 은 아래에서 패키지와 비교하려고 학습 전에 만들어 둔 쌍둥이이고,
# ``torch.manual_seed(1)``\ 은 두 실행의 드롭아웃이 같은 난수를 쓰게 합니다.
twin = copy.deepcopy(model)
torch.manual_seed(1)
model.train()
total = torch.zeros((), device=device)  # 새 텐서는 처음부터 device에 만듭니다
for images, labels in train_loader:
    images, labels = images.to(device), labels.to(device)  # 배치는 매번 옮깁니다
    optimizer.zero_grad()
    loss = loss_fn(model(images), labels)
    loss.backward()
    optimizer.step()
    total += loss.detach() * len(labels)
hand_loss = total.item() / len(train_set)  # 끝에서 한 번만 CPU로 가져옵니다
print(f"직접 쓴 반복문, 1 에포크의 평균 손실: {hand_loss:.4f}")

# %%
# 이 장의 패키지 함수도 ``device=``\ 를 받습니다. ``train_one_epoch``\ 는 로더를 한 번 돌며
# 모델을 학습시키고 예제당 평균 손실을 돌려주며, ``evaluate``\ 는 드롭아웃을 끈 평가
# 모드(evaluation mode)로 모델을 실행해 손실과 정확도(accuracy)를 잽니다.
# :ref:`sphx_glr_auto_examples_classifier_plot_02_training.py`\ 에서는 장치 없이 이 함수들이
# 직접 쓴 반복문과 같은 숫자를 내는 것을 보았습니다. ``device=``\ 를 주면 배치를 그 장치로
# 옮기는 일까지 대신 합니다. 쌍둥이 ``twin``\ 을 같은 순서의 배치로 ``train_one_epoch``\ 에
# 넘기면, 손실도 학습된 파라미터도 위의 반복문과 같습니다.
twin_optimizer = torch.optim.Adam(twin.parameters(), lr=1e-2)
same_order = DataLoader(
    train_set, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
)
torch.manual_seed(1)
package_loss = train_one_epoch(twin, same_order, loss_fn, twin_optimizer, device=device)
same_parameters = all(
    torch.allclose(mine, its) for mine, its in zip(model.parameters(), twin.parameters(), strict=True)
)
print(f"train_one_epoch, 1 에포크의 평균 손실: {package_loss:.4f}")
print(f"학습된 파라미터가 같은가: {same_parameters}")
assert abs(package_loss - hand_loss) < 1e-5 and same_parameters

# %%
# 하나를 빠뜨리면
# ---------------
# 이 컴퓨터에서는 ``device``\ 가 CPU여서 ``.to(device)``\ 를 빠뜨려도 아무 일도 일어나지
# 않습니다. CPU에 있는 것을 CPU로 옮기는 셈이기 때문입니다. 빠뜨린 곳은 가속기가 있는
# 컴퓨터에서야 드러납니다. 그래서 장치 페이지처럼 두 번째 장치 ``elsewhere``\ 를 씁니다.
# 가속기가 있으면 그 가속기, 없으면 형태만 있고 숫자는 없는 ``meta`` 장치입니다. 학습한
# ``model``\ 대신 ``elsewhere``\ 로 옮긴 새 모델 ``spare``\ 와, 옮기지 않은 새 모델
# ``stay``\ 로 실수를 하나씩 해 봅니다. 마지막 호출은 모두 옮긴 경우입니다.
elsewhere = device if device.type != "cpu" else torch.device("meta")
spare = DigitClassifier().to(elsewhere)
stay = DigitClassifier()
images, labels = next(iter(val_loader))


# 손실이 있는 장치를, 오류가 나면 그 오류를 출력하고, 오류 없이 계산되었는지를 돌려줍니다
def show_loss(net, batch_images, batch_labels):
    try:
        loss = loss_fn(net(batch_images), batch_labels)
    except RuntimeError as error:
        print(f"  {type(error).__name__}: {str(error).splitlines()[0]}")
        return False
    print(f"  오류 없음, 손실이 있는 장치 {loss.device}")
    return True


results = []
print("배치를 옮기지 않음:")
results.append(show_loss(spare, images, labels))
print("모델을 옮기지 않음:")
results.append(show_loss(stay, images.to(elsewhere), labels.to(elsewhere)))
print("레이블만 옮기지 않음:")
results.append(show_loss(spare, images.to(elsewhere), labels))
print("모두 옮김:")
results.append(show_loss(spare, images.to(elsewhere), labels.to(elsewhere)))
assert results == [False, False, False, True]

# %%
# 세 가지 실수는 모두 ``RuntimeError``\ 를 내고, 메시지에는 두 장치의 이름이 나옵니다.
# 가속기가 있는 컴퓨터에서는 ``meta`` 대신 그 가속기가 나오고 문구도 다르지만, 오류가
# 나는 것은 같습니다. 모델, 이미지, 레이블을 모두 옮기면 오류가 사라집니다.
#
# 패키지 함수는 모델을 옮기지 않은 실수를 따로 확인합니다. ``device=``\ 로 받은 장치와
# 모델의 파라미터가 있는 장치가 다르면, 무엇을 옮겨야 하는지 알려 주는 ``ValueError``\ 를
# 냅니다.
try:
    train_one_epoch(
        stay, train_loader, loss_fn, torch.optim.Adam(stay.parameters()), device=elsewhere
    )
except ValueError as error:
    print(f"{type(error).__name__}: {error}")
else:
    raise AssertionError("a model left on the CPU should not train on another device")

# %%
# 고른 장치에서 학습하기
# ----------------------
# 이제 나머지 19 에포크를 패키지 함수로 학습합니다. 위에서 직접 쓴 반복문이 첫 에포크였으므로
# 모두 20 에포크입니다. ``device=device``\ 를 넘기면 이 컴퓨터에서는 CPU에서, 가속기가 있는
# 컴퓨터에서는 가속기에서 같은 학습이 실행됩니다. 파라미터는 학습이 끝날 때까지 ``device``\ 에
# 머뭅니다.
history = [hand_loss]
for _ in range(19):  # 에포크 2~20
    history.append(train_one_epoch(model, train_loader, loss_fn, optimizer, device=device))
validation = evaluate(model, val_loader, loss_fn, device=device)
for epoch in (1, 5, 10, 15, 20):
    print(f"에포크 {epoch:2d}: 학습 손실 {history[epoch - 1]:.4f}")
print(f"검증 세트: 손실 {validation.loss:.4f}, 정확도 {validation.accuracy:.1%}")
print(f"20 에포크 뒤 파라미터가 있는 장치: {sorted({p.device.type for p in model.parameters()})}")
assert all(p.device.type == device.type for p in model.parameters())

# %%
# 반복문 안에서 새 텐서 만들기
# ----------------------------
# ``torch.zeros``\ 나 ``torch.ones`` 같은 함수는 ``device=``\ 를 주지 않으면 CPU에 텐서를
# 만듭니다. 그래서 반복문 안에서 만드는 텐서에도 ``device=device``\ 를 줍니다. 테스트
# 세트에서 이 모델의 숫자별 정확도를 세는 반복문으로 확인합니다(같은 정확도를
# :ref:`sphx_glr_auto_examples_classifier_plot_03_results.py`\ 에서는 그 페이지에서 고른
# 모델의 혼동 행렬로 읽어 냈습니다).
# ``correct.index_add_(0, labels, hits)``\ 는 ``hits``\ 의 값을 하나씩 ``correct``\ 의
# ``labels`` 번째 칸에 더하므로, ``correct``\ 에는 숫자마다 맞힌 개수가, ``seen``\ 에는
# 숫자마다 본 개수가 쌓입니다. ``model.eval()``\ 은 모델을 평가 모드로 바꾸고,
# ``torch.inference_mode()``\ 는 계산 그래프를 기록하지 않게 합니다.
model.eval()
correct = torch.zeros(10, device=device)
seen = torch.zeros(10, device=device)
with torch.inference_mode():
    for images, labels in test_loader:
        images, labels = images.to(device), labels.to(device)
        hits = (model(images).argmax(dim=1) == labels).float()
        correct.index_add_(0, labels, hits)
        seen.index_add_(0, labels, torch.ones(len(labels), device=device))  # 반복문 안의 새 텐서
per_class = correct / seen
test_accuracy = (correct.sum() / seen.sum()).item()
test_evaluation = evaluate(model, test_loader, loss_fn, device=device)
print(f"테스트 세트 정확도, 직접 센 값: {test_accuracy:.1%}")
print(f"테스트 세트 정확도, evaluate:   {test_evaluation.accuracy:.1%}")
assert abs(test_accuracy - test_evaluation.accuracy) < 1e-6

# %%
# ``device=``\ 를 빼면 ``torch.ones``\ 가 CPU에 만들어집니다. 이 컴퓨터에서는 ``device``\ 도
# CPU라서 티가 나지 않으므로 ``elsewhere``\ 에서 해 봅니다.
try:
    torch.zeros(10, device=elsewhere).index_add_(0, labels.to(elsewhere), torch.ones(len(labels)))
except RuntimeError as error:
    print(f"{type(error).__name__}: {str(error).splitlines()[0]}")
else:
    raise AssertionError("a tensor made on the CPU should not join tensors on another device")

# %%
# 결과를 CPU로 가져오기
# ---------------------
# ``print``\ 는 어느 장치에 있는 텐서든 출력하고, 출력에 그 장치를 적어 줍니다. 하지만 파이썬
# 숫자로 쓰거나 그림으로 그리려면 값이 CPU에 있어야 합니다. 숫자 하나는 ``.item()``\ 이
# 파이썬 숫자로 가져오고(위의 ``hand_loss``\ 와 ``test_accuracy``), 텐서는 ``.cpu()``\ 가
# 가져옵니다. 패키지 함수는 처음부터 파이썬 숫자를 돌려주므로 따로 가져올 것이 없습니다.
# matplotlib은 텐서를 NumPy 배열로 바꿔서 그리므로, CPU에 있지 않은 텐서는 거절합니다.
print(f"train_one_epoch가 돌려준 값: {type(history[-1]).__name__}")
print(f"evaluate가 돌려준 정확도: {type(validation.accuracy).__name__}")
fig, ax = plt.subplots(figsize=(6, 3))
bars = ax.bar(range(10), 100 * per_class.cpu())
ax.bar_label(bars, fmt="%.0f")
ax.set_xticks(range(10))
ax.set_ylim(0, 110)
ax.set_xlabel("숫자")
ax.set_ylabel("정확도 (%)")
ax.set_title("테스트 세트의 숫자별 정확도")
try:
    ax.bar(range(10), per_class.to(elsewhere))
except TypeError as error:
    print(f"ax.bar(range(10), per_class.to(elsewhere)) -> {type(error).__name__}: {error}")
else:
    raise AssertionError("matplotlib should refuse a tensor that is not on the CPU")
describe_figure(
    fig,
    f"테스트 숫자 {len(test_set)}장에서 모델이 0부터 9까지 숫자마다 맞힌 비율을 퍼센트로 "
    "그린 막대그래프이고, 막대마다 위에 값을 적었습니다. 숫자 10개 가운데 "
    f"{int((per_class == 1).sum())}개는 모두 맞혀 100%이고, 가장 낮은 것은 숫자 "
    f"{per_class.argmin().item()}의 {per_class.min().item():.0%}입니다.",
)
plt.show()

# %%
# 그림은 테스트 세트 300장에서 숫자마다 모델이 맞힌 비율입니다. 계산은 ``device``\ 에서
# 했고, 그리기 직전에 숫자 10개만 ``.cpu()``\ 로 가져왔습니다. 가져오지 않은 텐서를 넘긴
# 두 번째 ``ax.bar``\ 는 오류를 냈습니다. 정확도가 가장 낮은 숫자와, 모두 맞힌 숫자의
# 개수는 다음과 같습니다.
worst = per_class.argmin().item()
print(f"가장 낮은 숫자 {worst}: {per_class[worst].item():.1%} ({seen[worst].item():.0f}장 가운데)")
print(f"모두 맞힌 숫자: {(per_class == 1).sum().item()}개")

# %%
# 가속기가 있는 컴퓨터에서 달라지는 것
# ------------------------------------
# 이 페이지의 코드는 그대로 실행되지만, 출력은 몇 군데 다릅니다. 이 컴퓨터에서 실행할 수
# 없으므로 숫자는 말하지 않습니다.
#
# - ``device``\ 가 ``cuda``\ 나 ``mps`` 같은 가속기로 나오고, 파라미터와 배치는 그 가속기에
#   있습니다. ``elsewhere``\ 도 그 가속기이므로, 위의 오류 메시지는 ``meta`` 대신 그
#   가속기를 가리키고 문구도 다릅니다.
# - 시드를 고정했어도 손실과 정확도가 이 페이지와 자릿수까지 같지는 않을 수 있습니다.
#   가속기에서는 드롭아웃이 가속기 자신의 난수 생성기에서 난수를 얻고, 연산의 반올림도
#   CPU와 다를 수 있기 때문입니다. 다만 직접 쓴 반복문과 ``train_one_epoch``\ 는 같은 장치에서
#   같은 계산을 하므로, 둘의 결과가 같다는 것은 가속기에서도 마찬가지입니다.
# - 가속기는 CPU가 맡긴 계산을 따로 처리하고, CPU는 그동안 다음 일을 합니다. ``.item()``\ 과
#   ``.cpu()``\ 는 결과가 나올 때까지 CPU를 기다리게 합니다. 위의 반복문이 손실을
#   ``device``\ 에서 더해 두었다가 끝에서 한 번만 가져온 까닭입니다.
# - 빨라지는지는 모델과 배치의 크기에 달려 있습니다. 이 모델처럼 작으면 배치를 옮기고
#   작은 연산을 여러 번 시작하는 데 드는 시간이 계산 시간보다 클 수도 있습니다.
#
# 정리
# ----
# - 장치는 ``torch.accelerator``\ 로 한 번 고르고, 가속기가 없으면 CPU를 씁니다.
# - ``model.to(device)``\ 는 학습 전에 한 번, ``images.to(device)``\ 와
#   ``labels.to(device)``\ 는 반복문 안에서 배치마다 부르고 결과를 변수에 다시 담습니다.
#   하나라도 빠뜨리면 두 장치의 이름이 담긴 ``RuntimeError``\ 가 납니다. CPU만 있는
#   컴퓨터에서는 이 실수가 드러나지 않으므로, ``meta`` 장치로 확인할 수 있습니다.
# - 패키지의 ``train_one_epoch``\ 와 ``evaluate``\ 는 ``device=``\ 를 받아 배치를 대신 옮기고,
#   모델이 다른 장치에 있으면 ``ValueError``\ 로 알려 줍니다.
# - 반복문 안에서 만드는 새 텐서에는 ``device=device``\ 를 줍니다. 결과를 파이썬 숫자로
#   쓰거나 그림으로 그리기 전에는 ``.item()``\ 이나 ``.cpu()``\ 로 CPU로 가져옵니다.
#
# 이것으로 분류기 장을 마칩니다. 다음 장에서는 경사 하강법으로 망가진 사진을 되살립니다.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_practice_plot_01_restoring_an_image.py`
#
# PyTorch 공식 문서: `torch.accelerator <https://docs.pytorch.org/docs/stable/accelerator.html>`_,
# `torch.device <https://docs.pytorch.org/docs/stable/tensor_attributes.html#torch-device>`_,
# `torch.nn.Module.to <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.to>`_,
# `torch.Tensor.to <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.to.html>`_,
# `torch.Tensor.cpu <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.cpu.html>`_,
# `torch.Tensor.item <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.item.html>`_,
# `torch.Tensor.index_add_ <https://docs.pytorch.org/docs/stable/generated/torch.Tensor.index_add_.html>`_,
# `torch.nn.Module.register_buffer <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.register_buffer>`_.

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 직접 쓴 학습 반복문에서 ``.detach()`` 없이
#    ``total += loss * len(labels)``\ 라고 썼습니다. 에포크의 평균 손실이 달라질까요?
#    에포크가 끝났을 때 ``total``\ 에는 그 밖에 무엇이 들어 있을까요?
# 2. **예측한 뒤 실행하기.** 배치를 옮긴 뒤 ``assert images.device == device``\ 로 확인하는
#    코드는 이 컴퓨터에서 통과합니다. CUDA GPU가 있는 컴퓨터에서도 통과할까요?
# 3. **하나만 바꾸고 설명하기.** 입력에서 0.5를 빼고 분류하는 모델이 빼는 값을
#    ``self.mean = torch.full((1, 8, 8), 0.5)``\ 처럼 평범한 속성으로 들고 있습니다. 이 모델을
#    ``elsewhere``\ 로 옮기고 ``elsewhere``\ 의 배치를 넣으면 어떻게 될까요? ``self.mean``\ 을
#    ``self.register_buffer("mean", torch.full((1, 8, 8), 0.5))``\ 로 등록하면요?

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# 평균 손실은 같습니다. ``.detach()``\ 는 값을 바꾸지 않습니다. 하지만 ``loss``\ 는 그 배치의
# 계산 그래프의 끝이므로, 이제 ``total``\ 도 기울기가 필요한 텐서(``requires_grad=True``)가
# 되고, ``+=``\ 를 할 때마다 지금까지의 그래프와 그 배치의 그래프를 잇는 노드가 하나씩
# 붙습니다. 에포크가 끝나면 ``total``\ 의 그래프는 배치 38개를 모두 거슬러 올라갑니다. 이
# 그래프로 ``backward()``\ 를 부르는 일은 없는데도, 그래프 전체가 ``total``\ 이 있는 동안
# 메모리에 남고 걸음마다 배치 하나만큼 커집니다.
# `PyTorch FAQ <https://docs.pytorch.org/docs/stable/notes/faq.html>`_\ 는 이 실수를 GPU
# 메모리가 모자라는 원인 가운데 하나로 꼽습니다. ``loss.detach()``\ 나 ``loss.item()``\ 을
# 더하면 숫자만 더해집니다. ``chained_additions``\ 는
# :ref:`sphx_glr_auto_examples_autograd_plot_02_graph.py`\ 에서처럼 ``total.grad_fn``\ 에서
# ``next_functions``\ 를 따라 거슬러 가며 덧셈을 셉니다.
def epoch_total(detach):
    torch.manual_seed(1)
    net = DigitClassifier().to(device)
    net_optimizer = torch.optim.Adam(net.parameters(), lr=1e-2)
    loader = DataLoader(
        train_set, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
    )
    total = torch.zeros((), device=device)
    for images, labels in loader:
        images, labels = images.to(device), labels.to(device)
        net_optimizer.zero_grad()
        loss = loss_fn(net(images), labels)
        loss.backward()
        net_optimizer.step()
        total += (loss.detach() if detach else loss) * len(labels)  # 두 실행의 유일한 차이
    return total


def chained_additions(tensor):
    count, node = 0, tensor.grad_fn
    while node is not None:  # 덧셈마다 첫 번째 입력을 따라 거슬러 감
        count += 1
        node = node.next_functions[0][0]
    return count


detached, kept = epoch_total(detach=True), epoch_total(detach=False)
print(f".detach()가 있을 때: 평균 손실 {detached / len(train_set):.4f}, grad_fn={detached.grad_fn}")
print(f".detach()가 없을 때: 평균 손실 {kept / len(train_set):.4f}, grad_fn={kept.grad_fn.name()}")
print(
    f"total의 그래프에 이어진 덧셈: {chained_additions(kept)}, "
    f"에포크당 배치: {len(train_loader)}"
)
assert torch.allclose(detached, kept.detach()) and detached.grad_fn is None
assert chained_additions(kept) == len(train_loader)

# %%
# 풀이 2
# ^^^^^^
# 통과하지 않습니다. ``torch.device``\ 끼리 ``==``\ 로 비교하면 종류와 번호가 모두 같아야
# 합니다. ``current_accelerator()``\ 가 돌려주는 장치에는 번호가 없지만(문서에 따르면 번호는
# ``None``), 그 장치로 옮긴 텐서는 ``cuda:0``\ 처럼 번호가 붙은 장치에 있습니다. CPU에는
# 번호가 없어서 이 컴퓨터에서는 통과했을 뿐입니다. 장치가 맞는지는 ``.device.type``\ 으로
# 비교합니다. CUDA가 없어도 장치 객체는 만들 수 있으므로 비교 결과를 직접 볼 수 있습니다.
images = next(iter(val_loader))[0].to(device)
print(f"이 컴퓨터: images.device == device: {images.device == device}")
named, numbered = torch.device("cuda"), torch.device("cuda", 0)
print(f"torch.device('cuda') == torch.device('cuda', 0): {named == numbered}")
print(f"두 장치의 .type이 같은가: {named.type == numbered.type}")
assert images.device.type == device.type
assert named != numbered and named.type == numbered.type


# %%
# 풀이 3
# ^^^^^^
# 평범한 속성이면 오류가 납니다. ``model.to``\ 는 파라미터와 버퍼(buffer)만 옮기고, 모델이
# 들고 있는 다른 텐서는 모릅니다. 그래서 ``self.mean``\ 은 CPU에 남고, ``elsewhere``\ 의
# 이미지에서 빼는 순간 장치가 어긋납니다. ``register_buffer``\ 로 등록한 텐서는 학습하지
# 않는 모델의 텐서, 곧 버퍼가 되어 파라미터와 함께 옮겨지므로 오류가 사라집니다.
class Centered(nn.Module):
    def __init__(self, as_buffer: bool) -> None:
        super().__init__()
        mean = torch.full((1, 8, 8), 0.5)
        if as_buffer:
            self.register_buffer("mean", mean)  # model.to가 함께 옮깁니다
        else:
            self.mean = mean  # 평범한 속성: model.to가 모릅니다
        self.linear = nn.Linear(64, 10)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.linear((images - self.mean).flatten(1))


images = next(iter(val_loader))[0].to(elsewhere)
for as_buffer in (False, True):
    centered = Centered(as_buffer).to(elsewhere)
    print(f"as_buffer={as_buffer}: mean이 있는 장치 {centered.mean.device}")
    try:
        print(f"  출력이 있는 장치: {centered(images).device}")
        worked = True
    except RuntimeError as error:
        print(f"  {type(error).__name__}: {str(error).splitlines()[0]}")
        worked = False
    assert worked == as_buffer == (centered.mean.device.type == elsewhere.type)
