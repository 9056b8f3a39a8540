"""Commands cache the data sets they load: the same bytes load from the cache, any change to a
file is a new entry, data with errors is never cached, and a broken cache is only a miss."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ehelse_map.model import cache
from ehelse_map.model.build import DataError, load_dataset

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(MINIMAL, folder)
    return folder


@pytest.fixture
def store(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("EHELSE_MAP_CACHE", str(folder))
    return folder


def entries(store: Path) -> list[Path]:
    return sorted(store.glob("*.pickle")) if store.exists() else []


def test_the_same_bytes_load_from_the_cache(data, store, monkeypatch):
    first = load_dataset(data, cache=True)
    assert len(entries(store)) == 1

    def no_validation(*args, **kwargs):
        raise AssertionError("validated again")

    monkeypatch.setattr("ehelse_map.load.check_set.validate_files", no_validation)
    again = load_dataset(data, cache=True)
    assert again == first
    assert again is not first


def test_a_changed_file_is_a_new_entry(data, store):
    before = load_dataset(data, cache=True)
    actors = data / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("name: Bergen",
                                                                 "name: Bergen kommune"),
                      encoding="utf-8")
    after = load_dataset(data, cache=True)
    assert len(entries(store)) == 2
    assert before.actors["bergen"].name == "Bergen"
    assert after.actors["bergen"].name == "Bergen kommune"


def test_data_with_errors_is_never_cached(data, store):
    networks = data / "networks.yaml"
    networks.write_text(networks.read_text(encoding="utf-8") + "\n  - id: x\n",
                        encoding="utf-8")
    with pytest.raises(DataError):
        load_dataset(data, cache=True)
    assert entries(store) == []


def test_a_broken_entry_is_a_miss_and_is_replaced(data, store):
    expected = load_dataset(data, cache=True)
    (entry,) = entries(store)
    entry.write_bytes(b"not a pickle")
    assert load_dataset(data, cache=True) == expected
    assert entry.read_bytes() != b"not a pickle"


def test_an_unwritable_cache_is_no_error(data, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("EHELSE_MAP_CACHE", str(blocker / "cache"))
    assert load_dataset(data, cache=True) == load_dataset(data)


def test_off_turns_it_off_and_the_library_does_not_cache_unasked(data, store, monkeypatch):
    load_dataset(data)
    assert entries(store) == []
    monkeypatch.setenv("EHELSE_MAP_CACHE", "off")
    assert cache.folder() is None
    load_dataset(data, cache=True)
    assert entries(store) == []


def test_only_the_newest_entries_are_kept(data, store):
    actors = data / "actors.yaml"
    original = actors.read_text(encoding="utf-8")
    for index in range(cache.KEEP + 3):
        actors.write_text(original + f"\n# edit {index}\n", encoding="utf-8")
        load_dataset(data, cache=True)
    assert len(entries(store)) == cache.KEEP


def test_commands_use_the_cache(run_cli, data, store):
    result = run_cli(["actors", "--data", str(data), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert len(entries(store)) == 1
    assert run_cli(["actors", "--data", str(data), "--format", "json"]).stdout == result.stdout


def test_a_fifo_is_refused_with_the_cache_on_or_off(data, store, monkeypatch):
    """The cache reads files as validation does: a FIFO is refused, never waited on."""
    import os

    from ehelse_map.load.files import InputError

    (data / "actors.yaml").unlink()
    os.mkfifo(data / "actors.yaml")
    for setting in (str(store), "off"):
        monkeypatch.setenv("EHELSE_MAP_CACHE", setting)
        with pytest.raises(InputError, match="not a regular file"):
            load_dataset(data, cache=True)


def test_the_entry_holds_the_bytes_that_were_validated(data, store, monkeypatch):
    """A file saved while it is being validated cannot leave a stale entry: the key is made
    from the bytes validation read, not from a second reading."""
    import ehelse_map.load.check_set as validate

    actors = data / "actors.yaml"
    original = actors.read_text(encoding="utf-8")
    real = validate.validate_data

    def saved_meanwhile(contents, limits, reuse=None):
        actors.write_text(original.replace("name: Bergen", "name: Edited"), encoding="utf-8")
        return real(contents, limits, reuse)

    monkeypatch.setattr(validate, "validate_data", saved_meanwhile)
    assert load_dataset(data, cache=True).actors["bergen"].name == "Bergen"
    monkeypatch.setattr(validate, "validate_data", real)
    assert load_dataset(data, cache=True).actors["bergen"].name == "Edited"
    actors.write_text(original, encoding="utf-8")
    assert load_dataset(data, cache=True).actors["bergen"].name == "Bergen"


def test_no_home_folder_means_no_cache(monkeypatch):
    """Without HOME a cache folder would land wherever the command runs."""
    monkeypatch.delenv("EHELSE_MAP_CACHE")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr("os.path.expanduser", lambda path: path)
    assert cache.folder() is None


def test_a_folder_others_can_write_to_is_never_read(data, store):
    """Entries are pickles: one planted by somebody else could run their code."""
    load_dataset(data, cache=True)
    store.chmod(0o777)
    name = entries(store)[0].stem
    assert cache.get(name) is None
    store.chmod(0o700)
    assert cache.get(name) is not None


def _blockers(path: Path) -> dict[str, object]:
    """Ways to put something other than an entry at an entry's path."""
    import os
    import socket

    def folder():
        path.mkdir()

    def fifo():
        os.mkfifo(path)

    def link_to_fifo():
        os.mkfifo(path.with_name("elsewhere"))
        path.symlink_to(path.with_name("elsewhere"))

    def dangling_link():
        path.symlink_to(path.with_name("missing"))

    def unix_socket():  # bound by a relative name: a socket's path has a short length limit
        server = socket.socket(socket.AF_UNIX)
        here = os.getcwd()
        os.chdir(path.parent)
        try:
            server.bind(path.name)
        finally:
            os.chdir(here)
        return server

    return {"folder": folder, "fifo": fifo, "link to a fifo": link_to_fifo,
            "dangling link": dangling_link, "socket": unix_socket}


