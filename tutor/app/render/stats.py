"""Quiz statistics on the terminal: a summary, the 14-day forecast as bars, and the terms table,
weakest first, with the recall expected tomorrow and in a week (numbers from tutor.core.quiz.stats)."""

from __future__ import annotations

from datetime import datetime

from rich.table import Table
from rich.text import Text


def show(terminal, stats: dict) -> None:
    out = terminal.out
    summary = Table(title="Quiz progress", show_header=False)
    summary.add_column(style="bold")
    summary.add_column(justify="right")
    for label, key in (("Reviews so far", "reviews_total"), ("Terms started", "cards_total"),
                       ("Due now", "due_now"), ("Due by the end of today", "due_today"),
                       ("Due tomorrow", "due_tomorrow"), ("Due this week", "due_this_week"),
                       ("Streak (days)", "streak_days")):
        summary.add_row(label, str(stats[key]))
    out.print(summary)
    if stats["hardest"]:
        out.print(Text("Hardest terms: " + ", ".join(stats["hardest"])))
    peak = max((d["due"] for d in stats["forecast"]), default=0) or 1
    chart = Text("\nDue over the next 14 days\n", style="bold")
    for d in stats["forecast"]:
        bar = ("█" if terminal.rich else "#") * round(20 * d["due"] / peak)
        chart.append(f"{d['date'][5:]} {bar:<20} {d['due']}\n")
    out.print(chart)
    if stats["terms"]:
        table = Table(title="Terms, weakest first (expected recall)")
        for col, justify in (("Term", "left"), ("Tomorrow", "right"), ("In a week", "right"), ("Due", "left"),
                             ("Lapses", "right"), ("Reviews", "right")):
            table.add_column(col, justify=justify)
        for t in stats["terms"]:
            table.add_row(t["term"], f"{t['recall_tomorrow']:.0%}", f"{t['recall_in_a_week']:.0%}", _due(t),
                          str(t["lapses"]), str(t["reviews"]))
        out.print(table)
    if stats["reviews_per_day"]:
        recent = stats["reviews_per_day"][-7:]
        out.print(Text("Reviews per day: " + ", ".join(f"{d['date'][5:]} {d['reviews']}" for d in recent)))


def _due(term: dict) -> str:
    """The local due date and how far off it is: "03-02 (tomorrow)"."""
    days = term["due_in_days"]
    when = "overdue" if days < 0 else "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
    return f"{datetime.fromisoformat(term['due']).astimezone().strftime('%m-%d')} ({when})"
