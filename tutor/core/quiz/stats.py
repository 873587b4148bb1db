"""Progress statistics from the store alone (no model, no index): due counts, retrievability,
reviews per day, streak, hardest terms, and a 14-day forecast.

Per term, what helps a learner decide what to practise: the recall FSRS expects tomorrow and in a
week (recall *now* is 100% right after any review, even a missed one), the due date, and lapses
(answers missed); weakest terms first."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from fsrs import Scheduler

from tutor.core.quiz.store import ProgressStore

FORECAST_DAYS = 14
TOMORROW, IN_A_WEEK = timedelta(days=1), timedelta(days=7)


def compute(store: ProgressStore, now: datetime, scheduler: Scheduler | None = None) -> dict:
    """Days (due today, streak, reviews per day, forecast) are the learner's local days; the
    clock and the store keep UTC, which FSRS requires."""
    scheduler = scheduler or Scheduler(enable_fuzzing=False)
    cards = store.cards()
    reviews = store.reviews()
    now = now.astimezone()
    today = now.date()
    end_of = lambda days: datetime.combine(today + timedelta(days=days + 1), datetime.min.time(), now.tzinfo)
    due = [c.due for c in cards.values()]
    lapses = Counter(r["term"] for r in reviews if not r["correct"])
    counts = Counter(r["term"] for r in reviews)
    per_day = Counter(datetime.fromisoformat(r["reviewed_at"]).astimezone(now.tzinfo).date() for r in reviews)
    terms = sorted((_term(term, card, scheduler, now, counts[term], lapses[term]) for term, card in cards.items()),
                   key=_weakest_first)
    forecast = []
    for day in range(FORECAST_DAYS):
        start = end_of(day - 1) if day else None
        forecast.append({"date": (today + timedelta(days=day)).isoformat(),
                         "due": sum((start is None or d >= start) and d < end_of(day) for d in due)})
    return {
        "reviews_total": len(reviews),
        "cards_total": len(cards),
        "due_now": sum(d <= now for d in due),                  # what a quiz started now would ask
        "due_today": sum(d < end_of(0) for d in due),           # ... and what comes due by midnight too
        "due_tomorrow": sum(end_of(0) <= d < end_of(1) for d in due),
        "due_this_week": sum(d < end_of(6) for d in due),
        "streak_days": _streak(per_day, today),
        "reviews_per_day": [{"date": d.isoformat(), "reviews": n} for d, n in sorted(per_day.items())],
        "hardest": [t["term"] for t in sorted(terms, key=lambda t: (-t["lapses"], t["retrievability"]))
                    if t["lapses"]][:5],
        "forecast": forecast,
        "terms": terms,
    }


def _term(term: str, card, scheduler: Scheduler, now: datetime, reviews: int, lapses: int) -> dict:
    recall = lambda moment: round(scheduler.get_card_retrievability(card, moment), 3)
    return {
        "term": term,
        "retrievability": recall(now),
        "recall_tomorrow": recall(now + TOMORROW),
        "recall_in_a_week": recall(now + IN_A_WEEK),
        "due": card.due.isoformat(),
        "due_in_days": (card.due.astimezone(now.tzinfo).date() - now.date()).days,
        "stability": round(card.stability, 2) if card.stability else None,
        "reviews": reviews,
        "lapses": lapses,
    }


def _weakest_first(t: dict) -> tuple:
    return t["recall_in_a_week"], t["recall_tomorrow"], -t["lapses"], t["term"].lower()


def _streak(per_day: Counter, today) -> int:
    """Consecutive days with at least one review, ending today (or yesterday if none yet today)."""
    day = today if per_day.get(today) else today - timedelta(days=1)
    streak = 0
    while per_day.get(day):
        streak += 1
        day -= timedelta(days=1)
    return streak
