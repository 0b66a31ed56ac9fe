"""Report content built by hand from the figures the Havering committee report printed
(Crime & Disorder Sub-Committee, January 2017, agenda item 9), for rendering tests that do
not need the engine or a store."""

from __future__ import annotations

from datetime import date

from crimeplan.measures.results import MeasureResult
from crimeplan.plan import Plan
from crimeplan.publish.charts import Trend, TrendPoint
from crimeplan.publish.commentary import Commentary, MeasureCommentary
from crimeplan.publish.content import MeasureBlock, PrioritySection, QuarterlyContent

MONTHS = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]

PLAN = Plan.model_validate(
    {
        "id": "havering-2016-17",
        "title": "Havering Corporate Plan 2016/17: Safe",
        "area": "E23000001",
        "priorities": [
            {
                "id": "safe",
                "title": "People will be safe, in their homes and in the community",
                "outcomes": [
                    {
                        "id": "less-crime",
                        "title": "Less crime and disorder",
                        "measures": [
                            {
                                "id": "total-notifiable-offences",
                                "title": "Total notifiable offences",
                                "source": "mps-crime",
                                "target": {"vs_last_year": 0},
                                "tolerance": {"relative": 0.025},
                                "method": "Sum of the Met's recorded offences, all groups.",
                                "caveats": ["April 2014 changes to crime recording (HMIC)."],
                            },
                            {
                                "id": "asb-incidents",
                                "title": "Anti-social behaviour incidents",
                                "source": "values",
                                "target": {"vs_last_year": 0},
                                "tolerance": {"relative": 0.05},
                            },
                            {
                                "id": "marac-repeat-referrals",
                                "title": "Repeat MARAC referrals",
                                "source": "values",
                                "unit": "percentage",
                                "polarity": "neutral",
                                "target": {"value": 28.0},
                                "tolerance": {"absolute": 3},
                            },
                        ],
                    }
                ],
            }
        ],
    }
)


def _result(measure_id: str, title: str, unit: str, **kw: object) -> MeasureResult:
    base: dict[str, object] = dict(
        measure_id=measure_id,
        measure_title=title,
        priority_id="safe",
        priority_title=PLAN.priorities[0].title,
        unit=unit,
        polarity="lower_is_better",
        area_code="E09000016",
        area_name="Havering",
        area_level="borough",
        period="2016-17-Q3",
        source="mps-crime",
        previous_period="2016-17-Q2",
        last_year_period="2015-16-Q3",
        ytd_period="2016-17-Q3-YTD",
        parent_code="E23000001",
        parent_name="London",
        vintage="2016-12",
    )
    base.update(kw)
    return MeasureResult(**base)  # type: ignore[arg-type]


RESULTS = [
    _result(
        "total-notifiable-offences",
        "Total notifiable offences",
        "count",
        value=4355,
        previous_value=4489,
        previous_pct_change=-2.985,
        dot_short="better",
        last_year_value=4520,
        last_year_pct_change=-3.650,
        dot_long="better",
        ytd_value=13143,
        ytd_last_year_value=12573,
        ytd_pct_change=4.533,
        parent_ytd_pct_change=3.8,
        target=12573,
        tolerance="2.5% of target",
        rated_value=13143,
        rag="red",
    ),
    _result(
        "asb-incidents",
        "Anti-social behaviour incidents",
        "count",
        source="values",
        value=1322,
        previous_value=2096,
        previous_pct_change=-36.93,
        dot_short="better",
        last_year_value=1140,
        last_year_pct_change=15.96,
        dot_long="worse",
        ytd_value=4810,
        ytd_last_year_value=3817,
        ytd_pct_change=26.01,
        parent_ytd_pct_change=12.7,
        target=3817,
        tolerance="5% of target",
        rated_value=4810,
        rag="red",
    ),
    _result(
        "marac-repeat-referrals",
        "Repeat MARAC referrals",
        "percentage",
        source="values",
        polarity="neutral",
        value=28.81,
        numerator=17,
        denominator=59,
        ytd_value=25.7,
        target=28.0,
        tolerance="±3 points",
        rated_value=25.7,
        rag="green",
        note="A neutral measure: within the SafeLives range of 28-40%.",
    ),
]


def trend(result: MeasureResult, this_year: list[float], last_year: list[float]) -> Trend:
    points = [
        TrendPoint(m, this_year[i] if i < len(this_year) else None, last_year[i])
        for i, m in enumerate(MONTHS)
    ]
    return Trend(result.measure_id, result.measure_title, result.unit, "2016-17", "2015-16", points)


TRENDS = {
    "total-notifiable-offences": trend(
        RESULTS[0],
        [1480, 1560, 1502, 1530, 1460, 1465, 1480, 1455, 1420],
        [1280, 1390, 1430, 1470, 1420, 1440, 1530, 1510, 1480, 1400, 1380, 1450],
    ),
    "asb-incidents": trend(RESULTS[1], [], [0.0] * 12),
    "marac-repeat-referrals": trend(RESULTS[2], [], [0.0] * 12),
}
# Quarterly-only measures: no monthly points at all.
for key in ("asb-incidents", "marac-repeat-referrals"):
    t = TRENDS[key]
    TRENDS[key] = Trend(
        t.measure_id,
        t.measure_title,
        t.unit,
        t.this_year_label,
        t.last_year_label,
        [TrendPoint(p.month, None, None) for p in t.points],
    )

COMMENTARY = Commentary(
    area="Havering",
    period="2016-17-Q3",
    author="Community Safety Partnership Analyst",
    overview="The current levels of performance need to be read in the context of "
    "increasing demand on services.",
    measures={
        "asb-incidents": MeasureCommentary(
            commentary="The total number of ASB reports this financial year to date is 4,810.",
            corrective_action="- A joint OSC topic group\n- Cross-border working",
        ),
        "total-notifiable-offences": MeasureCommentary(commentary="TNO rose by 4.5%."),
    },
)


def content(commentary: Commentary | None = COMMENTARY) -> QuarterlyContent:
    blocks = [
        MeasureBlock(
            result=r,
            measure=PLAN.measure(r.measure_id),
            trend=TRENDS[r.measure_id],
            commentary=commentary.for_measure(r.measure_id) if commentary else MeasureCommentary(),
            previous_rag={"total-notifiable-offences": "amber"}.get(r.measure_id, r.rag),
        )
        for r in RESULTS
    ]
    section = PrioritySection("safe", PLAN.priorities[0].title, "", blocks)
    return QuarterlyContent(
        plan=PLAN,
        area_code="E09000016",
        area_name="Havering",
        period="2016-17-Q3",
        sections=[section],
        commentary=commentary,
        produced_on=date(2017, 1, 10),
        vintage="2016-12",
    )
