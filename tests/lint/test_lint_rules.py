"""Every lint rule: a file that triggers it and one that does not.

The table is the examples ``impact explain`` prints (impact_cli.lint.examples),
each composed over a small diagram that passes every rule, plus extra cases for
the text heuristics. Files go through the real loader and ``validate_text``.
"""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, Invoke
from impact_cli.check.validate import FileReport, validate_text
from impact_cli.diagnostics import Severity, Span
from impact_cli.diagram import AimDetail, Diagram, Link, Metadata, Node, Tier
from impact_cli.lint import RULES, lint_diagram
from impact_cli.lint.examples import BASE, LINT, compose

LINT_RULES = {rule.code: rule for rule in RULES}


def lint(text: str, *, profile: str | None = None) -> FileReport:
    from impact_cli.check.validate import ValidateOptions

    report = validate_text(text, "case.yaml", ValidateOptions(profile=profile))
    structural = [d for d in report.diagnostics if d.code[3] in "YFS"]
    assert not structural, [d.format_line() for d in structural]
    return report


def codes(text: str, *, profile: str | None = None) -> list[str]:
    return [d.code for d in lint(text, profile=profile).diagnostics]


def test_base_diagram_is_clean_in_both_profiles() -> None:
    assert codes(BASE) == []
    assert codes(BASE, profile="permissive") == []


def test_every_lint_rule_has_an_example_pair() -> None:
    assert sorted(LINT) == sorted(LINT_RULES)
    for code, example in LINT.items():
        if code == "DD-P06":  # not reachable from a file: tested on a built diagram below
            continue
        assert example.bad, code
        assert example.good, code


EXAMPLE_CODES = sorted(code for code, ex in LINT.items() if ex.bad)


@pytest.mark.parametrize("code", EXAMPLE_CODES)
def test_example_triggers_only_its_rule(code: str) -> None:
    found = codes(compose(LINT[code].bad))
    assert code in found
    assert set(found) == {code}, found


@pytest.mark.parametrize("code", EXAMPLE_CODES)
def test_fixed_example_is_clean(code: str) -> None:
    assert codes(compose(LINT[code].good)) == []


def test_findings_are_located_on_the_node() -> None:
    text = compose(LINT["DD-C02"].bad)
    (finding,) = lint(text).diagnostics
    line = text.splitlines()[finding.span.line - 1]
    assert "Improve patient safety culture" in line
    assert finding.col == line.index("Improve") + 1
    assert finding.severity is Severity.WARNING
    assert finding.hint == LINT_RULES["DD-C02"].fix
    assert "change idea C2 'Improve patient safety culture'" in finding.message


AIM_CASES = [
    # (code, aim statement that triggers, one that does not)
    ("DD-A01", "Reduce falls on Ward 7 by March 2026.", "Halve falls on Ward 7 by March 2026."),
    ("DD-A01", "Improve care in 2025/26 for patients.", "Reduce waits by a third in 2025/26."),
    ("DD-A01", "Reduce falls within 12 months.", "Reduce falls by 20 per cent within 12 months."),
    ("DD-A02", "Reduce falls by 30%.", "Reduce falls by 30% by Q3."),
    ("DD-A02", "Reduce falls by 30% for adults.", "Reduce falls by 30% within six months."),
    ("DD-A02", "Cut falls by 30% so patients may go home.", "Cut falls by 30% by end of May."),
    ("DD-A02", "Reduce falls by 30%.", "Reduce falls by 30% by 31/03/2026."),
    ("DD-A03", "Reduce falls by 30% by 2026.", "Reduce falls by 30% in our care homes by 2026."),
    ("DD-A04", "Reduce falls by 30% by 2026.", "Cut falls from 8.2 to 5.7 a month by 2026."),
    ("DD-A05", "Introduce a falls tool by 2026.", "Reduce falls by 30% by 2026."),
    ("DD-A05", "To roll out e-obs by 2026.", "To reduce falls by 30% by 2026."),
]


