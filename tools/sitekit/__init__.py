"""The site's build and publish tooling, one module per idea.

- :mod:`sitekit.settings`: the site's facts (languages, titles, the torch pin, the wheel's
  name, the base URL), read from ``pyproject.toml``'s ``[tool.pytorch-basics-site]``;
- :mod:`sitekit.pairs`: the page pairs (a Korean and an English file of the same name);
- :mod:`sitekit.parity`: what may differ between the two pages of a pair;
- :mod:`sitekit.build`: one Sphinx build per language, with its record of completion;
- :mod:`sitekit.publish`: ``build/site`` assembled from the languages that may be published.

The command is ``python tools/build_site.py``; the Sphinx extensions live in ``docs/_ext``.
"""
