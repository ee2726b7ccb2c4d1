/* Contact and consultation forms: progressive enhancement only; the forms work without it.
 * - Moves focus to the error summary after a failed submission, so it is announced.
 * - Shows follow-up questions and notices only when the answer they depend on is chosen
 *   (without JavaScript they are always shown, with a hint saying when they apply).
 * - Marks what the current answers make necessary ([data-required-when="name=value|value"]:
 *   the email or phone for the chosen channel, its consent, a child's guardian, the insurance
 *   company) with the page's own word for "(required)" (the form's data-required-label, in the
 *   visitor's language) and the `required` attribute, as the answers change, so a visitor sees
 *   everything the server will ask for before sending. The server still checks. */
(function () {
  "use strict";

  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    // Focus announces it; scroll only when its start is off screen, so the page does not jump
    // under the sticky quick exit bar (scroll-padding-top keeps it clear when it does scroll).
    summary.focus({ preventScroll: true });
    var top = summary.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight - 80) {
      summary.scrollIntoView({ block: "start" });
    }
  }

  function checkedValue(form, name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : "";
  }

  function hasError(section) {
    return section.querySelector(".field--error") !== null;
  }

  function ruleHolds(form, element, attribute) {
    var rule = element.getAttribute(attribute).split("=");
    return rule[1].split("|").indexOf(checkedValue(form, rule[0])) !== -1;
  }

  function markRequired(wrapper, needed, word) {
    wrapper.querySelectorAll("input, select, textarea").forEach(function (control) {
      control.required = needed;
    });
    var label = wrapper.querySelector("legend, label");
    var marker = wrapper.querySelector(".field__required");
    if (needed && !marker && label && word) {
      marker = document.createElement("span");
      marker.className = "field__required";
      marker.textContent = " " + word;
      label.appendChild(marker);
    } else if (!needed && marker) {
      marker.parentNode.removeChild(marker);
    }
  }

  document.querySelectorAll("form.contact-form").forEach(function (form) {
    var sections = Array.prototype.slice.call(form.querySelectorAll("[data-reveal-when]"));
    var dependents = Array.prototype.slice.call(form.querySelectorAll("[data-required-when]"));
    var requiredWord = form.getAttribute("data-required-label") || "";
    function update() {
      sections.forEach(function (section) {
        section.hidden = !(ruleHolds(form, section, "data-reveal-when") || hasError(section));
      });
      dependents.forEach(function (wrapper) {
        var hiddenSection = wrapper.closest("[hidden]");
        markRequired(wrapper, !hiddenSection && ruleHolds(form, wrapper, "data-required-when"), requiredWord);
      });
    }
    form.addEventListener("change", update);
    update();
  });
})();
