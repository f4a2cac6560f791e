"""`generator.parallel.mapped`: the same list as a plain loop, whichever process computed it."""

from __future__ import annotations

import os
import threading

import pytest

from generator import parallel


def test_results_keep_their_order_and_come_from_several_processes(monkeypatch):
    monkeypatch.setattr(parallel, "MINIMUM_SHARE", 1)
    items = list(range(501))  # not a multiple of the number of cores
    assert parallel.mapped(lambda n: n * n, items) == [n * n for n in items]
    processes = set(parallel.mapped(lambda _n: os.getpid(), items))
    cores = len(os.sched_getaffinity(0))
    if cores > 1 and threading.active_count() == 1:
        assert len(processes) == min(cores, len(items)), "the work was not shared"
    else:
        assert processes == {os.getpid()}


def test_an_error_in_a_child_reaches_the_caller(monkeypatch):
    monkeypatch.setattr(parallel, "MINIMUM_SHARE", 1)

    def fails_late(n: int) -> int:
        if n == 499:
            raise ValueError("kapot bij 499")
        return n

    with pytest.raises(ValueError, match="kapot bij 499"):
        parallel.mapped(fails_late, list(range(500)))


def test_no_fork_while_other_threads_run(monkeypatch):
    monkeypatch.setattr(parallel, "MINIMUM_SHARE", 1)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert set(parallel.mapped(lambda _n: os.getpid(), list(range(50)))) == {os.getpid()}
    finally:
        stop.set()
        other.join()


def test_an_error_that_cannot_be_pickled_still_reaches_the_caller(monkeypatch):
    monkeypatch.setattr(parallel, "MINIMUM_SHARE", 1)

    class TwoArguments(Exception):
        def __init__(self, first, second):
            super().__init__(f"{first} {second}")

    def fails_late(n: int) -> int:
        if n == 499:
            raise TwoArguments("kapot", n)
        return n

    forks = len(os.sched_getaffinity(0)) > 1 and threading.active_count() == 1
    expected = RuntimeError if forks else TwoArguments  # it crossed a process boundary, or not
    with pytest.raises(expected, match="kapot 499"):
        parallel.mapped(fails_late, list(range(500)))
