"""Every label and sentence a reader sees, in each report language (zh, en): chart labels,
column headings, enum values of the database (the comparison model's included), the English names
of domains and units, and the fixed sentences of the pages (hedge words' English glosses are the
lexicon's: plancompare.ingest.lexicon). Charts, tables and the site take their words from here,
so a page never mixes languages and no word is written twice.
"""

from __future__ import annotations

from decimal import Decimal

from plancompare.common.names import UnknownChoiceError
from plancompare.common.text import to_simplified
from plancompare.ingest.layout import DOMAINS
from plancompare.ingest.lexicon import HEDGES

LANGS = ("zh", "en")  # report languages: Chinese names and titles, or English

# English names of the domains, for English reports (the plans' own words are the Chinese ones).
DOMAIN_NAMES_EN = {
    "幼有所育": "Childcare",
    "学有所教": "Education",
    "劳有所得": "Employment and income",
    "病有所医": "Health care",
    "老有所养": "Elderly care",
    "住有所居": "Housing",
    "弱有所扶": "Support for the vulnerable",
    "优军服务保障": "Services for veterans and service members",
    "文体服务保障": "Culture and sports",
    "其他": "Other",
}

# English names of the catalog's units; a unit not listed shows as written.
UNIT_NAMES_EN = {
    "1/10万": "per 100,000",
    "万个": "10,000 units",
    "万张": "10,000 beds",
    "万人": "10,000 people",
    "万人次": "10,000 person-times",
    "个": "units",
    "个/千人": "per 1,000 people",
    "人": "people",
    "人/千人": "per 1,000 people",
    "人/万人": "per 10,000 people",
    "人次": "person-times",
    "分钟": "minutes",
    "名": "people",
    "套": "housing units",
    "家": "institutions",
    "岁": "years",
    "平方米/万人": "m² per 10,000 people",
    "平方米/人": "m² per person",
    "年": "years",
    "张": "beds",
    "张/千人": "beds per 1,000 people",
    "户": "households",
    "所": "institutions",
    "所/乡镇": "institutions per township",
    "所/市州": "institutions per prefecture",
    "家/县": "institutions per county",
    "个/校": "per school",
    "次": "times",
    "次/万人": "times per 10,000 people",
    "种": "kinds",
}

LABELS = {
    "zh": {
        "baseline": "基期",
        "target": "目标",
        "not_stated": "未说明",
        "region": "地区",
        "indicator": "指标",
        "value": "数值",
        "share": "占比",
        "count": "指标数",
        "binding": "约束性",
        "expected": "预期性",
        "unmarked": "未标注",
        "table": "表格",
        "prose": "正文",
        "ranges_overlap": "区间有交集：某一取值满足各地区目标",
        "ranges_apart": "区间无交集",
        "yes": "是",
        "no": "否",
        "relative_change": "目标较基期变化（%）",
        "others_weakest": "其他地区最弱的目标",
        "others_strongest": "其他地区最强的目标",
        "lower_is_better": "越低越好",
        "source": "出处",
        "line": "行",
        "floor": "下限（≥）",
        "ceiling": "上限（≤）",
        "point": "点值",
        "range": "区间（如 1–2）",
    },
    "en": {
        "baseline": "Baseline",
        "target": "Target",
        "not_stated": "not stated",
        "region": "Region",
        "indicator": "Indicator",
        "value": "Value",
        "share": "Share",
        "count": "Indicators",
        "binding": "Binding",
        "expected": "Expected",
        "unmarked": "Unmarked",
        "table": "Table",
        "prose": "Prose",
        "ranges_overlap": "ranges overlap: one value meets every region's target",
        "ranges_apart": "ranges apart",
        "yes": "yes",
        "no": "no",
        "relative_change": "Target vs baseline (% change)",
        "others_weakest": "Weakest of the other regions",
        "others_strongest": "Strongest of the other regions",
        "lower_is_better": "lower is better",
        "source": "Source",
        "line": "line",
        "floor": "floor (≥)",
        "ceiling": "ceiling (≤)",
        "point": "point",
        "range": "range (such as 1–2)",
    },
}


def labels(lang: str) -> dict[str, str]:
    if lang not in LABELS:
        raise UnknownChoiceError(f"unknown lang {lang!r}; valid choices: {', '.join(LABELS)}")
    return LABELS[lang]


def unit_label(unit: str, lang: str) -> str:
    """A catalog unit in the report's language (English names from UNIT_NAMES_EN)."""
    return UNIT_NAMES_EN.get(unit, unit) if lang == "en" else unit


def display_name(row: dict, prefix: str, lang: str) -> str:
    """Display name: `{prefix}name_zh` or `{prefix}name_en` by language."""
    return row.get(f"{prefix}name_{lang}") or row.get(f"{prefix}name_zh") or ""


ASK_LABELS = {
    "zh": {
        "improve": "提升",
        "maintain": "保持",
        "already_met": "已达到",
        "decline": "下降",
        "unknown": "无法判断",
        "margin": "余量",
    },
    "en": {
        "improve": "improve",
        "maintain": "maintain",
        "already_met": "already met",
        "decline": "decline",
        "unknown": "cannot tell",
        "margin": "margin",
    },
}


