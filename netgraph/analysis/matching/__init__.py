"""Mentor matching for a whole programme round, as pure functions over plain data.

A round is a pool of mentees and mentors (each mentor with a capacity). The
steps, each its own module so each can be read and tested alone:

``inputs``
    the plain data a round needs (:class:`Member`, :class:`RoundInputs`) and its
    settings (:class:`MatchSettings`).
``table``
    the round's pairs as a table: mentees are rows, mentors columns, in id order.
``constraints``
    who may mentor whom: each hard constraint is one function that returns the
    reason it refuses a pair, so every refusal can be explained;
    ``constraint_tables`` checks a whole round at once, to the same pairs.
``network``
    distances on one projection of the contact network, by bounded searches.
``fit``
    how good an allowed pair is: six parts, each in [0, 1], and their weighted
    mean; ``fit_tables`` gives every pair's, to the same floats.
``assign``
    the optimal assignment (most mentees matched, then most total fit) and the
    greedy and random baselines it is measured against.
``stable``
    mentee-proposing deferred acceptance with capacities, and the blocking-pair count.
``report``
    the figures of a matching, side by side with the baselines, and why each
    unmatched mentee is unmatched.
"""
