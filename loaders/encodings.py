"""Bytes -> text for Vietnamese articles as they come: UTF-8 (with or without BOM), UTF-16, and the
legacy 8-bit encodings of older portals (Windows-1258, VNI, TCVN3/ABC, VISCII).

Detection order: byte-order marks, UTF-16 by its NUL pattern, strict UTF-8, then the legacy
encodings, each scored by how many well-formed Vietnamese syllables its decoding yields. The
scoring only runs when UTF-8 fails, so the common case costs one `bytes.decode`.

The legacy tables are data files in `lexicons/encodings/` (VISCII and TCVN3 read from the glibc
charmaps; VNI built from its mark-letter scheme).
"""
from __future__ import annotations

import logging
import re
import string
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from thidua.errors import UnreadableInput

__all__ = ["Decoded", "decode_bytes", "decode_legacy", "encode_legacy", "LEGACY_ENCODINGS",
           "syllable_score", "repair_font_encoded", "redecode_font_text"]

log = logging.getLogger(__name__)

LEGACY_ENCODINGS = ("cp1258", "vni", "tcvn3", "viscii")
UNDECODABLE = "not UTF-8, UTF-16 or a known Vietnamese encoding"
BINARY = "binary file (NUL bytes)"

# A file whose bad bytes are few next to its good multi-byte characters is UTF-8 with damage,
# not a legacy encoding: legacy Vietnamese text almost never forms valid UTF-8 sequences.
_DAMAGED_UTF8_RATIO = 3
# The winning legacy decoding must make at least this share of its non-ASCII words well formed.
_MIN_SYLLABLE_SHARE = 0.6
_SCORE_SAMPLE = 6_000  # bytes scored per candidate: some 400 accented words, plenty to decide


@dataclass(frozen=True)
class Decoded:
    text: str          # NFC
    encoding: str      # utf-8, utf-8-sig, utf-16-le, utf-16-be, cp1258, vni, tcvn3, viscii
    damaged: bool = False  # invalid bytes were replaced with U+FFFD


def decode_bytes(raw: bytes, path: object = "<bytes>") -> Decoded:
    """Decode one file's bytes; raises UnreadableInput for empty, binary or undecodable input."""
    if not raw.strip() or raw.strip() in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        raise UnreadableInput(path, "empty file")
    if raw.startswith(b"\xef\xbb\xbf"):
        return _repair_mojibake(_decode_utf8(raw[3:], path, "utf-8-sig"), path)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16-le" if raw.startswith(b"\xff\xfe") else "utf-16-be"
        return _decode_utf16(raw[2:], path, encoding)
    if b"\x00" in raw:
        encoding = _utf16_by_nul_pattern(raw)
        if encoding is None:
            raise UnreadableInput(path, BINARY)
        return _decode_utf16(raw, path, encoding)
    try:
        return _repair_mojibake(Decoded(_nfc(raw.decode("utf-8")), "utf-8"), path)
    except UnicodeDecodeError:
        pass
    lossy = raw.decode("utf-8", errors="replace")
    bad = lossy.count("\ufffd")
    good = sum(1 for ch in lossy if ord(ch) > 127) - bad
    if good >= _DAMAGED_UTF8_RATIO * bad:
        log.warning("%s: %d invalid UTF-8 byte sequence(s) replaced with U+FFFD", path, bad)
        return Decoded(_nfc(lossy), "utf-8", damaged=True)
    return _decode_best_legacy(raw, path)


# UTF-8 read as Windows-1252 and saved again as UTF-8 ("Khá»‘i thi Ä‘ua"), as old CMS exports
# do. Vietnamese letters leave these marks: ạ-ỹ (E1 BA/BB), đ (C4 91), ơ/ư (C6 A1/B0).
_MOJIBAKE_HINTS = ("áº", "á»", "Ä‘", "Ä\u0090", "Æ°", "Æ¡")
_MIN_MOJIBAKE_HINTS = 3
_MOJIBAKE_LOSS = 0.05  # at most this share of the repaired letters may be unrecoverable


