"""Tests of ptcekit.plugins: kinds and rules from entry points, loaded once, never fatal.

The acceptance tests install a third-party plugin (``tests/plugin_fixture.py``)
through ``importlib.metadata``: a directory with the package and its
``*.dist-info`` goes on a fresh subprocess's ``PYTHONPATH``, so that each
command and API function is seen making the first call of a process.
"""

from __future__ import annotations

import gc
import importlib.metadata
import io
import json
import os
import subprocess
import sys
import textwrap
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest

import ptcekit
import ptcekit.plugins
from ptcekit import cli
from ptcekit.model import kinds
from ptcekit.serialize import kind_table, make_converter

sys.path.insert(0, str(Path(__file__).resolve().parent))
import plugin_fixture

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory where the fixture plugin is installed."""
    return plugin_fixture.install(tmp_path_factory.mktemp("good"))


@pytest.fixture(scope="module")
def installed_with_broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory where the fixture plugin and a broken one are installed."""
    return plugin_fixture.install(tmp_path_factory.mktemp("broken"), broken=True)


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A document using the fixture plugin's kinds."""
    path = tmp_path_factory.mktemp("doc") / "fixture.json"
    path.write_text(plugin_fixture.DOCUMENT, encoding="utf-8")
    return path


def python(
    site: Path | None, *args: str, plugins: str = "1", stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run Python in a fresh process with ``site`` on its path and plugins on (or off)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(site)] * (site is not None) + [env.get("PYTHONPATH", "")]
    ).strip(os.pathsep)
    env[ptcekit.plugins.ENVIRONMENT_VARIABLE] = plugins
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        input=stdin,
        check=False,
        cwd=ROOT,
    )


def first_call(site: Path, code: str) -> str:
    """Run ``code`` as the first thing a fresh process does after importing ptcekit; its output."""
    script = "import sys, ptcekit\n" + textwrap.dedent(code)
    done = python(site, "-c", script)
    assert done.returncode == 0, done.stderr
    return done.stdout


class TestFirstCallInAFreshProcess:
    """Every API function sees the plugin's kinds and rules on the first call of a process."""

    def test_loads(self, installed: Path) -> None:
        """ptcekit.loads reads the plugin's kinds with nothing called before."""
        out = first_call(
            installed,
            f"""
            eco = ptcekit.loads({plugin_fixture.DOCUMENT!r})
            print(type(eco.actors[0]).__name__, type(eco.assets[0]).__name__)
            """,
        )
        assert out == "FixtureNetwork FixtureKitchen\n"

    def test_load(self, installed: Path, document: Path) -> None:
        """ptcekit.load reads a file using the plugin's kinds."""
        out = first_call(installed, f"print(ptcekit.load({str(document)!r}).actors[0].reach)")
        assert out == "0\n"

    def test_from_dict(self, installed: Path) -> None:
        """ptcekit.from_dict reads wire data using the plugin's kinds."""
        out = first_call(
            installed,
            f"""
            import json
            data = json.loads({plugin_fixture.DOCUMENT!r})
            print(type(ptcekit.from_dict(data, ptcekit.Ecosystem).assets[0]).__name__)
            """,
        )
        assert out == "FixtureKitchen\n"

    def test_json_schema(self, installed: Path) -> None:
        """ptcekit.json_schema describes the plugin's kinds."""
        out = first_call(installed, "print(ptcekit.json_schema())")
        assert plugin_fixture.NETWORK_TAG in out
        assert plugin_fixture.KITCHEN_TAG in out

    def test_validate(self, installed: Path) -> None:
        """ptcekit.validate runs the plugin's rules with the defaults."""
        out = first_call(
            installed,
            """
            report = ptcekit.validate(ptcekit.Ecosystem())
            print("FIXT001" in report.rules)
            """,
        )
        assert out == "True\n"

    def test_check(self, installed: Path) -> None:
        """ptcekit.check loads the kinds and runs the rules, and the envelope lists the plugin."""
        out = first_call(
            installed,
            f"""
            import json
            data = ptcekit.check({plugin_fixture.DOCUMENT!r}).to_dict()
            print(json.dumps([data["status"], [f["code"] for f in data["findings"]],
                              [p["distribution"] for p in data["plugins"]]]))
            """,
        )
        status, codes, distributions = json.loads(out)
        assert (status, codes) == ("checked", ["FIXT001"])
        assert distributions.count("ptcekit-fixture") == 2


