"""Sentence and headline writer: fills templates with Zipf-weighted words.

Kept apart from generate.py so the corpus layout code stays short; this module
only knows how to produce plausible English about welfare and health policy.
"""

import bisect
import itertools
import re

import vocab

SENTENCES = [
    "{O} {V} the {A} {N} in {PL}.",
    "The {N} {V} {D} {R} last year.",
    "According to {O}, {NUM} {Ns} in {PL} were {Vp} by {D}.",
    "{Dc} has {Vp} the {N} of {A} {Ns}, {O} said.",
    "Campaigners say {D} {Vz} {A} {Ns} and {Vz} the {N} for {Ns}.",
    "The number of {Ns} {V} by {PCT} between {YEAR} and {YEAR}.",
    "In {PL}, {A} {Ns} {V} {A} {Ns} after {D} was {Vp}.",
    "It is not the first time {O} has {Vp} {D}.",
    "{P}, {ROLE} at {O}, said the {N} was \u201c{A} and {A}\u201d.",
    "\u201cWe {Vb} {Ns} every {N},\u201d said {P}, {ROLE}.",
    "Figures {Vp} by {O} show {NUM} {Ns} {V} {D} in {YEAR}.",
    "The {N} will cost {MONEY} over {SMALL} years.",
    "{O} {V} the {N} as \u201c{A}\u201d.",
    "Many {Ns} {Vb} that {D} {Vz} {R}.",
    "The {A} {N} was {R} {Vp} in {YEAR}.",
    "She said: \u201cI {V} the {N} and they {V} my {N}.\u201d",
    "He {V} {NUM} {Ns} before the {N} {V} his {N}.",
    "There are now {NUM} {Ns} waiting for {D}.",
    "A {A} {N} of {Ns} {V} that {PCT} had {Vp} {D}.",
    "{O} {R} {V} the {N}, but {Ns} {V} {R}.",
    "The {N} of {D} has been {A} for {Ns} and their {Ns}.",
    "Ministers {V} the {N} would {Vb} {NUM} {Ns} and {Vb} {MONEY} a year.",
    "Critics {V} that {D} was {A}, {A} and {A}.",
    "The {A} {N} {Vz} to {Vb} the {N} of {D}.",
    "This {N} {Vz} the {A} {N} that {Ns} {V} during {D}.",
    "For {A} {Ns} in {PL}, the {N} {Vz} {A} {Ns}.",
    "Last month, {O} {V} a {N} into {D}.",
    "The {N} {V} {Ns} to {Vb} their {N} within {SMALL} weeks.",
    "{P} {V} {SMALL} {Ns} on {D} in {YEAR}.",
    "Asked about the {N}, {ROLE} said the {N} was {Vg} {R}.",
    "When {D} was {Vp}, {Ns} {V} the {N}.",
    "Without {D}, {Ns} {Vb} {Ns} and {Vb} {A} {Ns}.",
    "The {N} is {Vg} {Ns} in {PL} and {PL}.",
    "More than {NUM} {Ns} have been {Vp} since {YEAR}.",
    "{O} {V}: \u201cThe {N} {Vz} {A} {Ns}.\u201d",
    "The {LINK} {V} that {D} {Vz} {A} {Ns}.",
    "{O} {V} {LINK} in {YEAR}, {Vg} the {N} of {Ns}.",
    "As {LINK} {Vz}, the {N} is **{A}** for {Ns}.",
    "It was a *{A}* {N}, and the {Ns} {V} it.",
    "Between {YEAR} and {YEAR}, {D} {V} {PCT} of {Ns} in {PL}.",
]

HEADLINES = [
    "{Dc} {Vz} {A} {Ns}",
    "{Ns} in {PL} {Vp} by {D}",
    "{Oc} {V} over {D}",
    "{NUM} {Ns} {Vp} by {D}",
    "{Ac} {N} for {Ns} as {D} {Vz}",
    "{Dc}: {A} {Ns} {Vb} {Ns}",
    "Why {D} {Vz} {Ns}",
    "{Dc} {Vz} again",
    "{P} on the {A} {N} of {D}",
    "{Ac} {Ns} and {D} in {PL}",
    "{Oc} to {Vb} {D} after {A} {N}",
    "{PCT} of {Ns} {Vp} by {D}, {O} says",
]

COMMENTS = [
    "This happened to my {N} too.",
    "{Dc} is a disgrace.",
    "My {N} was {Vp} after {SMALL} weeks and nobody {V} us.",
    "I worked at the jobcentre for {SMALL} years and this is {A}.",
    "Same here in {PL}, the {N} {Vz} {A}.",
    "Thank you for writing about {D}.",
    "Who {V} the {A} {N}? Nobody, as usual.",
    "We {V} the {N} and they {V} our {N}.",
]

SLOT = re.compile(r"\{(\w+)\}")


def zipf_cum(n, s=1.0, offset=1.5):
    """Cumulative Zipf-Mandelbrot weights: a long-tailed draw over n ranks."""
    return list(itertools.accumulate(1.0 / (r + offset) ** s for r in range(n)))


PLURALS = {
    "child": "children", "people": "people", "data": "data", "staff": "staff",
    "life": "lives", "wife": "wives", "half": "halves", "shelf": "shelves",
    "evidence": "evidence", "money": "money", "advice": "advice",
    "health": "health", "welfare": "welfare", "food": "food", "clothing": "clothing",
    "electricity": "electricity", "paperwork": "paperwork", "hunger": "hunger",
}


