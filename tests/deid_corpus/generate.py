"""Generates the labelled corpus of invented clinical notes the identifier checker is measured on.

    python tests/deid_corpus/generate.py        # rewrites tests/deid_corpus/corpus.jsonl

Every note is invented. Half carry identifiers (each labelled with its span and kind); half are
clean but full of look-alikes (doses, labs, vitals, scores, codes, eponyms, drugs, durations,
times, guideline years, ages under 90, the writer's own rotation dates). Styles vary: terse
notes, prose, lists, non-native English, typos. The name, place and facility lists here are
written by hand and independent of the checker's data files, and the templates are not the
checker's cues, so the measure is not of the checker against itself.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

OUT = Path(__file__).with_name("corpus.jsonl")


def _w(words: str) -> list[str]:
    return words.split()


NOTES = 600

FIRST = _w(
    "Maria Jose Ahmed Fatima Wei Mei Olga Dmitri Kwame Abena Chinedu Ngozi Priya Arjun Rohan "
    "Ananya Carlos Lucia Sofia Mateo Diego Valentina Hiroshi Yuki Minh Linh Omar Layla Yusuf "
    "Aisha Tomasz Agnieszka Ivan Elena John Mary Robert Patricia Michael Jennifer David Linda "
    "James Barbara William Susan Richard Karen Thomas Nancy Daniel Lisa Matthew Betty Anthony "
    "Margaret Mark Sandra Donald Ashley Steven Kimberly Paul Emily Andrew Donna Joshua Michelle "
    "Kenneth Dorothy Kevin Carol Brian Amanda George Melissa Edward Deborah Ronald Stephanie "
    "Timothy Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia Jacob Kathleen Gary Amy Nicholas "
    "Shirley Eric Angela Jonathan Helen Stephen Anna Larry Brenda Justin Pamela Scott Nicole "
    "Juan Guadalupe Rosa Jesus Francisco Alejandro Ricardo Fernanda Ramon Esperanza Thanh Duc "
    "Sunita Ravi Deepak Lakshmi Oluwaseun Chiamaka Tunde Efua Kofi Sipho Thandiwe Bongani "
    "Gloria Dolores Marisol Beatriz Rahul Sanjay Pooja Imran Zainab Hassan Leila Dariusz "
    "Katarzyna "
)
LAST = _w(
    "Okafor Mensah Nguyen Tran Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez "
    "Ramirez Torres Flores Rivera Gomez Diaz Patel Shah Singh Kumar Sharma Gupta Reddy Iyer Rao "
    "Kowalski Nowak Wisniewski Ivanov Petrov Smirnova Kim Park Choi Tanaka Suzuki Watanabe Chen "
    "Wang Li Zhang Liu Yang Huang Zhao Johnson Williams Brown Jones Miller Davis Wilson "
    "Anderson Taylor Thomas Moore Jackson Martin Lee Thompson White Harris Clark Lewis Robinson "
    "Walker Young Allen King Wright Scott Hill Green Adams Nelson Baker Hall Campbell Mitchell "
    "Carter Roberts Phillips Evans Turner Parker Collins Edwards Stewart Morris Murphy Cook "
    "Rogers Morgan Peterson Cooper Reed Bailey Bell Kelly Howard Ward Cox Richardson Wood "
    "Watson Brooks Bennett Gray James Hughes Price Sanders Myers Long Ross Foster Adeyemi Eze "
    "Abubakar Bello Mwangi Otieno Kamau Haddad Khoury Nasser Farah Yilmaz Kaya Demir Schmidt "
    "Fischer Weber Novak Horvat Kovacs Popescu Ionescu Rossi Russo Bianchi Esposito Silva "
    "Santos Oliveira "
)
# Real US towns, cities and counties (public facts), with their state.
PLACES = [
    ("Ashtabula", "OH"),
    ("Parma Heights", "OH"),
    ("Lakewood", "OH"),
    ("Elyria", "OH"),
    ("Dayton", "OH"),
    ("Toledo", "OH"),
    ("Akron", "OH"),
    ("Youngstown", "OH"),
    ("Yakima", "WA"),
    ("Spokane", "WA"),
    ("Tacoma", "WA"),
    ("Tulsa", "OK"),
    ("Lubbock", "TX"),
    ("El Paso", "TX"),
    ("Brownsville", "TX"),
    ("Laredo", "TX"),
    ("San Antonio", "TX"),
    ("Fresno", "CA"),
    ("Bakersfield", "CA"),
    ("Modesto", "CA"),
    ("Stockton", "CA"),
    ("Oxnard", "CA"),
    ("Scranton", "PA"),
    ("Allentown", "PA"),
    ("Erie", "PA"),
    ("Altoona", "PA"),
    ("Paterson", "NJ"),
    ("Newark", "NJ"),
    ("Camden", "NJ"),
    ("Yonkers", "NY"),
    ("Buffalo", "NY"),
    ("Rochester", "NY"),
    ("Syracuse", "NY"),
    ("Schenectady", "NY"),
    ("Hialeah", "FL"),
    ("Kissimmee", "FL"),
    ("Gainesville", "FL"),
    ("Tallahassee", "FL"),
    ("Macon", "GA"),
    ("Savannah", "GA"),
    ("Chattanooga", "TN"),
    ("Knoxville", "TN"),
    ("Flint", "MI"),
    ("Kalamazoo", "MI"),
    ("Grand Rapids", "MI"),
    ("Dearborn", "MI"),
    ("Peoria", "IL"),
    ("Joliet", "IL"),
    ("Naperville", "IL"),
    ("Cicero", "IL"),
    ("Gary", "IN"),
    ("Muncie", "IN"),
    ("Des Moines", "IA"),
    ("Cedar Rapids", "IA"),
    ("Wichita", "KS"),
    ("Topeka", "KS"),
    ("Omaha", "NE"),
    ("Fargo", "ND"),
    ("Billings", "MT"),
    ("Boise", "ID"),
    ("Provo", "UT"),
    ("Albuquerque", "NM"),
    ("Tucson", "AZ"),
    ("Mesa", "AZ"),
    ("Reno", "NV"),
    ("Hartford", "CT"),
    ("Worcester", "MA"),
    ("Lowell", "MA"),
    ("Providence", "RI"),
    ("Bangor", "ME"),
    ("Burlington", "VT"),
    ("Durham", "NC"),
    ("Fayetteville", "NC"),
    ("Greenville", "SC"),
    ("Biloxi", "MS"),
    ("Shreveport", "LA"),
    ("Baton Rouge", "LA"),
    ("Little Rock", "AR"),
    ("Birmingham", "AL"),
    ("Huntsville", "AL"),
]
COUNTIES = [
    ("Cuyahoga County", "OH"),
    ("Lorain County", "OH"),
    ("Cook County", "IL"),
    ("Maricopa County", "AZ"),
    ("Harris County", "TX"),
    ("Fulton County", "GA"),
    ("Wayne County", "MI"),
    ("Kings County", "NY"),
    ("Dade County", "FL"),
    ("King County", "WA"),
]
ZIPS = {"OH": "44106", "IL": "60614", "NY": "10027", "TX": "77030", "CA": "93721", "WA": "98902"}
FACILITIES = [
    "St. Mary's",
    "St. Vincent Charity",
    "Saint Luke's Hospital",
    "Mercy General Hospital",
    "Riverside Medical Center",
    "Sunrise Nursing Home",
    "Oak Grove Rehabilitation Center",
    "the Cleveland Clinic",
    "Lakeview Regional Hospital",
    "Good Samaritan Hospital",
    "Mount Carmel East",
    "Fairview Hospital",
    "Pinewood Assisted Living",
    "Hillcrest Hospital",
    "Valley Children's Hospital",
    "Northside Urgent Care",
    "Greenfield Memorial Hospital",
    "Holy Cross Hospital",
    "Brookside Manor",
    "Summit Behavioral Health",
]
STREETS = "Main Oak Maple Elm Cedar Pine Lake Washington Lincoln Jefferson Park Hill Church Euclid"
SUFFIXES = ["Street", "St", "Avenue", "Ave", "Road", "Rd", "Drive", "Dr", "Lane", "Blvd", "Court"]
MONTHS = "January February March April May June July August September October November December"
MON = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


class Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def pick(self, seq):  # noqa: ANN001, ANN201
        return self.r.choice(seq)

    # --- identifiers: each returns the identifier text ---------------------------------------
    def first(self) -> str:
        return self.pick(FIRST)

    def last(self) -> str:
        return self.pick(LAST)

    def date(self) -> str:
        r = self.r
        y, m, d = r.randint(1935, 2026), r.randint(1, 12), r.randint(1, 28)
        month, mon = MONTHS.split()[m - 1], MON.split()[m - 1]
        sfx = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(d, "th")
        return self.pick(
            [
                f"{m}/{d}/{y}",
                f"{m:02d}/{d:02d}/{y % 100:02d}",
                f"{d:02d}.{m:02d}.{y}",
                f"{y}-{m:02d}-{d:02d}",
                f"{month} {d}{sfx}",
                f"{mon} {d}, {y}",
                f"{d} {month} {y}",
                f"the {d}{sfx} of {month}",
                f"{self.pick(DAYS.split())} {d} {month}",
                f"{m}/{d}",
                f"{month} {d}, {y}",
                f"{mon}. {d}",
                f"{d}-{mon}-{y}",
                f"{m}-{d}-{y}",
                f"{month} {y}",
                f"{d}{sfx} {month}",
            ]
        )

    def age(self) -> str:
        n = self.r.randint(90, 104)
        w = f"ninety-{ONES[n - 91]}" if 91 <= n <= 99 else ("ninety" if n == 90 else None)
        forms = [
            f"{n} y/o",
            f"{n}yo",
            f"{n}-year-old",
            f"{n} year old",
            f"{n} yrs",
            f"{n}M",
            f"{n} F",
            f"{n} years old",
            f"{n} yo",
        ]
        if w:
            forms += [f"{w}-year-old", f"{w} years old"]
        return self.pick(forms)

    def phone(self) -> str:
        a, b, c = self.r.randint(201, 989), self.r.randint(200, 999), self.r.randint(0, 9999)
        return self.pick(
            [
                f"({a}) {b}-{c:04d}",
                f"{a}-{b}-{c:04d}",
                f"{a}.{b}.{c:04d}",
                f"+1 {a} {b} {c:04d}",
                f"1-{a}-{b}-{c:04d}",
                "+44 20 7946 0958",
                "+91 98765 43210",
                "+234 803 123 4567",
                "+52 55 1234 5678",
                f"{a}-{b}-{c:04d} ext. 214",
                f"({a}){b}-{c:04d}",
            ]
        )

    def email(self) -> str:
        f, last = self.first().lower(), self.last().lower()
        return self.pick(
            [
                f"{f}.{last}@gmail.com",
                f"{f[0]}{last}{self.r.randint(1, 99)}@yahoo.com",
                f"{last}_{f}@outlook.example.org",
                f"{f}{self.r.randint(1960, 2005)}@hotmail.com",
            ]
        )

    def ssn(self) -> str:
        a, b, c = self.r.randint(101, 665), self.r.randint(10, 99), self.r.randint(1000, 9999)
        return self.pick([f"{a}-{b}-{c}", f"{a}{b}{c}", f"{a} {b} {c}"])

    def digits(self, n: int) -> str:
        return "".join(str(self.r.randint(0, 9)) for _ in range(n))

    def letters(self, n: int) -> str:
        return "".join(self.r.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(n))

    def record(self) -> str:
        return self.pick(
            [
                self.digits(8),
                self.digits(7),
                f"{self.digits(2)}-{self.digits(3)}-{self.digits(3)}",
                f"H{self.digits(7)}",
                f"E{self.digits(9)}",
            ]
        )

    def plan(self) -> str:
        return self.pick(
            [
                f"{self.letters(3)}{self.digits(9)}",
                f"{self.digits(8)}{self.letters(1)}",
                f"W{self.digits(9)}",
                f"1EG4-TE5-MK{self.digits(2)}",
                f"H{self.digits(8)}-01",
            ]
        )

    def account(self) -> str:
        return self.pick(
            [
                f"{self.digits(4)}-{self.digits(4)}",
                self.digits(9),
                f"CLM-2026-{self.digits(5)}",
                f"A{self.digits(8)}",
            ]
        )

    def licence(self) -> str:
        return self.pick(
            [
                self.digits(10),
                f"{self.letters(2)}{self.digits(7)}",
                f"MD-{self.digits(6)}",
                f"D{self.digits(7)}",
                f"{self.digits(2)}-{self.digits(4)}",
                f"{self.letters(1)}{self.digits(8)}",
            ]
        )

    def vin(self) -> str:
        chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
        return "1" + "".join(self.r.choice(chars) for _ in range(15)) + str(self.r.randint(0, 9))

    def plate(self) -> str:
        return self.pick(
            [
                f"{self.letters(3)}-{self.digits(4)}",
                f"{self.digits(1)}{self.letters(3)}{self.digits(3)}",
                f"{self.letters(3)} {self.digits(4)}",
            ]
        )

    def device(self) -> str:
        return self.pick(
            [
                f"SN-{self.digits(5)}{self.letters(1)}",
                f"{self.digits(4)}-{self.digits(2)}-{self.digits(1)}",
                f"PJN{self.digits(6)}S",
                f"DX-{self.digits(5)}",
                f"{self.letters(3)}{self.digits(7)}",
            ]
        )

    def url(self) -> str:
        return self.pick(
            [
                "https://www.caringbridge.example.org/visit/jsmith",
                "www.facebook.example.com/maria.lopez.77",
                "http://192.0.2.10/portal",
                "mychart.example-health.org/patient/8812",
                "https://gofund.example.com/help-abena",
            ]
        )

    def ipv(self) -> str:
        r = self.r
        return self.pick(
            [
                f"10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}",
                f"192.168.{r.randint(0, 255)}.{r.randint(1, 254)}",
                "2001:db8:85a3::8a2e:370:7334",
                "fe80::1ff:fe23:4567:890a",
            ]
        )

    def street(self) -> str:
        n = self.r.randint(2, 9800)
        s = f"{n} {self.pick(STREETS.split())} {self.pick(SUFFIXES)}"
        return self.pick(
            [
                s,
                s + ", Apt 3B",
                f"{n} N. {self.pick(STREETS.split())} Ave",
                f"{n} W {self.r.randint(2, 99)}th St",
                f"P.O. Box {self.r.randint(10, 9999)}",
            ]
        )


def _fill(g: Gen, template: str) -> tuple[str, list[dict]]:
    """Template fields {kind:how} become identifiers; the span of each is recorded."""
    out, spans, pos = [], [], 0
    for part in re.split(r"(\{[a-z_0-9]+\})", template):
        m = re.fullmatch(r"\{([a-z_0-9]+)\}", part)
        if not m:
            out.append(part)
            pos += len(part)
            continue
        kind, text = _ident(g, m.group(1))
        spans.append({"start": pos, "end": pos + len(text), "kind": kind})
        out.append(text)
        pos += len(text)
    return "".join(out), spans


def _ident(g: Gen, field: str) -> tuple[str, str]:
    pl = g.pick(PLACES)
    table = {
        "name": ("name", lambda: g.pick([f"{g.first()} {g.last()}", g.last(), g.first()])),
        "full": ("name", lambda: f"{g.first()} {g.last()}"),
        "title": (
            "name",
            lambda: f"{g.pick(['Mr.', 'Mrs.', 'Ms.', 'Dr.', 'Mr', 'Mrs'])} {g.last()}",
        ),
        "firstname": ("name", g.first),
        "init": ("name", lambda: f"{g.first()[0]}. {g.last()}"),
        "lastfirst": ("name", lambda: f"{g.last()}, {g.first()}"),
        "date": ("date", g.date),
        "age": ("age", g.age),
        "phone": ("phone", g.phone),
        "fax": ("fax", g.phone),
        "email": ("email", g.email),
        "ssn": ("ssn", g.ssn),
        "record": ("record", g.record),
        "plan": ("plan", g.plan),
        "account": ("account", g.account),
        "licence": ("licence", g.licence),
        "vin": ("vehicle", g.vin),
        "plate": ("vehicle", g.plate),
        "device": ("device", g.device),
        "url": ("url", g.url),
        "ip": ("ip", g.ipv),
        "address": ("address", g.street),
        "city": ("place", lambda: pl[0]),
        "citystate": ("place", lambda: f"{pl[0]}, {pl[1]}"),
        "county": ("place", lambda: g.pick(COUNTIES)[0]),
        "zip": ("zip", lambda: g.pick(list(ZIPS.values()))),
        "zip9": ("zip", lambda: g.pick(list(ZIPS.values())) + f"-{g.digits(4)}"),
        "facility": ("facility", lambda: g.pick(FACILITIES).removeprefix("the ")),
    }
    kind, make = table[field]
    return kind, make()


DIRTY = [
    "{title} is a {age} woman admitted on {date} with CAP.",
    "Pt {full}, DOB {date}, MRN {record}. Presents w/ SOB x3d.",
    "HPI: {age} male brought in by his daughter {firstname} after a fall at home.",
    "Spoke to her son, {firstname}, at {phone}; he will bring the med list.",
    "Family contact: wife {full}, cell {phone}.",
    "Discharge summary faxed to the PCP at fax {fax} on {date}.",
    "PCP office: ph {phone}, Fax: {fax}.",
    "Patient emailed photos from {email} to the team inbox.",
    "SSN {ssn} was written on the intake form by mistake.",
    "Social security no. {ssn} on the outside paperwork.",
    "MRN: {record}. Bed 12. Seen with the attending at 0700.",
    "Medical record number {record}; encounter for chest pain.",
    "Insurance: Medicaid ID {plan}, group number {plan}.",
    "Member ID: {plan} (the card was in her purse).",
    "Billing account # {account} was flagged by the financial counselor.",
    "Referring physician NPI {licence}.",
    "His driver's license {licence} was used to confirm identity.",
    "DEA # {licence} is printed on the old prescription.",
    "The car in the ED bay, VIN {vin}, belongs to the patient.",
    "Police noted the license plate {plate} of the car that hit him.",
    "Pacemaker serial number {device}, interrogated today.",
    "Insulin pump S/N {device} alarmed overnight.",
    "Her blog {url} describes the whole admission.",
    "The telehealth visit dropped; her IP address {ip} was in the log.",
    "She lives at {address} with her husband.",
    "Home address: {address}, {citystate} {zip}.",
    "Lives alone in {city}; daughter lives in {citystate}.",
    "Moved from {city} last year to be near family.",
    "He grew up in {county} and worked at the steel mill.",
    "Transferred from {facility} for cath.",
    "Came in from {facility} with a stage 3 sacral ulcer.",
    "She was discharged to {facility} on {date}.",
    "Admitted {date} and discharged {date}.",
    "{init} (nurse) reported the fall.",
    "Nurse {firstname} hung the vancomycin at 1400.",
    "Attending Dr. {name} agreed with the plan.",
    "{full} is a {age} with CHF exacerbation.",
    "pt name: {lastfirst}. dob {date}. mrn {record}.",
    "Her neighbour {full} found her on the floor.",
    "Patient goes by {firstname} and prefers Spanish.",
    "The patient, {full}, asked about his results.",
    "Seen in clinic {date}. Next appt {date}.",
    "{age}, lives in a nursing home, DNR.",
    "Wife ({full}) at bedside, phone {phone}.",
    "Zip code {zip}, so she qualifies for the county program.",
    "Mailing: {address}, {zip9}.",
    "Contact the case manager {full} at {email}.",
    "Her friend {firstname} drove her from {city}.",
    "Patient is {age} and still drives.",
    "BIBA from {address} after a syncopal episode on {date}.",
]
NON_NATIVE = [
    "Patient is coming with fever since {date}, his wife {firstname} is telling it.",
    "Mr {name} is having the chest pain from {date}, he is {age}.",
    "She is living in {city} with her daughter {firstname}, phone is {phone}.",
    "Today I am seeing {title}, he came from {facility} for the dialysis.",
]
CLEAN = [
    "A 67-year-old man with HTN, DM2 and CKD 3 presents with 2 days of dyspnea.",
    "BP 132/84, HR 96, RR 18, T 38.4, SpO2 94% on 2 L.",
    "Labs: Na 134, K 5.9, Cr 1.8 (baseline 1.2), troponin 0.04 -> 0.09 at 3 h.",
    "Started ceftriaxone 1 g q24h and azithromycin 500 mg x 3 days.",
    "Lisinopril 20 mg daily, metformin 1000 mg BID, atorvastatin 40 mg qHS.",
    "PHQ-9 17, GAD-7 12; safety plan reviewed.",
    "GCS 15, NIHSS 4, strength 4/5 in the left arm, 2/6 systolic murmur.",
    "CURB-65 score 2; Wells score 6, so CT angiogram.",
    "ICD-10 I50.9 and N17.9 coded; CPT 99223; LOINC 4548-4 for the A1c.",
    "Per the 2023 AHA/ACC guideline we added a beta blocker.",
    "Follow up in 2 weeks; repeat BMP in 3-5 days.",
    "Pain 7/10 at 14:30, 3/10 after ketorolac at 15:15.",
    "Murphy's sign positive; RUQ US showed stones.",
    "Known Parkinson's disease on carbidopa-levodopa.",
    "Bell's palsy on the right; started prednisone.",
    "Apgar 8 and 9; Ballard consistent with 38 weeks.",
    "Crohn's flare on adalimumab; Hodgkin lymphoma in remission.",
    "Cushing syndrome ruled out; Addison disease unlikely.",
    "Graves disease treated with methimazole; Wilson disease excluded by ceruloplasmin.",
    "Guillain-Barre after a GI illness; IVIG started.",
    "Glasgow Coma Scale 14 on arrival; Babinski negative, Kernig and Brudzinski negative.",
    "Tender at McBurney's point; Rovsing sign positive.",
    "Homans sign is unreliable; we used the Wells criteria.",
    "Foley placed; Swan-Ganz catheter in the CCU.",
    "Valsalva maneuver broke the SVT; adenosine not needed.",
    "Whipple procedure in 2019 for pancreatic cancer.",
    "EF 35%, visual acuity 20/40, BMI 31.",
    "Will follow up with cardiology. Hope to wean oxygen tomorrow.",
    "I started my cardiology rotation on March 3, 2026, and the first week was hard.",
    "My observership ran from June 2 to June 27; I wrote notes every day.",
    "On my first day of the rotation I got lost twice.",
    "Presented the case to the attending; the resident taught me the Duke criteria.",
    "The patient's daughter asked good questions about hospice.",
    "An older woman in her eighties, 88 y/o, with a hip fracture.",
    "Patient is a 45 yo F with migraine, on sumatriptan prn.",
    "Heparin drip per protocol; PTT q6h.",
    "Insulin glargine 20 units qHS plus lispro sliding scale.",
    "USMLE Step 2 CK score 251; ERAS opens in June.",
    "Internal Medicine Clinic on Tuesday afternoons; teaching rounds at 7 am.",
    "Temp 99 F this morning, afebrile since.",
    "Given 2 L NS over 4 h; urine output 0.5 mL/kg/h.",
    "HbA1c 8.2%, LDL 132, TSH 2.1.",
    "CHA2DS2-VASc 4, HAS-BLED 2; apixaban 5 mg BID.",
    "BID x 5 days, then daily x 7 days.",
    "Ottawa ankle rules negative; no X-ray needed.",
    "Boston criteria for CAA; Rochester criteria for the febrile infant.",
    "Wernicke encephalopathy suspected; thiamine given before glucose.",
    "Pt stable. Plan: continue diuresis, daily weights, strict I/O.",
    "Lactated Ringer's at 150 mL/h; free water deficit 3 L.",
    "The FAST exam was positive in Morison's pouch.",
    "He is 72 and still works on his farm.",
    "Reviewed with Pharmacy; vancomycin trough 15.",
    "Rounded at 0800, sign-out at 1700, night float at 1900.",
    "I presented on rounds and got feedback on my assessment and plan.",
    "Troponin peaked at 2.3; cath showed 90% LAD stenosis.",
    "Hep B surface antigen negative; HIV 1/2 screen negative.",
    "Seizure free for 6 months on levetiracetam 500 mg BID.",
    "Code status discussed: full code; HCP is the husband.",
    "The Emergency Department was full; boarded in PACU overnight.",
    "Diagnosed with COPD GOLD group E; spirometry FEV1/FVC 0.62.",
]
CLEAN_NON_NATIVE = [
    "Patient is coming with pain since 3 days, he is taking ibuprofen 400 mg two times.",
    "She is having fever from yesterday, 38.9, and the cough is with sputum.",
    "Today attending is telling me to present more short, I will practice.",
]


def _typos(g: Gen, text: str, spans: list[dict]) -> str:
    """Swaps two letters in a few words outside the identifiers (the spans keep their place)."""
    chars = list(text)
    protected = [(s["start"], s["end"]) for s in spans]
    for m in re.finditer(r"\b[a-z]{5,}\b", text):
        if g.r.random() < 0.12 and not any(a < m.end() and m.start() < b for a, b in protected):
            i = m.start() + g.r.randint(1, len(m.group(0)) - 3)
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def generate(n: int = NOTES, seed: int = 13) -> list[dict]:
    g = Gen(seed)
    notes = []
    for i in range(n):
        clean = i % 2 == 1
        style = g.pick(["terse", "prose", "list", "non-native", "typos"])
        k = g.r.randint(2, 5)
        if clean:
            pool = CLEAN + (CLEAN_NON_NATIVE * 3 if style == "non-native" else [])
            parts = [(g.pick(pool), []) for _ in range(k)]
        else:
            pool = DIRTY + (NON_NATIVE * 4 if style == "non-native" else [])
            parts = [_fill(g, g.pick(pool))] + [
                _fill(g, g.pick(pool)) if g.r.random() < 0.5 else (g.pick(CLEAN), [])
                for _ in range(k - 1)
            ]
        sep = "\n- " if style == "list" else ("\n" if style == "terse" else " ")
        text = "- " if style == "list" else ""
        spans: list[dict] = []
        for j, (part, sp) in enumerate(parts):
            if j:
                text += sep
            if style == "terse":
                part = part.rstrip(".")
            spans += [
                {**s, "start": s["start"] + len(text), "end": s["end"] + len(text)} for s in sp
            ]
            text += part
        if style == "typos":
            text = _typos(g, text, spans)
        notes.append({"id": i + 1, "style": style, "clean": clean, "text": text, "spans": spans})
    return notes


def load() -> list[dict]:
    """The corpus as stored next to this script."""
    return [json.loads(line) for line in OUT.read_text(encoding="utf-8").splitlines()]


def measure(notes: list[dict], scan) -> tuple[dict[str, float], float]:  # noqa: ANN001
    """Recall per kind (a labelled span counts as found when a finding of the same kind overlaps
    it) and the share of clean notes with any finding."""
    total: dict[str, int] = {}
    found: dict[str, int] = {}
    clean = flagged = 0
    for note in notes:
        findings = scan(note["text"])
        if note["clean"]:
            clean += 1
            flagged += bool(findings)
            continue
        for span in note["spans"]:
            k = span["kind"]
            total[k] = total.get(k, 0) + 1
            found[k] = found.get(k, 0) + any(
                f.kind == k and f.start < span["end"] and span["start"] < f.end for f in findings
            )
    return {k: found[k] / total[k] for k in sorted(total)}, flagged / max(clean, 1)


def main() -> None:
    notes = generate()
    with OUT.open("w", encoding="utf-8") as f:
        for note in notes:
            f.write(json.dumps(note, ensure_ascii=False) + "\n")
    print(f"{OUT}: {len(notes)} notes, {sum(len(x['spans']) for x in notes)} labelled spans")


if __name__ == "__main__":
    main()
