"""Rich displays for notebooks: escaped, well-formed HTML and readable pretty printing."""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import html.parser
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ptcekit import (
    Association,
    Company,
    Ecosystem,
    Membership,
    Money,
    PartnershipAgreement,
    Party,
    Period,
    Place,
    Pole,
    SharedPremises,
    Territory,
)
from ptcekit.model._base import Value
from ptcekit.rules import Finding, Report, Unchecked, validate
from ptcekit.testing import ecosystems

#: Markup, entities and control characters a name could hold.
HOSTILE = "<script>alert(\"x\")</script> & &amp; <b>'bold'</b> \x00\x1b\x7f\u202e "
#: Elements HTML never closes.
VOID = {"br", "hr", "img", "input", "meta", "link", "col", "wbr"}


class WellFormed(html.parser.HTMLParser):
    """Parses HTML and records every way it is not well formed, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in {"script", "style", "iframe", "object"}:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}")
            if (
                name == "href"
                and value is not None
                and not value.startswith(("https://", "http://"))
            ):
                self.problems.append(f"href {value!r}")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "<" in data or ">" in data:
            self.problems.append(f"raw angle bracket in {data!r}")
        for char in data:
            if (ord(char) < 0x20 and char not in "\t\n") or 0x7F <= ord(char) < 0xA0:
                self.problems.append(f"control character {char!r}")
        self.text.append(data)

    def handle_entityref(self, name: str) -> None:
        if name not in {"lt", "gt", "amp", "quot", "#x27"}:
            self.problems.append(f"entity &{name};")
        self.text.append(html.unescape(f"&{name};"))

    def handle_charref(self, name: str) -> None:
        self.text.append(html.unescape(f"&#{name};"))

    def handle_comment(self, data: str) -> None:
        self.problems.append(f"comment {data!r}")

    def handle_decl(self, decl: str) -> None:
        self.problems.append(f"declaration {decl!r}")

    def unknown_decl(self, data: str) -> None:
        self.problems.append(f"declaration {data!r}")


def parse(markup: str) -> WellFormed:
    """Parse ``markup``, asserting it is well formed; return the parser with its text."""
    parser = WellFormed()
    parser.feed(markup)
    parser.close()
    assert parser.rawdata == "", f"unparsed tail {parser.rawdata[:80]!r}"
    assert parser.problems == []
    assert parser.stack == []
    return parser


# ---------------------------------------------------------------------------
# a printer with IPython's protocol, so the tests need no IPython


@attrs.define
class _Break:
    sep: str
    indentation: int


@attrs.define
class _Group:
    items: list[Any] = attrs.Factory(list)


class Printer:
    """IPython's ``RepresentationPrinter`` protocol: groups break as a whole when they do not fit.

    Like IPython, a line break is indented as deep as the printer was when the
    breakable was written, and the outermost groups break first.
    """

    def __init__(self, width: int = 79) -> None:
        self.width = width
        self.indentation = 0
        self.root = _Group()
        self.open = [self.root]

    def text(self, obj: str) -> None:
        self.open[-1].items.append(obj)

    def breakable(self, sep: str = " ") -> None:
        self.open[-1].items.append(_Break(sep, self.indentation))

    @contextlib.contextmanager
    def group(self, indent: int = 0, open: str = "", close: str = "") -> Iterator[None]:  # noqa: A002 -- IPython's name
        self.text(open)
        group = _Group()
        self.open[-1].items.append(group)
        self.open.append(group)
        self.indentation += indent
        try:
            yield
        finally:
            self.indentation -= indent
            self.open.pop()
            self.text(close)

    def pretty(self, obj: object) -> None:
        method = getattr(obj, "_repr_pretty_", None)
        if method is None:
            self.text(repr(obj))
        else:
            method(self, cycle=False)

    @staticmethod
    def _flat(item: Any) -> str:
        if isinstance(item, str):
            return item
        if isinstance(item, _Break):
            return item.sep
        return "".join(Printer._flat(child) for child in item.items)

    def _lay(self, group: _Group, column: int, out: list[str], *, broken: bool) -> int:
        for item in group.items:
            if isinstance(item, str):
                out.append(item)
                column += len(item)
            elif isinstance(item, _Break):
                if broken:
                    out.append("\n" + " " * item.indentation)
                    column = item.indentation
                else:
                    out.append(item.sep)
                    column += len(item.sep)
            else:
                flat = self._flat(item)
                rest = self._flat_tail(group, item)
                fits = column + len(flat) + len(rest) <= self.width
                column = self._lay(item, column, out, broken=not fits)
        return column

    def _flat_tail(self, group: _Group, item: Any) -> str:
        """The text that follows ``item`` up to the next breakable of its group."""
        after = group.items[group.items.index(item) + 1 :]
        tail = []
        for following in after:
            if isinstance(following, _Break):
                break
            tail.append(self._flat(following))
        return "".join(tail)

    def value(self) -> str:
        out: list[str] = []
        self._lay(self.root, 0, out, broken=False)
        return "".join(out)


def pretty(obj: object, width: int = 79) -> str:
    printer = Printer(width)
    printer.pretty(obj)
    return printer.value()


# ---------------------------------------------------------------------------
# ecosystems to display


def hostile(eco: Ecosystem) -> Ecosystem:
    """The ecosystem with markup and control characters in every name and description."""
    return attrs.evolve(
        eco,
        name=HOSTILE + (eco.name or ""),
        source=HOSTILE + "\n" + HOSTILE,
        actors=tuple(
            attrs.evolve(a, name=HOSTILE + a.name, description=HOSTILE + "\nsecond line")
            for a in eco.actors
        ),
        poles=tuple(attrs.evolve(p, name=HOSTILE + p.name) for p in eco.poles),
        assets=tuple(attrs.evolve(a, name=HOSTILE + a.name) for a in eco.assets),
        agreements=tuple(attrs.evolve(a, title=HOSTILE + a.title) for a in eco.agreements),
    )


def displays(eco: Ecosystem, report: Report) -> Iterator[tuple[str, object]]:
    """Every object of ``eco`` and ``report`` that has a rich display."""
    yield "ecosystem", eco
    records: tuple[Any, ...] = (*eco.actors, *eco.poles, *eco.assets, *eco.agreements)
    for record in records:
        yield record.id, record
        for name in ("memberships", "owners", "users", "parties", "commitments"):
            for part in getattr(record, name, ()):
                yield f"{record.id}.{name}", part
    yield "report", report
    for finding in report.findings:
        yield finding.code, finding


def hostile_report() -> Report:
    return Report(
        findings=(
            Finding(
                code="PTCE001",
                severity="error",
                message=HOSTILE,
                path="$.poles[0]",
                subject=HOSTILE,
                source=HOSTILE,
                url='https://example.org/?q="><script>',
                law=HOSTILE,
            ),
            Finding(code="ID001", severity="info", message="m", path="$.actors[0]"),
        ),
        unchecked=(Unchecked(code="SCIC002", path="$.actors[1]", reason=HOSTILE, subject=HOSTILE),),
        as_of=dt.date(2024, 1, 1),
        rules=("PTCE001", "ID001", "SCIC002"),
    )


class TestHtml:
    @settings(max_examples=40, deadline=None)
    @given(ecosystems())
    def test_every_display_of_every_ecosystem_is_well_formed(self, eco: Ecosystem) -> None:
        """Every display of a generated ecosystem, its records and its report parses as well-formed HTML."""
        for what, obj in displays(eco, validate(eco, as_of=dt.date(2024, 6, 30))):
            markup = obj._repr_html_()  # type: ignore[attr-defined]
            assert markup.startswith('<div class="ptcekit">'), what
            parse(markup)

    @settings(max_examples=25, deadline=None)
    @given(ecosystems(max_actors=4, max_poles=2, max_assets=2, max_agreements=2))
    def test_markup_and_control_characters_are_shown_as_text(self, eco: Ecosystem) -> None:
        """Names holding markup and control characters display as text, never as markup."""
        eco = hostile(eco)
        shown = HOSTILE.replace("\x00", "\\x00").replace("\x1b", "\\x1b").replace("\x7f", "\\x7f")
        for what, obj in displays(eco, hostile_report()):
            parser = parse(obj._repr_html_())  # type: ignore[attr-defined]
            if hasattr(obj, "name") or hasattr(obj, "title") or isinstance(obj, Report | Ecosystem):
                assert shown in "".join(parser.text), what
            assert "script" not in parser.tags

    def test_the_report_groups_findings_by_rule_with_colours_and_links(self) -> None:
        """A report shows its summary, a group per rule, severity colours, linked sources and notes."""
        report = hostile_report()
        markup = report._repr_html_()
        parser = parse(markup)
        text = "".join(parser.text)
        assert report.summary() in text
        assert text.index("ID001") < text.index("PTCE001")  # groups in code order
        assert "1 finding" in text
        assert "#c62828" in markup  # error
        assert "#1565c0" in markup  # info
        assert 'href="https://example.org/?q=&quot;&gt;&lt;script&gt;"' in markup
        assert "Not checked, for lack of data (1)" in text
        assert "SCIC002" in text

    def test_a_report_with_nothing_to_show_says_all_checks_passed(self) -> None:
        """An empty report shows its summary alone."""
        report = Report(as_of=dt.date(2024, 1, 1), rules=("PTCE001",))
        text = "".join(parse(report._repr_html_()).text)
        assert text == "Report All checks passed (1 rule, as of 2024-01-01)."

    def test_a_finding_shows_its_source_and_the_law_applied(self) -> None:
        """A finding's display links its source and names the version of the law applied."""
        finding = Finding(
            code="SCIC004",
            severity="warning",
            message="too much",
            path="$.actors[0]",
            source="Loi n° 47-1775, art. 19 septies",
            url="https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000029318463",
            law="since loi n° 2014-856",
        )
        markup = finding._repr_html_()
        text = "".join(parse(markup).text)
        assert "SCIC004" in text
        assert "warning" in text
        assert "too much" in text
        assert '<a href="https://www.legifrance.gouv.fr/' in markup
        assert "since loi n° 2014-856" in text

    def test_long_lists_are_cut_with_a_count(self) -> None:
        """An ecosystem with more actors than a table shows says how many more there are."""
        eco = Ecosystem(actors=tuple(Association(id=f"a{i}", name=f"A {i}") for i in range(60)))
        text = "".join(parse(eco._repr_html_()).text)
        assert "Actors (60)" in text
        assert "… and 10 more" in text
        assert "A 49" in text
        assert "A 50" not in text

    def test_a_pole_shows_its_memberships_as_a_table(self) -> None:
        """Records nested in a field display as a table with a row each."""
        pole = Pole(
            id="p",
            name="Pôle",
            territory=Territory(name="Drôme", level="departement", codes=("26",), cog_year=2024),
            memberships=(
                Membership(actor="a", role="lead", period=Period(start=dt.date(2020, 1, 1))),
                Membership(actor="b"),
            ),
        )
        parser = parse(pole._repr_html_())
        text = "|".join(parser.text)
        assert "memberships" in text
        assert "actor|role|period" in text
        assert "a|lead|2020-01-01 → …" in text
        assert "Drôme (departement: 26; COG 2024)" in text

    def test_an_actor_shows_its_sector_and_its_seat_commune_by_name(self) -> None:
        """An actor's display has its sector badge and names its seat's commune."""
        actor = Association(
            id="a",
            name="Archer",
            seat=Place(commune="26281"),
            website="https://example.org/",
        )
        markup = actor._repr_html_()
        text = "".join(parse(markup).text)
        assert "ESS" in text
        assert "26281 Romans-sur-Isère" in text
        assert '<a href="https://example.org/"' in markup

    def test_an_unknown_commune_shows_its_code(self) -> None:
        """A seat whose code the gazetteer does not know shows the code alone."""
        actor = Company(id="c", name="C", seat=Place(commune="26999"))
        text = "|".join(parse(actor._repr_html_()).text)
        assert text.endswith("|seat|26999")

    def test_an_asset_shows_its_cost_and_the_ecosystem_its_lists(self) -> None:
        """An ecosystem lists its records with their main fields; an asset its cost."""
        asset = SharedPremises(id="m", name="Marigarde", annual_cost=Money(amount="1200.50"))
        agreement = PartnershipAgreement(
            id="g",
            title="Convention",
            kind="mutualisation",
            parties=(Party(actor="a"), Party(actor="b")),
        )
        eco = Ecosystem(
            name="Demo",
            as_of=dt.date(2024, 1, 1),
            actors=(Association(id="a", name="A"), Company(id="b", name="B")),
            assets=(asset,),
            agreements=(agreement,),
        )
        text = "|".join(parse(eco._repr_html_()).text)
        assert "Demo" in text
        assert "2024-01-01" in text
        assert "1200.50 EUR" in text
        assert "a, b" in text
        assert "1200.50 EUR" in "".join(parse(asset._repr_html_()).text)


