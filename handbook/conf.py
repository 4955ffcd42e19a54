"""Sphinx configuration for the One by One handbook: declarations only; the work is in tools/."""

project = "One by One"
author = "One by One contributors"
copyright = "2026, One by One contributors. Content CC BY 4.0; code MIT"
language = "en_GB"
root_doc = "index"

extensions = [
    "myst_parser",
    "sphinxcontrib.bibtex",
    "sphinxext.opengraph",
    "sphinx_sitemap",
    "onebyone",  # all of tools/onebyone: content, checks, the reader's site, the PDFs
]

exclude_patterns = ["_build", "locales"]
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"

# --- Languages (onebyone.site.languages; docs/translate.md) --------------------------------------
# English is the source. Catalogues: locales/<code>/LC_MESSAGES/<page>.po, one per page.
# The languages, their safety core and review status: _data/languages.yaml.
locale_dirs = ["locales/"]
gettext_compact = False
gettext_location = False  # no machine-specific paths in the catalogues
gettext_uuid = False

# --- MyST -------------------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_url_schemes = ["http", "https", "mailto", "tel", "sms"]  # tel: and sms: dial helplines
myst_heading_anchors = 3

# --- Citations: one bibliography, listed on reference/references.md ------------------------------
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
bibtex_default_style = "plain"

# --- Site ---------------------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
# Each page's foot says whether an outside safeguarding professional has reviewed it
# (front matter: safeguarding-reviewed), and says so plainly when not.
onebyone_safeguarding_review_line = True
html_title = "One by One"
html_baseurl = "https://onebyone-handbook.github.io/handbook/"
# For the pages Sphinx makes itself (search, index); every other page has its own.
onebyone_site_description = (
    "One by One: an open handbook that helps ordinary people understand child trafficking, "
    "notice when a child may be at risk, and act safely."
)
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = False
html_theme_options = {
    "home_page_in_toc": True,
    # The side menu opens only the current part, not every part on every page: each page is
    # lighter, and the build spends less time drawing the menu.
    "collapse_navbar": True,
    "show_toc_level": 2,
    "use_download_button": False,
    "use_fullscreen_button": False,
    # No repository buttons: they would link readers to a developer site they do not need.
    "use_repository_button": False,
}
# Light or dark follows the device until the reader chooses. The theme's templates read this
# value but never set it, and an empty mode makes its script log an error on every page.
html_context = {"default_mode": "auto"}
sitemap_url_scheme = "{link}"
ogp_site_url = html_baseurl
ogp_enable_meta_description = False  # onebyone.frontmatter writes it from the front matter
ogp_social_cards = {"enable": False}  # would need matplotlib and add weight; previews use the text

# --- Helplines (onebyone.helplines): numbers live in _data/helplines.yaml only ---------------------
onebyone_helplines_file = "_data/helplines.yaml"
onebyone_helplines_max_age_days = 365
# The repository's issue form for a wrong number (.github/ISSUE_TEMPLATE/wrong-number.yml).
onebyone_helplines_report_url = (
    "https://github.com/onebyone-handbook/handbook/issues/new?template=wrong-number.yml"
)

# --- PDF (onebyone.pdf) ---------------------------------------------------------------------------
onebyone_pdf_filename = "one-by-one-handbook.pdf"
onebyone_pdf_title = "One by One"
onebyone_pdf_subtitle = "A handbook on child trafficking: understand, recognise, act safely"
onebyone_pdf_paper = "A4"  # or "letter": sphinx-build -b pdf -D onebyone_pdf_paper=letter ...
# The country cards: their signs and steps, and the page their QR code opens.
onebyone_cards_signs_page = "recognise/summary"
onebyone_cards_help_page = "get-help/index"
# The pdf builder's list of its prints' sizes and pages: the workshops page shows them by each
# link (nox -s build prints, then brings that page up to date).
onebyone_workshops_pdf_manifest = "../build/pdf/prints.json"

# --- External link check (onebyone.linkcheck bounds it) -------------------------------------------
linkcheck_timeout = 20
linkcheck_retries = 2
linkcheck_rate_limit_timeout = 120
linkcheck_workers = 5
linkcheck_report_timeouts_as_broken = False
linkcheck_anchors = False  # many sources build their pages with scripts; anchors are not in the HTML
linkcheck_ignore = [
    # Our own site, checked by the strict build, not over the network.
    r"https://onebyone-handbook\.github\.io/.*",
    # GitHub's new-issue form needs a signed-in browser; it answers a checker with a login page.
    r"https://github\.com/onebyone-handbook/handbook/issues/new.*",
    # The workshop guides, handouts and cards: built PDFs, copied beside the site by
    # ./nox -s build, so not there to check in the source (the tests open every one).
    r"^(\.\./)*pdf/[^/]+\.pdf$",
]

# --- Plain http:// addresses (onebyone.checks.links): refused unless listed here, with why --------
# Each of these sites answered only on http:// when the source was added, and no https:// copy
# of the page was found. Change an entry to https:// (and remove it here) when one appears.
onebyone_http_allowed = {
    "http://blueblindfold.gov.ie/en/bbf/pages/child_trafficking": "old government campaign site; no https page found",
    "http://thefamilytraveler.com/2019/01/travel-tip-keeping-children-safe": "no https page found",
    "http://www.frsb.org.uk/3-in-4-charity-donors-would-not-donate-to-a-charity-which-had-failed-to-file-its-financial-information/": "the Fundraising Standards Board's old site; no https page found",
    "http://gadgetoreo.blogg.se/2023/may/abduction-meaning.html": "no https page found",
    "http://www.govwire.co.uk/news/home-office/guidance-criminal-exploitation-of-children-and-vulnerable-adults-county-lines-67093": "no https page found",
    "http://intltravelnews.com/2009/04/childsafe-international": "2009 article; no https page found",
    "http://anyonetrafficked.com": "no https page found",
    "http://www.metroeireann.com/news/131/18-october-is-eu-anti-trafficking-day.html": "news archive; no https page found",
    "http://childsafetourism.thecode.org/actions/ask-permission/": "old campaign subdomain; no https page found",
    "http://www.tourism4development2017.org/solutions/the-code/": "site of a 2017 UN year; no https page found",
    "http://www.ungift.org/about/human-trafficking.html": "old UN.GIFT site; no https page found",
    "http://clcjbooks.rutgers.edu/books/walking-prey-how-americas-youth-are-vulnerable-to-sex-slavery/": "publisher's book page; no https page found",
    "http://191.go.th/about.html": "the Thai police 191 centre's own page, the official source for 191; only an http copy was found",
    "http://interior.go.ke/index.php/2015-02-28-06-43-54/news/163-update-on-security-situation-in-the-country-ag-cabinet-secretary-for-interior-coordination-of-national-government": "Kenya's Ministry of Interior page, the official source for 999 and 112; only an http copy was found",
}

# --- ePub (onebyone.outputs.epub; docs/offline.md): sphinx-build -b epub, checked by EPUBCheck ---
version = "2026.12"  # the edition (year.month), the ePub's version: change it at a release
release = version
epub_title = "One by One: a handbook on child trafficking"
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_description = (
    "An open handbook that helps ordinary people understand child trafficking, notice when a "
    "child may be at risk, and act safely."
)
epub_basename = "one-by-one-handbook"
# The identifier must be an XML name, the same in both places (EPUBCheck NCX-001).
epub_uid = "onebyone-handbook"
epub_identifier = epub_uid
epub_show_urls = "no"  # the links work in the ePub; their addresses in the text add clutter
