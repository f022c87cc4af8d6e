"""`python -m keikaku` runs the keikaku command."""
from keikaku.cli import main

main()
