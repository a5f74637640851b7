/* pamphlet: the "/" key on every page; citations and quotations on article pages.
   Progressive: everything it does is also possible without it (the citation is on the
   page, selectable). One cached file rather than an inline script in every page. */
(function () {
  "use strict";
  // "/" focuses the search box from any page (the search page's own box where there is one).
  document.addEventListener("keydown", function (e) {
    var t = e.target, tag = t && t.tagName;
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    var box = document.getElementById("search-input") || document.getElementById("site-search");
    if (box) { e.preventDefault(); box.focus(); box.select(); }
  });

  var body = document.querySelector(".body[data-cite-url]");
  var today = new Date().toISOString().slice(0, 10);
  document.querySelectorAll("[data-access-date]").forEach(function (el) { el.textContent = today; });

  function copy(text, button) {
    var done = function () {
      var label = button.textContent;
      button.textContent = "Copied";
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
    } else { fallback(text); done(); }
  }
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", ""); area.style.position = "absolute"; area.style.left = "-9999px";
    document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } catch (e) { /* the text stays selectable */ }
    document.body.removeChild(area);
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var target = document.querySelector(button.getAttribute("data-copy"));
    if (!target) return;
    button.hidden = false;
    button.addEventListener("click", function () { copy(target.textContent.replace(/\s+/g, " ").trim(), button); });
  });

  citationDownloads();

  if (!body) return;
  // The citation as the page shows it, without its "(accessed …)" note: the page holds it
  // once, in #citation, rather than again in an attribute.
  var cited = document.getElementById("citation");
  var citation = "";
  if (cited) {
    var plain = cited.cloneNode(true);
    plain.querySelectorAll(".accessed").forEach(function (el) { el.remove(); });
    citation = plain.textContent.replace(/\s+/g, " ").trim();
  }
  var help = document.querySelector(".quote-help");
  if (help) help.hidden = false;
  var quote = document.createElement("button");
  quote.type = "button"; quote.className = "quote-button"; quote.textContent = "Quote"; quote.hidden = true;
  document.body.appendChild(quote);

  function selection() {
    var sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
    var range = sel.getRangeAt(0);
    if (!body.contains(range.commonAncestorContainer)) return null;
    var node = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentNode;
    var para = node.closest("[id^='p-']");
    return { text: sel.toString().replace(/\s+/g, " ").trim(), para: para, rect: range.getBoundingClientRect() };
  }
  document.addEventListener("selectionchange", function () {
    var s = selection();
    if (!s || !s.text) { quote.hidden = true; return; }
    quote.hidden = false;
    quote.style.top = (window.scrollY + s.rect.bottom + 6) + "px";
    quote.style.left = (window.scrollX + s.rect.left) + "px";
  });
  quote.addEventListener("mousedown", function (e) { e.preventDefault(); });
  quote.addEventListener("click", function () {
    var s = selection();
    if (!s) return;
    var link = body.getAttribute("data-cite-url") + (s.para ? "#" + s.para.id : "");
    copy("“" + s.text + "”\n— " + citation + " (accessed " + today + ")\n" + link, quote);
  });

  // The BibTeX and CSL-JSON downloads, built from what the page already says about the
  // article for reference managers (its citation_* tags and JSON-LD) rather than carried
  // in every page as data: URLs, which made each page ~1.7 kB heavier. The links stay
  // hidden without this script; the citation itself is on the page.
  function citationDownloads() {
    var row = document.querySelector(".cite-actions[hidden]");
    var ld = document.querySelector('script[type="application/ld+json"]');
    if (!row || !ld) return;
    var meta = function (name) {
      return Array.prototype.map.call(document.querySelectorAll('meta[name="' + name + '"]'), function (m) { return m.content; });
    };
    var info;
    try { info = JSON.parse(ld.textContent); } catch (e) { return; }
    var item = {
      title: (meta("citation_title")[0] || ""),
      authors: meta("citation_author"),
      publisher: (meta("citation_publisher")[0] || ""),
      date: (meta("citation_publication_date")[0] || "").replace(/\//g, "-"),
      url: (meta("citation_public_url")[0] || ""),
      source: info.isBasedOn || "",
      site: (info.isPartOf && info.isPartOf.name) || ""
    };
    row.querySelectorAll("a[data-cite]").forEach(function (a) {
      var slug = a.getAttribute("download").replace(/\.[a-z]+$/, "");
      var bib = a.getAttribute("data-cite") === "bibtex";
      var text = bib ? bibtex(item, slug) : cslJson(item, slug);
      var type = bib ? "application/x-bibtex" : "application/vnd.citationstyles.csl+json";
      a.href = "data:" + type + ";charset=utf-8," + encodeURIComponent(text);
    });
    row.hidden = false;
  }

  // An @online entry; braces and backslashes dropped, TeX's specials escaped, so any
  // title is a valid field. Several people are joined by "and", as BibTeX reads them.
  function bibtex(it, slug) {
    var fields = [["title", it.title]];
    if (it.authors.length) fields.push(["author", it.authors.join(" and ")]);
    if (it.publisher) fields.push(["organization", it.publisher]);
    if (it.date) fields.push(["date", it.date]);
    fields.push(["url", it.url]);
    if (it.source) fields.push(["note", "Originally published at " + it.source]);
    fields.push(["howpublished", "Archived in " + it.site]);
    var out = "@online{" + slug.replace(/-/g, "_") + ",\n";
    fields.forEach(function (f) {
      out += "  " + f[0] + " = {" + f[1].replace(/[{}\\]/g, "").replace(/[&%$#_]/g, "\\$&") + "},\n";
    });
    return out + "}\n";
  }

  // One CSL-JSON item in an array, keys in code-point order, one "literal" per person.
  function cslJson(it, slug) {
    var item = { URL: it.url, archive: it.site };
    if (it.source) item.archive_location = it.source;
    if (it.authors.length) item.author = it.authors.map(function (a) { return { literal: a }; });
    if (it.publisher) item["container-title"] = it.publisher;
    item.id = slug;
    if (it.date) item.issued = { "date-parts": [it.date.split("-").map(Number)] };
    item.title = it.title;
    item.type = it.publisher ? "article-newspaper" : "webpage";
    return JSON.stringify([item]) + "\n";
  }
})();
