/* pamphlet: citations and quotations on article pages. Progressive: everything it does
   is also possible without it (the citation is on the page, selectable). */
(function () {
  "use strict";
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

  if (!body) return;
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
    copy("“" + s.text + "”\n— " + body.getAttribute("data-cite-text") + " (accessed " + today + ")\n" + link, quote);
  });
})();
