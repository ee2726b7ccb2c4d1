/* Readership beacon: tells the site that this page was shown, with nothing about who saw it.
 * Posts the page's path and the referring site's host only (never its address), once, with
 * navigator.sendBeacon to this site. Sends nothing when the browser asks not to be tracked
 * (Global Privacy Control, Do Not Track). No cookie, no storage. Loaded with defer (CSP). */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !navigator.sendBeacon) {
    return;
  }
  if (navigator.globalPrivacyControl === true || navigator.doNotTrack === "1") {
    return;
  }
  var host = "";
  if (document.referrer) {
    try {
      host = new URL(document.referrer).host;
    } catch (error) {
      host = "";
    }
  }
  var data = new URLSearchParams();
  data.set("p", window.location.pathname);
  data.set("r", host);
  navigator.sendBeacon(script.getAttribute("data-endpoint"), data);
})();
