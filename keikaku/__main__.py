"""`python -m keikaku` is the keikaku command."""
from keikaku.cli import main

main(prog_name="keikaku")
