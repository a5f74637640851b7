"""Word lists for the corpus generator: English text about UK welfare and
health policy.

Every list is ordered roughly from common to rare, because the generator draws
from it with Zipf-like weights (rank 1 most often). Together with the function
words in the sentence templates this gives a few thousand distinct words with
a natural, long-tailed frequency curve, which is what a search index sees in a
real campaign archive.
"""

# General nouns (singular). Plurals are derived in plural().
NOUNS = """
government people year time policy system report council support service
family child work claim benefit money change case week month health payment
rule decision minister department report figure rate cost cut scheme
problem issue evidence letter office review group charity community number
people area household tenant worker parent carer patient doctor nurse
hospital school job income home rent debt food advice adviser appeal
tribunal judge court law budget spending plan statement response question
answer meeting committee inquiry survey study analysis result increase
fall rise level target contract company provider firm agency authority
city town region country street house flat landlord officer staff manager
director chief secretary spokesperson campaigner volunteer member voter
election party opposition leader cabinet treasury chancellor bill vote
debate interview story account experience problem delay error mistake
failure success risk pressure crisis shortage gap impact effect reason
cause result outcome record data statistic estimate forecast projection
assessment process application form interview appointment meeting deadline
requirement condition threat warning complaint concern fear hope demand
right duty responsibility power control choice chance opportunity need
standard quality value price wage salary pension allowance grant loan
fund budget deficit surplus tax saving reform policy programme project
pilot trial scheme initiative campaign petition protest march rally
strike union employer employee contractor consultant expert academic
researcher economist lawyer solicitor barrister judge coroner inspector
auditor regulator watchdog ombudsman commissioner trustee chair board
panel network partnership alliance coalition organisation institution
body unit team branch centre clinic surgery ward practice pharmacy
ambulance emergency operation treatment therapy medication prescription
diagnosis condition illness disability injury pain stress anxiety
depression suicide death life mother father daughter son sister brother
partner husband wife grandmother neighbour friend stranger victim witness
citizen resident claimant applicant recipient user customer client
consumer taxpayer constituent generation childhood adult pensioner
student graduate apprentice trainee youngster teenager baby infant
morning evening night weekend holiday winter summer spring autumn
decade century period term session quarter deadline date day hour
minute moment stage step phase round wave series sequence pattern
trend shift move turn direction path route way approach method
strategy tactic measure action step effort attempt bid push drive
""".split()

NOUNS += """
backlog queue list register database file document letter email phone
call visit trip journey bus car train transport fuel energy bill
heating electricity gas water meter kitchen bedroom bathroom garden
window door roof wall floor damp mould repair maintenance property
estate building block street road village suburb district borough
county ward constituency parish neighbourhood high-street shop market
supermarket bank lender creditor bailiff loan overdraft arrears
balance account statement receipt invoice voucher parcel donation
shelf warehouse kitchen meal breakfast lunch dinner school uniform
clothing shoe coat blanket bed cot nappy formula medicine toiletry
sanitary product essential luxury comfort dignity respect shame
stigma humiliation anger frustration despair relief gratitude trust
confidence doubt suspicion hostility sympathy compassion kindness
cruelty neglect abuse harm damage loss grief hardship poverty
deprivation inequality injustice discrimination exclusion isolation
loneliness dependency independence autonomy resilience recovery
wellbeing welfare security safety protection safeguard guarantee
promise pledge commitment manifesto speech announcement press-release
headline article column editorial feature interview podcast broadcast
programme documentary footage photograph image video post comment
thread forum website page link source reference citation quote
remark claim allegation accusation denial admission apology
correction clarification update revision amendment clause section
paragraph chapter volume edition version draft copy summary conclusion
recommendation finding observation note memo briefing guidance
instruction manual handbook toolkit checklist template leaflet
booklet brochure poster banner placard sign slogan motto theme
topic subject matter question puzzle mystery secret leak whistleblower
insider source official civil-servant bureaucrat mandarin adviser
lobbyist donor sponsor investor shareholder owner boss executive
profit revenue turnover dividend bonus fee charge penalty fine
sanction suspension stoppage deduction clawback overpayment
underpayment entitlement eligibility threshold cap limit ceiling floor
band bracket tier category class type kind sort form version model
framework structure architecture infrastructure platform software
algorithm computer screen portal app login password identity
verification check test exam score mark grade point descriptor
criterion indicator metric benchmark baseline average median total
share proportion fraction majority minority half third quarter
percentage ratio count tally sample cohort population census
""".split()

