"""The corpus as an mdBook (an optional, Rust-based anchor for N <= 1000).

mdBook has no front matter, taxonomies or feeds, so it only shows what a
plain Markdown-to-HTML book with its built-in search index costs.
"""

import os
import shutil

MAX_N = 1000


def split_front_matter(md):
    """(front matter lines as a dict of simple keys, Markdown body)."""
    end = md.index("\n---\n", 4)
    fields = {}
    for line in md[4:end].splitlines():
        if ": " in line and not line.startswith("- "):
            key, value = line.split(": ", 1)
            fields[key] = value.strip().strip('"').replace('\\"', '"')
    return fields, md[end + 5:]


def write_book(corpus_dir):
    """Create corpus_dir/mdbook from corpus_dir/site (once); return its path."""
    dest = os.path.join(corpus_dir, "mdbook")
    marker = os.path.join(dest, ".complete")
    if os.path.exists(marker):
        return dest
    shutil.rmtree(dest, ignore_errors=True)
    chapters = os.path.join(dest, "src", "articles")
    os.makedirs(chapters)
    src = os.path.join(corpus_dir, "site", "content")
    entries = []
    for name in sorted(os.listdir(src)):
        with open(os.path.join(src, name), encoding="utf-8") as f:
            fields, body = split_front_matter(f.read())
        title = fields.get("title", name)
        with open(os.path.join(chapters, name), "w", encoding="utf-8") as f:
            f.write(f"# {title}\n\n{body}")
        entries.append((fields.get("date", ""), title, name))
    entries.sort(reverse=True)
    with open(os.path.join(dest, "src", "SUMMARY.md"), "w", encoding="utf-8") as f:
        f.write("# Summary\n\n" + "".join(f"- [{t}](articles/{n})\n" for _, t, n in entries))
    with open(os.path.join(dest, "book.toml"), "w") as f:
        f.write('[book]\ntitle = "Bench archive"\nlanguage = "en"\nsrc = "src"\n\n[output.html]\n')
    open(marker, "w").close()
    return dest


def build_command(mdbook_bin, book, out):
    """The measured mdBook build."""
    return [mdbook_bin, "build", book, "--dest-dir", out]
