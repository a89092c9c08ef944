"""
결과: 테스트 정확도, 혼동 행렬, 틀린 숫자
=========================================

이 페이지에서는 앞 페이지의 분류 모델을 다시 학습시키고, 에포크 수를 검증 정확도만 보고
고른 뒤, 고른 모델을 테스트 세트로 딱 한 번 잽니다. 고를 때 테스트 세트를 보면 안 되는
이유는 실험으로 확인합니다. 이어서 모델이 어떤 숫자를 어떤 숫자로 착각했는지를
``torch.bincount`` 한 번으로 만든 혼동 행렬(confusion matrix)로 세고, 모델이 틀린 테스트 숫자를 그려 보고,
행렬에서 숫자별 정확도를 읽어 냅니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. 라이브러리를 불러오고, 그림의 글꼴을 설정하고,
# 난수 시드를 고정합니다. ``DigitsDataset``, ``train_one_epoch``, ``evaluate``\ 는 사이트
# 패키지에서 가져오며, 처음 쓰는 곳에서 설명합니다. 이 페이지는 PyTorch가 CPU 스레드
# 하나로만 계산하게도 합니다. 스레드가 여럿이면 같은 덧셈을 실행할 때마다 다른 순서로 할 수
# 있고, 그때 생긴 끝자리 차이가 20 에포크 동안 자라 결과가 달라질 수 있습니다. 스레드가
# 하나면 같은 컴퓨터에서 다시 실행해도 같은 개수가 나옵니다. 다른 CPU나 다른 버전의
# PyTorch에서는 반올림이 달라질 수 있으므로, 본문이 인용하는 정확한 개수는 이 페이지를 실행한
# 결과입니다. 여러분의 컴퓨터에서는 개수가 조금 다를 수 있지만, 페이지가 ``assert``\ 로
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
# 같은 데이터, 같은 모델, 같은 학습
# ---------------------------------
# ``DigitsDataset()``\ 은 scikit-learn에 들어 있는 손글씨 숫자 1,797장을 담고 있습니다.
# 숫자 하나는 픽셀 값이 0에서 1 사이인 8×8 이미지이고, 데이터셋은 ``(image, label)`` 쌍을
# 하나씩 내줍니다. :ref:`sphx_glr_auto_examples_classifier_plot_01_data.py`\ 와 똑같이
# 학습 세트 1,197장, 검증 세트 300장, 테스트 세트 300장으로 나눕니다. 학습용 로더는 시드를
# 정한 자기 난수 생성기로 섞고, 나머지 두 로더는 300장을 배치 하나로 한꺼번에 내줍니다.
full = DigitsDataset()
train_set, val_set, test_set = random_split(
    full, [1197, 300, 300], generator=torch.Generator().manual_seed(0)
)
train_loader = DataLoader(
    train_set, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
)
val_loader = DataLoader(val_set, batch_size=300)
test_loader = DataLoader(test_set, batch_size=300)
print(f"학습 {len(train_set)}장, 검증 {len(val_set)}장, 테스트 {len(test_set)}장")

# %%
# 모델은 :ref:`sphx_glr_auto_examples_classifier_plot_02_training.py`\ 의 모델 그대로입니다.
# 픽셀 64개가 ReLU와 드롭아웃이 붙은 은닉층(유닛 64개)을 거쳐, 숫자마다 하나씩 로짓 10개로
# 나옵니다.
class DigitClassifier(nn.Module):
    def __init__(self, hidden: int = 64, dropout: float = 0.2) -> None:
        super().__init__()
        self.layers = nn.Sequential(
            nn.Flatten(), nn.Linear(64, hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, 10)
        )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.layers(images)


# %%
# :ref:`sphx_glr_auto_examples_classifier_plot_02_training.py`\ 와 똑같이 학습시킵니다.
# 손실 함수, 옵티마이저, 20 에포크가 모두 같으므로 숫자도 그 페이지와 같습니다.
# ``train_one_epoch``\ 는 학습용 로더를 한 바퀴 돌며 기울기 지우기, 순전파, 손실, 역전파,
# 업데이트를 하고, ``evaluate``\ 는 아무것도 기록하지 않고 평가 모드에서 세트 하나를 재서 평균
# 손실과 정확도를 돌려줍니다. 그 페이지처럼 에포크가 끝날 때마다 학습 세트(섞지 않고
# 300장씩 내주는 ``train_eval_loader``\ 로)와 검증 세트를 재고, 그 시점의 모델을
# ``copy.deepcopy``\ 로 복사해 둡니다. 그러면 나중에 다시 학습하지 않고도
# 어느 에포크의 모델이든 꺼내 쓸 수 있습니다. 여기서는 테스트 세트를 쓰지 않습니다.
model = DigitClassifier()
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
train_eval_loader = DataLoader(train_set, batch_size=300)
snapshots = []
val_accuracies = []
for epoch in range(1, 21):
    train_one_epoch(model, train_loader, loss_fn, optimizer)
    on_train = evaluate(model, train_eval_loader, loss_fn)
    on_val = evaluate(model, val_loader, loss_fn)
    snapshots.append(copy.deepcopy(model))
    val_accuracies.append(on_val.accuracy)
    print(
        f"에포크 {epoch:2d}: 학습 정확도 {on_train.accuracy:.2%} | "
        f"검증 손실 {on_val.loss:.4f}, 정확도 {on_val.accuracy:.2%}"
    )

# %%
# 검증 세트로 에포크 수 고르기
# ----------------------------
# 검증 정확도는 처음 몇 에포크 동안 빠르게 오르고, 그 뒤로는 300장 가운데 몇 장 차이로
# 오르내립니다. 에포크 수는 검증 정확도만 보고 고릅니다. 가장 높은 값에 처음 도달한
# 에포크, 곧 가장 좋은 것들 가운데 에포크가 가장 적은 것을 고릅니다(``argmax``\ 는 최댓값이
# 여럿이면 첫 번째 것을 돌려줍니다). 남기는 모델은 그 에포크에서 복사해 둔 모델입니다.
best_epoch = int(torch.tensor(val_accuracies).argmax()) + 1
best_model = snapshots[best_epoch - 1]
print(f"선택: {best_epoch} 에포크, 검증 정확도 {val_accuracies[best_epoch - 1]:.2%}")

# %%
# 테스트 정확도는 한 번만
# -----------------------
# 이제 모델도, 설정도, 에포크 수도 모두 정했습니다. 테스트 세트는 지금 처음으로, 딱 한 번
# 잽니다. 보고하는 숫자는 이 숫자입니다.
test = evaluate(best_model, test_loader, loss_fn)
test_correct = round(test.accuracy * len(test_set))
print(f"테스트 정확도: {test.accuracy:.2%} ({test_correct}장 맞힘, 전체 {len(test_set)}장)")

# %%
# 고를 때 테스트 세트를 보면 안 되는 이유
# ---------------------------------------
# 에포크를 테스트 정확도로 골랐다고 해 봅시다. 그러면 테스트 숫자들이 우연히 가장 잘 맞은
# 에포크가 뽑히고, 보고하는 숫자에도 그 운이 섞입니다.
# :ref:`sphx_glr_auto_examples_classifier_plot_01_data.py`\ 에서는 무작위로 찍는 모델 50개로
# 이 현상을 보았습니다. 여기서는 실제 학습 한 번의 20 에포크가 후보입니다. 아래 실험은
# 보여 주기 위한 것일 뿐이고, 보고할 숫자는 위에서 이미 정해졌습니다.
#
# 먼저 복사해 둔 모델마다 테스트 숫자를 예측합니다. ``next(iter(test_loader))``\ 는 로더의
# 하나뿐인 배치, 곧 테스트 숫자 300장 전체를 꺼냅니다. ``eval()``\ 은 ``evaluate``\ 처럼 각
# 복사본을 드롭아웃이 꺼진 평가 모드로 바꾸고(이유는 앞 페이지에서 보았습니다),
# ``torch.no_grad()``\ 는 아무것도 기록하지 않습니다. ``correct[e, i]``\ 는 ``e + 1``
# 에포크 뒤의 복사본이 테스트 숫자 ``i``\ 를 맞히면 1입니다.
test_images, test_labels = next(iter(test_loader))
correct = torch.zeros(len(snapshots), len(test_set))
with torch.no_grad():
    for index, snapshot in enumerate(snapshots):
        snapshot.eval()
        correct[index] = (snapshot(test_images).argmax(dim=1) == test_labels).float()
print(f"테스트 숫자: {tuple(test_images.shape)}, 레이블: {tuple(test_labels.shape)}")
print(f"모든 에포크 가운데 가장 높은 테스트 정확도: {correct.mean(dim=1).max():.2%}")

# %%
# 에포크를 테스트 세트로 골랐다면, 위에 출력한 가장 높은 테스트 정확도를 보고했을
# 것입니다. 이 숫자는 너무 높을까요? 알아보려면 고를 때 보지 않은 숫자가 필요하므로,
# 테스트 숫자 300장을 무작위로 150장씩 두 묶음 A와 B로 나눕니다(``torch.randperm(300)``\ 은
# 0부터 299까지를 무작위 순서로 늘어놓은 것이고, 여기서는 전용 난수 생성기에서 뽑습니다).
# 묶음 A는 고르는 동안 들여다본 테스트 세트 역할을 합니다. A의 정확도가 가장 높은 에포크를
# 고르고 A의 정확도를 보고합니다. 묶음 B는 고를 때 한 번도 보지 않은 새 숫자 역할을 해서,
# 같은 모델이 실제로 얼마나 잘하는지 보여 줍니다. 이렇게 무작위로 1,000번 나누어 평균을
# 냅니다. 그다음 원인을 없애 봅니다. 두 묶음 모두 관여하지 않은 검증 세트로 정한 에포크에서
# A와 B를 다시 비교합니다.
halves = torch.Generator().manual_seed(0)
peeked_a, peeked_b, fixed_a, fixed_b = [], [], [], []
for _ in range(1000):
    order = torch.randperm(len(test_set), generator=halves)
    accuracy_a = correct[:, order[:150]].mean(dim=1)  # 에포크마다 정확도 하나
    accuracy_b = correct[:, order[150:]].mean(dim=1)
    chosen = int(accuracy_a.argmax())
    peeked_a.append(accuracy_a[chosen])
    peeked_b.append(accuracy_b[chosen])
    fixed_a.append(accuracy_a[best_epoch - 1])
    fixed_b.append(accuracy_b[best_epoch - 1])
peeked_gap = torch.stack(peeked_a) - torch.stack(peeked_b)
fixed_gap = torch.stack(fixed_a) - torch.stack(fixed_b)
print(
    f"묶음 A로 고른 에포크: A {torch.stack(peeked_a).mean():.2%}, "
    f"B {torch.stack(peeked_b).mean():.2%}, A - B 평균 {peeked_gap.mean():+.2%}, "
    f"A가 더 높은 경우 {(peeked_gap > 0).float().mean():.0%}"
)
print(
    f"검증 세트로 고른 에포크: A {torch.stack(fixed_a).mean():.2%}, "
    f"B {torch.stack(fixed_b).mean():.2%}, A - B 평균 {fixed_gap.mean():+.2%}, "
    f"A가 더 높은 경우 {(fixed_gap > 0).float().mean():.0%}"
)
assert peeked_gap.mean() > 2 * abs(fixed_gap.mean())

# %%
# 들여다본 묶음이 에포크를 고르면, 그 묶음의 정확도는 고를 때 보지 않은 묶음보다
# 평균적으로 높았고, 이 실행에서는 대부분의 분할에서 그랬습니다. 검증 세트가 에포크를
# 고르면 두 묶음은 평균적으로 같습니다. 차이는 모델이 아니라 들여다본 데서 생깁니다. 이
# 실행에서는 고르는 데 쓴 테스트 정확도가 새 숫자에서의 정확도를 부풀렸습니다. 우리가
# 보고한 숫자는 묶음 B처럼 고르는 데 관여하지 않았습니다. 반면 고른 에포크의 검증 정확도는
# 고르는 데 관여했으므로 보고하는 숫자가 아니며, 이 실행에서는 테스트 정확도보다 높습니다.
#
# 혼동 행렬
# ---------
# 정확도 하나로는 모델이 어떤 숫자를 틀리는지 알 수 없습니다. *혼동 행렬*\ 은 이를 보여
# 줍니다. ``t``\ 행 ``p``\ 열의 칸은 정답 레이블이 ``t``\ 인데 모델이 ``p``\ 로 예측한
# 테스트 숫자의 개수입니다. 대각선에는 맞힌 예측이 들어갑니다. 이 행렬을
# 텐서 연산만으로 만들기 위해 (레이블, 예측) 쌍마다 ``10 * label + prediction``\ 이라는
# 번호를 붙입니다. 정답이 3인데 8로 예측했으면 38이 되고, 쌍 100가지는 0부터 99까지의 번호가
# 됩니다. ``torch.bincount``\ 는 번호마다 몇 번 나왔는지 세고, ``reshape(10, 10)``\ 은
# ``10 * t + p``\ 의 개수를 ``t``\ 행 ``p``\ 열에 놓습니다. ``minlength=100``\ 은 뒤쪽 번호가
# 한 번도 나오지 않아도 99까지 빠짐없이 세게 합니다. ``best_model``\ 은 위의 반복문에서 이미
# 평가 모드가 되었지만, 이 코드만 따로 실행해도 맞도록 한 번 더 바꿉니다.
best_model.eval()  # evaluate에서처럼 드롭아웃을 끔
with torch.no_grad():
    predictions = best_model(test_images).argmax(dim=1)
codes = 10 * test_labels + predictions
print(f"레이블: {test_labels[:6].tolist()}")
print(f"예측:   {predictions[:6].tolist()}")
print(f"번호:   {codes[:6].tolist()}")


def confusion_matrix(labels, predictions):
    return torch.bincount(10 * labels + predictions, minlength=100).reshape(10, 10)


confusion = confusion_matrix(test_labels, predictions)
print(confusion)
assert confusion.sum() == len(test_set)
assert confusion.diag().sum() == test_correct

# %%
# 행렬에는 테스트 숫자 300장이 모두 들어 있고, 대각선을 더하면 ``evaluate``\ 가 센 맞힌
# 개수 ``test_correct``\ 와 같습니다(둘 다 위에서 확인했습니다). 그림은 칸마다 개수를 적어
# 이 행렬을 그립니다. 몇 안 되는 실수가 눈에 띄도록 0은 회색으로 적었습니다.
fig, ax = plt.subplots(figsize=(5.6, 5))
ax.imshow(confusion, cmap="Blues")
for true_digit in range(10):
    for predicted_digit in range(10):
        count = int(confusion[true_digit, predicted_digit])
        colour = "white" if count > confusion.max() / 2 else "black" if count else "#999999"
        ax.text(predicted_digit, true_digit, str(count), ha="center", va="center", color=colour)
ax.set_xticks(range(10))
ax.set_yticks(range(10))
ax.set_xlabel("예측한 숫자")
ax.set_ylabel("실제 숫자")
ax.set_title(f"테스트 숫자 {len(test_set)}장의 혼동 행렬")
describe_figure(
    fig,
    f"테스트 숫자 {len(test_set)}장의 혼동 행렬을 10×10 격자로 그린 그림입니다. 행은 "
    "실제 숫자, 열은 예측한 숫자이고, 칸마다 개수를 적었으며 개수가 클수록 진한 "
    f"파란색입니다. 진한 대각선에 맞힌 예측 {test_correct}개가 있고, 실수 "
    f"{len(test_set) - test_correct}개는 대각선 밖의 작은 개수 몇 개로 흩어져 있으며, "
    "나머지 칸은 모두 회색으로 적은 0입니다.",
)
plt.show()

# %%
# 그림에는 맞힌 예측으로 이루어진 진한 대각선과, 그 밖의 작은 개수 몇 개가 보입니다. 행렬을
# 읽기 위해 대각선을 0으로 만들고 남은 칸을 나열합니다. 남은 칸 하나하나가 모델이 헷갈린
# 숫자 쌍입니다. 대각선을 뺀 열의 합은 모델이 그 숫자라고 잘못 예측한 횟수이고, 행의 합은
# 그 숫자를 놓친 횟수입니다. ``mistakes.argmax()``\ 는 가장 큰 칸을 찾습니다. 칸을 행 순서대로
# 세므로 돌려주는 위치는 위에서 붙인 번호 ``10 * t + p``\ 와 같고, ``divmod(position, 10)``\ 이
# 그 번호를 다시 ``t``\ 와 ``p``\ 로 나눕니다.
mistakes = confusion.clone()
mistakes.fill_diagonal_(0)
for true_digit, predicted_digit in mistakes.nonzero().tolist():
    count = int(mistakes[true_digit, predicted_digit])
    print(f"정답 {true_digit}, 예측 {predicted_digit}: {count}")
print(f"숫자별로 그 숫자라고 잘못 예측한 횟수: {mistakes.sum(dim=0).tolist()}")
print(f"숫자별로 그 숫자를 놓친 횟수:         {mistakes.sum(dim=1).tolist()}")
print(f"실수는 모두 {int(mistakes.sum())}개")
true_top, predicted_top = divmod(int(mistakes.argmax()), 10)
print(f"가장 큰 칸: 정답 {true_top}, 예측 {predicted_top}")
assert int(mistakes.sum()) == len(test_set) - test_correct

# %%
# 이 실행에서는 눈에 띄는 칸이 하나, 곧 가장 큰 칸입니다. 5를 9로 예측한 것이 세 번으로,
# 실수 12개 가운데 4분의 1입니다. 다른 쌍은 모두 한 번씩입니다. 5는 네 번 놓쳐서, 가장 많이
# 놓친 숫자이기도 합니다. 하지만 세 번은 작은 수이고, 숫자 300장짜리 세트 하나에서 나왔을
# 뿐입니다. 검증 세트도 모델이 한 번도 학습하지 않은 숫자 300장입니다(에포크를 고르는 데는
# 썼지만 지금은 아무것도 고르지 않습니다). 같은 함수로 검증 세트의 행렬을 만들어 같은 쌍, 곧
# 정답이 ``true_top``\ 이고 예측이 ``predicted_top``\ 인 칸이 나타나는지 봅니다. 검증 세트의
# 실수 개수는 고른 에포크의 검증 정확도가 300장 가운데 남긴 개수와 같아야 하고, 마지막 줄이
# 그것을 확인합니다.
val_images, val_labels = next(iter(val_loader))
with torch.no_grad():
    val_mistakes = confusion_matrix(val_labels, best_model(val_images).argmax(dim=1))
val_mistakes.fill_diagonal_(0)
for true_digit, predicted_digit in val_mistakes.nonzero().tolist():
    count = int(val_mistakes[true_digit, predicted_digit])
    print(f"검증 세트: 정답 {true_digit}, 예측 {predicted_digit}: {count}")
print(f"검증 세트의 실수: {int(val_mistakes.sum())}개")
both = mistakes + val_mistakes
print(
    f"두 세트를 합치면: 정답 {true_top}, 예측 {predicted_top}인 실수 "
    f"{int(both[true_top, predicted_top])}개, 실수는 모두 {int(both.sum())}개"
)
assert int(val_mistakes.sum()) == round((1 - val_accuracies[best_epoch - 1]) * len(val_set))

# %%
# 이 실행에서는 검증 세트에서도 5를 9로 예측한 칸이 가장 큰 두 칸 가운데 하나로, 실수 8개
# 가운데 2개입니다. 두 세트를 합치면 숫자 600장에서 나온 실수 20개 가운데 5개입니다. 이
# 모델이 학습하지 않은 숫자에서 가장 자주 하는 착각이고, 모델을 개선하려 할 때 먼저 볼
# 곳입니다. 다만 규칙이라고 부르기에는 아직 사례가 적습니다.
#
# 틀린 숫자들
# -----------
# ``(predictions != test_labels).nonzero()``\ 는 틀린 예측의 위치를 줍니다. 그 위치의 테스트
# 숫자를 정답 레이블, 모델의 예측과 함께 하나씩 그립니다.
wrong = (predictions != test_labels).nonzero().flatten()
print(f"실수 {len(wrong)}개, 위치 {wrong.tolist()}")
columns = 4
rows = (len(wrong) + columns - 1) // columns
fig, axes = plt.subplots(rows, columns, figsize=(1.8 * columns, 2.1 * rows), squeeze=False)
for ax in axes.flat:
    ax.axis("off")
for ax, index in zip(axes.flat, wrong.tolist()):
    ax.imshow(test_images[index, 0], cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(f"정답 {int(test_labels[index])}, 예측 {int(predictions[index])}", fontsize=9)
fig.suptitle("모델이 틀린 테스트 숫자")
describe_figure(
    fig,
    f"모델이 틀린 테스트 숫자 {len(wrong)}장을 한 줄에 {columns}장씩 늘어놓고, 8×8 "
    "이미지마다 위에 정답 레이블과 모델의 예측을 적은 그림이며, 잉크가 있는 픽셀이 "
    "어둡습니다. 9로 예측한 5 여러 장은 위쪽 가로획 아래 빈 곳에 잉크가 차 있어서 9의 "
    "닫힌 고리처럼 보입니다. 4로 예측한 1처럼 넓은 잉크 덩어리 하나뿐이어서 사람이 "
    "보아도 알아보기 어려운 숫자도 있습니다.",
)
plt.show()

# %%
# 그림은 모델이 틀린 테스트 숫자로, 이 실행에서는 12장입니다. 잉크가 있는 픽셀이 어둡고,
# 숫자마다 위에 정답 레이블과 모델의 예측을 적었습니다. 여기서는 둘째 줄에 있는, 9로
# 예측한 5 세 장에 공통점이 있습니다. 위쪽 가로획 아래 빈 곳에 잉크가 차 있어서, 윗부분이
# 9의 고리처럼 닫혀 보입니다. 다른 숫자 가운데에는 8×8 픽셀에서는 사람이 보아도 알아보기
# 어려운 것도 있습니다. 4로 예측한 1은 넓은 잉크 덩어리 하나입니다.
#
# 숫자별 정확도
# -------------
# 행렬의 ``t``\ 행에는 정답 레이블이 ``t``\ 인 테스트 숫자가 모두 들어 있습니다. 그러니
# 대각선 칸을 그 행의 합으로 나누면 그 숫자의 정확도, 곧 정답이 ``t``\ 인 테스트 숫자
# 가운데 모델이 맞힌 비율이 됩니다.
per_digit = confusion.diag() / confusion.sum(dim=1)
for digit in range(10):
    print(
        f"숫자 {digit}: {int(confusion[digit, digit])}장 맞힘, 전체 {int(confusion[digit].sum())}장, "
        f"{per_digit[digit]:.1%}"
    )
print(f"가장 낮은 숫자: {int(per_digit.argmin())}")
assert torch.allclose(per_digit, 1 - mistakes.sum(dim=1) / confusion.sum(dim=1))

# %%
# 숫자의 정확도는 1에서 그 행의 놓친 개수를 행의 합으로 나눈 값을 뺀 것입니다(위에서
# 확인했습니다). 이 실행에서는 0, 2, 6, 7 네 숫자가 테스트 예제를 모두 맞혔고, 가장 낮은
# 숫자는 5로, 32장 가운데 28장을 맞혀 87.5%입니다. 놓친 4장은 5의 행에서 찾은 바로 그
# 4장입니다. 숫자마다 테스트 예제가 30장 남짓뿐이라서, 실수 하나가 그 숫자의 정확도를
# 3%포인트쯤 움직입니다.
#
# 정리
# ----
# - 에포크 수를 비롯한 모든 설정은 검증 세트만 보고 고릅니다. 그다음 테스트 세트를 한 번
#   재고, 그 숫자를 보고합니다.
# - 실험에서 에포크를 고르는 데 쓴 데이터의 정확도는, 고를 때 보지 않은 데이터에서 같은
#   모델이 낸 정확도보다 평균적으로 높았습니다. 검증 세트로 에포크를 정하자 두 정확도는
#   평균적으로 같아졌습니다.
# - ``torch.bincount(10 * labels + predictions, minlength=100).reshape(10, 10)``\ 이 혼동
#   행렬입니다. 행은 실제 숫자, 열은 예측한 숫자이고, 대각선은 맞힌 예측입니다. 이
#   페이지의 실행에서는 5를 9로 착각하는 일이 되풀이되었고, 검증 세트에서도 그랬습니다.
# - 대각선을 행의 합으로 나누면 숫자별 정확도가 나옵니다. 직접 예측할 때는 ``evaluate``\ 처럼
#   먼저 ``model.eval()``\ 을 불러야 합니다.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_classifier_plot_04_saving.py`\ 에서는 학습한
# 모델을 파일에 저장하고 다시 불러옵니다.
#
# PyTorch 공식 문서: `torch.bincount <https://docs.pytorch.org/docs/stable/generated/torch.bincount.html>`_,
# `torch.argmax <https://docs.pytorch.org/docs/stable/generated/torch.argmax.html>`_,
# `torch.nonzero <https://docs.pytorch.org/docs/stable/generated/torch.nonzero.html>`_,
# `nn.Module.eval <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.eval>`_,
# `torch.utils.data.random_split <https://docs.pytorch.org/docs/stable/data.html#torch.utils.data.random_split>`_.

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 학습 반복문에서 ``snapshots.append(copy.deepcopy(model))``
#    대신 ``snapshots.append(model)``\ 이라고 쓰면, ``snapshots[best_epoch - 1]``\ 은 어떤
#    모델이 되고 검증 정확도는 얼마일까요?
# 2. **하나만 바꾸고 설명하기.** 틀린 예측만으로 혼동 행렬을 ``minlength`` 없이
#    ``torch.bincount(codes[wrong]).reshape(10, 10)``\ 으로 만들면 어떻게 될까요? 그리고
#    이번 실행에서 전체 행렬은 왜 ``minlength`` 없이도 괜찮았을까요?
# 3. **하나만 바꾸고 설명하기.** 숫자별 정확도에서 대각선을 행의 합 대신 열의 합
#    ``confusion.sum(dim=0)``\ 으로 나누면 어떤 숫자의 값이 바뀌고, 새 값은 무엇을 잴까요?

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# ``append``\ 는 모델의 값이 아니라 모델 객체 자체를 목록에 넣고, 학습은 그 객체 하나를
# 계속 바꿉니다. 그래서 목록에는 같은 모델이 20번 들어가고, ``snapshots[best_epoch - 1]``\ 을
# 포함한 모든 항목이 마지막 에포크 뒤의 모델입니다. 검증 정확도도 가장 높은 값, 곧 고른
# 에포크의 값이 아니라 20 에포크의 것입니다(이 실행에서는 둘이 다릅니다). 새 모델을 두 에포크
# 학습시켜 차이를 봅니다. ``model`` 자신이 20 에포크
# 뒤의 모델입니다.
torch.manual_seed(0)
demo = DigitClassifier()
demo_optimizer = torch.optim.Adam(demo.parameters(), lr=1e-2)
appended, copied = [], []
for _ in range(2):
    train_one_epoch(demo, train_loader, loss_fn, demo_optimizer)
    appended.append(demo)
    copied.append(copy.deepcopy(demo))
weights = [entry.layers[1].weight for entry in appended + copied]
print(f"append(model): 같은 객체 {appended[0] is appended[1]}, 가중치가 같음 {torch.equal(weights[0], weights[1])}")
print(f"append(copy.deepcopy(model)): 가중치가 같음 {torch.equal(weights[2], weights[3])}")
last = evaluate(model, val_loader, loss_fn).accuracy
print(f"20 에포크 뒤 모델의 검증 정확도: {last:.2%}")
print(f"고른 에포크 {best_epoch}의 검증 정확도: {val_accuracies[best_epoch - 1]:.2%}")
assert appended[0] is appended[1] and not torch.equal(weights[2], weights[3])
assert last == val_accuracies[-1] <= val_accuracies[best_epoch - 1]

# %%
# 풀이 2
# ^^^^^^
# ``torch.bincount``\ 는 0부터 주어진 가장 큰 번호까지 번호마다 개수 하나를 돌려줍니다. 99(9를
# 9로 예측)는 틀린 예측일 수 없으므로, 틀린 예측 가운데 가장 큰 번호는 많아야 98입니다(이
# 실행에서는 9를 8로 예측한 98입니다). 그러니 개수는 많아야 99개 나오고, 그것으로는 10×10
# 형태를 채울 수 없어서 ``reshape``\ 가 오류를 냅니다. 전체 테스트 세트에는 마침 99, 곧 제대로
# 맞힌 9가 있어서 개수가 100개 나왔을 뿐입니다. ``minlength=100``\ 을 주면 데이터와 상관없이
# 형태가 맞습니다.
print(f"틀린 예측 가운데 가장 큰 번호: {int(codes[wrong].max())}")
print(f"minlength 없이 나온 개수: {len(torch.bincount(codes[wrong]))}")
try:
    torch.bincount(codes[wrong]).reshape(10, 10)
except RuntimeError as error:
    print(f"{type(error).__name__}: {error}")
else:
    raise AssertionError("reshape should fail for 99 counts")
only_mistakes = torch.bincount(codes[wrong], minlength=100).reshape(10, 10)
print(f"minlength=100일 때: {tuple(only_mistakes.shape)}, 실수 {int(only_mistakes.sum())}개")
assert int(codes.max()) == 99 and torch.equal(only_mistakes, mistakes)

# %%
# 풀이 3
# ^^^^^^
# 열에는 모델이 그 숫자라고 *예측한* 숫자들이 들어 있으므로, 대각선을 열의 합으로 나누면 그
# 예측 가운데 맞은 비율이 됩니다. "모델이 5라고 하면 실제로 5인 경우가 얼마나 되는가"라는
# 다른 질문의 답입니다. 두 값은 놓친 횟수와 잘못 예측한 횟수가 같은 숫자에서만 같습니다.
# 열 기준 값이 더 높은 숫자는 잘못 예측한 횟수가 놓친 횟수보다 적은 숫자, 정확히 그
# 숫자들입니다. 이 실행에서는 5가 87.5%에서 96.6%로 올라갑니다. 모델이 5를 네 번 놓쳤지만
# 5라고 잘못 말한 것은 한 번뿐이기 때문입니다. 8과 9는 내려갑니다. 모델이 8이라고, 또
# 9라고 잘못 말한 것이 각각 세 번씩이기 때문입니다.
per_prediction = confusion.diag() / confusion.sum(dim=0)
for digit in range(10):
    if per_prediction[digit] != per_digit[digit]:
        print(f"숫자 {digit}: 행 기준 {per_digit[digit]:.1%}, 열 기준 {per_prediction[digit]:.1%}")
assert torch.equal(per_prediction > per_digit, mistakes.sum(dim=0) < mistakes.sum(dim=1))
assert torch.equal(per_prediction == per_digit, mistakes.sum(dim=0) == mistakes.sum(dim=1))
