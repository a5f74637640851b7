"""Deterministic generator of campaign archives in pamphlet's content format.

    python3 bench/generate.py --n 1000 --seed 42 --out /tmp/corpus

writes OUT/site/{book.toml,content/*.md} (the pamphlet site), OUT/seeds/*.txt
(the same articles as pasted plain-text pages, for `pamphlet import`) and
OUT/corpus.json (what was generated). Article i depends only on (seed, i, n), so
the corpus is identical whatever the number of worker processes.

    python3 bench/generate.py --corpus adversarial --n 1000 --out /tmp/adv

writes an archive that shares what real coverage shares (issue 17): about 30% of
articles quote one of a few stock statements, press-release paragraphs are reused
by several articles, a quarter of the articles carry one of n/20 stories (the
same core text with an outlet's own intro), titles come from a few templates, and
file names are long (over 80 characters, with no `slug:`, so the file name is the
address).
"""

import argparse
import bisect
import datetime
import json
import os
import random
import re
import shutil
from concurrent.futures import ProcessPoolExecutor

import text
import vocab

# Bump when the output changes, so cached corpora are regenerated.
GENERATOR_VERSION = 2
CORPORA = ("friendly", "adversarial")

# The adversarial corpus: stock statements quoted across the archive...
STOCK = [
    'A DWP spokesperson said: "We are committed to supporting people into work and our reforms '
    'ensure that those who can work are helped to do so while protecting the most vulnerable."',
    'A Department for Work and Pensions spokesperson said: "Sanctions are only used in a small '
    'percentage of cases and the vast majority of claimants meet their commitments."',
    'A government spokesperson said: "We are spending over 95 billion pounds a year on working age '
    'benefits and we continue to support those who need it most."',
    'An NHS England spokesperson said: "Patients will continue to receive high quality care free at '
    'the point of use, whoever provides it, and we keep every contract under review."',
]
# ...and headlines built on the same few patterns.
TITLE_TEMPLATES = [
    "DWP accused of failing {who} in {place} after {count} {things}",
    "{place} campaigners condemn {policy} as figures show {count} {who} affected",
    "Figures reveal {count} {who} in {place} hit by {policy}",
    "Minister refuses to publish {policy} figures for {place} despite {count} {things}",
    "{place} food bank warns {policy} is pushing {who} into crisis",
]
WHO = ["disabled claimants", "single parents", "carers", "pensioners", "young people",
       "working families", "cancer patients", "tenants"]
POLICY = ["Universal Credit", "the benefit cap", "sanctions", "the bedroom tax", "PIP reassessments",
          "the two-child limit", "outsourced assessments", "the five-week wait"]
THINGS = ["appeals", "deaths", "complaints", "tribunal defeats", "sanctions", "evictions"]
START_DATE = datetime.date(2010, 1, 1)
SPAN_DAYS = 15 * 365 + 3  # 2010-01-01 .. 2024-12-31
MEAN_WORDS = 930

_writer = None  # per-process text.Writer, built by _init_worker


def choose_topics(seed):
    """3 to 6 of the known topics, fixed by the seed (book.toml lists them)."""
    rng = random.Random(f"{seed}:topics")
    slugs = list(vocab.TOPICS)
    k = rng.randint(3, 6)
    return [s for s in slugs if s in set(rng.sample(slugs, k))]


