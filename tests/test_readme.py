"""The README's set-up commands, the bundled JSON examples and CI agree."""

from __future__ import annotations

import doctest
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import jsonschema
import pytest

import ptcekit

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = {"pole-sud.json": "pole_sud.py", "tetris.json": "tetris.py"}


def readme_commands() -> list[str]:
    """The shell commands of the README, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", text, re.S)]


def example_module(script: str) -> ModuleType:
    """Import an example script from its path."""
    spec = importlib.util.spec_from_file_location(
        script.removesuffix(".py"), ROOT / "examples" / script
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestReadme:
    def test_exactly_two_set_up_commands(self) -> None:
        """The README shows two commands: the main job, then the test suite."""
        main_job, tests = readme_commands()
        assert (
            main_job
            == "python -m pip install . && python -m ptcekit validate examples/pole-sud.json"
        )
        assert tests == 'python -m pip install -e ".[test]" && python -m pytest'

    def test_ci_runs_both_verbatim(self) -> None:
        """.ci/run runs each README command as written."""
        ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        for command in readme_commands():
            assert command in ci

    def test_the_main_job_uses_a_bundled_file(self) -> None:
        """The file the main job validates is in the repository."""
        main_job = readme_commands()[0]
        assert (ROOT / main_job.split()[-1]).is_file()


class TestQuickStart:
    def test_python_blocks_run(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """The README's quick-start code runs as written, and its doctest block holds."""
        text = (ROOT / "README.md").read_text(encoding="utf-8")
        blocks = re.findall(r"```python\n(.*?)```", text, re.S)
        script = next(block for block in blocks if not block.startswith(">>>"))
        monkeypatch.chdir(tmp_path)
        namespace: dict[str, object] = {}
        exec(compile(script, "README.md", "exec"), namespace)
        assert ptcekit.load(tmp_path / "romans.json") == namespace["eco"]
        session = next(block for block in blocks if block.startswith(">>>"))
        examples = doctest.DocTestParser().get_examples(session)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        test = doctest.DocTest(examples, {"pk": ptcekit}, "README", "README.md", 0, session)
        assert runner.run(test).failed == 0


class TestBundledExamples:
    @pytest.mark.parametrize(("document", "script"), sorted(EXAMPLES.items()))
    def test_json_is_what_the_script_builds(self, document: str, script: str) -> None:
        """Each bundled JSON document is exactly the dump of its Python example (regenerate with scripts/write_examples.py)."""
        built = example_module(script).build()
        path = ROOT / "examples" / document
        assert path.read_bytes() == ptcekit.dumps(built, pretty=True) + b"\n"
        assert ptcekit.load(path) == built

    @pytest.mark.parametrize("document", sorted(EXAMPLES))
    def test_json_is_valid_against_the_schema(self, document: str) -> None:
        """The generated JSON Schema accepts each bundled document."""
        data = ptcekit.serialize.to_dict(ptcekit.load(ROOT / "examples" / document))
        jsonschema.Draft202012Validator(ptcekit.json_schema()).validate(data)

    @pytest.mark.parametrize("document", sorted(EXAMPLES))
    def test_examples_validate_with_no_error(self, document: str) -> None:
        """The real pôles raise no error-level finding."""
        report = ptcekit.validate(ptcekit.load(ROOT / "examples" / document))
        assert report.ok, report.to_text()
