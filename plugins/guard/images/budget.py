"""What makes an image too big to publish: its bytes, and its pixels.

Why a budget: an image from content/ is downloaded by every reader of the page, often on a phone;
a photo straight from a camera (3-10 MB, 4000+ px wide) shown 800 px wide wastes nearly all of
it. Why a pixel limit: a browser holds every decoded pixel in memory, and a few hundred KB of PNG
can claim a canvas of 50,000 x 50,000 (a decompression bomb). content_guard's static-file
check (plugins/guard/content_guard/content_tree.py) applies both, with the message below; the limits
are here, beside the readers of image sizes, because they are about images.
"""

from .dimensions import image_size

MAX_IMAGE_BYTES = 500_000  # CONTENT_GUARD_MAX_IMAGE_BYTES
MAX_DOCUMENT_BYTES = 5_000_000  # a PDF, downloaded on purpose: CONTENT_GUARD_MAX_STATIC_BYTES
MAX_IMAGE_SIDE = 10_000  # pixels on either side
HOW_TO_SHRINK = (
    "export it at the width it is shown, e.g. 1600 px wide, as WebP or JPEG at quality 80 "
    "(`cwebp -q 80 -resize 1600 0 photo.png -o photo.webp`), or shrink a PNG with `optipng -o5`"
)


def size_problem(path, size, max_document=MAX_DOCUMENT_BYTES, max_image=MAX_IMAGE_BYTES):
    """(message, fix) when the static file at `path` (of `size` bytes, a PDF or an image whose
    type content_guard has checked) is too big to publish, else None."""
    if path.lower().endswith(".pdf"):
        if size <= max_document:
            return None
        message = f"the PDF is {size:,} bytes, over the limit of {max_document:,}"
        fix = "save it again with its images reduced for the screen (`ps2pdf` does); "
        return message, fix + "CONTENT_GUARD_MAX_STATIC_BYTES sets the limit"
    return image_problem(path, size, max_image)


def image_problem(path, size, max_bytes=MAX_IMAGE_BYTES):
    """(message, fix) when the image file at `path` (of `size` bytes) may not be published,
    else None: over the byte budget, a size that cannot be read, or over the pixel limit."""
    if size > max_bytes:
        message = f"the image is {size:,} bytes, over the budget of {max_bytes:,} for an image"
        return message, f"{HOW_TO_SHRINK}; CONTENT_GUARD_MAX_IMAGE_BYTES sets the budget"
    found = image_size(path)
    if found is None:
        message = "the image's width and height cannot be read: the file is cut short or damaged"
        return message, "open it in an image editor and export it again"
    width, height = found
    if max(width, height) > MAX_IMAGE_SIDE:
        message = (
            f"the image is {width:,} x {height:,} pixels, over {MAX_IMAGE_SIDE:,} on a side: "
            "a browser would hold every pixel in memory"
        )
        return message, HOW_TO_SHRINK
    return None
