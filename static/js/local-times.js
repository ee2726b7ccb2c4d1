/* Free call times, server-rendered in the practice's zone: progressive enhancement only.
 * When the visitor's own clock differs from the practice's at a time, its label gains her own
 * time beside it ("12:00 PM (9:00 AM PST, your time)"); the weekday too when it falls on
 * another day. The choice posted is the same UTC instant either way. */
(function () {
  "use strict";

  var VALUE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z$/;

  function instant(value) {
    var parts = VALUE.exec(value || "");
    if (!parts) return null;
    return new Date(Date.UTC(+parts[1], +parts[2] - 1, +parts[3], +parts[4], +parts[5]));
  }

  function dayKey(date, zone) {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
  }

  function wallClock(date, zone) {
    return new Intl.DateTimeFormat("en-US", { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
  }

  document.querySelectorAll("[data-local-times]").forEach(function (picker) {
    var practiceZone = picker.getAttribute("data-practice-zone");
    var visitorZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!practiceZone || !visitorZone || practiceZone === visitorZone) return;
    var language = document.documentElement.lang || undefined;
    var label = picker.getAttribute("data-local-label") || "";
    var timeOnly = new Intl.DateTimeFormat(language, { hour: "numeric", minute: "2-digit", timeZoneName: "short" });
    var withDay = new Intl.DateTimeFormat(language, { weekday: "short", hour: "numeric", minute: "2-digit", timeZoneName: "short" });
    var shown = false;
    picker.querySelectorAll("input[type=radio]").forEach(function (input) {
      var date = instant(input.value);
      var text = input.id && picker.querySelector('label[for="' + input.id + '"]');
      if (!date || !text || wallClock(date, practiceZone) === wallClock(date, visitorZone) && dayKey(date, practiceZone) === dayKey(date, visitorZone)) return;
      var sameDay = dayKey(date, practiceZone) === dayKey(date, visitorZone);
      var local = document.createElement("span");
      local.className = "time-picker__local";
      local.textContent = "(" + (sameDay ? timeOnly : withDay).format(date) + ", " + label + ")";
      text.appendChild(document.createTextNode(" "));
      text.appendChild(local);
      shown = true;
    });
    if (shown) picker.classList.add("time-picker--local");
  });
})();
