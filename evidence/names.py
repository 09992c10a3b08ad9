"""File-name hygiene for uploaded evidence (pure functions, no Django).

The name a browser sends is untrusted: it is never used as a storage path (files are stored
under generated names, see ``evidence.storage``). It is only shown to people and used as the
download name and as the entry name inside the evaluator's ZIP, so it must be free of paths,
control characters and names Windows cannot open.
"""

from __future__ import annotations

import re
import unicodedata

#: Device names Windows reserves whatever the extension ("CON.pdf" cannot be opened there).
WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{i}" for i in range(1, 10)}
    | {f"LPT{i}" for i in range(1, 10)}
)
#: Characters that are not allowed in file names on Windows, macOS or in ZIP entries.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*]')
_SPACES = re.compile(r"\s+")

MAX_STEM_CHARS = 120
MAX_COMPONENT_CHARS = 60


def _clean(text: str) -> str:
    """NFC-normalise, drop control/format characters (incl. RTL overrides), tidy spaces."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if not unicodedata.category(ch).startswith("C"))
    text = _FORBIDDEN.sub("_", text)
    return _SPACES.sub(" ", text).strip()


def split_extension(name: str) -> tuple[str, str]:
    """``("Laporan", ".pdf")`` for ``"Laporan.pdf"``; extension lower-cased, ``""`` if none."""
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or " " in ext or len(ext) > 8:
        return name, ""
    return stem, "." + ext.lower()


def sanitize_filename(name: str, *, extensions: tuple[str, ...] = ()) -> str:
    """A safe display/download name for ``name`` as a browser or a user sent it.

    - only the last path component is kept (``../../etc/passwd`` → ``passwd``; ``\\`` too);
    - control and Unicode format characters are removed, reserved characters become ``_``;
    - leading/trailing dots and spaces go (no hidden files, no ``..``);
    - Windows device names get a leading ``_`` (``CON.pdf`` → ``_CON.pdf``);
    - the stem is cut to ``MAX_STEM_CHARS`` characters;
    - ``extensions`` are the extensions allowed for the detected content type, canonical one
      first (``(".jpg", ".jpeg")``): a name whose extension is not among them gets the
      canonical one, so the name never lies about the content.

    Returns a non-empty string (``"berkas"`` + extension when nothing usable is left).
    """
    base = re.split(r"[/\\]", name or "")[-1]
    base = _clean(base).strip(". ")
    stem, ext = split_extension(base)
    if extensions and ext not in extensions:
        # keep the user's wording ("Laporan.final") but make the extension tell the truth
        stem, ext = (base, extensions[0]) if ext == "" else (stem, extensions[0])
    stem = stem.strip(". ")[:MAX_STEM_CHARS].rstrip(". ") or "berkas"
    if stem.split(".")[0].upper() in WINDOWS_RESERVED:
        stem = "_" + stem
    return stem + ext


def sanitize_component(text: str, *, max_chars: int = MAX_COMPONENT_CHARS) -> str:
    """A folder name for the evidence pack from free text (an area title, an indikator).

    Same rules as ``sanitize_filename`` without extension handling; long texts are cut at a
    word boundary to ``max_chars`` so paths stay below Windows' 260-character limit.
    """
    text = _clean(text or "").strip(". ")
    if len(text) > max_chars:
        cut = text[:max_chars]
        space = cut.rfind(" ")
        text = (cut[:space] if space > max_chars // 2 else cut).rstrip(" .,;:-")
    if not text:
        return "_"
    if text.split(".")[0].upper() in WINDOWS_RESERVED:
        text = "_" + text
    return text
