"""What a reader sees on a page, measured in the live page: shared by the tests and benchmarks.

``CITATION_SHARE`` returns ``[visible characters, citation characters]`` of the article as it
is drawn: text hidden from sight (names for screen readers, a closed Sources list) does not
count; citations are the markers or author-date labels plus the Sources heading.
"""

CITATION_SHARE = """() => {
  const style = document.createElement('style');
  style.textContent = '.visually-hidden, .sr-only { display: none !important; }';
  document.head.appendChild(style);
  const size = (el) => el ? el.innerText.replace(/\\s+/g, '').length : 0;
  const article = document.querySelector('article.bd-article');
  const all = size(article);
  let cited = 0;
  for (const el of article.querySelectorAll('.bibtex-citation')) cited += size(el);
  cited += size(article.querySelector('#page-sources'));
  style.remove();
  return [all, cited];
}"""

# Controls a reader taps, with their size: [text, width, height] for each visible one.
TAP_TARGETS = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => el.offsetParent !== null || getComputedStyle(el).position === 'fixed')
  .map((el) => { const r = el.getBoundingClientRect();
                 return [el.textContent.trim().slice(0, 40), r.width, r.height]; })
  .filter(([, w, h]) => w > 0 && h > 0)"""
