"""The fields a CSV case log's columns can hold, and the headers recognised without a map.

Plain data, so that ``imgjournal --help`` can list them without loading the importer.
"""

from __future__ import annotations

# FIELD (what --map names) -> what it is, for --help and errors.
FIELDS: dict[str, str] = {
    "date": "the day of the case",
    "title": "a few words that name it (default: the complaint or first diagnosis)",
    "setting": "inpatient, outpatient, ed, icu, clinic or other",
    "age": "the patient's age or age band",
    "sex": "female, male, other or unknown",
    "complaint": "the chief complaint",
    "diagnosis": "diagnoses, several separated by ;",
    "procedure": "procedures, several separated by ;",
    "role": "observed, assisted, performed or presented",
    "notes": "the body, in Markdown",
    "tags": "tags, separated by , or ;",
    "situation": "STAR-L: the situation",
    "task": "STAR-L: the task",
    "action": "STAR-L: the action",
    "result": "STAR-L: the result",
    "lesson": "STAR-L: the lesson",
    "ignore": "leave the column out",
}

# Header (normalised: lower case, letters and digits only) -> field.
HEADERS: dict[str, str] = {
    "date": "date",
    "day": "date",
    "entrydate": "date",
    "casedate": "date",
    "dateofcase": "date",
    "title": "title",
    "setting": "setting",
    "age": "age",
    "ageband": "age",
    "patientage": "age",
    "sex": "sex",
    "gender": "sex",
    "complaint": "complaint",
    "chiefcomplaint": "complaint",
    "cc": "complaint",
    "presentingcomplaint": "complaint",
    "diagnosis": "diagnosis",
    "diagnoses": "diagnosis",
    "dx": "diagnosis",
    "procedure": "procedure",
    "procedures": "procedure",
    "role": "role",
    "myrole": "role",
    "notes": "notes",
    "note": "notes",
    "comments": "notes",
    "body": "notes",
    "tags": "tags",
    "situation": "situation",
    "task": "task",
    "action": "action",
    "result": "result",
    "lesson": "lesson",
    "lessons": "lesson",
}
