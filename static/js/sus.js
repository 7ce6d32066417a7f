// On a page with an error summary, focus moves to it so a screen reader reads the errors first
// and a keyboard user starts from there (the summary links lead to the fields). Without
// JavaScript the summary is still the first thing in the main content.
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
}());
