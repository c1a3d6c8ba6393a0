/* HS picker: type-ahead for the lead form's HS code field. Calls GET /api/v1/hs?q= as the user types
   (debounced), lists up to 10 headings/subheadings and fills the field with the chosen code.
   Keyboard: arrows move, Enter picks, Escape closes. No dependencies. */
(function () {
  "use strict";

  function setup(input) {
    var url = input.getAttribute("data-hs-picker");
    var list = document.getElementById(input.getAttribute("aria-controls"));
    if (!url || !list) return;
    var timer = null;
    var active = -1;
    var items = [];
    var lastQuery = "";
    var controller = null;

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
      items = [];
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (el, i) { el.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      }
    }

    function pick(index) {
      var item = items[index];
      if (!item) return;
      input.value = item.code;
      input.dispatchEvent(new Event("change", { bubbles: true }));
      close();
    }

    function render(results) {
      items = results;
      list.innerHTML = "";
      if (!results.length) { close(); return; }
      results.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = "hs-option-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.code = item.code;
        var code = document.createElement("strong");
        code.textContent = item.code;
        var name = document.createElement("span");
        name.textContent = " " + item.name;
        li.appendChild(code);
        li.appendChild(name);
        if (item.path && item.path.length) {
          var path = document.createElement("small");
          path.className = "muted";
          path.textContent = item.path.map(function (p) { return p.code + " " + p.name; }).join(" › ");
          li.appendChild(document.createElement("br"));
          li.appendChild(path);
        }
        li.addEventListener("mousedown", function (event) { event.preventDefault(); pick(i); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
    }

    function search() {
      var q = input.value.trim();
      if (q === lastQuery) return;
      lastQuery = q;
      if (!q) { close(); return; }
      if (controller) controller.abort();
      controller = typeof AbortController === "function" ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(q), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(render)
        .catch(function () { /* aborted or offline: keep what the user typed */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); pick(active); }
      else if (event.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }

  function init() {
    document.querySelectorAll("input[data-hs-picker]").forEach(setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
