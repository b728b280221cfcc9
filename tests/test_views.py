"""analysis.views and analysis.export on small hand-made frames."""

from __future__ import annotations

import datetime as dt
import io
import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from analysis import export, schema, views
from conftest import positions


def frame(*rows: dict) -> pd.DataFrame:
    """A typed positions frame; each row only names what differs from a plain French support statement."""
    base = dict(
        article_id="a1", title="T", source="Wire", url="https://x/a1", published="2024-03-01",
        actor="FRA", actor_name="France", actor_kind="state", speaker="Macron", speaker_role="President",
        issue="aid", issue_label="Aid", stance="support", stance_score=1.0, date="2024-03-01",
        kind="direct", quote="q", cue="said", confidence=0.9, stance_cue="the deciding words",
    )
    return positions(base, rows)


# -- filter_positions -------------------------------------------------------------------


def test_filter_no_arguments_keeps_everything(sample_positions):
    assert len(views.filter_positions(sample_positions)) == len(sample_positions)
    assert len(views.filter_positions(sample_positions, countries=[], issues=None)) == len(sample_positions)


def test_filter_each_column(sample_positions):
    df = sample_positions
    assert set(views.filter_positions(df, countries=["DEU", "NATO"])["actor"]) == {"DEU", "NATO"}
    assert set(views.filter_positions(df, issues=["climate_finance"])["actor"]) == {"FRA"}
    assert set(views.filter_positions(df, stances=["neutral"])["quote"]) == {"The climate fund will be discussed in June"}
    assert views.filter_positions(df, kinds=["indirect"]).empty
    assert set(views.filter_positions(df, actor_kinds=["other"])["speaker"]) == {"Jane Doe"}
    combined = views.filter_positions(df, countries=["DEU"], stances=["oppose"])
    assert combined["date"].tolist() == ["2024-03-04"]


def test_filter_dates_inclusive_and_drops_undated(sample_positions):
    df = sample_positions
    got = views.filter_positions(df, date_from=dt.date(2024, 3, 1), date_to="2024-03-04")
    assert sorted(got["date"]) == ["2024-03-01", "2024-03-01", "2024-03-01", "2024-03-04"]
    assert "" not in set(views.filter_positions(df, date_from="2024-01-01")["date"])
    assert set(views.filter_positions(df, date_to=pd.Timestamp("2024-02-29"))["date"]) == {"2024-02-29"}


# -- stance_matrix ----------------------------------------------------------------------


def test_matrix_counts_net_and_latest():
    df = frame(
        dict(stance="support", stance_score=0.8, date="2024-03-01", quote="old yes"),
        dict(stance="support", stance_score=0.6, date="2024-03-03", quote="new yes"),
        dict(stance="neutral", stance_score=0.0, date="2024-03-05", quote="maybe"),
    )
    m = views.stance_matrix(df)
    assert list(m.columns) == list(views.MATRIX_COLUMNS)
    row = m.iloc[0]
    assert (row["actor"], row["actor_name"], row["issue"], row["issue_label"]) == ("FRA", "France", "aid", "Aid")
    assert (row["n"], row["n_support"], row["n_oppose"], row["n_neutral"]) == (3, 2, 0, 1)
    assert row["net"] == pytest.approx(1.4 / 3)
    assert row["position"] == "support"
    assert row["symbol"] == "+"
    assert row["latest"] == "2024-03-05"
    assert row["example"] == "new yes"  # newest quote that shows the position
    assert row["speaker"] == "Macron"


@pytest.mark.parametrize(
    ("n_support", "n_oppose", "position"),
    [(1, 1, "mixed"), (3, 2, "mixed"), (2, 1, "support"), (1, 3, "oppose"), (0, 2, "oppose"), (0, 0, "neutral")],
)
def test_matrix_balance_position(n_support, n_oppose, position):
    rows = [dict(stance="support", stance_score=0.5)] * n_support + [dict(stance="oppose", stance_score=-0.5)] * n_oppose
    rows.append(dict(stance="neutral", stance_score=0.0))
    assert views.stance_matrix(frame(*rows), mode="balance")["position"].tolist() == [position]


def test_matrix_leaves_out_rows_that_take_no_side():
    # a statement that only names the issue (neutral, nothing decided it) makes no cell
    df = frame(dict(stance="neutral", stance_score=0.0, stance_cue=""),
               dict(actor="DEU", actor_name="Germany", stance="neutral", stance_score=0.0, stance_cue="with or without"))
    m = views.stance_matrix(df)
    assert m[["actor", "position"]].values.tolist() == [["DEU", "neutral"]]


