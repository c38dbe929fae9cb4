"""Seeded synthetic data in the curated raw format, for scale benchmarks.

Every region gets a source text whose lines hold its targets, so validation checks quotes for real.
Headline indicators are left unstated by some regions, some targets are floors or cumulative, and
units vary, so the build does the same work it does on the curated plans.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from plancompare.ingest import checksums, layout

DOMAINS = layout.DOMAINS[:-1]
UNITS = ("%", "个/千人", "平方米/人", "张/千人", "万人", "岁")


def _write(path: Path, header, rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def generate(out: Path, n_regions: int, n_indicators: int = 60, seed: int = 20211) -> Path:
    """Write a raw data directory with `n_regions` × up to `n_indicators` targets into `out`."""
    rng = random.Random(seed)
    rows = []
    for n in range(n_indicators):
        indicator_id = layout.HEADLINE_INDICATORS[n] if n < 3 else f"synthetic_indicator_{n:03d}"
        unit = {0: "个/千人", 1: "%", 2: "平方米/人"}.get(n, rng.choice(UNITS))
        rows.append(
            [
                indicator_id,
                f"合成指标{n:03d}",
                f"Synthetic indicator {n}",
                DOMAINS[n % len(DOMAINS)],
                unit,
                rng.choice(("higher_is_better", "lower_is_better")),
                "rate",
                "",
            ]
        )
    _write(out / "catalog.csv", layout.CATALOG_COLUMNS, rows)
    regions = []
    for r in range(n_regions):
        region_id = f"r{r:04d}"
        regions.append(
            [
                region_id,
                f"合成县{r:04d}",
                f"Synthetic County {r}",
                "county",
                "合成省",
                f"合成县{r:04d}“十四五”公共服务规划",
                f"合成县{r:04d}人民政府",
                "2022-06-01",
                "",  # document_number
                "",  # index_number
                "",  # published_on
                "",  # wrapper_lines
                "simplified",
                f"sources/{region_id}.txt",
            ]
        )
        # No digits outside the figures: every number in a source is a curated target.
        lines = ["合成县“十四五”公共服务规划"]
        targets = []
        for indicator_id, name, _name_en, _domain, unit, *_ in rows:
            if rng.random() < 0.2:  # not stated by this plan
                continue
            high = 100.0 if unit == "%" else 10.0
            baseline = round(rng.uniform(0.2, 0.8) * high, 2)
            target = round(min(high, baseline * rng.uniform(1.0, 1.3)), 2)
            kind = rng.choice(("=", ">=", "cumulative"))
            target_raw = {"=": f"{target}", ">=": f"≥{target}", "cumulative": f"[{target}]"}[kind]
            unit_in_source = "" if unit == "%" else unit
            suffix = "%" if unit == "%" else ""
            target_raw += suffix if kind != "cumulative" else ""
            line = f"合成指标 | {baseline}{suffix} | {target_raw} | 预期性 |"
            lines.append(line)
            targets.append(
                [
                    indicator_id,
                    name,
                    "合成类别",
                    unit_in_source,
                    "2020",
                    f"{baseline}{suffix}",
                    "level",
                    "2025",
                    target_raw,
                    "cumulative" if kind == "cumulative" else "level",
                    "预期性",
                    "table",
                    str(len(lines)),
                    "",
                    line,
                    "",
                ]
            )
        (out / "sources").mkdir(parents=True, exist_ok=True)
        (out / "sources" / f"{region_id}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        _write(out / "targets" / f"{region_id}.csv", layout.TARGET_COLUMNS, targets)
    _write(out / "regions.csv", layout.REGION_COLUMNS, regions)
    checksums.write_sums(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--regions", type=int, default=3000)
    parser.add_argument("--indicators", type=int, default=60)
    parser.add_argument("--seed", type=int, default=20211)
    args = parser.parse_args()
    generate(args.out, args.regions, args.indicators, args.seed)


if __name__ == "__main__":
    main()
