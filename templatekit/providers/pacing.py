"""Pacing and retrying calls to a rate-limited API, with the clock and sleep injectable.

``RateLimiter`` keeps every rolling second under a number of calls;
``Backoff`` gives the waits between tries: exponential, capped, with jitter so
that many clients that failed together do not retry together.
"""
from __future__ import annotations

import random
import time
from collections import deque
from dataclasses import dataclass
from typing import Callable


class RateLimiter:
    """At most ``rate`` calls in any window of one second (a sliding window, not a fixed one)."""

    def __init__(self, rate: float, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self.limit = max(1, int(rate))
        self.clock = clock
        self.sleep = sleep
        self._sent: deque[float] = deque()

    def wait(self) -> float:
        """Block until one more call fits; returns how long it waited."""
        waited = 0.0
        while True:
            now = self.clock()
            while self._sent and now - self._sent[0] >= 1.0:
                self._sent.popleft()
            if len(self._sent) < self.limit:
                self._sent.append(now)
                return waited
            # A hair past the second, so float rounding cannot leave it a hair short.
            pause = 1.0 - (now - self._sent[0]) + 1e-6
            self.sleep(pause)
            waited += pause


@dataclass(frozen=True)
class Backoff:
    """Waits between tries: ``base * 2**n`` capped at ``cap``, the upper half drawn at random."""

    attempts: int = 5
    base: float = 0.5
    cap: float = 8.0

    def delay(self, retry: int, rand: Callable[[], float] = random.random) -> float:
        """The wait before retry number ``retry`` (1 for the first retry)."""
        ceiling = min(self.cap, self.base * 2 ** (retry - 1))
        # "Equal jitter": never less than half the step, so a throttled client
        # really slows down, yet clients that failed together spread out.
        return ceiling / 2 + rand() * ceiling / 2