def ask_text(row: dict, lang: str) -> str:
    """What a target asks, in the page language; already met with its margin (in the unit)."""
    text = ASK_LABELS[lang]
    ask = row.get("ask") or "unknown"
    if ask == "already_met" and row.get("margin") is not None:
        unit = unit_label(row.get("unit") or "", lang)
        return (
            f"{text[ask]}（{text['margin']} {plain_number(row['margin'])}{unit}）"
            if (lang == "zh")
            else f"{text[ask]} ({text['margin']} {plain_number(row['margin'])} {unit})"
        )
    return text.get(ask, ask)


# Column headings by language; a column not listed shows its own name.
COLUMN_LABELS = {
    "zh": {
        "region": "地区",
        "indicator": "指标",
        "domain": "领域",
        "status": "状态",
        "baseline": "基期（原文）",
        "target": "目标（原文）",
        "target_shown": "目标",
        "baseline_shown": "基期",
        "value": "目标（统一单位）",
        "unit": "单位",
        "unit_in_source": "原文单位",
        "attribute": "属性",
        "kind": "出处类型",
        "line": "行",
        "quote": "原文引文",
        "notes": "整理者说明（英文）",
        "change": "变化",
        "direction": "方向",
        "comparator": "比较符",
        "n_regions": "地区数",
        "target_min": "最低目标",
        "target_max": "最高目标",
        "target_range": "极差",
        "relative_range": "相对极差",
        "ranges_overlap": "区间有交集",
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
        "caveat": "口径说明",
    },
    "en": {
        "region": "Region",
        "indicator": "Indicator",
        "domain": "Domain",
        "status": "Status",
        "baseline": "Baseline (as written)",
        "target": "Target (as written)",
        "target_shown": "Target",
        "baseline_shown": "Baseline",
        "value": "Target (catalog unit)",
        "unit": "Unit",
        "unit_in_source": "Unit in source",
        "attribute": "Attribute",
        "kind": "Stated in",
        "line": "Line",
        "quote": "Quote",
        "notes": "Curator's note (in English)",
        "change": "Change",
        "direction": "Direction",
        "comparator": "Comparator",
        "n_regions": "Regions",
        "target_min": "Lowest target",
        "target_max": "Highest target",
        "target_range": "Range",
        "relative_range": "Relative range",
        "ranges_overlap": "Ranges overlap",
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
        "caveat": "Definition caveat",
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
                "not a level": "不是水平值（年度值或五年累计）",
                "count measure": "总量指标：随地区规模变化，不跨地区排序",
                "standard measure": "标准类指标：按机构或单位设定，不跨地区排序",
                "conflicting statements kept but flagged": "同一规划表述冲突：保留并标注",
                "definition differs": "口径与指标定义不同",
            },
            "en": {
                "not stated": "the plan does not state it",
                "other target year": "a target year other than 2025",
                "no other region to compare with": "no other region to compare with",
                "qualitative": "qualitative, no number",
                "not a level": "not a level (a yearly or five-year figure)",
                "count measure": "a count: it grows with a region's size, never ranked",
                "standard measure": "a standard set per facility or unit, never ranked",
                "conflicting statements kept but flagged": "conflicting statements: kept, flagged",
                "definition differs": "definition differs from the catalog's",
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
        "comparator": {
            ">=": "不低于",
            ">": "高于",
            "<=": "不高于",
            "<": "低于",
            "=": "等于",
            "between": "介于",
        },
        "domain": {d: d for d in DOMAINS},
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
        "comparator": {
            ">=": "at least",
            ">": "above",
            "<=": "at most",
            "<": "below",
            "=": "equal",
            "between": "between",
        },
        "domain": DOMAIN_NAMES_EN,
        **_COMPARISON_ENUMS["en"],
    },
}


def enum_label(column: str, value: str, lang: str) -> str:
    """`value` of an enum column in `lang`; a value the table does not know shows as stored."""
    return ENUM_LABELS[lang].get(column, {}).get(value, value)


def domain_name(domain: str, lang: str) -> str:
    return enum_label("domain", domain, lang)


def statement_place(row: dict, lang: str) -> str:
    """Where a statement stands in its plan, in words: its value, table or prose, and line."""
    where = "place_table" if row.get("kind") == "table" else "place_prose"
    value = row.get("target_raw") or row.get("qualitative") or "—"
    return sentence(where, lang, value=value, line=row["line"])


def statement_places(rows: list[dict], lang: str) -> str:
    """`statement_place` of each row, as one list."""
    return sentence("list_separator", lang).join(statement_place(r, lang) for r in rows)


def hedge_text(hedge: str | None, lang: str) -> str:
    """A statement's hedge words (stored comma-separated, as written) in the page language."""
    if not hedge:
        return ""
    words = [w.strip() for w in hedge.split(",") if w.strip()]
    if lang == "zh":
        return "、".join(words)
    return ", ".join(f"{w} ({_hedge_english(w)})" for w in words)


