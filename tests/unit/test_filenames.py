"""safe_filename and unique_filenames: sender-chosen names made safe to write anywhere."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.budget import examples

from mailbot.core.filenames import MAX_BYTES, safe_filename, unique_filenames


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("/etc/passwd", "passwd"),
        ("..\\..\\windows\\system.ini", "system.ini"),
        ("C:evil.exe", "C_evil.exe"),
        ("evil\x00name.pdf", "evilname.pdf"),
        ("bell\x07tab\tnew.pdf", "belltab new.pdf"),
        ("\u202efdp.exe", "fdp.exe"),  # a right-to-left override would show "exe.pdf"
        (".bashrc", "bashrc"),
        ("a..b...pdf", "a.b.pdf"),
        ("  spaced   name  .pdf", "spaced name.pdf"),
        ('a<b>c:d"e|f?g*h.txt', "a_b_c_d_e_f_g_h.txt"),
        ("file.", "file"),
        ("Tagebu\u0308ch.jpg", "Tagebüch.jpg"),  # NFC: one code point for ü
    ],
)
def test_unsafe_parts_of_names_are_removed(name: str, safe: str) -> None:
    assert safe_filename(name, "application/octet-stream", 1) == safe


@pytest.mark.parametrize(
    ("name", "safe"),
    [("CON.txt", "_CON.txt"), ("nul", "_nul"), ("com1.pdf", "_com1.pdf"), ("LPT9.tar.gz", "_LPT9.tar.gz")],
)
def test_windows_device_names_are_avoided(name: str, safe: str) -> None:
    assert safe_filename(name, "text/plain", 1) == safe


def test_console_is_not_mistaken_for_a_device_name() -> None:
    assert safe_filename("console.txt", "text/plain", 1) == "console.txt"


@pytest.mark.parametrize("name", [None, "", "..", "...", "/", "\x00\x01", " . "])
def test_nothing_usable_falls_back_to_a_numbered_name(name: str | None) -> None:
    assert safe_filename(name, "application/pdf", 3) == "attachment-3.pdf"


def test_fallback_for_an_unknown_type_has_no_extension() -> None:
    assert safe_filename(None, "application/x-whatever", 7) == "attachment-7"


def test_long_name_is_cut_to_120_bytes_keeping_the_extension() -> None:
    # given a name of 1000 two-byte characters
    name = "ä" * 1000 + ".docx"

    # when
    safe = safe_filename(name, "application/octet-stream", 1)

    # then
    assert safe.endswith(".docx")
    assert len(safe.encode()) <= MAX_BYTES
    assert safe == "ä" * 57 + ".docx"  # 114 bytes: a character is never cut in half


def test_duplicates_get_numbers_case_insensitively() -> None:
    names = ["report.pdf", "Report.pdf", "report.pdf", "report (2).pdf", "notes", "notes"]

    assert unique_filenames(names) == [
        "report.pdf",
        "Report (2).pdf",
        "report (3).pdf",
        "report (2) (2).pdf",
        "notes",
        "notes (2)",
    ]


def test_numbered_duplicates_stay_within_the_length_bound() -> None:
    name = "a" * 116 + ".pdf"

    renamed = unique_filenames([name, name])[1]

    assert renamed.endswith(" (2).pdf")
    assert len(renamed.encode()) == MAX_BYTES


@settings(max_examples=examples(200), deadline=None)
@given(st.one_of(st.none(), st.text(max_size=400)), st.text(max_size=40), st.integers(1, 10_000))
def test_safe_filename_never_escapes_or_overflows(name: str | None, content_type: str, index: int) -> None:
    safe = safe_filename(name, content_type, index)

    assert safe and not safe.startswith((".", " "))
    assert not any(bad in safe for bad in ("/", "\\", "\x00", ".."))
    assert len(safe.encode("utf-8")) <= MAX_BYTES
    assert not any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in safe)
    assert unicodedata.normalize("NFC", safe) == safe
    assert safe.split(".")[0].upper() not in ("CON", "PRN", "AUX", "NUL")


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.text(max_size=150), max_size=12))
def test_unique_filenames_are_unique_and_bounded(names: list[str]) -> None:
    safe = [safe_filename(name, "application/pdf", number) for number, name in enumerate(names, 1)]

    unique = unique_filenames(safe)

    assert len({name.casefold() for name in unique}) == len(unique) == len(names)
    assert all(len(name.encode()) <= MAX_BYTES for name in unique)