@pytest.mark.parametrize(("code", "bad", "good"), AIM_CASES)
def test_aim_heuristics(code: str, bad: str, good: str) -> None:
    assert code in codes(compose(f"aim: {bad}"))
    assert code not in codes(compose(f"aim: {good}"))


def _with_idea(title: str) -> str:
    return compose(f"change_ideas:\n  - title: {title}\n    supports: [sd-bells]\n")


TITLE_CASES = [
    ("DD-C02", "Ensure staff are aware of falls", "Ensure bed rails are checked using a card"),
    ("DD-C02", "Promote safety", "Safety cross on the ward noticeboard"),
    ("DD-C03", "Set up a falls meeting", "Falls huddle at 2pm every weekday"),
    ("DD-C03", "Buy more sensor mats", "Sensor mats for patients with delirium"),
    # punctuation straight after the first word: lint.words.first_word's regex path
    ("DD-C02", "Promote, safety", "Safety cross on the ward noticeboard"),
    ("DD-C03", "Buy, more sensor mats", "Sensor mats for patients with delirium"),
]


@pytest.mark.parametrize(("code", "bad", "good"), TITLE_CASES)
def test_change_idea_heuristics(code: str, bad: str, good: str) -> None:
    assert code in codes(_with_idea(bad))
    assert code not in codes(_with_idea(good))


def test_adopted_idea_without_learning_is_reported() -> None:
    bad = "change_ideas:\n  - {title: Bed alarms, supports: [sd-bells], status: abandoned}\n"
    good = (
        "change_ideas:\n  - {title: Bed alarms, supports: [sd-bells], status: abandoned,"
        " learning: Too many false alarms}\n"
    )
    assert codes(compose(bad)) == ["DD-C05"]
    assert codes(compose(good)) == []


def test_too_many_primary_drivers() -> None:
    many = "primary_drivers:\n" + "".join(
        f"  - title: Driver {i}\n    change_ideas: [Idea {i}]\n" for i in range(6)
    )
    found = lint(compose(many)).diagnostics
    assert [d.code for d in found] == ["DD-P01"]
    assert found[0].message == "6 primary drivers: the guidance is 2 to 5"
    five = "primary_drivers:\n" + "".join(
        f"  - title: Driver {i}\n    change_ideas: [Idea {i}]\n" for i in range(5)
    )
    assert codes(compose(five)) == []


def test_outcome_measure_on_something_else_is_located_on_the_measure() -> None:
    bad = LINT["DD-A06"].good.replace(
        "tracks: aim\n    definition: Falls", "tracks: sd-bells\n    definition: Falls"
    )
    (finding,) = lint(compose(bad)).diagnostics
    assert finding.code == "DD-A06"
    assert "outcome measure M1 does not track the aim" in finding.message


def test_theory_partial_and_echo() -> None:
    assert codes(compose(LINT["DD-T01"].bad)) == ["DD-T01"]
    assert codes(compose(LINT["DD-T02"].bad)) == ["DD-T02"]
    # stems match: 'patients' ~ 'patient', 'healthcare' ~ 'health'
    echo = "theory_of_change:\n  if_we: a,\n  we_will: b,\n  so_that: healthier Ward 7 patients."
    assert codes(compose(echo)) == []


def test_abbreviations_known_through_multiword_glossary_terms() -> None:
    text = compose(
        LINT["DD-X04"].bad.replace("Lying and standing BP", "NHS IMPACT lying and standing BP")
        + "glossary:\n  NHS IMPACT: NHS Improving Patient Care Together\n  BP: blood pressure\n"
    )
    assert codes(text) == []
    (finding,) = lint(compose(LINT["DD-X04"].bad)).diagnostics
    assert finding.message == "'BP' (in change idea C2) is not explained in the glossary"


def test_each_abbreviation_is_reported_once() -> None:
    text = compose(
        "change_ideas:\n  - {title: BP check, supports: [sd-bells]}\n"
        "  - {title: BP chart, supports: [sd-bells]}\n"
    )
    assert codes(text) == ["DD-X04"]


