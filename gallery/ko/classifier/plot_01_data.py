r"""
데이터: Dataset, 나누기, DataLoader
===================================

이 장의 분류 모델은 손글씨 숫자를 담은 작은 이미지 1,797장으로 학습합니다. 이 페이지에서는
먼저 이 이미지들을 살펴봅니다. 그다음 이미지를 한 장씩 내주는 ``Dataset``\ 을 직접 작성하고,
데이터를 학습 세트, 검증 세트, 테스트 세트로 나누고, ``DataLoader``\ 로 학습 세트를 섞어
미니배치로 내줍니다. 나누기와 섞기는 무작위로 이루어집니다. 시드를 정한 난수 생성기가 여기서
무엇을 바꾸는지, 그리고 세 세트가 각각 왜 있어야 하는지도 실험으로 확인합니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. PyTorch를 불러오고, 그림의 글꼴을 설정하고, 난수
# 시드를 고정합니다. 글 :ref:`post-deep-learning-1`\ 은 ``torch.utils``\ 를 "데이터셋 나누기,
# 배치 처리" 같은 보조 기능을 모아 둔 도구함으로 소개합니다. 이 페이지에서는 그 안의
# ``torch.utils.data``\ 에 있는 도구 세 가지, ``Dataset``, ``random_split``,
# ``DataLoader``\ 를 씁니다.
import subprocess
import sys

import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset, random_split

from pytorch_basics.digits import DigitsDataset, load_digits_tensors
from pytorch_basics.plotting import describe_figure, use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# 손글씨 숫자
# -----------
# 파이썬 머신러닝 라이브러리인 scikit-learn은 패키지 안에 작은 손글씨 숫자 데이터를 담고
# 있어서, 따로 내려받을 것이 없습니다. 사이트 패키지의 ``load_digits_tensors()``\ 는 이 데이터를
# 읽어 이미지와 레이블(label)을 텐서 두 개로 돌려줍니다.
images, labels = load_digits_tensors()
print(f"images: 형태 {tuple(images.shape)}, dtype {images.dtype}")
print(f"labels: 형태 {tuple(labels.shape)}, dtype {labels.dtype}")

# %%
# 이미지는 1,797장입니다. 한 장의 형태는
# :ref:`sphx_glr_auto_examples_tensors_plot_05_shapes.py`\ 에서 본 (채널, 높이, 너비)이고, 흑백
# 이미지라 채널이 하나이며 크기는 8×8 픽셀입니다. 이미지는 신경망이 계산에 쓰는
# ``float32``\ 이고, 레이블은 클래스 레이블에 쓰는 ``int64``\ 입니다
# (:ref:`sphx_glr_auto_examples_tensors_plot_04_dtypes.py`). 픽셀값은 0과 1 사이에 있습니다.
# scikit-learn에서 픽셀은 0(잉크 없음)부터 16까지의 정수이고, ``load_digits_tensors()``\ 가
# 이를 16으로 나눕니다. 그래서 16을 곱하면 픽셀값은 정확히 0부터 16까지의 정수 17개가 됩니다.
# 첫 번째 이미지에 16을 곱해 출력해 봅니다.
print(f"픽셀값의 범위: {images.min():.1f} ~ {images.max():.1f}")
pixel_values = torch.unique(images * 16)
print(f"images * 16에 나오는 값: {pixel_values.int().tolist()}")
assert torch.equal(pixel_values, torch.arange(17.0))
print((images[0, 0] * 16).int())

# %%
# 레이블은 0부터 9까지 클래스 10개입니다. ``torch.bincount``\ 는 0, 1, 2, ... 가 각각 몇 번
# 나오는지 셉니다. 숫자마다 이미지가 180장 안팎입니다.
print(f"클래스: {labels.unique().tolist()}")
print(f"클래스별 이미지 수: {torch.bincount(labels).tolist()}")

# %%
# 그림은 처음 20장을 각각 위에 레이블을 달아 보여 줍니다.
fig, axes = plt.subplots(2, 10, figsize=(8, 2.3))
for ax, image, label in zip(axes.flat, images[:20], labels[:20], strict=True):
    ax.imshow(image[0], cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(f"{label}", fontsize=10)
    ax.axis("off")
fig.suptitle("처음 20장의 숫자와 레이블")
describe_figure(
    fig,
    "데이터의 처음 20장을 10장씩 두 줄로 늘어놓고, 장마다 위에 레이블을 적은 그림입니다. "
    "8×8 픽셀의 흑백 손글씨 숫자이고, 두 줄 모두 0부터 9까지 차례대로 나오지만 줄마다 "
    "글씨체가 다릅니다. 숫자는 거친 잉크 얼룩처럼 보이지만 대부분은 쉽게 읽힙니다.",
)
plt.show()

# %%
# 그림에는 0부터 9까지의 숫자가 서로 다른 글씨체로 두 번씩 나옵니다. 8×8 픽셀이면 숫자는 거친
# 잉크 얼룩이지만, 대부분은 여전히 쉽게 읽힙니다. 처음 30개의 레이블은 0부터 9까지를 세 번
# 되풀이하고, 그 뒤로는 순서가 불규칙합니다.
print(f"처음 40개의 레이블: {labels[:40].tolist()}")


# %%
# Dataset 직접 작성하기
# ---------------------
# *데이터셋*\ (dataset)은 예제를 모아 둔 것으로, 여기서는 예제 하나가 이미지 한 장과 그
# 레이블의 쌍입니다. PyTorch에서 데이터셋은 메서드 두 개를 가진 객체입니다. ``__len__``\ 은
# 예제 수를 돌려주고, ``__getitem__(index)``\ 는 ``index``\ 번째 예제를 돌려줍니다.
# 파이썬은 ``len(dataset)``\ 과 ``dataset[index]``\ 를 실행할 때 이 두 메서드를 부릅니다.
# 텐서 두 개를 감싸는 ``Dataset`` 서브클래스는 몇 줄이면 됩니다.
class MyDigits(Dataset):
    def __init__(self, images, labels):
        self.images = images
        self.labels = labels

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, index):
        return self.images[index], self.labels[index]


mine = MyDigits(images, labels)
image, label = mine[3]
print(f"len(mine): {len(mine)}")
print(f"mine[3]: 형태가 {tuple(image.shape)}인 이미지와 레이블 {label}")

# %%
# 패키지의 ``DigitsDataset``\ 은 이 클래스에 검사를 더한 것입니다. 인자 없이
# ``DigitsDataset()``\ 으로 만들면 숫자 데이터 전체를 스스로 불러오고, ``MyDigits``\ 와 똑같은
# 쌍을 내줍니다.
full = DigitsDataset()
same_pairs = all(
    torch.equal(full[i][0], mine[i][0]) and torch.equal(full[i][1], mine[i][1])
    for i in range(len(full))
)
print(f"len(full): {len(full)}, MyDigits와 같은 쌍: {same_pairs}")
assert same_pairs

# %%
# 검사는 데이터셋을 만들 때 한 번 실행됩니다. ``MyDigits``\ 는 이미지 1,797장에 레이블이
# 100개뿐이어도 아무 말 없이 받아서 예제 100개짜리 데이터셋이 됩니다. 나머지 이미지 1,697장은
# 그냥 쓰이지 않습니다. ``DigitsDataset``\ 은 이런 입력을 거부하고, 클래스 레이블의 dtype인
# ``int64``\ 가 아닌 레이블도 거부합니다.
short = MyDigits(images, labels[:100])
print(f"MyDigits(images, labels[:100]): 길이 {len(short)}")
for bad_labels in (labels[:100], labels.float()):
    try:
        DigitsDataset(images, bad_labels)
    except (TypeError, ValueError) as error:
        print(f"DigitsDataset: {type(error).__name__}: {error}")

# %%
# 이 장의 다음 페이지들은 ``DigitsDataset``\ 을 씁니다.
#
# 학습 세트, 검증 세트, 테스트 세트
# ---------------------------------
# 숫자 데이터를 서로 겹치지 않는 세 세트로 나눕니다. 세트마다 맡은 일이 하나씩 있습니다.
#
# - *학습 세트*\ (training set)는 모델이 배우는 데이터입니다. 옵티마이저는 파라미터를 이 세트에
#   맞춥니다.
# - *검증 세트*\ (validation set)는 고르는 데 씁니다. 에포크 수, 학습률, 모델을 무엇으로 할지
#   고를 때, 선택지마다 모델이 배우지 않은 데이터로 평가합니다.
# - *테스트 세트*\ (test set)는 맨 마지막에 한 번만 써서, 고른 모델을 측정합니다.
#
# ``random_split``\ 은 무작위로 나눕니다. 여기서는 학습용으로 1,197장(3분의 2), 검증용과
# 테스트용으로 300장씩입니다. 인자 ``generator``\ 는 아래에서 설명합니다.
train_set, val_set, test_set = random_split(
    full, [1197, 300, 300], generator=torch.Generator().manual_seed(0)
)
parts = (train_set, val_set, test_set)
counts = [torch.bincount(labels[part.indices]).tolist() for part in parts]
print(f"학습: {len(train_set)}장, 클래스별 {counts[0]}")
print(f"검증: {len(val_set)}장, 클래스별 {counts[1]}")
print(f"테스트: {len(test_set)}장, 클래스별 {counts[2]}")
every_digit = set(train_set.indices) | set(val_set.indices) | set(test_set.indices)
print(f"세 세트 가운데 하나 이상에 든 숫자: {len(every_digit)}장")

# %%
# 1,197 + 300 + 300 = 1,797장이고 서로 다른 숫자 1,797장이 나오므로, 모든 숫자가 정확히 한
# 세트에만 들어 있습니다. 세트마다 모든 클래스가 들어 있고 비율도 전체와 대체로 비슷하지만,
# 무작위로 뽑았으므로 똑같지는 않습니다. 검증 세트의 클래스별 수가 얼마나 들쭉날쭉한지 보세요.
# 차례대로 자르지 않고(처음 1,197장, 다음 300장, 마지막 300장) 무작위로 나누는 까닭은 데이터가
# 어떤 순서로 놓여 있는 경우가 많기 때문입니다. 클래스별로 정렬된 데이터를 차례대로 자르면 어떻게
# 되는지는 연습 문제 2에서 봅니다.
#
# ``random_split``\ 은 ``Subset`` 객체 세 개를 돌려줍니다. ``Subset``\ 은 데이터셋과 위치
# 목록 ``indices``\ 를 들고 있고, 그 ``i``\ 번째 예제는 데이터셋의 ``indices[i]``\ 번째
# 예제입니다. 아무것도 복사하지 않고, 데이터셋 자체를 들고 있습니다.
image, label = train_set[0]
print(f"train_set.dataset is full: {train_set.dataset is full}")
print(f"train_set.indices[:5]: {train_set.indices[:5]}")
position = train_set.indices[0]
print(f"train_set[0]은 full[{position}]: {torch.equal(image, full[position][0])}")

# %%
# 고르는 데 쓰는 세트가 따로 있어야 하는 이유
# ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
# 테스트 세트로 고르고 세트를 두 개만 두면 안 될까요? 안 됩니다. 고르는 데 쓴 세트는 더는
# 정직한 점수를 주지 않기 때문입니다. 학습 없이 하는 실험으로 확인해 봅니다. 여기서 쓰는
# 모델은 숫자를 보지도 않고 클래스를 무작위로 찍어 답하므로, 검증용 300장에서도 테스트용
# 300장에서도 평균적으로 10%를 맞힙니다. 이렇게 찍는 모델 50개를 만들어 검증 정확도(accuracy)가
# 가장 높은 하나를 고르고, 고른 모델이 두 세트에서 얻은 정확도를 봅니다. 이 전체를 200번
# 되풀이합니다.
guess_generator = torch.Generator().manual_seed(1)
val_labels, test_labels = labels[val_set.indices], labels[test_set.indices]
chosen_val, chosen_test, first_val, first_test = [], [], [], []
for _ in range(200):
    guesses = torch.randint(0, 10, (50, 600), generator=guess_generator)  # 모델마다 한 행
    val_accuracy = (guesses[:, :300] == val_labels).float().mean(dim=1)
    test_accuracy = (guesses[:, 300:] == test_labels).float().mean(dim=1)
    best = val_accuracy.argmax()
    chosen_val.append(val_accuracy[best].item())
    chosen_test.append(test_accuracy[best].item())
    first_val.append(val_accuracy[0].item())  # 0번 모델: 점수와 상관없이 정해 둔 모델
    first_test.append(test_accuracy[0].item())
chosen_val, chosen_test = torch.tensor(chosen_val), torch.tensor(chosen_test)
first_val, first_test = torch.tensor(first_val), torch.tensor(first_test)
print(f"고른 모델: 검증 {chosen_val.mean():.1%}, 테스트 {chosen_test.mean():.1%}")
print(f"0번 모델:  검증 {first_val.mean():.1%}, 테스트 {first_test.mean():.1%}")
wins = (chosen_val > chosen_test).sum()
print(f"고른 모델의 검증 정확도가 테스트 정확도보다 높았던 횟수: 200번 가운데 {wins}번")
assert chosen_val.mean() > 0.13 and abs(chosen_test.mean() - 0.1) < 0.01
assert abs(first_val.mean() - first_test.mean()) < 0.01

# %%
# 찍는 모델은 모두 똑같이 엉터리인데도, 고른 모델은 자신을 고른 검증 세트에서 14% 안팎을
# 얻고, 테스트 세트에서는 평균적으로 아무렇게나 찍을 때의 수준인 10%에 그칩니다. 고르는 일을
# 빼고 점수와 상관없이 0번 모델을 쓰면 두 세트의 점수가 같아집니다. 고를 때는 검증 세트에
# 운 좋게 잘 맞은 모델이 뽑히므로, 뽑힌 쪽의 검증 점수에는 그 운이 섞여 실제보다 높게
# 나옵니다. 고르는 데 아무 역할도 하지 않은 세트라야 정직한 점수를 줍니다. 그래서 테스트
# 세트는 마지막에 한 번만 씁니다. 테스트 세트로 다시 고르면 테스트 세트는 검증 세트가 하나 더
# 생긴 것일 뿐이고, 그 점수도 똑같이 부풀려집니다. 학습도 고르는 일입니다. 옵티마이저는
# 50개보다 훨씬 많은 후보 가운데 학습 세트에 맞는 파라미터를 고르므로, 학습 세트에서 얻은
# 점수로는 모델이 처음 보는 숫자를 얼마나 잘 맞힐지 알기가 더 어렵습니다. 학습한 분류
# 모델로는 :ref:`sphx_glr_auto_examples_classifier_plot_02_training.py`\ 에서 학습 세트의
# 점수가 검증 세트의 점수보다 앞서 나가는 모습을 보고,
# :ref:`sphx_glr_auto_examples_classifier_plot_03_results.py`\ 에서 테스트 세트로 고르면 점수가
# 얼마나 부풀려지는지 측정합니다.
#
# 실행할 때마다 같은 나누기
# -------------------------
# ``generator``\ 가 없으면 ``random_split``\ 은 PyTorch의 전역 난수 생성기(random number
# generator)에서 난수를 꺼냅니다. 새로 시작한 파이썬 프로세스는 이 생성기의 시드를 매번 다르게
# 정합니다. 이 페이지를 실행하는 파이썬 인터프리터(``sys.executable``)를 새로 두 번 띄우고,
# 실행마다 숫자 데이터를 두 번 나눕니다. 한 번은 생성기 없이, 한 번은 시드를 0으로 정한
# 생성기로 나누고, 테스트 세트의 위치를 출력합니다. ``random_split``\ 은 데이터셋에서 길이만 보므로,
# ``range(1797)``\ 을 나누면 ``full``\ 을 나눌 때와 같은 위치가 나옵니다.
split_twice = """
import torch
from torch.utils.data import random_split
print(random_split(range(1797), [1197, 300, 300])[2].indices)
generator = torch.Generator().manual_seed(0)
print(random_split(range(1797), [1197, 300, 300], generator=generator)[2].indices)
"""
command = [sys.executable, "-c", split_twice]
runs = [subprocess.run(command, capture_output=True, text=True, check=True) for _ in range(2)]
(unseeded_1, seeded_1), (unseeded_2, seeded_2) = (run.stdout.splitlines() for run in runs)
print(f"생성기 없이: 두 실행의 테스트 세트가 같음: {unseeded_1 == unseeded_2}")
print(f"시드를 0으로 정한 생성기로: 두 실행의 테스트 세트가 같음: {seeded_1 == seeded_2}")
print(f"... 그리고 이 페이지의 테스트 세트와 같음: {seeded_1 == str(test_set.indices)}")
assert unseeded_1 != unseeded_2 and seeded_1 == seeded_2 == str(test_set.indices)

# %%
# 이 페이지는 첫 셀에서 전역 생성기의 시드를 정하므로, 생성기 없이 나누어도 다른 것이 바뀌지
# 않는 한 이 페이지를 실행할 때마다 같은 결과가 나옵니다. 하지만
# :ref:`sphx_glr_auto_examples_tensors_plot_01_creating.py`\ 에서 보았듯이 난수를 꺼낼
# 때마다 전역 생성기의 흐름이 앞으로 나아가고, 난수를 꺼내는 곳은 많습니다. 모델의 초기
# 가중치도 그중 하나입니다. 나누기 전에 모델을 하나 만들면 생성기 없이 나눈 결과가 바뀝니다.
# 전용 생성기로 나눈 결과는 다른 곳에서 꺼낸 난수와 상관이 없으므로 그대로입니다.
sizes = [1197, 300, 300]
torch.manual_seed(0)
global_before = random_split(full, sizes)[2].indices
own_before = random_split(full, sizes, generator=torch.Generator().manual_seed(0))[2].indices
torch.manual_seed(0)
model = nn.Linear(64, 10)  # 초기 가중치를 전역 생성기에서 꺼냅니다
global_after = random_split(full, sizes)[2].indices
own_after = random_split(full, sizes, generator=torch.Generator().manual_seed(0))[2].indices
in_common = len(set(global_before) & set(global_after))
print(f"생성기 없이: 모델을 만들기 전과 후의 테스트 세트에 함께 든 숫자 300장 가운데 {in_common}장")
print(f"전용 생성기로: 테스트 세트가 같음: {own_before == own_after}")
assert global_before != global_after and own_before == own_after

# %%
# 나누기가 바뀌는 것은 단지 깔끔하지 못한 문제가 아닙니다. 학습할 때 한 번 나누고 평가할 때
# 다시 나누면, 모델이 배운 숫자가 테스트 세트에 섞여 들어갑니다(연습 문제 3에서 그 수를
# 셉니다). 이 장의 모든 페이지는 시드를 0으로 정한 생성기로 나누므로, 모두 같은 세 세트를
# 얻습니다.
#
# DataLoader로 배치 만들기
# ------------------------
# 데이터 로더(data loader) ``DataLoader``\ 는 데이터셋을 받아 배치로 묶어 내줍니다.
# 데이터셋에서 위치로 예제를 ``batch_size``\ 개씩 꺼내, 이미지는 텐서 하나로, 레이블은 또 다른
# 텐서 하나로 쌓고, 데이터셋을 다 쓸 때까지 이를 되풀이합니다. 데이터 로더를 한 번 다 도는
# 것이 에포크 하나입니다(:ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`).
# ``next(iter(...))``\ 는 첫 배치를 꺼냅니다. 섞지 않으면 첫 배치에는 세트의 처음 예제
# 32개가 들어 있습니다.
in_order = DataLoader(train_set, batch_size=32)
batch_images, batch_labels = next(iter(in_order))
print(f"배치 하나: 이미지 {tuple(batch_images.shape)}, 레이블 {tuple(batch_labels.shape)}")
first_32 = torch.stack([train_set[i][0] for i in range(32)])
print(f"train_set[0]부터 train_set[31]까지 쌓은 것과 같음: {torch.equal(batch_images, first_32)}")

# %%
# 1,197은 32의 배수가 아니므로 마지막 배치는 더 작습니다. 가득 찬 배치 37개에 1,184장이
# 들어가고, 38번째 배치에 나머지 13장이 들어갑니다. 데이터 로더를 도는 반복문은 모든 배치에
# 예제가 32개 있다고 가정하면 안 됩니다(연습 문제 1).
batch_sizes = [len(batch_labels) for _, batch_labels in in_order]
print(f"len(in_order): 배치 {len(in_order)}개, 크기는 {sorted(set(batch_sizes), reverse=True)}")
print(f"마지막 배치: {batch_sizes[-1]}장, 모두 합쳐 {sum(batch_sizes)}장")
assert batch_sizes[-1] == 1197 - 37 * 32

# %%
# 섞기
# ----
# 미니배치(mini-batch)는 학습 예제 가운데 무작위로 뽑은 일부입니다
# (:ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`). ``shuffle=True``\ 는
# 에포크마다 예제의 순서를 새로 뽑아서 미니배치를 무작위로 만듭니다. 순서는 ``i``\ 번째
# 예제가 숫자 ``i`` 자신인 데이터셋에서 가장 잘 보입니다. ``range``\ 는 길이가 있고 인덱싱할
# 수 있으므로, 데이터 로더는 이것을 데이터셋으로 받습니다.
toy = DataLoader(range(10), batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(0))
toy_epochs = [[batch.tolist() for batch in toy] for _ in range(3)]
for epoch, batches in enumerate(toy_epochs, start=1):
    print(f"에포크 {epoch}: {batches}")
for batches in toy_epochs:
    assert sorted(i for batch in batches for i in batch) == list(range(10))

# %%
# 에포크마다 모든 예제가 한 번씩, 4개, 4개, 2개짜리 배치로 나오고, 순서는 에포크마다 다릅니다.
# 이 순서는 데이터 로더의 ``generator``\ 에서 나옵니다. 시드를 0으로 정한 생성기로 데이터 로더를
# 새로 만들면 같은 세 에포크가 되풀이됩니다. 생성기 없이 만든 데이터 로더는 전역 생성기에서
# 난수를 꺼내므로, 두 개를 만들면 순서가 서로 다릅니다.
again = DataLoader(
    range(10), batch_size=4, shuffle=True, generator=torch.Generator().manual_seed(0)
)
again_epochs = [[batch.tolist() for batch in again] for _ in range(3)]
print(f"시드를 다시 0으로 정한 데이터 로더: 같은 에포크: {again_epochs == toy_epochs}")
unseeded_a = [b.tolist() for b in DataLoader(range(10), batch_size=4, shuffle=True)]
unseeded_b = [b.tolist() for b in DataLoader(range(10), batch_size=4, shuffle=True)]
print(f"생성기 없이: {unseeded_a}, {unseeded_b}")
assert unseeded_a != unseeded_b

# %%
# 이 장의 데이터 로더
# -------------------
# 이 장의 다음 페이지들도 같은 데이터 로더 세 개를 만듭니다. 학습용 데이터 로더는 시드를
# 정한 전용 생성기로 섞습니다. 검증용과 테스트용 데이터 로더는 300장을 섞지 않고 한
# 배치로 내줍니다. 한 세트에서 모델의 정확도는 예제의 순서와 상관이 없기 때문입니다.
train_loader = DataLoader(
    train_set, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
)
val_loader = DataLoader(val_set, batch_size=300)
test_loader = DataLoader(test_set, batch_size=300)
loaders = (train_loader, val_loader, test_loader)
print(f"에포크당 배치 수(학습, 검증, 테스트): {[len(loader) for loader in loaders]}")

# %%
# ``train_loader``\ 의 두 에포크는 서로 다른 배치로 시작하고, 두 에포크 모두 학습용 숫자
# 1,197장을 모두 담고 있습니다. 같은 방식으로 만든 두 번째 데이터 로더는 첫 번째와 같은
# 배치로 시작합니다.
epoch_1 = list(train_loader)
epoch_2 = list(train_loader)
first_images, first_labels = epoch_1[0]
print(f"에포크 1의 첫 배치, 레이블: {first_labels[:12].tolist()} ...")
print(f"에포크 2의 첫 배치, 레이블: {epoch_2[0][1][:12].tolist()} ...")
print(f"에포크마다 숫자 수: {sum(len(y) for _, y in epoch_1)}, {sum(len(y) for _, y in epoch_2)}")
remade = DataLoader(
    train_set, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
)
same_start = torch.equal(next(iter(remade))[0], first_images)
print(f"시드를 0으로 정해 새로 만든 데이터 로더가 같은 배치로 시작함: {same_start}")
assert same_start and not torch.equal(first_labels, epoch_2[0][1])

# %%
# 그림은 에포크 1의 첫 배치, 곧 숫자 32장을 레이블과 함께 보여 줍니다.
fig, axes = plt.subplots(4, 8, figsize=(6.4, 3.9))
for ax, image, label in zip(axes.flat, first_images, first_labels, strict=True):
    ax.imshow(image[0], cmap="gray_r", vmin=0, vmax=1)
    ax.set_title(f"{label}", fontsize=10)
    ax.axis("off")
fig.suptitle("train_loader의 배치 하나: 숫자 32장과 레이블")
describe_figure(
    fig,
    f"에포크 1에서 train_loader가 내주는 첫 배치의 숫자 {len(first_labels)}장을 한 줄에 "
    "8장씩 네 줄로 늘어놓고, 장마다 위에 레이블을 적은 그림입니다. 학습 세트 곳곳에서 온 "
    "숫자가 클래스와 상관없는 순서로 놓여 있고, 이 배치에는 클래스 10개 가운데 "
    f"{len(first_labels.unique())}개가 들어 있으며, 숫자마다 자기 레이블과 짝지어져 "
    "있습니다.",
)
plt.show()

# %%
# 그림은 모델이 받게 될 배치의 모습을 보여 줍니다. 학습 세트 곳곳에서 온 숫자가 클래스와
# 상관없는 순서로 놓여 있고, 각 숫자는 여전히 자기 레이블과 짝지어져 있습니다.
per_class = torch.bincount(first_labels, minlength=10)
print(f"이 배치의 클래스 수: {len(first_labels.unique())}, 클래스별 {per_class.tolist()}")

# %%
# 정리
# ----
# - 숫자 데이터는 :math:`[0, 1]` 범위의 ``(1797, 1, 8, 8)`` ``float32`` 이미지와 0부터 9까지의
#   ``int64`` 레이블이고, 클래스마다 180장 안팎입니다.
# - ``Dataset``\ 에는 ``__len__``\ 과 ``__getitem__``\ 만 있으면 됩니다. 패키지의
#   ``DigitsDataset``\ 은 그런 클래스에 검사를 더한 것입니다.
# - 학습 세트로 파라미터를 맞추고, 검증 세트로 고르고, 테스트 세트로 고른 모델을 한 번
#   측정합니다. 고르는 데 쓴 세트의 점수는 실제보다 높습니다.
# - ``random_split``\ 과 섞는 ``DataLoader``\ 는 난수를 꺼내 씁니다. 각각에 전용
#   ``torch.Generator().manual_seed(0)``\ 을 주면, 프로그램이 다른 곳에서 난수를 얼마나
#   꺼내든 실행할 때마다 같은 결과가 나옵니다.
# - ``DataLoader``\ 는 배치마다 예제 ``batch_size``\ 개를 쌓습니다. 마지막 배치는 더 작을 수
#   있고, ``shuffle=True``\ 는 에포크마다 순서를 새로 뽑습니다.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_classifier_plot_02_training.py`
#
# API 문서: `torch.utils.data <https://docs.pytorch.org/docs/stable/data.html>`_,
# `Dataset <https://docs.pytorch.org/docs/stable/data.html#torch.utils.data.Dataset>`_,
# `random_split <https://docs.pytorch.org/docs/stable/data.html#torch.utils.data.random_split>`_,
# `DataLoader <https://docs.pytorch.org/docs/stable/data.html#torch.utils.data.DataLoader>`_,
# `torch.Generator <https://docs.pytorch.org/docs/stable/generated/torch.Generator.html>`_.

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 어떤 학습 반복문은 배치마다 ``batch_images.view(32, 64)``\ 로
#    이미지를 펼칩니다. ``train_loader``\ 를 한 에포크 도는 동안 배치 몇 개를 처리하고, 그다음
#    무슨 일이 일어날까요? 크기와 상관없이 배치를 펼치려면 어떻게 해야 할까요?
# 2. **하나만 바꾸고 설명하기.** 데이터는 클래스별로 정렬된 채 오는 경우가 많습니다. 숫자
#    데이터를 레이블 순으로 정렬해 ``MyDigits``\ 로 감싸고, 섞지 않고 ``batch_size=32``\ 로
#    불러오세요. 첫 배치에는 어떤 레이블이 들어 있고, 배치 하나에는 클래스가 몇 개 들어
#    있을까요? 그다음 ``shuffle=True``\ 로 바꿔 보세요. 정렬된 데이터를 차례대로 잘라
#    마지막 300장을 테스트 세트로 삼으면, 그 안에는 어떤 클래스가 들어 있을까요?
# 3. **예측한 뒤 실행하기.** 학습 스크립트가 생성기 없이 ``random_split``\ 으로 1,197장,
#    300장, 300장으로 나누어 학습하고, 평가 스크립트가 같은 방식으로 다시 나누어 그 테스트
#    세트로 측정합니다. 두 스크립트 모두 ``torch.manual_seed``\ 를 부르지 않습니다. 테스트용
#    300장 가운데 대략 몇 장이 모델이 배운 숫자일까요?
# 4. **하나만 바꾸고 설명하기.** ``MyDigits``\ 와 같은 ``Dataset``\ 의 ``__len__``\ 이
#    예전 버전의 데이터에 맞춰 적어 둔 숫자 1000을 돌려줍니다. 이 데이터셋을 감싼 데이터
#    로더는 오류를 낼까요? 한 에포크에 숫자 몇 장이 나오고, 어느 숫자들이 나올까요?

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# 배치 37개를 처리합니다. 38번째 배치에는 숫자가 13장, 곧 13 × 64 = 832개의 값이 있어서
# ``view``\ 가 이것으로 64개짜리 행 32개를 만들 수 없습니다. ``flatten(start_dim=1)``\ 은
# 배치 크기가 얼마든 0번 차원은 그대로 두고 나머지를 펼칩니다.
failed_at = None
for number, (batch_images, _) in enumerate(train_loader, start=1):
    try:
        batch_images.view(32, 64)
    except RuntimeError as error:
        failed_at = number
        print(f"{number}번째 배치, 형태 {tuple(batch_images.shape)}: RuntimeError: {error}")
        break
print(f"그 배치에 flatten(start_dim=1): {tuple(batch_images.flatten(start_dim=1).shape)}")
assert failed_at == 38 == len(train_loader)
assert all(x.flatten(start_dim=1).shape == (len(x), 64) for x, _ in train_loader)

# %%
# 풀이 2
# ^^^^^^
# 섞지 않으면 첫 배치는 0만 32개이고, 거의 모든 배치에 클래스가 하나뿐입니다. 클래스가 두
# 개인 배치는 한 클래스가 끝나고 다음 클래스가 시작하는 자리입니다. 그러면 학습의 걸음마다
# 숫자 한 가지만 보게 됩니다. ``shuffle=True``\ 로 하면, 학습 예제 가운데 무작위로 뽑은
# 일부라는 미니배치의 뜻대로 모든 배치에 여러 클래스가 섞입니다. 이런 데이터를 차례대로
# 나누어도 마찬가지로 문제가 생깁니다. 차례대로 자른 테스트 세트, 곧 마지막 300장에는 클래스가
# 두 개뿐입니다.
order = labels.argsort(stable=True)
by_class = MyDigits(images[order], labels[order])
print(f"정렬한 숫자의 마지막 300장에 든 클래스: {by_class.labels[-300:].unique().tolist()}")
for shuffle in (False, True):
    generator = torch.Generator().manual_seed(0)
    loader = DataLoader(by_class, batch_size=32, shuffle=shuffle, generator=generator)
    classes_per_batch = torch.tensor([len(y.unique()) for _, y in loader])
    first_batch_labels = next(iter(loader))[1]
    print(f"shuffle={shuffle}: 첫 배치 {first_batch_labels[:10].tolist()} ...")
    print(f"  배치당 클래스 수: {classes_per_batch.min()} ~ {classes_per_batch.max()}")
    print(f"  클래스가 하나뿐인 배치: {(classes_per_batch == 1).sum()}개 (전체 {len(loader)}개)")
    if shuffle:
        assert (classes_per_batch > 1).all()  # 모든 배치에 클래스가 섞임
    else:
        assert (first_batch_labels == 0).all() and classes_per_batch.max() == 2
assert by_class.labels[-300:].unique().tolist() == [8, 9]

# %%
# 풀이 3
# ^^^^^^
# 200장 안팎입니다. 생성기 없이 두 번 나누면, 두 번 실행할 때처럼 서로 독립인 두 번의
# 무작위 뽑기가 됩니다. 두 번째 나누기의 테스트용 숫자는 하나하나가 1197 / 1797, 곧 약
# 3분의 2의 확률로 첫 번째 나누기의 학습 세트에 들어 있습니다. 두 스크립트 모두 시드를
# 0으로 정한 생성기를 쓰면 세트가 같으므로, 테스트용 숫자 가운데 학습에 쓰인 것은 하나도
# 없습니다.
train_first, _, _ = random_split(full, sizes)
_, _, test_again = random_split(full, sizes)
learned = len(set(train_first.indices) & set(test_again.indices))
print(f"생성기 없이: 테스트용 300장 가운데 학습 세트에 있던 숫자 {learned}장")
print(f"  (기댓값 약 {300 * 1197 / 1797:.0f}장)")
seeded_train, _, _ = random_split(full, sizes, generator=torch.Generator().manual_seed(0))
_, _, seeded_test = random_split(full, sizes, generator=torch.Generator().manual_seed(0))
print(f"생성기로: {len(set(seeded_train.indices) & set(seeded_test.indices))}장")
assert learned > 150 and not set(seeded_train.indices) & set(seeded_test.indices)

# %%
# 풀이 4
# ^^^^^^
# 오류는 나지 않습니다. 데이터 로더는 ``len(dataset)``\ 보다 작은 위치만 요청하므로, 에포크마다
# 0번부터 999번까지의 숫자만 나오고 마지막 797장은 ``__getitem__``\ 이 내줄 수 있는데도 전혀
# 쓰이지 않습니다. 아무 경고도 없으니 ``__len__``\ 은 정확한 값을 돌려주어야 합니다.
# ``StaleLength``\ 는 그런 ``__len__``\ 을 가진 ``MyDigits``\ 이고, 요청받은 위치를 모두 적어
# 둡니다.
asked = []


class StaleLength(MyDigits):
    def __len__(self):
        return 1000

    def __getitem__(self, index):
        asked.append(index)
        return super().__getitem__(index)


stale = StaleLength(images, labels)
loader = DataLoader(stale, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0))
served = sum(len(y) for _, y in loader)
print(f"한 에포크의 숫자 수: {served}, 요청받은 위치: {min(asked)} ~ {max(asked)}")
print(f"stale[1500]도 여전히 동작함: 레이블 {stale[1500][1]}")
assert served == 1000 and sorted(asked[:1000]) == list(range(1000))
