from __future__ import annotations

import pytest

from imgjournal.cli import main
from imgjournal.deid import scan


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Call her at (555) 123-4567 tomorrow", "phone"),
        ("email jdoe@example.org", "email"),
        ("MRN: 00123456", "record"),
        ("SSN 123-45-6789", "ssn"),
        ("admitted 03/14/2026", "date"),
        ("admitted March 14, 2026", "date"),
        ("a 94-year-old woman", "age"),
        ("see https://hospital.example/chart", "url"),
        ("Mr. Alvarez was upset", "name"),
        ("ZIP 60614", "zip"),
    ],
)
def test_identifiers_are_found(text, kind):
    findings = scan(text)
    assert findings and findings[0].kind == kind
    assert findings[0].text in text


@pytest.mark.parametrize(
    "text",
    [
        "A 45-year-old with chest pain; troponin 0.04 at 2 h, BP 120/80.",
        "In 2026 I rotated in internal medicine; 3 L diuresed, K 5.9.",
        "Presented on rounds to the attending; the patient's daughter asked questions.",
        "Age band 90+, ICU bed, 12-lead ECG, I-PASS handoff.",
    ],
)
def test_clinical_text_is_not_flagged(text):
    assert scan(text) == []


def test_cli_warns_but_saves(tmp_path, capsys):
    home = str(tmp_path / "j")
    code = main(
        [
            "--home",
            home,
            "add",
            "case",
            "--title",
            "Chest pain",
            "--body",
            "Mr. Jones, MRN 4455667, seen 01/02/2026",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0 and out.strip() == "1"
    assert err.count("imgjournal: warning: entry 1:") == 3
    assert "“Mr. Jones”" in err and "“4455667”" in err and "“01/02/2026”" in err


def test_finding_carries_kind_label_and_suggestion():
    from imgjournal.deid import KINDS, Finding

    (f,) = scan("call (555) 123-4567")
    assert isinstance(f, Finding)
    assert (f.start, f.end, f.kind, f.text) == (5, 19, "phone", "(555) 123-4567")
    assert f.suggestion == "[PHONE]" and f.label == KINDS["phone"] == "a phone number"
    assert "(555) 123-4567" in f.sentence() and "[PHONE]" in f.sentence()


def test_allowed_words_are_not_reported():
    text = "Mr. Alvarez, MRN 00123456"
    assert [f.kind for f in scan(text)] == ["name", "record"]
    assert [f.kind for f in scan(text, allow=["  mr. ALVAREZ "])] == ["record"]


# One case per format a user writes, per kind: (text, kind, the text of the finding).
@pytest.mark.parametrize(
    ("text", "kind", "span"),
    [
        ("Mrs. Nakamura refused the CT.", "name", "Mrs. Nakamura"),
        ("Ms Delgado was tearful.", "name", "Ms Delgado"),
        ("Dr. Adebayo Okonjo signed the note.", "name", "Dr. Adebayo Okonjo"),
        ("Prof. Lindqvist gave the lecture on my case.", "name", "Prof. Lindqvist"),
        ("her daughter Maria called twice", "name", "Maria"),
        ("his son, James, drove him in", "name", "James"),
        ("nurse Kelly paged me", "name", "Kelly"),
        ("the attending, Dr. Feldman, agreed", "name", "Dr. Feldman"),
        ("resident Priya presented", "name", "Priya"),
        ("Pt. Gonzalez denies pain", "name", "Gonzalez"),
        ("a man named Tobias came in", "name", "Tobias"),
        ("she is called Nana by family", "name", "Nana"),
        ("he goes by Bud", "name", "Bud"),
        ("J. Smith was seen", "name", "J. Smith"),
        ("Talked with Roberto Alvarez about his diet.", "name", "Roberto Alvarez"),
        ("Okafor, Chidi - bed 4", "name", "Okafor, Chidi"),
        ("Seen today: Hannah Weiss, follow-up.", "name", "Hannah Weiss"),
        ("Her husband Grant stayed overnight.", "name", "Grant"),
        ("Spoke with Svetlana on the phone.", "name", "Svetlana"),
        ("mrs lopez is better today", "name", "mrs lopez"),
        ("patient John Doe", "name", "John Doe"),
        ("Wife Joy at bedside.", "name", "Joy"),
        ("seen 3/14 in clinic", "date", "3/14"),
        ("on 14.03.2026 he fell", "date", "14.03.2026"),
        ("surgery on March 14th", "date", "March 14th"),
        ("since the 14th of March", "date", "the 14th of March"),
        ("DOB 1961-04-02", "date", "1961-04-02"),
        ("admitted Tuesday 4 March", "date", "Tuesday 4 March"),
        ("discharged 2/3/25", "date", "2/3/25"),
        ("born Jan 5, 1950", "date", "Jan 5, 1950"),
        ("Admitted: 12-Mar-2026", "date", "12-Mar-2026"),
        ("seen on Sept. 9", "date", "Sept. 9"),
        ("died on 4th July 2025", "date", "4th July 2025"),
        ("f/u 04/22", "date", "04/22"),
        ("admitted in March 2026 with CAP", "date", "March 2026"),
        ("on 2026/03/14 CT done", "date", "2026/03/14"),
        ("DOB: 04/02/61", "date", "04/02/61"),
        ("Date of birth 2 April 1961", "date", "2 April 1961"),
        ("92 y/o woman", "age", "92"),
        ("a ninety-two-year-old man", "age", "ninety-two"),
        ("age: 93", "age", "93"),
        ("93M with syncope", "age", "93"),
        ("95 yo F", "age", "95"),
        ("a 101-year-old", "age", "101"),
        ("she is 94 and lives alone", "age", "94"),
        ("aged 97", "age", "97"),
        ("91 years old", "age", "91"),
        ("ninety-one years of age", "age", "ninety-one"),
        ("Pt is 90 y.o.", "age", "90"),
        ("96F, fall", "age", "96"),
        ("98 yrs old", "age", "98"),
        ("call 216-555-0143", "phone", "216-555-0143"),
        ("cell: (216) 555 0143", "phone", "(216) 555 0143"),
        ("ph 216.555.0143", "phone", "216.555.0143"),
        ("mobile +1 (216) 555-0143", "phone", "+1 (216) 555-0143"),
        ("her number in Lagos is +234 803 123 4567", "phone", "+234 803 123 4567"),
        ("UK number 07700 900123", "phone", "07700 900123"),
        ("tel. 555-0143", "phone", "555-0143"),
        ("fax 216-555-0199", "fax", "216-555-0199"),
        ("Fax: (216) 555-0199", "fax", "(216) 555-0199"),
        ("faxed to 216 555 0199", "fax", "216 555 0199"),
        ("call back 2165550143", "phone", "2165550143"),
        ("mail j.doe+er@hospital.org", "email", "j.doe+er@hospital.org"),
        ("see www.example.com/patient/77", "url", "www.example.com/patient/77"),
        ("http://10.0.0.5/pacs", "url", "http://10.0.0.5/pacs"),
        ("her page facebook.com/jane.doe.9", "url", "facebook.com/jane.doe.9"),
        ("IP 10.20.30.40 in the log", "ip", "10.20.30.40"),
        ("from 2001:db8::1", "ip", "2001:db8::1"),
        ("SSN 123-45-6789", "ssn", "123-45-6789"),
        ("SSN: 123456789", "ssn", "123456789"),
        ("social security number 123 45 6789", "ssn", "123 45 6789"),
        ("ss# 123-45-6789", "ssn", "123-45-6789"),
        ("MRN 00123456", "record", "00123456"),
        ("MRN#7788990", "record", "7788990"),
        ("medical record no. 12-345-678", "record", "12-345-678"),
        ("chart number 556677", "record", "556677"),
        ("Member ID: XYZ123456789", "plan", "XYZ123456789"),
        ("Medicaid # 12345678A", "plan", "12345678A"),
        ("policy number H12345678", "plan", "H12345678"),
        ("Medicare MBI 1EG4-TE5-MK73", "plan", "1EG4-TE5-MK73"),
        ("account number 4455-2231-9", "account", "4455-2231-9"),
        ("acct# 99887766", "account", "99887766"),
        ("NPI 1234567890", "licence", "1234567890"),
        ("DEA AB1234563", "licence", "AB1234563"),
        ("license # MD-123456", "licence", "MD-123456"),
        ("driver's licence D1234567", "licence", "D1234567"),
        ("death certificate no. 2026-001234", "licence", "2026-001234"),
        ("VIN 1HGCM82633A004352", "vehicle", "1HGCM82633A004352"),
        ("plate 7ABC123", "vehicle", "7ABC123"),
        ("license plate ABC 1234", "vehicle", "ABC 1234"),
        ("pacemaker serial # PJN123456S", "device", "PJN123456S"),
        ("S/N 4471-22-9", "device", "4471-22-9"),
        ("UDI (01)00884838003845(17)261231", "device", "(01)00884838003845(17)261231"),
        ("device ID DX-44512", "device", "DX-44512"),
        ("lives at 123 Main Street", "address", "123 Main Street"),
        ("home: 45 Oak Ave, Apt 3B", "address", "45 Oak Ave, Apt 3B"),
        ("1200 N. Lakeshore Dr.", "address", "1200 N. Lakeshore Dr."),
        ("P.O. Box 442", "address", "P.O. Box 442"),
        ("she lives on Maple Street", "address", "Maple Street"),
        ("Cleveland, OH 44106", "zip", "44106"),
        ("ZIP 60614", "zip", "60614"),
        ("zip code 10027-1234", "zip", "10027-1234"),
        ("lives in Parma Heights with her son", "place", "Parma Heights"),
        ("from Ashtabula originally", "place", "Ashtabula"),
        ("moved from Yakima, WA", "place", "Yakima, WA"),
        ("grew up in Cuyahoga County", "place", "Cuyahoga County"),
        ("a farmer from Dubuque", "place", "Dubuque"),
        ("transferred from St. Mary's", "facility", "St. Mary's"),
        ("brought in from Mercy General Hospital", "facility", "Mercy General Hospital"),
        ("she was seen at the Cleveland Clinic", "facility", "Cleveland Clinic"),
        ("he lives at Sunrise Nursing Home", "facility", "Sunrise Nursing Home"),
        (
            "discharged to Oak Grove Rehabilitation Center",
            "facility",
            "Oak Grove Rehabilitation Center",
        ),
    ],
)
def test_each_format_is_found(text, kind, span):
    found = [(f.kind, f.text) for f in scan(text)]
    assert (kind, span) in found or any(k == kind and span in t for k, t in found), found


# Look-alikes that must stay quiet.
@pytest.mark.parametrize(
    "text",
    [
        "A 45-year-old with chest pain; troponin 0.04 at 2 h, BP 120/80.",
        "K 5.9, Na 134, Cl 101, HCO3 18, BUN 40, Cr 2.1, glucose 342.",
        "PHQ-9 17, GCS 15, NIHSS 0, MMSE 24/30, Apgar 8/9.",
        "ICD-10 I21.4, E11.9; CPT 99214; LOINC 718-7.",
        "Parkinson's disease, Bell's palsy, Murphy's sign, Crohn disease, Hodgkin lymphoma.",
        "Alzheimer dementia; Cushing syndrome; Addison crisis; Graves disease; Wilson disease.",
        "Guillain-Barré syndrome; Glasgow Coma Scale 13; Whipple procedure.",
        "Babinski downgoing, Kernig and Brudzinski negative, McBurney point, Homans negative.",
        "Trendelenburg position, Valsalva, Foley catheter, Swan-Ganz, Wells score 4, CURB-65 2.",
        "Metoprolol 25 mg BID, lisinopril 10 mg daily, Eliquis 5 mg, Lasix 40 IV.",
        "Amoxicillin 500 mg TID x 7 days; q6h PRN; for 3 weeks.",
        "At 14:30 and again at 0600; 2 days ago; for 10 minutes.",
        "Per the 2023 AHA guideline and GOLD 2024.",
        "In 2026 I rotated in internal medicine.",
        "Will follow up. Hope she improves. Patient stable.",
        "Grace period for the prior auth; Faith-based hospice was discussed.",
        "The patient's daughter asked questions; the son was at work.",
        "Strength 5/5, reflexes 2+, 3/6 murmur, pain 8/10.",
        "Temp 98.6 F, HR 92, SpO2 95%, RR 20.",
        "She is 45 and works as a teacher.",
        "I did my observership from June 3 to June 28, 2025.",
        "Lactated Ringer's 1 L bolus; Morison's pouch free fluid.",
        "Sinus rhythm, QTc 460 ms, EF 40-45%.",
        "Took 2 tabs of Tylenol; Motrin 600 mg.",
        "Presented to the attending at 7 am; the resident agreed.",
        "Hemoglobin 9.1 g/dL; platelets 92; WBC 14.2.",
        "Weight 92 kg, height 170 cm.",
        "HR 95 bpm, MAP 65.",
        "Dose 100 mg/m2 on day 1 and day 8.",
        "Internal Medicine Clinic, the ICU and the Emergency Department.",
        "CHADS-VASc 3; HAS-BLED 1; TIMI 2.",
        "Ranson criteria, Child-Pugh B, MELD 18.",
        "Levine sign; Austin Flint murmur; Osler nodes; Janeway lesions.",
        "Down syndrome; Turner syndrome; Marfan habitus.",
        "Hodgkin's; non-Hodgkin; Burkitt lymphoma.",
        "E. coli UTI; S. aureus bacteremia; C. diff negative.",
        "The 90+ age band, 89 y/o max in our dataset.",
        "Step 1 pass; Step 2 CK 250; ERAS, NRMP, ECFMG.",
        "Room 412, bed B; 5 West; Unit 7.",
        "Version 2.3.1 of the EHR; page 12 of 40.",
        "Jones criteria for rheumatic fever; Duke criteria; Light's criteria.",
    ],
)
def test_look_alikes_stay_quiet(text):
    assert scan(text) == []
