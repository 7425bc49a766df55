"""TCVN3 and VNI: the 8-bit encodings of the old .VnTime and VNI fonts, recognised so that a file in one of
them is refused with the way to convert it rather than imported as mojibake."""

from __future__ import annotations

import re

from dangvien_cli.errors import InvalidValue

# Runs of letters as they look once decoded as Windows-1258 (or Latin-1): ASCII letters, the Latin-1 and
# Latin Extended letters and symbols, combining marks, U+20AB (TCVN3's "ỵ" read as cp1258 is "₫").
_WORD = re.compile(r"[A-Za-z\u00a1-\u024f\u0300-\u036f\u1ea0-\u1ef9\u20ab]+")
# Precomposed Vietnamese letters with a tone: only real Unicode text has them (no 8-bit reading makes them).
_UNICODE_VIETNAMESE = re.compile(r"[\u1ea0-\u1ef9]")
# TCVN3 puts à á ả ã ạ, ă â ê ô ơ ư đ, ắ ằ ẳ ẵ and the capitals Ă Â Ê Ô Ơ Ư Đ at 0xA1-0xBF, which read as
# symbols (¡ ... ¿). VNI never uses that range.
_TCVN3_MARKS = frozenset(map(chr, range(0xA1, 0xC0)))
# VNI writes a base letter followed by a mark byte; these marks are no Vietnamese letter in any reading
# (ø = huyền, û = hỏi, ï = nặng, ö = ư, ñ = đ, ...).
_VNI_MARKS = frozenset("øûïåäëüöñæØÛÏÅÄËÜÖÑÆ")


def legacy_encoding(text: str) -> str | None:
    """Return "TCVN3" or "VNI" if ``text`` looks like one of them read as an 8-bit encoding, else None.

    A word counts as a witness when it glues such a symbol to an ASCII letter ("V¨n", "Nguyeãn" read as
    cp1258 is "Nguyeăn" and "Hoï"). It fires only with two witnesses making up a fifth of the words that
    are not plain ASCII, and never when the text holds a precomposed toned Vietnamese letter (real Unicode).
    Real Vietnamese, composed or decomposed, in UTF-8 or Windows-1258, has neither kind of witness.
    """
    if _UNICODE_VIETNAMESE.search(text):
        return None
    marked = tcvn3 = vni = 0
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        marked += 1
        if not any(ch.isascii() for ch in word):
            continue
        letters = set(word)
        if letters & _TCVN3_MARKS:
            tcvn3 += 1
        elif letters & _VNI_MARKS:
            vni += 1
    if tcvn3 >= 2 and tcvn3 * 5 >= marked:
        return "TCVN3"
    if vni >= 2 and vni * 5 >= marked:
        return "VNI"
    return None


def refuse_legacy(text: str) -> None:
    legacy = legacy_encoding(text)
    if legacy == "TCVN3":
        raise InvalidValue("encoding", "TCVN3", "read.tcvn3")
    if legacy == "VNI":
        raise InvalidValue("encoding", "VNI", "read.vni")