class TestEveryCommand:
    """Every command of the ptcekit command line sees the plugin on its first call."""

    def test_validate(self, installed: Path, document: Path) -> None:
        """Validate reads the kinds and runs the rule."""
        done = python(installed, "-m", "ptcekit", "validate", str(document))
        assert done.returncode == 0, done.stderr
        assert (
            f"{document}: $.actors[0].reach: FIXT001 warning: network 'net' records no reach"
            in (done.stdout)
        )
        # plugins installed where the suite runs may warn; the fixture never does
        assert "ptcekit-fixture" not in done.stderr

    def test_summary(self, installed: Path, document: Path) -> None:
        """Summary reads the kinds."""
        done = python(installed, "-m", "ptcekit", "summary", str(document))
        assert done.returncode == 0, done.stderr
        assert "Réseau" in done.stdout
        assert "Cuisine" in done.stdout

    def test_schema(self, installed: Path) -> None:
        """Schema includes the kinds."""
        done = python(installed, "-m", "ptcekit", "schema")
        assert done.returncode == 0, done.stderr
        assert plugin_fixture.NETWORK_TAG in json.dumps(json.loads(done.stdout))

    def test_rules(self, installed: Path) -> None:
        """Rules lists and explains the plugin's rule, in any case."""
        listed = python(installed, "-m", "ptcekit", "rules")
        assert any(line.startswith("FIXT001 ") for line in listed.stdout.splitlines())
        explained = python(installed, "-m", "ptcekit", "rules", "fixt001")
        assert explained.stdout.startswith("FIXT001: A fixture network records its reach\n")

    def test_plugins(self, installed: Path) -> None:
        """Plugins lists each entry point, its package and what it brings."""
        done = python(installed, "-m", "ptcekit", "plugins")
        assert done.returncode == 0
        lines = done.stdout.splitlines()
        assert [line for line in lines if "from ptcekit-fixture " in line] == [
            (
                "fixture (kinds, ptcekit_fixture.kinds) from ptcekit-fixture 0.1: "
                "fixture:kitchen, fixture:network"
            ),
            "fixture (rules, ptcekit_fixture.rules:RULES) from ptcekit-fixture 0.1: FIXT001",
        ]

    def test_version(self, installed: Path) -> None:
        """--version lists the plugins after the version."""
        done = python(installed, "-m", "ptcekit", "--version")
        assert done.returncode == 0
        lines = done.stdout.splitlines()
        assert lines[:2] == [f"ptcekit {ptcekit.__version__}", "plugins:"]
        assert (
            "  fixture (rules, ptcekit_fixture.rules:RULES) from ptcekit-fixture 0.1: FIXT001"
            in (lines)
        )

    def test_validate_from_standard_input(self, installed: Path) -> None:
        """A document read from standard input uses the kinds too."""
        done = python(
            installed,
            "-m",
            "ptcekit",
            "validate",
            "--format",
            "json",
            "-",
            stdin=plugin_fixture.DOCUMENT,
        )
        data = json.loads(done.stdout)
        assert (data["file"], data["status"]) == ("-", "checked")


class TestBrokenPlugin:
    """A broken plugin is a warning naming it; the others load and validation goes on."""

    def test_cli_warns_and_goes_on(self, installed_with_broken: Path, document: Path) -> None:
        """Validate prints one line per broken plugin and still checks the document."""
        done = python(installed_with_broken, "-m", "ptcekit", "validate", str(document))
        assert done.returncode == 0
        errors = done.stderr.splitlines()
        assert errors == [
            (
                "ptcekit: plugin 'broken_kinds' (ptcekit.kinds entry point 'ptcekit_fixture.missing' "
                "of ptcekit-broken 0.1) cannot be used and is skipped: ModuleNotFoundError: "
                "No module named 'ptcekit_fixture.missing'"
            ),
            (
                "ptcekit: plugin 'broken' (ptcekit.rules entry point 'nonexistent_module_xyz:RULES' "
                "of ptcekit-broken 0.1) cannot be used and is skipped: it failed to load: "
                "ModuleNotFoundError: No module named 'nonexistent_module_xyz'"
            ),
        ]
        assert "FIXT001 warning" in done.stdout

    def test_plugins_lists_what_failed(self, installed_with_broken: Path) -> None:
        """Plugins says which failed and why; --format json gives the same as data."""
        done = python(installed_with_broken, "-m", "ptcekit", "plugins", "--format", "json")
        data = json.loads(done.stdout)
        failed = {p["name"]: p["error"] for p in data["plugins"] if p["error"] is not None}
        assert failed == {
            "broken_kinds": "ModuleNotFoundError: No module named 'ptcekit_fixture.missing'",
            "broken": "it failed to load: ModuleNotFoundError: No module named 'nonexistent_module_xyz'",
        }
        text = python(installed_with_broken, "-m", "ptcekit", "plugins").stdout
        assert (
            "broken (rules, nonexistent_module_xyz:RULES) from ptcekit-broken 0.1: FAILED: " in text
        )

    def test_api_warns_and_goes_on(self, installed_with_broken: Path) -> None:
        """validate() warns once with a PluginWarning and runs the other rules."""
        out = first_call(
            installed_with_broken,
            """
            import warnings
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                report = ptcekit.validate(ptcekit.Ecosystem())
                ptcekit.validate(ptcekit.Ecosystem())
            print(len(caught), caught[0].category.__name__, "FIXT001" in report.rules)
            """,
        )
        assert out == "2 PluginWarning True\n"


