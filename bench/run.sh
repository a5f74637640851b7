#!/bin/sh
# pamphlet benchmark: see bench/README.md. All flags go to run.py.
exec python3 "$(dirname "$0")/run.py" "$@"
