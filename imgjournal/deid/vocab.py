"""Curated word lists of the checker: cues, clinical vocabulary, eponyms and drug names.

Lower case, space separated; the engine turns them into sets on first use.
"""

from __future__ import annotations


def _w(words: str) -> list[str]:
    return words.split()


# Words that are never a name on their own, whatever the name lists say (clinical vocabulary,
# note headings, abbreviations, units, common capitalised words of clinical writing).
MEDICAL = _w(
    """
patient patients pt pts doctor nurse attending resident intern fellow student team chief
consultant consult consults surgeon physician provider pcp np pa rn md do mbbs clerk staff
history hpi ros pmh psh fh sh exam physical assessment plan impression diagnosis dx ddx
differential labs lab vitals vital imaging cxr ct mri echo ekg ecg tte tee us ultrasound xray
xr abdomen abdominal chest heart lungs lung neuro neurology psych psychiatry cardiology
cardio pulm pulmonary renal nephrology gi hepatology heme onc oncology id endo endocrine
rheum rheumatology derm dermatology ent ob gyn obgyn peds pediatrics surgery medicine
internal family emergency ed er icu micu sicu ccu picu nicu ward floor clinic ward unit
rounds sign signout handoff admission admit admitted discharge discharged transfer follow
followup meds medications medication allergies allergy nkda social family surgical past
general appearance heent neck extremities skin cv resp msk gu ext
alert oriented awake afebrile stable unstable acute chronic mild moderate severe normal
negative positive bilateral left right upper lower anterior posterior lateral medial
sepsis pneumonia asthma copd chf cad mi stemi nstemi afib dvt pe uti aki ckd dka hhs
diabetes hypertension htn dm hld cva tia stroke seizure syncope anemia cancer tumor mass
fever cough pain nausea vomiting diarrhea constipation dyspnea fatigue weakness headache
troponin lactate creatinine potassium sodium glucose hemoglobin hgb wbc plt inr bnp tsh
cbc bmp cmp abg vbg lfts ua csf bp hr rr spo sat temp tmax gcs phq gad nihss curb qsofa
apgar mmse moca ecog nyha bmi egfr gfr hba1c ldl hdl
acls bls atls pals usmle step ck cs eras nrmp match img ecfmg observership externship
elective rotation rotations residency program interview interviews letter lor lors
mspe cv personal statement journal entry entries reflection feedback case cases
monday tuesday wednesday thursday friday saturday sunday
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
today tomorrow yesterday morning evening night noon midnight week month year
english spanish hindi arabic french chinese mandarin portuguese russian urdu tagalog
creole haitian cantonese somali amharic tigrinya swahili punjabi gujarati bengali tamil telugu
korean japanese vietnamese polish italian german greek farsi persian pashto dari nepali
burmese karen hmong ukrainian romanian albanian bosnian serbian croatian turkish kurdish
hebrew yiddish navajo asl yoruba igbo hausa twi akan wolof lao khmer thai malay indonesian
american indian african asian hispanic latino latina white black caucasian
god lord christmas easter ramadan diwali thanksgiving
covid sars cov hiv hcv hbv hpv mrsa vre ebv cmv rsv tb
staph strep aureus pneumoniae coli difficile pylori klebsiella pseudomonas candida
enterococcus proteus serratia listeria legionella mycoplasma chlamydia neisseria
note notes summary progress hospital center centre medical health clinic department
unit service services system room bed bay floor building office home watcher
yes no none unknown other total
na k cl co bun cr mg ca phos alb ast alt alp ggt ldh ptt inr hb hba hct mcv rdw esr crp pct
trop fev fvc ef ns lr rbc ua ue ph po iv im sq sc prn qhs bid tid qid od ou os ra la
dnr dni hcp poa acp fast efast bipap cpap hfnc nc nrb vent abx ppx
rm apt ste bldg fl dept ext attn cc bcc fyi asap stat nb ps
dex brady tachy bolus drip gtt neb nebs trach peg picc cvc ngt ett og art hep mag phos lytes
cards pulm heme onc derm rheum uro gyn ortho tele coags trops chem bicarb carb prbc ffp cryo
ivig tpn ppn sbp dbp map cvp pcwp svr uop ivf lvef rvsp tapse
"""
)

