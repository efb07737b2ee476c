"""The garbage collector paused while drafter makes many objects at once: loading a case, drafting a document.

Loading makes many long-lived objects and little garbage: every collection their allocation triggered rescanned
them all (a 5,000-task case loaded in 367 ms with the collector on, 207 ms paused). Drafting makes tens of
thousands of short-lived ones; the collections they set off cost a notice ~5 % of its drafting (more when the
process has just done other work). The few reference cycles a draft leaves (a builder and the closures that
render its text) are freed by the next collection after it.

The switch is the process's: while the editor drafts in a worker thread, its interface thread is not collected
either, for those few milliseconds; two drafts that overlap may turn it back on early, which costs only speed.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def paused():
    """No automatic collection inside; the collector as it was afterwards (a nested pause leaves it off)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
