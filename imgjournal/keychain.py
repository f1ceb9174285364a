"""Remembering a journal's passphrase in the system keychain (optional, off by default).

A thin wrapper over ``keyring``: the passphrase is stored under the service ``imgjournal`` with
the resolved journal folder as the user name, so two journals keep two passphrases. Only a
real keychain counts (macOS Keychain, Windows Credential Manager, the Secret Service or KWallet
on Linux): none at all, or only a backend that keeps secrets in a plain file (``keyrings.alt``'s
PlaintextKeyring, anything with a priority below 1), is "unavailable", with one sentence why.

``keyring`` is imported only when one of these functions runs (never at start-up unless the
user asked for the keychain); on Linux asking the keychain talks to the desktop's Secret
Service over the local D-Bus, never over a network.
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)

SERVICE = "imgjournal"
NO_KEYCHAIN = (
    "No system keychain was found on this computer, so the passphrase cannot be remembered."
)
PLAIN_KEYCHAIN = (
    "The only keychain here keeps secrets in a plain file, so imgjournal does not put the "
    "passphrase there."
)


def _user(home: Path) -> str:
    return str(Path(home).expanduser().resolve())


def _backend():  # noqa: ANN202 - a keyring backend, or None
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None, NO_KEYCHAIN
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keychain is an absent one
        log.warning("the system keychain could not be loaded", exc_info=True)
        return None, NO_KEYCHAIN
    if isinstance(backend, fail.Keyring):
        return None, NO_KEYCHAIN
    name = type(backend).__module__ + "." + type(backend).__name__
    try:
        priority = float(backend.priority)
    except Exception:  # noqa: BLE001
        priority = 0.0
    if "plaintext" in name.lower() or "keyrings.alt" in name or priority < 1:
        return None, PLAIN_KEYCHAIN
    return backend, ""


def availability() -> tuple[bool, str]:
    """(True, "") when a real system keychain can hold the passphrase, else (False, why)."""
    backend, reason = _backend()
    return backend is not None, reason


def store(home: Path, passphrase: str) -> bool:
    """Keep ``passphrase`` for ``home``'s journal; False when no keychain could take it."""
    backend, _ = _backend()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, _user(home), passphrase)
    except Exception:  # noqa: BLE001 - the keychain refused (locked, cancelled): not remembered
        log.warning("the keychain did not take the passphrase", exc_info=True)
        return False
    return True


def load(home: Path) -> str | None:
    """The passphrase kept for ``home``'s journal, or None."""
    backend, _ = _backend()
    if backend is None:
        return None
    try:
        return backend.get_password(SERVICE, _user(home))
    except Exception:  # noqa: BLE001
        log.warning("the keychain could not be read", exc_info=True)
        return None


def delete(home: Path) -> None:
    """Forget the passphrase kept for ``home``'s journal (nothing kept: nothing to do)."""
    backend, _ = _backend()
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, _user(home))
    except Exception:  # noqa: BLE001 - keyring.errors.PasswordDeleteError: none was kept
        return
