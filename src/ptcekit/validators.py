"""ptcekit's field validators and converters, for classes of your own: see :mod:`ptcekit.model.validators`."""

from ptcekit.model import validators as _model
from ptcekit.model.validators import *  # noqa: F403 -- this module is that one under a short name

__all__ = _model.__all__