def _hedge_english(word: str) -> str:
    """A hedge word's English gloss (plancompare.ingest.lexicon), '?' for a word not listed."""
    hedge = HEDGES.get(to_simplified(word))
    return hedge.english if hedge else "?"


# Why a region's target and the national one cannot be compared (vs_national = none), in the
# order plancompare.model.comparison.vs_national checks.
NOT_COMPARABLE = {
    "zh": {
        "no_target": "没有数值目标",
        "measure": "{measure}指标，不与全国比较",
        "period": "{period}，全国目标为水平值",
        "year": "目标年为{year}年",
        "direction": "中性指标，不分高低",
        "open": "区间的开口方向不构成可比的承诺",
        "national_qualitative": "全国目标为定性表述",
        "national_period": "全国目标不是2025年水平值",
        "national_open": "全国目标区间的开口方向不构成可比的承诺",
    },
    "en": {
        "no_target": "no numeric target",
        "measure": "a {measure} measure, not compared with the nation",
        "period": "a {period}; the national target is a level",
        "year": "target year {year}",
        "direction": "a neutral indicator: neither way is better",
        "open": "its range is open in the good direction: no commitment to compare",
        "national_qualitative": "the national target is qualitative",
        "national_period": "the national target is not a 2025 level",
        "national_open": "the national range is open in the good direction: no commitment "
        "to compare",
    },
}

NO_NATIONAL_TARGET_MARK = "–"

NO_NATIONAL_TARGET = {
    "zh": "“与全国目标相比”一栏中的“–”表示全国规划没有为该指标设定2025年数值目标。",
    "en": "A “–” against the national target means the national plan sets no numeric 2025 "
    "target for that indicator.",
}

# Kept apart from LABELS so the national figures can be merged without touching shared labels.
NATIONAL_LABELS = {
    "zh": {
        "national_actual": "全国实际值",
        "national_actual_c": "全国实际值（C：转载来源）",
        "national_target": "全国2025年目标",
        "national_next_target": "十五五全国{year}年目标",
        "grade_c_note": "空心点 C：读自转载",
        "regions_all": "各地区",
        "national_sources": "全国数据出处",
        "national_latest": "全国{year}年实际",
        "other_statement": "同一规划的另一表述",
        "statement_kind": {"table": "表格", "prose": "正文"},
        "grade": {"A": "A级：官方网站", "B": "B级：主流媒体", "C": "C级：读自转载"},
    },
    "en": {
        "national_actual": "National actual",
        "national_actual_c": "National actual (C: read on a repost)",
        "national_target": "National 2025 target",
        "national_next_target": "National {year} target (十五五)",
        "grade_c_note": "Open markers C: read on a repost",
        "regions_all": "Regions",
        "national_sources": "National figures",
        "national_latest": "National actual {year}",
        "other_statement": "Another statement in the same plan",
        "statement_kind": {"table": "table", "prose": "prose"},
        "grade": {
            "A": "grade A: official site",
            "B": "grade B: major outlet",
            "C": "grade C: read on a repost",
        },
    },
}

NEVER_RANKED = {
    "zh": "总量指标（如新增就业人数）随地区人口和规模变化，"
    "标准类指标（如每个乡镇至少一所公办幼儿园）"
    "按机构或单位设定：二者都不跨地区排序，只在各自的指标页上逐地区列出。",
    "en": "Count indicators (such as new urban jobs) grow with a region's population and size, "
    "and standard indicators (such as at least one public kindergarten per township) are set per "
    "facility or unit: neither is ever ranked across regions; their pages list them region by "
    "region.",
}

NO_CHANGES = {
    "zh": "该规划没有给出可与2025年目标对照的基期水平值，"
    "因此无法说明各目标较基期要求提升、保持还是下降。",
    "en": "This plan states no baseline level to set its 2025 targets against, so what each "
    "target asks (improve, maintain or decline) cannot be said.",
}

DOWNLOAD_LABELS = {"zh": "下载数据（CSV，{n}行）", "en": "Download the data (CSV, {n} rows)"}

MORE_ROWS = {
    "zh": "另有{n}行未显示（完整数据见 data/processed/targets.csv）",
    "en": "{n} more rows not shown (full data: data/processed/targets.csv)",
}

COVERAGE_CELLS = {
    "zh": {
        "numeric": "数值",
        "qualitative": "文字表述",
        "baseline only": "仅基期",
        "not stated": "—",
    },
    "en": {
        "numeric": "a number",
        "qualitative": "in words",
        "baseline only": "baseline only",
        "not stated": "—",
    },
}

# The curated dataset's licence (the code's is MIT: LICENSE), on every chart, page and image.
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE = {
    "zh": "数据 CC BY 4.0 · plancompare",
    "en": "Data CC BY 4.0 · plancompare",
}

SITE_NAME = {"zh": "十四五公共服务规划比较", "en": "14th Five-Year public-service plans"}

LANG_NAMES = {"zh": "中文", "en": "English"}

LANG_CODES = {"zh": "zh-CN", "en": "en"}

# Above this many regions a per-region chart is unreadable; charts aggregate instead.
MAX_REGIONS_DRAWN = 40

