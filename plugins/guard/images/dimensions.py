"""The width and height of an image, read from its header without decoding a pixel.

Why: a page whose images carry `width` and `height` keeps its layout while they load, and the
content check refuses an image whose size would exhaust a reader's browser (a decompression
bomb is a small file that claims a huge canvas). Every format the site publishes states its size
in a few bytes near the start, so a few lines per format do what Pillow would do, without a
large dependency and without decoding anything.

Sizes are as a browser displays them: a JPEG's Exif orientation and an AVIF's `irot` rotation
swap width and height, as browsers apply them (CSS `image-orientation: from-image`).

Every reader is bounded (a fixed number of steps, boxes and bytes): the files come from pull
requests. A header that cannot be read gives None, never an exception from the bytes.
"""

import os
import stat
import struct

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_STEPS = 100_000  # JPEG markers and fill bytes, ISO boxes: more is not an image
MAX_EXIF = 65_535  # one JPEG segment
# Start-of-frame markers give the frame size; C4 (DHT), C8 (JPG) and CC (DAC) are not frames.
SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
STANDALONE_MARKERS = frozenset({0x01, 0xD8, *range(0xD0, 0xD8)})


def image_size(path):
    """(width, height) in pixels of the image file at `path`, or None when unreadable.

    Opened as content_guard reads files: a link is not followed and a pipe is not waited on."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            return None
        return stream_size(stream)


def stream_size(stream):
    """(width, height) of the image in a seekable binary stream, or None."""
    head = stream.read(32)
    for reader in (png_size, gif_size, webp_size):
        found = reader(head)
        if found is not None:
            return found if min(found) > 0 else None
    if head.startswith(b"\xff\xd8\xff"):
        return jpeg_size(stream)
    if head[4:8] == b"ftyp":
        return avif_size(stream)
    return None


def png_size(head):
    if head.startswith(PNG_SIGNATURE) and head[12:16] == b"IHDR" and len(head) >= 24:
        return struct.unpack(">II", head[16:24])
    return None


def gif_size(head):
    if head[:6] in (b"GIF87a", b"GIF89a") and len(head) >= 10:
        return struct.unpack("<HH", head[6:10])  # the logical screen
    return None


def webp_size(head):
    """Lossy (`VP8 `), lossless (`VP8L`) and extended (`VP8X`) WebP, by the first chunk."""
    if head[:4] != b"RIFF" or head[8:12] != b"WEBP":
        return None
    chunk = head[12:16]
    if chunk == b"VP8 " and head[23:26] == b"\x9d\x01\x2a" and len(head) >= 30:  # key frame
        width, height = struct.unpack("<HH", head[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and head[20:21] == b"\x2f" and len(head) >= 25:
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X" and len(head) >= 30:
        return int.from_bytes(head[24:27], "little") + 1, int.from_bytes(head[27:30], "little") + 1
    return None


# --- JPEG ------------------------------------------------------------------------------------


def jpeg_size(stream):
    """The size in the first start-of-frame segment, oriented by the Exif segment before it."""
    stream.seek(2)
    orientation, steps = 1, 0
    while steps < MAX_STEPS:
        steps += 1
        if stream.read(1) != b"\xff":
            return None
        marker = 0xFF
        while marker == 0xFF and steps < MAX_STEPS:  # fill bytes may pad a marker
            steps += 1
            byte = stream.read(1)
            if not byte:
                return None
            marker = byte[0]
        if marker in STANDALONE_MARKERS:
            continue
        if marker in (0xD9, 0xDA):  # end of image, or scan data before any frame
            return None
        raw = stream.read(2)
        if len(raw) < 2 or int.from_bytes(raw, "big") < 2:
            return None
        length = int.from_bytes(raw, "big") - 2
        if marker in SOF_MARKERS:
            frame = stream.read(5)
            if len(frame) < 5:
                return None
            height, width = struct.unpack(">HH", frame[1:5])
            if not width or not height:  # height 0: given later (DNL), which browsers rarely do
                return None
            return (height, width) if orientation >= 5 else (width, height)
        if marker == 0xE1 and orientation == 1:
            orientation = exif_orientation(stream.read(min(length, MAX_EXIF)))
        else:
            stream.seek(length, os.SEEK_CUR)
    return None


def exif_orientation(segment):
    """The Orientation tag (1-8) of an APP1 Exif segment's first IFD; 1 when there is none.
    5 to 8 turn the image by a quarter, so its width and height swap on screen."""
    if not segment.startswith(b"Exif\x00\x00"):
        return 1
    tiff = segment[6:]
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None or len(tiff) < 8:
        return 1
    (offset,) = struct.unpack(order + "I", tiff[4:8])
    if offset + 2 > len(tiff):
        return 1
    (count,) = struct.unpack(order + "H", tiff[offset : offset + 2])
    for entry in range(offset + 2, min(offset + 2 + 12 * count, len(tiff) - 11), 12):
        tag, kind, _, value = struct.unpack(order + "HHIH", tiff[entry : entry + 10])
        if tag == 0x0112 and kind == 3:  # Orientation, a SHORT
            return value if 1 <= value <= 8 else 1
    return 1


# --- AVIF (HEIF: ISO base media boxes) ---------------------------------------------------------


def boxes(stream, start, end):
    """(type, payload start, box end) of each ISO box from `start` to `end`, bounded."""
    position = start
    for _ in range(MAX_STEPS):
        if position + 8 > end:
            return
        stream.seek(position)
        size, kind = struct.unpack(">I4s", stream.read(8).ljust(8, b"\x00"))
        payload = position + 8
        if size == 1:
            size, payload = int.from_bytes(stream.read(8).ljust(8, b"\x00"), "big"), payload + 8
        elif size == 0:
            size = end - position  # to the end of the enclosing box
        if size < payload - position or position + size > end:
            return
        yield kind, payload, position + size
        position += size


def child(stream, start, end, kind):
    return next(((s, e) for k, s, e in boxes(stream, start, end) if k == kind), None)


def avif_size(stream):
    """The `ispe` (image spatial extents) of the primary item, turned by its `irot`.

    HEIF requires an `ispe` on every image item; `ipma` says which properties (numbered from 1
    in `ipco`) belong to which item, and `pitm` which item is the image."""
    end = stream.seek(0, os.SEEK_END)
    meta = child(stream, 0, end, b"meta")
    if meta is None:
        return None
    start, meta_end = meta[0] + 4, meta[1]  # a full box: version and flags first
    primary = primary_item(stream, child(stream, start, meta_end, b"pitm"))
    iprp = child(stream, start, meta_end, b"iprp")
    if iprp is None:
        return None
    ipco = child(stream, *iprp, b"ipco")
    properties = list(boxes(stream, *ipco)) if ipco else []
    indexes = associations(stream, child(stream, *iprp, b"ipma")).get(primary)
    if indexes is None:  # no association known: the first extents stand for the image
        indexes = range(1, len(properties) + 1)
    size, turned = None, False
    for index in indexes:
        if not 1 <= index <= len(properties):
            continue
        kind, payload, box_end = properties[index - 1]
        stream.seek(payload)
        data = stream.read(min(box_end - payload, 12))
        if kind == b"ispe" and size is None and len(data) >= 12:
            size = struct.unpack(">II", data[4:12])
        elif kind == b"irot" and data:
            turned = data[0] & 0x3 in (1, 3)
    if size is None:
        return None
    return (size[1], size[0]) if turned else size


def primary_item(stream, pitm):
    if pitm is None:
        return None
    stream.seek(pitm[0])
    data = stream.read(8)
    if len(data) < 6:
        return None
    return int.from_bytes(data[4:6] if data[0] == 0 else data[4:8], "big")


def associations(stream, ipma):
    """{item id: [property index, ...]} from an `ipma` box (ISO/IEC 23008-12, 9.3)."""
    if ipma is None:
        return {}
    stream.seek(ipma[0])
    data = stream.read(min(ipma[1] - ipma[0], 1 << 20))
    if len(data) < 8:
        return {}
    version, wide = data[0], data[3] & 1
    count, position, found = int.from_bytes(data[4:8], "big"), 8, {}
    id_bytes = 2 if version < 1 else 4
    for _ in range(min(count, MAX_STEPS)):
        if position + id_bytes + 1 > len(data):
            break
        item = int.from_bytes(data[position : position + id_bytes], "big")
        number = data[position + id_bytes]
        position += id_bytes + 1
        step = 2 if wide else 1
        raw = data[position : position + number * step]
        position += number * step
        mask = 0x7FFF if wide else 0x7F
        found[item] = [
            int.from_bytes(raw[i : i + step], "big") & mask for i in range(0, len(raw), step)
        ]
    return found
