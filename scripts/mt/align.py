#!/usr/bin/env python3
"""Aligns two SWORD Bible exports (`mod2imp MODULE`, raw OSIS) by verse key into a parallel
corpus split by book.

Usage: align.py EN.imp ES.imp OUT_DIR [--slice N SLICE_DIR]

Each export has a `$$$Book C:V` key line before each verse. A verse's text is its OSIS markup
with every footnote (`<note>...</note>`) removed (replaced by a space where it sits between
two words with no space around it, as in about 100 verses of the World English Bible), every
other tag removed, the XML entities decoded and the whitespace normalised. Headings (keys without a
verse), chapter and verse 0, and verses empty on either side are skipped. Whole books are held
out: VALID_BOOKS for validation and TEST_BOOKS for test, so no verse of a test book is seen in
training. Writes OUT_DIR/{train,valid,test}.{en,es} (one sentence a line, line i of .en
translates line i of .es) and prints the counts. With --slice, also writes the first N pairs of
each split into SLICE_DIR (the small committed copy the tests use).
"""

import html
import re
import sys
from pathlib import Path

VALID_BOOKS = ["Ruth", "Ecclesiastes", "Philippians", "James"]
TEST_BOOKS = ["Esther", "Jonah", "Lamentations", "Colossians", "I Peter"]

KEY = re.compile(r"^\$\$\$(.*)$", re.M)
VERSE = re.compile(r"^(.*) (\d+):(\d+)$")
NOTE = re.compile(r"<note\b[^>]*>.*?</note>", re.S)
TAG = re.compile(r"<[^>]*>")


def clean(body: str) -> str:
    # A footnote becomes a space only where it glues two words ("God<note/>created"), so
    # that no space lands before punctuation ("incomprehensible<note/>?").
    text = NOTE.sub("\0", body)
    text = TAG.sub("", text)
    text = re.sub(r"(?<=\w)\0(?=\w)", " ", text).replace("\0", "")
    text = html.unescape(text)
    return " ".join(text.split())


def verses(path: Path) -> dict:
    """(book, chapter, verse) -> text, in the export's order."""
    parts = KEY.split(path.read_text(encoding="utf-8"))
    out = {}
    for key, body in zip(parts[1::2], parts[2::2]):
        m = VERSE.match(key.strip())
        if not m or m.group(2) == "0" or m.group(3) == "0":
            continue
        text = clean(body)
        if text:
            out[(m.group(1), int(m.group(2)), int(m.group(3)))] = text
    return out


def main() -> int:
    args = sys.argv[1:]
    slice_n, slice_dir = None, None
    if "--slice" in args:
        i = args.index("--slice")
        slice_n, slice_dir = int(args[i + 1]), Path(args[i + 2])
        del args[i : i + 3]
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    en, es = verses(Path(args[0])), verses(Path(args[1]))
    books = {k[0] for k in en}
    for b in VALID_BOOKS + TEST_BOOKS:
        if b not in books:
            print(f"error: book {b} is not in {args[0]}", file=sys.stderr)
            return 1
    splits = {"train": [], "valid": [], "test": []}
    for key, text in en.items():
        if key not in es:
            continue
        split = "valid" if key[0] in VALID_BOOKS else "test" if key[0] in TEST_BOOKS else "train"
        splits[split].append((text, es[key]))
    out = Path(args[2])
    dirs = [(out, None)] + ([(slice_dir, slice_n)] if slice_dir else [])
    for d, n in dirs:
        d.mkdir(parents=True, exist_ok=True)
        for name, pairs in splits.items():
            pairs = pairs[:n] if n else pairs
            for side in (0, 1):
                lang = ("en", "es")[side]
                lines = "".join(p[side] + "\n" for p in pairs)
                (d / f"{name}.{lang}").write_text(lines, encoding="utf-8")
    for name, pairs in splits.items():
        en_b = sum(len(p[0].encode()) for p in pairs)
        es_b = sum(len(p[1].encode()) for p in pairs)
        print(f"{name}: {len(pairs)} pairs, {en_b} bytes English, {es_b} bytes Spanish")
    return 0


if __name__ == "__main__":
    sys.exit(main())
