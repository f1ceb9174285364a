"""Passphrases and keys of an encrypted journal (see docs/security.md).

A random 256-bit **data key** encrypts the database with SQLCipher 4 (given raw, so SQLCipher's
own 0.1 s key derivation is not paid on every connection). It does not change while the journal
stays encrypted, so every backup made meanwhile opens with it.

The passphrase is stretched with scrypt (n=2**17, r=8, p=1: 128 MiB and about 0.4 s, with a
fresh random salt each time a passphrase is set) into 64 bytes: the first 32 wrap the data key,
the last 32 give a check value, which tells a wrong passphrase from a damaged file before the
database is read. Salt, parameters, wrapped key, check and the user's hint are kept in
``journal.key`` beside the database; on its own it opens nothing. Changing the passphrase
rewrites that small file atomically: instant, never half done, and no backup is left behind
with a key nobody knows.

A journal is encrypted when ``journal.key`` is there and the database does not start with
SQLite's plain header. After it is unlocked the process remembers the data key for that folder
(:func:`remember`) until :func:`forget` (the app's idle lock, closing).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from imgjournal import paths
from imgjournal.durable import fsync_file, fsync_folder
from imgjournal.errors import JournalError

KEY_FILENAME = "journal.key"
FORMAT = 1
MIN_PASSPHRASE = 8
MAX_PASSPHRASE = 1024
MAX_HINT = 200
SQLITE_HEADER = b"SQLite format 3\x00"
# scrypt's cost: 2**17 x 128 x r bytes = 128 MiB of memory, about 0.4 s here. Tests lower N
# through IMGJOURNAL_TEST_SCRYPT_N (never honoured above the default, never below 2**10).
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
WRONG_PASSPHRASE = "The passphrase does not open this journal."

_keys: dict[str, bytes] = {}


class WrongPassphrase(JournalError):
    def __init__(self) -> None:
        super().__init__(WRONG_PASSPHRASE)


class PassphraseNeeded(JournalError):
    """The journal is encrypted and no key is remembered for it: unlock, then open again."""

    def __init__(self, home: Path) -> None:
        super().__init__(
            f"The journal in {home} is encrypted; give its passphrase (on the terminal, with "
            "--passphrase-file FILE, or in IMGJOURNAL_PASSPHRASE)."
        )
        self.home = home


@dataclass(frozen=True)
class KeyFile:
    salt: bytes
    n: int
    r: int
    p: int
    wrapped: bytes  # the data key XOR the first 32 bytes of scrypt's output
    check: bytes  # sha256 of the last 32 bytes of scrypt's output
    key_id: str  # names the data key (backups record it), not secret
    hint: str

    def to_json(self) -> dict:
        return {
            "format": FORMAT,
            "cipher": "sqlcipher4-raw-key",
            "kdf": {"name": "scrypt", "n": self.n, "r": self.r, "p": self.p},
            "salt": _b64(self.salt),
            "wrapped_key": _b64(self.wrapped),
            "check": _b64(self.check),
            "key_id": self.key_id,
            "hint": self.hint,
        }


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def key_path(home: Path) -> Path:
    return home / KEY_FILENAME


def _scrypt_n() -> int:
    raw = os.environ.get("IMGJOURNAL_TEST_SCRYPT_N")
    if raw and raw.isdigit():
        return max(2**10, min(SCRYPT_N, int(raw)))
    return SCRYPT_N


def _stretch(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=256 * n * r + 2**20, dklen=64
    )


def _key_id(key: bytes) -> str:
    return hashlib.sha256(b"imgjournal data key id\x00" + key).hexdigest()[:16]


def key_id(key: bytes) -> str:
    """A short public name of a data key (backups record which key opens them)."""
    return _key_id(key)


def _xor(a: bytes, b: bytes) -> bytes:
    return bytes(x ^ y for x, y in zip(a, b, strict=True))


def seal(key: bytes, passphrase: str, hint: str = "") -> KeyFile:
    """The key file that opens ``key`` with ``passphrase`` (a fresh salt every time)."""
    salt = secrets.token_bytes(16)
    n = _scrypt_n()
    stretched = _stretch(passphrase, salt, n, SCRYPT_R, SCRYPT_P)
    return KeyFile(
        salt=salt,
        n=n,
        r=SCRYPT_R,
        p=SCRYPT_P,
        wrapped=_xor(key, stretched[:32]),
        check=hashlib.sha256(stretched[32:]).digest(),
        key_id=_key_id(key),
        hint=hint,
    )


def open_keyfile(kf: KeyFile, passphrase: str) -> bytes:
    """The data key ``kf`` wraps, or :class:`WrongPassphrase`."""
    stretched = _stretch(passphrase, kf.salt, kf.n, kf.r, kf.p)
    if not hmac.compare_digest(hashlib.sha256(stretched[32:]).digest(), kf.check):
        raise WrongPassphrase()
    key = _xor(kf.wrapped, stretched[:32])
    if _key_id(key) != kf.key_id:
        raise JournalError(
            f"The key file {KEY_FILENAME} is damaged (its key does not match its check); "
            "restore it from a copy of the journal folder."
        )
    return key


def read_keyfile(home: Path) -> KeyFile:
    """The journal's key file, or one sentence saying why it cannot be used."""
    path = key_path(home)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        kdf = data["kdf"]
        if data.get("format") != FORMAT or kdf.get("name") != "scrypt":
            raise JournalError(
                f"The key file {path} was written by a newer version of imgjournal; update "
                "imgjournal to open this journal."
            )
        kf = KeyFile(
            salt=base64.b64decode(data["salt"], validate=True),
            n=int(kdf["n"]),
            r=int(kdf["r"]),
            p=int(kdf["p"]),
            wrapped=base64.b64decode(data["wrapped_key"], validate=True),
            check=base64.b64decode(data["check"], validate=True),
            key_id=str(data["key_id"]),
            hint=str(data.get("hint") or ""),
        )
    except FileNotFoundError as exc:
        raise JournalError(
            f"The journal in {home} is encrypted but its key file {KEY_FILENAME} is missing; "
            "put it back from a copy of the journal folder (without it the journal cannot be "
            "opened)."
        ) from exc
    except PermissionError as exc:
        raise JournalError(
            f"imgjournal is not allowed to read {path} (permission denied); give your user "
            "access to it."
        ) from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise JournalError(
            f"The key file {path} is damaged; put it back from a copy of the journal folder "
            "(without it the journal cannot be opened)."
        ) from exc
    if len(kf.salt) < 16 or len(kf.wrapped) != 32 or len(kf.check) != 32:
        raise JournalError(
            f"The key file {path} is damaged; put it back from a copy of the journal folder."
        )
    if not (2**10 <= kf.n <= 2**20 and 1 <= kf.r <= 32 and 1 <= kf.p <= 16):
        raise JournalError(f"The key file {path} asks for key stretching imgjournal refuses.")
    return kf


