"""Alembic migrations, shipped inside the package and run when a journal is opened.

``HEAD`` names the newest revision so that opening an up-to-date journal does not need to import
Alembic at all (a test checks it against the script directory).
"""

from pathlib import Path

HEAD = "0009"
SCRIPT_LOCATION = str(Path(__file__).resolve().parent)
