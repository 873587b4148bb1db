"""Glossary drills with spaced repetition: questions, grading, FSRS scheduling, stored progress."""
