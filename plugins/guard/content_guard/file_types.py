"""The inert file types content/ may publish (images and PDF), and what a file's first bytes
are: its signature, or for the message, what it looks like (plugins/guard/content_guard/
content_tree.py refuses a file whose bytes are not of the type its extension announces)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FileType:
    """An inert type that may be published: its name and the extensions that announce it."""

    key: str
    label: str  # "a PNG image"
    short: str  # "PNG"
    extensions: tuple  # the first one is the one to suggest


FILE_TYPES = {
    t.key: t
    for t in (
        FileType("png", "a PNG image", "PNG", (".png",)),
        FileType("jpeg", "a JPEG image", "JPEG", (".jpg", ".jpeg")),
        FileType("gif", "a GIF image", "GIF", (".gif",)),
        FileType("webp", "a WebP image", "WebP", (".webp",)),
        FileType("avif", "an AVIF image", "AVIF", (".avif",)),
        FileType("pdf", "a PDF document", "PDF", (".pdf",)),
    )
}
TYPE_OF_EXTENSION = {ext: t for t in FILE_TYPES.values() for ext in t.extensions}
EXTENSIONS_TEXT = ", ".join(TYPE_OF_EXTENSION)


def detect_type(head):
    """The FileType whose signature starts `head` (the first bytes of a file), or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        return FILE_TYPES["png"]
    if head.startswith(b"\xff\xd8\xff"):
        return FILE_TYPES["jpeg"]
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return FILE_TYPES["gif"]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP" and head[12:15] == b"VP8":
        return FILE_TYPES["webp"]
    if is_avif(head):
        return FILE_TYPES["avif"]
    if head.startswith(b"%PDF-"):
        return FILE_TYPES["pdf"]
    return None


def is_avif(head):
    """An ISO media file (`ftyp` box first) whose brands include AVIF (image or sequence)."""
    size = int.from_bytes(head[:4], "big")
    if head[4:8] != b"ftyp" or not 16 <= size <= len(head):
        return False
    brands = [head[8:12]] + [head[i : i + 4] for i in range(16, size - 3, 4)]
    return b"avif" in brands or b"avis" in brands


def looks_like(head):
    """What a file of no allowed type seems to be, for the message: "look like HTML"."""
    if not head:
        return "are empty"
    found = detect_type(head)
    if found:
        return f"are {found.label}"
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").lower().replace(b"\x00", b"")
    if b"<svg" in text and not text.startswith((b"<!doctype html", b"<html")):
        return "look like an SVG drawing"
    if text.startswith(b"<?xml"):
        return "look like XML"
    if text.startswith(b"<"):
        return "look like HTML"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:  # not only a character cut at the end of `head`
            return "are of a type that is not allowed"
    return "look like text"