class TestPretty:
    def test_a_short_value_stays_on_one_line(self) -> None:
        """A value that fits prints as its repr."""
        membership = Membership(actor="a", role="lead")
        assert pretty(membership) == repr(membership)

    def test_a_long_value_prints_one_field_per_line(self) -> None:
        """A pôle too long for a line prints a field per line, its memberships one per line."""
        pole = Pole(
            id="p",
            name="Pôle Sud",
            memberships=(Membership(actor="archer", role="lead"), Membership(actor="roux")),
            description="word " * 20,
        )
        assert pretty(pole, width=60) == (
            "Pole(\n"
            "    id='p',\n"
            "    name='Pôle Sud',\n"
            "    memberships=(\n"
            "        Membership(actor='archer', role=MemberRole.LEAD),\n"
            "        Membership(actor='roux')\n"
            "    ),\n"
            "    description=('word word word word word word word word word word word word '\n"
            "     'word word word word word word word word ')\n"
            ")"
        )

    def test_collections_show_their_items_not_a_count(self) -> None:
        """Where the repr counts a long collection, pretty printing shows its items."""
        pole = Pole(
            id="p", name="P", memberships=tuple(Membership(actor=f"m{i}") for i in range(5))
        )
        assert "<5 items>" in repr(pole)
        text = pretty(pole)
        assert "<5 items>" not in text
        assert all(f"Membership(actor='m{i}')" in text for i in range(5))

    def test_very_long_collections_are_cut(self) -> None:
        """Past 50 items, the rest are counted."""
        pole = Pole(
            id="p", name="P", memberships=tuple(Membership(actor=f"m{i}") for i in range(53))
        )
        text = pretty(pole)
        assert "m49" in text
        assert "m50" not in text
        assert "... 3 more" in text

    def test_a_single_item_tuple_keeps_its_comma(self) -> None:
        """A one-item tuple prints as a tuple."""
        pole = Pole(id="p", name="P", memberships=(Membership(actor="a"),))
        assert pretty(pole) == "Pole(id='p', name='P', memberships=(Membership(actor='a'),))"

    def test_an_ecosystem_prints_its_metadata_and_counts(self) -> None:
        """An ecosystem prints its name, date and the size of each list."""
        eco = Ecosystem(
            name="N" * 60, as_of=dt.date(2024, 1, 1), actors=(Association(id="a", name="A"),)
        )
        assert pretty(eco) == (
            "Ecosystem(\n"
            f"    name='{'N' * 60}',\n"
            "    as_of=datetime.date(2024, 1, 1),\n"
            "    actors=1,\n"
            "    poles=0,\n"
            "    assets=0,\n"
            "    agreements=0\n"
            ")"
        )

    def test_a_report_prints_its_counts_and_findings(self) -> None:
        """A report prints its counts, then each finding with its fields on their lines."""
        report = hostile_report().filter(code="ID001")
        assert pretty(report) == (
            "Report(\n"
            "    as_of='2024-01-01',\n"
            "    errors=0,\n"
            "    warnings=0,\n"
            "    infos=1,\n"
            "    findings=[\n"
            "        Finding(\n"
            "            code='ID001',\n"
            "            severity=Severity.INFO,\n"
            "            message='m',\n"
            "            path='$.actors[0]'\n"
            "        )\n"
            "    ]\n"
            ")"
        )

    def test_long_messages_are_cut_at_spaces(self) -> None:
        """A finding's long message prints in pieces that join back to it."""
        message = "a long message " * 10
        finding = Finding(code="ID001", severity="error", message=message, path="$")
        text = pretty(finding)
        assert max(len(line) for line in text.splitlines()) <= 79
        assert "message=('a long message" in text
        pieces = [line.strip().strip("(),").removeprefix("message=(") for line in text.splitlines()]
        joined = "".join(ast.literal_eval(piece) for piece in pieces if piece.startswith("'"))
        assert joined == message

    @settings(max_examples=30, deadline=None)
    @given(ecosystems(), st.integers(min_value=60, max_value=120))
    def test_no_line_is_much_longer_than_the_width(self, eco: Ecosystem, width: int) -> None:
        """Pretty printing keeps every line near the width, for every record and report."""
        for what, obj in displays(eco, validate(eco, as_of=dt.date(2024, 6, 30))):
            text = pretty(obj, width)
            longest = max(len(line) for line in text.splitlines())
            assert longest <= width + 80, (what, text)

    def test_cycles_print_an_ellipsis(self) -> None:
        """The protocol's cycle flag prints the class name with an ellipsis."""
        for obj, name in (
            (Membership(actor="a"), "Membership"),
            (Ecosystem(), "Ecosystem"),
            (hostile_report(), "Report"),
            (hostile_report().findings[0], "Finding"),
        ):
            printer = Printer()
            obj._repr_pretty_(printer, cycle=True)
            assert printer.value() == f"{name}(...)"

    def test_ipython_prints_the_same(self) -> None:
        """IPython's own printer lays values out as the protocol printer of these tests does."""
        # IPython is not a dependency of ptcekit or of its tests; the protocol
        # printer above checks the layout everywhere, this checks it against IPython where it is
        ipython = pytest.importorskip("IPython.lib.pretty")
        pole = Pole(
            id="p",
            name="Pôle Sud",
            memberships=(Membership(actor="archer", role="lead"), Membership(actor="roux")),
        )
        for obj in (pole, hostile_report(), Ecosystem(name="x" * 80)):
            assert ipython.pretty(obj, max_width=50) == pretty(obj, width=50)


