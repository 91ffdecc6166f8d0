"""The offline demo (``storywatch demo``): a local newsroom of invented stories; see ``monitor.demo.run``."""