NOUNS += """
accessibility accommodation accountability adjustment administration
admission adolescence advocacy affordability aftermath agreement aid
ailment allocation ambition amnesty anomaly anticipation apprenticeship
arbitration arrangement arthritis aspiration asthma asylum attendance
attitude austerity backlash bedsit bereavement blindness blueprint
bottleneck boundary breakdown bureaucracy burden caseload casualty
catalogue ceasefire certificate chaos charter checkpoint childcare
circumstance clampdown coercion cohesion collapse commissioning
compensation competence compliance complication compromise
concession conditionality confusion consensus consent consequence
consultation contingency continuity contradiction contribution
controversy convalescence coordination counselling courtroom
credibility criticism crossroads culture curriculum cutback deafness
deadlock deficiency degradation delegation dementia demolition
dependant deployment deterioration devolution diabetes dilemma
disadvantage disagreement disclosure discretion disparity dispute
disruption distress diversity downturn drawback dyslexia efficiency
emergency employability empowerment enforcement engagement enquiry
epidemic equality eviction exemption exhaustion expenditure
exploitation exposure fairness fatigue feasibility flexibility
fragmentation fraud fuel-poverty gatekeeping governance grievance
guardianship harassment heartbreak helpline heritage homelessness
hostel housing humility hunger hypocrisy illiteracy implementation
imprisonment incapacity incentive incompetence inconsistency
indifference ineligibility infection inflation insecurity inspection
insulin integration integrity intervention investigation invoice
irony jeopardy judgment jurisdiction justification labour landmark
legacy legislation legitimacy leukaemia liability literacy litigation
livelihood lockdown malnutrition mandate marginalisation maternity
medication mentor migration misery mobility modernisation momentum
monitoring morale mortality motivation negligence negotiation
nutrition obesity obligation obstacle occupancy oversight paperwork
paralysis parenthood participation paternity penury persecution
perseverance pilot placement pneumonia polarisation precarity
pregnancy prejudice premium prevention priority probation procurement
productivity prognosis prosecution prosperity provision prudence
psychiatrist psychologist punishment qualification quota rationing
readmission reassessment rebate recession reconsideration redundancy
referral refuge regeneration rehabilitation reimbursement rejection
relapse reliance remedy renovation repossession reputation resentment
reshuffle residency resignation restriction retirement retraining
revelation ruling scandal scrutiny segregation sensitivity settlement
shortfall sickness solidarity stability starvation stewardship
subsidy succession sufficiency supervision surveillance suspicion
sustainability tenancy tension testimony therapist transparency
trauma turmoil turnaround uncertainty underfunding unemployment
upheaval urgency viability vulnerability waiver wheelchair workforce
workload workplace
""".split()

ADJECTIVES = """
new local national public social private last other many more first
few key major recent current latest long young old high low small large
big good bad poor vulnerable disabled sick ill elderly single working
low-income unemployed homeless hungry desperate difficult hard harsh
strict tough unfair fair cruel punitive chaotic complex simple clear
serious severe significant substantial huge massive tiny modest
growing rising falling shrinking widespread common rare routine regular
frequent constant persistent chronic acute urgent immediate direct
indirect official unofficial independent internal external formal
informal political economic financial medical clinical mental physical
legal administrative digital online paper-based face-to-face remote
rural urban northern southern coastal inner-city deprived affluent
wealthy struggling hard-pressed overstretched underfunded understaffed
overwhelmed exhausted frustrated angry anxious worried frightened
confused isolated lonely proud ashamed grateful honest transparent
accountable responsible reasonable unreasonable lawful unlawful
appropriate inappropriate adequate inadequate sufficient insufficient
effective ineffective efficient inefficient successful failed flawed
broken damaging harmful dangerous safe secure stable fragile precarious
temporary permanent short-term long-term annual monthly weekly daily
previous former future early late initial final further additional
extra basic essential vital crucial critical central main primary
secondary minor specific particular general wider broader narrow
entire whole full partial total average typical normal unusual
extraordinary remarkable shocking alarming disturbing worrying
troubling concerning damning scathing critical supportive positive
negative mixed limited restricted open closed available unavailable
accessible inaccessible affordable unaffordable expensive cheap costly
free paid unpaid voluntary compulsory mandatory optional automatic
manual sudden gradual slow rapid quick swift delayed overdue late
""".split()

