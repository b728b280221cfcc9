"""Stance matrix: one square per actor × issue, coloured by the actor's overall position.

Clicking a square lists that cell's quotes below the chart.
"""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go
import streamlit as st

from analysis import views
from pages import COLOURS, export_buttons, positions, quote_table


def _hover_quote(quote: str) -> str:
    short = textwrap.shorten(quote, width=220, placeholder=" …")
    return "<br>".join(html.escape(line) for line in textwrap.wrap(f"“{short}”", width=60))


def matrix_figure(matrix):
    """Square markers on an issue (x) × actor (y) grid, one trace per position so the legend explains the colours."""
    actors = sorted(matrix["actor_name"].unique(), key=str.lower, reverse=True)  # A at the top
    issues = sorted(matrix["issue_label"].unique(), key=str.lower)
    fig = go.Figure()
    for position in views.POSITIONS:
        cells = matrix[matrix["position"] == position]
        if cells.empty:
            continue
        fig.add_trace(go.Scatter(
            x=cells["issue_label"], y=cells["actor_name"], mode="markers+text", name=position,
            marker=dict(symbol="square", size=38, color=COLOURS[position], line=dict(width=1, color="white")),
            text=cells["n"].astype(str), textfont=dict(color="white", size=12),
            customdata=list(zip(
                cells["actor"], cells["issue"], cells["n_support"], cells["n_oppose"], cells["n_neutral"],
                cells["net"].round(2), cells["latest"], [_hover_quote(q) for q in cells["example"]],
            )),
            hovertemplate=(
                "<b>%{y}</b> on <b>%{x}</b>: " + position + "<br>"
                "statements: %{text} (%{customdata[2]} support, %{customdata[3]} oppose, "
                "%{customdata[4]} neutral)<br>net score %{customdata[5]} · latest %{customdata[6]}<br>"
                "%{customdata[7]}<extra></extra>"
            ),
        ))
    label_width = 7 * max(len(a) for a in actors) + 30
    fig.update_layout(
        height=150 + 50 * len(actors),
        width=min(1400, label_width + 60 + 170 * len(issues)),
        margin=dict(l=10, r=10, t=10, b=10),
        legend=dict(orientation="h", yanchor="top", y=-0.02, x=0, title_text="Position "),
        plot_bgcolor="white",
        clickmode="event+select",
        dragmode=False,
    )
    fig.update_xaxes(
        categoryorder="array", categoryarray=issues, side="top", showgrid=False, title=None, automargin=True,
        range=[-0.6, len(issues) - 0.4],
    )
    fig.update_yaxes(
        categoryorder="array", categoryarray=actors, showgrid=False, title=None, automargin=True,
        range=[-0.6, len(actors) - 0.4],
    )
    return fig


df = positions()
st.title("Stance matrix")
st.caption(
    "Each square is what one state or organisation said about one issue in the filtered articles: "
    "green support, red oppose, amber mixed (both, neither clearly ahead), grey neutral. "
    "The number is how many statements. Click a square to read its quotes."
)
include_unclassified = st.toggle("Include unclassified issues", key="matrix_unclassified")
matrix = views.stance_matrix(df, include_unclassified=include_unclassified)

if matrix.empty:
    st.info("No statements by a state or organisation match the current filters.", icon=":material/filter_alt:")
    st.stop()

fig = matrix_figure(matrix)
event = st.plotly_chart(
    fig, key="matrix", on_select="rerun", selection_mode="points", theme=None, width="content",
    config={"displayModeBar": False}, alt="Stance matrix of actors by issue",
)
export_buttons(fig, matrix, "stance-matrix")

cells = {(p["customdata"][0], p["customdata"][1]) for p in event.selection.points if p.get("customdata")}
if cells:
    names = dict(zip(zip(matrix["actor"], matrix["issue"]), zip(matrix["actor_name"], matrix["issue_label"])))
    st.subheader(" · ".join(f"{names[c][0]} on {names[c][1]}" for c in sorted(cells) if c in names))
    picked = df[[(a, i) in cells for a, i in zip(df["actor"], df["issue"])]]
    quote_table(views.quotes(picked), key="matrix_quotes")
else:
    st.caption(":material/touch_app: Click a square in the matrix to see its quotes here.")
