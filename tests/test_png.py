"""PNG written by `render.diagrams.png`: the pixels matplotlib drew, read back by Pillow (a
third-party reader that checks every chunk's CRC), with the dpi and metadata Pillow would write.
"""

from __future__ import annotations

import io
import struct
import zlib

import numpy
import pytest
from PIL import Image

from ehelse_map.render.diagrams import png
from ehelse_map.render.diagrams.layout.sheet import Sheet
from ehelse_map.render.diagrams.style import diagram_context, figure_bytes


def read(payload: bytes) -> Image.Image:
    Image.open(io.BytesIO(payload)).verify()  # every chunk's CRC, the IEND at the end
    image = Image.open(io.BytesIO(payload))
    image.load()
    return image


def chunk_types(payload: bytes) -> list[bytes]:
    kinds, at = [], len(png.SIGNATURE)
    while at < len(payload):
        (length,) = struct.unpack(">I", payload[at:at + 4])
        kinds.append(payload[at + 4:at + 8])
        at += 12 + length
    return kinds


def matplotlib_png(figure, dpi: int) -> Image.Image:
    """The same figure through matplotlib's own PNG writer (Pillow)."""
    buffer = io.BytesIO()
    with diagram_context():
        figure.savefig(buffer, format="png", dpi=dpi)
    return read(buffer.getvalue())


def a_sheet() -> Sheet:
    with diagram_context():
        sheet = Sheet(3.0, 2.0)
        sheet.disc(1.0, 1.0, 0.6, face="#E69F00")
        sheet.text(1.8, 1.2, "Åse kommune ✓", size=11)
    return sheet


@pytest.mark.parametrize("dpi", [50, 100, 150])
def test_every_pixel_is_what_matplotlib_draws(dpi):
    figure = a_sheet().figure
    ours = read(figure_bytes(figure, "png", dpi))
    theirs = matplotlib_png(figure, dpi)
    assert ours.size == theirs.size
    assert numpy.array_equal(numpy.asarray(ours.convert("RGBA")), numpy.asarray(theirs))


def test_an_opaque_picture_is_rgb_and_says_its_dpi_and_creator():
    figure = a_sheet().figure
    image = read(figure_bytes(figure, "png", 150))
    assert image.mode == "RGB"
    assert image.info["dpi"] == matplotlib_png(figure, 150).info["dpi"]  # whole pixels a metre
    assert image.info["dpi"] == pytest.approx((150, 150), abs=0.02)
    assert image.info["Software"].startswith("ehelse-map ")


def test_the_same_figure_gives_the_same_bytes():
    figure = a_sheet().figure
    assert figure_bytes(figure, "png", 100) == figure_bytes(figure, "png", 100)


def test_transparency_keeps_the_alpha_channel():
    rgba = numpy.zeros((3, 5, 4), dtype=numpy.uint8)
    rgba[..., 0] = 200
    rgba[1, 2, 3] = 128
    image = read(png.encode(rgba, 72))
    assert image.mode == "RGBA"
    assert numpy.array_equal(numpy.asarray(image), rgba)


def test_text_outside_latin_1_goes_in_an_international_chunk():
    rgba = numpy.full((2, 2, 4), 255, dtype=numpy.uint8)
    payload = png.encode(rgba, 96, {"Software": "ehelse-map", "Title": "Sámi: ŋ, 健康"})
    image = read(payload)
    assert image.info["Title"] == "Sámi: ŋ, 健康"
    assert chunk_types(payload) == [b"IHDR", b"pHYs", b"tEXt", b"iTXt", b"IDAT", b"IEND"]


def test_large_pictures_split_their_data_over_several_chunks():
    noise = numpy.random.default_rng(0).integers(0, 256, (700, 700, 4), dtype=numpy.uint8)
    noise[..., 3] = 255
    payload = png.encode(noise, 100)
    assert chunk_types(payload).count(b"IDAT") > 1
    assert numpy.array_equal(numpy.asarray(read(payload)), noise[..., :3])


def test_rows_are_unfiltered_and_deflated():
    rgba = numpy.full((4, 3, 4), 255, dtype=numpy.uint8)
    payload = png.encode(rgba, 100)
    start = payload.index(b"IDAT") + 4
    (length,) = struct.unpack(">I", payload[start - 8:start - 4])
    rows = zlib.decompress(payload[start:start + length])
    assert rows == (b"\x00" + b"\xff" * 9) * 4


def test_without_isal_the_rows_are_deflated_by_zlib_to_the_same_pixels(monkeypatch):
    """ISA-L deflates faster; where its wheel is missing the standard library's zlib writes
    the same pixels, in other bytes."""
    import builtins

    noise = numpy.random.default_rng(1).integers(0, 256, (60, 80, 4), dtype=numpy.uint8)
    noise[..., 3] = 255
    noise[20:40] = 255  # flat rows, as pictures mostly are
    fast = png.encode(noise, 100)
    real_import = builtins.__import__

    def no_isal(name, *args, **kwargs):
        if name.startswith("isal"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_isal)
    slow = png.encode(noise, 100)
    assert slow != fast
    for payload in (fast, slow):
        assert numpy.array_equal(numpy.asarray(read(payload)), noise[..., :3])


def test_a_large_picture_loses_its_alpha_strip_by_strip(monkeypatch):
    """The RGB copy is made a few rows at a time (a picture of tens of megabytes would
    otherwise be held twice more); the strips join without a seam."""
    noise = numpy.random.default_rng(2).integers(0, 256, (37, 50, 4), dtype=numpy.uint8)
    noise[..., 3] = 255
    whole = png.encode(noise, 100)
    monkeypatch.setattr(png, "STRIP_BYTES", 50 * 4 * 5)  # five rows a strip, the last two
    assert png.encode(noise, 100) == whole
    assert numpy.array_equal(numpy.asarray(read(whole)), noise[..., :3])


def test_isal_deflates_where_it_is_installed():
    isal_zlib = pytest.importorskip("isal.isal_zlib")
    data = bytes(range(256)) * 64
    assert png.deflate(memoryview(data)) == isal_zlib.compress(data, png.ISAL_COMPRESSION)
    assert zlib.decompress(png.deflate(data)) == data


@pytest.mark.parametrize("shape", [(4, 4), (4, 4, 3), (2, 2, 2, 4)])
def test_anything_but_rgba_pixels_is_refused(shape):
    with pytest.raises(ValueError, match="RGBA"):
        png.encode(numpy.zeros(shape, dtype=numpy.uint8), 100)


@pytest.mark.parametrize("keyword", ["", "k" * 80, "a\x00b"])
def test_invalid_text_keywords_are_refused(keyword):
    with pytest.raises(ValueError, match="keyword"):
        png.encode(numpy.full((1, 1, 4), 255, dtype=numpy.uint8), 100, {keyword: "x"})


def test_a_matplotlib_that_hands_over_flat_bytes_gets_its_own_png_writer(monkeypatch):
    """Should `savefig(format="raw")` ever write plain bytes (no shape), the picture is still
    a PNG, written by matplotlib through Pillow."""
    from ehelse_map.render.diagrams import style

    def flat(self, data):
        self.rgba = numpy.frombuffer(bytes(data), dtype=numpy.uint8)
        return len(self.rgba)

    monkeypatch.setattr(style._Pixels, "write", flat)
    figure = a_sheet().figure
    image = read(figure_bytes(figure, "png", 100))
    assert numpy.array_equal(numpy.asarray(image.convert("RGBA")),
                             numpy.asarray(matplotlib_png(figure, 100)))
