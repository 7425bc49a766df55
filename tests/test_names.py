"""Tests for dangvien_cli.domain.names: normalising, folding, splitting and sorting Vietnamese names."""

from __future__ import annotations

import itertools
import random
import unicodedata
from typing import Any, Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvien_cli.domain.names import (
    DEFAULT_TONE_ORDER,
    TWO_WORD_FAMILY_NAMES,
    NameParts,
    fold,
    normalize,
    sort_key,
    split_full_name,
)
from dangvien_cli.domain.people import MAX_NAME_LENGTH, person_name
from dangvien_cli.errors import InvalidValue
from dangvien_cli.messages import render_error
from dangvien_cli.messages.catalog import MESSAGES


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def given_key(name: str, tone_order: tuple[str, ...] = DEFAULT_TONE_ORDER) -> str:
    return sort_key(name, "", "", tone_order)


def full_key(full_name: str) -> str:
    p = split_full_name(full_name)
    return sort_key(p.given, p.middle, p.family)


# ---------------------------------------------------------------------------------------------------------
# normalize
# ---------------------------------------------------------------------------------------------------------


def test_normalize_collapses_whitespace_and_composes() -> None:
    assert normalize("  Nguyễn\u00a0\tVăn   Sỹ \n") == "Nguyễn Văn Sỹ"
    assert normalize(nfd("Nguyễn Văn Sỹ")) == "Nguyễn Văn Sỹ"
    assert normalize(nfd("Nguyễn Văn Sỹ")) == nfc("Nguyễn Văn Sỹ")
    assert normalize("") == ""
    assert normalize(" \u00a0\t ") == ""


def test_normalize_keeps_case_and_tone_placement() -> None:
    assert normalize("hoà") == "hoà"
    assert normalize("Hòa") == "Hòa"
    assert normalize("Hoà") != normalize("Hòa")
    assert normalize(nfd("Thuỷ")) == "Thuỷ"
    assert normalize("NGUYỄN văn") == "NGUYỄN văn"


# ---------------------------------------------------------------------------------------------------------
# fold
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nguyễn Văn Sỹ", "nguyen van sy"),
        ("Đặng", "dang"),
        ("đặng", "dang"),
        ("ĐẶNG THỊ ĐÀO", "dang thi dao"),
        ("  Lê\u00a0\u00a0Thị\tThu  Hà  ", "le thi thu ha"),
        ("Trương Ngọc Ánh", "truong ngoc anh"),
        ("Ưng Hoàng Phúc", "ung hoang phuc"),
        ("Ðặng", "dang"),  # U+00D0 (eth) typed for Đ
        ("Ng\u200buyễn", "nguyen"),  # zero-width space dropped
        ("\ufeffNguyễn", "nguyen"),  # BOM dropped
        ("", ""),
        ("   ", ""),
    ],
)
def test_fold_examples(text: str, expected: str) -> None:
    assert fold(text) == expected
    assert fold(nfd(text)) == expected


def test_fold_tone_placement_and_normal_form_do_not_matter() -> None:
    forms = ["Hòa", "Hoà", nfd("Hòa"), nfd("Hoà"), "HÒA", "hoà"]
    assert {fold(f) for f in forms} == {"hoa"}
    assert fold("Thủy") == fold("Thuỷ") == fold(nfd("Thuỷ")) == "thuy"


def test_fold_keeps_spelling_variants_apart() -> None:
    # Sĩ / Sỹ and Lý / Lí are different spellings: folding does not merge them (the caller may).
    assert fold("Sĩ") == "si"
    assert fold("Sỹ") == "sy"


