/* The team page's clinician finder, a GET form folded in a <details> above the results.
 * - It arrives closed, so a phone shows the clinicians first; on a wide screen, where it sits
 *   beside plenty of room, it opens once on load (never again: the visitor's choice stands).
 * - Sending it leaves the choices left at "any" out of the address: "/team/?language=korean#results",
 *   not seven empty parameters.
 * Without this script the summary still opens it and the form sends every field; the server reads
 * both addresses the same way. Loaded with defer: no inline script (CSP). */
(function () {
  "use strict";

  var finder = document.querySelector("details.finder");
  if (!finder) {
    return;
  }
  if (window.matchMedia("(min-width: 64rem)").matches) {
    finder.open = true;
  }

  var form = finder.querySelector("form");
  form.addEventListener("submit", function (event) {
    var query = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value !== "") {
        query.append(name, value);
      }
    });
    var address = new URL(form.action); // the page, with #results
    address.search = query.toString();
    event.preventDefault();
    window.location.assign(address.href);
  });
})();
