/* The header's two disclosures (the phone menu and the search panel, both <details>): Escape
 * closes the open one and gives focus back to its button, as a menu does everywhere else; opening
 * the search panel puts the cursor in its field. Without this script both still open and close
 * with their buttons. Loaded with defer: no inline script (CSP). */
(function () {
  "use strict";

  var disclosures = document.querySelectorAll(".site-header details");

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    disclosures.forEach(function (details) {
      if (details.open) {
        details.open = false;
        details.querySelector("summary").focus();
      }
    });
  });

  var search = document.querySelector(".header-search");
  if (search) {
    search.addEventListener("toggle", function () {
      var field = search.querySelector("input[type=search]");
      if (search.open && field) {
        field.focus();
      }
    });
  }
})();
