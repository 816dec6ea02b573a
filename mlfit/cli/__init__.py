"""The command line: thin wrappers over mlfit.api, one module per command."""