# Curator notes are written in English: on a page in another language each note is folded
# under this summary, so a reader of that language meets the plan's own words first.
NOTES_FOLDED = {"zh": "展开英文说明"}

# A long issuer list (one plan names 22 departments) shows its first names.
ISSUERS_SHOWN = 2


def plain_number(value: float) -> str:
    """A number for reading: plain notation with thousands separators, never scientific
    (125000.0 -> "125,000", 1e-07 -> "0.0000001"). Twelve significant digits: far more than
    any plan writes, so only binary noise goes (0.30000000000000004 -> "0.3")."""
    text = format(Decimal(f"{value:.12g}"), ",f")
    return "0" if text == "-0" else text


# The fixed sentences and titles of figures, tables and pages; `sentence` fills their {fields}.
SENTENCES = {
    "zh": {
        "all_regions": "全部地区",
        "plan_line": "{region}规划，第{line}行",
        "at_line": "第{line}行",
        "sources": "来源：{sources}",
        "sources_plans": "{regions}的十四五公共服务规划（每个数值的原文和行号见悬停提示和数据行）",
        "sources_national": "全国数据：{publishers}",
        "sources_all_plans": "各地区的十四五公共服务规划（原文和行号见各指标页）",
        "chart_link": "本图链接",
        "chart_download": "下载图片",
        "chart_rows": "显示图中数据（{n}行，与CSV同列）",
        "regions_not_stated": "（{n}个地区未说明）",
        "headline_title": "三项核心指标：2020年基期 → 2025年目标",
        "plan_figure": "{value}（原文 {raw}）",
        "range_figure": "{low}–{high}",
        "conflict_mark": "⚠ 表述冲突",
        "mix_title": "各规划的目标构成",
        "spread_title": "多个规划共有的比率指标：2025年目标的相对极差（极差÷均值）及区间是否有交集",
        "profile_title": "{region}：目标较基期要求什么（仅水平值对水平值）",
        "standing_title": "与其他地区相比（最强的目标 = 100：越高越好的指标取最高值，"
        "越低越好的取最低值）",
        "pairs": "{n}项",
        "left_out_heading": "未进入排序的地区及原因（地区 id）：",
        "place_table": "{value}（表格，第{line}行）",
        "place_prose": "{value}（正文，第{line}行）",
        "list_separator": "；",
        "conflict": "⚠ {name}的规划表述冲突：{others}；{used}。图表和比较采用后者"
        "（数值优先于文字，不带留有余地措辞的优先于带的，区间优先于点值，表格优先于正文，"
        "再取最早的一行），"
        "另一表述画在同一行的空心标记上。",
        "count_note": "这是总量指标：数值随地区人口和规模变化，"
        "因此逐地区列出，不跨地区排序或比较高低。",
        "standard_note": "这是标准类指标：按机构或单位设定（如每个乡镇一所），"
        "因此逐地区列出，不跨地区排序。",
        "issuers_more": "等{total}个单位",
        "plan_counts": "{issuers}，{date}印发；共{n}条目标，其中表格{n_table}条、正文{n_prose}条。",
        "all_issuers": "全部发文单位（原文）",
        "home": "全部报告",
        "other_lang": "English version",
        "method": "数据来源与方法",
        "stale_banner": "此页是较早一次渲染的结果：{failed_at} 重新渲染失败，内容可能已过时。",
        "stale_link": "查看渲染失败的报告",
        "how_to_cite": "如何引用",
        # The notebooks' headings and paragraphs.
        "overview_title": "十四五公共服务规划：跨地区总览",
        "overview_intro": "{n}个地区的十四五公共服务规划：它们的基期和目标，逐地区、逐指标比较。",
        "headline_heading": "三项核心指标",
        "coverage_heading": "指标覆盖",
        "mix_heading": "约束性 / 预期性，表格 / 正文",
        "national_heading": "与全国目标对照",
        "national_intro": "全国实际值（2020年至最新年份）连成线，虚线为全国{year}年目标，"
        "彩色线段为各地区基期 → {year}年目标；空心三角表示下限或上限，指向其开放的方向。"
        "每幅图下注明数据出处与等级，C级为读自转载。",
        "national_table_heading": "各地区{year}年目标与全国目标",
        "asks_heading": "目标较基期要求什么",
        "special_heading": "定性目标与五年累计目标",
        "notes_heading": "整理者说明（英文，含冲突与判断）",
        "notes_elsewhere": "本规划的{n}条整理者说明（英文）列在各指标页面对应表述旁，"
        "也收录于数据下载的 targets 表（notes 列）。",
        "spread_heading": "多个规划共有的比率指标：目标的极差与区间交集",
        "spread_intro": "只比较比率指标的{year}年水平值目标，每个地区取其有效表述"
        "（选取规则见“数据来源与方法”）。"
        "相对极差 = 各地区目标数值的极差（最高 − 最低）÷ 均值："
        "衡量地区之间差多远，不是较基期的变化。"
        "区间有交集：按比较符或区间（如 1-2所），"
        "某一取值能同时满足各地区的目标（如 ≥55% 与 60%）。",
        "standing_heading": "与其他地区比较（共有的比率指标，{year}年水平值）",
        "no_standing": "该规划没有与其他地区共有、可比较的比率指标。",
        "caveat_note": "口径说明 · {name}：{caveat}",
        "compare_legend": "● 点值；▶ 下限（≥），浅色带向右延伸表示“不低于”；"
        "◀ 上限（≤），浅色带向左延伸；◆ 区间（如 1–2所）的下端，浅色带延至上端；"
        "灰点为基期；空心标记为同一规划的其他表述；⚠ 表述冲突。"
        "虚线为全国{year}年目标，点线为全国最新实际值。",
    },
    "en": {
        "all_regions": "All regions",
        "plan_line": "{region} plan, line {line}",
        "at_line": "line {line}",
        "sources": "Sources: {sources}",
        "sources_plans": "the 14th Five-Year public-service plans of {regions} (each figure's "
        "quote and line in its hover and its rows)",
        "sources_national": "national figures: {publishers}",
        "sources_all_plans": "the regions' 14th Five-Year public-service plans (each figure's "
        "quote and line on its indicator's page)",
        "chart_link": "Link to this chart",
        "chart_download": "Download the image",
        "chart_rows": "Show the rows ({n}, the columns of the CSV)",
        "regions_not_stated": " ({n} regions: not stated)",
        "headline_title": "Three headline indicators: 2020 baseline → 2025 target",
        "plan_figure": "{value} (plan: {raw})",
        "range_figure": "{low} to {high}",
        "conflict_mark": "⚠ conflicting statements",
        "mix_title": "What each plan's targets are made of",
        "spread_title": "Rate indicators two or more plans share: relative range of 2025 "
        "targets (range ÷ mean), and whether their ranges overlap",
        "profile_title": "{region}: what each target asks against its baseline (levels only)",
        "standing_title": "Against the other regions (strongest target = 100: the highest, "
        "or the lowest where lower is better)",
        "pairs": "{n} pairs",
        "left_out_heading": "Regions not in the ranking, and why (region ids):",
        "place_table": "{value} in the table, line {line}",
        "place_prose": "{value} in prose, line {line}",
        "list_separator": "; ",
        "conflict": "⚠ {name}'s plan states conflicting values: {others}; {used}. The chart "
        "and the comparison use the latter (a number before words, an unhedged statement "
        "before a hedged one, a bound before a point, a table before prose, then the earliest "
        "line); the other is drawn "
        "beside it as an open marker.",
        "count_note": "This is a count: it grows with a region's population and size, so "
        "regions are shown one by one and never ranked against each other.",
        "standard_note": "This is a standard set per facility or unit (such as one per "
        "township), so regions are shown one by one and never ranked against each other.",
        "issuers_more": " and {rest} more",
        "plan_counts": "Issued by {issuers} on {date}; {n} targets, {n_table} from tables and "
        "{n_prose} from the text.",
        "all_issuers": "All issuers (as written)",
        "home": "All reports",
        "other_lang": "中文版",
        "method": "Sources and method",
        "stale_banner": "This page is from an earlier render: rendering it again failed on "
        "{failed_at}, so it may show old data.",
        "stale_link": "See the failed reports",
        "how_to_cite": "How to cite",
        # The notebooks' headings and paragraphs.
        "overview_title": "14th Five-Year public-service plans: cross-region overview",
        "overview_intro": "The 14th Five-Year public-service plans of {n} regions: their baselines "
        "and targets, compared region by region and indicator by indicator.",
        "headline_heading": "The three headline indicators",
        "coverage_heading": "Coverage",
        "mix_heading": "Binding / expected, table / prose",
        "national_heading": "Against the national targets",
        "national_intro": "The country's actual values (2020 to the latest year) as a line, its "
        "{year} target dashed, and each region's baseline → {year} target in its colour; an open "
        "triangle marks a floor or ceiling, pointing the way it leaves open. Each figure names its "
        "sources and their grade; grade C was read on a repost.",
        "national_table_heading": "Every region's {year} targets against the national targets",
        "asks_heading": "What each target asks against its baseline",
        "special_heading": "Qualitative and five-year cumulative targets",
        "notes_heading": "Curator's notes (conflicts and judgements), in English",
        "notes_elsewhere": "The {n} curator's notes on this plan (in English) stand beside their "
        "statements on each indicator's page, and in the targets table of the data downloads "
        "(column notes).",
        "spread_heading": "Rate indicators shared by two or more plans: range of targets, and "
        "overlap",
        "spread_intro": "Only {year} level targets of rate indicators, each region's effective "
        "statement (chosen as “Sources and method” says). Relative range = the range of the "
        "values the regions state (highest − lowest) ÷ their mean: how far apart regions are, "
        "not a change over time. Ranges overlap: by their comparators or ranges (1-2 schools), one "
        "value meets every region's target (≥55% and 60%).",
        "standing_heading": "Against the other regions (shared rate indicators, {year} levels)",
        "no_standing": "This plan shares no comparable rate indicator with another region.",
        "caveat_note": "Definition caveat · {name}: {caveat}",
        "compare_legend": "● a point; ▶ a floor (≥), its pale band running right: at least; ◀ a "
        "ceiling (≤), its band running left; ◆ a range's low end (1–2 schools), its band reaching "
        "the high end; grey dots are baselines; open markers are the plan's "
        "other statements; ⚠ conflicting statements. Dashed: the national {year} target; dotted: "
        "the latest national actual.",
    },
}
# English for the national plan's targets stated in words (the original stays beside them).
NATIONAL_WORDS_EN = {"应保尽保": "everyone eligible covered"}

