r"""
저장하고 다시 불러오기
======================

학습한 모델은 파이썬이 끝나면 메모리와 함께 사라집니다. 이 페이지에서는 숫자 분류기를 4
에포크 동안 학습시키고, PyTorch가 무엇을 저장하는지 들여다봅니다. 모델의 ``state_dict``\ 에는
텐서가 이름별로 들어 있고, 옵티마이저의 ``state_dict``\ 에는 Adam의 이동 평균이 들어 있습니다.
둘을 파일에 저장하고, 새 모델에 불러와 예측이 똑같은지 확인합니다. 또 학습을 중간에
멈췄다가 다시 이어 가서 멈추지 않은 학습과 똑같은 파라미터를 얻고, 저장한 파일의 각 부분이
왜 필요한지 찾아봅니다. 마지막으로 모델 객체를 통째로 저장하면 왜 깨지기 쉬운지, 파일은
왜 ``torch.load(..., weights_only=True)``\ 로 불러와야 안전한지 봅니다.
"""

# %%
# 모든 페이지는 같은 방식으로 시작합니다. 라이브러리를 불러오고, 그림의 글꼴을 설정하고, 난수
# 시드를 고정합니다. ``DigitsDataset``\ 과 학습 함수들은 사이트 패키지에서
# 가져오며, 처음 쓰는 곳에서 설명합니다. 이 페이지는 PyTorch가 CPU 스레드 하나로만
# 계산하게도 합니다. 스레드가 여럿이면 같은 덧셈을 실행할 때마다 다른 순서로 할 수 있고,
# 그때 생긴 끝자리 차이가 학습하는 동안 자라 결과가 달라질 수 있습니다. 스레드가 하나면
# 같은 컴퓨터에서 다시 실행해도 같은 숫자가 나옵니다. 다른 CPU나 다른 버전의 PyTorch에서는
# 반올림이 달라질 수 있으므로, 본문이 인용하는 정확한 숫자는 이 페이지를 실행한 결과입니다.
# 여러분의 컴퓨터에서는 숫자가 조금 다를 수 있지만, 페이지가 ``assert``\ 로 확인하는 관계는
# 그대로 성립합니다.
import copy
import os
import pickle
import pickletools
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import matplotlib.pyplot as plt
import torch
from torch import nn
from torch.utils.data import DataLoader, random_split

from pytorch_basics.digits import DigitsDataset
from pytorch_basics.plotting import describe_figure, use_site_style
from pytorch_basics.tensors import shares_memory
from pytorch_basics.training import evaluate, train_one_epoch

use_site_style()
torch.manual_seed(0)
torch.set_num_threads(1)

# %%
# 4 에포크 동안 학습한 분류기
# ---------------------------
# 데이터, 나누기, 데이터 로더는
# :ref:`sphx_glr_auto_examples_classifier_plot_01_data.py`\ 와 같습니다. ``DigitsDataset()``\ 은
# 숫자 1,797장을 담고 있고, 시드를 정한 전용 생성기로 나누는 ``random_split``\ 은 실행할
# 때마다 같은 학습 세트 1,197장, 검증 세트 300장, 테스트 세트 300장을 만듭니다. 검증 데이터
# 로더는 300장을 배치 하나로 내줍니다. 모델은
# :ref:`sphx_glr_auto_examples_classifier_plot_02_training.py`\ 의 ``DigitClassifier``\ 입니다.
# 픽셀 64개가 ReLU와 드롭아웃이 있는 64유닛짜리 은닉층을 거쳐 로짓 10개가 됩니다.
full = DigitsDataset()
train_set, val_set, test_set = random_split(
    full, [1197, 300, 300], generator=torch.Generator().manual_seed(0)
)
val_loader = DataLoader(val_set, batch_size=300)
loss_fn = nn.CrossEntropyLoss()


class DigitClassifier(nn.Module):
    def __init__(self, hidden: int = 64, dropout: float = 0.2) -> None:
        super().__init__()
        self.layers = nn.Sequential(
            nn.Flatten(), nn.Linear(64, hidden), nn.ReLU(), nn.Dropout(dropout), nn.Linear(hidden, 10)
        )

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.layers(images)


# %%
# ``train_one_epoch``\ 는 학습 데이터 로더를 한 번 돌면서 배치마다 기울기 지우기, 순전파,
# 손실, 역전파, 업데이트를 하고, 예제 하나당 평균 손실을 돌려줍니다. ``evaluate``\ 는 아무것도
# 기록하지 않고 평가 모드로 검증 세트를 잽니다. 이 페이지는 가장 좋은 모델이 아니라 무엇이
# 저장되는지를 다루므로 4 에포크면 충분합니다.
model = DigitClassifier()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
train_loader = DataLoader(
    train_set, batch_size=32, shuffle=True, generator=torch.Generator().manual_seed(0)
)
for epoch in range(1, 5):
    train_loss = train_one_epoch(model, train_loader, loss_fn, optimizer)
    val = evaluate(model, val_loader, loss_fn)
    print(
        f"에포크 {epoch}: 학습 손실 {train_loss:.4f}, "
        f"검증 손실 {val.loss:.4f}, 검증 정확도 {val.accuracy:.2%}"
    )

