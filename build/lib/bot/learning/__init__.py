"""Fitting and checking the offline classifier: `coldshoulder train` and `eval --cv`.

Needs the `train` extra (scikit-learn); the bot and the rest of the CLI never import this.
"""
