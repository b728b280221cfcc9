"""Timeline: when each state or organisation made its statements, coloured by stance."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from analysis import schema, views
from pages import COLOURS, export_buttons, positions


def timeline_figure(counts):
    """One row per actor, a dot per (day, stance) sized by the number of statements."""
    actors = sorted(counts["actor_name"].unique(), key=str.lower, reverse=True)  # A at the top
    fig = go.Figure()
    for stance in schema.STANCES:
        dots = counts[counts["stance"] == stance]
        if dots.empty:
            continue
        fig.add_trace(go.Scatter(
            x=dots["date"], y=dots["actor_name"], mode="markers", name=stance,
            orientation="h", offsetgroup=stance,
            marker=dict(size=(8 + 4 * dots["n"].clip(upper=8)), color=COLOURS[stance],
                        line=dict(width=1, color="white")),
            customdata=list(zip(dots["n"], dots["issues"])),
            hovertemplate=(
                "<b>%{y}</b>, %{x|%d %b %Y}: %{customdata[0]} " + stance
                + " statement(s)<br>%{customdata[1]}<extra></extra>"
            ),
        ))
    fig.update_layout(
        scattermode="group",
        height=160 + 44 * len(actors),
        margin=dict(l=10, r=10, t=40, b=30),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, x=0, title_text="Stance "),
        plot_bgcolor="white",
    )
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#eeeeee", title=None, automargin=True)
    fig.update_yaxes(
        categoryorder="array", categoryarray=actors, showgrid=True, gridcolor="#eeeeee", title=None,
        automargin=True, range=[-0.6, len(actors) - 0.4],
    )
    return fig


df = positions()
st.title("Timeline")
st.caption(
    "Statements by states and organisations over time, one row per actor: "
    "green support, red oppose, grey neutral; bigger dots are more statements that day, "
    "and a day's dots sit side by side by stance. "
    "Statements without a known date are not shown."
)
counts = views.timeline(df)

if counts.empty:
    st.info("No dated statements by a state or organisation match the current filters.", icon=":material/filter_alt:")
    st.stop()

fig = timeline_figure(counts)
st.plotly_chart(fig, key="timeline", theme=None, config={"displaylogo": False}, alt="Statements over time by actor")
export_buttons(fig, counts, "timeline")