class TestTurnedOff:
    """--no-plugins and PTCEKIT_PLUGINS=0 load no plugin."""

    def test_no_plugins_option(self, installed: Path, document: Path) -> None:
        """With --no-plugins, the kinds are unknown and the rule does not run."""
        done = python(installed, "-m", "ptcekit", "--no-plugins", "validate", str(document))
        assert done.returncode == 2
        assert "unknown actor type 'fixture:network'" in done.stderr
        listed = python(installed, "-m", "ptcekit", "--no-plugins", "rules").stdout
        assert "FIXT001" not in listed
        version = python(installed, "-m", "ptcekit", "--no-plugins", "--version").stdout
        assert version.splitlines()[1] == "plugins: off"

    def test_environment_variable(self, installed: Path, document: Path) -> None:
        """PTCEKIT_PLUGINS=0 turns them off for the library and the command line."""
        done = python(installed, "-m", "ptcekit", "validate", str(document), plugins="0")
        assert done.returncode == 2
        out = first_call_off(installed)
        assert out == "() False\n"
        assert python(installed, "-m", "ptcekit", "plugins", plugins="0").stdout.startswith(
            "plugins are off"
        )


def first_call_off(site: Path) -> str:
    script = (
        "import ptcekit\n"
        "print(ptcekit.plugins.load(), 'FIXT001' in ptcekit.validate(ptcekit.Ecosystem()).rules)\n"
    )
    return python(site, "-c", script, plugins="0").stdout


# ---------------------------------------------------------------------------
# in-process: the loader's decisions, with entry points made in the test


def _entry_points(found: dict[str, list[importlib.metadata.EntryPoint]]) -> Any:
    def entry_points(*, group: str) -> list[importlib.metadata.EntryPoint]:
        return found.get(group, [])

    return entry_points