# %%
# 모델의 ``state_dict``\ 에 든 것
# --------------------------------
# ``model.state_dict()``\ 는 모델의 *상태 사전*\ (``state_dict``)을 돌려줍니다. 모델이 가진
# 텐서를 이름별로 담은 사전입니다. 자료형은 ``OrderedDict``, 곧 항목을 넣은 순서를 지키는
# ``dict``\ 입니다. 이름은 모델의 속성을 따라갑니다. ``layers.1.weight``\ 는
# ``self.layers[1]``, 곧 첫 번째 ``nn.Linear``\ 의 ``weight``\ 입니다. ``nn.Flatten``,
# ``nn.ReLU``, ``nn.Dropout``\ (0, 2, 3번 자리)에는 파라미터가 없으므로 ``layers.0``,
# ``layers.2``, ``layers.3``\ 으로 시작하는 이름은 없습니다.
model_state = model.state_dict()
print(type(model_state).__name__)
for name, tensor in model_state.items():
    print(f"{name}: 형태 {tuple(tensor.shape)}, 숫자 {tensor.numel()}개, {tensor.dtype}")
numbers = sum(tensor.numel() for tensor in model_state.values())
print(f"모두 숫자 {numbers}개")
assert list(model_state) == [name for name, _ in model.named_parameters()]

# %%
# 이 텐서들은 복사본이 아닙니다. 각 텐서는 같은 이름의 파라미터와 메모리를 공유하고
# (메모리 공유, :ref:`sphx_glr_auto_examples_tensors_plot_02_numpy_memory.py`), 기울기 기록만
# 빠져 있습니다. 그래서 값은 지금 이 순간의 파라미터 값이고, 파라미터가 바뀌면 함께
# 바뀝니다(연습 문제 1).
weight = model_state["layers.1.weight"]
print(f"model.layers[1].weight와 메모리 공유: {shares_memory(weight, model.layers[1].weight)}")
print(f"requires_grad: {weight.requires_grad}")

# %%
# 상태 사전에는 모델의 *버퍼*\ (buffer)도 들어갑니다. 버퍼는 모델이 파라미터 말고 따로
# 들고 있는 텐서로, 옵티마이저가 학습시키지 않습니다. 이 모델에는 버퍼가 없습니다. 이
# 사이트에서 쓰지 않는 레이어인 ``nn.BatchNorm1d``\ 는 입력의 크기를 맞춥니다. 학습 모드에서는
# 입력의 평균과 분산의 이동 평균도 업데이트해 두었다가 평가 모드에서 쓰는데, 이 이동 평균이
# 버퍼입니다. 그래서 상태 사전에 파라미터 2개보다 많은 항목이 있습니다.
batch_norm = nn.BatchNorm1d(3)
print(f"DigitClassifier의 버퍼: {list(model.buffers())}")
print(f"BatchNorm1d의 파라미터: {[name for name, _ in batch_norm.named_parameters()]}")
print(f"BatchNorm1d의 상태 사전: {list(batch_norm.state_dict())}")

# %%
# 옵티마이저의 ``state_dict``\ 에 든 것
# --------------------------------------
# Adam(:ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`)은 파라미터마다 기울기의
# 이동 평균(``exp_avg``)과 기울기 제곱의 이동 평균(``exp_avg_sq``)을 유지하고, 걸음 수
# (``step``)를 셉니다. ``optimizer.state_dict()``\ 에는 항목이 두 개 있습니다. ``"state"``\ 에는
# 파라미터마다 이 텐서들이 들어 있고, ``"param_groups"``\ 에는 설정이 들어 있습니다. 학습률,
# ``betas``\ (두 이동 평균이 걸음마다 예전 평균을 얼마나 남기는지), ``eps`` 등입니다.
optimizer_state = optimizer.state_dict()
print(list(optimizer_state))
group = optimizer_state["param_groups"][0]
print(f"lr {group['lr']}, betas {group['betas']}, eps {group['eps']}, params {group['params']}")
for index, state in optimizer_state["state"].items():
    print(
        f"파라미터 {index}: step {state['step'].item():.0f}, "
        f"exp_avg {tuple(state['exp_avg'].shape)}, exp_avg_sq {tuple(state['exp_avg_sq'].shape)}"
    )

# %%
# 이동 평균은 저마다 자기 파라미터와 형태가 같으므로, Adam은 모델보다 두 배 많은 숫자를
# 들고 있습니다. ``step``\ 은 지금까지의 업데이트 횟수로, 배치 38개짜리 에포크 4번입니다.
# 여기서 파라미터에는 이름이 없고, ``model.parameters()``\ 에서의 자리인 0부터 3까지의 번호만
# 있습니다. 그래서 옵티마이저의 상태 사전은 같은 파라미터를 같은 순서로 받아 만든
# 옵티마이저에만 맞습니다.
adam_numbers = sum(
    s["exp_avg"].numel() + s["exp_avg_sq"].numel() for s in optimizer_state["state"].values()
)
print(f"Adam의 이동 평균에 든 숫자: {adam_numbers} = 2 x {numbers}")
print(f"에포크당 배치: {len(train_loader)}개, 4 에포크: {4 * len(train_loader)}걸음")
assert adam_numbers == 2 * numbers
assert all(s["step"].item() == 4 * len(train_loader) for s in optimizer_state["state"].values())

# %%
# 파일에 저장하고 새 모델에 불러오기
# ----------------------------------
# ``torch.save(obj, path)``\ 는 텐서(와 숫자, 문자열, 리스트, 사전)로 된 사전을 파일에
# 씁니다. 파일 확장자로는 흔히 ``.pt``\ 를 씁니다. 두 상태 사전을 사전 하나에 담아 저장합니다.
# ``tempfile.TemporaryDirectory()``\ 는 비어 있는 새 폴더를 만들고, 페이지 끝에서
# ``folder.cleanup()``\ 이 그 폴더를 안의 파일과 함께 지우므로 이 페이지는 파일을 남기지
# 않습니다. 파일의 대부분은 숫자입니다. 모델의 숫자와 그 두 배인 Adam의 숫자가
# ``float32``\ 로 하나에 4바이트씩 들어갑니다. 나머지는 이름, 설정, 파일 자체의 구조이고, 아래에서
# 파일을 열어 봅니다.
folder = tempfile.TemporaryDirectory()
saved_path = Path(folder.name) / "digits.pt"
torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, saved_path)
print(f"{saved_path.name}: {saved_path.stat().st_size:,}바이트")
print(f"숫자만: (1 + 2) x {numbers} x 4바이트 = {3 * numbers * 4:,}바이트")