def _repair_mojibake(decoded: Decoded, path: object) -> Decoded:
    text = decoded.text
    if "º" not in text and "»" not in text and "Ä" not in text and "Æ" not in text:
        return decoded  # none of the hints can be there: skip counting them
    if sum(text.count(hint) for hint in _MOJIBAKE_HINTS) < _MIN_MOJIBAKE_HINTS:
        return decoded
    # Bytes that cp1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) were often lost on the way
    # ("Ä‘iá»\ufffdu"): those letters come back as U+FFFD, the rest of the text is recovered.
    as_bytes = text.translate(_cp1252_inverse()).encode("latin-1", errors="replace")
    repaired = unicodedata.normalize("NFC", as_bytes.decode("utf-8", errors="replace"))
    lost = repaired.count("\ufffd")
    if lost > _MOJIBAKE_LOSS * sum(1 for ch in repaired if ord(ch) > 127):
        return decoded  # not mojibake after all: leave the text as it is
    log.warning("%s: UTF-8 that had been decoded as Windows-1252 (mojibake) repaired%s", path,
                f"; {lost} letter(s) lost" if lost > 0 else "")
    return Decoded(repaired, f"{decoded.encoding}+mojibake", decoded.damaged or lost > 0)


@lru_cache(maxsize=1)
def _cp1252_inverse() -> dict[int, int]:
    # cp1252 character -> its byte, written as the Latin-1 character of that byte.
    return {ord(ch): byte for byte, ch in _cp1252_table().items()}


def _nfc(text: str) -> str:
    # NFC of pure ASCII is itself; skipping it keeps the common case cheap.
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _decode_utf8(body: bytes, path: object, encoding: str) -> Decoded:
    try:
        return Decoded(_nfc(body.decode("utf-8")), encoding)
    except UnicodeDecodeError:
        lossy = body.decode("utf-8", errors="replace")
        log.warning("%s: %d invalid UTF-8 byte sequence(s) replaced with U+FFFD", path,
                    lossy.count("\ufffd"))
        return Decoded(_nfc(lossy), encoding, damaged=True)


def _decode_utf16(body: bytes, path: object, encoding: str) -> Decoded:
    if len(body) % 2:
        body = body[:-1]
    text = body.decode(encoding, errors="replace")
    damaged = "\ufffd" in text
    if damaged:
        log.warning("%s: invalid UTF-16 code units replaced with U+FFFD", path)
    if not _looks_like_text(text):  # NUL and control characters after decoding: not text
        raise UnreadableInput(path, BINARY)
    return Decoded(_nfc(text), encoding, damaged)


def _looks_like_text(text: str, tolerance: float = 0.01) -> bool:
    sample = text[:4096]
    odd = sum(1 for ch in sample if unicodedata.category(ch) in ("Cc", "Cs", "Cn", "Co")
              and ch not in "\n\r\t\f")
    return odd <= tolerance * max(len(sample), 1)


def _utf16_by_nul_pattern(raw: bytes) -> str | None:
    """UTF-16 without a BOM: the NUL high bytes of ASCII characters sit on one side only."""
    sample = raw[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0:pairs * 2:2].count(0)
    odd_nuls = sample[1:pairs * 2:2].count(0)
    if odd_nuls >= 0.2 * pairs and even_nuls <= 0.01 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.2 * pairs and odd_nuls <= 0.01 * pairs:
        return "utf-16-be"
    return None


def _decode_best_legacy(raw: bytes, path: object) -> Decoded:
    sample = raw[:_SCORE_SAMPLE]
    best, best_score, best_share = None, None, 0.0
    for encoding in LEGACY_ENCODINGS:
        score, share = syllable_score(decode_legacy(sample, encoding))
        if best_score is None or score > best_score:
            best, best_score, best_share = encoding, score, share
    if best is None or best_share < _MIN_SYLLABLE_SHARE:
        raise UnreadableInput(path, UNDECODABLE)
    log.info("%s: decoded as %s", path, best)
    return Decoded(decode_legacy(raw, best), best)


# --- legacy text inside Unicode ---------------------------------------------------------------

# Old pages typed with VNI or .VnTime fonts store the legacy bytes as Latin-1 letters inside
# perfectly valid UTF-8 or HTML entities ("Xin cha&oslash;o", "c¸c"): the file decodes, the text
# is still legacy. Real Vietnamese text of any length has đ, ư or ơ; this text has none of them.
_VIETNAMESE_ONLY = ("đ", "Đ", "ư", "Ư", "ơ", "Ơ")
_MIN_FONT_ENCODED_LETTERS = 10
_FONT_ENCODINGS = ("vni", "tcvn3", "viscii")