ADJECTIVES += """
absurd abusive accurate adversarial ageing aggressive alleged ambiguous
ambitious anonymous arbitrary arrogant ashamed austere avoidable
bewildering bitter blunt bureaucratic callous candid careless cautious
charitable cheerful coercive coherent compassionate competent
complacent comprehensive compulsive conditional confidential
conflicting considerable consistent contentious contradictory
controversial convincing crowded cumbersome cynical decent defensive
degrading deliberate democratic dependent destitute detailed
devastating dignified disabling disadvantaged discretionary
discriminatory dishonest disjointed dismissive disproportionate
distressing diverse draconian dreadful dubious durable earnest
elaborate elderly eligible embarrassing emotional empirical
enormous erratic escalating ethical evasive excessive exhaustive
expert explicit exploitative fearful feasible fierce fiscal flagship
flexible forensic fragmented fraudulent frontline fundamental generous
genuine grim grossly grotesque hasty heavy helpful hidden hopeful
hostile humane humiliating hypocritical ideological illegal
impartial imperfect impossible inaccurate incoherent incompetent
inconsistent indefensible indifferent inevitable inflexible
inhumane insecure insensitive intrusive invisible irrational
irresponsible isolated judicial landmark lasting lax legitimate
lengthy lenient lethal lifelong marginal meagre meaningful misleading
moral mundane needless negligent nervous nominal notorious
obsessive obvious ongoing opaque outdated outsourced painful
pandemic parliamentary patchy pernicious piecemeal pivotal plausible
pointless powerful pragmatic preventable profitable prolonged
prominent protracted provisional psychiatric punishing questionable
radical rampant reckless regressive relentless reluctant repeated
resilient robust ruthless scarce sceptical secretive selective
sensible shameful shoddy sizeable skilled sluggish sobering specialist
statutory stubborn subtle sustained systemic tangible tentative
terminal thorough tight timely toxic traumatic tribunal-bound
unacceptable unaccountable unannounced unanimous uncertain unclear
undemocratic unequal unexpected unfounded unhelpful unjust unlikely
unnecessary unprecedented unrealistic unsafe unsustainable unusual
unwelcome unworkable upbeat vague vast vicious visible volatile
wasteful weary welcome woeful wrongful
""".split()

# Verbs in base form; inflections come from inflect() with IRREGULAR.
VERBS = """
say make take give find show tell leave call ask seem feel try keep
begin help bring hold write provide include continue set change lead
understand watch follow stop create speak read allow add spend grow
open win offer remember consider appear buy serve die send expect build
stay fall cut reach remain suggest raise pass report decide pull
return explain hope develop carry break receive agree support hit
produce cover describe face claim reduce increase raise introduce
review reject refuse deny admit warn urge criticise defend accuse
blame challenge question investigate examine publish reveal expose
release confirm announce insist argue dismiss condemn welcome praise
back oppose scrap delay extend launch replace reform restore protect
improve worsen damage harm target punish sanction suspend stop withdraw
cap freeze cut slash axe trim boost double treble halve overturn
uphold appeal reconsider reassess assess inspect audit monitor track
measure estimate calculate forecast predict project outsource privatise
tender commission contract award renew terminate cancel abolish
implement enforce apply process handle manage administer deliver fund
finance subsidise pay owe recover reclaim deduct withhold overpay
underpay refund compensate apologise acknowledge recognise ignore
overlook neglect fail miss meet exceed breach violate comply consult
engage involve exclude include prioritise rank rate score judge rule
order direct instruct advise recommend propose plan design test pilot
trial expand shrink close merge split move relocate transfer refer
redirect signpost support rescue feed house shelter clothe care treat
diagnose prescribe discharge admit readmit wait queue struggle cope
survive suffer endure recover heal rebuild campaign protest march
lobby petition vote elect resign quit sack hire recruit train employ
dismiss strike negotiate settle resolve mediate sue prosecute convict
fine jail evict repossess borrow lend save invest waste squander
mislead misrepresent distort exaggerate downplay underestimate
undermine erode weaken strengthen tighten loosen relax toughen
simplify complicate streamline digitise automate scrutinise demand
""".split()

