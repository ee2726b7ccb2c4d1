/* Quick exit: leave for the neutral site the practice chose, replacing this page in the
 * history so Back does not return here. The link works without this script (a plain link);
 * with it, the link and Shift pressed three times in a row within a few seconds leave with
 * location.replace. Shift only, as GOV.UK's "Exit this page": Escape is what people press to
 * close a menu, and leaving then would lose what they typed (header.js closes menus on Escape).
 * Loaded with defer: no inline script (CSP). */
(function () {
  "use strict";

  var link = document.querySelector("[data-quick-exit]");
  if (!link) {
    return;
  }
  var PRESSES = 3;
  var WINDOW_MS = 5000;
  var hint = document.querySelector("[data-quick-exit-hint]");
  var status = document.querySelector("[data-quick-exit-status]");
  var count = 0;
  var timer = null;

  function leave() {
    // Hide the page at once: the neutral site may take a moment to load.
    document.documentElement.classList.add("quick-exit-leaving");
    document.title = "Loading";
    window.location.replace(link.href);
  }

  function reset() {
    count = 0;
    if (status) {
      status.textContent = "";
    }
  }

  if (hint) {
    hint.hidden = false;
    link.setAttribute("aria-describedby", hint.id);
  }

  link.addEventListener("click", function (event) {
    event.preventDefault();
    leave();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") {
      reset();
      return;
    }
    if (event.repeat) {
      return;
    }
    count += 1;
    window.clearTimeout(timer);
    timer = window.setTimeout(reset, WINDOW_MS);
    if (count >= PRESSES) {
      leave();
    } else if (status) {
      var left = PRESSES - count;
      // The page gives the sentence in its language (data-left-1, data-left-2); "{key}" is the key pressed.
      var message = status.getAttribute("data-left-" + left) || "{key}: press " + left + " more times to exit.";
      status.textContent = message.replace("{key}", event.key);
    }
  });
})();
