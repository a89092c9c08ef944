"""Reference implementations for the *PyTorch basics* site.

The pages of the site write out the code they teach; this package holds the
helpers they are not about (drawing a tensor, choosing a device, setting up
fonts) and tested reference versions of what they compute.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
