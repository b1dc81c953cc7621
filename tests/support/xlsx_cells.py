#!/usr/bin/env python3
"""Reads an XLSX workbook with the standard library only (zipfile, xml) and prints what the
tests check, as one JSON document:

  {"sheets": [names], "rows": [[cell, ...], ...], "bold_rows": [row indexes],
   "frozen_rows": N, "autofilter": "A7:M10", "shared_strings": [texts], "formulas": N}

where each cell is null (empty), {"n": NUMBER} (a number) or {"s": TEXT} (a shared or inline
string), of the first sheet (xl/worksheets/sheet1.xml), rows from 0. A row is bold when its
first cell's style uses a bold font. Exit 1 with the reason on stderr when the file is no
zip or lacks a part.
Usage: xlsx_cells.py FILE.xlsx
"""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}


def column(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - ord("A") + 1
    return n - 1


def main(path):
    try:
        z = zipfile.ZipFile(path)
    except zipfile.BadZipFile as e:
        sys.exit(f"{path}: not a zip: {e}")
    if z.testzip() is not None:
        sys.exit(f"{path}: a damaged member")
    names = z.namelist()
    for part in ("[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"):
        if part not in names:
            sys.exit(f"{path}: no {part}")
    strings = ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t"))
               for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS)]
    styles = ET.fromstring(z.read("xl/styles.xml"))
    bold_fonts = [f.find("m:b", NS) is not None for f in styles.find("m:fonts", NS).findall("m:font", NS)]
    bold_styles = [bold_fonts[int(xf.get("fontId", "0"))] for xf in styles.find("m:cellXfs", NS).findall("m:xf", NS)]
    sheets = [s.get("name") for s in ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets", NS)]
    sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows, bold_rows = [], []
    for row in sheet.find("m:sheetData", NS).findall("m:row", NS):
        r = int(row.get("r")) - 1
        while len(rows) <= r:
            rows.append([])
        cells = rows[r]
        first = True
        for c in row.findall("m:c", NS):
            col = column(c.get("r"))
            while len(cells) <= col:
                cells.append(None)
            v = c.find("m:v", NS)
            kind = c.get("t", "n")
            if kind == "s":
                cells[col] = {"s": strings[int(v.text)]}
            elif kind == "inlineStr":
                cells[col] = {"s": "".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t"))}
            elif kind == "str":
                cells[col] = {"s": v.text or ""}
            elif v is not None:
                num = float(v.text)
                cells[col] = {"n": int(num) if num.is_integer() else num}
            if first:
                if bold_styles[int(c.get("s", "0"))]:
                    bold_rows.append(r)
                first = False
    pane = sheet.find("m:sheetViews/m:sheetView/m:pane", NS)
    frozen = int(float(pane.get("ySplit", "0"))) if pane is not None and pane.get("state") == "frozen" else 0
    autofilter = sheet.find("m:autoFilter", NS)
    print(json.dumps({"sheets": sheets, "rows": rows, "bold_rows": bold_rows, "frozen_rows": frozen,
                      "autofilter": autofilter.get("ref") if autofilter is not None else None,
                      "shared_strings": strings,
                      "formulas": len(list(sheet.iter(f"{{{NS['m']}}}f")))}, ensure_ascii=False))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
