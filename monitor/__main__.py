"""``python -m monitor`` is the ``storywatch`` command."""

from monitor.cli import main

if __name__ == "__main__":
    main()