IRREGULAR = {
    "say": "said", "make": "made", "take": "taken", "give": "given",
    "find": "found", "tell": "told", "leave": "left", "keep": "kept",
    "begin": "begun", "bring": "brought", "hold": "held", "write": "written",
    "lead": "led", "understand": "understood", "speak": "spoken",
    "read": "read", "spend": "spent", "grow": "grown", "win": "won",
    "buy": "bought", "build": "built", "fall": "fallen", "cut": "cut",
    "break": "broken", "hit": "hit", "set": "set", "send": "sent",
    "feel": "felt", "meet": "met", "pay": "paid", "lend": "lent",
    "quit": "quit", "show": "shown", "overpay": "overpaid",
    "underpay": "underpaid", "mislead": "misled", "undertake": "undertaken",
    "overlook": "overlooked", "withhold": "withheld", "uphold": "upheld",
    "overturn": "overturned", "feed": "fed", "shrink": "shrunk",
    "split": "split", "withdraw": "withdrawn", "freeze": "frozen",
    "strike": "struck",
}
# Simple past where it differs from the participle above.
IRREGULAR_PAST = {
    "take": "took", "give": "gave", "begin": "began", "write": "wrote",
    "speak": "spoke", "grow": "grew", "fall": "fell", "break": "broke",
    "show": "showed", "shrink": "shrank", "withdraw": "withdrew",
    "freeze": "froze",
}
# Verbs whose last consonant doubles before -ed and -ing.
DOUBLING = {"stop", "plan", "scrap", "trim", "cap", "admit", "readmit", "drop"}

ADVERBS = """
now also still only just even already again quickly sharply steadily
significantly repeatedly consistently increasingly largely mostly
partly fully entirely completely almost nearly roughly around about
openly privately publicly quietly formally informally officially
reportedly allegedly apparently clearly plainly simply directly
deliberately wrongly unlawfully unfairly harshly routinely regularly
frequently rarely seldom never always often sometimes usually
eventually finally recently lately previously initially originally
immediately urgently promptly belatedly slowly gradually suddenly
dramatically drastically substantially marginally slightly barely
hardly scarcely badly seriously severely heavily lightly strongly
firmly fiercely bitterly angrily sadly tragically shamefully
""".split()

# Policy vocabulary shared by every topic.
DOMAIN = """
jobcentre sanctions privatisation austerity claimants caseworkers
welfare benefits foodbanks outsourcing conditionality deductions
reassessments tribunals appeals assessors contractors descriptors
means-testing safeguarding commissioning tendering
""".split()

DOMAIN_PHRASES = [
    "benefit sanctions", "the welfare state", "the benefits system",
    "the Department for Work and Pensions", "the DWP", "Universal Credit",
    "the jobcentre", "Jobcentre Plus", "the NHS", "the work capability assessment",
    "personal independence payment", "employment and support allowance",
    "the bedroom tax", "the benefit cap", "food banks", "housing benefit",
    "the two-child limit", "council tax support", "the Work Programme",
    "mandatory reconsideration", "the five-week wait", "advance payments",
    "work coaches", "the claimant commitment", "social care", "mental health services",
    "the Treasury", "welfare reform", "privatisation", "outsourcing contracts",
    "disability benefits", "child poverty", "in-work poverty", "the living wage",
    "zero-hours contracts", "the Health and Social Care Act", "waiting lists",
    "A&E departments", "GP surgeries", "integrated care boards", "private providers",
    "local authorities", "housing associations", "temporary accommodation",
    "rent arrears", "legal aid", "the tribunal service", "Carer's Allowance",
    "the state pension", "pension credit", "cost of living payments",
    "the National Audit Office", "the Work and Pensions Committee",
    "the Public Accounts Committee", "the Office for Budget Responsibility",
    "the Social Security Advisory Committee", "the Equality and Human Rights Commission",
]