# Eponyms: diseases, signs, scores and devices named after people (not a person in a note).
EPONYMS = _w(
    """
parkinson parkinsons parkinsonian parkinsonism bell murphy apgar crohn crohns hodgkin
hodgkins alzheimer alzheimers cushing cushings addison addisons graves wilson wilsons
guillain barre guillain-barre guillain-barré glasgow whipple whipples babinski kernig
brudzinski mcburney homans trendelenburg valsalva foley swan ganz swan-ganz wells
curb virchow virchows raynaud raynauds sjogren sjögren sjogrens hashimoto hashimotos
kawasaki down turner turners marfan marfans klinefelter tourette tourettes huntington
huntingtons lou gehrig bells barrett barretts meckel meckels hirschprung hirschsprung
kaposi kaposis burkitt burkitts wernicke korsakoff broca brocas reye reyes still stills
behcet behcets takayasu wegener kussmaul cheyne stokes trousseau chvostek cullen grey
turner murphys rovsing psoas obturator lachman mcmurray phalen tinel tinels romberg
rinne weber dix hallpike epley allen allens hoffmann hoffman hoover beck becks cushing
frank starling fick poiseuille laplace nernst henderson hasselbalch friedewald cockcroft
gault mdrd child pugh meld ranson ransons glasgow-blatchford blatchford rockall alvarado
centor mcisaac wells geneva perc chadsvasc cha2ds2 hasbled heart timi grace duke jones
ottawa canadian nexus framingham
lyme coxsackie norwalk marburg ebola zika west nile hartnup gilbert gilberts
dubin johnson rotor crigler najjar osler weber rendu janeway roth austin flint
quincke musset duroziez traube corrigan kerley hampton westermark lambert eaton
myasthenia bartter gitelman liddle conn conns sheehan sheehans waterhouse friderichsen
mallory weiss boerhaave zenker zenkers schatzki plummer vinson peutz jeghers lynch
gardner wilms ewing ewings paget pagets dupuytren dupuytrens colles smith barton galeazzi
monteggia jefferson hangman chance salter harris legg calve perthes osgood schlatter
baker bakers morton mortons charcot marie tooth bouchard heberden heberdens
starr edwards hickman broviac swan pleurx ommaya seldinger heimlich kocher pfannenstiel
hartmann roux billroth nissen whipple mcdonald shirodkar apgar bishop ballard tanner
naegele leopold leopolds braxton hicks chadwick goodell hegar doppler holter bruce
karnofsky ecog mallampati cormack lehane aldrete richmond braden morse norton waterlow
snellen ishihara amsler schirmer seidel tensilon hamilton beck montgomery asberg
likert berg tinetti katz lawton barthel rankin hunt hess fisher spetzler martin
gleason breslow clark dukes ann arbor lugano bismuth child-pugh killip forrester
sgarbossa brugada wolff parkinson-white wpw mobitz wenckebach bazett fridericia
osborn epsilon delta brugada's levine levines gallavardin austin-flint graham steell
morison morisons ringer ringers hartmann's luschka douglas calot treitz meissner
auerbach purkinje bundle his langerhans kupffer schwann leydig sertoli bowman henle
kerckring peyer brunner lieberkuhn glisson gerota denonvilliers scarpa camper colles
hesselbach poupart cooper cooper's buck alcock sylvius monro magendie willis circle
wharton stensen bartholin skene montgomery cowper eustachian fallopian golgi krebs
finkelstein durkan spurling hawkins neer jobe apley ober gaenslen lhermitte boas troisier
krukenberg blumer pemberton fleischner wellens fontaine rutherford ramsay riker caprini
khorana folstein maddrey balthazar dubowitz silverman westley hestia kubler lewy creutzfeldt
jakob binswanger asperger rett angelman prader willi noonan digeorge wiskott aldrich bruton
chediak higashi kartagener zollinger ellison ogilvie budd chiari dieulafoy killian klatskin
caroli puestow heller toupet belsey hartmann sequard brown-sequard stevens sturge kasabach
merritt peutz fanconi diamond blackfan bernard soulier glanzmann von willebrand
columbia carey coombs kussmaul's kehr kehrs grey-turner cullens blumberg markle dunphy
"""
)

