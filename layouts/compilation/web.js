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
  var texts = items.map(function (el) { return fold(el.textContent); });
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
  var switcher = document.getElementById("edition-switcher");
  if (switcher) {
    switcher.addEventListener("change", function () { window.location.href = switcher.value; });
  }
})();
