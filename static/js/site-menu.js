// The header's menu button at phone width. Loaded in <head> without defer so that the "js" class is set
// before the first paint: the stylesheet folds the tools and the navigation away only when this script
// runs (without it, everything stays visible and the button stays hidden). The button is a disclosure:
// aria-expanded tells its state, Escape closes the menu and gives the focus back to the button.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  function setUp() {
    var header = document.querySelector("[data-site-header]");
    var button = header && header.querySelector("[data-menu-toggle]");
    if (!button) return;
    button.hidden = false;

    function toggle(open) {
      header.classList.toggle("menu-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }

    button.addEventListener("click", function () {
      toggle(button.getAttribute("aria-expanded") !== "true");
    });
    header.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && header.classList.contains("menu-open")) {
        toggle(false);
        button.focus();
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
