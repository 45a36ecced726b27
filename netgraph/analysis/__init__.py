"""Analyses over a store: the introduction workflow (and, next, recommendations,
warm paths and succession). Definitions and rules live here; the stores only
answer questions and write validated documents."""