def tag_names():
    """A few hundred tags, most common first, so a Zipf draw gives a long tail."""
    core = [
        "DWP", "Universal Credit", "Sanctions", "NHS", "PIP", "ESA", "Food banks",
        "Austerity", "Jobcentre", "Disability", "Privatisation", "Bedroom tax",
        "Benefit cap", "Child poverty", "Mental health", "Social care", "Housing",
        "Work capability assessment", "Tribunals", "Mandatory reconsideration",
        "Two-child limit", "Carer's Allowance", "Homelessness", "Outsourcing",
        "Welfare reform", "Atos", "Capita", "Maximus", "Work Programme",
        "Legal aid", "Pensions", "Cost of living", "Poverty", "Waiting lists",
        "Deaths", "Suicide", "Freedom of information", "Select committee",
        "National Audit Office", "Court ruling", "Protest", "Unions", "Councils",
        "Rent arrears", "Evictions", "Fuel poverty", "Zero-hours contracts",
        "Low pay", "Statistics", "Budget", "Spending review", "Elections",
        "Motability", "Advance payments", "Managed migration", "Five-week wait",
        "Deductions", "Overpayments", "Fraud", "Claimant commitment",
    ]
    rest = [o.removeprefix("the ").removeprefix("a ") for o in vocab.ORGANISATIONS]
    rest += [p.replace("-", " ") for p in vocab.PLACES]
    rest += [f"{p.replace('-', ' ')} council" for p in vocab.PLACES[:45]]
    rest += [f"{p.replace('-', ' ')} food bank" for p in vocab.PLACES[10:40]]
    rest += [f"{f} {l}" for f, l in zip(vocab.FIRST_NAMES[::2], vocab.LAST_NAMES[5::2])]
    rest = [t[:1].upper() + t[1:] for t in dict.fromkeys(rest) if t not in core]
    random.Random("tags").shuffle(rest)
    return core + rest


def slugify(s, limit=60):
    """URL slug from a title (lower-case ASCII words joined by hyphens)."""
    words = re.sub(r"[^a-z0-9]+", " ", s.lower()).split()
    out = ""
    for w in words:
        if len(out) + len(w) + 1 > limit:
            break
        out = f"{out}-{w}" if out else w
    return out or "article"


def yaml_str(s):
    """A YAML scalar: plain when safe, double-quoted otherwise."""
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 .()'&-]*", s) and not s.endswith(" "):
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def pick_tags(rng, tags, cum):
    """1 to 6 distinct tags, Zipf-weighted over the tag ranks."""
    k = rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5, 6])
    chosen = []
    while len(chosen) < k:
        t = tags[bisect.bisect_right(cum, rng.random() * cum[-1])]
        if t not in chosen:
            chosen.append(t)
    return chosen


def make_blocks(rng, w, topic, target_words):
    """The Markdown body as blocks: paragraphs, headings, lists, quotes, code."""
    blocks, words = [], 0
    has_code = rng.random() < 0.05
    while words < target_words:
        r = rng.random()
        if blocks and r < 0.06 and blocks[-1][0] != "h":
            block = ("h", f"{text.cap(w.pick(rng, 'A'))} {w.pick(rng, 'Ns')}")
        elif blocks and r < 0.13:
            kind = "ol" if rng.random() < 0.3 else "ul"
            block = (kind, [w.sentence(rng, topic) for _ in range(rng.randint(3, 6))])
        elif blocks and r < 0.19:
            block = ("quote", [w.sentence(rng, topic) for _ in range(rng.randint(1, 3))])
        elif blocks and has_code and r < 0.25:
            has_code = False
            block = ("code",) + code_block(rng, w)
        else:
            block = ("p", [w.sentence(rng, topic) for _ in range(rng.randint(2, 6))])
        blocks.append(block)
        words += sum(s.count(" ") + 1 for s in block[1]) if block[0] in ("p", "ul", "ol", "quote") else 3
    return blocks, words


def code_block(rng, w):
    """A small fenced block, as campaigners paste figures or queries."""
    lang = rng.choice(vocab.CODE_LANGS)
    years = range(rng.randint(2010, 2018), 2025)
    if lang == "csv":
        rows = ["year,claimants,sanctions"] + [
            f"{y},{rng.randint(1000, 90000)},{rng.randint(10, 9000)}" for y in years]
    elif lang == "json":
        rows = ["{", f'  "region": "{w.pick(rng, "PL")}",',
                f'  "sanctions": {rng.randint(10, 9000)},', f'  "appeals_won": {rng.randint(1, 99)}', "}"]
    elif lang == "sql":
        rows = ["SELECT region, count(*) AS sanctions", "FROM decisions",
                f"WHERE year >= {years[0]} AND outcome = 'adverse'", "GROUP BY region;"]
    elif lang == "python":
        rows = [f"rate = sanctioned / claimants  # {w.pick(rng, 'PL')}", "print(f'{rate:.1%}')"]
    else:
        rows = [w.sentence(rng, None) for _ in range(rng.randint(2, 4))]
    return lang, rows


