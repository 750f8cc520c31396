"""One module per CLI command group; ``guigym.cli`` wires them into one Typer app."""
