"""Getting data in and out: JSON records, JSON export/import, Markdown import (PDF later)."""
