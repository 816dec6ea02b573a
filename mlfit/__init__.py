"""mlfit: how well does an ML engineer's CV fit the 2026 US job market, segment by segment."""

__version__ = "0.1.0"