@pytest.mark.parametrize("kind", ["folder", "fifo", "link to a fifo", "dangling link", "socket"])
def test_anything_at_an_entry_path_is_a_miss_never_a_hang_or_a_traceback(data, store, kind):
    """Run in a thread with a deadline: opening a FIFO for reading or writing would block."""
    import threading

    if kind != "folder" and not hasattr(__import__("os"), "mkfifo"):
        pytest.skip("no FIFOs here")
    expected = load_dataset(data)
    name = cache.key(_contents(data), _limits())
    store.mkdir(mode=0o700)
    made = _blockers(store / f"{name}.pickle")[kind]()
    outcome: list[object] = []

    def run():
        try:
            outcome.append(cache.get(name))
            outcome.append(load_dataset(data, cache=True))
        except BaseException as error:  # reported by the assertion below
            outcome.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(20)
    if made is not None:
        made.close()  # type: ignore[attr-defined]
    assert not worker.is_alive(), "the cache blocked"
    assert outcome == [None, expected]
    assert (store / f"{name}.pickle").exists() or (store / f"{name}.pickle").is_symlink()


def test_pruning_skips_what_is_not_an_entry(data, store):
    store.mkdir(mode=0o700)
    (store / "0-a-folder.pickle").mkdir()
    (store / "1-dangling.pickle").symlink_to(store / "missing")
    actors = data / "actors.yaml"
    original = actors.read_text(encoding="utf-8")
    for index in range(cache.KEEP + 2):
        actors.write_text(original + f"\n# edit {index}\n", encoding="utf-8")
        load_dataset(data, cache=True)
    regular = [p for p in entries(store) if p.is_file() and not p.is_symlink()]
    assert len(regular) == cache.KEEP
    assert (store / "0-a-folder.pickle").is_dir() and (store / "1-dangling.pickle").is_symlink()


def _contents(folder: Path) -> list[tuple[str, bytes]]:
    from ehelse_map.load.files import display_path, resolve_inputs

    return [(display_path(f), Path(f).read_bytes()) for f in resolve_inputs([str(folder)])]


def _limits():
    from ehelse_map.load.limits import Limits

    return Limits()