@pytest.fixture
def module_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A directory on sys.path for modules a test writes, removed from sys.modules after."""
    monkeypatch.syspath_prepend(str(tmp_path))
    before = set(sys.modules)
    yield tmp_path
    for name in set(sys.modules) - before:
        if name.startswith("inproc_"):
            del sys.modules[name]


def _ep(name: str, value: str, group: str) -> importlib.metadata.EntryPoint:
    return importlib.metadata.EntryPoint(name=name, value=value, group=group)


class TestLoader:
    """What the loader accepts from a kinds entry point, and how it reports the rest."""

    def test_shapes_of_a_kinds_entry_point(
        self, module_dir: Path, monkeypatch: pytest.MonkeyPatch, plugins_on: Any
    ) -> None:
        """A module, a kind class and a list of kind classes load; their tags are listed."""
        (module_dir / "inproc_kinds.py").write_text(
            textwrap.dedent(
                """
                from typing import ClassVar
                import attrs
                import ptcekit

                @attrs.frozen(kw_only=True, repr=False)
                class Hall(ptcekit.SharedPremises):
                    type_tag: ClassVar[str] = "inproc:hall"

                @attrs.frozen(kw_only=True, repr=False)
                class Club(ptcekit.Association):
                    type_tag: ClassVar[str] = "inproc:club"

                BOTH = [Hall, Club]
                NOT_A_KIND = 42
                NONE = []
                MIXED = [Hall, int]
                """
            ),
            encoding="utf-8",
        )
        group = ptcekit.plugins.KINDS_GROUP
        found = {
            group: [
                _ep("a_module", "inproc_kinds", group),
                _ep("b_class", "inproc_kinds:Hall", group),
                _ep("c_list", "inproc_kinds:BOTH", group),
                _ep("d_junk", "inproc_kinds:NOT_A_KIND", group),
                _ep("e_empty_module", "inproc_empty", group),
                _ep("f_mixed", "inproc_kinds:MIXED", group),
            ]
        }
        (module_dir / "inproc_empty.py").write_text("X = 1\n", encoding="utf-8")
        monkeypatch.setattr(importlib.metadata, "entry_points", _entry_points(found))
        with pytest.warns(ptcekit.plugins.PluginWarning) as caught:
            loaded = ptcekit.plugins.reload()
        by_name = {plugin.name: plugin for plugin in loaded}
        assert by_name["a_module"].provides == ("inproc:club", "inproc:hall")
        assert by_name["b_class"].provides == ("inproc:hall",)
        assert by_name["c_list"].provides == ("inproc:club", "inproc:hall")
        assert by_name["d_junk"].error == (
            "ValueError: it gave int 42, not a module, a kind class (a subclass of Actor or "
            "MutualisedAsset with its own type_tag) or an iterable of them"
        )
        assert by_name["e_empty_module"].error == (
            "ValueError: module 'inproc_empty' defines no kind (a subclass of Actor or "
            "MutualisedAsset with its own type_tag)"
        )
        assert by_name["f_mixed"].error == "ValueError: item 1 is <class 'int'>, not a kind class"
        assert len(caught) == 3
        assert all(plugin.distribution is None for plugin in loaded)
        assert by_name["d_junk"].origin == "an unknown distribution"
        assert by_name["a_module"].ok
        assert not by_name["d_junk"].ok

    def test_loaded_once(self, monkeypatch: pytest.MonkeyPatch, plugins_on: Any) -> None:
        """The entry points are scanned once per process, until reload()."""
        calls: list[str] = []

        def entry_points(*, group: str) -> list[importlib.metadata.EntryPoint]:
            calls.append(group)
            return []

        monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)
        ptcekit.plugins.reload()
        for _ in range(3):
            ptcekit.validate(ptcekit.Ecosystem())
            ptcekit.loads(b'{"ptcekit": "1"}')
        assert calls == [ptcekit.plugins.KINDS_GROUP, ptcekit.plugins.RULES_GROUP]
        ptcekit.plugins.reload()
        assert len(calls) == 4

    def test_a_rule_plugin_may_not_take_a_builtin_code(
        self, module_dir: Path, monkeypatch: pytest.MonkeyPatch, plugins_on: Any
    ) -> None:
        """A plugin that reuses a code is skipped; another plugin's rules still load."""
        (module_dir / "inproc_rules.py").write_text(
            textwrap.dedent(
                """
                from ptcekit.rules import Rule

                def make(code):
                    return Rule(code=code, title="Plugin rule", severity="info", kind="heuristic",
                                confidence="reading", source="Charte, art. 1",
                                explanation="A plugin rule.", check=lambda context: ())

                CLASH = make("PTCE001")
                GOOD = make("INPROC001")
                """
            ),
            encoding="utf-8",
        )
        group = ptcekit.plugins.RULES_GROUP
        found = {
            group: [_ep("a", "inproc_rules:CLASH", group), _ep("b", "inproc_rules:GOOD", group)]
        }
        monkeypatch.setattr(importlib.metadata, "entry_points", _entry_points(found))
        with pytest.warns(
            ptcekit.plugins.PluginWarning, match="rule code 'PTCE001' is already used"
        ):
            ptcekit.plugins.reload()
        assert ptcekit.plugins.rules().codes == ("INPROC001",)
        assert "INPROC001" in ptcekit.default_rules()
        with ptcekit.plugins.disabled():
            assert not ptcekit.plugins.enabled()
            assert "INPROC001" not in ptcekit.default_rules()
            assert ptcekit.plugins.load() == ()
        assert ptcekit.plugins.enabled()

    def test_a_plugin_that_reads_a_document_while_it_loads(
        self, module_dir: Path, monkeypatch: pytest.MonkeyPatch, plugins_on: Any
    ) -> None:
        """A plugin module that loads a document at import does not load the plugins again."""
        (module_dir / "inproc_reader.py").write_text(
            textwrap.dedent(
                """
                from typing import ClassVar
                import attrs
                import ptcekit

                @attrs.frozen(kw_only=True, repr=False)
                class Barn(ptcekit.SharedPremises):
                    type_tag: ClassVar[str] = "inproc:barn"

                SAMPLE = ptcekit.loads(
                    b'{"ptcekit": "1", "assets": [{"type": "inproc:barn", "id": "b", "name": "B"}]}'
                )
                """
            ),
            encoding="utf-8",
        )
        group = ptcekit.plugins.KINDS_GROUP
        found = {group: [_ep("reader", "inproc_reader", group)]}
        monkeypatch.setattr(importlib.metadata, "entry_points", _entry_points(found))
        (plugin,) = ptcekit.plugins.reload()
        assert plugin.provides == ("inproc:barn",)
        assert type(sys.modules["inproc_reader"].SAMPLE.assets[0]).__name__ == "Barn"

    def test_describe_and_to_dict(self) -> None:
        """A plugin reads as one line, and as data."""
        plugin = ptcekit.plugins.Plugin(
            group="ptcekit.rules", name="aura", target="aura.rules:RULES", distribution="aura"
        )
        assert plugin.describe() == "aura (rules, aura.rules:RULES) from aura: nothing"
        assert plugin.to_dict()["version"] is None

    @pytest.mark.parametrize("value", ["0", "false", "No", " off "])
    def test_off_values(self, value: str, monkeypatch: pytest.MonkeyPatch) -> None:
        """PTCEKIT_PLUGINS turns plugins off with 0, false, no or off, in any case."""
        monkeypatch.setenv(ptcekit.plugins.ENVIRONMENT_VARIABLE, value)
        assert not ptcekit.plugins.enabled()

    def test_broken_distribution_metadata(self) -> None:
        """An entry point whose distribution cannot say its name is listed with no origin."""

        class Broken:
            @property
            def name(self) -> str:
                raise RuntimeError

        entry_point = types.SimpleNamespace(dist=Broken())
        assert ptcekit.plugins._origin(entry_point) == (None, None)  # type: ignore[arg-type]  # a stand-in


