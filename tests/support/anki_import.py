"""Imports duizhao Anki files into a real Anki collection, one after another, and prints what
each import did and the collection's notes afterwards, as JSON.

Usage: PYTHON anki_import.py COLLECTION.anki2 FILE...   (PYTHON: a Python with the `anki`
package from PyPI; the tests find it through DUIZHAO_PYTHON.)
"""

import json
import sys

from anki.collection import Collection, ImportCsvRequest


def main():
    collection_path, *files = sys.argv[1:]
    col = Collection(collection_path)
    runs = []
    try:
        for path in files:
            metadata = col.get_csv_metadata(path=path, delimiter=None)
            log = col.import_csv(ImportCsvRequest(path=path, metadata=metadata)).log
            notes = []
            for nid in sorted(col.find_notes("")):
                note = col.get_note(nid)
                notes.append(
                    {
                        "guid": note.guid,
                        "notetype": note.note_type()["name"],
                        "fields": dict(note.items()),
                        "tags": note.tags,
                        "decks": sorted({col.decks.name(card.did) for card in note.cards()}),
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
                }
            )
    finally:
        col.close()
    json.dump(runs, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
