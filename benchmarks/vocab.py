"""Invented vocabulary for the synthetic journal: clinical scenarios, people, phrases.

Everything here is made up. There are no patients: cases are described by age band and sex
only, the way the app asks users to write them, and the staff names are random pairings of
common first and last names. The medical content is textbook-level and deliberately ordinary,
so that word frequencies ("troponin", "sepsis", "handoff") look like a real IMG's journal.

Changing any list here changes the generated journal: bump ``GENERATOR_VERSION`` in
``benchmarks/synthetic.py`` when you do, so cached benchmark journals are rebuilt.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scenario:
    """One kind of clinical encounter, with the phrases a student would write about it."""

    key: str
    specialties: tuple[str, ...]
    complaint: tuple[str, ...]  # chief complaints as the case field holds them
    diagnoses: tuple[str, ...]
    procedures: tuple[str, ...]
    findings: tuple[str, ...]  # sentences
    management: tuple[str, ...]  # sentences
    pearls: tuple[str, ...]  # teaching points (sentences)
    settings: tuple[str, ...]
    ages: tuple[str, ...]
    sexes: tuple[str, ...] = ("female", "male")
    tags: tuple[str, ...] = ()


S = Scenario

SCENARIOS: tuple[Scenario, ...] = (
    S(
        "nstemi",
        ("internal medicine", "cardiology", "emergency medicine"),
        ("chest pain", "substernal chest pressure", "chest tightness on exertion"),
        ("NSTEMI", "Unstable angina", "Type 2 myocardial infarction", "Hyperlipidemia"),
        ("12-lead ECG", "Serial troponins", "Cardiac catheterization", "Transthoracic echo"),
        (
            "High-sensitivity troponin rose from 14 to 212 ng/L over three hours.",
            "The ECG showed new ST depressions in V4 to V6.",
            "The first troponin was negative but the repeat troponin was clearly rising.",
            "Echo showed hypokinesis of the inferior wall with an EF of 45%.",
            "The HEART score was 7, so the risk was high.",
        ),
        (
            "We started aspirin, a heparin drip and high-intensity atorvastatin.",
            "Cardiology took the patient to the cath lab the next morning; a stent was placed "
            "in the RCA.",
            "We added a beta blocker once the blood pressure allowed it.",
            "The team discussed dual antiplatelet therapy and the bleeding risk with the patient.",
        ),
        (
            "A normal first troponin does not rule out ACS; the delta matters.",
            "Always compare the ECG with an old one before calling changes new.",
            "Type 2 MI is about supply and demand; treat the cause, not just the troponin.",
        ),
        ("ed", "inpatient", "icu"),
        ("40-64", "65-89"),
        tags=("cardiology", "acs"),
    ),
    S(
        "chf",
        ("internal medicine", "cardiology"),
        ("shortness of breath", "leg swelling", "orthopnea"),
        ("Acute decompensated heart failure", "HFrEF", "HFpEF", "Atrial fibrillation"),
        ("Transthoracic echo", "Chest X-ray", "Bedside ultrasound"),
        (
            "BNP was above 1,800 pg/mL and the chest X-ray showed cephalization.",
            "On exam there were bibasilar crackles, a raised JVP and pitting edema to the knees.",
            "Troponin was mildly elevated but flat, consistent with demand.",
            "The patient had stopped furosemide because of the cost of refills.",
            "Bedside ultrasound showed B-lines in both lungs and a plethoric IVC.",
        ),
        (
            "We diuresed with IV furosemide and tracked strict ins and outs and daily weights.",
            "We restarted guideline-directed therapy before discharge.",
            "The pharmacist helped find an affordable option for the diuretic.",
            "Potassium and creatinine were checked twice a day while diuresing.",
        ),
        (
            "Medication access is a clinical problem, not a social footnote.",
            "Daily weights tell you more than the net fluid balance on paper.",
        ),
        ("inpatient", "ed", "clinic"),
        ("40-64", "65-89", "90+"),
        tags=("cardiology",),
    ),
    S(
        "afib",
        ("internal medicine", "cardiology", "emergency medicine"),
        ("palpitations", "racing heart", "dizziness"),
        ("Atrial fibrillation with rapid ventricular response", "Hyperthyroidism"),
        ("12-lead ECG", "Telemetry", "Cardioversion"),
        (
            "The ECG showed an irregularly irregular rhythm at 146 beats per minute.",
            "TSH was suppressed, which changed the whole differential.",
            "Troponin was negative twice.",
            "The CHA2DS2-VASc score was 4.",
        ),
        (
            "We gave IV diltiazem for rate control, then switched to oral metoprolol.",
            "We started apixaban after a shared decision about stroke and bleeding risk.",
            "The patient converted to sinus rhythm overnight.",
        ),
        (
            "Rate control first, then think about anticoagulation, then rhythm.",
            "Look for the trigger: infection, thyroid, alcohol, sleep apnea.",
        ),
        ("ed", "inpatient", "clinic"),
        ("40-64", "65-89"),
        tags=("cardiology",),
    ),
    S(
        "pe",
        ("internal medicine", "emergency medicine", "pulmonology"),
        ("pleuritic chest pain", "sudden shortness of breath", "calf pain and dyspnea"),
        ("Pulmonary embolism", "Deep vein thrombosis", "Submassive PE"),
        ("CT pulmonary angiogram", "Lower extremity Doppler", "Bedside echo"),
        (
            "The Wells score was 6 and the D-dimer was markedly elevated.",
            "CT pulmonary angiogram showed bilateral segmental emboli.",
            "Troponin was mildly elevated and the echo showed right ventricular strain.",
            "The patient was tachycardic at 118 with an oxygen saturation of 89% on room air.",
        ),
        (
            "We started a heparin drip and consulted the PE response team.",
            "After 48 hours we transitioned to apixaban.",
            "We discussed the provoking factor, a long flight, with the patient.",
        ),
        (
            "Tachycardia with a clear lung exam and hypoxia: think PE.",
            "Troponin and RV strain move a PE from low risk to submassive.",
        ),
        ("ed", "inpatient", "icu"),
        ("18-39", "40-64", "65-89"),
        tags=("pulmonology",),
    ),
    S(
        "septic_shock",
        ("internal medicine", "critical care", "emergency medicine"),
        ("fever and confusion", "fever and low blood pressure", "weakness and fever"),
        ("Septic shock", "Sepsis due to pneumonia", "Acute kidney injury", "Lactic acidosis"),
        ("Central line placement", "Arterial line", "Blood cultures"),
        (
            "Lactate was 4.1 mmol/L and the blood pressure was 78/40 despite fluids.",
            "The sepsis alert fired in triage: temperature 39.4, heart rate 124, "
            "respiratory rate 28.",
            "Procalcitonin was high and the chest X-ray showed a right lower lobe consolidation.",
            "Urine output had fallen to less than 20 mL an hour.",
        ),
        (
            "We gave a 30 mL/kg crystalloid bolus and drew blood cultures before antibiotics.",
            "Broad-spectrum antibiotics went in within the first hour: vancomycin and "
            "piperacillin-tazobactam.",
            "Norepinephrine was started through a central line to keep the MAP above 65.",
            "We repeated the lactate at six hours and it was trending down.",
            "We completed the sepsis bundle and documented the time of each step.",
        ),
        (
            "In sepsis the clock starts at triage, not when the team first sees the patient.",
            "Reassess after every fluid bolus; more is not always better.",
            "Cultures before antibiotics, but never delay antibiotics for cultures.",
        ),
        ("ed", "icu", "inpatient"),
        ("40-64", "65-89", "90+"),
        tags=("sepsis", "critical-care"),
    ),
    S(
        "urosepsis",
        ("internal medicine", "geriatrics", "emergency medicine"),
        ("confusion", "dysuria and fever", "flank pain and fever"),
        ("Urosepsis", "Acute pyelonephritis", "Delirium", "Sepsis"),
        ("Urinalysis", "Blood cultures", "Renal ultrasound", "Foley catheter"),
        (
            "Urinalysis showed pyuria and nitrites, and the lactate was 2.8.",
            "The patient met sepsis criteria with fever, tachycardia and a white count of 17.",
            "Renal ultrasound showed mild hydronephrosis.",
        ),
        (
            "We started ceftriaxone after blood and urine cultures.",
            "Cultures grew E. coli sensitive to ceftriaxone, so we narrowed coverage.",
            "We avoided benzodiazepines and worked on delirium prevention with the nurses.",
        ),
        (
            "New confusion in an older adult deserves a sepsis workup.",
            "Narrow antibiotics as soon as the cultures allow.",
        ),
        ("ed", "inpatient"),
        ("65-89", "90+", "40-64"),
        tags=("sepsis", "geriatrics"),
    ),
    S(
        "pneumonia",
        ("internal medicine", "pulmonology", "family medicine"),
        ("cough and fever", "productive cough", "shortness of breath and fever"),
        ("Community-acquired pneumonia", "Aspiration pneumonia", "Sepsis due to pneumonia"),
        ("Chest X-ray", "Sputum culture", "Arterial blood gas"),
        (
            "CURB-65 was 2, so we admitted to the floor.",
            "The chest X-ray showed a left lower lobe infiltrate.",
            "Oxygen saturation was 91% on room air with crackles at the left base.",
        ),
        (
            "We started ceftriaxone and azithromycin.",
            "We switched to oral antibiotics once the patient was afebrile for 24 hours.",
            "Speech therapy did a swallow evaluation because of the aspiration risk.",
        ),
        (
            "Severity scores support judgment; they do not replace it.",
            "Ask about swallowing in every older patient with pneumonia.",
        ),
        ("inpatient", "ed", "outpatient"),
        ("18-39", "40-64", "65-89"),
        tags=("pulmonology", "infectious-disease"),
    ),
    S(
        "cellulitis",
        ("internal medicine", "emergency medicine", "family medicine"),
        ("leg redness and swelling", "painful red skin", "abscess"),
        ("Cellulitis", "Skin abscess", "Venous stasis dermatitis"),
        ("Incision and drainage", "Wound culture", "Marking the borders"),
        (
            "The redness was warm, tender and spreading past the line drawn in triage.",
            "There was a fluctuant area that bedside ultrasound confirmed as an abscess.",
            "Both legs were red, which pointed away from cellulitis toward stasis dermatitis.",
        ),
        (
            "We drained the abscess and started oral antibiotics.",
            "We elevated the leg and marked the borders to follow the response.",
        ),
        (
            "Bilateral red legs are rarely bilateral cellulitis.",
            "Drain the pus; antibiotics alone will not do it.",
        ),
        ("ed", "clinic", "inpatient"),
        ("18-39", "40-64", "65-89"),
        tags=("infectious-disease",),
    ),
    S(
        "dka",
        ("internal medicine", "endocrinology", "emergency medicine", "pediatrics"),
        ("vomiting and abdominal pain", "polyuria and weight loss", "confusion and vomiting"),
        ("Diabetic ketoacidosis", "Type 1 diabetes mellitus", "New-onset diabetes"),
        ("Arterial blood gas", "Insulin drip titration", "Peripheral IV placement"),
        (
            "The anion gap was 26 with a bicarbonate of 8 and glucose of 540 mg/dL.",
            "Potassium was 5.8 on arrival despite a total-body deficit.",
            "Beta-hydroxybutyrate was strongly positive.",
        ),
        (
            "We started fluids, then an insulin drip once potassium was above 3.3.",
            "We followed the DKA protocol with hourly glucose and electrolytes every two hours.",
            "The gap closed after 14 hours and we overlapped subcutaneous insulin for two hours "
            "before stopping the drip.",
        ),
        (
            "Check potassium before starting insulin.",
            "Overlap basal insulin before stopping the drip, or the ketosis comes back.",
        ),
        ("ed", "icu", "inpatient"),
        ("child", "adolescent", "18-39"),
        tags=("endocrinology",),
    ),
    S(
        "aki_hyperk",
        ("internal medicine", "nephrology"),
        ("weakness", "decreased urine output", "abnormal labs"),
        ("Acute kidney injury", "Hyperkalemia", "Chronic kidney disease stage 3"),
        ("Renal ultrasound", "Foley catheter", "12-lead ECG"),
        (
            "Creatinine had doubled from baseline and the potassium was 6.7.",
            "The ECG showed peaked T waves.",
            "The FENa was below 1%, which suggested a prerenal cause.",
        ),
        (
            "We gave calcium gluconate, insulin with dextrose and albuterol.",
            "We held the ACE inhibitor, the NSAIDs and the metformin.",
            "Nephrology was consulted but dialysis was not needed.",
        ),
        (
            "Calcium protects the heart; it does not lower potassium.",
            "Review the medication list in every AKI.",
        ),
        ("inpatient", "ed"),
        ("40-64", "65-89"),
        tags=("nephrology",),
    ),
    S(
        "hyponatremia",
        ("internal medicine", "nephrology", "geriatrics"),
        ("falls", "confusion", "nausea"),
        ("Hyponatremia", "SIADH", "Thiazide-induced hyponatremia"),
        ("Serum and urine osmolality",),
        (
            "Sodium was 118 mmol/L with a urine osmolality of 420.",
            "The patient had started hydrochlorothiazide three weeks earlier.",
        ),
        (
            "We stopped the thiazide and restricted free water.",
            "We corrected no faster than 8 mmol/L in 24 hours to avoid osmotic demyelination.",
        ),
        ("Correct sodium slowly; write the limit in the orders.",),
        ("inpatient", "ed"),
        ("65-89", "90+"),
        tags=("nephrology",),
    ),
    S(
        "gi_bleed",
        ("internal medicine", "gastroenterology", "critical care"),
        ("black stools", "vomiting blood", "dizziness and melena"),
        ("Upper GI bleed", "Peptic ulcer disease", "Esophageal varices", "Acute blood loss anemia"),
        ("EGD", "Blood transfusion", "Two large-bore IVs"),
        (
            "Hemoglobin dropped from 11.2 to 6.8 g/dL.",
            "The BUN was disproportionately high, pointing to an upper source.",
            "The Glasgow-Blatchford score was 12.",
        ),
        (
            "We placed two large-bore IVs, transfused two units and started a pantoprazole drip.",
            "GI did an EGD within 24 hours and clipped a bleeding duodenal ulcer.",
            "We held the aspirin and tested for H. pylori.",
        ),
        (
            "Two large-bore IVs before anything else.",
            "A restrictive transfusion threshold of 7 is safe for most patients.",
        ),
        ("ed", "icu", "inpatient"),
        ("40-64", "65-89"),
        tags=("gastroenterology",),
    ),
    S(
        "alcohol_withdrawal",
        ("internal medicine", "psychiatry"),
        ("tremor and anxiety", "seizure", "hallucinations"),
        ("Alcohol withdrawal", "Delirium tremens", "Alcohol use disorder"),
        ("CIWA assessment",),
        (
            "The CIWA score was 22 on the evening of the second day.",
            "The last drink was about 48 hours before admission.",
        ),
        (
            "We used symptom-triggered lorazepam on the CIWA protocol.",
            "We gave thiamine before glucose and started folate.",
            "Before discharge we talked about naltrexone and outpatient support.",
        ),
        (
            "Give thiamine before glucose.",
            "Ask about alcohol with the same tone as any other history question.",
        ),
        ("inpatient", "icu", "ed"),
        ("18-39", "40-64"),
        tags=("addiction",),
    ),
    S(
        "copd",
        ("internal medicine", "pulmonology", "family medicine"),
        ("worsening shortness of breath", "wheezing", "increased sputum"),
        ("COPD exacerbation", "Hypercapnic respiratory failure"),
        ("Arterial blood gas", "BiPAP", "Chest X-ray"),
        (
            "The blood gas showed a pH of 7.29 with a pCO2 of 68.",
            "Peak flow was half of the patient's baseline.",
        ),
        (
            "We gave nebulized albuterol and ipratropium, prednisone and doxycycline.",
            "The patient needed BiPAP for six hours and avoided intubation.",
            "We reviewed inhaler technique before discharge; it was the real problem.",
        ),
        (
            "Watch the inhaler technique; most of the time it is wrong.",
            "Target saturations of 88 to 92% in CO2 retainers.",
        ),
        ("inpatient", "ed", "clinic"),
        ("40-64", "65-89"),
        tags=("pulmonology",),
    ),
    S(
        "asthma",
        ("pediatrics", "emergency medicine", "family medicine"),
        ("wheezing", "cough at night", "difficulty breathing"),
        ("Asthma exacerbation", "Status asthmaticus", "Viral-induced wheeze"),
        ("Nebulizer treatment", "Peak flow measurement"),
        (
            "There were retractions and a prolonged expiratory phase.",
            "Oxygen saturation was 92% and improved to 97% after the first nebulizer.",
        ),
        (
            "We gave three back-to-back albuterol nebulizers, ipratropium and oral dexamethasone.",
            "We wrote an asthma action plan with the family and checked the spacer technique.",
        ),
        ("A quiet chest in asthma is a warning, not a relief.",),
        ("ed", "outpatient", "inpatient"),
        ("child", "adolescent", "18-39"),
        tags=("pediatrics", "pulmonology"),
    ),
    S(
        "stroke",
        ("neurology", "emergency medicine", "internal medicine"),
        ("sudden weakness", "slurred speech", "facial droop"),
        ("Acute ischemic stroke", "Transient ischemic attack", "Large vessel occlusion"),
        ("CT head", "CT angiogram", "MRI brain", "NIHSS assessment"),
        (
            "The last known well was 90 minutes before arrival.",
            "The NIHSS was 9 with left arm weakness and neglect.",
            "CT head showed no bleed, and CT angiogram showed an M1 occlusion.",
        ),
        (
            "The stroke team gave thrombolysis within 45 minutes of arrival.",
            "The patient went for thrombectomy and the weakness improved the same day.",
            "We checked the swallow before any oral medications.",
        ),
        (
            "Time is brain: the door-to-needle clock runs for everyone in the room.",
            "Get the last known well from a witness, not from the chart.",
        ),
        ("ed", "inpatient", "icu"),
        ("40-64", "65-89"),
        tags=("neurology",),
    ),
    S(
        "seizure",
        ("neurology", "emergency medicine", "pediatrics"),
        ("seizure", "unresponsive episode", "shaking episode"),
        ("First unprovoked seizure", "Febrile seizure", "Status epilepticus", "Epilepsy"),
        ("EEG", "MRI brain", "Lumbar puncture"),
        (
            "The episode lasted three minutes with post-ictal confusion for twenty.",
            "Glucose and sodium were normal.",
        ),
        (
            "We gave lorazepam and then a loading dose of levetiracetam.",
            "We counseled the patient about driving restrictions.",
        ),
        ("Check the glucose in every seizure.",),
        ("ed", "inpatient", "clinic"),
        ("child", "adolescent", "18-39"),
        tags=("neurology",),
    ),
    S(
        "appendicitis",
        ("general surgery", "pediatrics", "emergency medicine"),
        ("right lower quadrant pain", "abdominal pain and vomiting", "periumbilical pain"),
        ("Acute appendicitis", "Perforated appendicitis"),
        ("Laparoscopic appendectomy", "CT abdomen and pelvis", "Abdominal ultrasound"),
        (
            "The pain had migrated from the umbilicus to McBurney's point.",
            "The Alvarado score was 8 and the white count was 15.",
            "Ultrasound showed a non-compressible appendix of 9 mm.",
        ),
        (
            "The patient went for a laparoscopic appendectomy that evening.",
            "I held the camera during the laparoscopic appendectomy.",
            "Post-op the patient was walking on day one and went home on day two.",
        ),
        ("Examine the abdomen again after analgesia; it does not mask peritonitis.",),
        ("ed", "inpatient"),
        ("child", "adolescent", "18-39"),
        tags=("surgery",),
    ),
    S(
        "cholecystitis",
        ("general surgery", "internal medicine"),
        ("right upper quadrant pain", "abdominal pain after meals", "fever and abdominal pain"),
        ("Acute cholecystitis", "Choledocholithiasis", "Biliary colic"),
        ("Laparoscopic cholecystectomy", "RUQ ultrasound", "ERCP"),
        (
            "Murphy's sign was positive and ultrasound showed gallbladder wall thickening.",
            "Bilirubin and alkaline phosphatase were elevated, raising concern for a CBD stone.",
        ),
        (
            "We started IV antibiotics and the patient had a laparoscopic cholecystectomy.",
            "GI did an ERCP first to clear the common bile duct.",
        ),
        ("Fever, jaundice and RUQ pain: think cholangitis and move fast.",),
        ("ed", "inpatient"),
        ("18-39", "40-64", "65-89"),
        tags=("surgery",),
    ),
    S(
        "pancreatitis",
        ("internal medicine", "gastroenterology", "general surgery"),
        ("epigastric pain radiating to the back", "abdominal pain and vomiting"),
        ("Acute pancreatitis", "Gallstone pancreatitis", "Alcoholic pancreatitis"),
        ("CT abdomen", "RUQ ultrasound"),
        (
            "Lipase was more than ten times the upper limit of normal.",
            "Triglycerides were over 1,500 mg/dL.",
        ),
        (
            "We started aggressive fluids with lactated Ringer's and early feeding.",
            "Pain control with hydromorphone, then an early oral diet as tolerated.",
        ),
        ("Feed early; bowel rest is not the rule it used to be.",),
        ("inpatient", "ed", "icu"),
        ("18-39", "40-64"),
        tags=("gastroenterology",),
    ),
    S(
        "sbo",
        ("general surgery",),
        ("abdominal distension and vomiting", "no bowel movement for three days"),
        ("Small bowel obstruction", "Adhesive small bowel obstruction"),
        ("NG tube placement", "CT abdomen", "Exploratory laparotomy"),
        (
            "CT showed dilated loops with a transition point in the right lower quadrant.",
            "The patient had two previous abdominal surgeries.",
        ),
        (
            "We placed an NG tube for decompression and kept the patient NPO.",
            "When the Gastrografin challenge failed, the patient went for exploratory laparotomy.",
        ),
        ("Prior surgery plus vomiting: think adhesions.",),
        ("inpatient", "ed"),
        ("40-64", "65-89"),
        tags=("surgery",),
    ),
    S(
        "trauma",
        ("general surgery", "emergency medicine"),
        ("motor vehicle collision", "fall from height", "stab wound"),
        ("Blunt abdominal trauma", "Splenic laceration", "Rib fractures", "Pneumothorax"),
        ("FAST exam", "Chest tube placement", "Laceration repair", "Trauma CT"),
        (
            "The FAST exam was positive in Morison's pouch.",
            "The primary survey found decreased breath sounds on the left.",
        ),
        (
            "The team followed ATLS: airway, breathing, circulation, then the secondary survey.",
            "A chest tube was placed and drained 300 mL of blood.",
            "I repaired the scalp laceration with staples under supervision.",
        ),
        ("Do the primary survey out loud so the whole team hears it.",),
        ("ed", "icu"),
        ("18-39", "40-64", "adolescent"),
        tags=("trauma", "surgery"),
    ),
    S(
        "neonatal_fever",
        ("pediatrics",),
        ("fever", "poor feeding", "fussiness"),
        ("Neonatal fever", "Urinary tract infection", "Late-onset sepsis ruled out"),
        ("Lumbar puncture", "Blood cultures", "Catheterized urine sample"),
        (
            "The infant had a temperature of 38.4 at home and looked well in the ED.",
            "Inflammatory markers were elevated and the urinalysis was positive.",
        ),
        (
            "We did a full sepsis workup including a lumbar puncture.",
            "Ampicillin and ceftriaxone were started until the cultures were negative at 36 hours.",
        ),
        (
            "A well-appearing febrile newborn still gets the full workup.",
            "Talk the parents through the lumbar puncture before, not after.",
        ),
        ("ed", "inpatient"),
        ("newborn", "infant"),
        tags=("pediatrics", "sepsis"),
    ),
    S(
        "bronchiolitis",
        ("pediatrics",),
        ("cough and runny nose", "difficulty breathing", "poor feeding"),
        ("Bronchiolitis", "RSV bronchiolitis"),
        ("Nasal suctioning", "High-flow nasal cannula"),
        (
            "The infant had subcostal retractions and fine crackles bilaterally.",
            "RSV testing was positive.",
        ),
        (
            "Supportive care: suctioning, small frequent feeds and high-flow oxygen.",
            "We avoided albuterol and steroids, as the guideline recommends.",
        ),
        ("Bronchiolitis is supportive care; resist the urge to treat the numbers.",),
        ("inpatient", "ed"),
        ("infant",),
        tags=("pediatrics",),
    ),
    S(
        "gastroenteritis",
        ("pediatrics", "family medicine", "emergency medicine"),
        ("vomiting and diarrhea", "dehydration", "decreased urination"),
        ("Acute gastroenteritis", "Moderate dehydration"),
        ("Oral rehydration", "Peripheral IV placement"),
        (
            "Capillary refill was three seconds and the mucous membranes were dry.",
            "The child had not urinated in ten hours.",
        ),
        (
            "We gave ondansetron and did an oral rehydration trial in small sips.",
            "The child tolerated fluids and went home with clear return precautions.",
        ),
        ("Teach the parents the signs of dehydration before they leave.",),
        ("ed", "outpatient", "clinic"),
        ("infant", "child"),
        tags=("pediatrics",),
    ),
    S(
        "well_child",
        ("pediatrics", "family medicine"),
        ("well-child visit", "school physical", "vaccination visit"),
        ("Well-child examination", "Iron deficiency anemia", "Childhood obesity"),
        ("Vaccination", "Developmental screening", "Hearing and vision screening"),
        (
            "Growth was tracking along the 50th percentile and milestones were on time.",
            "BMI had crossed two percentile lines since the last visit.",
        ),
        (
            "We reviewed the vaccination schedule and answered the parents' questions.",
            "We used motivational interviewing to talk about screen time and sugary drinks.",
        ),
        ("Vaccine hesitancy is answered with listening first.",),
        ("clinic", "outpatient"),
        ("infant", "child", "adolescent"),
        tags=("pediatrics", "preventive-care"),
    ),
    S(
        "preeclampsia",
        ("obstetrics and gynecology",),
        ("headache in pregnancy", "high blood pressure in pregnancy", "swelling and headache"),
        ("Preeclampsia with severe features", "Gestational hypertension", "HELLP syndrome"),
        ("Magnesium sulfate infusion", "Non-stress test", "Induction of labor"),
        (
            "Blood pressure was 168/112 at 35 weeks with proteinuria.",
            "Platelets had fallen and the liver enzymes were rising.",
        ),
        (
            "We started magnesium sulfate for seizure prophylaxis and IV labetalol.",
            "The team decided on induction of labor that night.",
        ),
        ("A headache in the third trimester is preeclampsia until proven otherwise.",),
        ("inpatient", "ed"),
        ("18-39",),
        sexes=("female",),
        tags=("obgyn",),
    ),
    S(
        "labor",
        ("obstetrics and gynecology", "family medicine"),
        ("contractions", "rupture of membranes", "labor at term"),
        ("Spontaneous vaginal delivery", "Postpartum hemorrhage", "Second-degree laceration"),
        ("Vaginal delivery", "Perineal laceration repair", "Fetal heart rate monitoring"),
        (
            "The fetal heart tracing was category I throughout.",
            "Estimated blood loss was 1,100 mL after delivery of the placenta.",
        ),
        (
            "I assisted with the delivery and the second-degree laceration repair.",
            "For the postpartum hemorrhage we gave oxytocin, fundal massage and tranexamic acid.",
        ),
        ("Call for help early in postpartum hemorrhage; it is a team sport.",),
        ("inpatient",),
        ("18-39",),
        sexes=("female",),
        tags=("obgyn",),
    ),
    S(
        "ectopic",
        ("obstetrics and gynecology", "emergency medicine"),
        ("pelvic pain and spotting", "missed period and abdominal pain"),
        ("Ectopic pregnancy", "Ruptured ectopic pregnancy"),
        ("Transvaginal ultrasound", "Laparoscopic salpingectomy"),
        ("The beta-hCG was 2,400 with no intrauterine pregnancy on ultrasound.",),
        ("The patient went for a laparoscopic salpingectomy.",),
        ("Every woman of reproductive age with abdominal pain gets a pregnancy test.",),
        ("ed", "inpatient"),
        ("18-39",),
        sexes=("female",),
        tags=("obgyn",),
    ),
    S(
        "depression_si",
        ("psychiatry", "family medicine"),
        ("low mood", "suicidal thoughts", "insomnia and hopelessness"),
        ("Major depressive disorder", "Suicidal ideation", "Generalized anxiety disorder"),
        ("PHQ-9 screening", "Columbia suicide severity rating", "Safety planning"),
        (
            "The PHQ-9 was 21 and the patient endorsed passive suicidal ideation.",
            "There was no plan or access to firearms, and the patient had a supportive sister.",
        ),
        (
            "We made a safety plan together and started sertraline.",
            "The patient was admitted voluntarily to the inpatient psychiatric unit.",
            "We arranged follow-up in one week and a crisis line number.",
        ),
        (
            "Asking about suicide does not plant the idea; not asking can miss it.",
            "Stigma about mental illness crosses every culture I have worked in.",
        ),
        ("outpatient", "inpatient", "ed", "clinic"),
        ("adolescent", "18-39", "40-64"),
        sexes=("female", "male", "other"),
        tags=("psychiatry",),
    ),
    S(
        "psychosis",
        ("psychiatry",),
        ("hearing voices", "paranoia", "bizarre behavior"),
        ("First-episode psychosis", "Schizophrenia", "Substance-induced psychosis"),
        ("Urine drug screen", "MRI brain"),
        ("The urine drug screen was positive for cannabis.",),
        (
            "We started risperidone at a low dose and met with the family.",
            "The team involved the patient in every decision they could make.",
        ),
        ("Rule out medical causes before labeling psychosis as primary.",),
        ("inpatient", "ed"),
        ("adolescent", "18-39"),
        sexes=("female", "male", "other"),
        tags=("psychiatry",),
    ),
    S(
        "delirium",
        ("geriatrics", "internal medicine", "psychiatry"),
        ("confusion", "agitation at night", "not acting like themselves"),
        ("Delirium", "Dementia", "Urinary retention", "Constipation"),
        ("CAM assessment", "Bladder scan"),
        (
            "The CAM was positive: acute onset, inattention and disorganized thinking.",
            "The bladder scan showed 900 mL of retained urine.",
        ),
        (
            "We stopped the diphenhydramine, reoriented the patient and opened the blinds.",
            "The family stayed overnight, which helped more than any medication.",
        ),
        (
            "Delirium is a medical emergency with a quiet face.",
            "Look at the medication list for anticholinergics.",
        ),
        ("inpatient", "icu"),
        ("65-89", "90+"),
        tags=("geriatrics",),
    ),
    S(
        "htn_clinic",
        ("family medicine", "internal medicine"),
        ("blood pressure follow-up", "headache", "medication refill"),
        ("Essential hypertension", "Hyperlipidemia", "Obesity"),
        ("Blood pressure measurement", "Home BP log review"),
        (
            "Office blood pressure was 156/94; the home log averaged 148/90.",
            "The patient was taking the amlodipine only on days with symptoms.",
        ),
        (
            "We added lisinopril and checked a basic metabolic panel in two weeks.",
            "We talked about salt, alcohol and walking, in that order of importance for them.",
        ),
        ("Ask how the medication is actually taken, not how it is prescribed.",),
        ("clinic", "outpatient"),
        ("40-64", "65-89"),
        tags=("primary-care",),
    ),
    S(
        "diabetes_clinic",
        ("family medicine", "internal medicine", "endocrinology"),
        ("diabetes follow-up", "high sugars", "tingling in the feet"),
        ("Type 2 diabetes mellitus", "Diabetic peripheral neuropathy", "Hypoglycemia"),
        ("Diabetic foot exam", "Monofilament testing", "Fundoscopy"),
        (
            "HbA1c was 9.4%, up from 7.8% six months ago.",
            "Monofilament sensation was absent at three sites on each foot.",
            "The patient had two episodes of hypoglycemia on the sulfonylurea.",
        ),
        (
            "We started an SGLT2 inhibitor and stopped the glipizide.",
            "We referred to diabetes education and podiatry.",
            "We discussed insulin and the patient asked for three months to try diet first.",
        ),
        (
            "Hypoglycemia is the side effect that patients remember.",
            "Take the shoes and socks off at every diabetes visit.",
        ),
        ("clinic", "outpatient"),
        ("40-64", "65-89"),
        tags=("primary-care", "endocrinology"),
    ),
    S(
        "back_pain",
        ("family medicine", "emergency medicine"),
        ("low back pain", "back pain after lifting"),
        ("Mechanical low back pain", "Lumbar radiculopathy", "Cauda equina syndrome ruled out"),
        ("Neurological examination", "Straight leg raise"),
        ("There were no red flags: no fever, weight loss, saddle anesthesia or retention.",),
        (
            "We recommended staying active, NSAIDs and physical therapy; no imaging.",
            "We explained why an MRI would not change the plan.",
        ),
        ("Red flags first, reassurance second, imaging rarely.",),
        ("clinic", "outpatient", "ed"),
        ("18-39", "40-64"),
        tags=("primary-care",),
    ),
    S(
        "neutropenic_fever",
        ("oncology", "internal medicine"),
        ("fever after chemotherapy", "chills"),
        ("Neutropenic fever", "Acute myeloid leukemia", "Breast cancer on chemotherapy"),
        ("Blood cultures", "Port access", "Bone marrow biopsy"),
        ("The absolute neutrophil count was 200.",),
        (
            "Cefepime was given within 40 minutes of triage.",
            "We placed the patient in a private room with neutropenic precautions.",
        ),
        ("Neutropenic fever is sepsis until proven otherwise; antibiotics within the hour.",),
        ("ed", "inpatient"),
        ("18-39", "40-64", "65-89"),
        tags=("oncology", "sepsis"),
    ),
    S(
        "ards_intubation",
        ("critical care", "pulmonology", "anesthesiology"),
        ("respiratory failure", "worsening hypoxia"),
        ("ARDS", "Acute hypoxemic respiratory failure", "COVID-19 pneumonia"),
        ("Endotracheal intubation", "Arterial line", "Prone positioning", "Bronchoscopy"),
        (
            "The P/F ratio was 110 on high-flow oxygen.",
            "Chest X-ray showed bilateral infiltrates.",
        ),
        (
            "The patient was intubated with rapid sequence intubation; I watched the video "
            "laryngoscope screen.",
            "We used low tidal volume ventilation at 6 mL/kg and prone positioning.",
            "The team held a family meeting on day five about goals of care.",
        ),
        (
            "Preoxygenate, plan the failed airway, then intubate.",
            "Low tidal volumes save lives even when the numbers look worse at first.",
        ),
        ("icu",),
        ("40-64", "65-89"),
        tags=("critical-care",),
    ),
    S(
        "cardiac_arrest",
        ("critical care", "emergency medicine", "internal medicine"),
        ("cardiac arrest", "unresponsive patient", "code blue"),
        ("Cardiac arrest", "Ventricular fibrillation", "PEA arrest"),
        ("CPR", "Defibrillation", "ACLS", "Targeted temperature management"),
        (
            "The monitor showed ventricular fibrillation when we arrived.",
            "ROSC was achieved after two shocks and eight minutes of CPR.",
        ),
        (
            "I did chest compressions for two cycles during the code.",
            "The team ran ACLS with closed-loop communication; the leader called every step.",
            "After ROSC we got an ECG and called the cath lab.",
        ),
        (
            "In a code, say the task, the name and wait for the read-back.",
            "High-quality compressions matter more than anything else in the room.",
        ),
        ("inpatient", "ed", "icu"),
        ("40-64", "65-89"),
        tags=("critical-care", "acls"),
    ),
    S(
        "anaphylaxis",
        ("emergency medicine", "pediatrics", "allergy and immunology"),
        ("throat swelling", "hives and wheezing", "allergic reaction"),
        ("Anaphylaxis", "Peanut allergy", "Drug allergy"),
        ("Intramuscular epinephrine",),
        ("The patient had hives, wheeze and a blood pressure of 84/50 after eating a cookie.",),
        (
            "We gave intramuscular epinephrine in the thigh within minutes.",
            "We observed for six hours and prescribed two epinephrine auto-injectors.",
        ),
        ("Epinephrine first; antihistamines are an afterthought.",),
        ("ed", "clinic"),
        ("child", "adolescent", "18-39"),
        tags=("allergy",),
    ),
    S(
        "goals_of_care",
        ("internal medicine", "palliative care", "geriatrics", "oncology"),
        ("goals of care discussion", "declining function", "pain at end of life"),
        ("Metastatic pancreatic cancer", "End-stage heart failure", "Advanced dementia"),
        ("Family meeting", "Advance directive review"),
        (
            "The patient had lost 12 kg in three months and was in bed most of the day.",
            "The family had different ideas about what the patient would want.",
        ),
        (
            "We held a family meeting with an interpreter and the palliative care team.",
            "The patient chose comfort-focused care and went home with hospice.",
            "We changed the code status to DNR after a long conversation.",
        ),
        (
            "Ask what the patient knows and what they want to know before telling anything.",
            "Silence after bad news is part of the conversation.",
        ),
        ("inpatient", "clinic", "icu"),
        ("65-89", "90+", "40-64"),
        tags=("palliative-care", "ethics"),
    ),
    S(
        "thyroid",
        ("endocrinology", "family medicine", "internal medicine"),
        ("fatigue and weight gain", "neck swelling", "heat intolerance"),
        ("Hypothyroidism", "Graves disease", "Thyroid nodule"),
        ("Thyroid ultrasound", "Fine needle aspiration"),
        ("TSH was 14 with a low free T4.",),
        ("We started levothyroxine and rechecked the TSH in six weeks.",),
        ("Take levothyroxine on an empty stomach, apart from iron and calcium.",),
        ("clinic", "outpatient"),
        ("18-39", "40-64"),
        tags=("endocrinology",),
    ),
    S(
        "ortho",
        ("orthopedic surgery", "emergency medicine", "family medicine"),
        ("wrist pain after a fall", "hip pain after a fall", "ankle injury"),
        ("Distal radius fracture", "Hip fracture", "Ankle sprain"),
        ("Splinting", "Closed reduction", "X-ray review"),
        (
            "The X-ray showed a displaced distal radius fracture.",
            "The leg was shortened and externally rotated.",
        ),
        (
            "I helped apply a sugar-tong splint after the closed reduction.",
            "The patient went for hip surgery within 36 hours.",
        ),
        ("Check neurovascular status before and after every splint.",),
        ("ed", "inpatient", "clinic"),
        ("child", "65-89", "18-39"),
        tags=("orthopedics",),
    ),
)


# ---- experiences ---------------------------------------------------------------------------

# (kind, title pattern, specialty pool, is_us, hands_on, weeks)
HOME_HOSPITALS = (
    ("Government Teaching Hospital", "Rawalpur", "", "Pakistan"),
    ("Al-Noor Medical College Hospital", "Marhaba", "", "Egypt"),
    ("Hospital Universitario San Telmo", "Valdeluz", "", "Colombia"),
    ("City General Hospital", "Karanpur", "Maharashtra", "India"),
    ("Teaching Hospital of Ibadan North", "Oyo", "", "Nigeria"),
    ("Provincial Hospital of Santa Lucía", "Santa Lucía", "", "Philippines"),
)

US_SITES = (
    ("Riverside General Hospital", "Cleveland", "OH"),
    ("Lakeshore University Medical Center", "Chicago", "IL"),
    ("St. Brigid's Community Hospital", "Paterson", "NJ"),
    ("Northfield Family Health Center", "Brooklyn", "NY"),
    ("Mercy Valley Medical Center", "Fresno", "CA"),
    ("Eastbrook Medical Center", "Detroit", "MI"),
    ("Pinecrest Regional Hospital", "Macon", "GA"),
    ("Cedar Hollow Community Clinic", "San Antonio", "TX"),
    ("Bayview Veterans Clinic", "Tampa", "FL"),
    ("Three Rivers Children's Hospital", "Pittsburgh", "PA"),
)

SPECIALTIES = (
    "internal medicine",
    "family medicine",
    "pediatrics",
    "emergency medicine",
    "general surgery",
    "obstetrics and gynecology",
    "psychiatry",
    "neurology",
    "cardiology",
    "critical care",
    "geriatrics",
    "nephrology",
    "gastroenterology",
    "pulmonology",
    "endocrinology",
    "oncology",
    "palliative care",
    "orthopedic surgery",
)

# ---- people (invented) ---------------------------------------------------------------------

FIRST_NAMES = (
    "Aisha",
    "Daniel",
    "Priya",
    "Michael",
    "Fatima",
    "James",
    "Mei",
    "Carlos",
    "Olga",
    "Samuel",
    "Ngozi",
    "Rachel",
    "Tomás",
    "Hannah",
    "Kwame",
    "Laura",
    "Yusuf",
    "Emily",
    "Ravi",
    "Sarah",
    "José",
    "Megan",
    "Hiroshi",
    "Grace",
    "Andrés",
    "Chloe",
    "Omar",
    "Rebecca",
    "Zoë",
    "David",
    "Amara",
    "Kevin",
    "Leila",
    "Brian",
    "Ifeoma",
    "Julia",
    "Søren",
    "Nadia",
    "Patrick",
    "Lucía",
    "Ahmed",
    "Katherine",
    "Thanh",
    "Marcus",
    "Elif",
)
LAST_NAMES = (
    "Okafor",
    "Schmidt",
    "Patel",
    "Nguyen",
    "García",
    "Thompson",
    "Kowalski",
    "Haddad",
    "Mensah",
    "O'Brien",
    "Ivanova",
    "Chen",
    "Rodríguez",
    "Fischer",
    "Adeyemi",
    "Walsh",
    "Kim",
    "Moreno",
    "Lindqvist",
    "Shah",
    "Brennan",
    "Öztürk",
    "Takahashi",
    "Mbeki",
    "Alvarez",
    "Murphy",
    "Rahman",
    "Novak",
    "Castillo",
    "Reyes",
    "Bianchi",
    "Sandoval",
    "Mwangi",
    "Cohen",
    "Dubois",
    "Singh",
    "Yamamoto",
    "Hernández",
    "Kaur",
    "Stewart",
)

# ---- case writing ----------------------------------------------------------------------------

AGE_PHRASE = {
    "newborn": ("A newborn", "A ten-day-old", "A three-week-old"),
    "infant": ("An infant", "A six-month-old", "A nine-month-old"),
    "child": ("A school-age child", "A preschooler", "A child"),
    "adolescent": ("A teenager", "An adolescent", "A high-school student"),
    "18-39": ("A young adult", "A patient in their twenties", "A patient in their thirties"),
    "40-64": ("A middle-aged patient", "A patient in their fifties", "A patient in their forties"),
    "65-89": ("An older adult", "A patient in their seventies", "A patient in their eighties"),
    "90+": ("A very elderly patient", "A patient over ninety", "A frail patient over ninety"),
}

SETTING_PLACE = {
    "inpatient": ("the medicine floor", "the ward", "the step-down unit", "the wards"),
    "outpatient": ("the outpatient clinic", "the continuity clinic", "a follow-up visit"),
    "ed": ("the emergency department", "the ED", "triage", "the resuscitation bay"),
    "icu": ("the ICU", "the medical ICU", "the intensive care unit"),
    "clinic": ("clinic", "the community clinic", "the resident clinic", "the free clinic"),
    "other": ("the procedure room", "a home visit", "the dialysis unit"),
}

DURATION = (
    "for two days",
    "since the morning",
    "for about a week",
    "for three hours",
    "for several months",
    "that started overnight",
    "after a long flight",
    "getting worse over two weeks",
)

HISTORY = (
    "History of hypertension and type 2 diabetes.",
    "No significant past medical history.",
    "Past history of CKD stage 3, hypertension and gout.",
    "History of heart failure with reduced ejection fraction.",
    "Known COPD on home oxygen.",
    "History of alcohol use disorder, in recovery for a year.",
    "Lives alone; the daughter helps with medications.",
    "Recently immigrated and has not had a primary care doctor yet.",
    "Uninsured, so medications were rationed.",
    "Smokes a pack a day for thirty years.",
    "History of depression, stable on an SSRI.",
    "History of hypothyroidism and osteoarthritis.",
    "On warfarin for a mechanical valve.",
    "Works night shifts at a warehouse.",
    "Spoke only Spanish, so we used a professional interpreter.",
    "The patient preferred Arabic; the interpreter joined by video.",
)

PEDIATRIC_HISTORY = (
    "Born at term, no complications.",
    "Vaccinations up to date.",
    "No significant past medical history.",
    "Attends daycare; an older sibling has been sick.",
    "The mother was the main historian.",
    "History of mild asthma, uses an inhaler a few times a month.",
    "Born at 34 weeks, stayed in the NICU for ten days.",
    "The family spoke Haitian Creole, so we used a professional interpreter.",
)

PEDIATRIC_BANDS = frozenset({"newborn", "infant", "child", "adolescent"})

ROLE_SENTENCE = {
    "observed": (
        "I observed the attending take the history and examine the patient.",
        "As an observer I followed the team and wrote up the case afterwards.",
        "I watched the whole encounter and discussed it with Dr. {name} afterwards.",
        "I shadowed the resident through the admission.",
    ),
    "assisted": (
        "I assisted the resident with the admission and wrote the first draft of the H&P.",
        "I helped with the {procedure} and kept the checklist.",
        "I assisted during the {procedure} under Dr. {name}'s supervision.",
        "I called the family for collateral history and updated the team.",
    ),
    "performed": (
        "I performed the {procedure} under direct supervision.",
        "I took the history, examined the patient and wrote the note myself.",
        "I did the {procedure}; Dr. {name} watched and corrected my technique once.",
        "I placed the orders and the senior resident cosigned them.",
    ),
    "presented": (
        "I presented the patient on rounds and proposed the assessment and plan.",
        "I presented the case at morning report with a focused differential.",
        "I presented on rounds and Dr. {name} asked me to read up on {dx} for tomorrow.",
        "I gave a five-minute teaching presentation on {dx} to the team.",
    ),
}

CASE_EXTRA = (
    "Sign-out to the night team used I-PASS; I wrote the illness severity and the "
    "contingencies myself.",
    "The handoff at 7 p.m. was rushed and we nearly missed the repeat labs.",
    "We used a professional interpreter for the whole conversation.",
    "Discharge planning was delayed by insurance prior authorization for the medication.",
    "The pharmacist caught a drug interaction that the rest of us had missed.",
    "The family had many questions and I stayed after rounds to answer them.",
    "Case management arranged home health and a follow-up appointment within a week.",
    "The differential we built on rounds was wider than I would have made alone.",
    "I learned how the electronic health record handles orders, which is new to me.",
    "Documentation in the US is far more detailed than what I was used to at home.",
    "The nurses noticed the change in mental status first.",
    "The social worker helped with transport and housing.",
    "We called a rapid response when the blood pressure dropped.",
    "I followed the patient for the rest of the rotation.",
)

STAR_SITUATION = (
    "During a busy {place} shift, {age} came in with {cc}.",
    "On my {ordinal} week of the rotation, I was following {age_l} with {cc}.",
    "Late in a long call day, the team admitted {age_l} with {cc}.",
    "On a weekend {place} shift with only one senior resident, {age_l} presented with {cc}.",
)
STAR_TASK = (
    "I had to gather the history and present a plan on rounds.",
    "My job was to follow the labs and update the team on any change.",
    "I was asked to prepare the handoff for the night team.",
    "I needed to explain the plan to the family in plain words.",
    "I was responsible for tracking the {procedure} and its results.",
    "I had to recognize the problem and escalate it.",
)
STAR_ACTION = (
    "I reviewed the chart, examined the patient again and noticed that {finding_l}",
    "I built a differential, discussed it with the resident and suggested the {procedure}.",
    "I escalated to the senior resident and we reassessed the patient together.",
    "I sat with the family, used teach-back and wrote down the plan for them.",
    "I read the guideline that night and brought a one-page summary to rounds.",
    "I rechecked the labs every few hours and flagged the trend.",
)
STAR_RESULT = (
    "The diagnosis was {dx}, and the patient improved over the next few days.",
    "The team changed the plan, and the patient was discharged home on day {day}.",
    "The family felt heard and agreed with the plan.",
    "The attending used my summary in teaching the next morning.",
    "The patient was transferred to the ICU early instead of late.",
    "We avoided an unnecessary CT and the patient went home.",
)
STAR_LESSON = (
    "Speak up early when the trend worries you, even as the most junior person.",
    "A clear handoff is patient care, not paperwork.",
    "Ask the nurse what changed; they see the patient most.",
    "Explaining the plan to a family is part of the plan.",
    "Knowing the guideline is not enough; knowing when it does not fit is the skill.",
    "I need to be more concise when I present, and lead with the assessment.",
    "Cultural humility matters more than cultural knowledge.",
)

ORDINALS = ("first", "second", "third", "fourth")

# ---- feedback ------------------------------------------------------------------------------

FEEDBACK_TOPICS = (
    "presentation",
    "differential",
    "handoff",
    "notes",
    "patient communication",
    "teamwork",
    "time management",
    "procedures",
    "knowledge",
    "professionalism",
)

PRAISE_WORDS = {
    "presentation": (
        "Your presentation today was organized and you committed to an assessment.",
        "That was one of the best oral presentations I have heard from a student this year.",
        "You led with the one-liner and the assessment, which is exactly what I want.",
    ),
    "differential": (
        "Your differential was broad but you prioritized well.",
        "You thought about the dangerous diagnoses first. Keep doing that.",
        "I liked that you explained why you ranked PE above pneumonia.",
    ),
    "handoff": (
        "Your handoff was clear and the night team knew exactly what to watch for.",
        "Your sign-out used I-PASS properly, including the contingency plans.",
        "The night resident told me your handoff was the easiest of the evening.",
    ),
    "notes": (
        "Your notes are thorough and the assessment reads like a resident's.",
        "Your discharge summary was clear enough for the primary care doctor to act on.",
    ),
    "patient communication": (
        "The way you explained the diagnosis to the family was kind and clear.",
        "You sat down at the bedside and used teach-back. The patient trusted you.",
        "You handled the interpreter encounter really well; you spoke to the patient, not "
        "the interpreter.",
    ),
    "teamwork": (
        "The nurses told me you are easy to work with and always close the loop.",
        "You helped the intern with her work without being asked.",
    ),
    "time management": (
        "You pre-rounded efficiently and were ready before the team.",
        "You prioritized the sick patient first this morning. Good call.",
    ),
    "procedures": (
        "Your sterile technique was excellent during the line placement.",
        "Good hands. You stayed calm when the first attempt did not work.",
    ),
    "knowledge": (
        "Your fund of knowledge is strong; your Step preparation shows.",
        "You knew the sepsis guidelines better than some of our interns.",
    ),
    "professionalism": (
        "You are reliable. When you say you will follow up, you do.",
        "You owned your mistake with the medication list right away. That is professionalism.",
    ),
}

CONSTRUCTIVE_WORDS = {
    "presentation": (
        "Your presentations are too long. Lead with the assessment and keep it under three "
        "minutes.",
        "You read from your notes during the presentation; try to present from memory.",
        "Commit to a plan. Saying 'maybe' three times makes the team doubt the whole thing.",
    ),
    "differential": (
        "Your differential was too narrow; you anchored on pneumonia and missed PE.",
        "Rank the differential, and say why the top item is on top.",
    ),
    "handoff": (
        "Your handoff missed the pending troponin; the night team did not know to follow it.",
        "Use the I-PASS structure every time, and give an action list with times.",
        "Your sign-out was too long. Tell me what can go wrong tonight and what to do.",
    ),
    "notes": (
        "Your notes copy the whole lab panel. Interpret the data instead of pasting it.",
        "The assessment in your note needs a problem-based plan, not a summary.",
    ),
    "patient communication": (
        "You used jargon with the family. Say 'heart attack', not 'NSTEMI'.",
        "You stood at the door during the whole conversation. Sit down at the bedside.",
        "Check for understanding with teach-back before you leave the room.",
    ),
    "teamwork": (
        "Speak up on rounds. Your ideas were good, but you only told me afterwards.",
        "Tell the nurse when you change an order; close the loop.",
    ),
    "time management": (
        "You spent too long on one patient and were late for the others.",
        "Pre-round on the sickest patient first.",
    ),
    "procedures": (
        "Slow down during the procedure and set up everything before you start.",
        "Your ultrasound probe handling needs practice; come to the skills lab.",
    ),
    "knowledge": (
        "Read about your patients every night, not only for the shelf exam.",
        "Know the doses of the common drugs you order.",
    ),
    "professionalism": (
        "You were late twice this week. Let the team know when something comes up.",
        "Ask for help earlier. Waiting to look competent is not safe.",
    ),
}

ACTION_ITEMS = {
    "presentation": (
        "Practice the one-liner and assessment out loud before rounds",
        "Time every presentation; aim for three minutes",
        "Present two patients from memory this week",
    ),
    "differential": (
        "Write three can't-miss diagnoses for every chief complaint",
        "Read one chapter of Symptom to Diagnosis each night",
    ),
    "handoff": (
        "Use the I-PASS template for every sign-out",
        "List pending labs with the time they are due",
        "Ask the night team to read back the contingency plan",
    ),
    "notes": (
        "Interpret the labs in one line instead of pasting them",
        "Ask the resident to review one note a day",
    ),
    "patient communication": (
        "Use teach-back with every discharge",
        "Sit down during difficult conversations",
        "Ask for a professional interpreter instead of family members",
    ),
    "teamwork": (
        "Say one idea out loud on rounds every day",
        "Close the loop with nursing after every order change",
    ),
    "time management": (
        "Make a task list before rounds and sort it by urgency",
        "See the sickest patient first",
    ),
    "procedures": (
        "Go to the simulation lab twice before the end of the rotation",
        "Prepare the kit and check it with the nurse before starting",
    ),
    "knowledge": (
        "Do 20 UWorld questions a day",
        "Make a dosing card for common medications",
    ),
    "professionalism": (
        "Message the team if running late",
        "Ask for help within 15 minutes when stuck",
    ),
}

FEEDBACK_CONTEXT = (
    "Mid-rotation feedback session in the attending's office.",
    "Quick feedback after rounds, in the hallway.",
    "End-of-rotation evaluation meeting.",
    "The resident pulled me aside after sign-out.",
    "Said at the nursing station after the rapid response.",
    "Written comment in my evaluation form, which the coordinator forwarded.",
    "Feedback after I presented at morning report.",
    "After the family meeting, in the workroom.",
)

FEEDBACK_REACTION = (
    "I felt defensive for a moment, then realized it was fair.",
    "This is the kind of comment I want to remember for my personal statement.",
    "I wrote it down right away so I would not soften it later.",
    "It matches what I heard on my last rotation, so it is a pattern.",
    "I asked for a concrete example and got one.",
    "Good to hear, especially after a hard week.",
    "I will ask for feedback again at the end of the week to see if I improved.",
    "A possible story for the 'received criticism' interview question.",
)

# ---- reflections ---------------------------------------------------------------------------

REFLECTION_THEMES: dict[str, dict[str, tuple[str, ...]]] = {
    "first week in a US hospital": {
        "tags": ("usce", "first-week"),
        "titles": (
            "First week in a US hospital",
            "Everything is new: notes, pagers, the EHR",
            "What nobody told me about US rounds",
        ),
        "sentences": (
            "Everything moved faster than I expected, and half of the abbreviations were new "
            "to me.",
            "At home I wrote notes by hand; here the EHR decides what a note looks like.",
            "The pager went off constantly and I did not know who was calling or why.",
            "People call attendings by their first names, and it still feels strange to me.",
            "Nobody expected me to know the system, but everyone expected me to ask.",
            "I spent the evening reading about how insurance shapes discharge planning.",
            "The team was patient with my questions about the order sets.",
            "By Friday I could find the labs, write a progress note and place a consult.",
        ),
        "prompts": (42, 41, 38, 40),
    },
    "language and communication": {
        "tags": ("communication", "language"),
        "titles": (
            "Accent, idioms and being understood",
            "Talking to patients in my second language",
            "When the patient did not understand me",
        ),
        "sentences": (
            "A patient asked me to repeat myself three times and I felt my face go hot.",
            "Idioms are harder than medical words: 'touch base', 'circle back', 'on the fence'.",
            "I now slow down and check understanding with teach-back.",
            "Using a professional interpreter changed the whole encounter.",
            "My accent is part of me; clarity is what I can improve.",
            "The nurse told me patients understand me fine, which I needed to hear.",
            "I practiced the discharge talk in the car on the way home.",
        ),
        "prompts": (43, 42, 17),
    },
    "handoffs and patient safety": {
        "tags": ("handoff", "patient-safety"),
        "titles": (
            "The handoff that almost went wrong",
            "Why I now write contingencies in every sign-out",
            "I-PASS is not paperwork",
        ),
        "sentences": (
            "A pending troponin was not in the handoff, and the night team found it by chance.",
            "Since then I write the contingency plan for every patient, even the stable ones.",
            "A good handoff is a promise to a colleague you may never meet.",
            "I-PASS felt like bureaucracy at first; now it feels like a safety net.",
            "We talked about the near miss at the safety huddle without blaming anyone.",
            "In my home hospital, handoffs were verbal and short; that worked until it did not.",
            "Patient safety is mostly small habits done every time.",
        ),
        "prompts": (12, 31, 16, 21),
    },
    "a patient who died": {
        "tags": ("grief", "death-and-dying"),
        "titles": (
            "The first patient I lost here",
            "After the code",
            "Grief on the wards",
        ),
        "sentences": (
            "We ran the code for thirty minutes and then the attending called it.",
            "I went back to the workroom and wrote a progress note for another patient, "
            "because the list did not stop.",
            "The chaplain came to the debrief, which I had never seen before.",
            "I thought about my grandfather, who died in a hospital with no ICU bed.",
            "The family thanked us, and I did not know what to say.",
            "It is allowed to be sad and still do the next task well.",
        ),
        "prompts": (19, 11, 7, 20),
    },
    "impostor syndrome": {
        "tags": ("impostor-syndrome", "wellbeing"),
        "titles": (
            "Impostor syndrome, again",
            "Am I behind?",
            "Comparing myself to US graduates",
        ),
        "sentences": (
            "The US students knew the EHR shortcuts and I did not.",
            "Then a resident asked me about a tropical disease I had treated many times.",
            "I am behind on the system and ahead on some of the medicine; both are true.",
            "Seven years after graduation, starting again as a student is humbling.",
            "My mentor said the gap year is a story, not a weakness, if I tell it honestly.",
            "I made a list of what I did well this week. It was longer than I expected.",
        ),
        "prompts": (5, 39, 44, 18),
    },
    "ethics and difficult decisions": {
        "tags": ("ethics",),
        "titles": (
            "The family asked us not to tell her",
            "Refusing treatment",
            "Who decides?",
        ),
        "sentences": (
            "The son asked us not to tell his mother the diagnosis.",
            "At home, the family often decides; here, the patient does, and I agree with that.",
            "We asked the patient how much she wanted to know, and she wanted to know everything.",
            "Capacity is decision-specific, and the psychiatry consult explained it well.",
            "Respecting a refusal is still care, not giving up.",
            "I disagreed with the plan but did not speak up, and I still think about it.",
        ),
        "prompts": (32, 29, 34, 22, 23),
    },
    "why this specialty": {
        "tags": ("career", "personal-statement"),
        "titles": (
            "Why internal medicine, in one page",
            "What I want to do with my life, this week",
            "The moment I knew",
        ),
        "sentences": (
            "I love the detective work of a complicated admission.",
            "Continuity matters to me: I want to know what happens to my patients.",
            "Pediatrics was fun, but I kept thinking about the adults on the wards.",
            "I want a specialty where I can teach, and medicine rounds are teaching.",
            "My father's diabetes is why I care about chronic disease.",
            "Ten years from now, I see myself as a hospitalist who teaches residents.",
        ),
        "prompts": (2, 6, 1, 3, 37),
    },
    "visa, Step exams and the match": {
        "tags": ("match", "eras", "visa"),
        "titles": (
            "Step 2 score day",
            "Thinking about the visa question",
            "ERAS is open",
        ),
        "sentences": (
            "The Step 2 CK score came today; it is good enough to apply broadly.",
            "I need a J-1 or an H-1B program, which narrows my list by half.",
            "I wrote the experience descriptions for ERAS and cut each to 750 characters.",
            "Letters matter more than I thought; US letters most of all.",
            "I am applying to programs with a history of taking IMGs.",
            "Money for interviews is a real constraint, and virtual interviews help.",
        ),
        "prompts": (44, 45, 46, 37, 41),
    },
    "teamwork and leadership": {
        "tags": ("teamwork", "leadership"),
        "titles": (
            "What a good senior resident does",
            "Leading the student team",
            "The nurse was right",
        ),
        "sentences": (
            "The senior resident made everyone feel useful, even me.",
            "I organized the student teaching schedule and it actually worked.",
            "The nurse was worried before any number changed, and she was right.",
            "On the team everyone closes the loop out loud, which I want to keep doing.",
            "Leadership in the code was calm voices and clear roles.",
            "I offered to take the admission when the intern was overwhelmed.",
        ),
        "prompts": (15, 16, 13, 24, 9),
    },
    "home and health systems": {
        "tags": ("home", "health-systems"),
        "titles": (
            "Two health systems",
            "What I miss about home",
            "Resources and choices",
        ),
        "sentences": (
            "At home we had one CT scanner for a whole district.",
            "Here the limit is not the scanner but the insurance approval.",
            "Patients at home paid for their own gloves and medications.",
            "I miss how close we were to the families.",
            "Both systems make patients wait, for different reasons.",
            "I want to bring back what I learn here, or at least share it.",
        ),
        "prompts": (38, 46, 37, 7),
    },
    "wellbeing": {
        "tags": ("wellbeing",),
        "titles": (
            "A hard week",
            "Sleep, running and calling home",
            "Burnout is not a character flaw",
        ),
        "sentences": (
            "I slept five hours a night all week and it showed in my presentations.",
            "I went running by the river on Sunday and felt human again.",
            "Calling home on the weekend reminds me why I am doing this.",
            "I cooked my mother's recipe and the apartment smelled like home.",
            "Asking for a day off felt like failure; it was not.",
            "I am learning to leave the hospital at the hospital, most days.",
        ),
        "prompts": (8, 21, 27),
    },
}

MD_HEADINGS = (
    "What happened",
    "What I felt",
    "What I learned",
    "What I will do differently",
    "For the interview",
    "Notes to self",
)

MD_LIST_ITEMS = (
    "Ask for feedback every Friday",
    "Read one guideline a week",
    "Practice the 'tell me about yourself' answer out loud",
    "Update the ERAS experience description",
    "Email Dr. {name} to thank them",
    "Write down the case before I forget the details",
    "Review the sepsis bundle timings",
    "Use teach-back with every discharge",
    "Sleep before call, not after",
    "Find a mentor for research",
)

EXTRA_TAGS = (
    "usce",
    "lor-worthy",
    "interview-story",
    "ethics",
    "communication",
    "handoff",
    "teaching",
    "presentation",
    "mistake",
    "procedure",
    "interpreter",
    "patient-safety",
    "wellbeing",
    "eras",
    "step2",
    "visa",
    "leadership",
    "teamwork",
    "follow-up",
    "morning-report",
    "night-float",
    "grand-rounds",
    "quality-improvement",
    "research",
    "to-review",
)

CASE_PROMPTS = (11, 19, 25, 20, 21, 23, 17, 26, 27, 29, 34, 7)
FEEDBACK_PROMPTS = (14, 4, 5, 9, 10, 22, 13)
