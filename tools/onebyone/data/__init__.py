"""The handbook's data, validated: page metadata, helplines, workshop modules, terminology and
the sites we never cite.

Each module here is a pydantic model of one kind of data and a pure ``check(text)`` that
returns the data or its problems (``onebyone.core.Problem``, each with its line and fix).
Nothing here knows Sphinx: the extensions in ``content/`` and ``checks/`` load these files
with ``onebyone.core.load_data_file`` and show or check what they hold.
"""
