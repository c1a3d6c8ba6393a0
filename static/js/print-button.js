// Buttons marked data-print print the page (the badge); no inline handler, as the security policy wants.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});
