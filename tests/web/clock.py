"""A clock the tests move by hand, put in place of the app's (``app.extensions["netgraph_clock"]``)."""

from __future__ import annotations


class Clock:
    def __init__(self, start: float = 1_000_000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def clocked(app, start: float = 1_000_000.0) -> Clock:
    """Give ``app`` a hand-moved clock; returns it."""
    clock = Clock(start)
    app.extensions["netgraph_clock"] = clock
    return clock
