"""What encryption at rest costs (issue 14), over the 50,000-entry journal, plain and encrypted
copies measured in the same run:

- opening the journal and searching it, in-process (``Journal.open`` + ten word searches +
  close, the data key already derived): encrypted at most 1.5x plain (the target);
- ``imgjournal search WORD`` as a whole process, plain and encrypted (a reference: the
  encrypted one includes stretching the passphrase, scrypt at n=2**17, once per process);
- stretching the passphrase, encrypting the journal in place, and the quick check of the
  encrypted file (references).
"""

from __future__ import annotations

import os
import time

from benchmarks.harness import Context, Row, median_ms, median_process_time

PASSPHRASE = "a benchmark passphrase"
WORDS = ("troponin", "handoff", "sepsis", "feedback", "attending", "lactate", "discharge")


def run(ctx: Context) -> list[Row]:
    os.environ.pop("IMGJOURNAL_TEST_SCRYPT_N", None)  # the real cost
    from imgjournal import cipher, encryption
    from imgjournal.db import Journal
    from imgjournal.services.search import search

    plain = ctx.copy_home("plain")
    Journal.open(plain).close()  # migrations, prompts, the stamp
    secret = ctx.copy_home("encrypted")
    Journal.open(secret).close()
    t0 = time.perf_counter()
    encryption.encrypt_journal(secret, PASSPHRASE)
    encrypt_s = time.perf_counter() - t0
    Journal.open(secret).close()  # the stamp, as after any use
    n = 3 if ctx.quick else 9

    def open_and_search(home):
        def go() -> None:
            journal = Journal.open(home)
            try:
                for word in WORDS:
                    search(journal, word, limit=20)
            finally:
                journal.close()

        return go

    for home in (plain, secret):  # warm the page cache the same way for both
        open_and_search(home)()
    plain_ms, _ = median_ms(open_and_search(plain), n)
    secret_ms, times = median_ms(open_and_search(secret), n)
    ratio = secret_ms / plain_ms
    rows = [
        Row.at_most(
            f"Encrypted: open + {len(WORDS)} searches + close, vs plain (in-process)",
            1.5,
            round(ratio, 2),
            "×",
            f"{secret_ms:.0f} ms encrypted, {plain_ms:.0f} ms plain; median of {n} "
            f"({min(times):.0f}–{max(times):.0f} ms); the data key already derived",
        )
    ]
    env = {k: v for k, v in os.environ.items() if k != "IMGJOURNAL_HOME"}
    env["IMGJOURNAL_PASSPHRASE"] = PASSPHRASE
    words = WORDS[:3] if ctx.quick else WORDS
    medians = {}
    for label, home in (("plain", plain), ("encrypted", secret)):
        cmds = [ctx.imgjournal_command("search", w, "--limit", "20", home=home) for w in words]
        median, procs = median_process_time(cmds, env=env)
        bad = [p for p in procs if p.returncode != 0]
        medians[label] = None if bad else median
    if None in medians.values():
        rows.append(Row.missing("`imgjournal search WORD`, encrypted", "", "a search failed"))
    else:
        rows.append(
            Row.info(
                "`imgjournal search WORD`, whole process, encrypted (median)",
                round(medians["encrypted"], 3),
                "s",
                f"plain {medians['plain']:.3f} s in the same run; the difference is mostly "
                "scrypt stretching the passphrase once",
            )
        )
    kf = cipher.read_keyfile(secret)
    stretch, _ = median_ms(lambda: cipher.open_keyfile(kf, PASSPHRASE), 3)
    rows.append(
        Row.info(
            "Stretching the passphrase (scrypt, n=2**17, r=8, p=1)",
            round(stretch, 0),
            "ms",
            "once per unlock; 128 MiB of memory",
        )
    )
    rows.append(
        Row.info(
            f"`imgjournal encrypt` in place ({ctx.entries:,} entries)",
            round(encrypt_s, 2),
            "s",
            "verified backup first, sqlcipher_export, check, rename, backups converted",
        )
    )
    from imgjournal import health

    def checked_open() -> None:
        health.forget_stamp(secret)
        Journal.open(secret, always_check=False).close()

    check_ms, _ = median_ms(checked_open, 3)
    rows.append(
        Row.info(
            "Encrypted: open with the quick check (stamp forgotten)",
            round(check_ms, 0),
            "ms",
            "every page decrypted and its HMAC checked; the app trusts the stamp instead",
        )
    )
    return rows