# The landing pages' words (reports/index.html in Chinese, index-en.html in English).
LANDING = {
    "zh": {
        "title": "十四五公共服务规划比较",
        "opening": "本站收录{n_plans}个地区的“十四五”公共服务规划所定的{n_targets}条目标，"
        "涉及{n_indicators}项指标，其中{n_shared}项由两个及以上规划共同提出；"
        "{n_conflicts}处同一规划对同一指标给出不同数值。每个数字都链接到规划原文的那一行。",
        "updated": "更新于{date}",
        "headline_heading": "三项核心指标：2025年目标",
        "headline_lede": "各地区规划的2025年目标，统一换算为指标单位；“—”表示规划没有给出。"
        "⚠ 表示同一规划给出了不同数值（悬停可见）。全国数据注明来源等级：A 官方网站，"
        "B 主流媒体，C 读自转载。",
        "region": "地区",
        "national": "全国",
        "national_target": "2025年目标",
        "national_latest": "{year}年实际",
        "national_outcome": "十四五成效",
        "not_stated": "—",
        "not_stated_title": "规划没有给出",
        "conflict": "⚠",
        "conflict_title": "同一规划的其他数值：{others}",
        "plan_text": "规划原文",
        "search_label": "查找指标或地区（简体、繁體、English、拼音、首字母）",
        "search_placeholder": "托育 · 養老床位 · hypertension · xianning · xns",
        "search_count": "{shown} / {total}",
        "search_none": "没有找到。相近的名称：",
        "search_enter": "按回车打开第一项",
        "overview": "跨地区总览",
        "values": "比率指标目标一览（两个及以上规划提出的）",
        "regions": "地区规划画像",
        "indicators": "全部指标（{n}项，每项一页）",
        "stated_by": "{n}个规划",
        "stale": "过期",
        "stale_title": "最近一次渲染失败，显示的是上一版",
        "failed": "渲染失败的报告",
        "failed_kept": "保留上一版",
        "failed_none": "无上一版",
        "method": "数据来源与方法",
        "data": "下载数据（CSV、Parquet）",
        "cite": "如何引用",
        "footer": "plancompare {version} · 数据指纹 {fingerprint} · 构建于 {date}",
        "date": "{d.year}年{d.month}月{d.day}日",
    },
    "en": {
        "title": "14th Five-Year public-service plans compared",
        "opening": "This site holds the {n_targets} targets that the 14th Five-Year "
        "public-service plans of {n_plans} Chinese regions set for {n_indicators} indicators, "
        "{n_shared} of them shared by two or more plans; in {n_conflicts} places a plan states "
        "two different values for one indicator. Every figure links to its line in the plan.",
        "updated": "Last updated {date}",
        "headline_heading": "Three headline indicators: 2025 targets",
        "headline_lede": "Each plan's 2025 target in the indicator's unit; “—” where a plan "
        "states none. ⚠ marks a plan that states different values (hover to see them). "
        "National figures carry their source grade: A official site, B major outlet, C read on "
        "a repost.",
        "region": "Region",
        "national": "National",
        "national_target": "2025 target",
        "national_latest": "{year} actual",
        "national_outcome": "Outcome",
        "not_stated": "—",
        "not_stated_title": "not stated in the plan",
        "conflict": "⚠",
        "conflict_title": "the plan's other values: {others}",
        "plan_text": "plan text",
        "search_label": "Find an indicator or a region (English, Chinese, pinyin, initials)",
        "search_placeholder": "childcare · beds per 1000 · hypertension · 托育 · xianning",
        "search_count": "{shown} / {total}",
        "search_none": "No match. Nearest names:",
        "search_enter": "Enter opens the first match",
        "overview": "Cross-region overview",
        "values": "Rate targets side by side (indicators two or more plans state)",
        "regions": "Region profiles",
        "indicators": "Every indicator ({n}, a page each)",
        "stated_by": "{n} plans",
        "stale": "stale",
        "stale_title": "the last render failed; this is the previous version",
        "failed": "Failed reports",
        "failed_kept": "previous version kept",
        "failed_none": "no previous version",
        "method": "Sources and method",
        "data": "Download the data (CSV, Parquet)",
        "cite": "How to cite",
        "footer": "plancompare {version} · data fingerprint {fingerprint} · built {date}",
        "date": "{d.day} {month} {d.year}",
    },
}
# The pages of indicators one plan states (plancompare.site.indicators).
INDICATOR_PAGE = {
    "zh": {
        "definition": "定义",
        "statements": "各规划的表述",
        "stated_by": "{n}个规划提出此指标。",
        "silent": "未提出的地区：",
        "separator": "、",
        "national": "全国参照",
        "national_columns": ["类型", "年份", "数值（原文）", "等级", "发布者", "发布日期", "出处"],
        "no_national": "没有整理该指标的全国目标或实际值。",
        "national_kinds": {"actual": "实际值", "target": "全国目标"},
    },
    "en": {
        "definition": "Definition (as curated, in Chinese)",
        "statements": "What the plans state",
        "stated_by": "Stated by {n} plan(s).",
        "silent": "Not stated by",
        "separator": ", ",
        "national": "National yardstick",
        "national_columns": [
            "Kind",
            "Year",
            "Value (as written)",
            "Grade",
            "Publisher",
            "Published",
            "Read at",
        ],
        "no_national": "No national target or actual value is curated for this indicator.",
        "national_kinds": {"actual": "actual", "target": "national target"},
    },
}