# Eponyms that are also common names of people ("Murphy's sign" but "Mrs. Murphy", "Bruce
# protocol" but "Bruce called"): they are names unless a term follows ("'s sign", "disease").
PERSONAL_EPONYMS = _w(
    """
    smith jones johnson wilson murphy bell baker turner cooper fisher hamilton ross hunt lynch
    gardner morton beck weber hoffman hoffmann barton gilbert martin allen lewis kelly moore
    carter bishop austin frank marie bruce grace henderson stokes flint rotor janeway
    roth hicks tanner richmond berg katz clark fisher starr edwards cullen lambert eaton
    harris douglas buck cooper's colles pugh child norton morse becker leopold
    """
)

# Drug names: common generics and brands (never a name, even when capitalised).
DRUGS = _w(
    """
acetaminophen tylenol paracetamol ibuprofen advil motrin naproxen aleve aspirin asa
ketorolac toradol celecoxib celebrex morphine hydromorphone dilaudid oxycodone percocet
hydrocodone norco vicodin fentanyl tramadol ultram methadone buprenorphine suboxone
naloxone narcan gabapentin neurontin pregabalin lyrica lidocaine bupivacaine
amoxicillin augmentin ampicillin unasyn piperacillin tazobactam zosyn cefazolin ancef
ceftriaxone rocephin cefepime ceftazidime cephalexin keflex cefdinir vancomycin vanc
linezolid zyvox daptomycin doxycycline minocycline azithromycin zithromax zpak
clarithromycin erythromycin levofloxacin levaquin ciprofloxacin cipro moxifloxacin
metronidazole flagyl clindamycin bactrim tmp smx sulfamethoxazole trimethoprim
nitrofurantoin macrobid fosfomycin meropenem imipenem ertapenem aztreonam gentamicin
tobramycin amikacin rifampin isoniazid pyrazinamide ethambutol fluconazole diflucan
voriconazole micafungin caspofungin amphotericin acyclovir valacyclovir valtrex
oseltamivir tamiflu remdesivir paxlovid nirmatrelvir
metformin glucophage glipizide glyburide glimepiride sitagliptin januvia empagliflozin
jardiance dapagliflozin farxiga canagliflozin semaglutide ozempic wegovy rybelsus
liraglutide victoza dulaglutide trulicity tirzepatide mounjaro insulin glargine lantus
basaglar detemir levemir degludec tresiba lispro humalog aspart novolog regular nph
pioglitazone actos levothyroxine synthroid methimazole propylthiouracil ptu
lisinopril enalapril ramipril benazepril captopril losartan cozaar valsartan diovan
irbesartan olmesartan candesartan sacubitril entresto amlodipine norvasc nifedipine
diltiazem cardizem verapamil metoprolol lopressor toprol carvedilol coreg atenolol
propranolol labetalol bisoprolol nebivolol hydralazine isosorbide imdur nitroglycerin
nitro clonidine hydrochlorothiazide hctz chlorthalidone furosemide lasix bumetanide
bumex torsemide spironolactone aldactone eplerenone acetazolamide diamox mannitol
atorvastatin lipitor rosuvastatin crestor simvastatin zocor pravastatin ezetimibe zetia
clopidogrel plavix ticagrelor brilinta prasugrel heparin enoxaparin lovenox warfarin
coumadin apixaban eliquis rivaroxaban xarelto dabigatran pradaxa edoxaban alteplase tpa
tenecteplase amiodarone digoxin adenosine dofetilide sotalol flecainide procainamide
epinephrine norepinephrine levophed vasopressin phenylephrine dopamine dobutamine
milrinone atropine
omeprazole prilosec pantoprazole protonix esomeprazole nexium lansoprazole famotidine
pepcid ranitidine ondansetron zofran metoclopramide reglan prochlorperazine promethazine
phenergan senna sennosides docusate colace bisacodyl dulcolax polyethylene miralax
lactulose rifaximin loperamide imodium sucralfate simethicone octreotide
prednisone prednisolone methylprednisolone solumedrol dexamethasone decadron
hydrocortisone fludrocortisone budesonide fluticasone flovent advair symbicort
albuterol ventolin proair levalbuterol ipratropium atrovent duoneb tiotropium spiriva
montelukast singulair cetirizine zyrtec loratadine claritin fexofenadine allegra
diphenhydramine benadryl hydroxyzine famotidine
sertraline zoloft fluoxetine prozac citalopram celexa escitalopram lexapro paroxetine
paxil venlafaxine effexor duloxetine cymbalta bupropion wellbutrin mirtazapine remeron
trazodone amitriptyline nortriptyline lithium valproate depakote lamotrigine lamictal
levetiracetam keppra phenytoin dilantin carbamazepine tegretol oxcarbazepine topiramate
topamax lacosamide quetiapine seroquel olanzapine zyprexa risperidone risperdal
aripiprazole abilify haloperidol haldol ziprasidone clozapine lorazepam ativan
diazepam valium alprazolam xanax clonazepam klonopin midazolam versed zolpidem ambien
melatonin propofol ketamine etomidate succinylcholine rocuronium vecuronium
donepezil aricept memantine namenda carbidopa levodopa sinemet pramipexole ropinirole
sumatriptan imitrex methotrexate hydroxychloroquine plaquenil sulfasalazine
allopurinol febuxostat colchicine tamsulosin flomax finasteride oxybutynin
potassium kcl magnesium calcium phosphate bicarbonate sodium thiamine folate folic
cyanocobalamin iron ferrous vitamin cholecalciferol ergocalciferol zinc
tamoxifen letrozole anastrozole cisplatin carboplatin paclitaxel doxorubicin
cyclophosphamide rituximab pembrolizumab keytruda nivolumab trastuzumab herceptin
bevacizumab imatinib tacrolimus cyclosporine mycophenolate azathioprine sirolimus
adalimumab humira infliximab remicade etanercept enbrel
sildenafil viagra tadalafil cialis medroxyprogesterone estradiol progesterone
oxytocin pitocin misoprostol methylergonovine terbutaline nifedipine betamethasone
rhogam epoetin filgrastim neupogen
precedex dexmedetomidine cardene nicardipine clevidipine nimbex cisatracurium kcentra
robaxin methocarbamol flexeril cyclobenzaprine zanaflex tizanidine baclofen soma carisoprodol
mobic meloxicam voltaren diclofenac indomethacin mucinex guaifenesin sudafed tums maalox
senokot xifaxan creon pancrelipase compazine restoril temazepam buspar buspirone vimpat
requip mirapex proscar detrol tolterodine ditropan vesicare solifenacin myrbetriq
pravachol tricor fenofibrate lopid gemfibrozil niaspan niacin procardia tenormin inderal
zestril prinivil vasotec altace benicar avapro micardis telmisartan demadex microzide
hygroton nitrostat ranexa ranolazine lanoxin cordarone pacerone multaq dronedarone tikosyn
savaysa jantoven arixtra fondaparinux effient aggrenox pletal cilostazol trental janumet
invokana levoxyl tapazole fosamax alendronate boniva prolia denosumab medrol deltasone
flonase nasonex xyzal omnicef ceftin cefuroxime biaxin avelox cleocin vibramycin monurol
zovirax stelara ustekinumab imuran cellcept prograf neoral gleevec opdivo avastin rituxan
neulasta epogen procrit emend aprepitant marinol dronabinol megace megestrol oxycontin
duragesic geodon latuda lurasidone clozaril lithobid trileptal dicyclomine hyoscyamine
glycopyrrolate scopolamine meclizine famciclovir ganciclovir valganciclovir nystatin
clotrimazole terbinafine mupirocin bacitracin chlorhexidine permethrin ivermectin
albendazole mebendazole praziquantel chloroquine primaquine artemether atovaquone
pentamidine dapsone ribavirin sofosbuvir tenofovir emtricitabine dolutegravir biktarvy
bictegravir efavirenz lamivudine zidovudine abacavir raltegravir darunavir ritonavir
entecavir truvada descovy genvoya triumeq isentress prezista sustiva
naltrexone vivitrol acamprosate disulfiram antabuse varenicline chantix nicotine
ondansetron droperidol haloperidol olanzapine benztropine cogentin
glucagon dextrose d50 thiamine narcan flumazenil physostigmine atropine pralidoxime
vecuronium sugammadex bridion neostigmine glycopyrrolate labetalol esmolol brevibloc
nitroprusside nipride hydralazine apresoline clonidine catapres minoxidil doxazosin
cardura terazosin prazosin tamsulosin alfuzosin uroxatral oxybutynin bethanechol
"""
)