def test_matrix_latest_is_the_most_recent_day():
    # Three times yes, then a no: the latest statement decides, the counts keep the history.
    df = frame(*[dict(stance="support", date=f"2024-03-0{d}") for d in (1, 2, 3)],
               dict(stance="oppose", stance_score=-1.0, date="2024-03-09", quote="we now say no", speaker="Barrot"))
    row = views.stance_matrix(df, mode="latest").iloc[0]
    assert (row["position"], row["symbol"], row["n_support"], row["n_oppose"]) == ("oppose", "−", 3, 1)
    assert (row["example"], row["speaker"]) == ("we now say no", "Barrot")
    assert views.stance_matrix(df, mode="balance").iloc[0]["position"] == "support"
    # A neutral word afterwards does not undo the side taken.
    later = pd.concat([df, frame(dict(stance="neutral", stance_score=0.0, date="2024-03-10", content_start=99))])
    assert views.stance_matrix(later).iloc[0]["position"] == "oppose"


def test_matrix_latest_day_with_both_sides_is_mixed_and_undated_uses_publication():
    same_day = frame(dict(stance="support", date="2024-03-09"), dict(stance="oppose", stance_score=-1.0, date="2024-03-09"),
                     dict(stance="support", date="2024-03-01"))
    assert views.stance_matrix(same_day)["position"].tolist() == ["mixed"]
    # An undated statement in an article published after the dated one is the later word.
    undated = frame(dict(stance="support", date="2024-03-01"),
                    dict(stance="oppose", stance_score=-1.0, date="", published="2024-03-20", article_id="a2"))
    assert views.stance_matrix(undated)["position"].tolist() == ["oppose"]


def test_matrix_rejects_unknown_mode():
    with pytest.raises(ValueError, match="latest, balance"):
        views.stance_matrix(frame(dict()), mode="newest")


def test_actor_order_by_name_and_by_similarity():
    def cell(actor, issue, stance):
        return dict(actor=actor, actor_name=actor.title(), issue=issue, issue_label=issue, stance=stance,
                    stance_score={"support": 1.0, "oppose": -1.0}[stance])
    # Two blocs that disagree on both issues; by name they interleave.
    df = frame(cell("AAA", "x", "support"), cell("AAA", "y", "oppose"),
               cell("BBB", "x", "oppose"), cell("BBB", "y", "support"),
               cell("CCC", "x", "support"), cell("CCC", "y", "oppose"),
               cell("DDD", "x", "oppose"), cell("DDD", "y", "support"))
    m = views.stance_matrix(df)
    assert views.actor_order(m, "name") == ["AAA", "BBB", "CCC", "DDD"]
    order = views.actor_order(m, "similarity")
    assert sorted(order) == ["AAA", "BBB", "CCC", "DDD"]
    assert {frozenset(order[:2]), frozenset(order[2:])} == {frozenset({"AAA", "CCC"}), frozenset({"BBB", "DDD"})}
    with pytest.raises(ValueError):
        views.actor_order(m, "size")


def test_matrix_one_row_per_actor_issue(sample_positions):
    m = views.stance_matrix(sample_positions)
    cells = {(a, i): p for a, i, p in zip(m["actor"], m["issue"], m["position"])}
    assert cells == {
        ("DEU", "ukraine_aid"): "oppose",  # its latest word; "mixed" on balance
        ("FRA", "climate_finance"): "neutral",
        ("FRA", "ukraine_aid"): "support",
        ("HUN", "ukraine_aid"): "oppose",
        ("NATO", "ukraine_aid"): "support",
    }
    assert m["actor_name"].tolist() == sorted(m["actor_name"].tolist(), key=str)


def test_matrix_excludes_other_speakers_and_unclassified(sample_positions):
    m = views.stance_matrix(sample_positions)
    assert "" not in set(m["actor"]) and "Jane Doe" not in set(m["actor_name"])
    assert schema.UNCLASSIFIED not in set(m["issue"])
    with_unclassified = views.stance_matrix(sample_positions, include_unclassified=True)
    assert ("HUN", schema.UNCLASSIFIED) in set(zip(with_unclassified["actor"], with_unclassified["issue"]))
    assert "" not in set(with_unclassified["actor"])


def test_matrix_of_empty_frame_has_columns():
    m = views.stance_matrix(schema.empty_frame())
    assert m.empty and list(m.columns) == list(views.MATRIX_COLUMNS)


# -- quotes, search, timeline, options ----------------------------------------------------


def test_quotes_newest_first_with_every_speaker(sample_positions):
    q = views.quotes(sample_positions)
    assert list(q.columns) == [*views.QUOTE_COLUMNS, *views.QUOTE_ID_COLUMNS]
    assert len(q) == len(sample_positions)
    dated = [d for d in q["date"] if d]
    assert dated == sorted(dated, reverse=True)
    assert q["date"].iloc[-1] == ""  # undated last
    assert "Jane Doe" in set(q["speaker"])
    assert q.iloc[0]["quote"] in {"Allies must deliver what they promised", "The climate fund will be discussed in June"}


def test_search_quotes(sample_positions):
    q = views.quotes(sample_positions)
    assert views.search_quotes(q, "") is q
    assert views.search_quotes(q, "TAURUS")["speaker"].tolist() == ["a government spokesman"]
    assert set(views.search_quotes(q, "foreign minister")["actor_name"]) == {"France", "Hungary"}
    assert views.search_quotes(q, "nothing like this").empty


