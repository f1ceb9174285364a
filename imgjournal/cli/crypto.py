"""``imgjournal encrypt``, ``decrypt`` and ``passphrase``, and where a passphrase comes from.

Every command asks for the passphrase of an encrypted journal before it opens it. It comes
from, in this order: ``--passphrase-file FILE`` (the file's first line), the
``IMGJOURNAL_PASSPHRASE`` environment variable, or a prompt when a terminal is attached. A
wrong one is one sentence, "The passphrase does not open this journal.", and exit status 1; the
journal is not touched. ``passphrase`` reads the new passphrase from ``--new-passphrase-file``,
``IMGJOURNAL_NEW_PASSPHRASE`` or a prompt (twice). Registered through
``imgjournal.cli.parser.command_groups``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from imgjournal.cli.common import EXIT_OK
from imgjournal.errors import JournalError

ENV_PASSPHRASE = "IMGJOURNAL_PASSPHRASE"
ENV_NEW_PASSPHRASE = "IMGJOURNAL_NEW_PASSPHRASE"
FORGOTTEN = (
    "Choose a passphrase you will remember: if it is forgotten, nobody can open the journal "
    "or its backups again (there is no reset, not even by imgjournal's makers)."
)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "encrypt",
        help="encrypt the journal and its backups with a passphrase (SQLCipher)",
        description="Encrypt the journal in place with a new passphrase: a verified backup is "
        "made first, the encrypted copy is checked before it replaces the journal, and the "
        "backups are encrypted too; plain copies set aside by earlier restores are removed "
        "(they are listed). The passphrase comes from --passphrase-file FILE, "
        f"${ENV_PASSPHRASE}, or a prompt. {FORGOTTEN}",
    )
    p.add_argument("--hint", default=None, help="a hint that reminds you of the passphrase")
    p.set_defaults(func=cmd_encrypt, without_journal=True, unlocks_itself=True)

    p = sub.add_parser(
        "decrypt",
        help="decrypt the journal and its backups (they are then readable by anyone with "
        "the files)",
        description="Decrypt the journal in place and its backups, after a verified backup, "
        "and remove the key file journal.key.",
    )
    p.set_defaults(func=cmd_decrypt, without_journal=True)

    p = sub.add_parser(
        "passphrase",
        help="change the passphrase of an encrypted journal",
        description="Change the passphrase (and optionally the hint). The current passphrase "
        f"comes from --passphrase-file FILE, ${ENV_PASSPHRASE} or a prompt; the new one from "
        f"--new-passphrase-file FILE, ${ENV_NEW_PASSPHRASE} or a prompt (twice). Only the key "
        "file is rewritten, at once, so every backup still opens with the new passphrase.",
    )
    p.add_argument("--new-passphrase-file", metavar="FILE", help="read the new passphrase here")
    p.add_argument("--hint", default=None, help="a new hint (default: keep the old one)")
    p.set_defaults(func=cmd_passphrase, without_journal=True, unlocks_itself=True)


def add_passphrase_file_flag(parser: Any) -> None:
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=None,
        help=f"read an encrypted journal's passphrase from FILE (else ${ENV_PASSPHRASE}, "
        "else a prompt)",
    )


def _read_file(path: str) -> str:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.readline()
    except FileNotFoundError as exc:
        raise JournalError(f"The passphrase file {path} does not exist.") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise JournalError(f"Cannot read the passphrase file {path}: {exc}.") from exc
    text = text.rstrip("\r\n")
    if not text:
        raise JournalError(f"The passphrase file {path} is empty.")
    return text


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _prompt(text: str) -> str:
    import getpass

    try:
        return getpass.getpass(text)
    except EOFError as exc:
        raise JournalError("No passphrase was given.") from exc


def passphrase(args: Any, home: Path, *, why: str = "") -> str:
    """The passphrase of ``home``'s journal from the file, the environment or a prompt."""
    path = getattr(args, "passphrase_file", None)
    if path:
        return _read_file(path)
    env = os.environ.get(ENV_PASSPHRASE)
    if env:
        return env
    if _interactive():
        return _prompt(f"Passphrase for {home}{why}: ")
    raise JournalError(
        f"The journal in {home} is encrypted; give its passphrase with --passphrase-file FILE "
        f"or in ${ENV_PASSPHRASE} (there is no terminal to ask on)."
    )


