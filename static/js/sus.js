// On a page with an error summary, focus moves to it so a screen reader reads the errors first
// and a keyboard user starts from there. A link of the summary puts the cursor in its field and
// shows the field's question above it (for radio buttons, the group's legend), without putting
// the field's id in the address. Without JavaScript the summary is still first in the main
// content and its links still lead to the fields.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    var group = field.closest("fieldset");
    var label = document.querySelector("label[for='" + field.id + "']");
    var shown = (group && group.querySelector("legend")) || label || field;
    field.focus({ preventScroll: true });
    shown.scrollIntoView();
  });
}());
