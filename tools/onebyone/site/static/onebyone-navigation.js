// Navigation (onebyone.navigation): the "Menu" and "On this page" buttons open and close the
// navigation on every screen size.
//
// The book theme and its parent theme each bind only the first ".primary-toggle" they find,
// and below 992 px that one is hidden, so the visible buttons did nothing
// (pydata-sphinx-theme #2451; sphinx-book-theme PR #991 proposes binding every button).
// This script answers every toggle itself, in the capture phase, before the themes' handlers:
// - on a narrow screen, and for "On this page" on any screen, the sidebar opens as a modal
//   dialog (the themes' own <dialog>), with a "Close" button; Escape, the backdrop and
//   "Close" shut it, and focus goes back to the button;
// - on a wide screen, "Menu" shows or hides the sidebar beside the page;
// - each button's aria-expanded says whether what it controls is open.
// The "Light or dark" button opens its short list of choices the same way (Bootstrap's
// dropdown script did this before, 24 KB for one list): the button's aria-expanded follows it,
// and a choice, Escape, or a tap elsewhere closes it. The theme's script applies the choice.
// Without JavaScript the buttons are hidden (pst-js-only); the site bar still links to the
// home page, the part the page belongs to, and Get help.
(function () {
  "use strict";
  var WIDE = window.matchMedia("(min-width: 992px)");
  var CLOSE_LABEL = document.documentElement.lang.indexOf("en") === 0 ? "Close" : "×";

  function parts(kind) {
    return {
      buttons: document.querySelectorAll("." + kind + "-toggle"),
      dialog: document.getElementById("pst-" + kind + "-sidebar-modal"),
      sidebar: document.getElementById("pst-" + kind + "-sidebar"),
    };
  }

  function setExpanded(buttons, open) {
    buttons.forEach(function (button) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  function move(from, to) {
    Array.from(from.childNodes).forEach(function (node) {
      if (!(node.classList && node.classList.contains("onebyone-dialog-close"))) {
        to.appendChild(node);
      }
    });
    Array.from(from.classList).forEach(function (name) {
      from.classList.remove(name);
      to.classList.add(name);
    });
  }

  function openDialog(kind, button) {
    var p = parts(kind);
    if (!p.dialog || !p.sidebar || p.dialog.open) {
      return;
    }
    move(p.sidebar, p.dialog);
    var close = document.createElement("button");
    close.type = "button";
    close.className = "btn onebyone-dialog-close";
    close.textContent = CLOSE_LABEL;
    close.addEventListener("click", function () {
      p.dialog.close();
    });
    p.dialog.insertBefore(close, p.dialog.firstChild);
    p.dialog.addEventListener(
      "close",
      function () {
        close.remove();
        move(p.dialog, p.sidebar);
        setExpanded(p.buttons, false);
        if (button && button.focus) {
          button.focus();
        }
      },
      { once: true }
    );
    p.dialog.showModal();
    setExpanded(p.buttons, true);
  }

  function toggleBeside(kind) {
    var p = parts(kind);
    if (!p.sidebar) {
      return;
    }
    var hidden = p.sidebar.classList.toggle("pst-sidebar-hidden");
    setExpanded(p.buttons, !hidden);
  }

  document.addEventListener(
    "click",
    function (event) {
      var button = event.target.closest && event.target.closest(".primary-toggle, .secondary-toggle");
      if (!button) {
        return;
      }
      // Ours alone: the themes' handlers would open the wrong dialog or none.
      event.preventDefault();
      event.stopPropagation();
      var kind = button.classList.contains("primary-toggle") ? "primary" : "secondary";
      if (kind === "primary" && WIDE.matches) {
        toggleBeside(kind);
      } else {
        openDialog(kind, button);
      }
    },
    true
  );

  // The light or dark list: open, closed, and which button says so.
  function showChoices(button, open) {
    var list = button.parentElement.querySelector(".dropdown-menu");
    if (list) {
      list.classList.toggle("show", open);
      button.classList.toggle("show", open); // as Bootstrap did: the theme's CSS reads it
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
  }
  function closeChoices(except) {
    document.querySelectorAll(".theme-switch-button").forEach(function (button) {
      if (button !== except) {
        showChoices(button, false);
      }
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".theme-switch-button");
    closeChoices(button);
    if (button) {
      showChoices(button, button.getAttribute("aria-expanded") !== "true");
    }
  });

  // Escape closes an open navigation dialog (Sphinx's highlight script can swallow it) and
  // the light or dark list.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var open = document.querySelector('.theme-switch-button[aria-expanded="true"]');
    if (open) {
      closeChoices(null);
      open.focus();
    }
    ["primary", "secondary"].forEach(function (kind) {
      var dialog = parts(kind).dialog;
      if (dialog && dialog.open) {
        event.preventDefault();
        dialog.close();
      }
    });
  });

  // A tap on the backdrop (outside the dialog's box) closes it.
  function closeOnBackdrop() {
    ["primary", "secondary"].forEach(function (kind) {
      var dialog = parts(kind).dialog;
      if (!dialog) {
        return;
      }
      dialog.addEventListener("click", function (event) {
        var box = dialog.getBoundingClientRect();
        var outside =
          event.clientX < box.left || event.clientX > box.right ||
          event.clientY < box.top || event.clientY > box.bottom;
        if (dialog.open && outside && event.target === dialog) {
          dialog.close();
        }
      });
    });
  }

  // The state each button starts in: the sidebar beside a wide page is shown, dialogs closed.
  function initial() {
    ["primary", "secondary"].forEach(function (kind) {
      var p = parts(kind);
      var beside = kind === "primary" && WIDE.matches && p.sidebar &&
        !p.sidebar.classList.contains("pst-sidebar-hidden");
      setExpanded(p.buttons, Boolean(beside));
    });
  }
  function ready() {
    closeOnBackdrop();
    initial();
    WIDE.addEventListener("change", initial);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
