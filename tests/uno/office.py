"""Drive a running LibreOffice through UNO (run with the system python3 that has python3-uno).

Usage: office.py PORT JOBS.json, where JOBS.json is a list of [ACTION, INPUT, OUTPUT_JSON or null,
OUTPUT_PDF or null] and PORT is where the office listens (tests/libreoffice.py starts it).
ACTION: update-indexes | accept-all | reject-all | text | pdf | csv
A csv job opens INPUT in Calc as a spreadsheet user opens a CSV (UTF-8, comma, double quotes) and
writes {"rows": [[cell text, ...], ...]}, the used area. Each other job opens INPUT, applies the action, writes the document's text (after the action) to
OUTPUT_JSON as JSON: {"text", "frames" (the text of each text frame), "indexes", "tracked_changes",
"remaining_changes"}, and exports
OUTPUT_PDF with Writer's PDF filter (the one `soffice --convert-to pdf` uses).

A "review" job is [review, INPUT, OUTPUT_DOCX, EDITS]: it edits INPUT as a reviewer would, with
EDITS = {"author": "Given Family", "track": true, "edits": [...]} where each edit is
["replace", old, new] (the first occurrence), ["delete-paragraph", words in it] or
["insert-after", words in the paragraph, new paragraph's text], and saves as "MS Word 2007 XML".
"""

import json
import os
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def count_redlines(doc):
    enum = doc.getRedlines().createEnumeration()
    n = 0
    while enum.hasMoreElements():
        enum.nextElement()
        n += 1
    return n


def read_csv(desktop, src, out_json):
    url = uno.systemPathToFileUrl(os.path.abspath(src))
    options = (
        prop("Hidden", True),
        prop("FilterName", "Text - txt - csv (StarCalc)"),
        prop("FilterOptions", "44,34,76,1"),
    )
    doc = desktop.loadComponentFromURL(url, "_blank", 0, options)
    try:
        sheet = doc.Sheets.getByIndex(0)
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        end = cursor.getRangeAddress()
        rows = [
            [sheet.getCellByPosition(c, r).getString() for c in range(end.EndColumn + 1)] for r in range(end.EndRow + 1)
        ]
        with open(out_json, "w", encoding="utf-8") as fh:
            json.dump({"rows": rows}, fh)
    finally:
        doc.close(True)


def run_job(ctx, desktop, action, src, out_json=None, out_pdf=None):
    if action == "csv":
        return read_csv(desktop, src, out_json)
    url = uno.systemPathToFileUrl(os.path.abspath(src))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    try:
        tracked = count_redlines(doc)
        if action in ("accept-all", "reject-all"):
            dispatcher = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
            frame = doc.getCurrentController().getFrame()
            command = ".uno:AcceptAllTrackedChanges" if action == "accept-all" else ".uno:RejectAllTrackedChanges"
            dispatcher.executeDispatch(frame, command, "", 0, ())
        if action == "update-indexes":
            ix = doc.getDocumentIndexes()
            for i in range(ix.getCount()):
                ix.getByIndex(i).update()
        if out_json:
            ix = doc.getDocumentIndexes()
            frames = doc.getTextFrames()
            result = {
                "text": doc.getText().getString(),
                "frames": [frames.getByIndex(i).getString() for i in range(frames.getCount())],
                "indexes": [ix.getByIndex(i).getAnchor().getString() for i in range(ix.getCount())],
                "tracked_changes": tracked,
                "remaining_changes": count_redlines(doc),
            }
            with open(out_json, "w", encoding="utf-8") as fh:
                json.dump(result, fh)
        if out_pdf:
            target = uno.systemPathToFileUrl(os.path.abspath(out_pdf))
            doc.storeToURL(target, (prop("FilterName", "writer_pdf_Export"),))
    finally:
        doc.close(True)


def set_author(ctx, name):
    """Name the reviewer in the office's user profile: Writer signs tracked changes with it."""
    provider = ctx.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", ctx)
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess", (prop("nodepath", "/org.openoffice.UserProfile/Data"),)
    )
    given, _, family = name.partition(" ")
    access.setPropertyValue("givenname", given)
    access.setPropertyValue("sn", family)
    access.commitChanges()


def _find(doc, words):
    desc = doc.createSearchDescriptor()
    desc.SearchString = words
    found = doc.findFirst(desc)
    if found is None:
        raise SystemExit(f"not in the document: {words!r}")
    return found


def review(ctx, desktop, src, out_docx, spec):
    from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK

    set_author(ctx, spec.get("author", "A Reviewer"))
    url = uno.systemPathToFileUrl(os.path.abspath(src))
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    try:
        doc.RecordChanges = bool(spec.get("track", True))
        for edit in spec["edits"]:
            found = _find(doc, edit[1])
            if edit[0] == "replace":
                found.setString(edit[2])
            elif edit[0] == "delete-paragraph":
                cursor = found.getText().createTextCursorByRange(found)
                cursor.gotoStartOfParagraph(False)
                cursor.gotoEndOfParagraph(True)
                cursor.goRight(1, True)  # and the paragraph mark
                cursor.setString("")
            elif edit[0] == "insert-after":
                text = found.getText()
                cursor = text.createTextCursorByRange(found)
                cursor.gotoEndOfParagraph(False)
                text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
                text.insertString(cursor, edit[2], False)
        target = uno.systemPathToFileUrl(os.path.abspath(out_docx))
        doc.storeToURL(target, (prop("FilterName", "MS Word 2007 XML"),))
    finally:
        doc.close(True)


def main(port, jobs_file):
    with open(jobs_file, encoding="utf-8") as fh:
        jobs = json.load(fh)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(600):
        try:
            ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
            break
        except Exception:  # noqa: BLE001 - UNO raises its own types while the office starts
            time.sleep(0.1)
    else:
        raise SystemExit("LibreOffice did not start")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    for job in jobs:
        if job[0] == "review":
            review(ctx, desktop, job[1], job[2], job[3])
        else:
            run_job(ctx, desktop, *job)
    sys.stdout.flush()
    os._exit(0)  # every output is written: skip pyuno's teardown, which now and then crashes the client


if __name__ == "__main__":
    main(*sys.argv[1:])