# ---------------------------------------------------------------------------
# a kind defined again (a notebook cell run twice)

_CELL = """
@attrs.frozen(kw_only=True, repr=False)
class TiersLieu(ptcekit.Association):
    type_tag: ClassVar[str] = "cell:tiers_lieu"
    surface: int = {default}
"""


def _run_cell(namespace: dict[str, Any], default: int) -> type[Any]:
    exec(_CELL.format(default=default), namespace)
    cls: type[Any] = namespace["TiersLieu"]
    return cls


@pytest.fixture
def cell_module() -> Iterator[Any]:
    """Make a module (a notebook's namespace) for cells to run in; forget the modules after."""
    made: list[str] = []

    def make(name: str) -> dict[str, Any]:
        module = types.ModuleType(name)
        module.__dict__.update({"attrs": attrs, "ptcekit": ptcekit, "ClassVar": ClassVar})
        sys.modules[name] = module
        made.append(name)
        return module.__dict__

    yield make
    for name in made:
        del sys.modules[name]
    gc.collect()  # the cells' classes go, so that their tags leave the kind tables


class TestRedefinedKind:
    """A kind defined again under the same name in the same module replaces the old one."""

    DOC: ClassVar[bytes] = (
        b'{"ptcekit": "1", "actors": [{"type": "cell:tiers_lieu", "id": "t", "name": "T"}]}'
    )

    def test_the_newest_definition_is_read_and_written(self, cell_module: Any) -> None:
        """Loading after a redefinition builds the new class; both can be written; the schema is made.

        A converter of the test's own reads and writes, so that the cells'
        classes go with it and leave no tag behind for the other tests.
        """
        converter = make_converter()

        def load() -> Any:
            return converter.load(json.loads(self.DOC), ptcekit.Ecosystem)

        namespace = cell_module("notebook_cell")
        first = _run_cell(namespace, 0)
        assert type(load().actors[0]) is first
        second = _run_cell(namespace, 5)
        assert kinds.serial(second) > kinds.serial(first)
        loaded = load()
        assert type(loaded.actors[0]) is second
        assert getattr(loaded.actors[0], "surface") == 5  # noqa: B009 -- a field of the cell's class
        assert kind_table(ptcekit.Actor).by_tag["cell:tiers_lieu"] is second
        for cls in (first, second):
            written = converter.dump(ptcekit.Ecosystem(actors=(cls(id="s", name="S"),)))
            assert written["actors"][0]["type"] == "cell:tiers_lieu"
        assert "cell:tiers_lieu" in json.dumps(ptcekit.json_schema())
        third = _run_cell(namespace, 7)
        assert type(load().actors[0]) is third
        assert getattr(load().actors[0], "surface") == 7  # noqa: B009 -- a field of the cell's class

    def test_two_modules_claiming_one_tag_still_conflict(self, cell_module: Any) -> None:
        """Classes of different modules with one tag are a real conflict, reported as before."""
        for module in ("cell_one", "cell_two"):
            namespace = cell_module(module)
            exec(_CELL.replace("cell:tiers_lieu", "clash:tiers_lieu").format(default=0), namespace)
        table = kind_table(ptcekit.Actor)
        assert "clash:tiers_lieu" in table.conflicts
        assert "clash:tiers_lieu" not in table.by_tag

    def test_the_cells_are_gone_after(self) -> None:
        """The cells' classes are collected with their modules and converter: no tag is left behind."""
        gc.collect()
        tags = kind_table(ptcekit.Actor).tags
        assert "clash:tiers_lieu" not in tags
        assert "cell:tiers_lieu" not in tags


