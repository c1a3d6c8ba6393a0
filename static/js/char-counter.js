// Live length counter for textareas with a limit (core.widgets.LimitedTextarea): "1 234 of 5 000
// characters", or a warning when the text is longer than the limit. The text itself is never cut.
(function () {
  "use strict";
  var format = new Intl.NumberFormat(document.documentElement.lang || undefined);

  function length(text) {
    // Count characters as the server does (code points), not UTF-16 units: 𠮷 is one character.
    return Array.from(text.replace(/\r\n/g, "\n")).length;
  }

  function update(area, counter) {
    var max = parseInt(area.getAttribute("data-max-length"), 10);
    var count = length(area.value);
    var over = count > max;
    var template = over ? counter.getAttribute("data-over") : counter.getAttribute("data-text");
    counter.textContent = template
      .replace("COUNT", format.format(count))
      .replace("OVER", format.format(count - max))
      .replace("MAX", format.format(max));
    counter.classList.toggle("char-counter-over", over);
    area.setAttribute("aria-invalid", over ? "true" : "false");
  }

  function init() {
    document.querySelectorAll(".char-counter[data-counter-for]").forEach(function (counter) {
      var area = document.getElementById(counter.getAttribute("data-counter-for"));
      if (!area) return;
      counter.hidden = false;
      area.setAttribute("aria-describedby", ((area.getAttribute("aria-describedby") || "") + " " + counter.id).trim());
      update(area, counter);
      area.addEventListener("input", function () { update(area, counter); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
