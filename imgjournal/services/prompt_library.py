"""The built-in prompt library file (resources/prompts.json), read without SQLAlchemy.

Kept apart from services.prompts so that opening an up-to-date journal (every command-line
call) can check for missing built-in prompts with plain sqlite3.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from imgjournal import sqlite
from imgjournal.resources import resource_path


@cache
def builtin_library() -> tuple[dict[str, Any], ...]:
    """The prompts shipped with the app, in library order."""
    data = json.loads(resource_path("prompts.json").read_text(encoding="utf-8"))
    return tuple(data["prompts"])


def missing_builtin_keys(con: sqlite.Connection) -> list[str]:
    have = {k for (k,) in con.execute("SELECT key FROM prompts WHERE key IS NOT NULL")}
    return [p["key"] for p in builtin_library() if p["key"] not in have]
