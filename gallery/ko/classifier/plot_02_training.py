r"""
학습과 검증
===========

이 페이지에서는 숫자 분류 모델을 만들고, 그 손실과 정확도가 무엇을 계산하는지 손으로
확인합니다. 학습 한 에포크와 검증 한 번을 반복문으로 직접 쓰고, 패키지의
``train_one_epoch``\ 와 ``evaluate``\ 가 같은 숫자를 내는지 봅니다. 그다음 20 에포크 동안
학습하면서 학습 세트와 검증 세트의 손실과 정확도를 그리고, 평가에 ``model.eval()``\ 과
``torch.inference_mode()``\ 가 왜 필요한지 살펴봅니다. 끝으로 숫자 50장만으로 학습시켜
과적합(overfitting)을 눈으로 확인합니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. 라이브러리를 불러오고, 그림의 글꼴을 설정하고, 난수
# 시드를 고정합니다. ``DigitsDataset``\ 과 학습용 함수 세 개는 사이트
# 패키지에서 가져오며, 처음 쓰는 곳에서 설명합니다. 이 페이지는 PyTorch가 CPU 스레드
# 하나로만 계산하게도 합니다. 스레드가 여럿이면 같은 덧셈을 실행할 때마다 다른 순서로 할 수
# 있고, 그때 생긴 끝자리 차이가 학습하는 동안 자라 결과가 달라질 수 있습니다. 스레드가
# 하나면 같은 컴퓨터에서 다시 실행해도 같은 숫자가 나옵니다. 다른 CPU나 다른 버전의
# PyTorch에서는 반올림이 달라질 수 있으므로, 본문이 인용하는 정확한 숫자는 이 페이지를 실행한
# 결과입니다. 여러분의 컴퓨터에서는 숫자가 조금 다를 수 있지만, 페이지가 ``assert``\ 로
# 확인하는 관계는 그대로 성립합니다.
import copy

import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.utils.data import DataLoader, Subset, random_split

from pytorch_basics.digits import DigitsDataset
from pytorch_basics.plotting import describe_figure, use_site_style
from pytorch_basics.training import accuracy, evaluate, train_one_epoch

use_site_style()
torch.manual_seed(0)
torch.set_num_threads(1)

# %%
# 데이터
# ------
# 데이터는 :ref:`sphx_glr_auto_examples_classifier_plot_01_data.py`\ 와 똑같이 준비합니다.
# ``DigitsDataset()``\ 은 손글씨 숫자 1,797장을 ``(image, label)`` 쌍으로 하나씩 내주고,
# 이것을 학습 세트 1,197장, 검증 세트 300장, 테스트 세트 300장으로 나눕니다. 이 페이지는 학습
# 세트로 모델을 학습시키고, 학습에 한 번도 쓰지 않는 검증 세트로 처음 보는 숫자에서 모델을
# 점검합니다.
# 테스트 세트는 쓰지 않습니다. ``make_train_loader``\ 는 그 페이지의 학습용 데이터 로더를
# 만듭니다. 배치 크기는 32이고, 시드 0으로 정한 전용 생성기로 섞으므로, 부를 때마다 같은
# 순서로 섞는 로더가 나옵니다. 검증용 로더는 300장을 배치 하나로 한꺼번에 내줍니다.
full = DigitsDataset()
train_set, val_set, test_set = random_split(
    full, [1197, 300, 300], generator=torch.Generator().manual_seed(0)
)


def make_train_loader(dataset):
    return DataLoader(
        dataset, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
    )


val_loader = DataLoader(val_set, batch_size=300)
print(f"학습 {len(train_set)}장, 검증 {len(val_set)}장, 테스트 {len(test_set)}장")


# %%
# 모델과 로짓 10개
# ----------------
# ``DigitClassifier``\ 는 8×8 이미지를 픽셀 64개로 된 한 행으로 폅니다(``nn.Flatten``\ 은
# 예제를 세는 0번 차원은 그대로 둡니다). 이 행을 ReLU를 쓰는 64칸짜리 은닉 레이어(hidden
# layer)에 통과시키고, 숫자마다 하나씩 출력 10개를 내는 레이어로 끝납니다. 둘 사이의
# ``nn.Dropout``, 곧 드롭아웃(dropout)은 학습하는 동안 은닉 레이어의 값 가운데 무작위로
# 20%를 0으로 만듭니다. 아래의 ``model.train()``\ 과 ``model.eval()`` 절에서 자세히 봅니다.
class DigitClassifier(nn.Module):
    def __init__(self, hidden: int = 64, dropout: float = 0.2) -> None:
        super().__init__()
        self.layers = nn.Sequential(
            nn.Flatten(), nn.Linear(64, hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, 10)
        )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.layers(images)


# %%
# 출력 10개는 *로짓*\ (logit)입니다(:ref:`sphx_glr_auto_examples_tensors_plot_04_dtypes.py`).
# 숫자마다 점수가 하나씩 있고, 점수가 높을수록 모델이 그 숫자 쪽으로 더 기운다는 뜻입니다.
# 예측은 점수가 가장 높은 숫자, 곧 1번 차원을 따라 구한 ``argmax``\ 입니다. 학습하지 않은
# 모델에 검증 배치 전체를 넣어 봅니다. 드롭아웃이 출력을 무작위로 바꾸지 않게
# ``model.eval()``\ 로 드롭아웃을 끄고, 숫자를 보기만 할 것이므로 ``torch.no_grad()``\ 로
# 아무것도 기록하지 않습니다.
model = DigitClassifier()
model.eval()  # 드롭아웃을 끕니다
images, labels = next(iter(val_loader))
with torch.no_grad():
    logits = model(images)
print(f"images {tuple(images.shape)} -> logits {tuple(logits.shape)}")
print(f"첫 번째 숫자의 로짓: {logits[0]}")
print(f"예측한 숫자: {logits[0].argmax().item()}, 정답: {labels[0].item()}")

# %%
# 로짓은 어떤 수든 될 수 있습니다. *소프트맥스*\ (softmax)는 로짓 한 행을 확률로
# 바꿉니다. 로짓 :math:`z_k`\ 마다 양수인 :math:`e^{z_k}`\ 를 구하고 그 합으로 나누므로
# (:math:`p_k = e^{z_k} / \sum_j e^{z_j}`) 값 10개를 더하면 1이 됩니다. 로짓이 클수록 확률도
# 큽니다. 학습하지 않은 모델은 숫자마다 대략 10분의 1씩 확률을 줍니다.
probabilities = torch.softmax(logits, dim=1)
by_hand = logits.exp() / logits.exp().sum(dim=1, keepdim=True)
print(f"첫 번째 숫자의 확률: {probabilities[0]}")
print(f"행마다 합이 1: {torch.allclose(probabilities.sum(dim=1), torch.ones(300))}")
print(f"softmax와 exp / 합이 같음: {torch.allclose(probabilities, by_hand)}")

# %%
# 교차 엔트로피 손실
# ------------------
# ``nn.CrossEntropyLoss``\ 는 로짓을 정수 레이블과 비교합니다. 예제 하나의 *교차
# 엔트로피*\ (cross-entropy)는 :math:`-\log p_y`, 곧 모델이 정답 숫자 :math:`y`\ 에 준
# 확률의 로그에 마이너스를 붙인 값입니다. 그 확률이 1이면 0이고, 확률이 작을수록 커집니다.
# 배치의 손실은 예제들의 평균입니다. 첫 번째 검증 숫자로 손으로 확인합니다. 소프트맥스를
# 구하고, 정답 자리의 확률을 골라, 그 로그에 마이너스를 붙입니다.
loss_fn = nn.CrossEntropyLoss()
p_right = probabilities[0, labels[0]]
print(f"정답 숫자({labels[0].item()})의 확률: {p_right:.4f}")
print(f"손으로 구한 -log(p):          {-torch.log(p_right):.4f}")
print(f"이 예제의 nn.CrossEntropyLoss: {loss_fn(logits[:1], labels[:1]):.4f}")
assert torch.allclose(-torch.log(p_right), loss_fn(logits[:1], labels[:1]))

# %%
# 배치 전체에서는 ``probabilities[rows, labels]``\ 가 ``i``\ 번 행에서 ``labels[i]``\ 번
# 열을 고릅니다. 곧 숫자마다 정답에 준 확률입니다. 그 로그들의 평균에 마이너스를 붙이면
# 배치의 손실입니다. 학습하지 않은 모델에서는 이 값이 :math:`\log 10`\ 에 가깝습니다.
# :math:`\log 10`\ 은 모든 숫자에 정확히 10분의 1씩 확률을 줄 때의 손실입니다.
rows = torch.arange(len(labels))
batch_by_hand = -torch.log(probabilities[rows, labels]).mean()
print(f"손으로 구한 -log(p)의 평균: {batch_by_hand:.4f}")
print(f"nn.CrossEntropyLoss:       {loss_fn(logits, labels):.4f}")
print(f"log(10):                   {torch.log(torch.tensor(10.0)):.4f}")
assert torch.allclose(batch_by_hand, loss_fn(logits, labels))

# %%
# 정확도
# ------
# *정확도*\ (accuracy)는 예측이 정답과 같은 예제의 비율입니다. 패키지의
# ``accuracy(logits, labels)``\ 가 바로 이것을 계산합니다. 학습하지 않은 모델은 열 번에 한
# 번꼴로 맞힙니다.
predictions = logits.argmax(dim=1)
by_hand = (predictions == labels).sum().item() / len(labels)
print(f"손으로 구한 정확도: {by_hand:.2%}")
print(f"accuracy():        {accuracy(logits, labels):.2%}")
assert by_hand == accuracy(logits, labels)

# %%
# 학습 한 에포크를 직접 쓰기
# --------------------------
# 반복문은 :ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`\ 의 반복문을
# 미니배치에 적용한 것입니다. 배치마다 기울기를 지우고, 순전파하고, 손실을 구하고,
# 역전파하고, 한 걸음 업데이트합니다. ``model.train()``\ 은 모델을 *학습 모드*\ (training
# mode)로 둡니다(드롭아웃이 켜집니다). 배치의 손실은 그 배치 예제들의 평균이고, 마지막
# 배치에는 :math:`1197 - 37 \cdot 32 = 13`\ 장만 들어 있습니다. 그래서 1,197장 전체의 평균을
# 구하려고 배치마다 손실에 배치 크기를 곱해 더합니다. 드롭아웃은 PyTorch의 전역 난수
# 생성기에서 난수를 뽑으므로, 아래에서 똑같이 재현할 수 있게 학습 전 파라미터와 함께 그
# 생성기의 상태를 적어 둡니다.
start_state = copy.deepcopy(model.state_dict())  # 학습 전 파라미터의 복사본
dropout_rng = torch.get_rng_state()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)

model.train()
total_loss, count = 0.0, 0
for batch_images, batch_labels in make_train_loader(train_set):
    optimizer.zero_grad()
    loss = loss_fn(model(batch_images), batch_labels)
    loss.backward()
    optimizer.step()
    total_loss += loss.item() * len(batch_labels)
    count += len(batch_labels)
train_loss = total_loss / count
print(f"숫자 {count}장, 평균 학습 손실 {train_loss:.6f}")

# %%
# 검증 한 번을 직접 쓰기
# ----------------------
# 검증은 재기만 합니다. 기울기도 없고 업데이트도 없습니다. ``model.eval()``\ 은 모델을
# *평가 모드*\ (evaluation mode)로 두고(드롭아웃이 꺼집니다), ``torch.inference_mode()``\ 는
# 그래프를 기록하지 않습니다. 둘 다 아래에서 절 하나씩을 따로 두어 살펴봅니다. 손실은 위처럼
# 배치 크기를 곱해 더하고, 맞힌 예측의 개수를 셉니다.
model.eval()
total_loss, correct = 0.0, 0
with torch.inference_mode():
    for batch_images, batch_labels in val_loader:
        batch_logits = model(batch_images)
        total_loss += loss_fn(batch_logits, batch_labels).item() * len(batch_labels)
        correct += (batch_logits.argmax(dim=1) == batch_labels).sum().item()
val_loss, val_accuracy = total_loss / len(val_set), correct / len(val_set)
print(f"검증 손실 {val_loss:.6f}, 정확도 {val_accuracy:.2%}")

# %%
# 패키지 함수도 같은 일을 합니다
# ------------------------------
# 이제부터는 이 반복문을 패키지 함수에 맡깁니다. ``train_one_epoch(model, loader, loss_fn,
# optimizer)``\ 는 위의 학습 반복문이고, 예제당 평균 손실을 돌려줍니다.
# ``evaluate(model, loader, loss_fn)``\ 는 검증 반복문이고, 손실과 정확도를 돌려준 뒤 모델을
# 원래 모드로 되돌려 놓습니다. 모델의 쌍둥이를 만들어 같은 시작 파라미터, 새 옵티마이저, 같은
# 순서로 섞는 로더, 전역 난수 생성기의 같은 상태를 줍니다. 그러면 드롭아웃도 같은 자리를
# 0으로 만듭니다. ``state_dict()``\ 는 모델의 파라미터를 이름마다 하나씩 담은 사전이고,
# ``load_state_dict``\ 는 그 값을 구조가 같은 모델에 넣습니다. 둘 다
# :ref:`sphx_glr_auto_examples_classifier_plot_04_saving.py`\ 에서 자세히 봅니다.
twin = DigitClassifier()
twin.load_state_dict(start_state)
twin_optimizer = torch.optim.Adam(twin.parameters(), lr=1e-2)
torch.set_rng_state(dropout_rng)
package_train_loss = train_one_epoch(twin, make_train_loader(train_set), loss_fn, twin_optimizer)
package_val = evaluate(twin, val_loader, loss_fn)
print(f"학습 손실: 직접 {train_loss:.6f}, train_one_epoch {package_train_loss:.6f}")
print(f"검증 손실: 직접 {val_loss:.6f}, evaluate {package_val.loss:.6f}")
print(f"검증 정확도: 직접 {val_accuracy:.2%}, evaluate {package_val.accuracy:.2%}")
same_parameters = all(
    torch.equal(a, b) for a, b in zip(model.parameters(), twin.parameters(), strict=True)
)
print(f"에포크 뒤의 파라미터가 같음: {same_parameters}")
print(f"evaluate 뒤에 다시 학습 모드: {twin.training}")
assert same_parameters and twin.training and package_val.accuracy == val_accuracy
assert abs(package_train_loss - train_loss) < 1e-9 and abs(package_val.loss - val_loss) < 1e-9


# %%
# 20 에포크 학습
# --------------
# ``fit``\ 은 모델을 주어진 에포크 수만큼 학습시키고, 에포크가 끝날 때마다 ``evaluate``\ 로
# 학습 세트와 검증 세트를 모두 잽니다. ``train_one_epoch``\ 가 돌려주는 손실을 쓰지 않고
# 학습 세트를 다시 재는 이유는, 그 손실이 파라미터가 계속 바뀌는 에포크 동안 드롭아웃을 켠
# 채로 구한 평균이기 때문입니다(그 차이는 연습 문제 3에서 잽니다). ``evaluate``\ 는 두 세트를
# 같은 방식으로 잽니다. 여기서는 20 에포크면 충분합니다. 열두 에포크쯤 지나면 검증 정확도는
# 1%포인트 안팎에서 오르내릴 뿐입니다. 먼저 시드를 다시 정하므로, 이 실행은 다음 페이지가
# 되풀이하는 실행과 같습니다.
def fit(model, dataset, epochs):
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    train_loader = make_train_loader(dataset)
    train_eval_loader = DataLoader(dataset, batch_size=300)
    history = {"train_loss": [], "train_acc": [], "val_loss": [], "val_acc": []}
    for _ in range(epochs):
        train_one_epoch(model, train_loader, loss_fn, optimizer)
        on_train = evaluate(model, train_eval_loader, loss_fn)
        on_val = evaluate(model, val_loader, loss_fn)
        history["train_loss"].append(on_train.loss)
        history["train_acc"].append(on_train.accuracy)
        history["val_loss"].append(on_val.loss)
        history["val_acc"].append(on_val.accuracy)
    return history


torch.manual_seed(0)
model = DigitClassifier()
normal = fit(model, train_set, epochs=20)
for epoch in range(20):
    print(
        f"에포크 {epoch + 1:2d}: 학습 손실 {normal['train_loss'][epoch]:.4f}, "
        f"정확도 {normal['train_acc'][epoch]:.2%} | "
        f"검증 손실 {normal['val_loss'][epoch]:.4f}, 정확도 {normal['val_acc'][epoch]:.2%}"
    )

# %%
epochs = range(1, 21)
fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(8, 3.2))
ax_loss.plot(epochs, normal["train_loss"], "o-", markersize=3, label="학습 세트")
ax_loss.plot(epochs, normal["val_loss"], "o-", markersize=3, label="검증 세트")
ax_loss.set_title("손실")
ax_loss.set_xlabel("에포크")
ax_loss.set_ylabel("교차 엔트로피 손실")
ax_loss.legend()
ax_acc.plot(epochs, normal["train_acc"], "o-", markersize=3, label="학습 세트")
ax_acc.plot(epochs, normal["val_acc"], "o-", markersize=3, label="검증 세트")
ax_acc.set_title("정확도")
ax_acc.set_xlabel("에포크")
ax_acc.set_ylabel("정확도")
ax_acc.legend()
fig.suptitle("숫자 분류 모델의 20 에포크 학습")
describe_figure(
    fig,
    "20 에포크 동안 학습 세트와 검증 세트에서 잰 값을 그린 꺾은선 그래프 두 개로, "
    "그래프마다 두 세트의 곡선이 하나씩 있습니다. 왼쪽의 교차 엔트로피 손실은 처음 몇 "
    f"에포크 동안 빠르게 내려간 뒤 완만해져서, 학습 세트는 {normal['train_loss'][0]:.2f}에서 "
    f"{normal['train_loss'][-1]:.2f}까지, 검증 세트는 {normal['val_loss'][0]:.2f}에서 "
    f"{normal['val_loss'][-1]:.2f}까지 줄어듭니다. 오른쪽의 정확도는 학습 세트가 "
    f"{normal['train_acc'][-1]:.1%}, 검증 세트가 {normal['val_acc'][-1]:.1%}까지 오르고, "
    "학습 세트의 곡선이 줄곧 검증 세트의 곡선보다 조금 위에 있습니다.",
)
plt.show()

# %%
# 그림을 보면 두 손실은 처음 몇 에포크 동안 빠르게 내려간 뒤 완만해지고, 두 정확도는 90%대
# 후반까지 올라갑니다. 학습 세트는 검증 세트보다 조금 앞서 있습니다. 모델은 처음 보는
# 숫자보다 학습에 쓴 숫자를 더 잘 맞힙니다.
print(
    f"20 에포크 뒤: 학습 정확도 {normal['train_acc'][-1]:.2%}, "
    f"검증 정확도 {normal['val_acc'][-1]:.2%}"
)
print(
    f"가장 높은 검증 정확도 {max(normal['val_acc']):.2%}, "
    f"처음 도달한 에포크 {normal['val_acc'].index(max(normal['val_acc'])) + 1}"
)

# %%
# ``model.train()``\ 과 ``model.eval()``
# --------------------------------------
# 몇몇 레이어는 학습할 때 다르게 동작합니다. ``nn.Dropout(0.2)``\ 는 학습 모드에서 값마다
# 0.2의 확률로 0을 넣고, 나머지 값에는 :math:`1 / (1 - 0.2) = 1.25`\ 를 곱해 평균이
# 그대로 유지되게 합니다. 평가 모드에서는 입력을 그대로 내보냅니다. 새로 만든 모듈은 학습 모드로
# 시작하고(``.training``\ 이 ``True``), ``.train()``\ 과 ``.eval()``\ 은 그 모듈과 그 안의
# 모든 모듈의 모드를 바꿉니다. 1로 채운 텐서를 통과시켜 봅니다. 눈으로 볼 작은 텐서 하나와,
# 개수를 셀 값 100,000개짜리 텐서 하나입니다.
dropout = nn.Dropout(0.2)
print(f"새 모듈, training={dropout.training}:\n{dropout(torch.ones(2, 10))}")
many = dropout(torch.ones(100_000))
print(
    f"1을 100,000개 넣었을 때: 0이 된 비율 {(many == 0).float().mean():.2%}, 평균 {many.mean():.4f}"
)
dropout.eval()
print(f"eval() 뒤, training={dropout.training}:\n{dropout(torch.ones(2, 10))}")

# %%
# 그러니 학습한 모델도 같은 숫자에 대해 학습 모드에서는 매번 다른 출력을, 평가 모드에서는
# 똑같은 출력을 냅니다. 첫 번째 검증 숫자로 모드마다 두 번씩 실행합니다.
image = images[:1]
with torch.inference_mode():
    model.train()
    train_mode = model(image), model(image)
    model.eval()
    eval_mode = model(image), model(image)
print(f"학습 모드, 첫 번째 호출:  {train_mode[0][0, :4]}")
print(f"학습 모드, 두 번째 호출:  {train_mode[1][0, :4]}")
print(f"평가 모드, 두 호출 모두:  {eval_mode[0][0, :4]}")
print(
    f"학습 모드에서 같음: {torch.equal(*train_mode)}, 평가 모드에서 같음: {torch.equal(*eval_mode)}"
)
assert not torch.equal(*train_mode) and torch.equal(*eval_mode)

# %%
# 원인은 드롭아웃입니다. 같은 파라미터를 ``dropout=0.0``\ 으로 만든 모델에 넣으면 학습
# 모드에서도 출력이 똑같습니다. (드롭아웃에는 파라미터가 없으므로 ``state_dict()``\ 의
# 이름이 그대로 맞습니다.)
no_dropout = DigitClassifier(dropout=0.0)
no_dropout.load_state_dict(model.state_dict())
no_dropout.train()
with torch.inference_mode():
    print(f"dropout=0.0, 학습 모드: 같음 {torch.equal(no_dropout(image), no_dropout(image))}")
    assert torch.equal(no_dropout(image), no_dropout(image))

# %%
# 이 차이는 보고하는 숫자에도 영향을 줍니다. 학습 모드에서 재면 검증 정확도가 호출할
# 때마다 달라집니다. ``evaluate``\ 가 스스로 바꾸는 평가 모드에서는 같은 모델이 언제나 같은
# 숫자 하나를 냅니다.
model.train()
with torch.inference_mode():
    in_train_mode = [accuracy(model(images), labels) for _ in range(10)]
in_eval_mode = [evaluate(model, val_loader, loss_fn).accuracy for _ in range(2)]
print(f"학습 모드, 10번 호출: {min(in_train_mode):.2%}에서 {max(in_train_mode):.2%}까지")
print(f"평가 모드, 2번 호출: {in_eval_mode[0]:.2%}, {in_eval_mode[1]:.2%}")
assert len(set(in_train_mode)) > 1 and in_eval_mode[0] == in_eval_mode[1]

# %%
# ``torch.inference_mode()`` 안에서 평가하기
# ------------------------------------------
# ``evaluate``\ 는 모델을 ``torch.inference_mode()`` 안에서도 실행합니다.
# ``torch.inference_mode()``\ 는
# :ref:`sphx_glr_auto_examples_autograd_plot_07_in_depth.py`\ 에서 본, 더 엄격한
# ``torch.no_grad()``\ 입니다. 이 블록 밖에서는 순전파할 때마다 그래프가 기록됩니다. 평가에서는
# 부르지도 않을 ``backward()``\ 를 위한 그래프이고, 출력에 ``grad_fn``\ 이 생깁니다. 블록
# 안에서는 그래프를 기록하지 않습니다.
model.eval()
outside = model(images)
with torch.inference_mode():
    inside = model(images)
print(f"밖: requires_grad={outside.requires_grad}, grad_fn={outside.grad_fn.name()}")
print(f"안: requires_grad={inside.requires_grad}, grad_fn={inside.grad_fn}")
print(f"값이 같음: {torch.equal(outside.detach(), inside)}")
assert outside.grad_fn is not None and inside.grad_fn is None

# %%
# 과적합을 눈으로 보기
# --------------------
# 모델이 새 데이터보다 학습에 쓴 예제를 훨씬 잘 맞히면 *과적합*\ (overfitting)이라고
# 합니다. 과적합을 일부러 일으키려고, 같은 모델을 드롭아웃 없이 학습용 숫자의 처음 50장만으로
# 200 에포크 동안 학습시킵니다. ``Subset(train_set, range(50))``\ 이 그 50장을 담습니다. 앞
# 페이지에서 본 ``Subset``\ 입니다. 나눈 데이터는 이미 섞여 있고, 0부터 9까지 모든 숫자가
# 들어 있습니다. 검증 세트는 같은 300장입니다.
small_set = Subset(train_set, range(50))
small_labels = torch.stack([label for _, label in small_set])
print(f"숫자 0~9의 예제 수: {torch.bincount(small_labels, minlength=10).tolist()}")
torch.manual_seed(0)
small = fit(DigitClassifier(dropout=0.0), small_set, epochs=200)
for epoch in (1, 10, 20, 50, 100, 200):
    print(
        f"에포크 {epoch:3d}: 학습 정확도 {small['train_acc'][epoch - 1]:.2%}, "
        f"검증 정확도 {small['val_acc'][epoch - 1]:.2%}"
    )
print(f"학습 정확도가 처음 100%가 된 에포크: {small['train_acc'].index(1.0) + 1}")

# %%
fig, (ax_small, ax_normal) = plt.subplots(1, 2, figsize=(8, 3.2), sharey=True)
ax_small.plot(range(1, 201), small["train_acc"], label="학습 세트")
ax_small.plot(range(1, 201), small["val_acc"], label="검증 세트")
ax_small.set_title("50장, 드롭아웃 없음")
ax_small.set_xlabel("에포크")
ax_small.set_ylabel("정확도")
ax_small.legend()
ax_normal.plot(epochs, normal["train_acc"], label="학습 세트")
ax_normal.plot(epochs, normal["val_acc"], label="검증 세트")
ax_normal.set_title("1,197장, 드롭아웃 0.2 (위의 학습)")
ax_normal.set_xlabel("에포크")
ax_normal.legend()
fig.suptitle("과적합: 학습 세트와 검증 세트의 정확도")
describe_figure(
    fig,
    "학습 세트와 검증 세트의 정확도를 에포크에 따라 그린 꺾은선 그래프 두 개로, 세로축을 "
    "함께 씁니다. 왼쪽은 드롭아웃 없이 50장으로 200 에포크 동안 학습한 모델로, 학습 "
    f"정확도는 {small['train_acc'].index(1.0) + 1} 에포크 만에 100%에 닿은 뒤 그대로 "
    f"머물지만, 검증 정확도는 {small['val_acc'][-1]:.0%} 근처에서 더 오르지 않습니다. "
    "오른쪽은 위에서 드롭아웃 0.2를 쓰고 1,197장으로 20 에포크 동안 학습한 모델로, 두 곡선이 "
    f"몇 %포인트 안쪽으로 붙어 가다가 {normal['train_acc'][-1]:.1%}와 "
    f"{normal['val_acc'][-1]:.1%}에서 끝납니다.",
)
plt.show()

# %%
# 그림을 보면 50장으로 학습한 모델은 학습 세트를 모두 익히지만, 검증 정확도는 한참 아래에
# 머뭅니다. 이 실행에서는 13 에포크 만에 학습 세트에서 100%에 닿고, 검증 정확도는 80%
# 근처에 머뭅니다. 20%포인트쯤 되는 이 차이는 200 에포크까지 학습해도 줄지
# 않습니다. 오른쪽의 보통 학습에서는 두 곡선의 차이가 몇 %포인트 안쪽입니다. 학습 정확도만
# 보았다면 두 모델 모두 거의 완벽하다고 했을 것입니다. 차이는 검증 세트에서만 드러납니다.
gap_small = small["train_acc"][-1] - small["val_acc"][-1]
gap_normal = normal["train_acc"][-1] - normal["val_acc"][-1]
print(f"학습 정확도와 검증 정확도의 차이: 50장 {gap_small:.2%}, 1,197장 {gap_normal:.2%}")
assert gap_small > 0.1 > gap_normal

# %%
# 과적합에 대처하기
# -----------------
# 두 실행은 데이터의 양과 드롭아웃, 두 가지가 다릅니다. 둘 중 하나만 바꾼 실행을 두 개 더
# 돌려 두 원인을 따로 떼어 봅니다. 50장에 드롭아웃 0.2를 쓴 실행과, 1,197장 전체에 드롭아웃을 쓰지 않은
# 실행입니다.
torch.manual_seed(0)
small_dropout = fit(DigitClassifier(dropout=0.2), small_set, epochs=200)
torch.manual_seed(0)
normal_no_dropout = fit(DigitClassifier(dropout=0.0), train_set, epochs=20)
print(
    f"50장, 드롭아웃 없음, 200 에포크:    학습 {small['train_acc'][-1]:.2%}, "
    f"검증 {small['val_acc'][-1]:.2%}"
)
print(
    f"50장, 드롭아웃 0.2, 200 에포크:     학습 {small_dropout['train_acc'][-1]:.2%}, "
    f"검증 {small_dropout['val_acc'][-1]:.2%}"
)
print(
    f"1,197장, 드롭아웃 없음, 20 에포크:  학습 {normal_no_dropout['train_acc'][-1]:.2%}, "
    f"검증 {normal_no_dropout['val_acc'][-1]:.2%}"
)
print(
    f"1,197장, 드롭아웃 0.2, 20 에포크:   학습 {normal['train_acc'][-1]:.2%}, "
    f"검증 {normal['val_acc'][-1]:.2%}"
)
assert small_dropout["train_acc"][-1] - small_dropout["val_acc"][-1] > 0.1
assert normal_no_dropout["val_acc"][-1] - small_dropout["val_acc"][-1] > 0.1

# %%
# 이 실행들에서 격차를 줄인 것은 데이터를 늘린 쪽입니다. 1,197장으로 학습하면 드롭아웃이
# 있든 없든 검증 정확도가 90%대 후반입니다. 드롭아웃은 과적합을 막으려고 흔히 쓰지만, 여기서
# 50장으로는 과적합을 막지 못했습니다. 이 실행에서 학습 세트는 여전히 100% 맞히고, 검증
# 정확도는 1%포인트 움직였을 뿐입니다. 드롭아웃이 얼마나 도움이 되는지는 모델과 데이터에 따라
# 다르고, 그것을 재는 곳이 검증 세트입니다.
#
# 세 번째 방법은 일찍 멈추는 것, 곧 *조기 종료*\ (early stopping)입니다. 드롭아웃 없이 50장으로
# 학습한 실행에서 검증 손실은 일찍 가장 낮은 점에 닿은 뒤 다시 올라가고, 그동안 학습 손실은
# 계속 0을 향해 내려갑니다.
best = small["val_loss"].index(min(small["val_loss"])) + 1
print(
    f"가장 낮은 검증 손실 {small['val_loss'][best - 1]:.4f} (에포크 {best}), "
    f"검증 정확도 {small['val_acc'][best - 1]:.2%}"
)
print(
    f"200 에포크 뒤: 검증 손실 {small['val_loss'][-1]:.4f}, "
    f"검증 정확도 {small['val_acc'][-1]:.2%}, "
    f"학습 손실 {small['train_loss'][-1]:.4f}"
)
after_best = small["val_acc"][best:]
gain = max(after_best) - small["val_acc"][best - 1]
print(
    f"그 뒤 에포크들의 검증 정확도: {min(after_best):.2%} ~ {max(after_best):.2%}, "
    f"가장 좋을 때도 에포크 {best}보다 {gain * 100:+.2f}%포인트"
)
assert best < 100 and small["val_loss"][-1] > small["val_loss"][best - 1]
assert small["train_loss"][-1] < small["train_loss"][best - 1]

# %%
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot(range(1, 201), small["train_loss"], label="학습 세트")
ax.plot(range(1, 201), small["val_loss"], label="검증 세트")
ax.axvline(best, color="black", linestyle="--", linewidth=1, label="가장 낮은 검증 손실")
ax.set_xlabel("에포크")
ax.set_ylabel("교차 엔트로피 손실")
ax.set_title("50장, 드롭아웃 없음: 두 세트의 손실")
ax.legend()
describe_figure(
    fig,
    "드롭아웃 없이 50장으로 학습한 모델의 교차 엔트로피 손실을 200 에포크 동안 학습 세트와 "
    "검증 세트에서 잰 꺾은선 그래프입니다. 학습 손실은 계속 0을 향해 내려가 "
    f"{small['train_loss'][-1]:.4f}까지 줄어듭니다. 검증 손실은 {best} 에포크(세로 "
    f"점선)에 가장 낮은 값 {small['val_loss'][best - 1]:.2f}에 닿은 뒤 천천히 다시 "
    f"올라가, 200 에포크에는 {small['val_loss'][-1]:.2f}에 이릅니다.",
)
plt.show()

# %%
# 그림을 보면 학습 손실은 거의 0까지 내려가는 반면, 검증 손실은 점선에서 바닥을 찍고 그 뒤로
# 올라갑니다. 이 실행에서는 그 자리에서 멈췄다면 에포크를 10분의 1만 쓰고도 끝까지 학습한
# 것과 같은 검증 정확도를 얻고, 검증 손실은 더 낮았을 것입니다. 그 뒤의 에포크는 학습 손실을
# 0 가까이 밀어 내렸지만, 검증 정확도는 가장 좋을 때도 1%포인트 높아졌을 뿐입니다(위의 출력).
# 다음 페이지도 같은 생각으로 검증 세트에서 에포크 수를 고릅니다.
#
# 정리
# ----
# - 분류 모델은 이미지마다 로짓 10개를 냅니다. 소프트맥스가 로짓을 확률로 바꾸고, 예측은
#   ``argmax``\ 입니다.
# - ``nn.CrossEntropyLoss``\ 는 로짓과 정수 레이블을 받아 :math:`-\log p_y`, 곧 정답 숫자에
#   준 확률의 로그에 마이너스를 붙인 값의 평균을 구합니다. 정확도는 맞힌 예측의 비율입니다.
# - 학습 한 에포크는 학습 모드에서 미니배치마다 기울기 지우기, 순전파, 손실, 역전파, 업데이트를
#   반복하는 것입니다. 검증은 평가 모드에서 ``torch.inference_mode()`` 안에서 잽니다.
#   ``train_one_epoch``\ 와 ``evaluate``\ 는 바로 이 반복문이고, 같은 숫자를 냅니다.
# - 학습 모드에서는 드롭아웃 때문에 출력이 무작위로 달라집니다. ``model.eval()``\ 은 출력을
#   매번 같게 하고, ``torch.inference_mode()``\ 는 그래프를 기록하지 않습니다.
# - 이 페이지의 실행에서 50장으로 학습한 모델은 학습 세트를 100% 맞히고 검증 세트에서는
#   80% 근처에 머물렀습니다. 데이터를 늘리자 그 격차가 몇 %포인트로 줄었고, 드롭아웃 0.2는
#   격차를 거의 바꾸지 못했으며, 검증 손실이 가장 낮을 때 멈추면 에포크를 10분의 1만 쓰고도
#   같은 정확도를 얻었습니다.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_classifier_plot_03_results.py`\ 에서는 에포크
# 수를 고르고, 테스트 세트를 한 번 재고, 모델이 틀린 숫자를 살펴봅니다.
#
# PyTorch 공식 문서:
# `nn.CrossEntropyLoss <https://docs.pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html>`_,
# `torch.softmax <https://docs.pytorch.org/docs/stable/generated/torch.softmax.html>`_,
# `nn.Dropout <https://docs.pytorch.org/docs/stable/generated/torch.nn.Dropout.html>`_,
# `nn.Module.train <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.train>`_,
# `nn.Module.eval <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.eval>`_,
# `torch.inference_mode <https://docs.pytorch.org/docs/stable/generated/torch.autograd.grad_mode.inference_mode.html>`_,
# `torch.utils.data.Subset <https://docs.pytorch.org/docs/stable/data.html#torch.utils.data.Subset>`_.

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** "모델은 확률을 내야 한다"는 생각에, 로짓에 ``torch.softmax``\ 를
#    적용한 뒤 ``nn.CrossEntropyLoss``\ 에 넣는 실수를 흔히 합니다. 그러면 모델이 정답
#    숫자를 완벽하게 확신하더라도 예제 하나의 손실은 얼마보다 작아질 수 없을까요? (확률은
#    모두 0과 1 사이이고, 손실 함수는 소프트맥스를 한 번 더 적용합니다.)
# 2. **하나만 바꾸고 설명하기.** 학습 반복문을 직접 씁니다. 에포크마다 학습한 뒤 위의 검증
#    반복문처럼 ``model.eval()``\ 로 바꾸어 검증하는데, ``model.train()``\ 은 에포크마다
#    부르지 않고 에포크 반복문 앞에서 한 번만 부릅니다. 두 번째 에포크를 학습하는 동안
#    드롭아웃은 켜져 있을까요? 오류가 날까요? ``model.train()``\ 은 어디에 있어야 할까요?
# 3. **예측한 뒤 실행하기.** 위처럼 새 모델을 한 에포크 학습시킵니다. 이 첫 에포크에서
#    ``train_one_epoch``\ 가 돌려주는 손실은 바로 뒤에 잰 검증 손실보다 훨씬 높습니다.
#    모델이 처음 보는 숫자를 더 잘 맞히는 걸까요? 에포크 전에, 그리고 에포크 뒤에 학습
#    모드와 평가 모드로 각각 학습 세트를 재서 알아보세요.

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# ``nn.CrossEntropyLoss``\ 는 소프트맥스를 스스로 적용하므로, 확률이 로짓으로 취급됩니다.
# 확률 한 행이 정답 숫자를 가장 강하게 밀어 줄 수 있는 경우는 정답 자리가 1이고 나머지가
# 0일 때인데, 소프트맥스는 이것을 :math:`e / (e + 9) \approx 0.23`\ 으로 바꿉니다. 그래서
# 손실은 :math:`-\log(e / (e + 9)) = \log(1 + 9/e) \approx 1.46`\ 보다 작아질 수 없습니다.
# 학습한 모델의 검증 로짓으로 재 보면, 올바르게 구한 손실은 작고, 확률로 구한 손실은 모든
# 예제에서 이 바닥보다 큽니다.
model.eval()
with torch.inference_mode():
    val_logits = model(images)
    per_example = nn.CrossEntropyLoss(reduction="none")(torch.softmax(val_logits, dim=1), labels)
floor = torch.log(1 + 9 / torch.exp(torch.tensor(1.0)))
print(f"로짓으로 구한 손실: {loss_fn(val_logits, labels):.4f}")
print(f"확률로 구한 손실:   {per_example.mean():.4f}, 가장 작은 예제 {per_example.min():.4f}")
print(f"바닥 log(1 + 9/e):  {floor:.4f}")
assert per_example.min() >= floor - 1e-6 and loss_fn(val_logits, labels) < floor

# %%
# 풀이 2
# ^^^^^^
# 꺼져 있고, 오류도 경고도 나지 않습니다. ``model.eval()``\ 로 바꾼 모드는 다시 바꿀 때까지
# 그대로이므로, 첫 검증 뒤의 에포크는 모두 평가 모드에서, 곧 드롭아웃 없이 학습합니다.
# ``model.train()``\ 은 위에서 직접 쓴 학습 반복문처럼 에포크마다 학습을 시작할 때 불러야
# 합니다. ``train_one_epoch``\ 는 스스로 학습 모드로 바꾸므로 이런 실수가 생기지 않습니다.
def training_modes(train_every_epoch):
    torch.manual_seed(0)
    classifier = DigitClassifier()
    classifier_optimizer = torch.optim.Adam(classifier.parameters(), lr=1e-2)
    classifier.train()  # 에포크 반복문 앞에서 한 번
    modes = []
    for _ in range(2):
        if train_every_epoch:
            classifier.train()  # 에포크마다
        modes.append(classifier.training)
        for batch_images, batch_labels in make_train_loader(train_set):
            classifier_optimizer.zero_grad()
            loss_fn(classifier(batch_images), batch_labels).backward()
            classifier_optimizer.step()
        classifier.eval()
        with torch.inference_mode():
            classifier(images)  # 검증(결과는 여기서 쓰지 않습니다)
    return modes


once, every_epoch = training_modes(False), training_modes(True)
print(f"train()을 한 번만:     에포크를 시작할 때의 training {once}")
print(f"train()을 에포크마다:  에포크를 시작할 때의 training {every_epoch}")
assert once == [True, False] and every_epoch == [True, True]

# %%
# 풀이 3
# ^^^^^^
# 아닙니다. 돌려받은 손실은 에포크 동안 배치들의 손실을 평균한 값입니다. 모델은 손실이
# 2가 넘는 학습 전 상태로 에포크를 시작해 배치마다 나아졌으므로, 앞쪽 배치들이 평균을
# 끌어올립니다. 또 이 손실은 드롭아웃을 켠 채로 구했습니다. 에포크가 끝난 뒤 같은 학습
# 숫자들로 재면, 학습 모드에서도 손실이 더 낮고(평균 효과가 사라집니다), 평가 모드에서는 그보다
# 더 낮아서(드롭아웃까지 사라집니다) 검증 손실보다도 낮습니다.
torch.manual_seed(0)
fresh = DigitClassifier()
fresh_optimizer = torch.optim.Adam(fresh.parameters(), lr=1e-2)
train_eval_loader = DataLoader(train_set, batch_size=300)
before = evaluate(fresh, train_eval_loader, loss_fn).loss
returned = train_one_epoch(fresh, make_train_loader(train_set), loss_fn, fresh_optimizer)
all_train_images, all_train_labels = next(iter(DataLoader(train_set, batch_size=1197)))
with torch.inference_mode():
    end_train_mode = loss_fn(fresh(all_train_images), all_train_labels).item()
end_eval_mode = evaluate(fresh, train_eval_loader, loss_fn).loss
end_val = evaluate(fresh, val_loader, loss_fn).loss
print(f"에포크 전의 학습 세트:             {before:.4f}")
print(f"train_one_epoch가 돌려준 손실:     {returned:.4f}")
print(f"에포크 뒤의 학습 세트, 학습 모드:  {end_train_mode:.4f}")
print(f"에포크 뒤의 학습 세트, 평가 모드:  {end_eval_mode:.4f}")
print(f"에포크 뒤의 검증 세트, 평가 모드:  {end_val:.4f}")
assert before > 2 and returned > end_train_mode > end_eval_mode and end_eval_mode < end_val
