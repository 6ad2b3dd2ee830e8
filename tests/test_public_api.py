"""Tests of the public namespace: ptcekit.__all__ lists exactly what ptcekit offers."""

from __future__ import annotations

import inspect

import ptcekit
import ptcekit.validators as short_validators
from ptcekit import errors, model
from ptcekit.model import validators


def public_names(module: object) -> set[str]:
    """The names a module offers: not private, and not submodules."""
    return {
        name
        for name in dir(module)
        if not name.startswith("_") and not inspect.ismodule(getattr(module, name))
    }


class TestAll:
    def test_all_is_sorted(self) -> None:
        """ptcekit.__all__ is in sorted order, so diffs stay readable."""
        assert ptcekit.__all__ == sorted(ptcekit.__all__)

    def test_all_has_no_repeats(self) -> None:
        """Each name is listed once."""
        assert len(set(ptcekit.__all__)) == len(ptcekit.__all__)

    def test_all_is_exactly_the_public_names(self) -> None:
        """ptcekit.__all__ equals the public names defined in ptcekit, plus __version__."""
        assert set(ptcekit.__all__) == public_names(ptcekit) | {"__version__"}

    def test_every_name_of_the_model_is_exported_at_the_top(self) -> None:
        """Everything in ptcekit.model.__all__ is in ptcekit.__all__ and is the same object."""
        assert set(model.__all__) <= set(ptcekit.__all__)
        for name in model.__all__:
            assert getattr(ptcekit, name) is getattr(model, name)

    def test_every_error_is_exported_at_the_top(self) -> None:
        """Everything in ptcekit.errors.__all__ is in ptcekit.__all__."""
        assert set(errors.__all__) <= set(ptcekit.__all__)

    def test_model_all_is_sorted_and_public(self) -> None:
        """ptcekit.model.__all__ is sorted and equals its public names."""
        assert model.__all__ == sorted(model.__all__)
        assert set(model.__all__) == public_names(model)

    def test_version_is_a_string(self) -> None:
        """__version__ is a non-empty version string."""
        assert isinstance(ptcekit.__version__, str)
        assert ptcekit.__version__[0].isdigit()


class TestValidators:
    def test_validators_all_is_sorted_and_public(self) -> None:
        """ptcekit.model.validators.__all__ lists every public name the module defines, and only names it has."""
        defined = {
            name
            for name in public_names(validators)
            if getattr(getattr(validators, name), "__module__", None) == validators.__name__
        }
        assert defined <= set(validators.__all__)
        assert all(hasattr(validators, name) for name in validators.__all__)

    def test_ptcekit_validators_is_the_same_module_under_its_short_name(self) -> None:
        """ptcekit.validators offers exactly ptcekit.model.validators' names, as the same objects."""
        assert short_validators.__all__ == validators.__all__
        for name in validators.__all__:
            assert getattr(short_validators, name) is getattr(validators, name)
