"""One module per command; each has `register(app)`. Commands are thin: options in, core call,
renderer, exit code."""