# ---------------------------------------------------------------------------------------------------------
# split_full_name / NameParts
# ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("full", "family", "middle", "given_name"),
    [
        ("Nguyễn Văn Sỹ", "Nguyễn", "Văn", "Sỹ"),
        ("Hoàng Phủ Ngọc Tường", "Hoàng Phủ", "Ngọc", "Tường"),
        ("Lê Thị Thu Hà", "Lê", "Thị Thu", "Hà"),
        ("Tôn Thất Thuyết", "Tôn Thất", "", "Thuyết"),
        ("Tôn Nữ Thị Ninh", "Tôn Nữ", "Thị", "Ninh"),
        ("Âu Dương Phong", "Âu Dương", "", "Phong"),
        ("Hoàng Phủ", "Hoàng", "", "Phủ"),  # two words: family + given, even for a two-word family name
        ("Hoàng Văn Phủ", "Hoàng", "Văn", "Phủ"),
        ("Trần Anh", "Trần", "", "Anh"),
        ("Mai", "", "", "Mai"),
        ("  nguyễn\u00a0 văn\tsỹ ", "nguyễn", "văn", "sỹ"),
        ("Công Tằng Tôn Nữ Thị Lan", "Công", "Tằng Tôn Nữ Thị", "Lan"),
    ],
)
def test_split_full_name(full: str, family: str, middle: str, given_name: str) -> None:
    parts = split_full_name(full)
    assert parts == NameParts(family=family, middle=middle, given=given_name)
    assert split_full_name(nfd(full)) == parts
    assert parts.full == normalize(full)


def test_split_recognises_two_word_family_names_by_folded_form() -> None:
    assert split_full_name("HOÀNG PHỦ NGỌC TƯỜNG").family == "HOÀNG PHỦ"
    assert split_full_name(nfd("Hoàng Phủ Ngọc Tường")).family == "Hoàng Phủ"
    assert "hoang phu" in TWO_WORD_FAMILY_NAMES
    assert all(fold(n) == n and len(n.split()) == 2 for n in TWO_WORD_FAMILY_NAMES)


@pytest.mark.parametrize("blank", ["", " ", "\t\n", "\u00a0"])
def test_split_empty_raises(blank: str) -> None:
    with pytest.raises(ValueError, match=r"^empty$"):
        split_full_name(blank)


def test_name_parts_full_skips_empty_parts() -> None:
    assert NameParts("Nguyễn", "Văn", "An").full == "Nguyễn Văn An"
    assert NameParts("Trần", "", "An").full == "Trần An"
    assert NameParts("", "", "An").full == "An"
    assert NameParts("Lê", "Thị Thu", "Hà").full == "Lê Thị Thu Hà"


def test_name_parts_is_frozen() -> None:
    parts = NameParts("Nguyễn", "Văn", "An")
    with pytest.raises(AttributeError):
        parts.given = "Bình"  # type: ignore[misc]


# ---------------------------------------------------------------------------------------------------------
# sort_key: concrete orders
# ---------------------------------------------------------------------------------------------------------


def assert_sorted_order(expected: list[str], key: object = given_key) -> None:
    assert callable(key)
    for seed in range(5):
        shuffled = expected[:]
        random.Random(seed).shuffle(shuffled)  # noqa: S311  (a seeded shuffle of test data)
        assert sorted(shuffled, key=key) == expected
    keys = [key(n) for n in expected]
    assert all(a <= b for a, b in itertools.pairwise(keys))


def test_letters_before_tones_and_vietnamese_letter_order() -> None:
    # Letters first: "An" < "Anh" (prefix); "Anh" < "Ánh" (same letters, ngang < sắc); ă and â after a.
    assert_sorted_order(["An", "Anh", "Ánh", "Ăn", "Ân", "Bình"])


def test_d_before_dj() -> None:
    assert_sorted_order(["Dũng", "Dương", "Đào", "Đức", "Em"])
    assert given_key("Dũng") < given_key("Đức")
    assert given_key("Dz") < given_key("Đa")  # đ is a letter of its own, after every d-word


def test_o_oo_ow_and_u_uw() -> None:
    assert_sorted_order(["Long", "Lộc", "Lợi"])
    assert_sorted_order(["Lo", "Lô", "Lơ"])
    assert_sorted_order(["Thu", "Thư"])
    assert_sorted_order(["Tuấn", "Tùng", "Tư", "Tường"])
    assert_sorted_order(["Uyên", "Ưng", "Vân"])
    assert_sorted_order(["E", "Em", "Ê", "Ênh"])


