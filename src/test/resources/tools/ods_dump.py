#!/usr/bin/env python3
"""Independent reader for the tests: dumps every sheet of an .ods with odfpy (Debian's python3-odf) as JSON.

Usage: python3 ods_dump.py FILE.ods OUT.json
Output: {"sheets": [name, ...], "rows": {sheet: [[row_number, [cell, ...]], ...]}} with only the rows that have a
value, trailing empty cells dropped. A cell is its stored value as the OpenDocument format defines it: a date
cell's office:date-value (without a midnight time), a number's office:value (3.0 as 3), a boolean as TRUE/FALSE,
otherwise the text of its paragraphs joined by line breaks; an empty cell is null.
"""
import json
import sys

from odf.opendocument import load
from odf.namespaces import OFFICENS, TABLENS, TEXTNS
from odf import teletype


def paragraphs(cell):
    out = []
    for child in cell.childNodes:
        if child.qname in ((TEXTNS, "p"), (TEXTNS, "h")):
            out.append(teletype.extractText(child))
    return "\n".join(out) if out else None


def value(cell):
    vt = cell.attributes.get((OFFICENS, "value-type"))
    if vt in ("float", "percentage", "currency"):
        v = cell.attributes.get((OFFICENS, "value"))
        return v[:-2] if v.endswith(".0") else v
    if vt == "date":
        v = cell.attributes.get((OFFICENS, "date-value"))
        for midnight in ("T00:00:00", "T00:00:00.0", "T00:00"):
            if v.endswith(midnight):
                return v[: -len(midnight)]
        return v
    if vt == "boolean":
        return "TRUE" if cell.attributes.get((OFFICENS, "boolean-value")) == "true" else "FALSE"
    if vt == "time":
        return cell.attributes.get((OFFICENS, "time-value"))
    return paragraphs(cell)


def rows_of(table):
    n = 0
    for row in table.getElementsByType(__import__("odf.table", fromlist=["TableRow"]).TableRow):
        if row.parentNode is not table and row.parentNode.qname[1] not in ("table-header-rows", "table-rows", "table-row-group"):
            continue
        repeat = int(row.attributes.get((TABLENS, "number-rows-repeated"), "1"))
        cells = []
        for cell in row.childNodes:
            if cell.qname not in ((TABLENS, "table-cell"), (TABLENS, "covered-table-cell")):
                continue
            c = int(cell.attributes.get((TABLENS, "number-columns-repeated"), "1"))
            v = value(cell)
            if v == "":
                v = None
            cells.extend([v] * min(c, 16384))
        while cells and cells[-1] is None:
            cells.pop()
        for _ in range(repeat if cells else 1):
            n += 1
            if cells:
                yield n, cells
        if not cells:
            n += repeat - 1


def main(path, out):
    from odf.table import Table
    doc = load(path)
    result = {"sheets": [], "rows": {}}
    for table in doc.spreadsheet.getElementsByType(Table):
        name = table.attributes.get((TABLENS, "name"))
        result["sheets"].append(name)
        result["rows"][name] = [[n, cells] for n, cells in rows_of(table)]
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
