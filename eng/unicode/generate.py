#!/usr/bin/env python3
"""Generates src/AssistantKit.Export.Pdf/Text/UnicodeTables.g.cs from the Unicode Character Database.

Usage: eng/unicode/generate.py [UCD directory, default /usr/share/unicode (Debian package unicode-data)]

The tables hold what the PDF text layout needs and .NET does not provide: Bidi_Class and Bidi_Paired_Bracket (UAX #9),
Line_Break with East_Asian_Width (UAX #14), Grapheme_Cluster_Break with Extended_Pictographic (UAX #29). Each is a
list of ranges (start, value) covering every code point. The conformance tests read the same version's test files.
"""
import os
import re
import sys

ucd = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode"
out = os.path.join(os.path.dirname(__file__), "..", "..", "src", "AssistantKit.Export.Pdf", "Text", "UnicodeTables.g.cs")

BIDI = ["L", "R", "AL", "EN", "ES", "ET", "AN", "CS", "NSM", "BN", "B", "S", "WS", "ON", "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"]
BIDI_LONG = {"Left_To_Right": "L", "Right_To_Left": "R", "Arabic_Letter": "AL", "European_Terminator": "ET", "Boundary_Neutral": "BN"}
LB = ["XX", "BK", "CR", "LF", "CM", "NL", "SG", "WJ", "ZW", "GL", "SP", "ZWJ", "B2", "BA", "BB", "HY", "CB", "CL", "CP", "EX", "IN", "NS", "OP", "QU", "IS", "NU", "PO", "PR", "SY", "AI", "AL", "CJ", "EB", "EM", "H2", "H3", "HL", "ID", "JL", "JV", "JT", "RI", "SA"]
GCB = ["Other", "CR", "LF", "Control", "Extend", "ZWJ", "Regional_Indicator", "Prepend", "SpacingMark", "L", "V", "T", "LV", "LVT"]


def ranges_of(path):
    """(start, end, value) for each data line and each @missing line, in file order."""
    missing, data = [], []
    with open(os.path.join(ucd, path), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"#\s*@missing:\s*([0-9A-F]+)\.\.([0-9A-F]+)\s*;\s*(\w+)", line)
            if m:
                missing.append((int(m[1], 16), int(m[2], 16), m[3]))
                continue
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            cps, value = [p.strip() for p in line.split(";")[:2]]
            a, _, b = cps.partition("..")
            data.append((int(a, 16), int(b or a, 16), value))
    return missing, data


def fill(values, path, convert):
    missing, data = ranges_of(path)
    for a, b, v in missing + data:
        c = convert(v)
        for cp in range(a, b + 1):
            values[cp] = c


def ranges(values):
    starts, vals = [], []
    for cp, v in enumerate(values):
        if not vals or vals[-1] != v:
            starts.append(cp)
            vals.append(v)
    return starts, vals


N = 0x110000
bidi = [0] * N
fill(bidi, "extracted/DerivedBidiClass.txt", lambda v: BIDI.index(BIDI_LONG.get(v, v)))

general = ["Cn"] * N
fill(general, "extracted/DerivedGeneralCategory.txt", lambda v: v)
pictographic = [False] * N
presentation = [False] * N
_, emoji = ranges_of("emoji/emoji-data.txt")
for a, b, v in emoji:
    for cp in range(a, b + 1):
        if v == "Extended_Pictographic":
            pictographic[cp] = True
        elif v == "Emoji_Presentation":
            presentation[cp] = True
east_asian = [False] * N
fill(east_asian, "EastAsianWidth.txt", lambda v: v in ("F", "W", "H"))

lb = [0] * N
fill(lb, "LineBreak.txt", LB.index)
LB_EAST_ASIAN, LB_PICTOGRAPHIC_UNASSIGNED = 0x40, 0x80
RESOLVED = {"AI": "AL", "SG": "AL", "XX": "AL", "CJ": "NS"}  # LB1, as the test file expects (SA below)
for cp in range(N):
    v = lb[cp]
    name = LB[v]
    if name == "SA":
        v = LB.index("CM" if general[cp] in ("Mn", "Mc") else "AL")
    elif name in RESOLVED:
        v = LB.index(RESOLVED[name])
    if east_asian[cp]:
        v |= LB_EAST_ASIAN
    if pictographic[cp] and general[cp] == "Cn":
        v |= LB_PICTOGRAPHIC_UNASSIGNED
    lb[cp] = v

gcb = [0] * N
fill(gcb, "auxiliary/GraphemeBreakProperty.txt", GCB.index)
for cp in range(N):
    if pictographic[cp]:
        gcb[cp] |= 0x80
    if presentation[cp]:
        gcb[cp] |= 0x40

script_names = ["Unknown"]
script = [0] * N
def script_index(v):
    if v not in script_names:
        script_names.append(v)
    return script_names.index(v)
fill(script, "Scripts.txt", script_index)

brackets = []
with open(os.path.join(ucd, "BidiBrackets.txt"), encoding="utf-8") as f:
    for line in f:
        line = line.split("#", 1)[0].strip()
        if line:
            a, b, t = [p.strip() for p in line.split(";")]
            brackets.append((int(a, 16), int(b, 16), t))

version = "?"
with open(os.path.join(ucd, "auxiliary", "LineBreakTest.txt"), encoding="utf-8") as f:
    m = re.search(r"LineBreakTest-([\d.]+)\.txt", f.readline())
    version = m[1] if m else version


def table(name, values):
    starts, vals = ranges(values)
    s = ", ".join(f"0x{x:X}" for x in starts)
    v = ", ".join(str(x) for x in vals)
    return (f"    /// <summary>Where each range of <see cref=\"{name}Values\"/> starts ({len(starts)} ranges).</summary>\n"
            f"    public static ReadOnlySpan<int> {name}Starts => [{s}];\n\n"
            f"    public static ReadOnlySpan<byte> {name}Values => [{v}];\n")


with open(out, "w", encoding="utf-8", newline="\n") as f:
    f.write("// <auto-generated>\n")
    f.write(f"// Generated by eng/unicode/generate.py from the Unicode Character Database {version}. Do not edit.\n")
    f.write("// </auto-generated>\n")
    f.write("namespace AssistantKit.Export.Pdf.Text;\n\n")
    f.write("internal static partial class UnicodeTables\n{\n")
    f.write(f"    public const string Version = \"{version}\";\n\n")
    f.write(table("Bidi", bidi) + "\n")
    f.write(table("LineBreak", lb) + "\n")
    f.write(table("Grapheme", gcb) + "\n")
    f.write(table("Script", script) + "\n")
    f.write("    /// <summary>Script property values, by the numbers in <see cref=\"ScriptValues\"/>.</summary>\n")
    f.write("    public static readonly string[] ScriptNames = [" + ", ".join(f'"{n}"' for n in script_names) + "];\n\n")
    f.write("    /// <summary>Bidi_Paired_Bracket: opening, closing (UAX #9 BD16).</summary>\n")
    f.write("    public static ReadOnlySpan<int> BracketPairs => [" + ", ".join(f"0x{a:X}, 0x{b:X}" for a, b, t in brackets if t == "o") + "];\n")
    f.write("}\n")
print(f"wrote {out} (Unicode {version})")
