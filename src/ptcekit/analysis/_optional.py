"""Lazy imports of the optional libraries of the ``notebook`` extra, with a clear error."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from ptcekit.errors import PtcekitError

__all__ = ["MissingExtraError", "require"]


class MissingExtraError(PtcekitError, ImportError):
    """An optional library that a function needs is not installed.

    Attributes:
        module: the library's module name, such as ``"pandas"``.
        extra: the ptcekit extra that installs it, such as ``"notebook"``.
        feature: what needed it, such as ``"tables(...).to_pandas()"``.
    """

    def __init__(self, module: str, extra: str, feature: str) -> None:
        self.module = module
        self.extra = extra
        self.feature = feature
        message = (
            f"{feature} needs {module}, which is not installed: pip install 'ptcekit[{extra}]'"
        )
        super().__init__(message, name=module)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.module, self.extra, self.feature))


def require(module: str, feature: str, extra: str = "notebook") -> ModuleType:
    """Import ``module`` and return it, or raise :class:`MissingExtraError`.

    Args:
        module: the module to import, such as ``"pandas"`` or ``"matplotlib.pyplot"``.
        feature: what needs it, for the message.
        extra: the ptcekit extra that installs it.

    Raises:
        MissingExtraError: the module cannot be imported.
    """
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingExtraError(module.partition(".")[0], extra, feature) from error