# Topics: slug -> (name, description, phrases with weights, extra body phrases).
TOPICS = {
    "welfare-conditionality": (
        "Welfare conditionality",
        "Sanctions, claimant commitments and the conditions attached to benefits.",
        {"benefit sanctions": 3.0, "work capability assessment": 3.0,
         "jobcentre": 2.0, "claimant commitment": 2.0, "sanction referral": 1.5},
        ["benefit sanctions", "the work capability assessment", "the jobcentre",
         "the claimant commitment", "sanction referrals", "work coaches",
         "hardship payments", "mandatory reconsideration", "the conditionality regime",
         "jobcentre appointments", "sanctioned claimants", "sanction rates"],
    ),
    "universal-credit": (
        "Universal Credit",
        "The roll-out of Universal Credit, the five-week wait and deductions.",
        {"universal credit": 3.0, "five-week wait": 2.5, "managed migration": 2.0,
         "advance payment": 1.5, "two-child limit": 2.0},
        ["Universal Credit", "the five-week wait", "managed migration",
         "advance payments", "the two-child limit", "the housing element",
         "the online journal", "assessment periods", "the taper rate",
         "deductions from Universal Credit", "the benefit cap", "legacy benefits"],
    ),
    "disability-benefits": (
        "Disability benefits",
        "PIP, ESA and the assessments disabled people go through.",
        {"personal independence payment": 3.0, "pip assessment": 3.0,
         "employment and support allowance": 2.5, "disability": 1.5,
         "tribunal": 1.5},
        ["personal independence payment", "PIP assessments", "employment and support allowance",
         "the assessment descriptors", "Motability cars", "tribunal appeals",
         "assessment providers", "disabled claimants", "the mobility component",
         "the daily living component", "face-to-face assessments", "health assessors"],
    ),
    "nhs-privatisation": (
        "NHS privatisation",
        "Outsourcing, private providers and contracts in the health service.",
        {"privatisation": 3.0, "private providers": 2.5, "outsourcing": 2.5,
         "nhs contracts": 2.0, "tendering": 1.5},
        ["privatisation", "private providers", "outsourcing", "NHS contracts",
         "competitive tendering", "integrated care boards", "waiting lists",
         "the Health and Social Care Act", "private hospitals", "clinical commissioning groups",
         "NHS trusts", "the internal market"],
    ),
    "housing-poverty": (
        "Housing and poverty",
        "The bedroom tax, food banks, rent arrears and destitution.",
        {"bedroom tax": 3.0, "food banks": 2.5, "local housing allowance": 2.0,
         "rent arrears": 2.0, "destitution": 1.5},
        ["the bedroom tax", "food banks", "the local housing allowance", "rent arrears",
         "temporary accommodation", "destitution", "council tax support", "evictions",
         "the spare room subsidy", "discretionary housing payments", "fuel poverty",
         "homelessness services"],
    ),
    "mental-health": (
        "Mental health and social care",
        "Mental health services, social care and unpaid carers.",
        {"mental health": 3.0, "social care": 2.5, "carer's allowance": 2.0,
         "crisis team": 1.5, "talking therapies": 1.5},
        ["mental health services", "social care", "Carer's Allowance", "crisis teams",
         "talking therapies", "care packages", "unpaid carers", "waiting times",
         "community mental health teams", "care homes", "home care visits",
         "psychiatric beds"],
    ),
}

FIRST_NAMES = """
Jane John Sarah David Emma James Helen Michael Laura Paul Rachel Mark
Claire Peter Karen Andrew Louise Richard Nicola Stephen Joanne Simon
Amy Christopher Rebecca Daniel Hannah Matthew Sophie Thomas Lucy Gareth
Siobhan Aled Fiona Callum Priya Imran Aisha Tariq Mei Kwame Grace Liam
Niamh Ewan Morag Dylan Rhiannon Bronwen Owen Harriet Oliver Ruth Frances
Patrick Bernadette Declan Shona Alistair Zainab Yusuf Olu Chidi Ines
""".split()

