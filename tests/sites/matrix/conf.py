"""The bad-input matrix's project: every check of the handbook, loaded as the handbook loads
them (``tests/test_bad_input.py`` copies this folder, with the handbook's word lists, and makes
one mistake per case)."""

project = "Matrix"
language = "en_GB"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "onebyone"]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
html_theme = "sphinx_book_theme"  # the site's templates adapt the book theme