def test_timeline_one_point_per_statement_with_changes(sample_positions):
    t = views.timeline(sample_positions)
    assert list(t.columns) == list(views.TIMELINE_COLUMNS)
    assert "" not in set(t["actor"])  # other speakers left out
    assert "" not in set(t["date"])  # undated left out
    assert len(t) == 6 and t["date"].tolist() == sorted(t["date"])
    germany = t[t["actor"] == "DEU"]
    assert germany[["date", "stance", "previous_stance", "changed"]].values.tolist() == [
        ["2024-02-29", "support", "", False], ["2024-03-04", "oppose", "support", True]]
    assert t["changed"].sum() == 1
    assert germany["quote"].iloc[1] == "Taurus missiles will not be sent"


def test_timeline_change_ignores_neutral_and_other_issues():
    df = frame(dict(stance="support", date="2024-03-01"),
               dict(stance="neutral", stance_score=0.0, date="2024-03-02"),
               dict(stance="support", date="2024-03-03"),
               dict(stance="oppose", stance_score=-1.0, date="2024-03-04", issue="other", issue_label="Other"),
               dict(stance="oppose", stance_score=-1.0, date="2024-03-05"))
    t = views.timeline(df)
    assert t["changed"].tolist() == [False, False, False, False, True]
    assert t["previous_stance"].tolist() == ["", "", "support", "", "support"]


def test_timeline_leaves_out_unclassified_unless_asked(sample_positions):
    assert schema.UNCLASSIFIED not in set(views.timeline(sample_positions)["issue"])
    undated = sample_positions.assign(date=sample_positions["date"].replace("", "2024-03-05"))
    t = views.timeline(undated, include_unclassified=True)
    assert t.loc[t["issue"] == schema.UNCLASSIFIED, "issue_label"].tolist() == ["Unclassified"]


def test_timeline_of_empty_frame_has_columns():
    t = views.timeline(schema.empty_frame())
    assert t.empty and list(t.columns) == list(views.TIMELINE_COLUMNS)


def test_source_filter_and_options():
    df = frame(dict(source="Reuters"), dict(source="AP", actor="DEU"), dict(source=None, actor="POL"))
    assert views.source_options(df) == ["AP", "Reuters"]
    assert views.filter_positions(df, sources=["AP"])["actor"].tolist() == ["DEU"]


def test_export_file_stem_names_page_and_filters():
    assert export.file_stem("Stance matrix", countries=["POL", "FRA", "DEU"], date_from=dt.date(2024, 2, 1),
                            date_to="2024-02-29") == "stance-matrix_DEU-FRA-POL_2024-02"
    assert export.file_stem("timeline", issues=["gaza_ceasefire"], stances=["oppose"],
                            date_from="2024-02-03") == "timeline_gaza-ceasefire_oppose_2024-02-03_end"
    assert export.file_stem("timeline", countries=list("ABCDEF")) == "timeline_A-B-C-D-plus2"
    assert export.file_stem("Quotes", countries=[], issues=None) == "quotes"


def test_sidebar_options(sample_positions):
    assert views.actor_options(sample_positions) == {"FRA": "France", "DEU": "Germany", "HUN": "Hungary", "NATO": "NATO"}
    issues = views.issue_options(sample_positions)
    assert list(issues) == ["climate_finance", "ukraine_aid", schema.UNCLASSIFIED]
    assert views.date_bounds(sample_positions) == (dt.date(2024, 2, 29), dt.date(2024, 3, 5))
    assert views.date_bounds(schema.empty_frame()) is None


# -- export -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fig():
    return go.Figure(go.Scatter(x=["Aid"], y=["France"], mode="markers", marker_symbol="square"))


def test_figure_html_is_offline(fig):
    from plotly.offline import get_plotlyjs_version

    page = export.figure_html(fig)
    assert "<html>" in page[:100] and page.rstrip().endswith("</html>")
    assert f"plotly.js v{get_plotlyjs_version()}" in page  # the library itself is inlined
    assert not re.search(r"<script[^>]*\bsrc=", page)  # nothing loaded from a CDN or anywhere else


def test_table_csv_round_trips(sample_positions):
    q = views.quotes(sample_positions)
    back = pd.read_csv(io.BytesIO(export.table_csv(q)), dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(back, q.astype(object).astype(str), check_dtype=False)


def test_figure_bytes_rejects_unknown_format(fig):
    with pytest.raises(ValueError):
        export.figure_bytes(fig, "gif")


@pytest.mark.skipif(export.browser_path() is None, reason="no Chromium on PATH for Kaleido")
def test_png_export_with_kaleido(fig):
    try:
        png = export.figure_bytes(fig, "png")
        svg = export.figure_bytes(fig, "svg")
    finally:
        export.stop()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert b"<svg" in svg[:200]