# The values grid (plancompare.site.values).
VALUES_PAGE = {
    "zh": {
        "title": "比率指标目标一览",
        "lede": "两个及以上规划提出的每项比率指标，各地区的2025年目标（统一为指标单位，"
        "含比较符和留有余地的措辞）。颜色为与全国2025年目标相比：高于、持平、低于；"
        "无颜色表示没有全国目标或不可比。⚠ 表示同一规划给出了不同数值。点击列标题排序。",
        "indicator": "指标",
        "national": "全国目标",
        "n_regions": "地区数",
        "relative_range": "相对极差",
        "not_stated": "—",
        "conflict": "⚠ 表述冲突",
        "csv": "下载数据（CSV，每个指标和地区一行）",
        "sort": "排序",
    },
    "en": {
        "title": "Rate targets side by side",
        "lede": "Every rate indicator two or more plans state: each region's 2025 target in the "
        "indicator's unit, with its comparator and hedge words. Colour: against the national "
        "2025 target, above, at or below; none where there is no national target or it does "
        "not compare. ⚠ marks a plan that states different values. Click a column heading to "
        "sort.",
        "indicator": "Indicator",
        "national": "National target",
        "n_regions": "Regions",
        "relative_range": "Relative range",
        "not_stated": "—",
        "conflict": "⚠ conflicting statements",
        "csv": "Download the data (CSV, one row per indicator and region)",
        "sort": "sort",
    },
}

