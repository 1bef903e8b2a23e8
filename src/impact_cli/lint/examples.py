"""One example per rule, for ``impact explain`` (and tested to trigger its rule).

Lint examples are *fragments*: top-level keys that replace those of
:data:`BASE`, a small diagram that passes every rule of the ``ihi`` profile.
``bad`` triggers the rule, ``good`` does not. Structural examples are whole files.
Not imported by ``impact validate``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    bad: str
    """YAML that triggers the rule ('' when no file can: see ``note``)."""
    good: str = ""
    """The same, fixed."""
    note: str = ""
    whole_file: bool = False
    """True: ``bad``/``good`` are whole files, not fragments over BASE."""


BASE = """\
title: Falls on Ward 7
aim: >-
  Reduce falls among adults on Ward 7 from 8 to 5 per 1,000 occupied bed days
  by March 2026.
primary_drivers:
  - id: pd-assessment
    title: Reliable falls risk assessment
    secondary_drivers:
      - id: sd-admission
        title: Risk assessed within 6 hours of admission
        change_ideas:
          - Falls checklist on the first page of the admission record
  - id: pd-environment
    title: A safe ward environment
    secondary_drivers:
      - id: sd-bells
        title: Call bells and belongings within reach
        change_ideas:
          - Bay safety check at every intentional round
"""

_POINTS = """\
    points:"""
_POINTS_DIRECTION = """\
    improvement: increase
    points:"""

_MEASURES_GOOD = """\
measures:
  - name: Falls per 1,000 occupied bed days
    type: outcome
    tracks: aim
    definition: Falls reported for Ward 7 patients / occupied bed days x 1,000.
  - name: Patients with a risk assessment within 6 hours
    type: process
    tracks: [sd-admission, sd-bells]
    definition: Weekly audit of 10 admissions.
    target: 95%
    unit: "%"
    improvement: increase
    points:
      - {period: 2025-W10, value: 70}
      - {period: 2025-W11, value: 80}
      - {period: 2025-W12, value: 90}
  - name: Patients walking independently at discharge
    type: balancing
    tracks: aim
    definition: From physiotherapy discharge records.
"""

_ONE_PRIMARY = """\
primary_drivers:
  - id: pd-assessment
    title: Reliable falls risk assessment
    secondary_drivers:
      - title: Risk assessed within 6 hours of admission
        change_ideas: [Falls checklist on the first page of the admission record]
"""


_BELLS_IDEA = "        change_ideas: [Bay safety check at every intentional round]\n"


def _primaries(second_title: str = "A safe ward environment", extra: str = _BELLS_IDEA) -> str:
    return f"""\
