/* Contact and consultation forms: progressive enhancement only; the forms work without it.
 * - Moves focus to the error summary after a failed submission, so it is announced.
 * - Shows follow-up questions and notices only when the answer they depend on is chosen
 *   (without JavaScript they are always shown, with a hint saying when they apply). */
(function () {
  "use strict";

  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }

  function checkedValue(form, name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : "";
  }

  function hasError(section) {
    return section.querySelector(".field--error") !== null;
  }

  document.querySelectorAll("form.contact-form").forEach(function (form) {
    var sections = Array.prototype.slice.call(form.querySelectorAll("[data-reveal-when]"));
    if (!sections.length) {
      return;
    }
    function update() {
      sections.forEach(function (section) {
        var rule = section.getAttribute("data-reveal-when").split("=");
        var show = checkedValue(form, rule[0]) === rule[1] || hasError(section);
        section.hidden = !show;
      });
    }
    form.addEventListener("change", update);
    update();
  });
})();
