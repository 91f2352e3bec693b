"""Importing WeasyPrint without cffi's library search: no helper processes, the same libraries, a fallback."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

# Records every process started, then imports WeasyPrint (IMPORT is filled in) and reports the
# processes, the C libraries the process has loaded, and whether the lookup was put back.
PROBE = """
import ctypes.util, json, subprocess
started = []
_init = subprocess.Popen.__init__
def _record(self, args, *a, **k):
    started.append(args if isinstance(args, str) else " ".join(map(str, args)))
    return _init(self, args, *a, **k)
subprocess.Popen.__init__ = _record
lookup = ctypes.util.find_library
{prelude}
{import_}
from weasyprint.text import ffi
libs = sorted({{line.split()[-1].rsplit("/", 1)[-1] for line in open("/proc/self/maps")
               if any(n in line for n in ("libpango", "libharfbuzz", "libgobject", "libfontconfig"))}})
print(json.dumps({{"started": started, "libs": libs, "subset": ffi.harfbuzz_subset is not None,
                  "lookup_restored": ctypes.util.find_library is lookup}}))
"""

FAST = "from compiler.render.weasyprint_import import load_weasyprint\nload_weasyprint()"
USUAL = "import weasyprint"

# cffi's loader fails for every name while the lookup is switched off, as on a system whose
# libraries only find_library knows.
ONLY_FIND_LIBRARY_KNOWS = """
import cffi
_dlopen = cffi.FFI.dlopen
def _dlopen_only_with_lookup(self, name, flags=0):
    if ctypes.util.find_library.__module__ != "ctypes.util":
        raise OSError(f"cannot load library {name!r} (simulated)")
    return _dlopen(self, name, flags)
cffi.FFI.dlopen = _dlopen_only_with_lookup
"""


def _probe(import_: str, prelude: str = "") -> dict:
    code = textwrap.dedent(PROBE).format(prelude=prelude, import_=import_)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout)


def test_the_fast_import_starts_no_process_and_loads_the_same_libraries():
    usual, fast = _probe(USUAL), _probe(FAST)
    assert any("ldconfig" in p or "gcc" in p for p in usual["started"]), usual["started"]  # what is avoided
    assert fast["started"] == []
    assert fast["libs"] == usual["libs"] and any(l.startswith("libpango") for l in fast["libs"])
    assert fast["subset"] and fast["lookup_restored"]


def test_where_only_the_library_search_finds_them_the_usual_import_is_made():
    result = _probe(FAST, ONLY_FIND_LIBRARY_KNOWS)
    assert result["started"], "the usual import (with its library search) was not made"
    assert result["libs"] == _probe(USUAL)["libs"]
    assert result["subset"] and result["lookup_restored"]


# Imports WeasyPrint the fast way, then uses what its PDF writer took from the fontTools modules it defers.
DEFERRED_PROBE = """
import json, subprocess, sys
from compiler.render.weasyprint_import import DEFERRED, load_weasyprint
load_weasyprint()
at_import = [name for name in DEFERRED if name in sys.modules]
from weasyprint.pdf import fonts
from fontTools.ttLib import TTFont
carlito = subprocess.run(["fc-match", "-f", "%{file}", "Carlito"], capture_output=True, text=True).stdout
try:  # Carlito is not a variable font: the real instancer says so
    fonts.instantiateVariableFont(TTFont(carlito), {"wght": 400}, static=True)
    said = None
except ValueError as exc:
    said = str(exc)
import fontTools.subset
print(json.dumps({"at_import": at_import, "said": said, "options": fonts.subset.Options is fontTools.subset.Options,
                  "modules": [type(sys.modules[name]).__name__ for name in DEFERRED]}))
"""


def test_the_font_tools_weasyprint_seldom_uses_are_imported_when_first_used():
    out = subprocess.run(
        [sys.executable, "-c", DEFERRED_PROBE], capture_output=True, text=True, timeout=120, check=True
    )
    result = json.loads(out.stdout)
    assert result["at_import"] == []  # not imported with WeasyPrint
    assert result["said"] == "Missing required table fvar"  # the real instancer ran, when first called
    assert result["options"]  # the subsetter's names are the real module's
    assert result["modules"] == ["module", "module"]  # the real modules, no stand-in left behind
