"""Use cases over a journal. The only way in: plain values in, frozen dataclasses out.

Every function takes an open :class:`imgjournal.db.Journal` first; none returns an ORM object.
"""
