"""`python run.py` serves Facilitator with the embedded defaults (SQLite, a demo conference).

Takes the same options as `facilitator run`: --host, --port, --db (or FACILITATOR_HOST,
FACILITATOR_PORT, FACILITATOR_DB).
"""
from gevent import monkey

monkey.patch_all()

import sys  # noqa: E402

from facilitator.cli import main  # noqa: E402

if __name__ == "__main__":
    main(["run", *sys.argv[1:]])
