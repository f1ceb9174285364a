"""Per-user preferences (QSettings): typed getters and setters in one place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from imgjournal.ui.autosave import DEFAULT_DELAY_MS

ORG = "imgjournal"
APP = "imgjournal"

FONT_SIZE_RANGE = (9, 28)
DEFAULT_IDLE_LOCK_MINUTES = 10
IDLE_LOCK_RANGE = (0, 240)  # minutes; 0 is never
DEFAULT_FONT_SIZE = 12
DELAY_RANGE_MS = (300, 2000)  # while typing goes on, the 1.5 s ceiling saves anyway
APPEARANCES = ("system", "light", "dark")


class AppSettings:
    """Wraps a QSettings; tests pass one backed by an INI file in a temporary folder."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings(ORG, APP)

    @classmethod
    def at(cls, path: Path) -> AppSettings:
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def _int(self, key: str, default: int, lo: int, hi: int) -> int:
        try:
            value = int(self.store.value(key, default))
        except (TypeError, ValueError):
            value = default
        return min(max(value, lo), hi)

    @property
    def font_size(self) -> int:
        return self._int("editor/font_size", DEFAULT_FONT_SIZE, *FONT_SIZE_RANGE)

    @font_size.setter
    def font_size(self, value: int) -> None:
        self.store.setValue("editor/font_size", int(value))

    @property
    def autosave_delay_ms(self) -> int:
        return self._int("editor/autosave_delay_ms", DEFAULT_DELAY_MS, *DELAY_RANGE_MS)

    @autosave_delay_ms.setter
    def autosave_delay_ms(self, value: int) -> None:
        self.store.setValue("editor/autosave_delay_ms", int(value))

    @property
    def journal_location(self) -> Path | None:
        value = self.store.value("journal/location", "")
        return Path(str(value)) if value else None

    @journal_location.setter
    def journal_location(self, value: Path | None) -> None:
        self.store.setValue("journal/location", str(value) if value else "")

    @property
    def appearance(self) -> str:
        value = str(self.store.value("window/appearance", "system"))
        return value if value in APPEARANCES else "system"

    @appearance.setter
    def appearance(self, value: str) -> None:
        self.store.setValue("window/appearance", value if value in APPEARANCES else "system")

    @property
    def last_view(self) -> str:
        return str(self.store.value("window/last_view", "today"))

    @last_view.setter
    def last_view(self, key: str) -> None:
        self.store.setValue("window/last_view", key)

    @property
    def remember_passphrase(self) -> bool:
        """Keep an encrypted journal's passphrase in the system keychain (off by default)."""
        return str(self.store.value("security/remember_passphrase", "false")).lower() == "true"

    @remember_passphrase.setter
    def remember_passphrase(self, value: bool) -> None:
        self.store.setValue("security/remember_passphrase", "true" if value else "false")

    def idle_lock_minutes(self, encrypted: bool) -> int:
        """Idle minutes before the window locks (0: never). Until the user chooses, 10 for an
        encrypted journal and never for a plain one."""
        default = DEFAULT_IDLE_LOCK_MINUTES if encrypted else 0
        return self._int("security/idle_lock_minutes", default, *IDLE_LOCK_RANGE)

    def set_idle_lock_minutes(self, value: int) -> None:
        lo, hi = IDLE_LOCK_RANGE
        self.store.setValue("security/idle_lock_minutes", min(max(int(value), lo), hi))

    def geometry(self, name: str) -> QByteArray | None:
        value = self.store.value(f"window/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self.store.setValue(f"window/{name}", value)

    def sync(self) -> None:
        """Write the settings out; the file is the user's alone (it names the journal folder)."""
        self.store.sync()
        import contextlib
        from pathlib import Path

        from imgjournal.private import POSIX, PRIVATE_FILE

        target = Path(self.store.fileName())
        if POSIX and target.is_file() and target.stat().st_mode & 0o077:
            with contextlib.suppress(OSError):  # another owner's file: it still works
                target.chmod(PRIVATE_FILE)