def write_keyfile(home: Path, kf: KeyFile) -> None:
    """Replace the key file atomically (written, synced, renamed)."""
    target = key_path(home)
    tmp = target.with_name(target.name + ".partial")
    tmp.write_text(json.dumps(kf.to_json(), indent=2) + "\n", encoding="utf-8")
    fsync_file(tmp)
    os.replace(tmp, target)
    fsync_folder(home)


def file_is_plain(db: Path) -> bool | None:
    """True when ``db`` starts with SQLite's plain header, False when not, None when absent."""
    try:
        with db.open("rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        return None
    except OSError:
        return True  # unreadable: not ours to call encrypted; the health check names it
    return head == SQLITE_HEADER or len(head) < 16


def is_encrypted(home: Path) -> bool:
    """The journal in ``home`` is encrypted: its key file is there and the database is not
    plain (a new journal that will be made encrypted has a key file and no database yet; a key
    file beside a plain database is left over from an interrupted change and means nothing)."""
    return has_keyfile(home) and file_is_plain(paths.db_path(home)) is not True


def has_keyfile(home: Path) -> bool:
    """A key file is there (False too when the folder cannot be read: the health check says
    so)."""
    return os.path.isfile(key_path(home))


def hint(home: Path) -> str:
    """The passphrase hint the user chose ("" when none, or when not encrypted)."""
    if not has_keyfile(home):
        return ""
    try:
        return read_keyfile(home).hint
    except JournalError:
        return ""


def passphrase_problem(passphrase: str) -> str | None:
    """One sentence when ``passphrase`` cannot be used, else None."""
    if len(passphrase) < MIN_PASSPHRASE:
        return f"Choose a passphrase of at least {MIN_PASSPHRASE} characters."
    if len(passphrase) > MAX_PASSPHRASE:
        return f"Choose a passphrase of at most {MAX_PASSPHRASE} characters."
    if passphrase != passphrase.strip():
        return "A passphrase cannot start or end with a space."
    if len(set(passphrase)) < 4:
        return "Choose a passphrase that is not one or two characters repeated."
    return None


def hint_problem(text: str, passphrase: str) -> str | None:
    if len(text) > MAX_HINT:
        return f"Keep the hint under {MAX_HINT} characters."
    if passphrase and passphrase.strip().lower() in text.lower():
        return "The hint must not contain the passphrase."
    return None


# ---- the keys this process holds -----------------------------------------------------------
def _slot(home: Path) -> str:
    return str(Path(home).expanduser().resolve())


def remember(home: Path, key: bytes) -> None:
    _keys[_slot(home)] = key


def forget(home: Path) -> None:
    _keys.pop(_slot(home), None)


def forget_all() -> None:
    _keys.clear()


def key_for(home: Path) -> bytes | None:
    """The data key remembered for ``home`` (None: not unlocked, or not encrypted)."""
    return _keys.get(_slot(home))


def unlock(home: Path, passphrase: str) -> bytes:
    """Check ``passphrase`` against the journal's key file, remember the data key and return
    it; :class:`WrongPassphrase` when it does not open the journal."""
    key = open_keyfile(read_keyfile(home), passphrase)
    remember(home, key)
    return key


def needs_key(home: Path) -> bool:
    """Encrypted, and not unlocked in this process."""
    return is_encrypted(home) and key_for(home) is None


def key_or_raise(home: Path) -> bytes | None:
    """The key to open ``home``'s journal with: None for a plain one, the remembered key for
    an encrypted one, :class:`PassphraseNeeded` when it is locked."""
    if not is_encrypted(home):
        return None
    key = key_for(home)
    if key is None:
        raise PassphraseNeeded(home)
    return key


def current_key(home: Path) -> bytes | None:
    """The key for ``home``'s journal when it is encrypted and unlocked, else None."""
    return key_for(home) if is_encrypted(home) else None


def new_data_key() -> bytes:
    return secrets.token_bytes(32)