# %%
# ``torch.load``\ 는 사전을 다시 읽어 옵니다. ``weights_only=True``\ 는 페이지 끝에서
# 설명합니다. 새 ``DigitClassifier``\ 는 새로 뽑은 무작위 파라미터로 시작하므로 찍는 것과
# 같아서, 열 장에 한 장꼴로 맞힙니다. ``load_state_dict``\ 는 저장된 텐서를 같은 이름의
# 파라미터에 하나씩 복사하면서, 파일의 이름과 모델의 이름을 맞춰 봅니다. 출력된 결과대로
# 여기서는 모든 이름이 맞았습니다. 새 모델의 파라미터로 만든 새 옵티마이저도 저장된 Adam
# 상태를 같은 방식으로 받습니다.
loaded = torch.load(saved_path, weights_only=True)
print(f"파일의 키: {list(loaded)}")
new_model = DigitClassifier()
new_optimizer = torch.optim.Adam(new_model.parameters(), lr=1e-2)
print(f"새 모델: 검증 정확도 {evaluate(new_model, val_loader, loss_fn).accuracy:.2%}")
print(new_model.load_state_dict(loaded["model"]))
new_optimizer.load_state_dict(loaded["optimizer"])
print(f"불러온 뒤: 검증 정확도 {evaluate(new_model, val_loader, loss_fn).accuracy:.2%}")

# %%
# 이제 새 모델은 학습한 모델과 마지막 비트까지(``torch.equal``) 똑같은 로짓을 내고, 새
# 옵티마이저는 같은 걸음 수와 같은 이동 평균을 들고 있습니다. 두 모델 모두 드롭아웃이 아무것도
# 바꾸지 않는 평가 모드입니다(:ref:`sphx_glr_auto_examples_classifier_plot_02_training.py`).
images, labels = next(iter(val_loader))
model.eval()
new_model.eval()
with torch.no_grad():
    same_logits = torch.equal(model(images), new_model(images))
old_adam = optimizer.state_dict()["state"]
new_adam = new_optimizer.state_dict()["state"]
same_adam = all(
    torch.equal(old_adam[index][key], new_adam[index][key])
    for index in old_adam
    for key in ("step", "exp_avg", "exp_avg_sq")
)
print(f"검증 숫자 300장의 로짓이 똑같음: {same_logits}")
print(f"Adam 상태가 똑같음: {same_adam}")
assert same_logits and same_adam

# %%
# 체크포인트: 멈췄다가 이어서 학습하기
# ------------------------------------
# 오래 걸리는 학습은 몇 에포크마다 *체크포인트*\ (checkpoint)를 저장해서, 프로그램이 죽거나
# 시간 제한에 걸려도 잃는 것이 적게 합니다. 한 번도 멈추지 않은 것처럼 똑같이 이어 가려면,
# 체크포인트에는 다음 에포크들이 기대는 것이 모두 들어 있어야 합니다. 도달한 에포크, 모델,
# 옵티마이저, 그리고 난수 상태입니다. 난수 생성기는 두 개가 쓰입니다. 하나는 에포크마다 예제의
# 순서를 뽑는 학습 데이터 로더의 ``generator``\ 이고
# (:ref:`sphx_glr_auto_examples_classifier_plot_01_data.py`), 다른 하나는 드롭아웃이 0으로 만들
# 자리를 뽑는 PyTorch의 전역 생성기입니다
# (:ref:`sphx_glr_auto_examples_classifier_plot_02_training.py`). ``get_state()``\ 와
# ``torch.get_rng_state()``\ 는 생성기의 상태를 바이트 텐서로 돌려주고, ``set_state()``\ 와
# ``torch.set_rng_state()``\ 는 그 상태를 되돌려 놓습니다.
#
# ``start_run``\ 은 이 페이지를 새로 시작할 때처럼 모든 것을 새로 만듭니다. 전역 생성기의
# 시드를 0으로 정하고, 모델, 옵티마이저, 학습 데이터 로더를 만듭니다. 인자 세 개는 이 절의
# 끝에서 쓰며, 기본값으로는 이 장의 설정을 만듭니다. ``run``\ 은 새로 시작해서 주어진 에포크
# 수만큼 학습합니다.
def start_run(optimizer_class=torch.optim.Adam, shuffle=True, dropout=0.2):
    torch.manual_seed(0)
    model = DigitClassifier(dropout=dropout)
    optimizer = optimizer_class(model.parameters(), lr=1e-2)
    loader = DataLoader(
        train_set, batch_size=32, shuffle=shuffle, generator=torch.Generator().manual_seed(0)
    )
    return model, optimizer, loader


def run(epochs, **setup):
    model, optimizer, loader = start_run(**setup)
    for _ in range(epochs):
        train_one_epoch(model, loader, loss_fn, optimizer)
    return model, optimizer, loader


def save_checkpoint(path, epoch, model, optimizer, loader):
    checkpoint = {
        "epoch": epoch,
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "loader_generator": loader.generator.get_state(),
        "torch_rng": torch.get_rng_state(),
    }
    torch.save(checkpoint, path)


