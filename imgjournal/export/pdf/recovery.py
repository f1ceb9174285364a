"""The recovery sheet of an encrypted journal (issue 14): a one-page PDF to keep apart from the
laptop, with the folder, the key's id and derivation, the hint and what to do; the passphrase
only when the user asks for it. Needs only the key file: the journal is not opened."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from imgjournal import cipher, paths
from imgjournal.export.pdf.build import atomic_output

TITLE = "imgjournal recovery sheet"
FORGOTTEN = (
    "If the passphrase is forgotten, nobody can open this journal or its backups again: there "
    "is no reset and no back door, not even for the people who make imgjournal."
)


def write_recovery_sheet(
    dest: Path, home: Path, kf: cipher.KeyFile, passphrase: str | None = None
) -> Path:
    """Write the sheet to ``dest`` atomically; ``passphrase`` is printed only when given."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    body, head = styles["BodyText"], styles["Heading2"]
    rows = [
        ("Journal folder", str(home)),
        ("Backups", str(paths.backup_dir(home))),
        ("Encryption", "SQLCipher 4 (AES-256), a random 256-bit data key"),
        ("Key derivation", f"scrypt, n = {kf.n}, r = {kf.r}, p = {kf.p}"),
        ("Key id", kf.key_id),
        ("Printed", date.today().isoformat()),
        ("Passphrase hint", kf.hint or "No hint was set."),
    ]
    story = [Paragraph(TITLE, styles["Title"])]
    for label, value in rows:
        story.append(Paragraph(f"<b>{escape(label)}:</b> {escape(value)}", body))
    if passphrase is not None:
        story += [
            Spacer(1, 4 * mm),
            Paragraph("<b>Passphrase:</b> " + escape(passphrase), body),
            Paragraph(
                "This sheet holds the passphrase: anyone who reads it can open the journal. "
                "Keep it locked away, or destroy it.",
                body,
            ),
        ]
    story += [
        Spacer(1, 6 * mm),
        Paragraph("What to do", head),
        Paragraph(
            "The passphrase opens the journal and every backup in the folder above, on any "
            "computer with imgjournal. Keep this sheet somewhere safe, apart from the laptop.",
            body,
        ),
        Paragraph(escape(FORGOTTEN), body),
        Paragraph(
            "Changing the passphrase keeps the key id: a copy of the folder made before still "
            "opens with the old passphrase. See docs/security.md.",
            body,
        ),
    ]
    with atomic_output(dest) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, title=TITLE, author="imgjournal")
        doc.build(story)
    return dest
