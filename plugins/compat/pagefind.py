"""Pagefind's private index format: everything the site reads or rewrites of it.

Pagefind documents its bundle only as what pagefind.js loads; the files inside are its own
business. The site reads them in two places: plugins/outputs/search rewrites the filter index in a
canonical order (below), and tests read the fragments to see which pages are indexed.
plugins/compat/tests/test_contract.py checks this layout on a tiny index made by the installed
Pagefind, and pyproject.toml bounds pagefind below the next minor version.

Why the rewrite: Pagefind (1.5) writes its filter index from a Rust HashMap: the order of the
filter values in each `filter/*.pf_filter` file changes from run to run, and with it the file's
name, the `pagefind.*.pf_meta` file that names it and `pagefind-entry.json` that names the meta
file. Everything else (fragments, word index chunks) is already stable.

`canonicalize(bundle)` rewrites those files in a canonical order: filters sorted by name,
values sorted, page numbers ascending. Files are named after a hash of their bytes, as
Pagefind does, so a changed index still gets new names (and fresh caches).

The files are gzip-compressed CBOR behind a `pagefind_dcd` signature, read and written with
cbor2. Only the small part of CBOR Pagefind uses is accepted (unsigned integers, strings,
arrays); anything else stops the build, so a future Pagefind that changes its format cannot be
silently mangled.
"""

import gzip
import hashlib
import io
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY_FILE = "pagefind-entry.json"  # names each language's meta file


class PagefindFormatError(Exception):
    """Pagefind wrote something this module does not understand."""


# --- the CBOR Pagefind writes (cbor2 reads and writes it; only its subset is accepted) --------


def plain_cbor(value, path):
    """`value` if it holds only what Pagefind's index files hold (unsigned integers, strings,
    arrays), else PagefindFormatError: a future format is never rewritten blindly."""
    if isinstance(value, list):
        for item in value:
            plain_cbor(item, path)
    elif isinstance(value, bool) or not isinstance(value, int | str):
        raise PagefindFormatError(f"{path}: unexpected CBOR item {value!r}")
    elif isinstance(value, int) and value < 0:
        raise PagefindFormatError(f"{path}: unexpected negative number {value}")
    return value


def read_pf(path):
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise PagefindFormatError(f"{path}: no {SIGNATURE.decode()} signature")
    body = io.BytesIO(data[len(SIGNATURE) :])
    try:
        value = cbor2.CBORDecoder(body).decode()
    except cbor2.CBORDecodeError as error:
        raise PagefindFormatError(f"{path}: {error}") from error
    if body.tell() != len(body.getbuffer()):
        raise PagefindFormatError(f"{path}: trailing bytes")
    return plain_cbor(value, path)


def pf_bytes(value):
    """The bytes of an index file holding `value`, as Pagefind writes them (the shortest CBOR
    heads, which cbor2 writes too); mtime=0: the gzip header carries no timestamp."""
    return gzip.compress(SIGNATURE + cbor2.dumps(plain_cbor(value, "pf_bytes")), 9, mtime=0)


def _renamed(old_hash, payload):
    """A name like Pagefind's: the language prefix, then as many hex digits of a hash."""
    prefix, _, digits = old_hash.rpartition("_")
    return f"{prefix}_{hashlib.sha256(payload).hexdigest()[: len(digits)]}"


def _replace(old, new, payload):
    old.unlink()
    new.write_bytes(payload)


# --- the bundle ---------------------------------------------------------------------------------


def canonical_filter(value, path):
    """[name, [[value, [pages…]]…]] with values sorted and page numbers ascending."""
    try:
        name, values = value
        rows = sorted(([str(v), sorted(pages)] for v, pages in values), key=lambda row: row[0])
    except (TypeError, ValueError) as error:
        raise PagefindFormatError(f"{path}: unexpected filter layout") from error
    return [name, rows]


def canonicalize_language(bundle, meta_hash):
    """Rewrite one language's filters and meta file; return the meta file's new hash."""
    meta_path = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = read_pf(meta_path)
    # Pagefind 1.x meta: [version, pages, index chunks, filters, sorts, meta fields]
    if not (isinstance(meta, list) and len(meta) >= 4 and isinstance(meta[3], list)):
        raise PagefindFormatError(f"{meta_path}: unexpected meta layout")
    filters = []
    for name, filter_hash in meta[3]:
        path = bundle / "filter" / f"{filter_hash}.pf_filter"
        payload = pf_bytes(canonical_filter(read_pf(path), path))
        new_hash = _renamed(filter_hash, payload)
        _replace(path, bundle / "filter" / f"{new_hash}.pf_filter", payload)
        filters.append([name, new_hash])
    meta[3] = sorted(filters)
    payload = pf_bytes(meta)
    new_meta_hash = _renamed(meta_hash, payload)
    _replace(meta_path, bundle / f"pagefind.{new_meta_hash}.pf_meta", payload)
    return new_meta_hash


def canonicalize(bundle):
    """Rewrite the Pagefind bundle folder `bundle` (…/pagefind) in canonical form."""
    bundle = Path(bundle)
    entry_path = bundle / ENTRY_FILE
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    languages = {}
    for code, language in sorted(entry["languages"].items()):
        language["hash"] = canonicalize_language(bundle, language["hash"])
        languages[code] = language
    entry["languages"] = languages
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    entry_path.write_text(text, encoding="utf-8")


# --- reading an index (tests, the contract test) ------------------------------------------------


def read_entry(bundle):
    """The parsed pagefind-entry.json of a bundle: {"version", "languages": {code: {...}}}."""
    return json.loads((Path(bundle) / ENTRY_FILE).read_text(encoding="utf-8"))


def meta_file(bundle, meta_hash):
    """The meta file of one language, named by its hash in the entry file."""
    return Path(bundle) / f"pagefind.{meta_hash}.pf_meta"


def page_fragments(bundle):
    """The fragment of every page file of the index, one each (a fragment is gzip'd JSON behind
    the signature: url, content, meta, filters...)."""
    found = []
    for path in sorted((Path(bundle) / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(SIGNATURE):
            raise PagefindFormatError(f"{path}: no {SIGNATURE.decode()} signature")
        found.append(json.loads(data[len(SIGNATURE) :]))
    return found


def fragments(bundle):
    """{url: fragment} of every page in the index."""
    return {fragment["url"]: fragment for fragment in page_fragments(bundle)}


def filters(bundle):
    """{filter file name: [name, [[value, [pages...]]...]]} of every filter of the index."""
    return {
        path.name: read_pf(path) for path in sorted((Path(bundle) / "filter").glob("*.pf_filter"))
    }
