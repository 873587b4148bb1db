"""One module per subcommand; each exposes `run(args, terminal) -> int`. Imported only when
that command runs, so `tutor --help` and argument errors never load the model or the index."""