# Titles: the next capitalised word is a name.
TITLES = ("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sr", "sra", "srta")

# Role and relation words: a capitalised word right after one (maybe after a comma) is a name.
ROLES = _w(
    """
patient pt pts nurse rn np pa attending resident intern fellow student doctor surgeon
physician therapist pharmacist tech technician aide cna chaplain interpreter translator
coordinator manager receptionist paramedic emt midwife doula counselor counsellor
daughter son wife husband mother father mom mum dad brother sister sibling grandson
granddaughter grandmother grandfather grandma grandpa aunt uncle niece nephew cousin
partner boyfriend girlfriend fiance fiancee friend neighbor neighbour caregiver carer
guardian roommate colleague coworker co-worker boss landlord pcp chief preceptor mentor
named called name auntie aunty mama papa nana baba granny abuela abuelo tia tio
"""
)

# Words that make a cue for the facility being tied to a patient (in the same sentence).
PATIENT_TIES = _w(
    """
patient pt he she him her his hers they them their man woman boy girl baby infant child
gentleman lady mother father daughter son wife husband family transferred transfer admitted
discharged presented brought referred sent came lives lived resides resident arrived
followed seen returned readmitted flown airlifted transported taken living staying stays
stayed moved from osh records dialysis goes
"""
)

# Words after a place or name that make it an eponymous term, not a place or a person.
TERM_AFTER = """
criteria criterion score scores rule rules scale scales chromosome disease syndrome virus
fever classification protocol sign signs test maneuver manoeuvre reflex palsy lymphoma
sarcoma tumor tumour catheter line tube procedure operation stage staging questionnaire
index formula equation phenomenon triad pentad law curve method position incision
pouch lactate solution space node nodes cell cells duct ducts gland glands canal ligament
fascia triangle area zone hernia ulcer fracture jelly body bodies capsule nerve artery
vein loop membrane cyst nodules nodule tear repair anomaly malformation deformity
diverticulum point cycle syncope wort dance grade neuroma foot clamp inventory depression
anxiety rating forceps retractor needle suture knot shunt spotted murmur lesion lesions
spots spot stage stages
"""
TERM_AFTER_SET = frozenset(_w(TERM_AFTER))

US_STATES = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "PR": "Puerto Rico",
}
