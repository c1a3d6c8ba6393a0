/* Place picker: autocomplete for UN/LOCODE place fields (input[data-place-picker]).
   Calls GET <data-place-picker>?q=…&limit=10 (the reference API; names come in the page's
   language), lists the places and fills the input with the chosen one's label,
   "Костанай, Казахстан (KZKSN)", from which the server reads the code. Without this script the
   field still works: the user types a code or a name. With data-country-field="<id of a country
   select>" only that country's places are offered. Keyboard: arrows move, Enter picks, Escape
   closes. No dependencies; included once per field, set up once per input. */
(function () {
  "use strict";
  if (window.scotempPlacePicker) return;
  window.scotempPlacePicker = true;

  var counter = 0;

  function setup(input) {
    if (input.dataset.placePickerReady) return;
    input.dataset.placePickerReady = "1";
    var url = input.getAttribute("data-place-picker");
    var list = document.getElementById(input.getAttribute("aria-controls"));
    if (!url || !list) return;
    var prefix = "place-option-" + (counter++) + "-";
    var timer = null, active = -1, items = [], lastQuery = null, controller = null;
    var language = document.documentElement.getAttribute("lang") || "";

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
      input.value = item.label;
      lastQuery = item.label;
      input.dispatchEvent(new Event("change", { bubbles: true }));
      close();
    }

    function render(results) {
      items = results;
      list.innerHTML = "";
      if (!results.length) {
        var empty = document.createElement("li");
        empty.className = "muted";
        empty.textContent = input.getAttribute("data-no-results") || "";
        list.appendChild(empty);
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        return;
      }
      results.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = prefix + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        var name = document.createElement("span");
        name.textContent = item.name + ", " + item.country_name + " ";
        var code = document.createElement("small");
        code.className = "muted";
        code.textContent = item.locode;
        li.appendChild(name);
        li.appendChild(code);
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
      if (q.length < 2) { close(); return; }
      if (controller) controller.abort();
      controller = typeof AbortController === "function" ? new AbortController() : null;
      var query = "?limit=10&q=" + encodeURIComponent(q);
      var countryId = input.getAttribute("data-country-field");
      var country = countryId ? document.getElementById(countryId) : null;
      if (country && country.value) query += "&country=" + encodeURIComponent(country.value);
      var headers = { Accept: "application/json" };
      if (language) headers["Accept-Language"] = language;
      fetch(url + query, {
        headers: headers,
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (page) { render(page.results || []); })
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
    document.querySelectorAll("input[data-place-picker]").forEach(setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
