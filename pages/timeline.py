"""Timeline: each statement by a state or organisation in time, coloured by stance, issue as the marker shape.

A line joins an actor's statements on one issue; where its stance flips, the line
turns dark and the statement gets a ring, so a change of position shows as such.
"""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go
import streamlit as st

from analysis import schema, views
from pages import COLOURS, chart_config, export_buttons, hover_quote, positions

# Marker shapes, one per issue in order of appearance (plotly symbol names); they repeat past the last.
SHAPES = ("circle", "square", "diamond", "triangle-up", "cross", "x", "star", "pentagon",
          "hexagon", "triangle-down", "hourglass", "bowtie", "hexagram", "star-square", "triangle-left",
          "triangle-right", "diamond-tall", "star-triangle-up", "square-x", "circle-cross")
STANCE_SYMBOLS = {"support": "+", "oppose": "−", "neutral": "○"}
# How far apart an actor's issues sit within its row (the row is 1 unit tall), at most;
# an actor with many issues gets narrower lanes so they stay inside its row.
LANE = 0.16
ROW_SPAN = 0.7


def timeline_figure(points):
    """One row per actor (numeric y, so an actor's issues get lanes within its row)."""
    actors = sorted(points["actor_name"].unique(), key=str.lower, reverse=True)  # A at the top
    issues = list(dict.fromkeys(points.sort_values("issue_label")["issue_label"]))
    shape = {issue: SHAPES[i % len(SHAPES)] for i, issue in enumerate(issues)}
    row = {a: i for i, a in enumerate(actors)}
    lanes = {}
    for actor, group in points.groupby("actor_name"):
        mine = sorted(group["issue_label"].unique(), key=issues.index)
        lane = min(LANE, ROW_SPAN / max(1, len(mine) - 1))
        for j, issue in enumerate(mine):
            lanes[(actor, issue)] = row[actor] + (j - (len(mine) - 1) / 2) * lane
    points = points.assign(y=[lanes[(a, i)] for a, i in zip(points["actor_name"], points["issue_label"])])

    fig = go.Figure()
    # Lines first, under the markers: grey while the stance holds, dark where it flips.
    for _, g in points[points["stance"] != "neutral"].groupby(["actor", "issue"]):
        if len(g) < 2:
            continue
        for (_, a), (_, b) in zip(g.iloc[:-1].iterrows(), g.iloc[1:].iterrows()):
            flip = bool(b["changed"])
            fig.add_trace(go.Scatter(
                x=[a["date"], b["date"]], y=[a["y"], b["y"]], mode="lines", hoverinfo="skip",
                line=dict(color="#222222" if flip else "#c8c8c8", width=2.5 if flip else 1.2,
                          dash="dot" if flip else "solid"),
                showlegend=False,
            ))
    for stance in schema.STANCES:
        for issue in issues:
            dots = points[(points["stance"] == stance) & (points["issue_label"] == issue)]
            if dots.empty:
                continue
            fig.add_trace(go.Scatter(
                x=dots["date"], y=dots["y"], mode="markers", name=issue, legendgroup=issue,
                showlegend=False,
                marker=dict(
                    symbol=shape[issue], size=13, color=COLOURS[stance],
                    line=dict(width=[3 if c else 1 for c in dots["changed"]],
                              color=["#111111" if c else "white" for c in dots["changed"]]),
                ),
                customdata=list(zip(
                    dots["actor_name"], dots["issue_label"], [html.escape(s or "unnamed speaker") for s in dots["speaker"]],
                    [hover_quote(q, width=70, limit=240) for q in dots["quote"]],
                    [f"<br><b>changed from {p} to {s}</b>" if c else "" for p, s, c in
                     zip(dots["previous_stance"], dots["stance"], dots["changed"])],
                    [html.escape(t) for t in dots["title"]],
                )),
                hovertemplate=(
                    "<b>%{customdata[0]}</b>, %{x|%d %b %Y}: " + stance + " on %{customdata[1]}%{customdata[4]}<br>"
                    "<i>%{customdata[2]}</i>: %{customdata[3]}<br><span style='color:#666'>%{customdata[5]}</span>"
                    "<extra></extra>"
                ),
            ))
    # Legend: colours for stance, shapes for issue, a ring for a change of position.
    for stance in schema.STANCES:
        if (points["stance"] == stance).any():
            fig.add_trace(go.Scatter(
                x=[None], y=[None], mode="markers", name=f"{STANCE_SYMBOLS[stance]} {stance}",
                legendgroup="stance", legendgrouptitle_text="Stance",
                marker=dict(symbol="circle", size=12, color=COLOURS[stance]),
            ))
    for issue in issues:
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=issue, legendgroup="issue", legendgrouptitle_text="Issue",
            marker=dict(symbol=shape[issue], size=12, color="#777777"),
        ))
    if points["changed"].any():
        fig.add_trace(go.Scatter(
            x=[None], y=[None], mode="lines+markers", name="stance changed", legendgroup="change",
            legendgrouptitle_text="Change",
            line=dict(color="#222222", width=2.5, dash="dot"),
            marker=dict(symbol="circle", size=12, color="white", line=dict(width=3, color="#111111")),
        ))
    fig.update_layout(
        height=170 + 60 * len(actors),
        margin=dict(l=10, r=10, t=30, b=30),
        legend=dict(groupclick="toggleitem", tracegroupgap=12),
        plot_bgcolor="white",
        paper_bgcolor="white",
        font=dict(family="DejaVu Sans, Arial, sans-serif"),
        hovermode="closest",
    )
    fig.update_xaxes(type="date", showgrid=True, gridcolor="#eeeeee", title=None, automargin=True)
    fig.update_yaxes(
        tickmode="array", tickvals=list(range(len(actors))), ticktext=actors, showgrid=False,
        zeroline=False, title=None, automargin=True, range=[-0.6, len(actors) - 0.4],
    )
    for i in range(len(actors) - 1):  # thin rules between actors' rows
        fig.add_hline(y=i + 0.5, line=dict(color="#eeeeee", width=1))
    return fig


df = positions()
st.title("Timeline")
st.caption(
    "Each mark is one statement by a state or organisation: colour is the stance "
    "(blue support, red oppose, grey neutral), shape is the issue. A line joins an actor's "
    "statements on one issue; a dark dotted line and a ringed mark show where its stance changed. "
    "Hover a mark to read the words. Statements without a known date are not shown."
)
include_unclassified = st.toggle("Unclassified issues", key="timeline_unclassified",
                                 help="Also show statements that match no issue in the codebook, as one issue")
points = views.timeline(df, include_unclassified=include_unclassified)

if points.empty:
    st.info("No dated statements by a state or organisation match the current filters.", icon=":material/filter_alt:")
    st.stop()

fig = timeline_figure(points)
st.plotly_chart(fig, key="timeline", theme=None, config=chart_config("timeline"),
                alt="Statements over time by actor")
export_buttons(fig, points, "timeline")

changes = points[points["changed"]]
if len(changes):
    with st.expander(f":material/swap_horiz: {len(changes)} change(s) of position", expanded=len(changes) <= 5):
        for a, i, p, s, d, q in zip(changes["actor_name"], changes["issue_label"], changes["previous_stance"],
                                    changes["stance"], changes["date"], changes["quote"]):
            st.caption(f"**{a}** on {i}: {p} → {s} ({d})")
            st.text(textwrap.shorten(q, width=300, placeholder=" …"))
