"""Shared pytest configuration: the hypothesis profiles.

``fast`` (the default) keeps local runs quick; CI sets
``HYPOTHESIS_PROFILE=ci`` for more examples. Both drop the deadline, since a
shared CI machine makes timings noisy. Two profiles are for long runs outside
CI: ``robustness`` (20,000 examples per test: about 100,000 hostile documents
for ``tests/test_robustness_documents.py``) and ``robustness-long`` (100,000
inputs per test, for ``tests/test_robustness_values.py``).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

import ptcekit.plugins
from ptcekit.serialize import _diagnose

# Installed plugins stay out of the suite's expectations (rule counts, reports,
# the schema), so that it passes in an environment where a third-party plugin
# is installed; the tests of plugins turn them on with the `plugins_on` fixture
# (in-process) or PTCEKIT_PLUGINS=1 (in subprocesses). Set PTCEKIT_PLUGINS=1 to
# run the whole suite with them on.
os.environ.setdefault(ptcekit.plugins.ENVIRONMENT_VARIABLE, "0")

settings.register_profile("fast", max_examples=25, deadline=None)
settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
settings.register_profile("robustness", max_examples=20_000, deadline=None, print_blob=True)
settings.register_profile("robustness-long", max_examples=100_000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "fast"))

# tests/extension_kinds.py is imported by tests/test_extension.py, under its own
# name, after ptcekit is in use; collecting it for doctests would import it a
# second time and declare its kind tags twice.
collect_ignore = ["extension_kinds.py"]

# A generated structuring function that refuses a value its class accepts is a
# bug of ptcekit: in the tests it raises instead of falling back to the slow path.
_diagnose.RAISE_ON_REFUSAL = True


@pytest.fixture
def plugins_on(monkeypatch: pytest.MonkeyPatch) -> object:
    """Turn plugins on for one test, and forget what was loaded before and after it.

    Nothing is loaded here: the test makes its entry points (monkeypatching
    ``importlib.metadata.entry_points``) before anything loads them, so that
    the plugins installed where the suite runs stay out of the process.
    """
    monkeypatch.setenv(ptcekit.plugins.ENVIRONMENT_VARIABLE, "1")
    ptcekit.plugins._cache.clear()
    yield ptcekit.plugins
    monkeypatch.undo()
    ptcekit.plugins._cache.clear()