# %%
# ``resume``\ 은 중단된 뒤 새 파이썬이 할 일을 합니다. 모든 것을 새로 만들고, 거기에
# 체크포인트를 불러오고, 남은 에포크를 4 에포크째까지 학습합니다. ``leave_out``\ 인자는
# 뒤따르는 실험을 위해 체크포인트의 한 부분을 건너뜁니다.
def resume(path, leave_out=None, **setup):
    model, optimizer, loader = start_run(**setup)
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint["model"])
    if leave_out != "optimizer":
        optimizer.load_state_dict(checkpoint["optimizer"])
    if leave_out != "loader_generator":
        loader.generator.set_state(checkpoint["loader_generator"])
    if leave_out != "torch_rng":
        torch.set_rng_state(checkpoint["torch_rng"])
    for _ in range(checkpoint["epoch"], 4):
        train_one_epoch(model, loader, loss_fn, optimizer)
    return model


def largest_difference(first, second):
    pairs = zip(first.state_dict().values(), second.state_dict().values(), strict=True)
    return max((a - b).abs().max().item() for a, b in pairs)


def identical(first, second):
    pairs = zip(first.state_dict().values(), second.state_dict().values(), strict=True)
    return all(torch.equal(a, b) for a, b in pairs)


# %%
# 한 실행은 멈추지 않고 4 에포크를 학습합니다. 다른 실행은 2 에포크를 학습하고 체크포인트를
# 저장하며, ``resume``\ 이 그 체크포인트에서 2 에포크를 더 학습합니다. 모든 파라미터가 똑같이
# 나옵니다.
straight = run(4)[0]
checkpoint_path = Path(folder.name) / "checkpoint.pt"
save_checkpoint(checkpoint_path, 2, *run(2))
resumed = resume(checkpoint_path)
print(f"2 + 2 에포크와 4 에포크: 파라미터가 똑같음 {identical(resumed, straight)}")
assert identical(resumed, straight)

# %%
# 체크포인트에 꼭 들어가야 하는 것
# --------------------------------
# 같은 체크포인트에서 세 번 더 이어서 학습하되, 매번 한 부분씩 빼 봅니다. 세 번 모두 4
# 에포크째의 파라미터가 멈추지 않은 실행과 달라집니다. 반올림 오차 정도가 아니라, 매번
# 반올림 오차의 수천 배인 0.01보다 크게 달라지는 파라미터가 있습니다(이 실행에서는 0.1보다
# 크게 달라집니다).
for left_out in ("optimizer", "loader_generator", "torch_rng"):
    other = resume(checkpoint_path, leave_out=left_out)
    print(
        f"{left_out} 없이: 똑같음 {identical(other, straight)}, "
        f"가장 큰 차이 {largest_difference(other, straight):.4f}"
    )
    assert largest_difference(other, straight) > 0.01

# %%
# 각 부분이 필요한 데에는 원인이 하나씩 있고, 그 원인을 없애면 그 부분은 필요 없어집니다.
# 일반 SGD는 걸음 사이에 상태를 남기지 않으므로 상태 사전의 ``"state"``\ 가 비어 있습니다.
# 섞지 않는 데이터 로더는 에포크마다 같은 순서로 내줍니다. ``dropout=0.0``\ 으로 만든 모델은
# 0으로 만들 자리를 무작위로 뽑지 않습니다. 원인마다 그 원인을 없앤 설정으로 멈추지 않는
# 실행과 체크포인트를 새로 만들고, 그 부분을 빼고 이어서 학습합니다. 이번에는 결과가
# 똑같습니다.
switched_off = {
    "optimizer": {"optimizer_class": torch.optim.SGD},
    "loader_generator": {"shuffle": False},
    "torch_rng": {"dropout": 0.0},
}
for left_out, setup in switched_off.items():
    straight_off = run(4, **setup)[0]
    path = Path(folder.name) / f"checkpoint_{left_out}.pt"
    save_checkpoint(path, 2, *run(2, **setup))
    same = identical(resume(path, leave_out=left_out, **setup), straight_off)
    options = ", ".join(
        f"{key}={getattr(value, '__name__', value)}" for key, value in setup.items()
    )
    print(f"{options}, {left_out} 없이: 똑같음 {same}")
    assert same
sgd_state = torch.load(Path(folder.name) / "checkpoint_optimizer.pt", weights_only=True)
print(f"일반 SGD가 저장한 상태: {sgd_state['optimizer']['state']}")

# %%
# 데이터 로더의 생성기 상태가 없으면 새 데이터 로더의 생성기가 시드 0부터 다시 시작하므로,
# 3 에포크째가 1 에포크째와 똑같이 섞입니다. 에포크마다 첫 배치의 처음 레이블 12개로
# 확인합니다. 멈추지 않은 데이터 로더는 세 에포크를 돌고, 새 데이터 로더 두 개는 3
# 에포크째를 시작합니다. 하나는 저장한 생성기 상태를 받고, 다른 하나는 받지 않습니다.
checkpoint = torch.load(checkpoint_path, weights_only=True)
never_stopped = start_run()[2]
firsts = [list(never_stopped)[0][1][:12].tolist() for _ in range(3)]
with_state = start_run()[2]
with_state.generator.set_state(checkpoint["loader_generator"])
without_state = start_run()[2]
restored = next(iter(with_state))[1][:12].tolist()
not_restored = next(iter(without_state))[1][:12].tolist()
print(f"멈추지 않음, 1 에포크째:       {firsts[0]}")
print(f"멈추지 않음, 3 에포크째:       {firsts[2]}")
print(f"저장한 상태로, 3 에포크째:     {restored}")
print(f"저장한 상태 없이, 3 에포크째:  {not_restored}")
assert restored == firsts[2] and not_restored == firsts[0] != firsts[2]