# -- DD-P06: cannot come from a file (the loader refuses it), so build the diagram ----


def _node(key: str, tier: Tier, number: str, parent: str | None, line: int) -> Node:
    return Node(key, key, tier, number, f"Box {key}", None, parent, (), Span(line, 5, line, 9))


def _diagram(links: tuple[Link, ...]) -> Diagram:
    nodes = {
        "aim": _node("aim", Tier.AIM, "", None, 2),
        "p1": _node("p1", Tier.PRIMARY, "1", "aim", 4),
        "p2": _node("p2", Tier.PRIMARY, "2", "aim", 6),
        "s1": _node("s1", Tier.SECONDARY, "1.1", "p1", 8),
        "c1": _node("c1", Tier.CHANGE_IDEA, "C1", "s1", 10),
        "c2": _node("c2", Tier.CHANGE_IDEA, "C2", "p2", 12),
    }
    return Diagram(
        path="built.yaml",
        meta=Metadata(title="Built"),
        aim=AimDetail("Reduce falls on Ward 7 from 8 to 5 a month by March 2026."),
        aim_key="aim",
        nodes=nodes,
        links=links,
    )


def test_driver_that_does_not_reach_the_aim() -> None:
    connected = (
        Link("p1", "aim", "strong", True),
        Link("p2", "aim", "strong", True),
        Link("s1", "p1", "strong", True),
        Link("c1", "s1", "strong", True),
        Link("c2", "p2", "strong", True),
    )
    assert lint_diagram(_diagram(connected), select=["DD-P06"]) == []
    cut = tuple(link for link in connected if link.source != "s1")
    (finding,) = lint_diagram(_diagram(cut), select=["DD-P06"])
    assert finding.code == "DD-P06"
    assert finding.severity is Severity.ERROR
    assert finding.span.line == 8
    assert "secondary driver 1.1 'Box s1' does not lead to the aim" in finding.message


# -- issue 19: what real published diagrams showed the rules getting wrong --------------

ISSUE_19_AIM_CASES = [
    # (code, aim that triggers, the same kind of aim that must not)
    ("DD-A02", "Reduce falls on Ward 7 by 30%.", "Reduce falls on Ward 7 by 30% by Christmas."),
    ("DD-A02", "85% of families get visits.", "85% of families get visits by 6 months in."),
    ("DD-A02", "Cut falls on Ward 7 by 30%.", "Cut falls on Ward 7 by 30% by end-2026."),
    ("DD-A03", "Lose 40 kg within 12 months.", "Within 12 months, David will lose 40 kg."),
    (
        "DD-A03",
        "Improve the quality of care by 20% by 2026.",
        "Improve end of life care by 20% by 2026.",
    ),
    (
        "DD-A04",
        "Cut falls on Ward 7 by 30% by 2026.",
        "Cut falls on Ward 7 by 30% by 2026 compared to 2024.",
    ),
    (
        "DD-A01",
        "Reduce 30 day readmissions on Ward 7 by 2026.",
        "Reduce 30 day readmissions on Ward 7 by 3% by 2026.",
    ),
    (
        "DD-A01",
        "Meet the 4-hour standard on Ward 7 by 2026.",
        "Meet the 4-hour standard for 95% on Ward 7 by 2026.",
    ),
    (
        "DD-A07",
        "Cut stillbirths from 4.9 to 4.3 and infant deaths from 3.7 to 3.1 per 1000 by 2015.",
        "Cut no-shows on Ward 7 by 50% from 80% to 40% by 2016.",
    ),
]


@pytest.mark.parametrize(("code", "bad", "good"), ISSUE_19_AIM_CASES)
def test_issue_19_aim_cases(code: str, bad: str, good: str) -> None:
    assert code in codes(compose(f"aim: {bad}"))
    assert code not in codes(compose(f"aim: {good}"))


