"""Column headings, statuses and enum values in each report language, the comparison
model's columns and values included."""

from __future__ import annotations

from plancompare import catalog
from plancompare.charts import ASK_LABELS

# Column headings by language; a column not listed shows its own name.
COLUMN_LABELS = {
    "zh": {
        "region": "地区",
        "indicator": "指标",
        "domain": "领域",
        "status": "状态",
        "baseline": "基期（原文）",
        "target": "目标（原文）",
        "value": "目标（统一单位）",
        "unit": "单位",
        "unit_in_source": "原文单位",
        "attribute": "属性",
        "kind": "出处类型",
        "line": "行",
        "quote": "原文引文",
        "notes": "整理者说明（原文照录）",
        "change": "变化",
        "direction": "方向",
        "comparator": "比较符",
        "n_regions": "地区数",
        "target_min": "最低目标",
        "target_max": "最高目标",
        "relative_spread": "相对离散度",
        "target_year": "目标年",
        "conversion": "单位换算",
        "ask": "目标要求",
        "vs_national": "与全国目标相比",
        "measure": "度量类型",
        "period": "统计口径",
        "hedge": "限定词（原文）",
        "commitment": "约束力",
        "margin": "余量",
        "national_target": "全国2025年目标",
        "other_statements": "同一规划的其他表述",
        "reason": "未比较的原因",
        "regions": "地区",
        "n_conflicting": "表述冲突的地区数",
    },
    "en": {
        "region": "Region",
        "indicator": "Indicator",
        "domain": "Domain",
        "status": "Status",
        "baseline": "Baseline (as written)",
        "target": "Target (as written)",
        "value": "Target (catalog unit)",
        "unit": "Unit",
        "unit_in_source": "Unit in source",
        "attribute": "Attribute",
        "kind": "Stated in",
        "line": "Line",
        "quote": "Quote",
        "notes": "Curator's note (as written, in Chinese)",
        "change": "Change",
        "direction": "Direction",
        "comparator": "Comparator",
        "n_regions": "Regions",
        "target_min": "Lowest target",
        "target_max": "Highest target",
        "relative_spread": "Relative spread",
        "target_year": "Target year",
        "conversion": "Unit conversion",
        "ask": "What it asks",
        "vs_national": "Against the national target",
        "measure": "Measure",
        "period": "Period",
        "hedge": "Hedge (as written)",
        "commitment": "Commitment",
        "margin": "Margin",
        "national_target": "National 2025 target",
        "other_statements": "Other statements in the plan",
        "reason": "Why not compared",
        "regions": "Regions",
        "n_conflicting": "Regions with conflicting statements",
    },
}
STATUS_LABELS = {
    "zh": {
        "stated": "已说明",
        "not stated": "未说明",
        "qualitative": "定性目标",
        "baseline only": "仅有基期",
    },
    "en": {
        "stated": "stated",
        "not stated": "not stated",
        "qualitative": "qualitative",
        "baseline only": "baseline only",
    },
}
# The comparison model's enums (what a target asks, against the nation, measure, period, why a
# region is left out), per language.
_COMPARISON_ENUMS = {
    lang: {
        "ask": {k: v for k, v in ASK_LABELS[lang].items() if k != "margin"},
        "vs_national": {
            "zh": {"above": "高于", "at": "持平", "below": "低于", "none": "不可比"},
            "en": {"above": "above", "at": "at", "below": "below", "none": "not comparable"},
        }[lang],
        "measure": {
            "zh": {"rate": "比率", "count": "总量", "standard": "标准"},
            "en": {"rate": "rate", "count": "count (a total)", "standard": "standard (per unit)"},
        }[lang],
        "period": {
            "zh": {"level": "水平值", "annual": "年度值", "cumulative": "五年累计"},
            "en": {"level": "level", "annual": "per year", "cumulative": "five-year total"},
        }[lang],
        "reason": {
            "zh": {
                "not stated": "规划未说明",
                "other target year": "目标年不是2025年",
                "no other region to compare with": "没有其他地区可比",
                "qualitative": "定性目标，没有数值",
                "count measure": "总量指标：随地区规模变化，不跨地区排序",
                "standard measure": "标准类指标：按机构或单位设定，不跨地区排序",
                "conflicting statements kept but flagged": "同一规划表述冲突：保留并标注",
            },
            "en": {
                "not stated": "the plan does not state it",
                "other target year": "a target year other than 2025",
                "no other region to compare with": "no other region to compare with",
                "qualitative": "qualitative, no number",
                "count measure": "a count: it grows with a region's size, never ranked",
                "standard measure": "a standard set per facility or unit, never ranked",
                "conflicting statements kept but flagged": "conflicting statements: kept, flagged",
            },
        }[lang],
    }
    for lang in ("zh", "en")
}
# Enum values as the database stores them, by column, shown in the report's language.
ENUM_LABELS = {
    "zh": {
        "status": STATUS_LABELS["zh"],
        "direction": {
            "higher_is_better": "越高越好",
            "lower_is_better": "越低越好",
            "neutral": "中性",
        },
        "kind": {"table": "表格", "prose": "正文"},
        "attribute": {"约束性": "约束性", "预期性": "预期性"},
        "comparator": {">=": "不低于", ">": "高于", "<=": "不高于", "<": "低于", "=": "等于"},
        "domain": {d: d for d in catalog.DOMAINS},
        **_COMPARISON_ENUMS["zh"],
    },
    "en": {
        "status": STATUS_LABELS["en"],
        "direction": {
            "higher_is_better": "higher is better",
            "lower_is_better": "lower is better",
            "neutral": "neutral",
        },
        "kind": {"table": "table", "prose": "text"},
        "attribute": {"约束性": "binding", "预期性": "expected"},
        "comparator": {">=": "at least", ">": "above", "<=": "at most", "<": "below", "=": "equal"},
        "domain": catalog.DOMAIN_NAMES_EN,
        **_COMPARISON_ENUMS["en"],
    },
}


def enum_label(column: str, value: str, lang: str) -> str:
    """`value` of an enum column in `lang`; a value the table does not know shows as stored."""
    return ENUM_LABELS[lang].get(column, {}).get(value, value)


def domain_name(domain: str, lang: str) -> str:
    return enum_label("domain", domain, lang)
