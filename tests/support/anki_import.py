"""Imports duizhao Anki files (`.anki.txt` text files or `.apkg` packages) into a real Anki
collection, one after another, with Anki's default import options, and prints what each import
did and the collection's notes and cards afterwards, as JSON.

Usage: PYTHON anki_import.py COLLECTION.anki2 FILE...   (PYTHON: a Python with the `anki`
package from PyPI; the tests find it through DUIZHAO_PYTHON.)
"""

import json
import sys

from anki.collection import Collection, ImportAnkiPackageRequest, ImportCsvRequest
from anki.import_export_pb2 import ImportAnkiPackageOptions


def import_file(col, path):
    if path.endswith(".apkg"):
        request = ImportAnkiPackageRequest(package_path=path, options=ImportAnkiPackageOptions())
        return col.import_anki_package(request).log
    metadata = col.get_csv_metadata(path=path, delimiter=None)
    return col.import_csv(ImportCsvRequest(path=path, metadata=metadata)).log


def main():
    collection_path, *files = sys.argv[1:]
    col = Collection(collection_path)
    runs = []
    try:
        for path in files:
            log = import_file(col, path)
            notes = []
            for nid in sorted(col.find_notes("")):
                note = col.get_note(nid)
                cards = [
                    {
                        "template": card.template()["name"],
                        "deck": col.decks.name(card.did),
                        "question": card.question(),
                        "answer": card.answer(),
                    }
                    for card in note.cards()
                ]
                notes.append(
                    {
                        "guid": note.guid,
                        "notetype": note.note_type()["name"],
                        "fields": dict(note.items()),
                        "tags": note.tags,
                        "decks": sorted({card["deck"] for card in cards}),
                        "cards": cards,
                    }
                )
            runs.append(
                {
                    "file": path,
                    "found": log.found_notes,
                    "new": len(log.new),
                    "updated": len(log.updated),
                    "duplicate": len(log.duplicate),
                    "conflicting": len(log.conflicting),
                    "first_field_match": len(log.first_field_match),
                    "missing_notetype": len(log.missing_notetype),
                    "empty_first_field": len(log.empty_first_field),
                    "notes": notes,
                    "cards": col.card_count(),
                    "notetypes": sorted(n.name for n in col.models.all_names_and_ids()),
                    "problems": col.fix_integrity()[0] if path == files[-1] else [],
                }
            )
    finally:
        col.close()
    json.dump(runs, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
