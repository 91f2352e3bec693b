"""Import WeasyPrint without the ldconfig and gcc runs that cffi makes to look for its libraries.

WeasyPrint tries several names for each of its C libraries (Pango, GObject, HarfBuzz,
fontconfig), Windows and macOS names first. For every name that does not load at once, cffi
asks ctypes.util.find_library, which on Linux runs `ldconfig -p` and then gcc and ld: some
forty processes and about 0.2 s, a third of the import (Kozea/WeasyPrint#1125). Every list
also holds the plain Linux file name (libpango-1.0.so.0 ...), which the dynamic loader finds
by itself, so the import is tried first with that lookup switched off; where that fails or
misses the optional HarfBuzz subsetter (a system whose libraries only find_library knows), it
is repeated the usual way. Either way the same library files are loaded, so the PDFs are byte
for byte the same.
"""

from __future__ import annotations

import sys


def load_weasyprint():
    """Return the weasyprint module, importing it the fast way if it is not imported yet."""
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    import ctypes.util
    import io
    from contextlib import redirect_stdout

    lookup = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        with redirect_stdout(io.StringIO()):  # WeasyPrint prints a banner before a failed load
            import weasyprint
            from weasyprint.text import ffi
        if ffi.harfbuzz_subset is not None:
            return weasyprint
    except OSError:
        pass
    finally:
        ctypes.util.find_library = lookup
    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        del sys.modules[name]
    import weasyprint

    return weasyprint