class TestLayers:
    def test_model_kinds_without_a_preparer(self) -> None:
        """Without a preparer, prepare() does nothing; setting one back restores plugin loading."""
        calls: list[int] = []
        kinds.set_preparer(lambda: calls.append(1))
        try:
            kind_table(ptcekit.Actor)
            assert calls == [1]
            kinds.set_preparer(None)
            kind_table(ptcekit.Actor)
            assert calls == [1]
        finally:
            kinds.set_preparer(ptcekit.plugins._prepare_kinds)

    def test_rules_without_a_provider(self) -> None:
        """Without a provider, there are no plugin rules."""
        ptcekit.rules.set_plugin_provider(None)
        try:
            assert len(ptcekit.rules.available_rules()) == len(ptcekit.builtin_rules())
        finally:
            ptcekit.rules.set_plugin_provider(ptcekit.plugins.rules)


class TestInProcessCommandLine:
    """The command line in-process, with entry points made by the test."""

    def test_broken_and_good_plugins(
        self, module_dir: Path, monkeypatch: pytest.MonkeyPatch, plugins_on: Any
    ) -> None:
        """Each broken plugin is one line on standard error; plugins lists all, the failed marked."""
        (module_dir / "inproc_good.py").write_text(
            textwrap.dedent(
                """
                from ptcekit.rules import Rule

                GOOD = Rule(code="INPROC002", title="Plugin rule", severity="info", kind="heuristic",
                            confidence="reading", source="Charte, art. 1",
                            explanation="A plugin rule.", check=lambda context: ())
                """
            ),
            encoding="utf-8",
        )
        group = ptcekit.plugins.RULES_GROUP
        found = {
            group: [_ep("good", "inproc_good:GOOD", group), _ep("gone", "inproc_gone:RULES", group)]
        }
        monkeypatch.setattr(importlib.metadata, "entry_points", _entry_points(found))
        ptcekit.plugins._cache.clear()
        out, err = io.StringIO(), io.StringIO()
        assert cli.main(["plugins"], out=out, err=err) == 0
        assert err.getvalue() == (
            "ptcekit: plugin 'gone' (ptcekit.rules entry point 'inproc_gone:RULES' of an unknown "
            "distribution) cannot be used and is skipped: it failed to load: ModuleNotFoundError: "
            "No module named 'inproc_gone'\n"
        )
        assert out.getvalue().splitlines() == [
            (
                "gone (rules, inproc_gone:RULES) from an unknown distribution: FAILED: it failed to "
                "load: ModuleNotFoundError: No module named 'inproc_gone'"
            ),
            "good (rules, inproc_good:GOOD) from an unknown distribution: INPROC002",
        ]

    def test_an_unexpected_failure_of_the_rule_loader(
        self, monkeypatch: pytest.MonkeyPatch, plugins_on: Any
    ) -> None:
        """Whatever a rule plugin raises, it is skipped with a warning naming the error."""
        group = ptcekit.plugins.RULES_GROUP
        found = {group: [_ep("odd", "inproc_odd:RULES", group)]}
        monkeypatch.setattr(importlib.metadata, "entry_points", _entry_points(found))

        def odd(*args: object, **kwargs: object) -> object:
            raise RuntimeError("odd")

        monkeypatch.setattr(ptcekit.rules, "load_plugins", odd)
        with pytest.warns(ptcekit.plugins.PluginWarning, match="RuntimeError: odd"):
            (plugin,) = ptcekit.plugins.reload()
        assert plugin.error == "RuntimeError: odd"
