"""The ``framing`` command: a thin click layer over the Python API, one module per command
group (``analysis``, ``coding``, ``lexicons``, ``workflows``) on the group and helpers of ``base``."""

from . import analysis, coding, lexicons, workflows  # noqa: F401  (each registers its commands on ``main``)
from .base import main

__all__ = ["main"]
