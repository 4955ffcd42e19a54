"""A scratch project for the tool tests: ``conftest.scratch_project`` copies this folder and
adds the pages a test needs; ``conftest.add_extensions`` adds the parts of ``onebyone`` a test
checks (a line appended below, never an edit of these)."""

project = "Scratch"
language = "en_GB"
extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "onebyone.content.pages",
    "onebyone.content.components",
    "onebyone.outputs.pdf",
]
myst_enable_extensions = ["colon_fence"]
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