MONTHS_EN = (
    "January February March April May June July August September October November December"
).split()


def readable_date(iso: str, lang: str) -> str:
    """An ISO timestamp as a person reads a date: 2026年12月7日, 7 December 2026."""
    from datetime import date

    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return LANDING[lang]["date"].format(d=day, month=MONTHS_EN[day.month - 1])


# What each kind of report is called (the landing page's groups, each report's title).
REPORT_KINDS = {
    "zh": {
        "overview": "跨地区总览",
        "region_profile": "地区规划画像",
        "indicator_compare": "单项指标比较",
    },
    "en": {
        "overview": "Cross-region overview",
        "region_profile": "Region profiles",
        "indicator_compare": "Indicator comparisons",
    },
}


def sentence(key: str, lang: str, **fields) -> str:
    """A fixed sentence or title in `lang`, its {fields} filled (values are inserted as given:
    escape them for HTML first where the sentence goes into markup)."""
    labels(lang)  # one clear error for an unknown language
    return SENTENCES[lang][key].format(**fields)


# What the plan period delivered (plancompare.model.attainment): its statuses and reasons, the
# columns and sentences of the outcome sections. Kept in one block, merged into the shared
# tables below, so the outcome words stay together.
OUTCOME_ENUMS = {
    "zh": {
        "outcome_status": {
            "met": "已实现",
            "not_met": "未实现",
            "achieved_early": "提前实现",
            "on_track": "进度正常",
            "acceleration_needed": "有进展，需加快",
            "limited_progress": "进展有限",
            "deterioration": "倒退",
            "unknown": "无法判断",
        },
        "outcome_reason": {
            "qualitative": "定性目标（如应保尽保），没有数值可比",
            "actual_words": "实际值没有数值",
            "cumulative": "五年累计目标，没有五年累计的实际值",
            "period": "实际值的统计期与目标不同",
            "neutral": "指标没有好坏方向",
            "rounded": "实际值经四舍五入，无法与目标界限区分（如92.0%对大于92%）",
            "bound": "实际值本身是一个界限，无法判断（如“95%以上”对大于95%）",
            "not_since_base": "基期之后还没有实际值",
            "no_base": "没有基期实际值，无法衡量进度",
            "not_positive": "数值为零或负，无法计算增长率",
        },
    },
    "en": {
        "outcome_status": {
            "met": "met",
            "not_met": "not met",
            "achieved_early": "achieved early",
            "on_track": "on track",
            "acceleration_needed": "progress, acceleration needed",
            "limited_progress": "limited progress",
            "deterioration": "deterioration",
            "unknown": "cannot tell",
        },
        "outcome_reason": {
            "qualitative": "a qualitative target (such as 应保尽保): no number to compare",
            "actual_words": "the actual value has no number",
            "cumulative": "a five-year total, and no five-year actual",
            "period": "the actual is measured over another period than the target",
            "neutral": "the indicator has no good direction",
            "rounded": "a rounded figure that cannot tell against the target's bound "
            "(92.0% against above 92%)",
            "bound": "the actual is itself a bound and cannot tell (“95%以上” against above 95%)",
            "not_since_base": "no actual value since the base year",
            "no_base": "no base-year value to measure the pace from",
            "not_positive": "a zero or negative value has no growth rate",
        },
    },
}

