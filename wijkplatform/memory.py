"""Memory helpers shared by the apps."""

import gc
from contextlib import contextmanager


@contextmanager
def no_cyclic_gc():
    """
    Pause the cyclic garbage collector while building or unpickling many small
    objects that hold no cycles (agenda items, occurrences). Otherwise their
    number alone sets off collections over the whole heap, each costing more
    than the work itself. Reference counting still frees them as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
