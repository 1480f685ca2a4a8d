"""Tiny image files made byte by byte, so the tests say exactly what each header holds.

The PNG is a complete image a browser shows; the others carry the header fields the readers use
(and what browsers need to find them), not always decodable pixels.
"""

import struct
import zlib


def png(width, height, padding=0):
    """A real RGB PNG of `width` x `height` grey pixels; `padding` bytes of a private chunk
    (which viewers skip) make it as heavy as a test needs."""
    rows = b"".join(b"\x00" + b"\x80" * (3 * width) for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    extra = png_chunk(b"prVt", b"\x00" * padding) if padding else b""
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(rows))
        + extra
        + png_chunk(b"IEND", b"")
    )


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width, height):
    """Only the signature and IHDR: what a file claiming a huge canvas needs."""
    return b"\x89PNG\r\n\x1a\n" + png_chunk(
        b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    )


def gif(width, height):
    return b"GIF89a" + struct.pack("<HHBBB", width, height, 0, 0, 0) + b";"


def jpeg(width, height, orientation=None, byte_order="II", sof=0xC0, fill=0):
    """SOI, JFIF, an optional Exif orientation, a start-of-frame segment, EOI."""
    parts = [b"\xff\xd8", segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")]
    if orientation is not None:
        parts.append(segment(0xE1, exif(orientation, byte_order)))
    frame = struct.pack(">BHHB", 8, height, width, 1) + b"\x01\x11\x00"
    parts += [b"\xff" * fill, segment(sof, frame), b"\xff\xd9"]
    return b"".join(parts)


def segment(marker, data):
    return bytes((0xFF, marker)) + struct.pack(">H", len(data) + 2) + data


def exif(orientation, byte_order):
    """An Exif APP1 payload whose first IFD has one entry: Orientation (0x0112, SHORT)."""
    order = "<" if byte_order == "II" else ">"
    value = struct.pack(order + "H", orientation) + b"\x00\x00"
    entry = struct.pack(order + "HHI", 0x0112, 3, 1) + value
    ifd = struct.pack(order + "H", 1) + entry + struct.pack(order + "I", 0)
    tiff = byte_order.encode() + struct.pack(order + "HI", 42, 8) + ifd
    return b"Exif\x00\x00" + tiff


def riff(chunk, data):
    body = b"WEBP" + chunk + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", len(body)) + body


def webp_lossy(width, height):
    frame = b"\x10\x02\x00" + b"\x9d\x01\x2a" + struct.pack("<HH", width, height)
    return riff(b"VP8 ", frame + b"\x00" * 10)


def webp_lossless(width, height):
    bits = (width - 1) | ((height - 1) << 14)
    return riff(b"VP8L", b"\x2f" + bits.to_bytes(4, "little") + b"\x00" * 4)


def webp_extended(width, height):
    canvas = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    return riff(b"VP8X", b"\x10\x00\x00\x00" + canvas)


def box(kind, data, full=None):
    """An ISO box; `full` = version, for a full box (version and 3 bytes of flags)."""
    if full is not None:
        data = bytes((full, 0, 0, 0)) + data
    return struct.pack(">I", 8 + len(data)) + kind + data


def avif(items, primary, rotate=0):
    """An AVIF whose item n (from 1) has the extents `items[n - 1]`; `primary` is the image.

    Each item gets its own `ispe` (property n) and the primary one also an `irot` when turned,
    as encoders write a grid image (the grid, then its tiles)."""
    ftyp = box(b"ftyp", b"avif\x00\x00\x00\x00avifmif1miaf")
    properties = [box(b"ispe", struct.pack(">II", w, h), full=0) for w, h in items]
    if rotate:
        properties.append(box(b"irot", bytes((rotate,))))
    associations = b""
    for number in range(1, len(items) + 1):
        indexes = [number] + ([len(properties)] if rotate and number == primary else [])
        associations += struct.pack(">HB", number, len(indexes)) + bytes(indexes)
    ipma = box(b"ipma", struct.pack(">I", len(items)) + associations, full=0)
    iprp = box(b"iprp", box(b"ipco", b"".join(properties)) + ipma)
    hdlr = box(b"hdlr", b"\x00" * 4 + b"pict" + b"\x00" * 13, full=0)
    pitm = box(b"pitm", struct.pack(">H", primary), full=0)
    meta = box(b"meta", hdlr + pitm + iprp, full=0)
    return ftyp + meta + box(b"mdat", b"\x00" * 8)
