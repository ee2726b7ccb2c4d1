"""The staff dashboards' bar charts (enquiries and first replies per week, page views per week):
the SVG's geometry is worked out here and drawn by templates/components/bar_chart.html, with no
script, no inline style and no library, each chart beside a table of the same numbers."""

WIDTH, HEIGHT = 600, 170
TOP, BOTTOM, SIDE = 22, 26, 4


def bar_chart(values, labels, weeks):
    """A chart's context: one bar per value (a number, or None for no bar) scaled to the
    tallest, each with its label above (`labels`) and its week below (`weeks`), and the lines
    of the drawing."""
    tallest = max([value for value in values if value], default=0) or 1
    plot = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - 2 * SIDE) / max(len(values), 1)
    drawn = []
    for index, (value, label, week) in enumerate(zip(values, labels, weeks, strict=True)):
        height = round(plot * (value or 0) / tallest, 1)
        x = SIDE + index * slot
        drawn.append(
            {
                "x": round(x + slot * 0.2, 1),
                "width": round(slot * 0.6, 1),
                "y": round(TOP + plot - height, 1),
                "height": height,
                "middle": round(x + slot / 2, 1),
                "top": round(TOP + plot - height - 6, 1),
                "label": label,
                "week": week,
            }
        )
    return {
        "bars": drawn,
        "width": WIDTH,
        "height": HEIGHT,
        "baseline": HEIGHT - BOTTOM,
        "label_y": HEIGHT - 8,
    }