def plural(noun):
    """English plural, good enough for the noun list (keeps words realistic)."""
    if noun in PLURALS:
        return PLURALS[noun]
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def inflect(verb):
    """(past, participle, third person, gerund) of a base verb."""
    if verb.endswith("ee"):
        regular, gerund = verb + "d", verb + "ing"
    elif verb == "die":
        regular, gerund = "died", "dying"
    elif verb.endswith("e"):
        regular, gerund = verb + "d", verb[:-1] + "ing"
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        regular, gerund = verb[:-1] + "ied", verb + "ing"
    elif verb in vocab.DOUBLING:
        regular, gerund = verb + verb[-1] + "ed", verb + verb[-1] + "ing"
    else:
        regular, gerund = verb + "ed", verb + "ing"
    participle = vocab.IRREGULAR.get(verb, regular)
    past = vocab.IRREGULAR_PAST.get(verb, participle)
    if verb.endswith(("s", "x", "ch", "sh")):
        third = verb + "es"
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        third = verb[:-1] + "ies"
    else:
        third = verb + "s"
    return past, participle, third, gerund


def compile_templates(templates):
    """Split templates once into literal parts and slot names (speed)."""
    out = []
    for t in templates:
        parts = SLOT.split(t)
        out.append((parts[0::2], parts[1::2]))
    return out


def unique(words):
    """Drop repeated entries, keeping the first (frequency) position."""
    return list(dict.fromkeys(words))


def cap(s):
    """Upper-case the first letter, leaving the rest alone (for 'the DWP')."""
    return s[:1].upper() + s[1:]


class Writer:
    """Draws words and fills templates; one per process, state-free per call
    (all randomness comes from the rng passed in, so output is deterministic).
    """

    def __init__(self, topic_slugs):
        nouns = unique(vocab.NOUNS)
        verbs = unique(vocab.VERBS)
        forms = [inflect(v) for v in verbs]
        self.pools = {
            "N": nouns,
            "Ns": [plural(n) for n in nouns],
            "A": unique(vocab.ADJECTIVES),
            "V": [f[0] for f in forms],
            "Vp": [f[1] for f in forms],
            "Vz": [f[2] for f in forms],
            "Vg": [f[3] for f in forms],
            "Vb": verbs,
            "R": vocab.ADVERBS,
            "O": vocab.ORGANISATIONS,
            "PL": vocab.PLACES,
            "ROLE": vocab.ROLES,
            "GD": vocab.DOMAIN_PHRASES + vocab.DOMAIN,
            "FIRST": vocab.FIRST_NAMES,
            "LAST": vocab.LAST_NAMES,
        }
        for slug in topic_slugs:
            self.pools["T:" + slug] = vocab.TOPICS[slug][3]
        self.cums = {k: zipf_cum(len(v)) for k, v in self.pools.items()}
        self.sentences = compile_templates(SENTENCES)
        self.sentence_cum = zipf_cum(len(SENTENCES), s=0.3)
        self.headlines = compile_templates(HEADLINES)
        self.comments = compile_templates(COMMENTS)

    def pick(self, rng, pool):
        """One Zipf-weighted draw from a named pool."""
        cum = self.cums[pool]
        return self.pools[pool][bisect.bisect_right(cum, rng.random() * cum[-1])]

    def person(self, rng):
        """A plausible full name (first and last drawn independently)."""
        return f"{self.pick(rng, 'FIRST')} {self.pick(rng, 'LAST')}"

    def domain(self, rng, topic):
        """A policy phrase, biased towards the article's own topic."""
        if topic and rng.random() < 0.6:
            return self.pick(rng, "T:" + topic)
        return self.pick(rng, "GD")

    def slot(self, rng, name, topic):
        """Fill one template slot."""
        if name in self.pools:
            return self.pick(rng, name)
        if name == "D":
            return self.domain(rng, topic)
        if name == "Dc":
            return cap(self.domain(rng, topic))
        if name == "Oc":
            return cap(self.pick(rng, "O"))
        if name == "Ac":
            return cap(self.pick(rng, "A"))
        if name == "P":
            return self.person(rng)
        if name == "NUM":
            return f"{int(10 ** (1 + rng.random() * 5)):,}"
        if name == "PCT":
            return f"{rng.randint(2, 95)} per cent"
        if name == "MONEY":
            return rng.choice(["\u00a3{}m", "\u00a3{}bn", "\u00a3{}"]).format(rng.randint(2, 900))
        if name == "SMALL":
            return str(rng.randint(2, 12))
        if name == "YEAR":
            return str(rng.randint(2008, 2024))
        if name == "LINK":
            text = self.domain(rng, topic).removeprefix("the ")
            return f"[{text}](https://example.org/reports/{rng.randint(1, 99999)})"
        raise KeyError(name)

    def fill(self, rng, template, topic):
        """Interleave a compiled template's literals with filled slots."""
        literals, slots = template
        out = [literals[0]]
        for name, lit in zip(slots, literals[1:]):
            out.append(self.slot(rng, name, topic))
            out.append(lit)
        return "".join(out)

    def sentence(self, rng, topic):
        """One body sentence; templates are Zipf-weighted too."""
        cum = self.sentence_cum
        t = self.sentences[bisect.bisect_right(cum, rng.random() * cum[-1])]
        return cap(self.fill(rng, t, topic))

    def headline(self, rng, topic):
        """An article title."""
        return cap(self.fill(rng, rng.choice(self.headlines), topic))

    def comment(self, rng, topic):
        """A reader response: one informal line plus a body sentence or two."""
        parts = [self.fill(rng, rng.choice(self.comments), topic)]
        parts += [self.sentence(rng, topic) for _ in range(rng.randint(0, 3))]
        return " ".join(parts)
