"""Page layout before lines: the regions of a page in reading order, from where things are printed.

A page is a set of atoms: stretches of a printed line between wide gaps, drawn boxes (a rectangle or
rounded shape with text inside: a text box, a header bar) and tables. They are cut into horizontal
bands (atoms that share no height are in different bands). Bands that leave a vertical gutter open
between the same two sides, one after the other, are columns (two text boxes side by side): the left
side is read before the right, each side cut again the same way. Everything else is read top to
bottom, as one flow. A box is a region of its own: its title, then its items.

This is recursive XY-cut (Nagy & Seth) with drawn boxes kept whole; a gutter only counts where both
sides hold at least two rows and a fair share of the width, so a column of page numbers in a 目次 or
a label column stays in its rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Atom:
    x0: float
    top: float
    x1: float
    bottom: float
    rows: int  # printed rows it stands for (a line: 1; a box: its lines; a table: its rows)
    payload: object = None
    item: str = ""  # a list item's kind of mark (its bullet, or its numbering scheme); "" for no item


@dataclass
class Region:
    """Atoms read together, in order of height. `right` is where a full line of the region ends
    (None: the document's own right margin); `box` is the drawn box the region fills, if any."""
    atoms: list[Atom] = field(default_factory=list)
    right: float | None = None
    box: Atom | None = None


@dataclass(frozen=True)
class LayoutSettings:
    gap: float            # the narrowest gutter between columns, in points
    share: float = 0.2    # each column at least this share of the columns' width
    min_rows: int = 2     # and at least this many rows on each side
    band_gap: float = 0.0  # the widest space between bands that stay in one column group (points)


def _bands(atoms: list[Atom]) -> list[list[Atom]]:
    bands: list[list[Atom]] = []
    bottom = None
    for atom in sorted(atoms, key=lambda a: (a.top, a.x0)):
        if bands and atom.top < bottom - 0.5:
            bands[-1].append(atom)
            bottom = max(bottom, atom.bottom)
        else:
            bands.append([atom])
            bottom = atom.bottom
    return bands


def _gutter(band: list[Atom], gap: float) -> tuple[float, float] | None:
    """The widest vertical stretch of white between the band's atoms, if at least `gap` wide."""
    best = None
    reach = None
    for atom in sorted(band, key=lambda a: a.x0):
        if reach is not None and atom.x0 - reach >= gap and (best is None or atom.x0 - reach > best[1] - best[0]):
            best = (reach, atom.x0)
        reach = atom.x1 if reach is None else max(reach, atom.x1)
    return best


def _sides(band: list[Atom], gutter: tuple[float, float]) -> tuple[list[Atom], list[Atom]] | None:
    """The band's atoms left and right of the gutter, or None when one crosses it. A list item may
    reach into the gutter from its side (a longer item than those above it): the gutter narrows."""
    left, right = [], []
    for atom in band:
        if atom.x1 <= gutter[0] + 0.5 or atom.item and atom.x0 < gutter[0] and atom.x1 < gutter[1] - 0.5:
            left.append(atom)
        elif atom.x0 >= gutter[1] - 0.5 or atom.item and atom.x0 > gutter[0] + 0.5 and atom.x1 > gutter[1]:
            right.append(atom)
        else:
            return None
    return left, right


def _split(band: list[Atom], gutter: tuple[float, float], lefts: list[list[Atom]], rights: list[list[Atom]], gap: float):
    """(gutter, sides) of the next band of a column group; sides None where it crosses the gutter."""
    split = _sides(band, gutter)
    if split is None and lefts and all(a.rows > 1 for a in band):
        # tables or boxes under a caption each (「成果指標」 over one, 「工程表」 over the other): the white both leave
        return _under_captions(band, gutter, lefts[-1], rights[-1], gap)
    return gutter, split


def _under_captions(band: list[Atom], gutter: tuple[float, float], left_above: list[Atom], right_above: list[Atom],
                    gap: float):
    """(gutter, sides) of a band of tables or boxes under a band of captions, each caption starting where the
    table under it starts: the part of the gutter the tables leave open too; (gutter, None) for any other band."""
    own = _gutter(band, gap)
    common = (max(own[0], gutter[0]), min(own[1], gutter[1])) if own else None
    split = _sides(band, common) if common and common[1] - common[0] >= gap else None
    if split is None or not all(below and abs(min(a.x0 for a in above) - min(a.x0 for a in below)) <= gap
                                for above, below in ((left_above, split[0]), (right_above, split[1]))):
        return gutter, None
    return common, split


def _ends_list(bands: list[list[Atom]], band: list[Atom]) -> bool:
    """Whether the band ends two columns of list items: a line that is no item of their kind (the next
    heading)."""
    kinds = {a.item for b in bands for a in b}
    return "" not in kinds and any(a.item not in kinds for a in band)


def _rows(side_bands: list[list[Atom]]) -> int:
    return sum(max(a.rows for a in band) for band in side_bands if band)


def _columns(bands: list[list[Atom]], start: int, settings: LayoutSettings):
    """The column group that starts at bands[start]: (end, gutter, left atoms, right atoms), or None."""
    gutter = _gutter(bands[start], settings.gap)
    if gutter is None:
        return None
    lefts, rights = [], []
    end = start
    bottom = None
    while end < len(bands):
        band = bands[end]
        top = min(a.top for a in band)
        if bottom is not None and top - bottom > settings.band_gap:
            break
        gutter, split = _split(band, gutter, lefts, rights, settings.gap)
        if split is None or lefts and _ends_list(lefts + rights, band):
            break
        left, right = split
        narrowed = (max([gutter[0], *(a.x1 for a in left)]), min([gutter[1], *(a.x0 for a in right)]))
        if narrowed[1] - narrowed[0] < settings.gap:
            break
        gutter = narrowed
        lefts.append(left)
        rights.append(right)
        bottom = max(a.bottom for a in band)
        end += 1
    left_atoms = [a for band in lefts for a in band]
    right_atoms = [a for band in rights for a in band]
    if not _two_columns(lefts, rights, left_atoms, right_atoms, settings):
        return None
    return end, gutter, left_atoms, right_atoms


def _two_columns(lefts: list[list[Atom]], rights: list[list[Atom]], left_atoms: list[Atom], right_atoms: list[Atom],
                 settings: LayoutSettings) -> bool:
    """Whether the two sides of a gutter are columns: each with min_rows rows and at least `share` of
    the width (a label beside a paragraph is no column)."""
    if not left_atoms or not right_atoms:
        return False
    if _rows(lefts) < settings.min_rows or _rows(rights) < settings.min_rows:
        return False
    x0 = min(a.x0 for a in left_atoms)
    x1 = max(a.x1 for a in right_atoms)
    left_width = max(a.x1 for a in left_atoms) - x0
    right_width = x1 - min(a.x0 for a in right_atoms)
    return min(left_width, right_width) >= settings.share * (x1 - x0)


def regions(atoms: list[Atom], settings: LayoutSettings, right: float | None = None,
            is_box=lambda atom: False) -> list[Region]:
    """The atoms as regions in reading order. `right` is the right edge of full lines here (None: the
    document's); `is_box` tells a drawn box, which becomes a region of its own."""
    bands = _bands(atoms)
    out: list[Region] = []
    flow: list[Atom] = []

    def flush():
        if flow:
            out.append(Region(sorted(flow, key=lambda a: (a.top, a.x0)), right))
            flow.clear()

    index = 0
    while index < len(bands):
        found = _columns(bands, index, settings)
        if found is None:
            for atom in sorted(bands[index], key=lambda a: (a.top, a.x0)):
                if is_box(atom):
                    flush()
                    out.append(Region([atom], None, atom))
                else:
                    flow.append(atom)
            index += 1
            continue
        flush()
        end, gutter, left, right_atoms = found
        out.extend(regions(left, settings, gutter[0], is_box))
        out.extend(regions(right_atoms, settings, right, is_box))
        index = end
    flush()
    return out
