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

    def saved_meanwhile(contents, limits):
        actors.write_text(original.replace("name: Bergen", "name: Edited"), encoding="utf-8")
        return real(contents, limits)

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
