"""Values worked out once per graph: a graph is plain data nothing changes, and the app comes
back to the same few (a session's recent models, a comparison's columns)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

from netgraph.model import NetGraph

T = TypeVar("T")


class PerGraph(Generic[T]):
    """``make(graph)`` kept for the last ``size`` graphs used; safe on job threads (a value
    made twice by a race is equal, the later one kept)."""

    def __init__(self, make: Callable[[NetGraph], T], size: int) -> None:
        self._make, self._size = make, size
        self._kept: OrderedDict[int, tuple[NetGraph, T]] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, graph: NetGraph) -> T:
        with self._lock:
            kept = self._kept.get(id(graph))
            if kept is not None and kept[0] is graph:  # not another graph at a reused id
                self._kept.move_to_end(id(graph))
                return kept[1]
        value = self._make(graph)
        with self._lock:
            self._kept[id(graph)] = (graph, value)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return value
