// Follow-up questions appear only when their parent question is answered "Ja".
// Without JavaScript every question stays visible; the server ignores follow-ups after "Nej".
(function () {
  "use strict";
  function parentValue(name) {
    var checked = document.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : "";
  }
  function update() {
    document.querySelectorAll("[data-follow-up-of]").forEach(function (wrapper) {
      wrapper.hidden = parentValue(wrapper.getAttribute("data-follow-up-of")) !== "True";
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches('input[type="radio"]')) { update(); }
  });
  update();
}());
