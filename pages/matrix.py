"""Stance matrix: one square per actor × issue, coloured by the actor's overall position.

Clicking a square lists that cell's quotes below the chart.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go
import streamlit as st

from analysis import views
from pages import COLOURS, INK, chart_config, export_buttons, hover_quote, positions, quote_table


def matrix_figure(matrix, actor_order: list[str]):
    """Square markers on an issue (x) × actor (y) grid, one trace per position so the legend explains the colours.

    Each square carries the position's symbol and the number of statements, so the
    matrix also reads in greyscale.
    """
    names = matrix.drop_duplicates("actor").set_index("actor")["actor_name"]
    actors = [names[a] for a in reversed(actor_order)]  # the first actor at the top
    issues = sorted(matrix["issue_label"].unique(), key=str.lower)
    fig = go.Figure()
    for position in views.POSITIONS:
        cells = matrix[matrix["position"] == position]
        if cells.empty:
            continue
        fig.add_trace(go.Scatter(
            x=cells["issue_label"], y=cells["actor_name"], mode="markers+text",
            name=f"{views.POSITION_SYMBOLS[position]} {position}",
            marker=dict(symbol="square", size=42, color=COLOURS[position], line=dict(width=1, color="white")),
            text=[f"{sym} {n}" for sym, n in zip(cells["symbol"], cells["n"])],
            textfont=dict(color=INK[position], size=13),
            customdata=list(zip(
                cells["actor"], cells["issue"], cells["n"], cells["n_support"], cells["n_oppose"],
                cells["n_neutral"], cells["net"].round(2), cells["latest"].replace("", "undated"),
                [html.escape(s or "unnamed speaker") for s in cells["speaker"]],
                [hover_quote(q, width=60, limit=220) for q in cells["example"]],
            )),
            hovertemplate=(
                "<b>%{y}</b> on <b>%{x}</b>: " + position + "<br>"
                "%{customdata[2]} statement(s): %{customdata[3]} support, %{customdata[4]} oppose, "
                "%{customdata[5]} neutral · net score %{customdata[6]}<br>latest %{customdata[7]}<br>"
                "<i>%{customdata[8]}</i>: %{customdata[9]}<extra></extra>"
            ),
        ))
    label_width = 7 * max(len(a) for a in actors) + 30
    fig.update_layout(
        height=150 + 52 * len(actors),
        width=min(1400, max(520, label_width + 60 + 170 * len(issues))),
        margin=dict(l=10, r=10, t=10, b=10),
        legend=dict(orientation="h", yanchor="top", y=-0.02, x=0, title_text="Position "),
        plot_bgcolor="white",
        paper_bgcolor="white",
        font=dict(family="DejaVu Sans, Arial, sans-serif"),
        clickmode="event+select",
        dragmode=False,
    )
    fig.update_xaxes(
        categoryorder="array", categoryarray=issues, side="top", showgrid=False, title=None, automargin=True,
        range=[-0.6, len(issues) - 0.4], fixedrange=True,
    )
    fig.update_yaxes(
        categoryorder="array", categoryarray=actors, showgrid=False, title=None, automargin=True,
        range=[-0.6, len(actors) - 0.4], fixedrange=True,
    )
    return fig


df = positions()
st.title("Stance matrix")
st.caption(
    "Each square is what one state or organisation said about one issue in the filtered articles: "
    "blue \\+ support, red − oppose, purple ± mixed (both, neither clearly ahead), grey ○ neutral. "
    "The number is how many statements. Click a square to read its quotes."
)
left, middle, right = st.columns([2, 2, 1.3], vertical_alignment="bottom")
# Options are the words shown (and kept in the URL); the dicts map them to views' modes.
MODES = {"Latest statement": "latest", "All statements": "balance"}
ORDERS = {"Name": "name", "Similar positions": "similarity"}
mode = MODES[left.segmented_control(
    "Each square shows", list(MODES), default="Latest statement", key="cell", bind="query-params",
    help="Latest statement: the actor's most recent day speaking on the issue decides, so a change of mind shows. "
         "All: the balance of its statements in the period; mixed when neither side has twice the other's count.",
) or "Latest statement"]
order = ORDERS[middle.segmented_control(
    "Order actors by", list(ORDERS), default="Name", key="order", bind="query-params",
    help="Similar positions: actors that take the same sides on the same issues sit next to each other.",
) or "Name"]
include_unclassified = right.toggle("Unclassified issues", key="matrix_unclassified",
                                    help="Also show statements that match no issue in the codebook")
matrix = views.stance_matrix(df, include_unclassified=include_unclassified, mode=mode)

if matrix.empty:
    st.info("No statements by a state or organisation match the current filters.", icon=":material/filter_alt:")
    st.stop()

fig = matrix_figure(matrix, views.actor_order(matrix, by=order))
event = st.plotly_chart(
    fig, key="matrix", on_select="rerun", selection_mode="points", theme=None, width="content",
    config=chart_config("stance matrix"), alt="Stance matrix of actors by issue",
)
export_buttons(fig, matrix, "stance matrix")

cells = {(p["customdata"][0], p["customdata"][1]) for p in event.selection.points if p.get("customdata")}
if cells:
    names = dict(zip(zip(matrix["actor"], matrix["issue"]), zip(matrix["actor_name"], matrix["issue_label"])))
    st.subheader(" · ".join(f"{names[c][0]} on {names[c][1]}" for c in sorted(cells) if c in names))
    picked = df[[(a, i) in cells for a, i in zip(df["actor"], df["issue"])]]
    quote_table(views.quotes(picked), key="matrix_quotes")
else:
    st.caption(":material/touch_app: Click a square in the matrix to see its quotes here.")
