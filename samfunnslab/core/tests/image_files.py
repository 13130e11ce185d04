"""Small picture files for tests: real photos with GPS, files that lie about their type, bombs."""

from __future__ import annotations

import io
import struct
import zlib

from PIL import ExifTags, Image


def jpeg_with_gps(size: tuple[int, int] = (400, 200), *, orientation: int = 1) -> bytes:
    """A JPEG with a camera model, an orientation tag and a GPS position in its EXIF."""
    exif = Image.Exif()
    exif[ExifTags.Base.Model] = "Testtelefon"
    exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (59.0, 54.0, 0.0)
    out = io.BytesIO()
    Image.new("RGB", size, (200, 60, 30)).save(out, "JPEG", exif=exif, comment=b"secret")
    return out.getvalue()


def png(size: tuple[int, int] = (300, 300), *, transparent: bool = False) -> bytes:
    """A plain PNG, with an alpha channel if asked."""
    out = io.BytesIO()
    mode, colour = ("RGBA", (0, 0, 255, 128)) if transparent else ("RGB", (0, 0, 255))
    Image.new(mode, size, colour).save(out, "PNG")
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """A tiny PNG whose header promises width × height pixels (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (1 + (width + 7) // 8) * 16)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", rows)
        + _chunk(b"IEND", b"")
    )


def big_file(size_bytes: int) -> bytes:
    """A JPEG start followed by filler, `size_bytes` long (refused on size before decoding)."""
    start = jpeg_with_gps((16, 16))
    return start + b"\0" * (size_bytes - len(start))


PDF_NAMED_JPG = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
