#!/usr/bin/env bash
# Creates benchmarks/.venv with the peer libraries of requirements.txt.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x .venv/bin/python ]; then
  # A broken environment (or a link to one that is gone) is made anew.
  rm -rf .venv
  python3 -m venv .venv
fi
if ! .venv/bin/python -c "import numpy, pandas, scipy, polars, duckdb" 2>/dev/null; then
  .venv/bin/pip install --quiet -r requirements.txt
fi
.venv/bin/python -c "import numpy, pandas, scipy, polars, duckdb; print('peers:', 'numpy', numpy.__version__, 'pandas', pandas.__version__, 'scipy', scipy.__version__, 'polars', polars.__version__, 'duckdb', duckdb.__version__)"