# %%
# 옵티마이저 상태가 없으면 새 Adam의 첫 걸음은 말 그대로 *첫* 걸음입니다.
# :ref:`sphx_glr_auto_examples_models_plot_02_training_loop.py`\ 에서 보았듯이, 첫 걸음은
# 기울기가 얼마든 모든 파라미터를 거의 정확히 학습률만큼 옮깁니다. 3 에포크째의 첫 배치를
# 가져와 체크포인트에서 한 걸음을 두 번 내딛습니다. 한 번은 저장한 Adam 상태로, 한 번은 새
# Adam으로 내딛고, 각 파라미터가 얼마나 움직였는지 잽니다. ``train_one_epoch``\ 는
# ``(images, labels)`` 배치의 리스트라면 무엇이든 받으므로, 배치 하나짜리 리스트를 주면 한
# 걸음을 내딛습니다. 걸음마다 그 전에 전역 생성기를 같은 상태로 맞추므로, 드롭아웃은 두 번
# 모두 같은 자리를 0으로 만듭니다.
generator = torch.Generator()
generator.set_state(checkpoint["loader_generator"])
first_batch = next(iter(DataLoader(train_set, batch_size=32, shuffle=True, generator=generator)))


def first_step_sizes(load_optimizer):
    model, optimizer, _ = start_run()
    model.load_state_dict(checkpoint["model"])
    if load_optimizer:
        optimizer.load_state_dict(checkpoint["optimizer"])
    torch.set_rng_state(checkpoint["torch_rng"])
    before = [p.detach().clone() for p in model.parameters()]
    train_one_epoch(model, [first_batch], loss_fn, optimizer)
    return torch.cat([(p.detach() - b).abs().flatten() for p, b in zip(model.parameters(), before)])


saved_steps = first_step_sizes(load_optimizer=True)
new_steps = first_step_sizes(load_optimizer=False)
shares_at_lr = []
for steps in (saved_steps, new_steps):
    moved = steps[steps > 0]
    near_lr = ((moved - 0.01).abs() < 1e-4).float().mean()
    shares_at_lr.append(near_lr)
    print(
        f"걸음 크기의 중앙값 {steps.median():.5f}, 가장 큰 걸음 {steps.max():.5f}, "
        f"움직인 파라미터 {len(moved)}개(전체 {len(steps)}개), 그중 {near_lr:.1%}가 0.0100만큼"
    )
ratio = new_steps.median() / saved_steps.median()
print(f"새 Adam의 걸음 중앙값 / 저장한 상태의 걸음 중앙값: {ratio:.1f}")
assert saved_steps.median() < 0.01 / 4 and shares_at_lr[1] > 0.9

# %%
# 첫 줄이 저장한 Adam 상태, 둘째 줄이 새 Adam입니다. 그림은 파라미터들이 얼마만큼씩
# 움직였는지를 로그 축에 세어 그립니다.
bins = torch.logspace(-8, -1.5, 66).numpy()
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.hist(saved_steps[saved_steps > 0].numpy(), bins=bins, alpha=0.7, label="저장한 Adam 상태")
ax.hist(new_steps[new_steps > 0].numpy(), bins=bins, alpha=0.7, label="새 Adam")
ax.axvline(0.01, color="black", linestyle="--", linewidth=1, label="학습률 0.01")
ax.set_xscale("log")
ax.set_xlabel("한 걸음에 파라미터가 움직인 거리 (로그 눈금)")
ax.set_ylabel("파라미터 수")
ax.set_title("이어서 학습한 첫 걸음: Adam 상태가 있을 때와 없을 때")
ax.legend(fontsize=8, loc="upper left")
describe_figure(
    fig,
    "이어서 학습한 첫 걸음에서 파라미터마다 움직인 거리를 로그 눈금의 가로축에, 파라미터 "
    "수를 세로축에 놓은 히스토그램입니다. 저장한 Adam 상태로 내디딘 걸음과 새 Adam으로 "
    "내디딘 걸음을 겹쳐 그렸고, 학습률 0.01에 점선을 그었습니다. 저장한 상태의 걸음은 "
    "여러 자릿수에 걸쳐 퍼져 있고 대부분 학습률보다 한참 작지만(중앙값 "
    f"{saved_steps.median():.5f}), 새 Adam에서는 움직인 파라미터의 {shares_at_lr[1]:.0%}가 "
    "학습률만큼 움직여서 0.01에 높은 막대 하나가 섭니다.",
)
plt.show()

# %%
# 그림을 보면 저장한 상태로 내딛은 걸음은 여러 자릿수에 걸쳐 퍼져 있고 대부분 학습률보다
# 한참 작습니다. 반면 새 Adam이 움직인 파라미터는 거의 모두 학습률만큼 뛰는데, 이는 중단된
# 실행의 걸음 중앙값의 몇 배나 됩니다(위에 출력한 비율). 이 배치에서 기울기가 0인
# 파라미터는 새 Adam으로는 움직이지 않지만, 저장한 상태로는 이동 평균에 실려 계속 움직입니다.
# 그래서 첫 줄에서 움직인 파라미터가 더 많습니다.
#
# 모델 객체를 통째로 저장하기
# ---------------------------
# ``torch.save``\ 는 어떤 파이썬 객체든 저장할 수 있고, 모델 자체도 저장할 수 있습니다.
# ``torch.save(model, path)``\ 입니다. 하지만 이 파일을 ``weights_only=True``\ 로 불러오면
# 거부됩니다. ``refused_name``\ 은 오류 메시지에서 무엇을 거부했는지 밝힌 줄을 골라냅니다.
whole_path = Path(folder.name) / "whole_model.pt"
torch.save(model, whole_path)


def refused_name(error):
    line = next(line for line in str(error).splitlines() if "GLOBAL" in line)
    return line.strip().split(". ")[0]


try:
    torch.load(whole_path, weights_only=True)
except pickle.UnpicklingError as error:
    print(refused_name(error))

