"""The pause of the cyclic garbage collector while documents are read and written.

A document's objects hold no reference cycles, and collecting while millions
of them are made costs more than the work itself, so loading and dumping
stop the automatic collections. The pause is process-wide (the collector
is), so it is made safe to share:

- it stops automatic collections by setting the first threshold to zero, not
  with :func:`gc.disable`, so ``gc.isenabled()`` keeps the application's
  choice, and an application that calls :func:`gc.disable` (or
  :func:`gc.enable`) meanwhile, in any thread, keeps what it asked for;
- overlapping pauses of several threads are counted under a lock: the
  thresholds come back when the last one ends, and only if nobody changed
  them meanwhile;
- ``pause_gc=False`` on :func:`~ptcekit.serialize.loads` and the other
  functions leaves the collector alone for that call.
"""

from __future__ import annotations

import gc
import threading

__all__ = ["paused_gc"]

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, ...] = ()


def _pause() -> None:
    global _depth, _saved  # noqa: PLW0603 -- the collector is process-wide; so is its pause
    with _lock:
        if _depth == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(0, *_saved[1:])
        _depth += 1


def _resume() -> None:
    global _depth  # noqa: PLW0603 -- see _pause
    with _lock:
        _depth -= 1
        # thresholds changed meanwhile are the application's choice: keep it
        if _depth == 0 and gc.get_threshold() == (0, *_saved[1:]):
            gc.set_threshold(*_saved)


class paused_gc:  # noqa: N801 -- used as a function in a with statement
    """Stop automatic cyclic collections inside the block, unless ``enabled`` is false.

    A plain class rather than a generator: leaving the block allocates
    nothing the collector tracks, so the collection owed for the block's
    objects runs in the caller, where objects it frees die by reference count
    first, as with :func:`gc.disable`.
    """

    __slots__ = ("enabled",)

    def __init__(self, enabled: bool = True) -> None:  # noqa: FBT001, FBT002 -- internal helper
        self.enabled = enabled

    def __enter__(self) -> None:
        if self.enabled:
            _pause()

    def __exit__(self, *_: object) -> None:
        if self.enabled:
            _resume()