@pytest.mark.parametrize(
    ("title", "verb"),
    [
        ("Eat less fried food", "Eat"),
        ("Promote a culture of reflective learning", "Promote"),
        ("Assist patient and family to establish goals", "Assist"),
        ("Identify failures", "Identify"),
        ("Drink less coffee & use skim milk", "Drink"),
        ("Drive smoothly", "Drive"),
        ("NHS boards establish governance structures", "NHS boards establish"),
        ("Practices identify, reduce and learn from incidents", "Practices identify"),
        # the team (not the people served) doing something to an object
        ("Trusts establish a falls group", "Trusts establish"),
        ("Booking teams choose the appointment time", "Booking teams choose"),
        # actions that are also nouns ("a hold", "a run"), after a subject
        ("Teams hold weekly huddles", "Teams hold"),
        ("The team holds a weekly huddle", "The team holds"),
        ("Consultants run a daily board round", "Consultants run"),
    ],
)
def test_driver_phrased_as_an_action(title: str, verb: str) -> None:
    from impact_cli.lint import driver_words

    assert driver_words.action_opening(title) == verb


@pytest.mark.parametrize(
    "title",
    [
        "Reduce alcohol intake",
        "Improve car efficiency",
        "Use of reliable tools and shared language",
        "Hand off management",
        "Appropriate use of ITU services",
        "care plans are completed and documented",
        "People living with frailty access person-centred services",
        "Safe clinical and care processes",
        "ED staff awareness",
        "Proactive person-centred care planning, management and end of life care",
        "Staff know which doses must not be missed",
        # conditions written subject first: the people served act, or nothing is acted on
        "Patients choose or change their time easily",
        "Patients choose the appointment time",
        "Families and carers decide where care happens",
        "Appointment letters arrive in time to plan",
        "Referrals arrive before the first clinic",
        "Results come back within a day",
        # the plural of an action that is also a noun, or an -s form with no object
        "Regular audits of practice",
        "Blood tests run in time",
        "Clinic runs to time",
        "Bus runs every hour",
    ],
)
def test_driver_phrased_as_a_state_or_direction(title: str) -> None:
    from impact_cli.lint import driver_words

    assert driver_words.action_opening(title) is None


def test_abbreviations_written_out_or_in_lower_case() -> None:
    expanded = compose(
        "aim: Improve end of life care (EOLC) on Ward 7 from 8 to 5 by March 2026.\n"
        "change_ideas:\n  - {title: EOLC huddle, supports: [sd-bells]}\n"
    )
    assert codes(expanded) == []
    lower = compose("change_ideas:\n  - {title: Check every pt at 70 mph, supports: [sd-bells]}\n")
    found = {d.message for d in lint(lower).diagnostics}
    assert found == {
        "'pt' (in change idea C3) is not explained in the glossary",
        "'mph' (in change idea C3) is not explained in the glossary",
    }


def test_abbreviation_written_out_as_a_name_elsewhere() -> None:
    # "Comprehensive Geriatric Assessment" writes out CGA, and GA with it; initials
    # of two separate names do not join up ("Frailty Team ... Ward Round": no TW).
    named = compose(
        "change_ideas:\n"
        "  - {title: Comprehensive Geriatric Assessment on admission, supports: [sd-bells]}\n"
        "  - {title: CGA and GA audit with the Frailty Team then Ward Round,"
        " supports: [sd-bells]}\n"
        "  - {title: TW and TWR checks, supports: [sd-bells]}\n"
    )
    found = {d.message for d in lint(named).diagnostics if d.code == "DD-X04"}
    assert found == {
        "'TW' (in change idea C5) is not explained in the glossary",
        "'TWR' (in change idea C5) is not explained in the glossary",
    }


def test_outpatient_dna_needs_no_dd_p03_switched_off(impact: Invoke) -> None:
    """Its drivers are conditions written subject first; the rule reads them as such."""
    path = ROOT / "diagrams" / "outpatient-dna.yaml"
    assert "DD-P03" not in path.read_text(encoding="utf-8")
    result = impact("validate", "--format", "json", path)
    assert result.exit_code == 0, result.output
    found = [d["code"] for f in json.loads(result.stdout)["files"] for d in f["diagnostics"]]
    assert "DD-P03" not in found
