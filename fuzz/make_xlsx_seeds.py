#!/usr/bin/python3
"""Writes the seeds of xlsx_import_fuzz (fuzz/seeds/xlsx_import_fuzz/) with the standard
library's zipfile: small workbooks, and sheets alone for the fuzzer's second mode (see
fuzz/xlsx_import_fuzz.cpp). usage: fuzz/make_xlsx_seeds.py [DIR]"""
import os
import sys
import zipfile
import io

MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def sheet(rows):
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f"<worksheet {MAIN}><sheetData>"]
    for r, cells in enumerate(rows, 1):
        out.append(f'<row r="{r}">')
        for c, cell in enumerate(cells):
            ref = f"{chr(65 + c)}{r}"
            if cell is None:
                continue
            if isinstance(cell, tuple):  # (kind, text)
                kind, text = cell
                if kind == "s":
                    out.append(f'<c r="{ref}" t="s"><v>{text}</v></c>')
                elif kind == "d":
                    out.append(f'<c r="{ref}" s="1"><v>{text}</v></c>')
                else:
                    out.append(f'<c r="{ref}" t="{kind}"><v>{text}</v></c>')
            elif isinstance(cell, str):
                out.append(f'<c r="{ref}" t="inlineStr"><is><t>{cell}</t></is></c>')
            else:
                out.append(f'<c r="{ref}"><v>{cell}</v></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


ROWS = [
    ["Order ID", "Creator Username", "Payment Amount", "Content ID", "Time Created", "Fully returned or refunded"],
    ["577123456789012345", ("s", 1), 25, "7301234567890123456", ("d", "46339.416666666664"), ("b", 0)],
    ["577123456789012346", "glow.daily", 12.5, "7301234567890123456", None, ("b", 1)],
]


def workbook(sheet_xml, compress=zipfile.ZIP_DEFLATED):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compress) as z:
        put = z.writestr

        def fixed(name, data):  # a fixed date, so the seeds come out the same every time
            info = zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
            info.compress_type = compress
            put(info, data)

        z.writestr = fixed
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("xl/workbook.xml", f'<workbook {MAIN} xmlns:r="{REL}"><sheets>'
                   '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                   f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
                   f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>')
        z.writestr("xl/sharedStrings.xml", f'<sst {MAIN}><si><t>x</t></si><si><r><t>glow</t></r><r><t>.daily</t></r>'
                   '<rPh><t>skip</t></rPh></si></sst>')
        z.writestr("xl/styles.xml", f'<styleSheet {MAIN}><numFmts><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/>'
                   '</numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>')
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
    return buf.getvalue()


def main():
    root = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "seeds", "xlsx_import_fuzz")
    os.makedirs(out, exist_ok=True)
    seeds = {
        "workbook.bin": b"\x00\x10" + workbook(sheet(ROWS)),
        "workbook-stored.bin": b"\x02\x03" + workbook(sheet(ROWS), zipfile.ZIP_STORED),
        "sheet.bin": b"\x01\x07" + sheet(ROWS).encode(),
        "sheet-header-only.bin": b"\x01\x01" + sheet(ROWS[:1]).encode(),
        "sheet-doctype.bin": b"\x01\x05" + b'<!DOCTYPE x [<!ENTITY a "aa">]>' + sheet(ROWS).encode(),
    }
    for name, data in seeds.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
