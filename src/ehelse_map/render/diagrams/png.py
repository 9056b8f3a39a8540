"""PNG bytes from the RGBA pixels matplotlib drew, without Pillow's adaptive filtering.

Pillow's PNG encoder tries every row filter on every row and keeps no setting to turn that
off; on a picture that is mostly flat colour that search is most of the encoding time (0.23 s
of a landscape's 1,600 x 2,377 pixels). Rows written unfiltered and deflated at level 1 take
0.09 s and are smaller (1,366 KB against 1,427 KB), because flat runs compress as well
unfiltered and antialiased edges compress worse filtered. The rows are deflated by ISA-L
(`isal`, Intel's deflate in C; 0.012 s for those pixels, 1,448 KB) where it is installed,
else by zlib (0.06 s, 1,366 KB); every PNG reader inflates both. An opaque picture, which every
diagram is (`savefig.facecolor` is white), is written as RGB (Pillow drops the alpha channel,
in C; numpy's strided copy took 0.02 s of a landscape); one with any transparency keeps it.

The chunks are those Pillow writes for matplotlib: IHDR, pHYs (the dpi), one tEXt (or iTXt
when not Latin-1) per metadata key, IDAT, IEND. `tests/test_png.py` decodes the result with
Pillow and compares every pixel with matplotlib's own PNG.
"""

from __future__ import annotations

import struct
import zlib
from typing import Any

SIGNATURE = b"\x89PNG\r\n\x1a\n"
COMPRESSION = 1
"""zlib level: 1 instead of 6 deflates a landscape in 0.07 s instead of 0.16 s, for 6 % more
bytes (1,366 KB against 1,290 KB)."""
ISAL_COMPRESSION = 2
"""ISA-L level (0-3): 2 deflates a landscape in 0.012 s to 1,448 KB; 1 is as fast and 1 %
larger, 3 takes 0.029 s and is larger still (its matcher suits text, not flat colour)."""
STRIP_BYTES = 4 << 20
"""RGBA bytes converted to RGB at a time: the whole picture at once would hold two more
copies of it (a ten-times-Nordic landscape is 60 MB of pixels)."""
IDAT_SIZE = 1 << 20
"""Bytes of compressed data per IDAT chunk (readers accept any split; 1 MiB is customary)."""


def encode(rgba: Any, dpi: float, metadata: dict[str, str] | None = None) -> bytes:
    """PNG bytes of an (height, width, 4) uint8 array; `dpi` goes into pHYs."""
    import numpy

    pixels = numpy.asarray(rgba, dtype=numpy.uint8)
    if pixels.ndim != 3 or pixels.shape[2] != 4:
        raise ValueError(f"expected height x width x 4 RGBA pixels, got shape {pixels.shape}")
    height, width = int(pixels.shape[0]), int(pixels.shape[1])
    pixels = numpy.ascontiguousarray(pixels)  # matplotlib's buffer already is: no copy
    # alpha is each pixel's high byte as a little-endian word: one pass over whole words
    opaque = bool(pixels.view("<u4").min() >= 0xFF000000) if pixels.size else True
    channels = 3 if opaque else 4
    stride = 1 + width * channels  # a row: its filter type, 0 (None), then its pixels
    rows = numpy.zeros((height, stride), dtype=numpy.uint8)
    if opaque and pixels.size:  # Pillow drops the alpha channel in C, twice numpy's speed
        from PIL import Image

        step = max(STRIP_BYTES // (width * 4), 1)  # in strips: two RGB copies of a strip
        for top in range(0, height, step):
            strip = pixels[top:top + step]
            rgb = Image.frombuffer("RGBA", (width, len(strip)), strip, "raw", "RGBA", 0, 1)
            rows[top:top + step, 1:] = numpy.frombuffer(
                rgb.convert("RGB").tobytes(), numpy.uint8).reshape(len(strip), width * 3)
    else:
        rows[:, 1:] = pixels.reshape(height, width * 4)
    compressed = deflate(rows.data)  # the array's own memory: no copy

    colour_type = 2 if opaque else 6
    chunks = [_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour_type, 0, 0, 0))]
    per_metre = int(dpi / 0.0254 + 0.5)
    chunks.append(_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)))
    for key, value in (metadata or {}).items():
        chunks.append(_text_chunk(key, value))
    for start in range(0, max(len(compressed), 1), IDAT_SIZE):
        chunks.append(_chunk(b"IDAT", compressed[start:start + IDAT_SIZE]))
    chunks.append(_chunk(b"IEND", b""))
    return SIGNATURE + b"".join(chunks)


def deflate(data: Any) -> bytes:
    """`data` in a zlib stream (PNG's IDAT): by ISA-L when it is installed, else by zlib."""
    try:
        from isal import isal_zlib
    except ImportError:  # a platform without its wheel: the standard library's, 5 times slower
        return zlib.compress(data, COMPRESSION)
    return bytes(isal_zlib.compress(data, ISAL_COMPRESSION))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(data, zlib.crc32(kind)) & 0xFFFFFFFF)


def _text_chunk(key: str, value: str) -> bytes:
    """tEXt when key and value are Latin-1, else iTXt (UTF-8), as Pillow chooses.

    A keyword is 1-79 Latin-1 characters; a longer or empty one is a programming error."""
    keyword = key.encode("latin-1")
    if not 1 <= len(keyword) <= 79 or b"\x00" in keyword:
        raise ValueError(f"invalid PNG text keyword {key!r}")
    try:
        return _chunk(b"tEXt", keyword + b"\x00" + value.encode("latin-1"))
    except UnicodeEncodeError:
        return _chunk(b"iTXt", keyword + b"\x00\x00\x00\x00\x00" + value.encode("utf-8"))
