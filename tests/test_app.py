"""The Streamlit app driven headless with AppTest against a small SQLite store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(autouse=True)
def _fresh_cache():
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture
def app(sample_db, monkeypatch):
    monkeypatch.setenv("DEMARCHE_DB", str(sample_db))
    return AppTest.from_file(APP, default_timeout=60)


def chart_data(at) -> list[dict]:
    """The traces of the page's plotly chart."""
    (chart,) = at.get("plotly_chart")
    return json.loads(chart.proto.spec)["data"]


def shown(at, trace_field: str) -> set:
    return {v for trace in chart_data(at) for v in trace[trace_field]}


def by_position(at) -> dict[str, set]:
    """Matrix cells as {position: {(actor name, issue label), ...}} read from the chart's traces."""
    return {t["name"].split()[-1]: set(zip(t["y"], t["x"])) for t in chart_data(at)}


def test_matrix_page_renders_chart_and_exports(app):
    at = app.run()
    assert not at.exception
    assert at.title[0].value == "Stance matrix"
    traces = chart_data(at)
    assert {t["marker"]["symbol"] for t in traces} == {"square"}
    assert {t["name"] for t in traces} == {"+ support", "− oppose", "○ neutral"}
    assert shown(at, "y") == {"France", "Germany", "Hungary", "NATO"}
    assert shown(at, "x") == {"Military aid to Ukraine", "Climate finance"}  # unclassified left out
    # Each cell reads without colour: a symbol and the number of statements.
    hungary = next(t for t in traces if "Hungary" in t["y"])
    assert hungary["text"][hungary["y"].index("Hungary")] == "− 1"
    assert "Viktor Orban" in " ".join(str(c) for t in traces for c in t["customdata"])  # the speaker in the hover
    assert [b.label for b in at.get("download_button")] == ["PNG", "SVG", "HTML", "CSV"]
    assert "Click a square" in " ".join(c.value for c in at.caption)


def test_matrix_shows_latest_statement_or_balance(app):
    # Germany said yes on 29 Feb and no on 4 March.
    at = app.run()
    assert ("Germany", "Military aid to Ukraine") in by_position(at)["oppose"]
    at.segmented_control(key="cell").set_value("All statements").run()
    assert by_position(at)["mixed"] == {("Germany", "Military aid to Ukraine")}


def test_matrix_mode_comes_from_the_url(app):
    app.query_params["cell"] = "All statements"
    at = app.run()
    assert at.segmented_control(key="cell").value == "All statements"
    assert by_position(at)["mixed"] == {("Germany", "Military aid to Ukraine")}


def test_matrix_orders_actors_by_name_or_similarity(app):
    at = app.run()
    ((_, layout),) = [(c, json.loads(c.proto.spec)["layout"]) for c in at.get("plotly_chart")]
    assert layout["yaxis"]["categoryarray"] == ["NATO", "Hungary", "Germany", "France"]  # A at the top
    at.segmented_control(key="order").set_value("Similar positions").run()
    order = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["yaxis"]["categoryarray"][::-1]
    # The two that support sit together, as do the two that oppose.
    assert {frozenset(order[:2]), frozenset(order[2:])} == {frozenset({"France", "NATO"}),
                                                             frozenset({"Germany", "Hungary"})}


def test_export_file_names_carry_the_filters(app):
    app.query_params["actor"] = ["Germany", "France"]
    app.query_params["dates"] = ["2024-03-01", "2024-03-04"]
    at = app.run()
    assert not at.exception
    toolbar = json.loads(at.get("plotly_chart")[0].proto.config)["toImageButtonOptions"]
    assert toolbar["filename"] == "stance-matrix_DEU-FRA_2024-03-01_2024-03-04" and toolbar["format"] == "png"


def test_matrix_can_include_unclassified(app):
    at = app.run()
    at.toggle(key="matrix_unclassified").set_value(True).run()
    assert "migration quotas" in shown(at, "x")


