/* On a phone the blog's categories are one row that scrolls sideways: on a category's page,
 * scroll that row (not the page) so the current category is in view, centered where it can be.
 * Without this script the row still scrolls by hand. Loaded with defer: no inline script (CSP). */
(function () {
  "use strict";

  var row = document.querySelector(".blog-categories ul");
  var current = row && row.querySelector('[aria-current="page"]');
  if (!current || row.scrollWidth <= row.clientWidth) {
    return;
  }
  var rowBox = row.getBoundingClientRect();
  var box = current.getBoundingClientRect();
  row.scrollLeft += box.left - rowBox.left - (rowBox.width - box.width) / 2;
})();
