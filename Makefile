# The two set-up commands of README: `make run` and `make test`.
# Both build their own virtualenv (.venv) from PyPI; nothing else is needed
# but Python 3.11+ (tomllib) (and, for the tests, Java 17 and Maven, which fetch Neo4j, and Node.js).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DATA   ?= $(HOME)/.local/share/netgraph/graph.json
# `make run`: where the web UI listens (loopback only), and the accounts file (beside DATA)
HOST   ?= 127.0.0.1
PORT   ?= 5000
USERS  ?= $(dir $(DATA))users.json
# Every editable install ends with setuptools' notice that folders named like the package may
# shadow it: here they are the package (netgraph/, and web/ and cypher/ mapped into it). Only that
# notice is silenced; any other build warning still shows (tests/packaging checks there is none).
PIP_INSTALL := PYTHONWARNINGS='ignore:Editable installation' $(BIN)/python -m pip install --quiet

.PHONY: run test check docs bench venv clean chromium node

# Lint, format and types, as pre-commit and CI run them (the pinned tools from the test extra).
check: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

venv: $(BIN)/python
	$(PIP_INSTALL) -e '.[test,docs]'

# Install, load the demo organisation into the embedded store (only if it is empty), make the
# first-run admin account (only if there is none), and serve the web UI until Ctrl-C; it prints
# the address and a single-use log-in link. Asks nothing: `make run PORT=8000 DATA=/tmp/x/graph.json`.
run: $(VENV)/.installed
	NETGRAPH_USERS="$(USERS)" $(BIN)/netgraph --data "$(DATA)" start --host $(HOST) --port $(PORT)

# `make run` installs once (and again when pyproject.toml changes); the install is editable, so
# changes to the code need none. `make venv` installs again in any case.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP_INSTALL) -e '.[test]'
	touch $@

# The whole test suite; it starts (and afterwards stops) its own Neo4j, and
# drives Debian's Chromium for the browser tests (installed here when missing).
# First the documentation site, strictly (seconds): a broken link or an unlisted page fails.
# TEST_WORKERS pytest-xdist processes (default 2, one per core; 0 runs in one process), each
# test file on one of them, each worker with its own Neo4j on NETGRAPH_TEST_NEO4J_PORT + its index.
TEST_WORKERS ?= 2
test: venv chromium node
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir .site
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

# The documentation site (docs/, mkdocs.yml) on http://127.0.0.1:8000/ (DOCS_PORT), rebuilt as pages change.
DOCS_PORT ?= 8000
docs: venv
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(DOCS_PORT)

chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	  else echo "the browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

# The sign-in tests run a real OpenID Connect provider on Node (tests/oidc; its packages come from the
# lock file there, installed by the tests themselves): Debian's nodejs and npm when node is missing.
node:
	@command -v node >/dev/null && command -v npm >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm; \
	  else echo "the sign-in tests need Node.js: sudo apt-get install nodejs npm" >&2; exit 1; fi; }

# Benchmarks (minutes, not seconds); figures go into docs/benchmarks/ by hand.
bench: venv
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) .neo4j-test .bench .site build dist *.egg-info
