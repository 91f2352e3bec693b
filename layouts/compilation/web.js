// Web edition behaviour: search and filters, citing, editions, the contents menu. No external requests.
(function () {
  "use strict";
  // The matching rules of `compiler find` (src/compiler/search.py): case, accents, quotes and
  // dashes folded one character for one character; "quoted words" are a phrase of whole words;
  // other words must each begin a word; every part must appear.
  var SAME = {"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u201c": '"', "\u201d": '"',
    "\u201e": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " "};
  var fold = function (s) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = SAME[s[i]] || s[i];
      var base = c.normalize("NFKD").replace(/[\u0300-\u036f]/g, "") || c;
      var low = base[0].toLowerCase();
      out += low.length === 1 ? low : c.toLowerCase()[0];
    }
    return out;
  };
  var escapeRe = function (s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); };
  // a phrase in quotes, or a run of other characters; a quote without its closing quote is left out
  function parse(query) {
    var q = fold(query), parts = [], re = /"([^"]*)"|([^\s"]+)/g, m;
    while ((m = re.exec(q))) {
      var phrase = m[1] !== undefined, text = phrase ? m[1].trim().split(/\s+/).join(" ") : m[2];
      if (!text) { continue; }
      parts.push(new RegExp("(?<![\\p{L}\\p{N}_])" + escapeRe(text) + (phrase ? "(?![\\p{L}\\p{N}_])" : ""), "gu"));
    }
    return parts;
  }
  var input = document.getElementById("filter");
  var status = document.getElementById("filter-status");
  var items = Array.prototype.slice.call(document.querySelectorAll(".item"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.section, section.year, section.part"));
  var OWN = ".item-label, .item-text, .sub-items .label, .sub-items .text";
  // what an item is found by is written into the page with it (search.findable_text): its own words
  // and label, its section's heading, Chairs and year; not the buttons or related language by it
  var texts = items.map(function (el) { return fold(el.getAttribute("data-find") || ""); });
  function unmark() {
    document.querySelectorAll("mark.hit").forEach(function (m) {
      var parent = m.parentNode;
      parent.replaceChild(document.createTextNode(m.textContent), m);
      parent.normalize();
    });
  }
  function mark(el, parts) {
    el.querySelectorAll(OWN).forEach(function (part) {
      var walker = document.createTreeWalker(part, NodeFilter.SHOW_TEXT), nodes = [], n;
      while ((n = walker.nextNode())) { nodes.push(n); }
      nodes.forEach(function (node) {
        var folded = fold(node.data), ranges = [];
        parts.forEach(function (re) {
          re.lastIndex = 0;
          var m;
          while ((m = re.exec(folded))) { ranges.push([m.index, m.index + m[0].length]); if (!m[0].length) { break; } }
        });
        if (!ranges.length) { return; }
        ranges.sort(function (a, b) { return a[0] - b[0]; });
        var frag = document.createDocumentFragment(), at = 0;
        ranges.forEach(function (r) {
          if (r[0] < at) { return; }
          frag.appendChild(document.createTextNode(node.data.slice(at, r[0])));
          var hit = document.createElement("mark");
          hit.className = "hit";
          hit.textContent = node.data.slice(r[0], r[1]);
          frag.appendChild(hit);
          at = r[1];
        });
        frag.appendChild(document.createTextNode(node.data.slice(at)));
        node.parentNode.replaceChild(frag, node);
      });
    });
  }
  var contents = Array.prototype.slice.call(document.querySelectorAll(".sidebar li"));
  // Filters beside the search: Part, year, working group or dialogue, and what is new in this edition.
  var FILTERS = [["part", "filter-part"], ["year", "filter-year"], ["body", "filter-body"]];
  var selects = FILTERS.map(function (f) { return [f[0], document.getElementById(f[1])]; })
    .filter(function (f) { return f[1]; });
  var onlyNew = document.getElementById("filter-new");
  // Facets (editions with themes): themes (any of those ticked), who an item addresses, how strongly at least
  var themeBoxes = Array.prototype.slice.call(document.querySelectorAll("#filter-themes input[name=theme]"));
  var addressee = document.getElementById("filter-addressee"), strength = document.getElementById("filter-strength");
  var chosen = document.getElementById("themes-chosen");
  var where = items.map(function (el) {
    var section = el.closest("section.section"), list = function (name) {
      var v = el.getAttribute(name);
      return v ? v.split(name === "data-themes" ? " " : "|") : [];
    };
    return section ? {part: section.getAttribute("data-part"), year: section.getAttribute("data-year"),
                      body: section.getAttribute("data-body"), themes: list("data-themes"),
                      addressees: list("data-addressees"), strength: el.getAttribute("data-strength")} : {};
  });
  function themesTicked() {
    return themeBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  }
  function filtering() {
    return selects.some(function (f) { return f[1].value; }) || (onlyNew && onlyNew.checked) ||
      themesTicked().length > 0 || !!(addressee && addressee.value) || !!(strength && strength.value);
  }
  function facetsMatch(w) {
    var ticked = themesTicked();
    if (ticked.length && !ticked.some(function (t) { return (w.themes || []).indexOf(t) >= 0; })) { return false; }
    if (addressee && addressee.value) {
      var names = w.addressees || [];
      var ok = addressee.value === "secretariat" ? names.indexOf("the secretariat") >= 0 || names.indexOf("UNODC") >= 0
        : names.indexOf(addressee.value) >= 0;
      if (!ok) { return false; }
    }
    if (strength && strength.value && !(w.strength !== null && w.strength !== "" && +w.strength <= +strength.value)) {
      return false;
    }
    return true;
  }
  function apply() {
    var raw = input.value.trim(), parts = parse(raw), shown = 0, narrowed = parts.length > 0 || filtering();
    unmark();
    items.forEach(function (el, i) {
      var ok = !parts.length || parts.every(function (re) { re.lastIndex = 0; return re.test(texts[i]); });
      selects.forEach(function (f) { if (f[1].value && where[i][f[0]] !== f[1].value) { ok = false; } });
      if (onlyNew && onlyNew.checked && !el.hasAttribute("data-new")) { ok = false; }
      if (ok && !facetsMatch(where[i])) { ok = false; }
      el.hidden = !ok;
      if (ok) { shown += 1; if (parts.length) { mark(el, parts); } }
    });
    sections.forEach(function (sec) {
      sec.hidden = narrowed && !sec.querySelector(".item:not([hidden])");
    });
    document.querySelectorAll("section.front, section.themes-index").forEach(function (sec) { sec.hidden = narrowed; });
    contents.forEach(function (li) {  // the contents list shows what the page shows
      var link = li.querySelector("a"), target = link && document.getElementById(link.getAttribute("href").slice(1));
      li.hidden = narrowed && (!target || !!target.closest("[hidden]") || target.hidden);
    });
    if (chosen) { chosen.textContent = themesTicked().length ? "(" + themesTicked().length + " chosen)" : ""; }
    if (!narrowed) { status.textContent = ""; }
    else if (shown) { status.textContent = shown + " of " + items.length + " items match"; }
    else {
      status.textContent = "0 of " + items.length + " items match" + (raw ? " \u201c" + raw + "\u201d" : "") +
        (filtering() ? " with the filters chosen; try All in a filter" : "") +
        (raw ? ". Try fewer words, or the beginning of a word (traffick finds trafficking and trafficked)." : ".");
    }
    try {  // the search and filters are part of the address, to share or to come back to
      var params = new URLSearchParams();
      if (raw) { params.set("q", raw); }
      selects.forEach(function (f) { if (f[1].value) { params.set(f[0], f[1].value); } });
      if (onlyNew && onlyNew.checked) { params.set("new", "1"); }
      themesTicked().forEach(function (t) { params.append("theme", t); });
      if (addressee && addressee.value) { params.set("addressee", addressee.value); }
      if (strength && strength.value) { params.set("strength", strength.value); }
      var query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    } catch (e) { /* a browser may refuse it for a file: page; the search still works */ }
  }
  function hasOption(select, v) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === v; });
  }
  if (input) {
    input.addEventListener("input", apply);
    selects.forEach(function (f) { f[1].addEventListener("change", apply); });
    if (onlyNew) { onlyNew.addEventListener("change", apply); }
    themeBoxes.forEach(function (b) { b.addEventListener("change", apply); });
    [addressee, strength].forEach(function (s) { if (s) { s.addEventListener("change", apply); } });
    var params = new URLSearchParams(window.location.search), any = false;
    if (params.get("q")) { input.value = params.get("q"); any = true; }
    selects.forEach(function (f) {
      var v = params.get(f[0]);
      if (v && hasOption(f[1], v)) { f[1].value = v; any = true; }
    });
    if (onlyNew && params.get("new") === "1") { onlyNew.checked = true; any = true; }
    params.getAll("theme").forEach(function (t) {
      themeBoxes.forEach(function (b) { if (b.value === t) { b.checked = true; any = true; } });
    });
    [["addressee", addressee], ["strength", strength]].forEach(function (f) {
      var v = params.get(f[0]);
      if (f[1] && v && hasOption(f[1], v)) { f[1].value = v; any = true; }
    });
    if (any) { apply(); }
  }
  // One click to what the secretariat is asked to do; an index theme's "Show only these" filters by it
  var secretariat = document.getElementById("filter-secretariat");
  if (secretariat && addressee) {
    secretariat.addEventListener("click", function () { addressee.value = "secretariat"; apply(); status.focus && input.focus(); });
  }
  document.querySelectorAll("a.index-filter").forEach(function (a) {
    a.addEventListener("click", function (event) {
      event.preventDefault();
      themeBoxes.forEach(function (b) { b.checked = b.value === a.getAttribute("data-theme"); });
      apply();
      document.getElementById("main").scrollIntoView();
      input.focus();
    });
  });
  // A link to an item the search or the filters hide (related language, the index) shows it: the search and the
  // filters are cleared, the page goes to the item, and the reader is told why the list changed.
  document.addEventListener("click", function (event) {
    var a = event.target.closest && event.target.closest("a[href^='#']");
    if (!a || !input) { return; }
    var target = document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
    if (!target || !(target.hidden || target.closest("[hidden]"))) { return; }
    event.preventDefault();
    input.value = "";
    selects.forEach(function (f) { f[1].value = ""; });
    if (onlyNew) { onlyNew.checked = false; }
    themeBoxes.forEach(function (b) { b.checked = false; });
    [addressee, strength].forEach(function (s) { if (s) { s.value = ""; } });
    apply();
    history.pushState(null, "", location.pathname + a.getAttribute("href"));
    target.scrollIntoView();
    status.textContent = "The search and filters were cleared to show the item you asked for.";
  });
  // Taking results away: the items shown (all of them when nothing is chosen), as CSV with the columns of
  // `compiler find --format csv` (search.CSV_COLUMNS), or printed alone.
  var main = document.getElementById("main");
  var COLUMNS = ["id", "citation", "part", "year", "working_group_or_dialogue", "report_symbol", "label",
    "paragraph", "text", "themes", "addressees", "strength", "negated", "conditions", "link"];
  var themeNames = {};
  themeBoxes.forEach(function (b) { themeNames[b.value] = b.parentNode.textContent.trim().replace(/ \(\d+\)$/, ""); });
  var strengthNames = strength ? Array.prototype.map.call(strength.options, function (o) { return o.textContent; }).slice(1) : [];
  function row(el, i) {
    var w = where[i], section = el.closest("section.section");
    return {
      id: el.id, citation: el.getAttribute("data-citation") || "", part: (w.part || "").toUpperCase(), year: w.year || "",
      working_group_or_dialogue: w.body || "", report_symbol: section && section.getAttribute("data-symbol") || "",
      label: el.getAttribute("data-label") || "", paragraph: el.getAttribute("data-paragraph") || "", text: ownText(el),
      themes: (w.themes || []).map(function (t) { return themeNames[t] || t; }).join("; "),
      addressees: (w.addressees || []).join("; "),
      strength: w.strength !== null && w.strength !== "" && w.strength !== undefined ? strengthNames[+w.strength] || "" : "",
      negated: el.hasAttribute("data-themes") ? (el.hasAttribute("data-negated") ? "yes" : "no") : "",
      conditions: (el.getAttribute("data-conditions") || "").split("|").filter(Boolean).join("; "),
      link: location.href.split("#")[0].split("?")[0] + "#" + el.id
    };
  }
  function csvField(v) {
    v = String(v);
    return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function shownItems() { return items.filter(function (el) { return !el.hidden; }); }
  var download = document.getElementById("download-csv");
  if (download) {
    download.addEventListener("click", function () {
      var lines = [COLUMNS.join(",")];
      items.forEach(function (el, i) {
        if (el.hidden) { return; }
        var r = row(el, i);
        lines.push(COLUMNS.map(function (c) { return csvField(r[c]); }).join(","));
      });
      var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], {type: "text/csv;charset=utf-8"});
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = (main.getAttribute("data-file") || "compilation") + "-results.csv";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      announce.textContent = "Downloaded " + (lines.length - 1) + " items as CSV.";
    });
  }
  var printButton = document.getElementById("print-results"), heading = document.getElementById("results-heading");
  function describe() {
    var what = [];
    if (input.value.trim()) { what.push("\u201c" + input.value.trim() + "\u201d"); }
    selects.forEach(function (f) { if (f[1].value) { what.push(f[1].selectedOptions[0].textContent); } });
    themesTicked().forEach(function (t) { what.push(themeNames[t] || t); });
    if (addressee && addressee.value) { what.push("addressed to " + addressee.selectedOptions[0].textContent); }
    if (strength && strength.value) { what.push("at least " + strength.selectedOptions[0].textContent); }
    if (onlyNew && onlyNew.checked) { what.push("new or revised"); }
    return shownItems().length + " of " + items.length + " items" + (what.length ? ": " + what.join("; ") : "");
  }
  if (printButton) {
    printButton.addEventListener("click", function () {
      heading.textContent = describe();
      document.documentElement.classList.add("print-results");
      window.print();
    });
    window.addEventListener("afterprint", function () { document.documentElement.classList.remove("print-results"); });
  }
  // "What differs" under related agreed language: the word-level difference between this item and
  // the related one, made when it is unfolded, as changes/words.py makes it (the same tokens,
  // difflib's SequenceMatcher without its junk heuristic, changes kept apart only by spaces told as
  // one): words only in this item struck through, words only in the other underlined.
  var TOKEN = /\s+|[\p{L}\p{N}_]+(?:[’'-][\p{L}\p{N}_]+)*|[^\p{L}\p{N}_\s]/gu;
  function ownText(item) {  // as related.item_text: the text, then each sub-item's label and text
    var text = item.querySelector(".item-text").cloneNode(true);
    text.querySelectorAll(".permalink, .cite-tools").forEach(function (n) { n.remove(); });
    return [text.textContent.trim()].concat(Array.prototype.map.call(item.querySelectorAll(".sub-items li"), function (li) {
      return li.querySelector(".label").textContent + " " + li.querySelector(".text").textContent;
    })).join(" ");
  }
  function opcodes(a, b) {  // Python's difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    var b2j = new Map();
    b.forEach(function (x, j) { if (!b2j.has(x)) { b2j.set(x, []); } b2j.get(x).push(j); });
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, bestsize = 0, j2len = new Map();
      for (var i = alo; i < ahi; i++) {
        var next = new Map(), js = b2j.get(a[i]) || [];
        for (var k = 0; k < js.length; k++) {
          var j = js[k];
          if (j < blo) { continue; }
          if (j >= bhi) { break; }
          var size = (j2len.get(j - 1) || 0) + 1;
          next.set(j, size);
          if (size > bestsize) { besti = i - size + 1; bestj = j - size + 1; bestsize = size; }
        }
        j2len = next;
      }
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) { besti--; bestj--; bestsize++; }
      while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) { bestsize++; }
      return [besti, bestj, bestsize];
    }
    var queue = [[0, a.length, 0, b.length]], blocks = [];
    while (queue.length) {
      var q = queue.pop(), x = longest(q[0], q[1], q[2], q[3]);
      if (x[2]) {
        blocks.push(x);
        if (q[0] < x[0] && q[2] < x[1]) { queue.push([q[0], x[0], q[2], x[1]]); }
        if (x[0] + x[2] < q[1] && x[1] + x[2] < q[3]) { queue.push([x[0] + x[2], q[1], x[1] + x[2], q[3]]); }
      }
    }
    blocks.sort(function (p, r) { return p[0] - r[0] || p[1] - r[1] || p[2] - r[2]; });
    var joined = [], i1 = 0, j1 = 0, k1 = 0;
    blocks.forEach(function (blk) {
      if (i1 + k1 === blk[0] && j1 + k1 === blk[1]) { k1 += blk[2]; }
      else { if (k1) { joined.push([i1, j1, k1]); } i1 = blk[0]; j1 = blk[1]; k1 = blk[2]; }
    });
    if (k1) { joined.push([i1, j1, k1]); }
    joined.push([a.length, b.length, 0]);
    var out = [], i = 0, j = 0;
    joined.forEach(function (blk) {
      var tag = i < blk[0] && j < blk[1] ? "replace" : i < blk[0] ? "delete" : j < blk[1] ? "insert" : "";
      if (tag) { out.push([tag, i, blk[0], j, blk[1]]); }
      i = blk[0] + blk[2]; j = blk[1] + blk[2];
      if (blk[2]) { out.push(["equal", blk[0], i, blk[1], j]); }
    });
    return out;
  }
  function wordDiff(mine, other) {  // [[kind, text]]: kind "equal", "delete" (only in mine) or "insert"
    var x = mine.match(TOKEN) || [], y = other.match(TOKEN) || [], ops = [];
    opcodes(x, y).forEach(function (o) {
      if (o[0] === "equal") { ops.push(["equal", y.slice(o[3], o[4])]); return; }
      if (o[0] !== "insert") { ops.push(["delete", x.slice(o[1], o[2])]); }
      if (o[0] !== "delete") { ops.push(["insert", y.slice(o[3], o[4])]); }
    });
    var out = [], i = 0;
    while (i < ops.length) {  // changes kept apart only by spaces: one deletion, then one insertion
      if (ops[i][0] === "equal") { out.push(["equal", ops[i][1].join("")]); i++; continue; }
      var del = [], ins = [], j = i;
      for (; j < ops.length; j++) {
        var op = ops[j];
        if (op[0] === "delete") { del = del.concat(op[1]); }
        else if (op[0] === "insert") { ins = ins.concat(op[1]); }
        else if (j + 1 < ops.length && ops[j + 1][0] !== "equal" && op[1].every(function (t) { return !t.trim(); })) {
          del = del.concat(op[1]); ins = ins.concat(op[1]);
        } else { break; }
      }
      if (del.length) { out.push(["delete", del.join("")]); }
      if (ins.length) { out.push(["insert", ins.join("")]); }
      i = j;
    }
    return out;
  }
  document.querySelectorAll("details.related li").forEach(function (li) {
    var link = li.querySelector("a");
    var details = document.createElement("details");
    details.className = "related-diff";
    details.innerHTML = "<summary>What differs</summary><p class=\"diff\"></p>";
    li.appendChild(details);
    details.addEventListener("toggle", function () {
      var target = details.querySelector(".diff");
      var mine = li.closest(".item"), other = document.getElementById(link.getAttribute("href").slice(1));
      if (!details.open || target.childNodes.length || !mine || !other) { return; }
      wordDiff(ownText(mine), ownText(other)).forEach(function (piece) {
        var node = piece[0] === "equal" ? document.createTextNode(piece[1])
          : document.createElement(piece[0] === "insert" ? "ins" : "del");
        if (piece[0] !== "equal") { node.textContent = piece[1]; }
        target.appendChild(node);
      });
    });
  });
  // Citing an item: "Copy link" (its permalink) and "Copy citation" (report symbol and label, or the
  // dialogue's summary and paragraph), next to its permalink; what was copied is announced.
  var announce = document.createElement("p");
  announce.className = "cite-status";
  announce.setAttribute("role", "status");
  document.body.appendChild(announce);
  function copy(text, what) {
    var done = function () { announce.textContent = "Copied the " + what + ": " + text; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
    } else { fallback(text); done(); }
    setTimeout(function () { announce.textContent = ""; }, 4000);
  }
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more can be done */ }
    document.body.removeChild(area);
  }
  items.forEach(function (el) {
    var citation = el.getAttribute("data-citation"), link = el.querySelector(".permalink");
    if (!citation || !link) { return; }
    var tools = document.createElement("span");
    tools.className = "cite-tools";
    [["Copy link", "link", function () { return location.href.split("#")[0].split("?")[0] + "#" + el.id; }],
     ["Copy citation", "citation", function () { return citation; }]].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[0];
      button.setAttribute("aria-label", spec[0] + ": " + citation);
      button.addEventListener("click", function () { copy(spec[2](), spec[1]); });
      tools.appendChild(button);
    });
    link.parentNode.insertBefore(tools, link.nextSibling);
  });
  // The edition switcher opens the chosen edition at the same place (its #anchor) when asked to,
  // with the button or Enter, never as the choice changes (arrow keys only choose: WCAG 3.2.2),
  // and shows this page's edition again when the page comes back from the history (Back).
  // build/editions.js (written by `compiler build --all`, read at run time so that an issued page's
  // bytes never change) lists every edition: the switcher offers the later ones too, and an
  // older edition says that a newer one exists.
  var switcher = document.getElementById("edition-switcher"), go = document.getElementById("edition-go");
  var notice = document.getElementById("edition-notice");
  var current = switcher && switcher.getAttribute("data-current");
  var index = window.UNTOC_EDITIONS && window.UNTOC_EDITIONS.editions;
  if (index && !index.some(function (e) { return e.id === current; })) {
    index = null;  // an index older than this page (built without --all): the page's own list stands
  }
  if (switcher && index && index.length) {
    switcher.innerHTML = "";
    index.slice().reverse().forEach(function (e) {  // oldest first, as the page lists them
      var option = document.createElement("option");
      option.value = "../" + e.files.html;
      option.textContent = e.label;
      option.defaultSelected = option.selected = e.id === current;
      switcher.appendChild(option);
    });
  }
  function say(parts) {  // parts: text, or [text, href] for a link
    if (!notice) { return; }
    notice.innerHTML = "";
    parts.forEach(function (p) {
      if (typeof p === "string") { notice.appendChild(document.createTextNode(p)); return; }
      var a = document.createElement("a");
      a.href = p[1];
      a.textContent = p[0];
      notice.appendChild(a);
    });
    notice.hidden = false;
  }
  var latest = index && index.length ? index[0] : null;
  var me = index && index.filter(function (e) { return e.id === current; })[0];
  function link(text, href) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }
  // the comparison with the edition before, when `build --all` has made it
  var downloads = document.querySelector(".downloads ul");
  if (me && me.changes && downloads) {
    var li = document.createElement("li");
    li.appendChild(link("Changes since " + me.changes.label, "../" + me.changes.html));
    li.appendChild(document.createTextNode(" ("));
    li.appendChild(link("Word, tracked", "../" + me.changes.docx));
    li.appendChild(document.createTextNode(")"));
    downloads.appendChild(li);
  }
  // an older edition: what became of each item in the latest, said at the item
  if (latest && me && me.in_latest && latest.id > current) {
    items.forEach(function (el) {
      var fate = me.in_latest.items[el.id], note = document.createElement("p");
      note.className = "in-latest " + (fate || "unchanged");
      if (fate === "revised") {
        note.appendChild(document.createTextNode("Revised in the " + latest.label + " edition: "));
        note.appendChild(link("see the difference", "../" + me.in_latest.html + "#" + el.id));
      } else if (fate === "removed") {
        note.appendChild(document.createTextNode("Not in the " + latest.label + " edition."));
      } else {
        note.appendChild(document.createTextNode("Unchanged in the " + latest.label + " edition: "));
        note.appendChild(link("read it there", "../" + latest.files.html + "#" + el.id));
      }
      var tools = el.querySelector(".item-tools");
      el.insertBefore(note, tools || null);
    });
  }
  function tellEditions() {  // again when the address's #item changes: the links keep the reader's place
    var wanted = decodeURIComponent(location.hash.slice(1));
    if (wanted && !document.getElementById(wanted)) {
      var message = ["This edition has no item \u201c" + wanted + "\u201d."];
      if (latest && latest.id !== current) {
        message.push(" It may be in a later edition: ", ["the " + latest.label + " edition", "../" + latest.files.html + location.hash], ".");
      }
      say(message);
    } else if (latest && current && latest.id > current) {
      say(["You are reading the " + (me ? me.label : current) + " edition; a newer edition of this compilation exists: ",
           ["the " + latest.label + " edition", "../" + latest.files.html + location.hash], "."]);
    } else if (notice) {
      notice.hidden = true;
    }
    if (notice) {  // what the sticky notice takes, for the scroll position of a linked item
      document.documentElement.style.setProperty("--notice-height", notice.hidden ? "0px" : notice.offsetHeight + "px");
    }
  }
  tellEditions();
  window.addEventListener("hashchange", tellEditions);
  if (location.hash && notice && !notice.hidden) {  // opened at an item: keep it clear of the notice
    var at = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (at) { at.scrollIntoView(); }
  }
  if (switcher) {
    var open = function () { window.location.href = switcher.value + window.location.hash; };
    if (go) { go.addEventListener("click", open); }
    switcher.addEventListener("keydown", function (event) { if (event.key === "Enter") { open(); } });
    window.addEventListener("pageshow", function () {
      Array.prototype.forEach.call(switcher.options, function (o) { o.selected = o.defaultSelected; });
    });
  }
  // On a phone the contents are a menu: the Contents control opens and closes it, following a link
  // or Escape closes it.
  var toggle = document.getElementById("toc-toggle"), toc = document.getElementById("toc");
  var bar = document.querySelector(".phone-bar");
  function setOpen(open) {
    if (open && bar) {  // the menu opens under the bar, wherever the bar is on the screen
      document.documentElement.style.setProperty("--menu-top", Math.max(0, bar.getBoundingClientRect().bottom) + "px");
    }
    document.documentElement.classList.toggle("toc-open", open);
    if (toggle) { toggle.setAttribute("aria-expanded", open ? "true" : "false"); }
  }
  if (toggle && toc) {
    toggle.addEventListener("click", function () { setOpen(toggle.getAttribute("aria-expanded") !== "true"); });
    toc.addEventListener("click", function (event) { if (event.target.closest("a")) { setOpen(false); } });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") { setOpen(false); toggle.focus(); }
    });
  }
  // Where the reader is: the contents entry of the section at the top of the screen is marked.
  var links = Array.prototype.slice.call(document.querySelectorAll(".sidebar a[href^='#']"));
  var targets = links.map(function (a) { return document.getElementById(a.getAttribute("href").slice(1)); });
  var ticking = false;
  function markCurrent() {
    ticking = false;
    var at = -1;
    targets.forEach(function (el, i) {
      if (el && !el.closest("[hidden]") && el.getBoundingClientRect().top <= 120) { at = i; }
    });
    links.forEach(function (a, i) {
      if (i === at) { a.setAttribute("aria-current", "location"); } else { a.removeAttribute("aria-current"); }
    });
  }
  window.addEventListener("scroll", function () {
    if (!ticking) { ticking = true; window.requestAnimationFrame(markCurrent); }
  }, {passive: true});
  markCurrent();
})();
