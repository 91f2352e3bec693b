// Web edition behaviour: filter items as you type, and switch editions. No external requests.
(function () {
  "use strict";
  var fold = function (s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  var input = document.getElementById("filter");
  var status = document.getElementById("filter-status");
  var items = Array.prototype.slice.call(document.querySelectorAll(".item"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.section, section.year, section.part"));
  // an item's own words: its label, text and sub-items (not the related language listed under it)
  var texts = items.map(function (el) {
    return fold(Array.prototype.map.call(el.querySelectorAll(".item-label, .item-text, .sub-items"),
      function (part) { return part.textContent; }).join(" "));
  });
  function apply() {
    var q = fold(input.value.trim());
    var words = q.split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (el, i) {
      var ok = !words.length || words.every(function (w) { return texts[i].indexOf(w) !== -1; });
      el.hidden = !ok;
      if (ok) { shown += 1; }
    });
    sections.forEach(function (sec) {
      sec.hidden = words.length > 0 && !sec.querySelector(".item:not([hidden])");
    });
    document.querySelectorAll("section.front").forEach(function (sec) { sec.hidden = words.length > 0; });
    status.textContent = words.length ? shown + " of " + items.length + " items match" : "";
  }
  if (input) {
    input.addEventListener("input", apply);
    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) { input.value = params.get("q"); apply(); }
  }
  // "What differs" under related agreed language: a word-level difference between this item and the
  // related one, made when it is unfolded (the same tokens and longest-common-subsequence as
  // changes/words.py): words only in this item struck through, words only in the other underlined.
  var TOKEN = /\s+|[\p{L}\p{N}_]+(?:[’'-][\p{L}\p{N}_]+)*|[^\p{L}\p{N}_\s]/gu;
  function ownText(item) {
    return Array.prototype.map.call(item.querySelectorAll(".item-text, .sub-items li"), function (part) {
      return part.textContent.replace(/\s+/g, " ").trim();
    }).join(" ");
  }
  function wordDiff(a, b) {
    var x = a.match(TOKEN) || [], y = b.match(TOKEN) || [], n = x.length, m = y.length, i, j;
    var lcs = [];
    for (i = 0; i <= n; i++) { lcs.push(new Array(m + 1).fill(0)); }
    for (i = n - 1; i >= 0; i--) {
      for (j = m - 1; j >= 0; j--) {
        lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    var out = [];
    function push(kind, text) {
      if (out.length && out[out.length - 1][0] === kind) { out[out.length - 1][1] += text; } else { out.push([kind, text]); }
    }
    i = 0; j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && x[i] === y[j]) { push("equal", x[i]); i++; j++; }
      else if (j < m && (i === n || lcs[i][j + 1] >= lcs[i + 1][j])) { push("insert", y[j]); j++; }
      else { push("delete", x[i]); i++; }
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
  var switcher = document.getElementById("edition-switcher");
  if (switcher) {
    switcher.addEventListener("change", function () { window.location.href = switcher.value; });
  }
})();
