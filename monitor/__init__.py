"""storywatch: watch published news stories and tell editors, in plain words, what changed."""

__version__ = "0.1.0"
