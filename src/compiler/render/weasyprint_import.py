"""Import WeasyPrint without the ldconfig and gcc runs that cffi makes to look for its libraries, nor the fontTools
parts it seldom uses.

WeasyPrint tries several names for each of its C libraries (Pango, GObject, HarfBuzz,
fontconfig), Windows and macOS names first. For every name that does not load at once, cffi
asks ctypes.util.find_library, which on Linux runs `ldconfig -p` and then gcc and ld: some
forty processes and about 0.2 s, a third of the import (Kozea/WeasyPrint#1125). Every list
also holds the plain Linux file name (libpango-1.0.so.0 ...), which the dynamic loader finds
by itself, so the import is tried first with that lookup switched off; where that fails or
misses the optional HarfBuzz subsetter (a system whose libraries only find_library knows), it
is repeated the usual way. Either way the same library files are loaded, so the PDFs are byte
for byte the same.

WeasyPrint's PDF writer also imports fontTools' subsetter and variable-font instancer when it
loads: some 0.13 s, a quarter of the import, for code that runs only for a variable font or a
font HarfBuzz cannot subset (never for the publication's Carlito). While WeasyPrint is imported,
stand-ins take their place; what WeasyPrint takes from them looks the real module up when it is
first used, so that such a font is handled as before. The calls made are the same, so are the bytes.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import types

DEFERRED = ("fontTools.subset", "fontTools.varLib.instancer")  # imported by WeasyPrint, seldom used


class _Deferred(types.ModuleType):
    """Stands in for a module while WeasyPrint is imported: the real one is imported when first used."""

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        module = self.__name__
        if sys.modules.get(module) is not self:  # WeasyPrint is imported: use the real module from now on
            return getattr(importlib.import_module(module), name)

        def call(*args, **kwargs):  # a function taken while WeasyPrint is imported (from ... import name)
            return getattr(importlib.import_module(module), name)(*args, **kwargs)

        return call


@contextlib.contextmanager
def _deferred_font_tools():
    """Put stand-ins for the seldom-used fontTools modules in place while WeasyPrint is imported."""
    stand_ins = {name: _Deferred(name) for name in DEFERRED if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        yield
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


def load_weasyprint():
    """Return the weasyprint module, importing it the fast way if it is not imported yet."""
    if "weasyprint" in sys.modules:
        return sys.modules["weasyprint"]
    with _deferred_font_tools():
        return _import_weasyprint()


def _import_weasyprint():
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
