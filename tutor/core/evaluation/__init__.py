"""Scripted Q&A evaluation: suites, metrics, runs and reports. No language model, no network."""
