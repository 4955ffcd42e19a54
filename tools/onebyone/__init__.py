"""One by One's Sphinx extensions and checks.

Each capability is one module, loaded by name from ``conf.py``:

Content and its checks
- ``frontmatter``: the page metadata schema, the meta description and the review line;
- ``components``: key points, what to do / not to do, get help, content note and facilitator
  boxes, and the ``{avoid}`` and ``{formal-name}`` roles;
- ``helplines``: the helpline directory from ``_data/helplines.yaml``, checked with phonenumbers;
- ``workshops``: workshop modules as data, their run sheets and lists;
- ``terminology``: words we avoid, from ``_data/terminology.yaml``;
- ``spelling``: misspellings and US spellings, from codespell's word lists;
- ``readability``: reading level per page (textstat), and empty pages;
- ``images``: alt text, size, credit and licence;
- ``freshness``: pages past their review date;
- ``explain``: a plain-words "Fix:" for Sphinx's own warnings.

The reader's page
- ``quickexit``: the "Leave this page quickly" link;
- ``privacy``: the Content-Security-Policy, no referrer, nothing stored, nothing from elsewhere;
- ``pageweight``: no FontAwesome script, icons cut to those used, search index on one page;
- ``accessibility``: the theme's accessibility fixes;
- ``language``: ``lang`` on text in another script;
- ``printpage``: a single page printed from the site.

Print and links
- ``pdf``: the ``pdf`` builder, which prints the handbook, guides, handouts and cards;
- ``linkcheck``: a bound on Sphinx's external link check, and its runner.

Shared helpers: ``yamllines`` (YAML with line numbers), ``prose`` (a page's text for the word
checks), ``reports`` (the reports folder), ``theme`` (our templates and static files).
"""

__version__ = "0.1.0"
