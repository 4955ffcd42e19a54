// Privacy (onebyone.privacy): the site stores nothing in the browser unless the reader asks.
// The theme saves its light or dark setting each time a page opens, and the sidebar's scroll
// position each time a page closes. A watched device should not collect either, so writes
// to browser storage are held back until the reader changes the colour setting themselves;
// then that one choice is saved, so the pages look the same next time.
(function () {
  "use strict";
  var readerChoseMode = false;
  var setItem = Storage.prototype.setItem;

  document.addEventListener(
    "click",
    function (event) {
      if (event.target.closest && event.target.closest(".theme-change-button")) {
        readerChoseMode = true;
      }
    },
    true // capture: runs before the theme's own click handler saves the setting
  );

  Storage.prototype.setItem = function (key, value) {
    var isModeSetting = this === window.localStorage && (key === "mode" || key === "theme");
    if (readerChoseMode && isModeSetting) {
      setItem.call(this, key, value);
    }
  };
})();
