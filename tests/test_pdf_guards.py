"""pipeline/pdf_guards.py: reference cycles found before pdfminer follows them; streams inflated within a cap."""
import zlib

import pytest

from pipeline.errors import ReadError
from pipeline.pdf_guards import capped_streams, reference_cycle


@pytest.mark.parametrize("data, expected", [
    (b"1 0 obj << /Type /Catalog >> endobj", None),
    (b"6 0 obj 7 0 R endobj 7 0 obj << /Count 0 >> endobj", None),  # a chain that ends
    (b"6 0 obj\n7 0 R\nendobj\n7 0 obj\n6 0 R\nendobj", "object 6 → 7 → 6"),
    (b"5 0 obj 5 0 R endobj", "object 5 → 5"),
    (b"1 0 obj 2 0 R endobj 2 0 obj 3 0 R endobj 3 0 obj 2 0 R endobj", "object 2 → 3 → 2"),
    (b"16 0 obj 7 0 R endobj", None),  # a reference to an object that is not there
])
def test_reference_cycle(data, expected):
    found = reference_cycle(data)
    assert (found is None) if expected is None else (expected in found)


def test_streams_inflate_within_the_cap_and_the_names_come_back():
    from pdfminer import pdftypes

    with capped_streams(1000):
        assert pdftypes.zlib.decompress(zlib.compress(b"a" * 1000)) == b"a" * 1000
        with pytest.raises(ReadError, match="inflates to more than 0.001 MB"):
            pdftypes.zlib.decompress(zlib.compress(b"a" * 1001))
        with pytest.raises(zlib.error):  # truncated: pdfminer then tries its fallback
            pdftypes.zlib.decompress(zlib.compress(b"a" * 500)[:-6])
        broken = zlib.compress(b"b" * 500)[:-4] + b"\0\0\0\0"  # checksum wrong
        with pytest.raises(zlib.error):
            pdftypes.zlib.decompress(broken)
        assert pdftypes.decompress_corrupted(broken) == b"b" * 500
        with pytest.raises(ReadError):
            pdftypes.decompress_corrupted(zlib.compress(b"b" * 5000)[:-4] + b"\0\0\0\0")
    assert pdftypes.zlib is zlib and pdftypes.decompress_corrupted.__module__ == "pdfminer.pdftypes"
