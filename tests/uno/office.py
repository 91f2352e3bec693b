"""Drive LibreOffice through UNO (run with the system python3 that has python3-uno).

Usage: office.py ACTION INPUT OUTPUT_TEXT [OUTPUT_PDF]
ACTION: update-indexes | accept-all | reject-all | text
Writes the document's text (after the action) to OUTPUT_TEXT as JSON: {"text", "indexes",
"tracked_changes"}; optionally exports a PDF.
"""

import json
import os
import socket
import subprocess
import sys
import tempfile
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


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(action, src, out_json, out_pdf=None):
    profile = tempfile.mkdtemp()
    port = free_port()
    office = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--norestore",
            "--invisible",
            "--nologo",
            f"-env:UserInstallation=file://{profile}",
            f"--accept=socket,host=127.0.0.1,port={port};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(150):
            try:
                ctx = resolver.resolve(f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001 - UNO raises its own types while the office starts
                time.sleep(0.2)
        else:
            raise SystemExit("LibreOffice did not start")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (prop("Hidden", True),)
        )
        tracked = count_redlines(doc)
        if action in ("accept-all", "reject-all"):
            dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
            frame = doc.getCurrentController().getFrame()
            command = ".uno:AcceptAllTrackedChanges" if action == "accept-all" else ".uno:RejectAllTrackedChanges"
            dispatcher.executeDispatch(frame, command, "", 0, ())
        indexes = []
        if action == "update-indexes":
            ix = doc.getDocumentIndexes()
            for i in range(ix.getCount()):
                ix.getByIndex(i).update()
        ix = doc.getDocumentIndexes()
        for i in range(ix.getCount()):
            indexes.append(ix.getByIndex(i).getAnchor().getString())
        text = doc.getText().getString()
        with open(out_json, "w", encoding="utf-8") as fh:
            json.dump(
                {
                    "text": text,
                    "indexes": indexes,
                    "tracked_changes": tracked,
                    "remaining_changes": count_redlines(doc),
                },
                fh,
            )
        if out_pdf:
            doc.storeToURL(
                uno.systemPathToFileUrl(os.path.abspath(out_pdf)), (prop("FilterName", "writer_pdf_Export"),)
            )
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the office may already be gone
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(*sys.argv[1:])
