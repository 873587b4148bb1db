"""One thread per pool while a single question is answered.

A question is a few small matrix products (the encoder, the guard) and one vector search. Left
alone, NumPy's OpenBLAS and FAISS's OpenMP each keep a thread per core that spins waiting for
work; on a machine busy with anything else they wait on each other and on the other programs,
and a 15 ms answer takes 300 ms. So the query path runs with one thread in every pool, scoped
(`with single_threaded:` or `@single_threaded`), and everything else, index building above all,
keeps the threads it had. Nested and concurrent uses share one limit, set by the first to enter
and lifted by the last to leave, since the pools belong to the process, not to a thread.
"""

from __future__ import annotations

import sys
import threading
from contextlib import ContextDecorator

_lock = threading.Lock()
_depth = 0
_limiter = None
_controllers: dict[tuple[bool, ...], object] = {}
# modules that bring thread pools of their own: scipy.linalg loads an OpenBLAS of its own after
# scipy (sentence-transformers imports it through scikit-learn), so the pair is watched
_WATCHED = ("faiss", "torch", "scipy", "scipy.linalg", "onnxruntime")


def _controller():
    """A threadpoolctl controller over the pools loaded now; made again when a module that
    brings its own pool has been imported since (finding the pools takes ~10 ms)."""
    key = tuple(name in sys.modules for name in _WATCHED)
    if key not in _controllers:
        from threadpoolctl import ThreadpoolController

        _controllers.clear()
        _controllers[key] = ThreadpoolController()
    return _controllers[key]


class _SingleThreaded(ContextDecorator):
    """Limits every BLAS and OpenMP pool to one thread until the outermost use ends."""

    def __enter__(self) -> "_SingleThreaded":
        global _depth, _limiter
        with _lock:
            if _depth == 0:
                _limiter = _controller().limit(limits=1)
            _depth += 1
        return self

    def __exit__(self, *exc) -> bool:
        global _depth, _limiter
        with _lock:
            _depth -= 1
            if _depth == 0 and _limiter is not None:
                _limiter.restore_original_limits()
                _limiter = None
        return False


single_threaded = _SingleThreaded()


def pool_sizes() -> dict[str, int]:
    """Threads per pool as the process has them now (for tests and benchmarks)."""
    from threadpoolctl import threadpool_info

    sizes: dict[str, int] = {}
    for pool in threadpool_info():
        sizes[pool["internal_api"]] = max(sizes.get(pool["internal_api"], 0), pool["num_threads"])
    return sizes
