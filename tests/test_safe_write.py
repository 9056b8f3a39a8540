"""Safe writes: an interrupted write never damages a file and never leaves a temporary file (a
signal removes it; one left by SIGKILL is swept by the next write); existing files, input files,
folders, block devices and sockets are refused; symbolic links are followed, FIFOs, devices and
/dev/stdout written through, never replaced; `-` is stdout; errors name the user's path."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
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


# --- special targets: never replaced ---------------------------------------------------------

def test_force_onto_a_symlink_writes_the_file_it_points_to(tmp_path: Path):
    """The link stays a link; its target is replaced atomically, in the target's folder."""
    real = tmp_path / "real"
    real.mkdir()
    (real / "out.csv").write_bytes(ORIGINAL)
    link = tmp_path / "link.csv"
    link.symlink_to(real / "out.csv")
    with pytest.raises(WriteRefused, match="already exists"):
        write_text(link, "new\n")
    write_text(link, "new\n", force=True)
    assert link.is_symlink() and os.readlink(link) == str(real / "out.csv")
    assert (real / "out.csv").read_text() == "new\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.csv", "real"]
    assert sorted(p.name for p in real.iterdir()) == ["out.csv"]


def test_a_dangling_or_looping_symlink_is_never_replaced(tmp_path: Path):
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "missing" / "x.csv")
    loop = tmp_path / "loop.csv"
    loop.symlink_to(tmp_path / "loop2.csv")
    (tmp_path / "loop2.csv").symlink_to(loop)
    for link, message in ((dangling, "does not exist"), (loop, "cannot be followed")):
        with pytest.raises(WriteRefused, match=message):
            write_text(link, "x", force=True)
        assert link.is_symlink()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_written_through(tmp_path: Path):
    import threading

    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_bytes(fifo, b"through the pipe\n")  # no --force: there is nothing to overwrite
    reader.join(10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.fifo"]


def test_a_character_device_is_written_through(tmp_path: Path):
    """A copy of /dev/null made for the test (never the real one, which as root could be
    replaced if this failed); /dev/null itself when we cannot make device nodes."""
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (OSError, AttributeError):
        if os.geteuid() == 0:
            pytest.skip("cannot make a device node here")
        device = Path("/dev/null")
    for force in (False, True):
        write_text(device, "into the void\n", force=force)
    assert stat.S_ISCHR(device.lstat().st_mode)
    if device.parent == tmp_path:
        assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


@pytest.mark.parametrize("stream", ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"])
@pytest.mark.parametrize("into", ["file", "pipe"])
def test_dev_stdout_is_written_through(tmp_path: Path, stream: str, into: str):
    """Run in a child whose stdout is a file or a pipe; what came before stays, nothing is
    replaced, and no temporary file is made."""
    if not os.path.exists(stream):
        pytest.skip(f"no {stream} here")
    was_link = os.path.islink(stream)
    code = ("import sys\nsys.stdout.write('before\\n'); sys.stdout.flush()\n"
            "from ehelse_map.safe_write import write_text\n"
            f"write_text({stream!r}, 'written\\n')\n")
    if into == "file":
        with open(tmp_path / "out.txt", "wb") as out:
            done = subprocess.run([sys.executable, "-c", code], stdout=out, stderr=subprocess.PIPE,
                                  timeout=60)
        output = (tmp_path / "out.txt").read_bytes()
    else:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
        output = done.stdout
    assert done.returncode == 0, done.stderr
    assert output == b"before\nwritten\n"
    assert os.path.islink(stream) == was_link  # still the link it was, never a file
    assert not any(p.name.endswith(".tmp") for p in Path(stream).parent.iterdir())


def test_sockets_and_block_devices_are_refused(tmp_path: Path):
    import socket

    sock = tmp_path / "s"
    server = socket.socket(socket.AF_UNIX)
    here = os.getcwd()
    os.chdir(tmp_path)  # bound by a relative name: a socket's path has a short length limit
    try:
        server.bind(sock.name)
    finally:
        os.chdir(here)
    try:
        for force in (False, True):
            with pytest.raises(WriteRefused, match="is a socket"):
                write_text(sock, "x", force=force)
    finally:
        server.close()
    block = tmp_path / "b"
    try:
        os.mknod(block, stat.S_IFBLK | 0o600, os.makedev(7, 250))
    except (OSError, AttributeError):
        return
    with pytest.raises(WriteRefused, match="is a block device"):
        write_text(block, "x", force=True)


def test_the_cache_refuses_what_it_would_otherwise_write_through(tmp_path: Path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "entry"
    os.mkfifo(fifo)
    with pytest.raises(WriteRefused, match="not a regular file"):
        write_bytes(fifo, b"x", force=True, write_through=False)


# --- errors name the user's path ----------------------------------------------------------

def test_an_error_names_the_given_path_not_the_temporary_file(tmp_path: Path, monkeypatch):
    target = tmp_path / "out.csv"

    def refuse(*args, **kwargs):  # as mkstemp fails in a read-only folder
        name = f".out.csv.ehelse-map-{os.getpid()}-abcd1234.tmp"
        raise PermissionError(13, "Permission denied", str(tmp_path / name))

    monkeypatch.setattr(safe_write.tempfile, "mkstemp", refuse)
    with pytest.raises(PermissionError) as caught:
        write_text(target, "x")
    assert caught.value.filename == str(target)
    assert ".tmp" not in str(caught.value)
    monkeypatch.undo()
    # an error about some other file, raised inside the block, is left as it is
    with pytest.raises(FileNotFoundError) as other, atomic_open(target, "w") as handle:
        handle.write(Path(tmp_path / "elsewhere.txt").read_text())
    assert other.value.filename == str(tmp_path / "elsewhere.txt")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_names_the_output(tmp_path: Path, run_cli, minimal_dir):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run_cli(["export", "-o", str(folder / "map.graphml"), "--data",
                          str(minimal_dir)])
    finally:
        folder.chmod(0o700)
    assert result.exit_code == 2
    assert result.stderr == f"ehelse-map: error: {folder / 'map.graphml'}: cannot write: " \
                            "Permission denied\n"


def test_a_failed_write_through_the_cli_names_the_output(tmp_path, run_cli, minimal_dir,
                                                         monkeypatch):
    """Whatever the system call that fails, the one line names the -o path."""
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safe_write.os, "fsync", full)
    output = tmp_path / "map.graphml"
    result = run_cli(["export", "-o", str(output), "--data", str(minimal_dir)])
    assert result.exit_code == 2
    assert result.stderr == f"ehelse-map: error: {output}: cannot write: No space left on device\n"
    assert list(tmp_path.iterdir()) == []


# --- temporary files: recognisable, removed on signals, swept when stale --------------------

def test_temporary_files_are_hidden_and_carry_our_mark_and_pid(target: Path):
    names: list[str] = []
    with atomic_open(target, "w", force=True):
        names = leftovers(target.parent)
    (name,) = names
    assert name.startswith(".out.csv.ehelse-map-" + str(os.getpid()) + "-")
    assert name.endswith(".tmp")
    assert leftovers(target.parent) == []


def _dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    return int(child.stdout)


def test_stale_temporary_files_are_removed_by_the_next_write(tmp_path: Path):
    dead, alive = _dead_pid(), os.getppid()
    stale = tmp_path / f".out.csv.ehelse-map-{dead}-abcd1234.tmp"
    old = tmp_path / f".out.csv.ehelse-map-{alive}-efgh5678.tmp"
    running = tmp_path / f".other.ehelse-map-{alive}-ijkl9012.tmp"
    others = [tmp_path / ".out.csv.abcd1234.tmp", tmp_path / "notes.tmp",
              tmp_path / f"out.csv.ehelse-map-{dead}-abcd1234.tmp.keep"]
    for path in (stale, old, running, *others):
        path.write_text("left over")
    long_ago = time.time() - safe_write.STALE_AFTER - 60
    os.utime(old, (long_ago, long_ago))
    link = tmp_path / f".link.ehelse-map-{dead}-zzzz0000.tmp"
    link.symlink_to(others[1])
    write_text(tmp_path / "new.csv", "x")
    remaining = {p.name for p in tmp_path.iterdir()}
    assert stale.name not in remaining and old.name not in remaining
    assert {running.name, link.name, "new.csv", *(p.name for p in others)} == remaining


def _pausing_in_the_write(args: list[str]) -> str:
    """Python code that runs the CLI with `args`, pausing inside its first write (after the
    data is in the temporary file, before the rename) until it is signalled. SIGHUP ends it
    as it would a run in a terminal, also when the tests run under `nohup` (which ignores
    SIGHUP, and a run that inherits that keeps ignoring it, rightly)."""
    return ("import os, signal, sys, time\n"
            "signal.signal(signal.SIGHUP, signal.SIG_DFL)\n"
            "real = os.fsync\n"
            "def slow(fd):\n"
            "    sys.stdout.write('writing\\n'); sys.stdout.flush(); time.sleep(60); real(fd)\n"
            "os.fsync = slow\n"
            f"sys.argv = ['ehelse-map', *{args!r}]\n"
            "from ehelse_map.cli import run\n"
            "run()\n")


def _run_until_writing(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", _pausing_in_the_write(args)], cwd=cwd,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env={**os.environ, "EHELSE_MAP_CACHE": "off"})
    assert child.stdout is not None
    line = child.stdout.readline()
    if line != "writing\n":
        child.kill()
        raise AssertionError(f"never reached the write: {line!r} {child.communicate()}")
    return child


def _temporary(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


SIGNALLED = [("SIGTERM", -signal.SIGTERM), ("SIGHUP", -signal.SIGHUP), ("SIGINT", 130)]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "code"), SIGNALLED)
@pytest.mark.parametrize("command", ["report", "generate", "diagram"])
def test_a_signalled_run_leaves_no_temporary_file(tmp_path: Path, minimal_dir, command, name,
                                                  code):
    args = {"report": ["report", "-o", "out/report.html", "--data", str(minimal_dir)],
            "generate": ["generate", "--scale", "0.05", "-o", "out"],
            "diagram": ["diagram", "landscape", "-o", "out/d.svg", "--data", str(minimal_dir)],
            }[command]
    (tmp_path / "out").mkdir()
    child = _run_until_writing(args, tmp_path)
    assert _temporary(tmp_path) != []  # it is writing now
    child.send_signal(getattr(signal, name))
    child.communicate(timeout=60)
    assert child.returncode == code
    assert _temporary(tmp_path) == []
    assert [p.name for p in (tmp_path / "out").iterdir()] == []  # nothing half-written


@pytest.mark.slow
def test_a_killed_run_leaves_a_temporary_file_that_the_next_run_removes(tmp_path: Path):
    child = _run_until_writing(["generate", "--scale", "0.05", "-o", "out"], tmp_path)
    child.kill()
    child.communicate(timeout=60)
    (left,) = _temporary(tmp_path)
    assert f".ehelse-map-{child.pid}-" in left
    done = subprocess.run([sys.executable, "-m", "ehelse_map", "generate", "--scale", "0.05",
                           "-o", "out"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "EHELSE_MAP_CACHE": "off"})
    assert done.returncode == 0, done.stderr
    assert _temporary(tmp_path) == []
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["actors.yaml",
                                                                    "networks.yaml"]


def test_signal_handlers_are_restored(target: Path):
    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    with atomic_open(target, "w", force=True) as handle:
        assert signal.getsignal(signal.SIGTERM) is not before[signal.SIGTERM]
        handle.write("x")
    assert {s: signal.getsignal(s) for s in before} == before
    with pytest.raises(Boom), atomic_open(target, "w", force=True):
        raise Boom
    assert {s: signal.getsignal(s) for s in before} == before