LAST_NAMES = """
Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright
Thompson Evans Walker White Roberts Green Hall Wood Jackson Clarke Patel
Khan Hughes Edwards Lewis Harris Martin Cooper Morris Ward Turner Hill
Campbell Stewart MacDonald Murray Reid Ferguson O'Brien Byrne Kelly
Doyle Gallagher Ahmed Hussain Begum Okafor Mensah Nowak Kowalski Chen
Singh Kaur Rees Price Griffiths Jenkins Pritchard Fraser Duncan Baxter
""".split()

PLACES = """
London Birmingham Manchester Liverpool Leeds Sheffield Bristol Newcastle
Glasgow Edinburgh Cardiff Belfast Nottingham Leicester Coventry Bradford
Hull Stoke Wolverhampton Plymouth Southampton Portsmouth Derby Sunderland
Middlesbrough Blackpool Blackburn Bolton Wigan Oldham Rochdale Salford
Stockport Preston Burnley Doncaster Rotherham Barnsley Wakefield Halifax
Huddersfield Grimsby Scunthorpe Lincoln Norwich Ipswich Peterborough Luton
Swindon Reading Oxford Cambridge Exeter Torquay Truro Hastings Margate
Dundee Aberdeen Inverness Paisley Swansea Newport Wrexham Merthyr Derry
Gateshead Hartlepool Carlisle Workington Barrow Jarrow Tottenham Hackney
Lambeth Southwark Newham Croydon Brent Islington Tower-Hamlets Haringey
""".split()

PUBLISHERS = [
    "The Bugle", "The Northern Echo Line", "Welfare Weekly", "The Evening Ledger",
    "The Daily Dispatch", "Disability News Desk", "The Morning Herald",
    "The Valley Voice", "Health Service Journal Digest", "The Sunday Courier",
    "The Public Interest", "Tenants' Gazette", "The Clarion", "The Observer Post",
    "Community Care Review", "The Midlands Bulletin", "The Scottish Record",
    "The Welsh Chronicle", "The Coastal Times", "Campaign News", "The Pennine Post",
    "Poverty Watch", "The Metro Gazette", "The Citizen", "The Independent Voice",
    "Social Policy Blog", "The Riverside Star", "The Capital Standard",
]

ORGANISATIONS = [
    "the DWP", "the Department of Health", "NHS England", "the Treasury",
    "the National Audit Office", "the Work and Pensions Committee",
    "the Public Accounts Committee", "the Trussell Trust", "Citizens Advice",
    "Shelter", "Mind", "Scope", "Disability Rights UK", "the Resolution Foundation",
    "the Institute for Fiscal Studies", "the Joseph Rowntree Foundation",
    "the King's Fund", "the Nuffield Trust", "the Health Foundation",
    "the Local Government Association", "the Child Poverty Action Group",
    "Carers UK", "Age UK", "the Royal College of Nursing", "the BMA",
    "the Unite union", "PCS", "Unison", "the Equality and Human Rights Commission",
    "the Social Security Advisory Committee", "the Office for National Statistics",
    "the Office for Budget Responsibility", "Maximus", "Capita", "Atos", "Serco",
    "the High Court", "the Court of Appeal", "the Supreme Court", "the ombudsman",
    "local councils", "the food bank network", "a cross-party group of MPs",
]

ROLES = [
    "a spokesperson", "the chief executive", "the director of policy",
    "a senior researcher", "the campaigns manager", "a welfare rights adviser",
    "the shadow work and pensions secretary", "the minister for disabled people",
    "the chair", "a local councillor", "the MP", "a union representative",
    "a former work coach", "a GP", "a consultant psychiatrist", "a food bank manager",
    "a housing officer", "a benefits lawyer", "a volunteer", "the secretary of state",
]

CODE_LANGS = ["text", "csv", "json", "sql", "python"]