def repair_font_encoded(text: str, path: object = "<text>") -> tuple[str, str | None]:
    """(text, None) for ordinary text; (re-decoded text, encoding) for legacy font text that
    arrived as Latin-1 letters, when one legacy reading makes it well-formed Vietnamese."""
    if text.isascii() or any(letter in text for letter in _VIETNAMESE_ONLY):
        return text, None
    if sum(1 for ch in text if 0xA0 <= ord(ch) <= 0xFF) < _MIN_FONT_ENCODED_LETTERS:
        return text, None
    try:
        as_bytes = _as_legacy_bytes(text)
    except UnicodeEncodeError:
        return text, None  # letters beyond Latin-1: not font-encoded text
    _, share_now = syllable_score(text)
    best, best_share = None, max(share_now, _MIN_SYLLABLE_SHARE)
    for encoding in _FONT_ENCODINGS:
        candidate = decode_legacy(as_bytes, encoding)
        _, share = syllable_score(candidate)
        if share > best_share:
            best, best_share = (candidate, encoding), share
    if best is None:
        return text, None
    log.warning("%s: text in legacy %s font letters re-decoded", path, best[1])
    return best


def redecode_font_text(text: str, encoding: str) -> str:
    """Another piece of the same document (its title) in the font encoding found for its text."""
    try:
        return decode_legacy(_as_legacy_bytes(text), encoding)
    except UnicodeEncodeError:
        return text


def _as_legacy_bytes(text: str) -> bytes:
    # The font letters are what Windows showed for each byte: cp1252, Latin-1 where it has none.
    return text.translate(_cp1252_inverse()).encode("latin-1")


# --- legacy codecs -------------------------------------------------------------------------

def decode_legacy(raw: bytes, encoding: str) -> str:
    """Decode with one legacy encoding (cp1258, vni, tcvn3, viscii); returns NFC text."""
    if encoding == "cp1258":
        # Python's codec leaves tone marks as combining characters; NFC composes them.
        text = raw.decode("cp1258", errors="replace")
    elif encoding == "vni":
        text = _vni_sequences().sub(_vni_letter, raw.decode("latin-1").translate(_cp1252_table()))
    elif encoding in ("tcvn3", "viscii"):
        text = raw.decode("latin-1").translate(_byte_table(encoding))
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}")
    return unicodedata.normalize("NFC", text)


def encode_legacy(text: str, encoding: str) -> bytes:
    """The inverse of decode_legacy, for tests and for writing fixtures: NFC text -> bytes.

    Letters a table lacks are written as base letter + combining mark where the encoding has
    combining marks (cp1258, tcvn3); otherwise the encoding is not able to hold the text."""
    text = unicodedata.normalize("NFC", text)
    if encoding == "cp1258":
        return b"".join(_encode_cp1258_char(ch) for ch in text)
    if encoding == "vni":
        inverse = {uni: seq for seq, uni in sorted(_vni_table().items(), key=_prefer_lower_marks)}
        vni = "".join(inverse.get(ch, ch) for ch in text)
        return vni.encode("cp1252")
    return "".join(_encode_table_char(ch, encoding) for ch in text).encode("latin-1")


_QUALITY_MARKS = "\u0302\u0306\u031b"  # circumflex, breve, horn: part of the letter, not the tone


def _encode_table_char(ch: str, encoding: str) -> str:
    """One character as the Latin-1 stand-in of its byte(s) in a table encoding."""
    table = _inverse_table(encoding)
    if ch in table:
        return table[ch]
    if ord(ch) < 256 and ord(ch) not in _byte_map(encoding):
        return ch  # a byte that means itself
    base, *marks = unicodedata.normalize("NFD", ch)
    letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _QUALITY_MARKS))
    tones = [m for m in marks if m not in _QUALITY_MARKS]
    if tones and letter != ch and all(t in table for t in tones):
        return _encode_table_char(letter, encoding) + "".join(table[t] for t in tones)
    raise UnicodeEncodeError(encoding, ch, 0, 1, "no byte for this character")


@lru_cache(maxsize=None)
def _inverse_table(encoding: str) -> dict[str, str]:
    return {chr(cp): chr(b) for b, cp in _byte_map(encoding).items()}


def _prefer_lower_marks(item: tuple[str, str]) -> tuple[int, str]:
    # When several VNI sequences give one letter, the canonical one (the mark in the same case as
    # the base letter) wins: later items overwrite earlier ones in the inverse table.
    seq, uni = item
    canonical = seq.islower() or seq.isupper()
    return (1 if canonical else 0, seq)