@attrs.frozen(kw_only=True, repr=False)
class Extension(Value):
    """A downstream value with fields of kinds the model does not use."""

    url: str | None = None
    hidden: int = attrs.field(default=0, repr=False)
    tags: frozenset[str] | None = None
    empty: tuple[str, ...] | None = None
    data: dict[str, int] | None = None
    parts: tuple[Value, ...] | None = None


@attrs.frozen(kw_only=True, repr=False)
class Bare(Value):
    """A value whose fields are all at their default."""

    flag: bool = False


class TestExtensions:
    def test_a_link_that_is_not_http_is_shown_as_text(self) -> None:
        """A downstream ``url`` field that is not http(s) is never made a link."""
        markup = Extension(url="javascript:alert(1)")._repr_html_()
        parser = parse(markup)
        assert "a" not in parser.tags
        assert "javascript:alert(1)" in "".join(parser.text)

    def test_fields_of_other_kinds_display(self) -> None:
        """Hidden fields stay hidden; sets, dicts and all-default records still display."""
        value = Extension(
            hidden=3, tags=frozenset({"b", "a"}), empty=(), data={"k": 1}, parts=(Bare(), Bare())
        )
        text = "|".join(parse(value._repr_html_()).text)
        assert "hidden" not in text
        assert "a, b" in text
        assert "{'k': 1}" in text.replace("|", "")
        assert "kind|Bare|Bare" in text
        assert pretty(value, width=200) == (
            "Extension(tags=frozenset({'a', 'b'}), empty=(), data={'k': 1}, parts=(Bare(), Bare()))"
        )
        assert pretty(Extension(tags=frozenset())) == "Extension(tags=frozenset())"


class TestCuts:
    def test_long_reports_are_cut_with_a_count(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Past the report's row limit, findings and notes are counted, in HTML and in pretty printing."""
        from ptcekit.rules import _display

        monkeypatch.setattr(_display, "ROWS", 1)
        monkeypatch.setattr(_display, "PRETTY_ITEMS", 1)
        report = Report(
            findings=(
                Finding(
                    code="ID001", severity="error", message="m", path="$", source="C. com. L210-10"
                ),
                Finding(code="ID002", severity="error", message="m", path="$"),
            ),
            unchecked=(
                Unchecked(code="SCIC002", path="$", reason="r"),
                Unchecked(code="SCIC003", path="$", reason="r"),
            ),
        )
        text = "".join(parse(report._repr_html_()).text)
        assert "… and 1 more findings" in text
        assert "… and 1 more checks that could not run" in text
        assert "C. com. L210-10" in text
        printed = pretty(report)
        assert printed.count("... 1 more") == 2
        assert "as_of" not in printed