def new_passphrase(path: str | None, env_name: str, home: Path) -> str:
    """A passphrase being chosen: from the file or environment, or asked twice."""
    from imgjournal import cipher

    if path:
        chosen = _read_file(path)
    elif os.environ.get(env_name):
        chosen = os.environ[env_name]
    elif _interactive():
        print(FORGOTTEN, file=sys.stderr)
        chosen = _prompt(f"New passphrase for {home}: ")
        problem = cipher.passphrase_problem(chosen)
        if problem:
            raise JournalError(problem)
        if _prompt("The same passphrase again: ") != chosen:
            raise JournalError("The two passphrases differ; nothing was changed.")
    else:
        flag = "--passphrase-file" if env_name == ENV_PASSPHRASE else "--new-passphrase-file"
        raise JournalError(
            f"Give the new passphrase with {flag} FILE or in ${env_name} (there is no terminal "
            "to ask on)."
        )
    problem = cipher.passphrase_problem(chosen)
    if problem:
        raise JournalError(problem)
    return chosen


def unlock_if_needed(args: Any, home: Path) -> None:
    """Ask for and check the passphrase when ``home``'s journal is encrypted and locked."""
    from imgjournal import cipher

    if cipher.needs_key(home):
        cipher.unlock(home, passphrase(args, home))


def _removed_lines(removed: list[Path]) -> None:
    if removed:
        print(
            f"Removed {len(removed)} plain cop{'y' if len(removed) == 1 else 'ies'} of the "
            "journal's text that could not be encrypted:"
        )
        for p in removed:
            print(f"  {p}")


def cmd_encrypt(args: Any, home: Path) -> int:
    from imgjournal import cipher, encryption

    if cipher.is_encrypted(home):
        if not encryption.plain_left(home):
            raise JournalError(f"The journal in {home} is already encrypted.")
        unlock_if_needed(args, home)  # an interrupted encryption: finish it
        result = encryption.finish_encryption(home)
        print(
            f"The journal in {home} was already encrypted; encrypted {result.converted_backups} "
            "plain backup(s) left beside it."
        )
        _removed_lines(result.removed)
        return EXIT_OK
    chosen = new_passphrase(args.passphrase_file, ENV_PASSPHRASE, home)
    hint = args.hint
    if hint is None and _interactive() and not args.passphrase_file:
        hint = input("A hint to remind you of it (optional, stored unencrypted): ").strip()
    to_remove = encryption.plain_copies(home)
    if to_remove:
        print(
            f"These {len(to_remove)} plain copies of the journal's text cannot be encrypted "
            "and will be removed once the journal is:",
            file=sys.stderr,
        )
        for p in to_remove:
            print(f"  {p}", file=sys.stderr)
    result = encryption.encrypt_journal(home, chosen, hint or "")
    if result.backup is None:
        print(f"The new journal in {home} will be encrypted.")
    else:
        backups = result.converted_backups
        print(
            f"Encrypted the journal in {home}: {result.entries} entries, {backups} "
            f"backup{'s' if backups != 1 else ''} (a verified backup was made first)."
        )
    _removed_lines(result.removed)
    print(
        "Keep the passphrase safe: if it is forgotten, nobody can open the journal or its "
        "backups again (docs/security.md)."
    )
    return EXIT_OK


def cmd_decrypt(args: Any, home: Path) -> int:
    from imgjournal import encryption

    result = encryption.decrypt_journal(home)
    backups = result.converted_backups
    print(
        f"Decrypted the journal in {home}: {result.entries} entries, {backups} "
        f"backup{'s' if backups != 1 else ''}; anyone who can read these files can now read "
        "the journal."
    )
    return EXIT_OK


def cmd_passphrase(args: Any, home: Path) -> int:
    from imgjournal import cipher, encryption

    if not cipher.is_encrypted(home):
        raise JournalError(f"The journal in {home} is not encrypted; encrypt it first.")
    old = passphrase(args, home, why=" (current)")
    cipher.open_keyfile(cipher.read_keyfile(home), old)  # a wrong one fails before asking more
    new = new_passphrase(args.new_passphrase_file, ENV_NEW_PASSPHRASE, home)
    encryption.change_passphrase(home, old, new, args.hint)
    print(f"Changed the passphrase of the journal in {home}; every backup opens with it.")
    return EXIT_OK