def _encode_cp1258_char(ch: str) -> bytes:
    try:
        return ch.encode("cp1258")
    except UnicodeEncodeError:
        base, *marks = unicodedata.normalize("NFD", ch)
        quality = "".join(m for m in marks if m in "\u0302\u0306\u031b")
        tone = "".join(m for m in marks if m not in "\u0302\u0306\u031b")
        return (unicodedata.normalize("NFC", base + quality) + tone).encode("cp1258")


def _data(name: str) -> str:
    return resources.files("thidua.loaders").joinpath(f"lexicons/encodings/{name}").read_text(
        encoding="utf-8")


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _data(name).splitlines()
            if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=None)
def _byte_map(encoding: str) -> dict[int, int]:
    return {int(byte, 16): int(code[2:], 16) for byte, code, *_ in _rows(f"{encoding}.tsv")}


@lru_cache(maxsize=None)
def _byte_table(encoding: str) -> dict[int, int]:
    return _byte_map(encoding)  # str.translate wants {Latin-1 code point: code point}


@lru_cache(maxsize=1)
def _cp1252_table() -> dict[int, str]:
    # VNI files are Windows text: 0x80-0x9F are cp1252 punctuation (curly quotes, dashes).
    table = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            pass
    return table


@lru_cache(maxsize=1)
def _vni_table() -> dict[str, str]:
    return {seq: unicodedata.normalize("NFC", uni) for seq, _bytes, uni in _rows("vni.tsv")}


@lru_cache(maxsize=1)
def _vni_sequences() -> re.Pattern:
    # Every sequence is a base letter + a mark letter, or one letter: two character classes
    # match them far faster than an alternation of all 250 sequences.
    table = _vni_table()
    bases = "".join(sorted({seq[0] for seq in table if len(seq) == 2}))
    marks = "".join(sorted({seq[1] for seq in table if len(seq) == 2}))
    singles = "".join(sorted(seq for seq in table if len(seq) == 1))
    return re.compile(f"[{re.escape(bases)}][{re.escape(marks)}]|[{re.escape(singles)}]")


def _vni_letter(match: re.Match) -> str:
    table = _vni_table()
    seq = match.group(0)
    if seq in table:
        return table[seq]
    return "".join(table.get(ch, ch) for ch in seq)  # a pair VNI does not define: letter by letter


# --- syllable scoring ----------------------------------------------------------------------

_TONE_MARKS = {"\u0300": "huyền", "\u0301": "sắc", "\u0303": "ngã", "\u0309": "hỏi", "\u0323": "nặng"}
_STOP_TONES = {"\u0301", "\u0323"}
_EDGE_PUNCTUATION = string.punctuation + "“”‘’–—…«»·•"


@lru_cache(maxsize=1)
def _syllable_re() -> re.Pattern:
    parts = {row[0]: row[1].split() for row in _rows("syllables.tsv")}

    def alternatives(values: list[str]) -> str:
        return "|".join(sorted(map(re.escape, values), key=len, reverse=True))

    return re.compile(f"(?:{alternatives(parts['onset'])})?"
                      f"(?:(?:{alternatives(parts['nucleus'])})(?P<coda>{alternatives(parts['coda'])})?"
                      f"|(?:{alternatives(parts['open'])}))")


@lru_cache(maxsize=65536)  # words repeat: an article has a few hundred distinct ones
def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in _TONE_MARKS]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    match = _syllable_re().fullmatch(bare)
    if match is None:
        return False
    # Syllables closed by a stop consonant take only the sắc or nặng tone ("các", "một").
    if match.group("coda") in ("c", "ch", "p", "t") and not (tones and tones[0] in _STOP_TONES):
        return False
    return True


def syllable_score(text: str) -> tuple[int, float]:
    """(well-formed minus malformed non-ASCII words, share of non-ASCII words well formed)."""
    good = bad = 0
    for token in text.split():
        word = token.strip(_EDGE_PUNCTUATION)
        if not word or word.isascii() or any(ch.isdigit() for ch in word):
            continue  # ASCII words read the same in every encoding: they cannot decide
        if _is_syllable(word):
            good += 1
        else:
            bad += 1
    total = good + bad
    return good - bad, (good / total if total else 0.0)
