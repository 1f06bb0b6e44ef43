"""Input files' digests, remembered by stat so an unchanged corpus is not read again."""
from __future__ import annotations

import hashlib
import os

from thidua.loaders.file_digests import FileDigests
from thidua.loaders.pipeline import load_paths
from thidua.graph_store import EmbeddedStore

DAY_AGO_NS = 86_400 * 10**9


def aged(path, content: bytes, mtime_ns: int | None = None) -> int:
    """Write `content` and set an mtime well in the past (or `mtime_ns`)."""
    path.write_bytes(content)
    mtime = mtime_ns if mtime_ns is not None else os.stat(path).st_mtime_ns - DAY_AGO_NS
    os.utime(path, ns=(mtime, mtime))
    return mtime


def test_a_file_whose_stat_is_unchanged_is_not_read_again(tmp_path):
    table, article = tmp_path / "cache" / "digests.pickle", tmp_path / "a.txt"
    mtime = aged(article, "Khối thi đua".encode())
    first = FileDigests(table)
    digest = first.sha256(article)
    assert digest == hashlib.sha256("Khối thi đua".encode()).hexdigest()
    first.save()
    # The bytes change but size, mtime and inode do not (a write in place, the mtime put back):
    # the remembered digest is given, which shows the file was not read. git does the same.
    aged(article, "Khối thi dua".encode() + b"\x00", mtime)
    assert FileDigests(table).sha256(article) == digest
    assert FileDigests(table, rehash=True).sha256(article) != digest    # a forced load reads it
    aged(article, b"a longer text than before")                  # size and mtime changed
    assert FileDigests(table).sha256(article) == hashlib.sha256(b"a longer text than before").hexdigest()


def test_a_file_changed_just_now_is_not_remembered(tmp_path):
    table, article = tmp_path / "digests.pickle", tmp_path / "a.txt"
    article.write_bytes(b"one")
    digests = FileDigests(table)
    digests.sha256(article)
    digests.save()
    assert FileDigests(table).known == {}


def test_an_unreadable_table_is_ignored(tmp_path):
    table, article = tmp_path / "digests.pickle", tmp_path / "a.txt"
    table.write_bytes(b"not a pickle")
    aged(article, b"text")
    digests = FileDigests(table)
    assert digests.sha256(article) == hashlib.sha256(b"text").hexdigest()
    digests.save()
    assert str(article) in FileDigests(table).known


def test_a_second_load_of_unchanged_articles_takes_their_digests_from_the_table(tmp_path, sample_dir):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for source in sorted(sample_dir.glob("*.txt")):
        aged(corpus / source.name, source.read_bytes())
    store = EmbeddedStore(tmp_path / "store")
    first = load_paths(store, [corpus], progress=False)
    assert len(first.loaded) == 5
    remembered = FileDigests().known                  # the tests' private cache folder
    assert {str(p) for p in corpus.glob("*.txt")} <= set(remembered)
    again = load_paths(store, [corpus], progress=False)
    assert again.loaded == [] and len(again.unchanged) == 5
    store.close()
