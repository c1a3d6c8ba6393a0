/* HS picker for the HS code fields (lead, RFQ): type a code or a word, or browse the chapters.
   GET {url}?q=… searches (debounced); GET {url}?under=chapters|NN|NNNN lists the chapters, a
   chapter's headings or a heading's subheadings. Choosing a chapter or a heading opens it (its
   headings / subheadings, each with its name) instead of closing the list, so a word always leads
   to a six-digit subheading; "Use the whole heading" is offered only where a heading is accepted
   (data-hs-levels="4 6", and not when the select named by data-hs-kind says "sell").
   Keyboard: ArrowDown opens (the chapters when the field is empty), arrows move, Enter chooses,
   Escape closes. Texts come from the data-text-* attributes of the .hs-picker wrapper (translated
   in the template). No dependencies, no inline script or style (CSP). */
(function () {
  "use strict";

  function setup(input) {
    var url = input.getAttribute("data-hs-picker");
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var wrapper = input.closest(".hs-picker");
    if (!url || !list || !wrapper) return;
    var chosen = document.getElementById(input.id + "_chosen");
    var browseButton = wrapper.querySelector("[data-hs-browse]");
    var text = function (key) { return wrapper.getAttribute("data-text-" + key) || ""; };
    var timer = null;
    var closeTimer = null;
    var active = -1;
    var options = [];  // what each role=option element does: {kind, item?, under?}
    var lastQuery = input.value.trim();
    var controller = null;

    function acceptedLevels() {
      var kindId = input.getAttribute("data-hs-kind");
      var kind = kindId ? document.getElementById(kindId) : null;
      if (kind && kind.value === "sell") return ["6"];
      return (input.getAttribute("data-hs-levels") || "6").split(/\s+/);
    }

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
      options = [];
    }

    function highlight(index) {
      var els = list.querySelectorAll("[role=option]");
      if (!els.length) return;
      index = Math.max(0, Math.min(index, els.length - 1));
      els.forEach(function (el, i) { el.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      input.setAttribute("aria-activedescendant", els[index].id);
      els[index].scrollIntoView({ block: "nearest" });
    }

    function request(params) {
      if (controller) controller.abort();
      controller = typeof AbortController === "function" ? new AbortController() : null;
      return fetch(url + "?" + params, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined,
      }).then(function (response) { return response.ok ? response.json() : []; });
    }

    function showChosen(item) {
      if (!chosen) return;
      chosen.textContent = item ? item.code + " — " + item.name : "";
      if (item && item.translated) chosen.appendChild(marker());
    }

    function fill(item) {
      input.value = item.code;
      lastQuery = item.code;
      showChosen(item);
      input.dispatchEvent(new Event("change", { bubbles: true }));
      close();
    }

    function marker() {
      var mark = document.createElement("span");
      mark.className = "hs-translated";
      mark.title = text("translated");
      mark.textContent = "†";
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " (" + text("translated") + ")";
      var both = document.createElement("span");
      both.appendChild(mark);
      both.appendChild(hidden);
      return both;
    }

    function addOption(action, build) {
      var li = document.createElement("li");
      li.id = input.id + "-option-" + options.length;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      build(li);
      var index = options.length;
      options.push(action);
      li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(index); });
      list.appendChild(li);
    }

    function addNote(className, content) {
      var li = document.createElement("li");
      li.setAttribute("role", "presentation");
      li.className = className;
      li.textContent = content;
      list.appendChild(li);
      return li;
    }

    function itemOption(item, showPath) {
      addOption({ kind: "item", item: item }, function (li) {
        li.className = "hs-picker-item" + (item.level < 6 ? " hs-picker-branch" : "");
        var code = document.createElement("strong");
        code.textContent = item.code;
        var name = document.createElement("span");
        name.textContent = " " + item.name;
        if (item.name_language) name.lang = item.name_language;
        li.appendChild(code);
        li.appendChild(name);
        if (item.translated) li.appendChild(marker());
        if (item.level < 6) {
          var more = document.createElement("span");
          more.className = "hs-picker-more";
          more.title = text("open");
          more.setAttribute("aria-hidden", "true");
          more.textContent = "›";
          li.appendChild(more);
        }
        if (showPath && item.path && item.path.length) {
          var path = document.createElement("small");
          path.className = "muted hs-picker-path";
          path.textContent = item.path.map(function (p) { return p.code + " " + p.name; }).join(" › ");
          li.appendChild(path);
        }
      });
    }

    function open() {
      clearTimeout(closeTimer);
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }

    function legend(results) {
      if (results.some(function (r) { return r.translated; })) addNote("hs-picker-legend muted small", "† " + text("translated"));
    }

    function renderSearch(results) {
      list.innerHTML = "";
      options = [];
      if (!results.length) {
        addNote("hs-picker-empty muted", text("none"));
        addOption({ kind: "browse", under: "chapters" }, function (li) { li.textContent = text("chapters") + " ›"; });
      } else {
        results.forEach(function (item) { itemOption(item, true); });
        legend(results);
      }
      open();
    }

    function renderBrowse(under, parent, results) {
      list.innerHTML = "";
      options = [];
      if (parent) {
        var chapter = parent.level === 4 && parent.path && parent.path[0];
        var up = chapter ? { kind: "browse", under: chapter.code, parent: { code: chapter.code, name: chapter.name, level: 2 } }
                         : { kind: "browse", under: "chapters" };
        addOption(up, function (li) {
          li.className = "hs-picker-back";
          li.textContent = "‹ " + text("back");
        });
        var head = addNote("hs-picker-heading", parent.code + " " + parent.name);
        if (parent.name_language) head.lang = parent.name_language;
        if (parent.level === 4) {
          if (acceptedLevels().indexOf("4") >= 0) {
            addOption({ kind: "item", item: parent, whole: true }, function (li) {
              li.className = "hs-picker-whole";
              li.textContent = text("whole") + " " + parent.code;
            });
          }
          addNote("hs-picker-hint muted small", text("choose"));
        }
      }
      results.forEach(function (item) { itemOption(item, false); });
      legend(results);
      open();
      highlight(parent ? 1 : 0);
    }

    function browse(under, parent) {
      clearTimeout(timer);  // a search still waiting would replace the list
      lastQuery = input.value.trim();
      request("under=" + encodeURIComponent(under))
        .then(function (results) { renderBrowse(under, parent, results); })
        .catch(function () { /* aborted or offline */ });
    }

    function drill(item) {
      input.value = item.code;
      lastQuery = item.code;
      showChosen(null);
      browse(item.code, item);
    }

    // Open a chapter or heading given by its code (typed, or left in the field by a buy request).
    function openCode(code) {
      clearTimeout(timer);
      lastQuery = input.value.trim();
      request("q=" + encodeURIComponent(code) + "&limit=1").then(function (results) {
        var item = results[0];
        if (item && item.code === code && item.level < 6) drill(item);
      }).catch(function () {});
    }

    function needsSubheading() {
      return acceptedLevels().indexOf("4") < 0 && /^\d{4}$/.test(input.value.trim());
    }

    function choose(index) {
      var action = options[index];
      if (!action) return;
      if (action.kind === "browse") { browse(action.under, action.parent || null); return; }
      var item = action.item;
      if (action.whole || item.level === 6) { fill(item); return; }
      drill(item);
    }

    function search() {
      var q = input.value.trim();
      if (q === lastQuery) return;
      lastQuery = q;
      showChosen(null);
      if (!q) { close(); return; }
      request("q=" + encodeURIComponent(q))
        .then(renderSearch)
        .catch(function () { /* aborted or offline: keep what the user typed */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 150);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && list.hidden) {
        event.preventDefault();
        if (!input.value.trim()) browse("chapters", null);
        else { lastQuery = null; search(); }
        return;
      }
      if (list.hidden) return;
      var count = options.length;
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(active + 1 < count ? active + 1 : 0); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active > 0 ? active - 1 : count - 1); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); choose(active); }
      else if (event.key === "Enter" && /^(\d{2}|\d{4})$/.test(input.value.trim()) && !(acceptedLevels().indexOf("4") >= 0 && input.value.trim().length === 4)) {
        event.preventDefault();
        openCode(input.value.trim());
      }
      else if (event.key === "Escape") { event.preventDefault(); close(); }
    });
    input.addEventListener("blur", function () { closeTimer = setTimeout(close, 150); });
    // A heading where a subheading is needed (a sell offer sent back with that error, or the type
    // switched from buy to sell): open the heading's subheadings.
    input.addEventListener("focus", function () {
      if (list.hidden && needsSubheading()) openCode(input.value.trim());
    });
    var kindId = input.getAttribute("data-hs-kind");
    var kindField = kindId ? document.getElementById(kindId) : null;
    if (kindField) {
      kindField.addEventListener("change", function () {
        if (needsSubheading()) { showChosen(null); openCode(input.value.trim()); }
      });
    }
    if (browseButton) {
      browseButton.addEventListener("mousedown", function (event) { event.preventDefault(); });
      browseButton.addEventListener("click", function () {
        input.focus();
        browse("chapters", null);
      });
    }
    document.addEventListener("click", function (event) {
      if (!wrapper.contains(event.target)) close();
    });

    // The code already in the field (a form sent back with errors, an edit): show its name.
    if (/^\d{4}(\d{2})?$/.test(lastQuery)) {
      request("q=" + encodeURIComponent(lastQuery) + "&limit=1").then(function (results) {
        if (results.length && results[0].code === lastQuery) showChosen(results[0]);
      }).catch(function () {});
    }
  }

  function init() {
    document.querySelectorAll("input[data-hs-picker]").forEach(setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
