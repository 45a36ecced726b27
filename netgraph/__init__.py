"""netgraph: a graph of people, mentorships and introductions.

Layers point one way: ``web`` and ``cli`` -> ``analysis`` -> ``store`` -> ``model``.
"""

__version__ = "0.1.0"