def test_tone_order_default() -> None:
    # ngang < huyền < hỏi < ngã < sắc < nặng, and tones only break ties: every "Ha" before "Hai".
    assert_sorted_order(["Ha", "Hà", "Hả", "Hã", "Há", "Hạ", "Hai", "Hài", "Hải", "Hái", "Hại", "Hạnh"])


def test_tones_compared_per_syllable_left_to_right() -> None:
    # Same letters "bao anh": first syllable decides (huyền < hỏi) even though the second goes the other way.
    assert given_key("Bào Ánh") < given_key("Bảo Anh")
    assert given_key("Bảo Anh") < given_key("Bảo Ánh")


def test_prefix_sorts_first() -> None:
    assert given_key("Hà") < given_key("Hai")
    assert given_key("Anh") < given_key("Anh Thư")
    assert given_key("Ánh") < given_key("Anh Thư")  # letters of the whole part first
    assert given_key("An Bình") < given_key("Anh")  # a word boundary sorts before any letter
    assert sort_key("An", "", "Lê") < sort_key("An", "Văn", "Lê")  # empty middle first


def test_case_placement_normal_form_and_spacing_give_equal_keys() -> None:
    assert given_key("Hòa") == given_key("Hoà") == given_key(nfd("Hòa")) == given_key(nfd("Hoà"))
    assert given_key("Thủy") == given_key("Thuỷ") == given_key(nfd("Thuỷ"))
    assert given_key("hòa") == given_key("HÒA") == given_key("Hòa")
    assert sort_key(" Thị\u00a0 Thu ", "", "") == sort_key("Thị Thu", "", "")
    assert given_key("Khuê") == given_key(nfd("KHUÊ"))


def test_distinct_tones_or_letters_give_distinct_keys() -> None:
    names = ["Ha", "Hà", "Hả", "Hã", "Há", "Hạ", "Hă", "Hâ", "Đa", "Da", "Hơ", "Hô", "Ho", "Hư", "Hu"]
    assert len({given_key(n) for n in names}) == len(names)


def test_digits_and_other_characters_sort_after_letters_by_code_point() -> None:
    assert_sorted_order(["An", "Zoe", "!", "0", "9", "Ω", "中"])
    assert given_key("An") < given_key("Anb") < given_key("An-Bình") < given_key("An1")  # "-" < "1"
    assert given_key("Anh Thư") < given_key("Anh-Thư")


def test_official_list_order() -> None:
    expected = [
        "Trần Thị An",  # An / Thị
        "Lê Văn An",  # An / Văn / Lê
        "Nguyễn Văn An",  # An / Văn / Nguyễn
        "Phạm Anh",
        "Đỗ Thị Ánh",
        "Vũ Thị Ân",
        "Bùi Văn Dũng",
        "Đặng Văn Đức",
        "Ngô Thị Hà",  # Hà / Thị
        "Lê Thị Thu Hà",  # Hà / Thị Thu: "Thị" is a prefix of "Thị Thu"
        "Trần Văn Hải",
        "Nguyễn Thị Thu",
        "Nguyễn Thị Thư",
        "Hoàng Phủ Ngọc Tường",
        "Phan Văn Út",
        "Lý Thị Ưng",
    ]
    assert_sorted_order(expected, key=full_key)


def test_sort_key_is_compact_printable_ascii_for_vietnamese() -> None:
    key = sort_key("Sỹ", "Văn", "Nguyễn")
    assert key == "OV!3S1H!0HAQV8H!3"  # the encoding documented in names.py
    key = sort_key("Tường", "Ngọc", "Hoàng Phủ")
    assert all(0x21 <= ord(c) <= 0x7E for c in key)
    letters, syllables = len("TuongNgocHoangPhu"), 4
    assert len(key) == letters + syllables + 3 + 1  # + three part ends + one word separator


# ---------------------------------------------------------------------------------------------------------
# sort_key: tone order setting
# ---------------------------------------------------------------------------------------------------------

