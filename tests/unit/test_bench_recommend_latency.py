"""The alternation of benchmarks/bench_recommend_latency.py: every arm answers the same requests, in turn."""

from __future__ import annotations

from benchmarks.bench_recommend_latency import PER_ROUND, rounds, same_answers, table

PEOPLE = [f"p{i:03d}" for i in range(200)]


class Recorder:
    """An arm that writes down what it is asked, and when."""

    def __init__(self, name: str, log: list[tuple[str, list[str]]]):
        self.name = name
        self.log = log

    def ask(self, people: list[str]) -> None:
        self.log.append((self.name, people))


def asked(count: int, names=("before", "default", "learned")) -> list[tuple[str, list[str]]]:
    log: list[tuple[str, list[str]]] = []
    rounds([Recorder(name, log) for name in names], PEOPLE, count)
    return log


def test_every_arm_answers_the_same_ten_people_in_a_round():
    log = asked(5)
    for r in range(5):
        batch = log[3 * r : 3 * r + 3]
        assert len({tuple(people) for _, people in batch}) == 1 and len(batch[0][1]) == PER_ROUND


def test_the_arms_take_turns_first():
    firsts = [name for name, _ in asked(6)[::3]]
    assert firsts == ["before", "default", "learned", "before", "default", "learned"]


def test_twenty_rounds_ask_each_of_the_200_people_once_per_arm():
    by_arm: dict[str, list[str]] = {}
    for name, people in asked(20):
        by_arm.setdefault(name, []).extend(people)
    assert all(sorted(people) == PEOPLE for people in by_arm.values())


def test_the_next_rounds_start_again_from_the_first_people():
    assert asked(21)[-1][1] == PEOPLE[:PER_ROUND]


def test_the_table_gives_each_arm_against_the_code_before():
    arm = {"p50_ms": 10.0, "p99_ms": 40.0, "fastest_p50_ms": 8.0, "fastest_sum_ms": 1600, "people": 200, "n": 600}
    result = {
        "people": 10_000,
        "rounds": 60,
        "commit": "8ea9f8f",
        "load_start": "1.5 1.4 1.2",
        "load_end": "1.6 1.5 1.3",
        "arms": {"before": arm, "learned": {**arm, "p50_ms": 11.0, "p99_ms": 44.0}},
        "same_answers": {"before": ["before", 200], "learned": ["before", 0]},
    }
    rows = table(result).splitlines()
    assert rows[-1] == "| learned | 11.0 / 44.0; 8.0; 1,600 | 1.10× / 1.10×; 1.00×; 1.00× | 0 of 200 |"


def test_the_learned_answers_are_held_to_the_code_befores_learned_ones_when_that_ran():
    digests = {"before": {"a": "1", "b": "2"}, "learned": {"a": "3", "b": "4"}, "before_learned": {"a": "3", "b": "5"}}
    assert same_answers("learned", digests) == ("before_learned", 1)


def test_without_the_code_befores_learned_arm_the_answers_are_held_to_its_default_ones():
    digests = {"before": {"a": "1", "b": "2"}, "default": {"a": "1", "b": "2"}, "learned": {"a": "3", "b": "2"}}
    assert same_answers("default", digests) == ("before", 2) and same_answers("learned", digests) == ("before", 1)