primary_drivers:
  - id: pd-assessment
    title: Reliable falls risk assessment
    secondary_drivers:
      - id: sd-admission
        title: Risk assessed within 6 hours of admission
        change_ideas: [Falls checklist on the first page of the admission record]
  - id: pd-environment
    title: {second_title}
    secondary_drivers:
      - id: sd-bells
        title: Call bells and belongings within reach
{extra}"""


def _idea(line: str) -> str:
    return _primaries(extra=f"        change_ideas:\n          - {line}\n")


LINT: dict[str, Example] = {
    "DD-A01": Example(
        "aim:\n  statement: Reduce falls among adults on Ward 7 by March 2026.\n"
        "  baseline: 8.2 falls per 1,000 occupied bed days in 2023/24",
        "aim:\n  statement: Reduce falls among adults on Ward 7 by 30% by March 2026.\n"
        "  baseline: 8.2 falls per 1,000 occupied bed days in 2023/24",
    ),
    "DD-A02": Example(
        "aim: Reduce falls among adults on Ward 7 from 8 to 5 per 1,000 bed days.",
        "aim: Reduce falls among adults on Ward 7 from 8 to 5 per 1,000 bed days within 12 months.",
    ),
    "DD-A03": Example(
        "aim: Reduce falls from 8 to 5 per 1,000 bed days by March 2026.",
        "aim:\n  statement: Reduce falls from 8 to 5 per 1,000 bed days by March 2026.\n"
        "  population: Adults aged 65 and over on Ward 7",
    ),
    "DD-A04": Example(
        "aim: Reduce falls among adults on Ward 7 by 30% by March 2026.",
        "aim:\n  statement: Reduce falls among adults on Ward 7 by 30% by March 2026.\n"
        "  baseline: 8.2 falls per 1,000 occupied bed days in 2023/24",
    ),
    "DD-A05": Example(
        "aim: Implement an electronic falls risk tool for adults on Ward 7 from 0% to 95% "
        "of admissions by March 2026.",
        "aim: Reduce falls among adults on Ward 7 from 8 to 5 per 1,000 bed days by March 2026.",
    ),
    "DD-A07": Example(
        "aim: Reduce falls among adults on Ward 7 from 8 to 5 per 1,000 bed days and pressure "
        "ulcers from 4 to 2 a month by March 2026.",
        "aim: Reduce falls among adults on Ward 7 from 8 to 5 per 1,000 bed days by March 2026.",
    ),
    "DD-A06": Example(
        _MEASURES_GOOD.replace("type: outcome", "type: process"),
        _MEASURES_GOOD,
    ),
    "DD-P01": Example(_ONE_PRIMARY, BASE.split("\n", 4)[4]),
    "DD-P02": Example(
        "primary_drivers:\n  - title: Reliable falls risk assessment\n"
        "    secondary_drivers:\n      - title: Risk assessed within 6 hours\n"
        "        change_ideas: [Falls checklist in the admission record]\n"
        "  - title: A safe ward environment\n",
        BASE.split("\n", 4)[4],
    ),
    "DD-P03": Example(
        _primaries("Train all staff in falls prevention"),
        _primaries("Staff confident in falls prevention"),
    ),
    "DD-P04": Example(
        _MEASURES_GOOD.replace("[sd-admission, sd-bells]", "[sd-admission]"),
        _MEASURES_GOOD,
    ),
    "DD-P05": Example(
        _primaries(
            "A safe ward environment, with call bells, walking aids and belongings always "
            "within reach of every patient"
        ),
        _primaries(
            "A safe ward environment\n    description: Call bells, walking aids and "
            "belongings always within reach of every patient."
        ),
    ),
    "DD-P06": Example(
        "",
        note="impact's loader already refuses such a file (DD-S03, DD-S07); this rule "
        "checks diagrams built in code, such as imports.",
    ),
    "DD-P07": Example(
        "change_ideas:\n  - title: Night safety huddle at 10pm\n    linked: false\n",
        "change_ideas:\n  - title: Night safety huddle at 10pm\n    supports: [sd-bells]\n",
    ),
    "DD-C01": Example(
        BASE.split("\n", 4)[4] + "change_ideas:\n  - title: Hourly rounding at night\n",
        BASE.split("\n", 4)[4]
        + "change_ideas:\n  - title: Hourly rounding at night\n    supports: [sd-bells]\n",
    ),
    "DD-C02": Example(
        _idea("Improve patient safety culture"),
        _idea("Improve handover using a falls safety brief at every shift change"),
    ),
    "DD-C03": Example(
        _idea("Train staff to use the bed alarms"),
        _idea("Bed alarms for patients at high risk of falling at night"),
    ),
    "DD-C04": Example(
        _primaries(extra=""),
        _primaries(),
    ),
    "DD-C05": Example(
        _idea("{title: Bed alarms at night, status: testing}"),
        _idea("{title: Bed alarms at night, status: testing, pdsa: ['PDSA 1: one bay']}"),
    ),
    "DD-M01": Example(
        _MEASURES_GOOD.replace("type: balancing", "type: outcome"),
        _MEASURES_GOOD,
    ),
    "DD-M02": Example(
        _MEASURES_GOOD.replace("    definition: From physiotherapy discharge records.\n", ""),
        _MEASURES_GOOD,
    ),
    "DD-M03": Example(
        _MEASURES_GOOD.replace("    tracks: aim\n    definition: From", "    definition: From"),
        _MEASURES_GOOD,
    ),
    "DD-M04": Example(
        _MEASURES_GOOD.replace(_POINTS_DIRECTION, _POINTS),
        _MEASURES_GOOD,
    ),
    "DD-M05": Example(
        _MEASURES_GOOD.replace("target: 95%", "target: 950%"),
        _MEASURES_GOOD,
    ),
    "DD-M06": Example(
        _MEASURES_GOOD.replace("target: 95%", "target: from 60% to 95%"),
        _MEASURES_GOOD,
    ),
    "DD-T01": Example(
        "theory_of_change:\n  if_we: assess every patient's risk on admission,\n"
        "  so_that: fewer adults fall on Ward 7.",
        "theory_of_change:\n  if_we: assess every patient's risk on admission,\n"
        "  we_will: act on each risk before the first night,\n"
        "  so_that: fewer adults fall on Ward 7.",
    ),
    "DD-T02": Example(
        "theory_of_change:\n  if_we: assess every patient's risk on admission,\n"
        "  we_will: act on each risk before the first night,\n"
        "  so_that: the organisation meets its strategic objectives.",
        "theory_of_change:\n  if_we: assess every patient's risk on admission,\n"
        "  we_will: act on each risk before the first night,\n"
        "  so_that: fewer adults fall on Ward 7.",
    ),
    "DD-X04": Example(
        _idea("Lying and standing BP for every patient"),
        _idea("Lying and standing BP for every patient") + "glossary:\n  BP: blood pressure\n",
    ),
    "DD-X05": Example(
        "primary_drivers:\n"
        + "".join(
            f"  - title: Driver {i}\n    secondary_drivers:\n      - title: Secondary {i}\n"
            "        change_ideas:\n"
            + "".join(f"          - Change idea {i}.{j}\n" for j in range(1, 7))
            for i in range(1, 6)
        ),
        BASE.split("\n", 4)[4],
        note="30 change ideas: more than 25 leaves (boxes with nothing to their right).",
    ),
}

STRUCTURAL: dict[str, Example] = {
    "DD-Y01": Example("title: [unclosed\naim: x\n", whole_file=True),
    "DD-Y02": Example("title: A\ntitle: B\naim: x\nprimary_drivers: [a]\n", whole_file=True),
    "DD-Y03": Example(
        "title: &t A\naim: *t\nprimary_drivers: [a]\n",
        "title: A\naim: A\nprimary_drivers: [a]\n",
        whole_file=True,
    ),
    "DD-Y04": Example("title: A\naim: x\nprimary_drivers:\n\t- a\n", whole_file=True),
    "DD-Y05": Example("", note="An empty file (0 bytes, or only comments)."),
    "DD-Y06": Example("", note="A file saved as Latin-1 or UTF-16 instead of UTF-8."),
    "DD-Y07": Example("", note="A file over 5 MiB (see --max-bytes)."),
    "DD-Y08": Example("", note="Lists or mappings nested more than 64 levels deep."),
    "DD-Y09": Example("title: A\naim: x\nprimary_drivers: [a]\n---\ntitle: B\n", whole_file=True),
    "DD-Y10": Example("title: !!python/object:os.system A\naim: x\n", whole_file=True),
    "DD-Y11": Example("- title: A\n- aim: x\n", whole_file=True),
    "DD-Y12": Example("", note="A stray control character such as U+0007 (bell) in the file."),
    "DD-Y13": Example("title: A\naim: x\nprimary_drivers: [a]\nnull: x\n", whole_file=True),
    "DD-Y14": Example("", note="A generated file with millions of values."),
    "DD-Y15": Example(
        "title: Falls on Ward 7 #2\naim: x\nprimary_drivers: [a]\n",
        'title: "Falls on Ward 7 #2"\naim: x\nprimary_drivers: [a]\n',
    ),
    "DD-F01": Example(
        "title: A\naim: x\nprimary_drivers:\n  - titel: a\n",
        "title: A\naim: x\nprimary_drivers:\n  - title: a\n",
        whole_file=True,
    ),
    "DD-F02": Example(
        "title: A\nprimary_drivers: [a]\n",
        "title: A\naim: x\nprimary_drivers: [a]\n",
        whole_file=True,
    ),
    "DD-F03": Example("title: A\naim: x\nprimary_drivers: a\n", whole_file=True),
    "DD-F04": Example(
        "title: A\naim: x\nprimary_drivers:\n  - title: a\n    change_ideas:\n"
        "      - {title: b, status: done}\n",
        whole_file=True,
    ),
    "DD-F05": Example(
        "title: A\naim: x\nprimary_drivers:\n  - {id: 1st, title: a}\n", whole_file=True
    ),
    "DD-F06": Example('title: A\naim: "  "\nprimary_drivers: [a]\n', whole_file=True),
    "DD-F07": Example('title: "A\\0"\naim: x\nprimary_drivers: [a]\n', whole_file=True),
    "DD-S01": Example(
        "title: A\naim: x\nprimary_drivers:\n  - {id: p, title: a}\n  - {id: p, title: b}\n",
        whole_file=True,
    ),
    "DD-S02": Example(
        "title: A\naim: x\nprimary_drivers:\n  - {id: pd-a, title: a}\nchange_ideas:\n"
        "  - {title: c, supports: [pd-b]}\n",
        whole_file=True,
    ),
    "DD-S03": Example(
        "title: A\naim: x\nprimary_drivers:\n  - {id: pd-a, title: a}\nsecondary_drivers:\n"
        "  - {id: sd-a, title: s, supports: [aim]}\n",
        whole_file=True,
    ),
    "DD-S04": Example(
        "title: A\naim: x\nprimary_drivers:\n  - id: pd-a\n    title: a\n"
        "    secondary_drivers:\n      - {id: sd-a, title: s}\nchange_ideas:\n"
        "  - {id: ci-a, title: c, supports: [ci-a]}\n",
        whole_file=True,
    ),
    "DD-S05": Example(
        "title: A\naim: x\nprimary_drivers:\n  - {id: pd-a, title: a}\nchange_ideas:\n"
        "  - {title: c, supports: [pd-a, pd-a]}\n",
        whole_file=True,
    ),
    "DD-S06": Example("", note="Drivers that support each other in a loop (a -> b -> a)."),
    "DD-S07": Example(
        "title: A\naim: x\nprimary_drivers:\n  - {id: pd-a, title: a}\nsecondary_drivers:\n"
        "  - {id: sd-a, title: s}\n",
        whole_file=True,
    ),
    "DD-S08": Example(
        "title: A\naim: x\nprimary_drivers:\n  - id: pd-a\n    title: a\n"
        "    secondary_drivers:\n      - {title: s, linked: false}\n",
        "title: A\naim: x\nprimary_drivers:\n  - {id: pd-a, title: a}\nsecondary_drivers:\n"
        "  - {title: s, linked: false}\n",
        whole_file=True,
    ),
}


_DATA = "title: A\naim: x\nprimary_drivers: [a]\nmeasures:\n  - name: m\n    type: outcome\n"
_WEEKS = "      - {period: 2025-W10, value: 70}\n      - {period: 2025-W11, value: 80}\n"
STRUCTURAL.update(
    {
        "DD-D01": Example(
            _DATA + "    data: no-such-file.csv\n",
            note="A data file that is missing, not a file, over 5 MiB, not UTF-8 or empty.",
            whole_file=True,
        ),
        "DD-D02": Example(_DATA + "    data: ../shared/falls.csv\n", whole_file=True),
        "DD-D03": Example(
            _DATA + "    points:\n      - {period: 03/04/2025, value: 70}\n",
            _DATA + "    points:\n      - {period: 2025-04-03, value: 70}\n",
            whole_file=True,
        ),
        "DD-D04": Example(
            _DATA + '    points:\n      - {period: 2025-04, value: "70%"}\n',
            _DATA + "    points:\n      - {period: 2025-04, value: 70}\n",
            whole_file=True,
        ),
        "DD-D05": Example(
            _DATA + "    points:\n" + _WEEKS + "      - {period: 2025-W11, value: 90}\n",
            _DATA + "    points:\n" + _WEEKS + "      - {period: 2025-W12, value: 90}\n",
            whole_file=True,
        ),
        "DD-D06": Example(
            _DATA + "    points:\n" + _WEEKS + "      - {period: 2025-W09, value: 90}\n",
            _DATA + "    points:\n" + _WEEKS + "      - {period: 2025-W12, value: 90}\n",
            whole_file=True,
        ),
        "DD-D07": Example(
            _DATA + "    points:\n" + _WEEKS + "      - {period: 2025-W14, value: 90}\n",
            _DATA + "    points:\n" + _WEEKS + "      - {period: 2025-W12, value: 90}\n",
            whole_file=True,
        ),
        "DD-D08": Example(
            "",
            note="A data file with one column, more than three, or a row with more cells "
            "than the header (often a number written with a thousands separator: 1,200).",
        ),
        "DD-D09": Example(
            _DATA + "    rebase: 2025-W20\n    points:\n" + _WEEKS,
            _DATA + "    rebase: 2025-W11\n    points:\n" + _WEEKS,
            whole_file=True,
        ),
    }
)


def example_for(code: str) -> Example | None:
    return LINT.get(code) or STRUCTURAL.get(code)


def compose(fragment: str) -> str:
    """BASE with the top-level keys of ``fragment`` replaced (a plain text merge)."""
    keys = {line.split(":", 1)[0] for line in fragment.splitlines() if line[:1].isalpha()}
    kept: list[str] = []
    skipping = False
    for line in BASE.splitlines(keepends=True):
        if line[:1].isalpha():
            skipping = line.split(":", 1)[0] in keys
        if not skipping:
            kept.append(line)
    return "".join(kept) + fragment.rstrip("\n") + "\n"
