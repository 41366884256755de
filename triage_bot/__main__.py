"""``python -m triage_bot``: the same as the ``triage-bot`` command."""
import sys

from .cli import main

sys.exit(main())