OUTCOME_COLUMNS = {
    "zh": {
        "outcome_target": "全国目标",
        "outcome_actual": "实际值",
        "outcome_year": "年份",
        "outcome_status": "状态",
        "outcome_grade": "来源等级",
        "outcome_source": "出处",
        "target_grade": "目标来源等级",
        "target_source": "目标出处",
        "region_target": "本地区目标（年份）",
        "nation_target": "全国目标（年份）",
        "nation_actual": "全国实际值（年份）",
        "nation_status": "全国目标的状态",
        "nation_next": "十五五全国目标（年份）",
    },
    "en": {
        "outcome_target": "National target",
        "outcome_actual": "Outcome",
        "outcome_year": "Year",
        "outcome_status": "Status",
        "outcome_grade": "Source grade",
        "outcome_source": "Source",
        "target_grade": "Target's source grade",
        "target_source": "Target's source",
        "region_target": "Region's target (year)",
        "nation_target": "National target (year)",
        "nation_actual": "National actual (year)",
        "nation_status": "Status of the national target",
        "nation_next": "Next national target, 十五五 (year)",
    },
}

OUTCOME_SENTENCES = {
    "zh": {
        "outcomes_heading": "十四五时期的成效（全国）",
        "outcomes_intro": "全国规划的每项{year}年目标，及其找到的最新实际值：年份、状态、来源等级"
        "与出处。目标年已过的实际值判断是否实现；目标年之前的实际值（或年中数）按 Open SDG "
        "的进度方法与{base}年基期比较。等级 C 的数据读自转载，有待与官方页面核对。"
        "规则见“来源与方法”。",
        "outcomes_chart_title": "全国实际值占{year}年目标的百分比",
        "outcomes_missing": "尚未找到实际值的全国目标（{n}项）：{names}。",
        "outcomes_next_heading": "十五五（2030年）全国目标",
        "outcomes_next_intro": "十五五规划纲要（2026年3月12日通过）设定的2030年全国目标，"
        "及全国最新实际值；状态按同一规则判断（基期为2025年）。",
        "as_of": "{value}（截至{date}）",
        "reason_joined": "{status}：{reason}",
        "nation_beside_heading": "全国的成效（背景，不作评判）",
        "nation_beside_intro": "每项目标旁列出全国的{year}年目标、全国实际值及其年份、全国目标的"
        "状态，以及十五五设定的2030年全国目标。全国与本地区的年份和范围不同：仅作参照，不判断本地区。",
        "no_nation_beside": "本规划的指标没有全国数据可以参照。",
        "nation_line": "全国：{target}；实际值 {actual}；{status}。",
        "nation_next_line": "十五五：{year}年全国目标 {value}（{grade}）。",
        "year_value": "{value}（{year}年）",
    },
    "en": {
        "outcomes_heading": "What the period delivered (nation)",
        "outcomes_intro": "Each {year} target of the national plan with the latest actual value "
        "found: its year, status, source grade and source. An actual at or after the end of "
        "the target year decides met or not; an earlier (or mid-year) figure is measured by Open "
        "SDG's progress method from the {base} base year. Grade C figures were read on a repost "
        "and await a check against the official page. The rules are on “Sources and method”.",
        "outcomes_chart_title": "National outcome, % of the {year} target",
        "outcomes_missing": "National targets with no outcome found yet ({n}): {names}.",
        "outcomes_next_heading": "What 十五五 asks next (national 2030 targets)",
        "outcomes_next_intro": "The 2030 national targets of the 十五五 outline (adopted 12 March "
        "2026) with the latest national actual; status by the same rules (base year 2025).",
        "as_of": "{value} (as of {date})",
        "reason_joined": "{status}: {reason}",
        "nation_beside_heading": "What the nation achieved (context, not a verdict)",
        "nation_beside_intro": "Beside each target: the national {year} target, the national "
        "actual with its year, the status of the national target, and the 2030 national target "
        "where 十五五 sets one. The nation and the region differ in year and scope: this is "
        "context, not a verdict on the region.",
        "no_nation_beside": "No indicator of this plan has a national figure to set beside it.",
        "nation_line": "Nation: {target}; actual {actual}; {status}.",
        "nation_next_line": "十五五: national {year} target {value} ({grade}).",
        "year_value": "{value} ({year})",
    },
}

for _lang in LANGS:
    ENUM_LABELS[_lang].update(OUTCOME_ENUMS[_lang])
    COLUMN_LABELS[_lang].update(OUTCOME_COLUMNS[_lang])
    SENTENCES[_lang].update(OUTCOME_SENTENCES[_lang])
