"""The query API notebooks use: name resolution and the frames it returns."""

import polars as pl
import pytest
from plancompare import query
from plancompare.ingest import layout


@pytest.mark.parametrize("name", ["xianning", "咸宁市", "Xianning City", "xianning city", "鹹寧市"])
def test_region_resolution(con, name):
    assert query.resolve_region(name, con) == "xianning"


def test_region_resolution_accepts_traditional_names(con):
    assert query.resolve_region("貴州省", con) == "guizhou"
    assert query.resolve_region("吳忠市", con) == "wuzhong"


def test_unknown_region_lists_choices(con):
    with pytest.raises(query.UnknownChoiceError) as error:
        query.resolve_region("Atlantis", con)
    message = str(error.value)
    assert message.startswith("unknown region 'Atlantis'; valid choices: ")
    for region_id in ("minqin", "guizhou", "wuzhong", "xianning", "dayao"):
        assert region_id in message


@pytest.mark.parametrize("name", ["咸宁", "xiannig"])
def test_near_miss_region_says_did_you_mean(con, name):
    with pytest.raises(query.UnknownChoiceError, match=r"did you mean xianning \(咸宁市"):
        query.resolve_region(name, con)


@pytest.mark.parametrize(
    "name", ["nursing_bed_share", "养老机构护理型床位占比", "養老機構護理型床位占比"]
)
def test_indicator_resolution(con, name):
    assert query.resolve_indicator(name, con) == "nursing_bed_share"


def test_part_of_one_indicator_name_resolves(con):
    assert query.resolve_indicator("托位", con) == "childcare_places_per_1k"


def test_part_of_several_indicator_names_lists_the_closest(con):
    with pytest.raises(query.UnknownChoiceError) as error:
        query.resolve_indicator("beds", con)
    message = str(error.value)
    assert message.startswith("unknown indicator 'beds'; did you mean one of these ")
    assert "nursing_bed_share" in message and "sports_area_per_capita" not in message


def test_unknown_indicator_shows_a_few_choices_and_how_to_list_them(con):
    with pytest.raises(query.UnknownChoiceError) as error:
        query.resolve_indicator("Atlantis", con)
    message = str(error.value)
    n_indicators = query.indicators(con).height
    assert message.endswith(" more: `plancompare indicators`")
    assert message.count(" (") < n_indicators and "\n" not in message


def test_targets_filters(con):
    frame = query.targets(region="大姚县", indicator="sports_area_per_capita", con=con)
    assert frame.height >= 1
    assert set(frame["region_id"]) == {"dayao"} and set(frame["indicator_id"]) == {
        "sports_area_per_capita"
    }


def test_compare_keeps_silent_regions(con):
    frame = query.compare("childcare_places_per_1k", con)
    assert set(frame["region_id"]) == {"minqin", "guizhou", "wuzhong", "xianning", "dayao"}
    silent = frame.filter(pl.col("status") == "not stated")
    assert silent.height >= 1 and silent["target_value"].null_count() == silent.height


def test_profile_is_one_region(con):
    frame = query.profile("民勤县", con)
    assert frame.height > 20 and set(frame["region_id"]) == {"minqin"}


def test_standing_compares_with_other_regions(con):
    frame = query.standing("minqin", con)
    assert frame.height > 0 and set(frame["region_id"]) == {"minqin"}
    assert (frame["rank"] >= 1).all() and (frame["rank"] <= frame["n_others"] + 1).all()
    assert frame["position"].is_between(0, 100).all()


def test_standing_selects_the_view(con):
    view = con.sql("SELECT * FROM standing WHERE region_id = 'dayao'").pl()
    assert query.standing("大姚县", con).sort("indicator_id").equals(view.sort("indicator_id"))


def test_national_path_selects_the_view(con):
    frame = query.national_path("nursing_bed_share", con)
    assert set(frame["indicator_id"]) == {"nursing_bed_share"}
    assert frame["kind"].to_list()[-1] == "target"


def test_parameters_are_bound_not_interpolated(con):
    with pytest.raises(query.UnknownChoiceError):
        query.targets(region="x' OR '1'='1", con=con)


def test_missing_database_says_how_to_build(tmp_path):
    with pytest.raises(query.DatabaseMissingError, match="plancompare build"):
        query.connect(tmp_path / "none.duckdb")


def test_a_connection_can_be_held_to_one_thread(real_db):
    # A render's kernels use one each: the render already runs a worker per core.
    # (and a notebook's own connection to the same file still opens)
    con = query.connect(real_db, threads=1)
    other = query.connect(real_db)
    try:
        assert con.sql("SELECT current_setting('threads')").fetchall() == [(1,)]
        assert other.sql("SELECT count(*) FROM regions").fetchall() == [(5,)]
    finally:
        con.close()
        other.close()


def test_national_resolves_an_indicator_and_carries_citations(con):
    frame = query.national("养老服务床位总量", con)
    assert set(frame["indicator_id"]) == {"elderly_care_beds"}
    target = frame.filter(pl.col("kind") == "target").row(0, named=True)
    assert (target["value_raw"], target["value"], target["unit"]) == ("约1000万张", 1e7, "张")
    assert target["read_at"].startswith("https://") and target["grade"] == "C"


def test_national_without_indicator_lists_every_indicator(con):
    targets = query.national(con=con).filter(
        (pl.col("kind") == "target") & (pl.col("year") == 2025)
    )
    assert targets["indicator_id"].n_unique() == 22


FOLLOWING = ["comparator", "unit", "line", "quote"]


@pytest.mark.parametrize(
    ("call", "first"),
    [
        (lambda con: query.targets(con=con), ["region_id", "indicator_id"]),
        (lambda con: query.compare("nursing_bed_share", con), ["region_id", "status"]),
        (lambda con: query.profile("dayao", con), ["region_id", "indicator_id"]),
    ],
    ids=["targets", "compare", "profile"],
)
def test_frames_start_with_what_an_analyst_reads(con, call, first):
    frame = call(con)
    # a terminal shows the first four columns of a polars frame
    assert frame.columns[:4] == [*first, "baseline_raw", "target_raw"]
    assert frame.columns[4:8] == FOLLOWING
    # nothing is dropped to get there
    assert {"definition", "target_value", "notes", "csv_row", "name_zh"} <= set(frame.columns)


def test_pandas_users_get_the_same_rows(con):
    frame = query.compare("childcare_places_per_1k", con)
    table = frame.to_pandas()
    assert list(table.columns) == frame.columns and len(table) == frame.height
    silent = table[table["status"] == "not stated"]
    assert len(silent) >= 1 and silent["target_value"].isna().all()


@pytest.mark.parametrize("indicator_id", layout.HEADLINE_INDICATORS)
def test_national_path_has_actual_years_then_the_2025_target(con, indicator_id):
    path = query.national_path(indicator_id, con=con)
    actual = path.filter(pl.col("kind") == "actual")
    assert actual.height >= 2 and actual["year"].min() == 2020
    assert actual["year"].is_sorted()
    assert path.row(-1, named=True)["kind"] == "target"
    assert path.row(-1, named=True)["year"] == 2025
    assert path["publisher"].null_count() == 0 and path["grade"].is_in(["A", "B", "C"]).all()