def adversarial(a, seed, i, n, rng):
    """Turn article i into one of the adversarial corpus (see the module doc)."""
    w = _writer
    topic = a["topics"][0] if a["topics"] else None
    a["title"] = rng.choice(TITLE_TEMPLATES).format(
        who=rng.choice(WHO), place=text.cap(rng.choice(vocab.PLACES).replace("-", " ")),
        policy=rng.choice(POLICY), things=rng.choice(THINGS), count=f"{rng.randint(2, 90) * 100:,}")
    # Long file names: the headline, the outlet and the date, and the number.
    a["slug"] = f"{slugify(a['title'], 200)}-{slugify(a['publisher'], 40)}-{a['date'].isoformat()}-{i + 1}"
    blocks = a["blocks"][:6]
    if rng.random() < 0.25:
        # One of n/20 stories: its core text, the same in every article that carries it.
        story = rng.randrange(max(1, n // 20))
        srng = random.Random(f"{seed}:story:{story}")
        core = [("p", [w.sentence(srng, topic) for _ in range(srng.randint(3, 5))]) for _ in range(4)]
        blocks = blocks[:1] + core
    if rng.random() < 0.4:
        # Press-release paragraphs, each reused by about eight articles.
        for _ in range(rng.randint(1, 2)):
            k = rng.randrange(max(1, n // 8))
            prng = random.Random(f"{seed}:release:{k}")
            blocks.insert(rng.randint(1, len(blocks)), ("p", [w.sentence(prng, topic) for _ in range(3)]))
    if rng.random() < 0.3:
        blocks.append(("p", [rng.choice(STOCK)]))
    a["blocks"] = blocks
    a["words"] = sum(s.count(" ") + 1 for b in blocks if b[0] in ("p", "ul", "ol", "quote") for s in b[1])
    a["source"] = f"https://www.{slugify(a['publisher'], 30)}.example/news/{a['date'].year}/{i + 1}"
    a["own_slug"] = False
    return a


def make_article(seed, i, topics, tags, tag_cum, corpus="friendly", n=0):
    """Article i as a dict; all randomness from Random('seed:i') (and n, adversarial)."""
    w = _writer
    rng = random.Random(f"{seed}:{i}")
    r = rng.random()
    article_topics = []
    if r > 0.05:
        article_topics.append(topics[min(int(rng.paretovariate(1.2)) - 1, len(topics) - 1)])
        if rng.random() < 0.3:
            other = rng.choice(topics)
            if other not in article_topics:
                article_topics.append(other)
    topic = article_topics[0] if article_topics else None
    title = w.headline(rng, topic)
    day = START_DATE + datetime.timedelta(days=int(SPAN_DAYS * rng.random() ** 0.85))
    publisher = rng.choice(vocab.PUBLISHERS)
    target = min(max(int(rng.lognormvariate(6.655, 0.6)), 60), 9000)
    blocks, words = make_blocks(rng, w, topic, target)
    n_comments = min(1 + int(rng.expovariate(1 / 2.5)), 40) if rng.random() < 0.35 else 0
    slug = f"{slugify(title)}-{i + 1}"
    a = {
        "i": i, "title": title, "slug": slug, "date": day,
        "author": w.person(rng), "publisher": publisher,
        "source": f"https://www.{slugify(publisher, 30)}.example/news/{day.year}/{slug}",
        "topics": article_topics, "tags": pick_tags(rng, tags, tag_cum),
        "summary": " ".join(w.sentence(rng, topic) for _ in range(rng.randint(1, 2))),
        "blocks": blocks, "words": words,
        "comments": [(w.person(rng), w.comment(rng, topic)) for _ in range(n_comments)],
        "own_slug": True,
    }
    if corpus == "adversarial":
        return adversarial(a, seed, i, n, random.Random(f"{seed}:{i}:adversarial"))
    return a


def render_markdown(a):
    """pamphlet's content file: YAML front matter, Markdown, reader responses."""
    fm = ["---", f"title: {yaml_str(a['title'])}"] + ([f"slug: {a['slug']}"] if a["own_slug"] else []) + [
          f"date: {a['date'].isoformat()}", f"author: {yaml_str(a['author'])}",
          f"publisher: {yaml_str(a['publisher'])}", f"source: {a['source']}"]
    if a["topics"]:
        fm += ["topics:"] + [f"- {t}" for t in a["topics"]]
    fm += ["tags:"] + [f"- {yaml_str(t)}" for t in a["tags"]]
    fm += [f"summary: {yaml_str(strip_markup(a['summary']))}", f"comments: {len(a['comments'])}", "---"]
    body = []
    for b in a["blocks"]:
        kind = b[0]
        if kind == "p":
            body.append(" ".join(b[1]))
        elif kind == "h":
            body.append(f"## {b[1]}")
        elif kind == "ul":
            body.append("\n".join(f"- {s}" for s in b[1]))
        elif kind == "ol":
            body.append("\n".join(f"{n}. {s}" for n, s in enumerate(b[1], 1)))
        elif kind == "quote":
            body.append("> " + " ".join(b[1]))
        else:
            body.append(f"```{b[1]}\n" + "\n".join(b[2]) + "\n```")
    if a["comments"]:
        body.append("## Reader responses")
        for n, (_, c) in enumerate(a["comments"], 1):
            body.append(f"### Response {n}\n\n{c}")
    return "\n".join(fm) + "\n" + "\n\n".join(body) + "\n"


LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def strip_markup(s):
    """Plain text of a sentence: link text kept, emphasis markers dropped."""
    return LINK.sub(r"\1", s).replace("**", "").replace("*", "")


def render_pasted(a):
    """The article as a person would paste it from a news page into a .txt file."""
    d = a["date"]
    style = a["i"] % 3
    lines = [f"{a['publisher'].upper()}  News | Politics | Health | Opinion | Sign in", ""]
    if style == 0:
        lines += [a["title"], f"By {a['author']}", f"{d:%a %-d %b %Y} {9 + a['i'] % 9:02d}.{a['i'] % 60:02d} BST"]
    elif style == 1:
        lines += [a["title"], f"{a['author']} | Published {d:%-d %B %Y}"]
    else:
        lines += [a["title"], f"Posted on {d:%B %-d, %Y} by {a['author']}"]
    lines.append("")
    for b in a["blocks"]:
        if b[0] == "p":
            lines.append(strip_markup(" ".join(b[1])))
        elif b[0] == "h":
            lines.append(b[1])
        elif b[0] in ("ul", "ol"):
            lines.append("\n".join(f"\u2022 {strip_markup(s)}" for s in b[1]))
        elif b[0] == "quote":
            lines.append(strip_markup(" ".join(b[1])))
        else:
            lines.append("\n".join(b[2]))
        lines.append("")
    lines += ["Share this", "Facebook  Twitter  WhatsApp  Email", ""]
    if a["comments"]:
        lines += [f"Comments ({len(a['comments'])})", ""]
        for n, (who, c) in enumerate(a["comments"], 1):
            when = d + datetime.timedelta(days=n)
            lines += [who.replace(" ", "_").lower(), f"{when:%-d %b %Y}", strip_markup(c), "Reply  Report", ""]
    return "\n".join(lines)


def book_toml(topics, title="Bench archive"):
    """pamphlet's site config with one [topics.<slug>] table per topic."""
    out = ["[book]", f'title = "{title}"', 'description = "Generated corpus"', 'language = "en"', "",
           "[build]", 'content-dir = "content"', 'build-dir = "public"', "",
           "[output.html]", 'site-url = "/"']
    for slug in topics:
        name, desc, phrases, _ = vocab.TOPICS[slug]
        ph = ", ".join(f'"{k}" = {v}' for k, v in phrases.items())
        out += ["", f"[topics.{slug}]", f'name = "{name}"', f'description = "{desc}"', f"phrases = {{ {ph} }}"]
    return "\n".join(out) + "\n"


def _init_worker(topics):
    """Build the per-process Writer once (word pools, cumulative weights)."""
    global _writer
    _writer = text.Writer(topics)


def _write_range(args):
    """Generate articles [lo, hi) and write both renderings; returns stats."""
    out, seed, lo, hi, topics, corpus, n = args
    tags = tag_names()
    tag_cum = text.zipf_cum(len(tags), s=1.05, offset=0.5)
    stats = {"words": 0, "bytes": 0, "seed_bytes": 0, "comments": 0, "tags": set()}
    for i in range(lo, hi):
        a = make_article(seed, i, topics, tags, tag_cum, corpus, n)
        md = render_markdown(a).encode()
        pasted = render_pasted(a).encode()
        with open(os.path.join(out, "site", "content", a["slug"] + ".md"), "wb") as f:
            f.write(md)
        with open(os.path.join(out, "seeds", f"{i + 1:06d}.txt"), "wb") as f:
            f.write(pasted)
        stats["words"] += a["words"]
        stats["bytes"] += len(md)
        stats["seed_bytes"] += len(pasted)
        stats["comments"] += len(a["comments"])
        stats["tags"].update(a["tags"])
    return stats


def generate(out, n, seed=42, jobs=None, corpus="friendly"):
    """Write a corpus of n articles into out (replacing it); return its manifest.

    Reuses out when its corpus.json already matches (n, seed, version, corpus).
    """
    manifest_path = os.path.join(out, "corpus.json")
    want = {"n": n, "seed": seed, "version": GENERATOR_VERSION, "corpus": corpus}
    if os.path.exists(manifest_path):
        with open(manifest_path) as f:
            have = json.load(f)
        if all(have.get(k) == v for k, v in want.items()):
            return have
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(os.path.join(out, "site", "content"))
    os.makedirs(os.path.join(out, "seeds"))
    topics = choose_topics(seed)
    with open(os.path.join(out, "site", "book.toml"), "w") as f:
        f.write(book_toml(topics))
    jobs = jobs or (1 if n <= 2000 else os.cpu_count() or 1)
    step = max(1, min(2000, n // (jobs * 4) or 1))
    chunks = [(out, seed, lo, min(lo + step, n), topics, corpus, n) for lo in range(0, n, step)]
    if jobs == 1:
        _init_worker(topics)
        parts = list(map(_write_range, chunks))
    else:
        with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(topics,)) as pool:
            parts = list(pool.map(_write_range, chunks))
    manifest = dict(want, topics=topics,
                    words=sum(p["words"] for p in parts),
                    markdown_bytes=sum(p["bytes"] for p in parts),
                    seed_bytes=sum(p["seed_bytes"] for p in parts),
                    comments=sum(p["comments"] for p in parts),
                    distinct_tags=len(set().union(*(p["tags"] for p in parts))) if parts else 0)
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=1)
    return manifest


def main(argv=None):
    """CLI: generate one corpus and print its manifest."""
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--out", required=True)
    p.add_argument("--jobs", type=int)
    p.add_argument("--corpus", choices=CORPORA, default="friendly")
    args = p.parse_args(argv)
    print(json.dumps(generate(args.out, args.n, args.seed, args.jobs, args.corpus), indent=1))


if __name__ == "__main__":
    main()
