"""
텐서 만들기
===========

A tensor is a multi-dimensional array of numbers. This page creates tensors from a
Python list and from a NumPy array, filled with zeros, ones, random numbers and a
range, and looks at what each one holds.
"""

# %%
# Every page starts the same way: import PyTorch, set up the figures' fonts and fix
# the random seed, so the numbers below are the ones you get when you run the page.
import matplotlib.pyplot as plt
import torch

from pytorch_basics.plotting import draw_tensor, use_site_style

use_site_style()
torch.manual_seed(0)

# %%
# From a Python list
# ------------------
# ``torch.tensor`` copies the numbers of a (nested) list into a new tensor.
tensor_from_list = torch.tensor([1, 2, 3])
print(tensor_from_list)

# %%
# A figure
fig, ax = plt.subplots(figsize=(4, 1.5))
draw_tensor(ax, torch.arange(6).reshape(2, 3), title="torch.arange(6).reshape(2, 3)")
plt.show()
