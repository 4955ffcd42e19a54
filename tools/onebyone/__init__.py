"""One by One's Sphinx extensions and checks.

Each capability is one module, loaded by name from ``conf.py``:

- ``onebyone.frontmatter``: the page metadata schema, the meta description and the review line;
- ``onebyone.components``: key points, what to do / not to do, get help and content note boxes;
- ``onebyone.pdf``: the ``pdf`` builder, which prints the whole handbook with WeasyPrint;
- ``onebyone.linkcheck``: a bound on Sphinx's external link check, and its runner.
"""

__version__ = "0.1.0"
