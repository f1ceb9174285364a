"""Passphrases and keys: the key file seals a random data key, scrypt stretches the passphrase."""

from __future__ import annotations

import json

import pytest

from imgjournal import cipher
from imgjournal.errors import JournalError


def test_a_sealed_key_opens_with_its_passphrase_only(tmp_path):
    key = cipher.new_data_key()
    kf = cipher.seal(key, "correct horse battery", "hint")
    assert cipher.open_keyfile(kf, "correct horse battery") == key
    with pytest.raises(cipher.WrongPassphrase, match=r"^The passphrase does not open"):
        cipher.open_keyfile(kf, "correct horse batterY")
    # Sealing again uses a fresh salt: the same passphrase wraps the key differently.
    again = cipher.seal(key, "correct horse battery")
    assert again.salt != kf.salt and again.wrapped != kf.wrapped
    assert cipher.open_keyfile(again, "correct horse battery") == key


def test_the_real_cost_is_scrypt_at_2_to_the_17(monkeypatch, tmp_path):
    monkeypatch.delenv("IMGJOURNAL_TEST_SCRYPT_N")
    kf = cipher.seal(cipher.new_data_key(), "correct horse battery")
    assert (kf.n, kf.r, kf.p) == (2**17, 8, 1)
    assert len(kf.salt) == 16
    monkeypatch.setenv("IMGJOURNAL_TEST_SCRYPT_N", str(2**30))  # never above the default
    assert cipher.seal(cipher.new_data_key(), "correct horse battery").n == 2**17


def test_a_tampered_wrapped_key_is_named_not_taken(tmp_path):
    home = tmp_path
    key = cipher.new_data_key()
    cipher.write_keyfile(home, cipher.seal(key, "correct horse battery"))
    data = json.loads((home / "journal.key").read_text())
    raw = bytearray(__import__("base64").b64decode(data["wrapped_key"]))
    raw[0] ^= 1
    data["wrapped_key"] = __import__("base64").b64encode(bytes(raw)).decode()
    (home / "journal.key").write_text(json.dumps(data))
    with pytest.raises(JournalError, match="is damaged"):
        cipher.unlock(home, "correct horse battery")
    assert cipher.key_for(home) is None


@pytest.mark.parametrize(
    "field, value",
    [("format", 2), ("salt", "not base64!"), ("kdf", {"name": "argon9", "n": 1, "r": 1, "p": 1})],
)
def test_a_key_file_imgjournal_cannot_use_is_one_sentence(tmp_path, field, value):
    cipher.write_keyfile(tmp_path, cipher.seal(cipher.new_data_key(), "correct horse battery"))
    data = json.loads((tmp_path / "journal.key").read_text())
    data[field] = value
    (tmp_path / "journal.key").write_text(json.dumps(data))
    with pytest.raises(JournalError) as err:
        cipher.read_keyfile(tmp_path)
    assert str(err.value).count(".") >= 1 and "journal.key" in str(err.value)


def test_stretching_a_key_file_asks_for_is_bounded(tmp_path):
    cipher.write_keyfile(tmp_path, cipher.seal(cipher.new_data_key(), "correct horse battery"))
    data = json.loads((tmp_path / "journal.key").read_text())
    data["kdf"]["n"] = 2**24  # 2 GiB of memory: refused, not tried
    (tmp_path / "journal.key").write_text(json.dumps(data))
    with pytest.raises(JournalError, match="refuses"):
        cipher.read_keyfile(tmp_path)


@pytest.mark.parametrize(
    "passphrase, problem",
    [
        ("seven77", "at least 8"),
        ("x" * 1025, "at most 1024"),
        (" leading space", "space"),
        ("abababababab", "repeated"),
        ("correct horse", None),
        ("ünïcødé pässwörd", None),
    ],
)
def test_passphrase_problems(passphrase, problem):
    got = cipher.passphrase_problem(passphrase)
    if problem is None:
        assert got is None
    else:
        assert got is not None and problem in got


def test_remembered_keys_are_per_folder(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    cipher.remember(a, b"k" * 32)
    assert cipher.key_for(tmp_path / "a" / ".." / "a") == b"k" * 32
    assert cipher.key_for(b) is None
    cipher.forget(a)
    assert cipher.key_for(a) is None


def test_the_driver_has_sqlcipher_and_connect_keys_and_reads_only(tmp_path, monkeypatch):
    from imgjournal import sqlite

    assert sqlite.HAS_CIPHER and sqlite.CIPHER_VERSION.startswith("4.")
    db = tmp_path / "x.sqlite3"
    key = cipher.new_data_key()
    con = sqlite.connect(db, key=key)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    ro = sqlite.connect(str(db), key=key, read_only=True)  # a str path is read-only too
    with pytest.raises(sqlite.OperationalError, match="readonly"):
        ro.execute("INSERT INTO t VALUES (1)")
    ro.close()
    with pytest.raises(sqlite.DatabaseError, match="not a database"):
        sqlite.connect(db, key=cipher.new_data_key())  # a wrong key fails at once
    monkeypatch.setattr(sqlite, "HAS_CIPHER", False)  # a driver without SQLCipher
    with pytest.raises(JournalError, match="without SQLCipher"):
        sqlite.connect(db, key=key)
