"""Safe writes: an interrupted write never damages a file and never leaves a temporary file;
existing files, input files and folders are refused; `-` is stdout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ehelse_map import safe_write
from ehelse_map.safe_write import WriteRefused, atomic_open, check_target, write_bytes, write_text

ORIGINAL = b"original \xe2\x80\x93 content\n" * 100


class Boom(Exception):
    pass


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "out.csv"
    path.write_bytes(ORIGINAL)
    path.chmod(0o640)
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "out.csv")


def test_writes_a_new_file(tmp_path: Path):
    path = tmp_path / "new.txt"
    write_text(path, "æøå\n")
    assert path.read_bytes() == "æøå\n".encode()
    write_bytes(tmp_path / "new.bin", b"\x00\x01")
    assert (tmp_path / "new.bin").read_bytes() == b"\x00\x01"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.bin", "new.txt"]


def test_new_file_mode_follows_the_umask(tmp_path: Path):
    old = os.umask(0o027)
    try:
        write_text(tmp_path / "new.txt", "x")
    finally:
        os.umask(old)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640


def test_overwrite_with_force_keeps_the_mode(target: Path):
    write_text(target, "new\n", force=True)
    assert target.read_text() == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert leftovers(target.parent) == []


def test_refuses_to_overwrite_without_force(target: Path):
    with pytest.raises(WriteRefused, match="already exists; use --force"):
        write_text(target, "new\n")
    assert target.read_bytes() == ORIGINAL


@pytest.mark.parametrize("link", ["same", "symlink", "hardlink"])
def test_refuses_an_input_file_even_with_force(target: Path, tmp_path: Path, link: str):
    data = tmp_path / "actors.yaml"
    data.write_bytes(b"schema_version: 1\n")
    output = data
    if link == "symlink":
        output = tmp_path / "link.yaml"
        output.symlink_to(data)
    elif link == "hardlink":
        output = tmp_path / "hard.yaml"
        os.link(data, output)
    with pytest.raises(WriteRefused, match="is an input file"):
        write_text(output, "x", force=True, inputs=[str(data)])
    assert data.read_bytes() == b"schema_version: 1\n"


def test_refuses_a_folder(tmp_path: Path):
    for force in (False, True):
        with pytest.raises(WriteRefused, match="is a directory"):
            write_text(tmp_path, "x", force=force)
    assert list(tmp_path.iterdir()) == []


def test_refuses_a_missing_folder(tmp_path: Path):
    with pytest.raises(WriteRefused, match="does not exist"):
        write_text(tmp_path / "nowhere" / "out.csv", "x")


def test_dash_is_stdout(capfd):
    write_text("-", "to stdout\n")
    write_bytes("-", b"bytes too\n", force=False)
    check_target("-", inputs=["-"])
    assert capfd.readouterr().out == "to stdout\nbytes too\n"


def test_an_error_inside_the_block_leaves_the_target_untouched(target: Path):
    with pytest.raises(Boom), atomic_open(target, "w", force=True) as handle:
        handle.write("half of the new cont")
        raise Boom
    assert target.read_bytes() == ORIGINAL
    assert leftovers(target.parent) == []


def test_an_interrupt_inside_the_block_leaves_the_target_untouched(target: Path):
    with pytest.raises(KeyboardInterrupt), atomic_open(target, "wb", force=True) as handle:
        handle.write(b"x" * 100_000)
        raise KeyboardInterrupt
    assert target.read_bytes() == ORIGINAL
    assert leftovers(target.parent) == []


def test_an_error_on_a_new_file_creates_nothing(tmp_path: Path):
    with pytest.raises(Boom), atomic_open(tmp_path / "new.csv", "w") as handle:
        handle.write("partial")
        raise Boom
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("failing", ["fsync", "replace", "write"])
def test_a_failing_system_call_leaves_the_target_untouched(target: Path, monkeypatch, failing):
    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    if failing == "write":
        with pytest.raises(OSError), atomic_open(target, "wb", force=True) as handle:
            monkeypatch.setattr(handle, "write", fail)
            handle.write(b"new")
    else:
        monkeypatch.setattr(safe_write.os, failing, fail)
        with pytest.raises(OSError, match="No space"):
            write_bytes(target, b"new content", force=True)
    monkeypatch.undo()
    assert target.read_bytes() == ORIGINAL
    assert leftovers(target.parent) == []


def test_the_new_content_appears_at_once(target: Path, monkeypatch):
    """Until the replace, readers see the old file; after it, the whole new one."""
    seen: list[bytes] = []
    real_replace = os.replace

    def replace(source, destination):
        seen.append(target.read_bytes())
        real_replace(source, destination)

    monkeypatch.setattr(safe_write.os, "replace", replace)
    write_bytes(target, b"new", force=True)
    assert seen == [ORIGINAL] and target.read_bytes() == b"new"
