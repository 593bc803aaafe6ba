"""Saving a filed message: private folders and files, names that stay in their folder."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from mailbot import files
from mailbot.files import make_private_dir, save_message
from mailbot.mail.parse import Attachment


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_message_and_its_attachments_are_written_private_under_their_safe_names(tmp_path: Path) -> None:
    folder = tmp_path / "messages" / "client-1" / "20261201T101500-abcdef"
    attachments = [
        Attachment("../../etc/passwd", "text/plain", b"one"),
        Attachment("plan.pdf", "application/pdf", b"two"),
        Attachment("PLAN.pdf", "application/pdf", b"three"),
        Attachment(None, "image/png", b"four"),
    ]

    raw_path, stored = save_message(folder, b"raw message", attachments, sync=False)

    base = (folder / "attachments").resolve()
    assert raw_path == folder / "message.eml" and raw_path.read_bytes() == b"raw message"
    assert [(f.filename, f.original_name, f.size, f.path) for f in stored] == [
        ("passwd", "../../etc/passwd", 3, base / "passwd"),
        ("plan.pdf", "plan.pdf", 3, base / "plan.pdf"),
        ("PLAN (2).pdf", "PLAN.pdf", 5, base / "PLAN (2).pdf"),
        ("attachment-4.png", None, 4, base / "attachment-4.png"),
    ]
    assert [f.path.read_bytes() for f in stored] == [b"one", b"two", b"three", b"four"]
    assert {mode(p) for p in [raw_path, *(f.path for f in stored)]} == {0o600}
    assert {mode(p) for p in [tmp_path / "messages", folder.parent, folder, base]} == {0o700}
    assert sorted(p.name for p in folder.iterdir()) == ["attachments", "message.eml"]  # no temporary left


def test_a_message_without_attachments_gets_no_attachments_folder(tmp_path: Path) -> None:
    raw_path, stored = save_message(tmp_path / "m", b"raw", [])

    assert (raw_path.read_bytes(), stored, sorted(os.listdir(tmp_path / "m"))) == (
        b"raw",
        [],
        ["message.eml"],
    )


def test_a_name_that_would_leave_its_folder_is_refused_before_anything_is_written_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "safe_filename", lambda name, content_type, index: "..")

    with pytest.raises(ValueError, match="escapes its folder"):
        save_message(tmp_path / "m", b"raw", [Attachment("x", "text/plain", b"x")])

    assert not (tmp_path / "m" / "attachments").exists()


def test_an_existing_folder_is_tightened_and_missing_parents_made_private(tmp_path: Path) -> None:
    loose = tmp_path / "loose"
    loose.mkdir(mode=0o755)
    os.chmod(loose, 0o755)

    make_private_dir(loose)
    made = make_private_dir(loose / "a" / "b")

    assert (mode(loose), mode(loose / "a"), mode(made)) == (0o700, 0o700, 0o700)


def test_every_file_is_synced_once_whatever_the_number_of_lanes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append(os.fstat(fd).st_ino)  # list.append is atomic: the lanes are threads
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    for count in (1, 3, files.SYNC_LANES, 2 * files.SYNC_LANES + 3):
        paths = [tmp_path / f"{count}-{n}" for n in range(count)]
        for path in paths:
            path.write_bytes(b"x")
        synced.clear()

        files.sync_files(paths)

        assert sorted(synced) == sorted(p.stat().st_ino for p in paths)
    synced.clear()
    files.sync_files([])
    assert synced == []


def test_a_file_that_cannot_be_synced_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "there").write_bytes(b"x")

    with pytest.raises(FileNotFoundError):
        files.sync_files([tmp_path / "there", tmp_path / "gone"])


def test_files_are_synced_one_by_one_when_no_thread_can_be_started(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [tmp_path / f"f{n}" for n in range(3)]
    for path in paths:
        path.write_bytes(b"x")
    synced: list[Path] = []
    monkeypatch.setattr(files, "_fsync_each", lambda ps: synced.extend(ps))

    def refused(*_args: object) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refused)
    files.sync_files(paths)

    assert sorted(synced) == sorted(paths)