DICTIONARY_ORDER = ("ngang", "sắc", "huyền", "hỏi", "ngã", "nặng")  # a á à ả ã ạ


def test_custom_tone_order() -> None:
    names = ["Ha", "Há", "Hà", "Hả", "Hã", "Hạ", "Hai"]
    assert sorted(names, key=lambda n: given_key(n, DICTIONARY_ORDER)) == names
    assert given_key("Hà") < given_key("Há")
    assert given_key("Hà", DICTIONARY_ORDER) > given_key("Há", DICTIONARY_ORDER)
    # Letters still come first whatever the tone order.
    assert given_key("Hạ", DICTIONARY_ORDER) < given_key("Hai", DICTIONARY_ORDER)


@pytest.mark.parametrize(
    "spelling",
    [
        ["Ngang", "Huyền", "Hỏi", "Ngã", "Sắc", "Nặng"],
        [nfd(t) for t in ("ngang", "huyền", "hỏi", "ngã", "sắc", "nặng")],
        ("ngang", "huyền", "hoi", "NGA", "sắc", " nang "),
        list(DEFAULT_TONE_ORDER),
    ],
)
def test_tone_order_accepts_vietnamese_or_ascii_names(spelling: list[str] | tuple[str, ...]) -> None:
    assert sort_key("Hạnh", "Thị", "Lê", spelling) == sort_key("Hạnh", "Thị", "Lê")


@pytest.mark.parametrize(
    "bad",
    [
        ("ngang",) * 6,
        DEFAULT_TONE_ORDER[:5],
        (*DEFAULT_TONE_ORDER, "ngang"),
        ("ngang", "huyen", "hoi", "nga", "sac", "xyz"),
        ("ngang", "huyền", "huyen", "nga", "sac", "nang"),
        "ngang huyen hoi nga sac nang",
        "abcdef",
        (),
        [1, 2, 3, 4, 5, 6],
        [["ngang"], "huyen", "hoi", "nga", "sac", "nang"],
    ],
)
def test_tone_order_must_be_a_permutation_of_the_six(bad: object) -> None:
    with pytest.raises(ValueError, match="tone_order"):
        sort_key("An", "", "", bad)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------------
# Property tests
# ---------------------------------------------------------------------------------------------------------

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
TONE_MARKS = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]  # in DEFAULT_TONE_ORDER order
TONE_INDEX = {"ngang": 0, "huyen": 1, "hoi": 2, "nga": 3, "sac": 4, "nang": 5}

# A syllable: (letters, tone index, which letter carries the mark, upper-case flags).
syllables = st.lists(st.sampled_from(ALPHABET), min_size=1, max_size=5).flatmap(
    lambda letters: st.tuples(
        st.just("".join(letters)),
        st.integers(0, 5),
        st.integers(0, len(letters) - 1),
        st.lists(st.booleans(), min_size=len(letters), max_size=len(letters)),
    )
)
parts = st.lists(syllables, min_size=0, max_size=3)
Syllable = tuple[str, int, int, list[bool]]
Part = list[Syllable]
Form = Literal["NFC", "NFD"]


def render(part: Part, form: Form) -> str:
    words = []
    for letters, tone, at, upper in part:
        chars = [
            nfd(c.upper() if up else c) + (TONE_MARKS[tone] if i == at else "")
            for i, (c, up) in enumerate(zip(letters, upper, strict=True))
        ]
        words.append(unicodedata.normalize(form, "".join(chars)))
    return " ".join(words)


def reference(part: Part, tone_order: tuple[str, ...]) -> tuple[object, ...]:
    """Letters as alphabet ranks word by word, then tones as ranks in tone_order syllable by syllable."""
    rank = {TONE_INDEX[fold(name)]: r for r, name in enumerate(tone_order)}
    letters = [[ALPHABET.index(c) for c in s[0]] for s in part]
    tones = [rank[s[1]] for s in part]
    return (letters, tones)


def sign(a: Any, b: Any) -> int:
    return int(a > b) - int(a < b)


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_fold_ignores_normal_form(text: str) -> None:
    assert fold(nfd(text)) == fold(text) == fold(nfc(text))


