// Search that answers questions (onebyone.site.search). Sphinx puts this file into
// language_data.js, which loads after searchtools.js and before a search runs, so it can
// tune Sphinx's Scorer and the text it shows under each result.
//
// - A page whose title holds the reader's words comes first, then a section whose heading
//   holds them (all of them counts nearly as much as a title), then pages that only mention
//   them; glossary entries and workshop handouts
//   and guides come after the reader pages that explain the same thing.
// - Snippets come from the article only: not the page header's buttons ("Menu", "Light",
//   "Dark"), the "You are here" trail, the language switcher, the citation markers or the
//   Sources list.
// - Only the first ten results fetch their page for a snippet, so a search stays light.
// - From a saved copy (file://) the page says why results have no snippets.
(function () {
  "use strict";
  if (typeof Scorer === "undefined" || typeof Search === "undefined") {
    return;
  }
  Scorer.title = 40;
  Scorer.partialTitle = 20;
  Scorer.objNameMatch = 6;
  Scorer.objPartialMatch = 3;

  var ignored = new Set(window.stopwords || []);
  function words(text) {
    return (text || "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) {
      return w && !ignored.has(w);
    });
  }
  function queryWords() {
    return words(new URLSearchParams(window.location.search).get("q"));
  }
  function stem(word) {
    return window.Stemmer ? new window.Stemmer().stemWord(word) : word;
  }
  function share(query, title) {
    if (!query.length) {
      return 0;
    }
    var titleStems = new Set(words(title).map(stem));
    var hits = query.filter(function (w) { return titleStems.has(stem(w)); }).length;
    return hits / query.length;
  }

  Scorer.score = function (result) {
    var docname = result[0];
    var title = result[1] || "";
    var anchor = result[2];
    var score = result[4];
    var query = queryWords();
    var pageTitle = title.split(" > ")[0];
    var heading = title.split(" > ").slice(-1)[0];
    score += 60 * share(query, pageTitle);
    if (anchor) {
      // A heading that holds every word answers the question almost as well as a title.
      var inHeading = share(query, heading);
      score += inHeading === 1 ? 45 : 20 * inHeading;
    } else {
      score += 10; // the page itself before one of its sections
    }
    if (/^reference\/glossary$/.test(docname)) {
      score -= 25;
    }
    if (/^workshops\/.+\/(guide|handout)$/.test(docname)) {
      score -= 20;
    }
    return score;
  };

  // Sphinx fetches the whole page of every result to cut its snippet: a broad search ("what
  // to do") fetched about 100 pages, 0.9 MB. Only the first results get a snippet; the rest
  // show their title (benchmarks/search_engines.py measures it). Sphinx reads this option once
  // for each result, just before it adds the result to the list.
  var SNIPPETS = 10;
  if (typeof DOCUMENTATION_OPTIONS !== "undefined" && window.location.protocol !== "file:") {
    Object.defineProperty(DOCUMENTATION_OPTIONS, "SHOW_SEARCH_SUMMARY", {
      configurable: true,
      get: function () {
        return document.querySelectorAll("#search-results ul.search > li").length < SNIPPETS;
      },
    });
  }

  // Opened from a saved copy (file://), the browser will not let the search read the pages,
  // so results come without the text around the words: say so, plainly.
  // Nor does it try to: each try would fail with an error.
  if (window.location.protocol === "file:") {
    if (typeof DOCUMENTATION_OPTIONS !== "undefined") {
      DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
    }
    document.addEventListener("DOMContentLoaded", function () {
      var note = document.createElement("p");
      note.className = "onebyone-search-offline";
      note.textContent = "You are reading a copy saved on this device. Search finds pages " +
        "by their words, but cannot show the text around them. The PDF of the handbook " +
        "works fully offline.";
      var results = document.getElementById("search-results");
      if (results) {
        results.parentNode.insertBefore(note, results);
      }
    });
  }

  var htmlToText = Search.htmlToText;
  var NOT_CONTENT = [
    ".bd-header-article", ".onebyone-trail", "#jb-print-docs-body", ".bd-sidebar-secondary",
    ".bd-sidebar-primary", ".language-switcher", ".prev-next-footer", ".onebyone-cite",
    "#page-sources",
    ".page-review", ".visually-hidden", ".quick-exit-bar", "footer",
  ].join(", ");
  Search.htmlToText = function (htmlString, anchor) {
    var doc = new DOMParser().parseFromString(htmlString, "text/html");
    doc.querySelectorAll(NOT_CONTENT).forEach(function (el) { el.remove(); });
    return htmlToText(doc.documentElement.outerHTML, anchor);
  };
})();