def test_quotes_page_shows_quotes_and_searches(app):
    at = app.run()
    at.switch_page("pages/quotes.py").run()
    assert not at.exception
    assert at.title[0].value == "Quotes"
    table = at.dataframe[0].value
    assert "Taurus missiles will not be sent" in set(table["quote"])
    assert "Jane Doe" in set(table["speaker"])  # speakers for no state or organisation too
    assert {"speaker_role", "issue_label", "stance", "date", "title", "url"} <= set(table.columns)
    at.text_input(key="q").input("taurus").run()
    assert at.dataframe[0].value["quote"].tolist() == ["Taurus missiles will not be sent"]


def test_timeline_page_renders(app):
    at = app.run()
    at.switch_page("pages/timeline.py").run()
    assert not at.exception
    assert at.title[0].value == "Timeline"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert set(spec["layout"]["yaxis"]["ticktext"]) == {"France", "Germany", "Hungary", "NATO"}
    legend = {t["name"] for t in spec["data"] if t.get("showlegend") is not False and t.get("name")}
    assert {"+ support", "− oppose", "○ neutral", "Military aid to Ukraine", "Climate finance"} <= legend
    # Germany went from support (29 Feb) to oppose (4 March): the page names the change
    # and the chart rings that statement.
    assert "**Germany** on Military aid to Ukraine: support → oppose (2024-03-04)" in [c.value for c in at.caption]
    assert "Taurus missiles will not be sent" in [t.value for t in at.text]
    ringed = [t for t in spec["data"] if t.get("mode") == "markers" and t.get("customdata")
              and 3 in (t["marker"]["line"]["width"] if isinstance(t["marker"]["line"]["width"], list) else [])]
    assert [t["customdata"][t["marker"]["line"]["width"].index(3)][0] for t in ringed] == ["Germany"]
    assert "stance changed" in legend


def test_sidebar_filters_narrow_every_page(app):
    at = app.run()
    at.multiselect(key="actor").select("HUN").select("NATO").run()
    assert shown(at, "y") == {"Hungary", "NATO"}
    at.multiselect(key="stance").select("oppose").run()
    assert shown(at, "y") == {"Hungary"}
    at.switch_page("pages/quotes.py").run()  # the filters follow to the next page
    assert at.multiselect(key="actor").value == ["HUN", "NATO"]
    assert set(at.dataframe[0].value["actor_name"]) == {"Hungary"}


def test_filters_come_from_the_url(app):
    app.query_params["actor"] = ["Germany", "France"]
    app.query_params["dates"] = ["2024-03-01", "2024-03-04"]
    at = app.run()
    assert not at.exception
    assert set(at.multiselect(key="actor").value) == {"FRA", "DEU"}
    assert shown(at, "y") == {"France", "Germany"}
    assert shown(at, "x") == {"Military aid to Ukraine"}  # France's climate statement is from 5 March
    at.switch_page("pages/quotes.py").run()
    assert sorted(at.dataframe[0].value["date"]) == ["2024-03-01", "2024-03-04"]


def test_empty_store_explains_how_to_add_articles(tmp_path, monkeypatch):
    from analysis.store import Store

    path = tmp_path / "empty.sqlite"
    Store(path).close()
    monkeypatch.setenv("DEMARCHE_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    message = at.info[0].value
    assert "No articles" in message and "Sources" in message and "python -m analysis ingest" in message
    assert not at.get("plotly_chart")
    assert at.get("page_link")[0].proto.page.endswith("sources")


def test_articles_without_statements_say_so(tmp_path, monkeypatch):
    from analysis import schema
    from analysis.articles import Article
    from analysis.store import Store

    path = tmp_path / "no_rows.sqlite"
    with Store(path) as store:
        store.ingest([Article(id="a1", text="Nothing quotable here.", title="Quiet day")], schema.empty_frame())
    monkeypatch.setenv("DEMARCHE_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "no statements were found" in at.info[0].value
