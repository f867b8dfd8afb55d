#!/usr/bin/env python3
"""Cross-checks src/NewsApi/Text/Confusables.txt against the host's ICU spoof checker (uspoof_getSkeleton).

A development check, not part of CI: it needs libicu72 (Debian 12), whose symbols carry the version (_72), which is
why the service reads the vendored table instead. Run after tools/confusables/generate.mjs:
    python3 tools/confusables/check-against-icu.py
It compares every mapping in the table with ICU's skeleton of that code point, then looks for code points a slug can
hold (letters, marks, decimal digits; NFD-stable; as far as this Python's unicodedata knows them) that ICU maps and
the table lacks. On 2026-12-01 with ICU 72.1 (Unicode 15.0 data) and Python 3.11: 3,282 compared, 0 differ, 0 missing.
"""
import ctypes
import pathlib
import sys
import unicodedata

VERSION = sys.argv[1] if len(sys.argv) > 1 else "72"
i18n = ctypes.CDLL(f"libicui18n.so.{VERSION}")
open_ = getattr(i18n, f"uspoof_open_{VERSION}")
open_.restype = ctypes.c_void_p
skeleton_ = getattr(i18n, f"uspoof_getSkeleton_{VERSION}")
skeleton_.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_char_p, ctypes.c_int32, ctypes.c_char_p, ctypes.c_int32,
                      ctypes.POINTER(ctypes.c_int)]
status = ctypes.c_int(0)
checker = open_(ctypes.byref(status))
assert status.value <= 0, f"uspoof_open failed: {status.value}"


def icu_skeleton(text: str) -> str:
    source = text.encode("utf-16-le")
    out = ctypes.create_string_buffer(400)
    error = ctypes.c_int(0)
    n = skeleton_(checker, 0, source, len(source) // 2, out, 200, ctypes.byref(error))
    assert error.value <= 0, f"uspoof_getSkeleton failed: {error.value}"
    return out.raw[:n * 2].decode("utf-16-le")


table = {}
path = pathlib.Path(__file__).resolve().parents[2] / "src" / "NewsApi" / "Text" / "Confusables.txt"
for line in path.read_text(encoding="utf-8").splitlines():
    if not line or line.startswith("#"):
        continue
    source, prototype = line.split("\t")
    table[int(source, 16)] = "".join(chr(int(h, 16)) for h in prototype.split(" "))

differ = [(hex(cp), p, icu_skeleton(chr(cp))) for cp, p in table.items() if unicodedata.normalize("NFD", p) != icu_skeleton(chr(cp))]
missing = []
for cp in range(0x20, 0x32000):
    if cp in table or 0xD800 <= cp <= 0xDFFF:
        continue
    c = chr(cp)
    category = unicodedata.category(c)
    if (category in ("Ll", "Lo", "Lm", "Nd") or category.startswith("M")) and unicodedata.normalize("NFD", c) == c and icu_skeleton(c) != c:
        missing.append((hex(cp), unicodedata.name(c, "?"), icu_skeleton(c)))
print(f"compared {len(table)}, differ {len(differ)}, missing {len(missing)} (Python's Unicode {unicodedata.unidata_version})")
for row in (differ + missing)[:40]:
    print(row)
sys.exit(1 if differ or missing else 0)