@given(st.text())
def test_fold_output_is_normalized(text: str) -> None:
    folded = fold(text)
    assert normalize(folded) == folded
    assert "đ" not in folded
    assert not any(unicodedata.category(c).startswith("M") for c in folded)


@given(st.text(), st.text(), st.text())
def test_sort_key_total_and_pg_safe(g: str, m: str, f: str) -> None:
    key = sort_key(g, m, f)
    assert "\x00" not in key
    assert not any(unicodedata.category(c) in ("Cc", "Cs") for c in key)
    key.encode("utf-8")  # valid for a PostgreSQL UTF-8 text column
    assert key.count("!") >= 3


@given(st.text(), st.text(), st.text())
def test_sort_key_ignores_normal_form(g: str, m: str, f: str) -> None:
    assert sort_key(nfd(g), nfd(m), nfd(f)) == sort_key(nfc(g), nfc(m), nfc(f)) == sort_key(g, m, f)


@given(parts, parts, st.sampled_from(["NFC", "NFD"]), st.permutations(DEFAULT_TONE_ORDER))
def test_sort_key_matches_reference_order(
    a: Part,
    b: Part,
    form: Form,
    tone_order: list[str],
) -> None:
    order = tuple(tone_order)
    ka, kb = given_key(render(a, form), order), given_key(render(b, form), order)
    assert sign(ka, kb) == sign(reference(a, order), reference(b, order))


@given(st.tuples(parts, parts, parts), st.tuples(parts, parts, parts))
def test_sort_key_orders_given_then_middle_then_family(
    a: tuple[Part, Part, Part],
    b: tuple[Part, Part, Part],
) -> None:
    ka = sort_key(*(render(p, "NFC") for p in a))
    kb = sort_key(*(render(p, "NFC") for p in b))
    ra = tuple(reference(p, DEFAULT_TONE_ORDER) for p in a)
    rb = tuple(reference(p, DEFAULT_TONE_ORDER) for p in b)
    assert sign(ka, kb) == sign(ra, rb)


@given(parts, st.data())
def test_tone_placement_and_case_do_not_matter(part: Part, data: st.DataObject) -> None:
    moved = [
        (letters, tone, data.draw(st.integers(0, len(letters) - 1)), [not u for u in upper])
        for letters, tone, _at, upper in part
    ]
    assert given_key(render(part, "NFC")) == given_key(render(moved, "NFD"))
    assert fold(render(part, "NFC")) == fold(render(moved, "NFD"))


@given(parts)
def test_fold_of_vietnamese_is_ascii(part: Part) -> None:
    folded = fold(render(part, "NFD"))
    assert folded.isascii()
    assert folded == folded.lower()


# --- arbitrary text: a split, or a clean refusal -----------------------------------------------------------


@given(st.text())
def test_split_full_name_takes_any_text(text: str) -> None:
    try:
        parts = split_full_name(text)
    except ValueError as error:
        assert str(error) == "empty"  # noqa: PT017  (either outcome is right; the property covers both)
        assert not normalize(text)
    else:
        assert parts.full == normalize(text)  # nothing lost, nothing added
        assert parts.given
        assert " " not in parts.given


@given(st.text(), st.none() | st.text(max_size=10), st.none() | st.text(max_size=10))
def test_person_name_is_a_name_or_an_invalid_value(text: str, middle: str | None, given_: str | None) -> None:
    try:
        name = person_name(text, middle=middle, given=given_)
    except InvalidValue as error:
        assert error.field in ("full_name", "given_name")  # noqa: PT017  (either outcome is right; the property covers both)
        assert error.key in MESSAGES  # noqa: PT017  (as above)
        render_error(error, "vi")
        render_error(error, "en")
    else:
        assert name.full_name == normalize(text) or not normalize(text)
        assert name.name_sort == sort_key(name.given_name, name.middle_name, name.family_name)
        assert name.name_folded == fold(name.full_name)
        assert len(name.full_name) <= MAX_NAME_LENGTH