# %%
# 까닭을 알아보려고 파일 안을 들여다봅니다. ``torch.save``\ 가 만든 파일은 zip 압축
# 파일입니다. 텐서마다 그 숫자들이 바이트로 각자의 항목에 저장되고, 나머지는 모두
# ``data.pkl``\ 에 *피클*\ (pickle)로 저장됩니다. 피클은 파이썬이 객체를 바이트로 바꾸는
# 표준 방식으로, 객체를 다시 만드는 명령을 적어 둡니다. "이 모듈에서 이 이름을 가져와서, 이
# 인자로 호출하고, 이 속성들을 채워라" 같은 명령입니다. 가져올 이름은 ``GLOBAL`` 명령이
# 적고, ``pickletools.genops``\ 는 피클의 명령을 차례로 내줍니다. ``digits.pt``\ 에는 텐서가
# 16개 있습니다. 모델의 텐서 4개와 파라미터마다 3개씩인 Adam의 텐서입니다.
def pickled_names(path):
    with zipfile.ZipFile(path) as archive:
        pickle_name = next(name for name in archive.namelist() if name.endswith("/data.pkl"))
        instructions = pickletools.genops(archive.read(pickle_name))
        return sorted({arg.replace(" ", ".") for op, arg, _ in instructions if op.name == "GLOBAL"})


with zipfile.ZipFile(saved_path) as archive:
    tensor_entries = [name for name in archive.namelist() if "/data/" in name]
    other_entries = [name for name in archive.namelist() if "/data/" not in name]
print(f"digits.pt: 텐서 항목 {len(tensor_entries)}개와 {other_entries}")
print(f"digits.pt가 가져오는 이름: {pickled_names(saved_path)}")
print("whole_model.pt가 가져오는 이름:")
for name in pickled_names(whole_path):
    print(f"  {name}")
assert len(tensor_entries) == 4 + 3 * 4
set_pickle = pickletools.genops(pickle.dumps(set(), protocol=torch.serialization.DEFAULT_PROTOCOL))
set_names = [arg for op, arg, _ in set_pickle if op.name == "GLOBAL"]
print(f"torch.save의 피클 프로토콜: {torch.serialization.DEFAULT_PROTOCOL}, set()이 가져오는 이름 {set_names}")

# %%
# 상태 사전의 피클은 텐서와 ``OrderedDict``\ 를 다시 만드는 데 필요한 이름만 가져오고,
# ``weights_only=True``\ 는 이런 이름을 받아들입니다. 모델 전체의 피클은 모델의 클래스를
# 모두 가져오는데, 그 첫째가 ``__main__.DigitClassifier``\ 입니다. 클래스의 코드가 아니라
# 모듈과 이름만 적혀 있습니다. ``__main__``\ 은 파이썬이 실행하고 있는 스크립트, 여기서는 이
# 페이지입니다. (``__builtin__.set``\ 은 파이썬의 ``set``\ 입니다. 마지막 줄에서 보듯이,
# ``torch.save``\ 가 쓰는 피클 프로토콜 2는 파이썬의 내장 객체를 ``__builtin__`` 모듈의 이름으로
# 적습니다.)
#
# 그러므로 이 파일은 ``__main__``\ 에 같은 이름의 클래스가 있을 때만 불러올 수 있습니다. 새
# 파이썬(이 페이지를 실행하는 인터프리터, ``sys.executable``)이 ``program``\ 을 실행합니다.
# 먼저 클래스 없이 파일을 불러오고, 이어서 0만 돌려주는 다른 ``forward``\ 를 가진
# ``DigitClassifier`` 클래스를 정의한 뒤 다시 불러옵니다.
program = """
import sys
import torch
from torch import nn

try:
    torch.load(sys.argv[1], weights_only=False)
except AttributeError as error:
    print(error)


class DigitClassifier(nn.Module):
    def forward(self, images):
        return torch.zeros(len(images), 10)


loaded = torch.load(sys.argv[1], weights_only=False)
print(loaded.layers[1].weight.sum().item())
print(loaded(torch.rand(3, 1, 8, 8)).abs().sum().item())
"""
command = [sys.executable, "-c", program, str(whole_path)]
result = subprocess.run(command, capture_output=True, text=True, check=True)
refusal, weight_sum, output_sum = result.stdout.splitlines()
print(f"클래스 없이: {refusal}")
print(f"이름이 같은 다른 클래스로 불러온 layers[1].weight의 합: {float(weight_sum):.4f}")
print(f"  이 페이지의 값: {model.layers[1].weight.sum().item():.4f}")
print(f"  불러온 모델의 출력(절댓값)의 합: {float(output_sum)}")
assert abs(float(weight_sum) - model.layers[1].weight.sum().item()) < 1e-4
assert float(output_sum) == 0

# %%
# 클래스가 없으면 불러오기가 실패합니다. 이름이 같은 클래스가 있으면 불러오기는 성공합니다.
# 파라미터는 파일에서 오지만, ``forward``\ 는 파일을 불러오는 순간 그 이름을 가진 클래스에서
# 오고, 여기서는 0을 돌려줍니다. 클래스 이름을 바꾸거나, 클래스를 다른 파일로 옮기거나,
# 클래스의 코드를 고치면, 통째로 저장한 모델은 더는 불러와지지 않거나, 불러와지더라도 말없이
# 다른 계산을 합니다. 상태 사전에는 이름 붙은 텐서만 들어 있습니다. 코드는 소스 파일에 그대로
# 두고, 불러오기 전에 그 코드로 모델을 만듭니다.
#
# ``weights_only=True``\ 가 안전한 기본값인 이유
# ----------------------------------------------
# 클래스를 가져와서 호출하는 명령은 어떤 함수든 가져와서 어떤 인자로든 호출할 수 있습니다.
# 클래스는 ``__reduce__`` 메서드로 자기를 어떻게 피클할지 정합니다. "나를 다시 만들려면 이것을
# 이 인자로 호출하라"는 답입니다. ``Surprise``\ 는 "``os.makedirs``\ 를 호출하라"고 답하고,
# 이 함수는 폴더를 만듭니다.
made = Path(folder.name) / "made_by_torch_load"


