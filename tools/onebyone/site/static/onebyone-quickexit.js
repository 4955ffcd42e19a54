// Quick exit (onebyone.quickexit). The link works without this script; with it, a click or
// three presses of Shift within two seconds hide the page at once and leave it with
// location.replace, so that Back does not return to this page.
(function () {
  "use strict";
  var link = document.querySelector("a.quick-exit");
  if (!link) {
    return;
  }
  var title = document.title;
  var presses = [];

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.documentElement.classList.add("quick-exit-leaving");
    document.title = "";
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (time) { return now - time < 2000; });
    presses.push(now);
    if (presses.length >= 3) {
      leave();
    }
  });
  // A page restored from the back-forward cache comes back as it was before leaving.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.documentElement.classList.remove("quick-exit-leaving");
      document.title = title;
      presses = [];
    }
  });
})();
