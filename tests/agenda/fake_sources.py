"""
A stand-in for the initiatives' and drop-ins' sources in agenda tests: it hands
over whatever a test puts in ITEMS, following the contract in agenda/registry.py.
"""

from agenda.registry import AgendaItem, Source

SOURCE = "elders"
ITEMS = []


def items(start, end):
    return [item for item in ITEMS if start <= item.start < end]


def source():
    return Source(SOURCE, items, items)


def make(kind, title, start, **fields):
    fields.setdefault("uid", f"{kind}-{len(ITEMS) + 1}-{start:%Y-%m-%d}")
    fields.setdefault("end", None)
    fields.setdefault("url", "/elders/")
    fields.setdefault("organiser", "Iemand")
    fields.setdefault("how_to_join", "Kom langs.")
    fields.setdefault("source", SOURCE)
    item = AgendaItem(kind=kind, title=title, start=start, **fields)
    ITEMS.append(item)
    return item