class Surprise:
    def __reduce__(self):
        return (os.makedirs, (str(made),))


surprise_path = Path(folder.name) / "surprise.pt"
torch.save(Surprise(), surprise_path)
print(f"surprise.pt가 가져오는 이름: {pickled_names(surprise_path)}")
try:
    torch.load(surprise_path, weights_only=True)
except pickle.UnpicklingError as error:
    print(f"weights_only=True: {refused_name(error)}")
print(f"폴더가 생김: {made.exists()}")

# %%
# ``weights_only=False``\ 로 불러오면 그 명령이 실행되어 폴더가 생깁니다. 여기서는 임시 폴더
# 안의 빈 폴더라 해가 없지만, 남이 준 파일이 ``os.system``\ 과 명령어를 적어 두었다면 그
# 파일을 불러오는 순간 그 명령어가 실행됩니다.
torch.load(surprise_path, weights_only=False)
print(f"weights_only=False: 폴더가 생김 {made.exists()}")
assert made.exists()

# %%
# PyTorch 2.6부터는 인자를 빼도 ``torch.load``\ 가 ``weights_only=True``\ 로 동작한다고 오류
# 메시지가 알려 줍니다. 그래도 읽는 사람이 볼 수 있게 이 인자를 적어 둡니다. 이 방식은 상태
# 사전을 이루는 것(텐서, 숫자, 문자열, 리스트, 튜플, 사전)과 PyTorch가 안전하다고 보는 몇몇
# 이름만 받아들입니다. 직접 만든 클래스나 ``os.makedirs``\ 처럼 그 목록에 없는 이름은
# 거부합니다. ``weights_only=False``\ 로는 직접 만든 파일이나, 프로그램을 믿듯이 믿을 수 있는
# 파일만 불러옵니다.
try:
    torch.load(surprise_path)
except pickle.UnpicklingError as error:
    print(f"weights_only 인자 없이: {refused_name(error)}")
    print(next(sentence for sentence in str(error).split(". ") if "2.6" in sentence))

# %%
# 이제 파일은 다 썼습니다. ``folder.cleanup()``\ 이 임시 폴더를 안의 것과 함께 지웁니다.
print(f"폴더 안의 파일: {sorted(p.name for p in Path(folder.name).iterdir())}")
folder.cleanup()
print(f"폴더가 아직 있음: {Path(folder.name).exists()}")

# %%
# 정리
# ----
# - ``model.state_dict()``\ 는 ``layers.1.weight`` 같은 이름을 모델의 파라미터와 버퍼에
#   대응시킵니다. 그 텐서들은 파라미터와 메모리를 공유하므로, 그 순간의 값을 남겨 두려면
#   ``copy.deepcopy``\ 로 복사합니다.
# - ``optimizer.state_dict()``\ 에는 설정이 들어 있고, Adam이라면 파라미터마다 걸음 수와 이동
#   평균 두 개가 들어 있어 모델보다 숫자가 두 배 많습니다.
# - 상태 사전은 ``torch.save``\ 로 저장하고, 클래스로 만든 모델에
#   ``torch.load(path, weights_only=True)``\ 와 ``load_state_dict``\ 로 불러옵니다. 불러온
#   모델은 똑같이 예측합니다.
# - 이어서 학습할 체크포인트에는 에포크, 모델, 옵티마이저, 그리고 학습이 쓰는 난수 생성기의
#   상태가 들어갑니다. 여기서는 데이터 로더의 생성기(예제의 순서)와 전역 생성기(드롭아웃)입니다.
#   모두 있으면 2 + 2 에포크가 4 에포크와 똑같은 파라미터를 내고, 하나라도 빠지면 달라집니다.
# - ``torch.save(model)``\ 은 클래스를 이름으로 피클합니다. 그래서 불러올 때 같은 이름의
#   클래스가 있어야 하고, 코드도 그 클래스에서 가져옵니다. 피클을 불러오면 어떤 코드든 실행될
#   수 있으므로, PyTorch 2.6부터 기본값인 ``weights_only=True``\ 는 텐서, 기본 자료형, 안전한
#   몇몇 이름만 받아들이고 나머지는 모두 거부합니다.
#
# 다음 페이지: :ref:`sphx_glr_auto_examples_classifier_plot_05_device.py`\ 에서는 같은 코드를
# CPU와 가속기에서 실행합니다.
#
# PyTorch 공식 문서: `torch.save <https://docs.pytorch.org/docs/stable/generated/torch.save.html>`_,
# `torch.load <https://docs.pytorch.org/docs/stable/generated/torch.load.html>`_,
# `Module.state_dict <https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.state_dict>`_,
# `Optimizer.state_dict <https://docs.pytorch.org/docs/stable/generated/torch.optim.Optimizer.state_dict.html>`_,
# `torch.get_rng_state <https://docs.pytorch.org/docs/stable/generated/torch.get_rng_state.html>`_,
# `Serialization semantics <https://docs.pytorch.org/docs/stable/notes/serialization.html>`_.

