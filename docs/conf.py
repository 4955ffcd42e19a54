"""Sphinx configuration for the contributor and maintainer guide; built and checked like the handbook."""

project = "One by One: contributor guide"
author = "One by One contributors"
copyright = "2026, One by One contributors. Content CC BY 4.0; code MIT"
language = "en_GB"
root_doc = "index"

extensions = [
    "myst_parser",
    "sphinx_copybutton",
    "onebyone.checks",  # every content check, judged at the facilitators' reading level
    "onebyone.content.components",
    "onebyone.content.pages",
    "onebyone.content.language",
    "onebyone.content.terminology",  # the words-we-use table, shown in the writing guide
    # Published with the site (under contributing/), so it is as private, light and
    # accessible as the handbook.
    "onebyone.site",
]
# Built beside the handbook (build/docs): its reports are build/reports/guide-*.md, not the
# handbook's.
onebyone_reports_prefix = "guide-"

# The guide follows the handbook's words and spelling: one list of each, kept with the handbook.
onebyone_terminology_file = "../handbook/_data/terminology.yaml"
onebyone_spelling_allow_file = "../handbook/_data/spelling-allow.txt"

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

html_theme = "sphinx_book_theme"
html_title = "One by One: contributor guide"
html_show_sourcelink = False
html_copy_source = False
html_theme_options = {"home_page_in_toc": True, "use_download_button": False}
html_context = {"default_mode": "auto"}  # as the handbook: follow the device's setting

linkcheck_timeout = 20
linkcheck_ignore = [
    r"http://127\.0\.0\.1:8000.*",  # the local preview server, only there while you run it
    # Forms that GitHub shows only to signed-in people; signed out, they redirect to sign-in.
    r"https://github\.com/onebyone-handbook/handbook/(issues/new|security/advisories/new).*",
]
