"""The generated corpus laid out as a Hugo site (the main anchor).

The Hugo content is derived from pamphlet's files rather than generated a
second time, so both tools always see exactly the same articles; the only
addition is a `years` taxonomy value taken from the date.
"""

import os
import shutil
import tomllib

LAYOUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hugo_layout")


def hugo_front_matter(md):
    """Add `years: ["YYYY"]` to a pamphlet article's front matter."""
    end = md.index("\n---\n", 4)
    date_at = md.index("\ndate: ", 0, end) + 7
    year = md[date_at:date_at + 4]
    return f'{md[:end]}\nyears:\n- "{year}"{md[end:]}'


def topic_pages(book_toml_path):
    """content/topics/<slug>/_index.md files giving each topic its name."""
    with open(book_toml_path, "rb") as f:
        topics = tomllib.load(f).get("topics", {})
    return {
        slug: f'---\ntitle: "{t["name"]}"\ndescription: "{t.get("description", "")}"\n---\n'
        for slug, t in topics.items()
    }


def write_site(corpus_dir):
    """Create corpus_dir/hugo from corpus_dir/site (content once per corpus)."""
    site = os.path.join(corpus_dir, "site")
    dest = os.path.join(corpus_dir, "hugo")
    shutil.rmtree(os.path.join(dest, "layouts"), ignore_errors=True)
    shutil.copytree(LAYOUT, dest, dirs_exist_ok=True)  # always the current layout
    marker = os.path.join(dest, ".complete")
    if os.path.exists(marker):
        return dest
    shutil.rmtree(os.path.join(dest, "content"), ignore_errors=True)
    articles = os.path.join(dest, "content", "articles")
    os.makedirs(articles)
    src = os.path.join(site, "content")
    for name in sorted(os.listdir(src)):
        with open(os.path.join(src, name), encoding="utf-8") as f:
            md = f.read()
        with open(os.path.join(articles, name), "w", encoding="utf-8") as f:
            f.write(hugo_front_matter(md))
    for slug, page in topic_pages(os.path.join(site, "book.toml")).items():
        os.makedirs(os.path.join(dest, "content", "topics", slug))
        with open(os.path.join(dest, "content", "topics", slug, "_index.md"), "w") as f:
            f.write(page)
    open(marker, "w").close()
    return dest


def build_command(hugo_bin, site, out):
    """The measured Hugo build: a full build into an empty destination."""
    return [hugo_bin, "build", "--source", site, "--destination", out, "--quiet", "--noBuildLock"]