# %%
# 연습 문제
# ---------
# 1. **예측한 뒤 실행하기.** 학습 중 가장 좋은 모델을 남겨 두려고, 1 에포크 뒤에
#    ``best = model.state_dict()``\ 를 저장하고 한 에포크를 더 학습합니다. ``best``\ 는 여전히
#    1 에포크째의 모델일까요?
# 2. **예측한 뒤 실행하기.** 새 ``DigitClassifier``\ 에 체크포인트 전체를 넘깁니다.
#    ``new.load_state_dict(checkpoint)``\ 를 실행하면 어떻게 될까요?
# 3. **하나만 바꾸고 설명하기.** 새 모델을 64 대신 ``hidden=128``\ 로 만들고, 저장한
#    ``checkpoint["model"]``\ 을 불러옵니다. 어떻게 될까요? 이런 일이 생기지 않게 하려면
#    체크포인트에 무엇을 더 넣으면 될까요?
# 4. **하나만 바꾸고 설명하기.** 이어서 학습하는 스크립트가 모델과 옵티마이저를 만든 다음,
#    모델을 한 번 더 만들고(``model = DigitClassifier()``) 체크포인트를 그 모델에 불러옵니다.
#    ``train_one_epoch``\ 는 이 모델로 무엇을 할까요?

# %%
# 풀이
# ----
#
# 풀이 1
# ^^^^^^
# 아닙니다. 상태 사전의 텐서는 파라미터와 메모리를 공유하고, 옵티마이저는 파라미터를
# 제자리에서 바꿉니다. 그래서 ``best``\ 는 학습을 따라가서, 2 에포크 뒤에는 2 에포크째의 값을
# 담고 있습니다. ``copy.deepcopy(model.state_dict())``\ 는
# :ref:`sphx_glr_auto_examples_classifier_plot_02_training.py`\ 처럼 텐서를 복사합니다.
epoch_model, epoch_optimizer, epoch_loader = run(1)
best = epoch_model.state_dict()
best_copy = copy.deepcopy(epoch_model.state_dict())
train_one_epoch(epoch_model, epoch_loader, loss_fn, epoch_optimizer)
now = epoch_model.state_dict()
follows = all(torch.equal(best[name], now[name]) for name in now)
copy_kept = not any(torch.equal(best_copy[name], now[name]) for name in now)
print(f"1 에포크 뒤의 state_dict()가 2 에포크 뒤의 모델과 같음: {follows}")
print(f"deepcopy한 사본은 2 에포크 뒤의 모델과 모든 텐서가 다름: {copy_kept}")
assert follows and copy_kept

# %%
# 풀이 2
# ^^^^^^
# ``load_state_dict``\ 는 이름을 비교합니다. 모델의 이름(``layers.1.weight`` 등)은
# 체크포인트에 하나도 없고, 체크포인트의 키(``epoch``, ``model`` 등)는 모두 모델에 없는
# 이름입니다. 그래서 둘을 모두 나열한 ``RuntimeError``\ 를 내고 아무것도 불러오지 않습니다.
# 모델의 상태 사전은 ``checkpoint["model"]``\ 입니다.
try:
    DigitClassifier().load_state_dict(checkpoint)
except RuntimeError as error:
    message = str(error)
    print(message)
assert "Missing key(s)" in message and "Unexpected key(s)" in message

# %%
# 풀이 3
# ^^^^^^
# 이름은 맞지만 형태가 맞지 않습니다. ``layers.1.weight``\ 는 파일에서는 ``(64, 64)``\ 이고
# 모델에서는 ``(128, 64)``\ 입니다. ``load_state_dict``\ 는 어긋난 곳을 하나하나 밝힌
# ``RuntimeError``\ 를 냅니다. 상태 사전에는 텐서만 있고 모델을 만든 인자는 없으므로,
# 체크포인트에 ``"hidden": 64`` 같은 인자도 넣어 두고, 이어서 학습하는 스크립트가
# ``DigitClassifier(hidden=checkpoint["hidden"])``\ 로 모델을 만들면 됩니다.
try:
    DigitClassifier(hidden=128).load_state_dict(checkpoint["model"])
except RuntimeError as error:
    message = str(error)
    print(message)
assert "size mismatch for layers.1.weight" in message

# %%
# 풀이 4
# ^^^^^^
# 옵티마이저는 만들 때 받은 파라미터 텐서를 들고 있습니다. ``DigitClassifier()``\ 를 두 번째로
# 부른 뒤에도 옵티마이저는 첫 모델의 파라미터를 들고 있고, 새 모델의 파라미터는 하나도 들고
# 있지 않습니다. ``train_one_epoch``\ 는 이것을 검사해서 거부합니다. 직접 쓴 반복문은 검사하지
# 않고, 아무것도 학습하지 않습니다. ``backward()``\ 는 옵티마이저가 모르는 새 모델의
# 파라미터에 기울기를 남기고, ``step()``\ 은 기울기가 없는 첫 모델의 파라미터를 건너뛰기
# 때문입니다. 두 모델 모두 그대로입니다.
model_a, optimizer_a, loader_a = start_run()
first_model = model_a  # 옵티마이저를 만들 때 쓴 모델
first_weight = first_model.layers[1].weight.detach().clone()
model_a = DigitClassifier()
model_a.load_state_dict(checkpoint["model"])
try:
    train_one_epoch(model_a, loader_a, loss_fn, optimizer_a)
except ValueError as error:
    print(f"ValueError: {error}")
batch_images, batch_labels = next(iter(loader_a))
optimizer_a.zero_grad()
loss_fn(model_a(batch_images), batch_labels).backward()
optimizer_a.step()
unchanged = torch.equal(model_a.layers[1].weight, checkpoint["model"]["layers.1.weight"])
first_unchanged = torch.equal(first_model.layers[1].weight, first_weight)
print(f"직접 쓴 반복문으로 한 걸음 뒤에도 새 모델은 그대로: {unchanged}")
print(f"... 옵티마이저가 들고 있는 모델도 그대로: {first_unchanged}")
assert unchanged and first_unchanged
