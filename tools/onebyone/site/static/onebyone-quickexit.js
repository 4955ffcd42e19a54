// Quick exit (onebyone.quickexit). The link works without this script; with it, a click or
// three presses of Shift on its own within two seconds hide the page at once and leave it
// with location.replace, so that Back does not return to this page.
//
// Shift counts only when it is pressed alone, as in GOV.UK's "Exit this page": a Shift used
// to type a capital letter, or pressed while typing in a text field, does not count, so
// typing "I Need Help" in the search box never leaves the page. A live region says how many
// more presses are needed.
(function () {
  "use strict";
  var link = document.querySelector("a.quick-exit");
  if (!link) {
    return;
  }
  var WINDOW_MS = 2000;
  var title = document.title;
  var presses = [];
  var lastKeyWasModified = false;
  var status = document.createElement("span");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  link.parentNode.appendChild(status);

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.documentElement.classList.add("quick-exit-leaving");
    document.title = "";
    window.location.replace(link.href);
  }

  function inTextField(target) {
    return Boolean(
      target && target.closest &&
      target.closest("input, textarea, select, [contenteditable]:not([contenteditable='false'])")
    );
  }

  function reset() {
    presses = [];
    status.textContent = "";
  }

  link.addEventListener("click", leave);
  document.addEventListener("keyup", function (event) {
    var alone = event.key === "Shift" && !lastKeyWasModified && !inTextField(event.target);
    // A key released while Shift was held (a capital letter) marks the next Shift as a
    // modifier; so does any other key, which also starts the count again.
    lastKeyWasModified = event.key !== "Shift" && event.shiftKey;
    if (!alone) {
      if (event.key !== "Shift" || inTextField(event.target)) {
        reset();
      }
      return;
    }
    var now = Date.now();
    presses = presses.filter(function (time) { return now - time < WINDOW_MS; });
    presses.push(now);
    if (presses.length >= 3) {
      reset();
      leave();
    } else {
      status.textContent = presses.length === 1 ? "Shift, press 2 more times to leave"
        : "Shift, press 1 more time to leave";
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" && event.shiftKey) {
      lastKeyWasModified = true;
    }
  });

  // While a modal dialog (search, menu) is open, the page behind it cannot be clicked, so a
  // tap on the exit's place on the screen leaves at once instead of only closing the dialog.
  document.addEventListener(
    "click",
    function (event) {
      // Only a tap on the dialog's backdrop: a tap on a control inside the dialog (its Close
      // button may sit where the exit is) does what that control says.
      var dialog = event.target;
      if (!dialog || dialog.tagName !== "DIALOG" || !dialog.open) {
        return;
      }
      var inside = dialog.getBoundingClientRect();
      if (event.clientX >= inside.left && event.clientX <= inside.right &&
          event.clientY >= inside.top && event.clientY <= inside.bottom) {
        return;
      }
      var box = link.getBoundingClientRect();
      if (event.clientX >= box.left && event.clientX <= box.right &&
          event.clientY >= box.top && event.clientY <= box.bottom) {
        leave(event);
      }
    },
    true
  );

  // A page restored from the back-forward cache comes back as it was before leaving.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.documentElement.classList.remove("quick-exit-leaving");
      document.title = title;
      reset();
    }
  });
})();
