# The commands people type. Every target bootstraps what it needs.
#   make serve   build the site and serve it on http://$(HOST):$(PORT)/
#   make test    run every test (builds, feeds, plugins, browser)

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
STAMP    := $(VENV)/.installed
HOST     ?= 127.0.0.1
PORT     ?= 8000
OUTPUT   ?= output
# Pelican, skipped when nothing the build reads changed since its last success (plugins/tools/build.py)
PELICAN  := $(BIN)/python -m plugins.tools.build
PELICANOPTS ?=
# The browser tests drive Debian's headless build of Chromium (package chromium-headless-shell:
# the same Blink without the desktop browser around it, as Playwright's own headless default): a
# page load costs a third to a quarter of the CPU of /usr/bin/chromium's headless mode. `browser`
# installs it when it is missing and apt is there; else Debian's chromium serves, when installed.
# CHROMIUM=/path/to/chrome picks another.
HEADLESS_SHELL := /usr/bin/chromium-headless-shell
CHROMIUM ?=
# The browser of a test run, looked up when it starts (after `browser` installed what it could).
CHROMIUM_FOUND = $(or $(CHROMIUM),$$(for path in $(HEADLESS_SHELL) /usr/bin/chromium; do \
  if [ -x $$path ]; then echo $$path; exit; fi; done; echo $(HEADLESS_SHELL)))

.PHONY: help html serve devserver publish lock clean test test-content quick golden screenshots lint format browser npm check newpost newevent bench list-archive

help:
	@echo "make serve      build the site and serve it on http://$(HOST):$(PORT)/"
	@echo "make test       run every test (bootstraps .venv, npm packages and chromium)"
	@echo "make test-content  the checks of a pull request of content/ only (CI runs it for one)"
	@echo "make quick      the quick loop while editing code: lint and the tests that build nothing"
	@echo "make screenshots  every page kind at 375 and 1280 px, light and dark, in tests/artifacts/"
	@echo "make html       build the development site into $(OUTPUT)/"
	@echo "make devserver  serve on http://$(HOST):$(PORT)/, rebuild on every change, reload the browser"
	@echo "make publish    build the production site (publishconf.py, SITEURL from the environment)"
	@echo "make newpost TITLE=\"...\" [AUTHOR=id TOPICS=a,b]   scaffold a new post"
	@echo "make newevent TITLE=\"...\" START=\"YYYY-MM-DD HH:MM\" [TIMEZONE=Europe/Berlin DURATION=1h REPEAT=\"monthly on the first Wednesday\" LOCATION=\"...\" AUTHOR=id TOPICS=a,b]   scaffold a meeting"
	@echo "make check      check the content (the build runs the same checks)"
	@echo "make lock       rewrite urls.lock after adding a post (or removing a URL on purpose)"
	@echo "make lint       ruff check and format check"
	@echo "make list-archive  download the mailing list's monthly archives into content/list/"
	@echo "make clean      remove $(OUTPUT)/ and caches"

# The virtualenv is (re)made when missing or when pyproject.toml is newer. The project is
# installed as a plain package, not editable: it has no code to import, only the dependencies
# (an editable install of it only makes setuptools warn about import precedence).
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# (setuptools notes at every editable install of a flat layout that a folder named like the
	@# package shadows it: that folder is the package here, so the notice is silenced)
	PYTHONWARNINGS=ignore::UserWarning $(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

html: $(STAMP)
	$(PELICAN) content -o $(OUTPUT) -s pelicanconf.py --fatal errors $(PELICANOPTS)

# Feeds, their stylesheet, the sitemap and feed links point at the address served.
# Feeds and absolute links point at the address served (a wildcard host is reached on loopback).
FEED_HOST = $(if $(filter 0.0.0.0 ::,$(HOST)),127.0.0.1,$(HOST))
# A missing path gets the site's 404.html with status 404 (plugins/tools/devserver/static_server.py;
# `pelican --listen` answers it with an empty response).
serve: $(STAMP)
	$(PELICAN) content -o $(OUTPUT) -s pelicanconf.py --fatal errors -e FEED_DOMAIN='"http://$(FEED_HOST):$(PORT)"' $(PELICANOPTS)
	$(BIN)/python -m plugins.tools.devserver.static_server --host $(HOST) --port $(PORT) $(OUTPUT)

# Warm, incremental rebuilds with live reload, drafts shown with a banner, content errors shown
# in the browser, feeds for the address served: see plugins/tools/devserver/devserver.py.
devserver: $(STAMP)
	$(BIN)/python -m plugins.tools.devserver.serve --settings pelicanconf.py --host $(HOST) --port $(PORT) -o $(OUTPUT) content $(PELICANOPTS)

publish: $(STAMP)
	$(PELICAN) content -o $(OUTPUT) -s publishconf.py --fatal errors $(PELICANOPTS)

# Rewrite urls.lock from a build (after adding, renaming or removing a post; `make check` says
# when it is due) and print how many URLs were added and removed. URLs in urls.lock on main are
# published: see plugins/outputs/addresses/url_lock.py.
lock: $(STAMP)
	$(PELICAN) content -o $(OUTPUT) -s pelicanconf.py --fatal errors -e URL_LOCK_UPDATE=true $(PELICANOPTS)

# The content check, as every build runs it, into a throwaway folder (about a second): drafts held
# back, what the sanitizer removed, every problem as path:line: message (how to fix), and a
# urls.lock that does not match the site (fixed by `make lock`). Non-zero on problems.
check: $(STAMP)
	$(BIN)/python -m plugins.tools.check --settings pelicanconf.py content

# Scaffold a post: make newpost TITLE="What the post is about" [AUTHOR=member-id TOPICS=a,b]
# (make puts command-line variables in the environment; the shell quotes them safely).
newpost: $(STAMP)
	@$(BIN)/python -m plugins.tools.newpost --title "$$TITLE" --author "$$AUTHOR" --topics "$$TOPICS"

# Scaffold a meeting in content/events/ (README.md, "Meetings"), a one-off or, with REPEAT, a
# series: make newevent TITLE="..." START="2027-05-15 14:00" [TIMEZONE=Europe/Berlin DURATION=2h
# REPEAT="monthly on the first Wednesday" LOCATION="..." AUTHOR=member-id TOPICS=a,b]
newevent: $(STAMP)
	@$(BIN)/python -m plugins.tools.newevent --title "$$TITLE" --start "$$START" --timezone "$$TIMEZONE" --duration "$$DURATION" --repeat "$$REPEAT" --location "$$LOCATION" --author "$$AUTHOR" --topics "$$TOPICS"

# Build-speed benchmark (bench/README.md): bare Pelican against the full site on a generated
# corpus. BENCH_N (default 1000) and BENCH_RUNS (default 3) are read from the environment.
bench: $(STAMP)
	$(BIN)/python bench/run.py

# Download the mailing list's monthly archive files from its pipermail archive (MAILING_LIST in
# pelicanconf.py) into content/list/, rewriting only months that changed: plugins/kinds/mailing_list.
# The only command that uses the network; ARCHIVE=<url> downloads another pipermail archive.
list-archive: $(STAMP)
	$(BIN)/python -m plugins.tools.list_download $(if $(ARCHIVE),--archive "$(ARCHIVE)")

clean:
	rm -rf $(OUTPUT) cache .pelican-cache .pytest_cache tests/artifacts

# npm packages for the browser tests (axe-core), installed exactly from the lock file.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

npm: node_modules/.package-lock.json

# Debian's headless Chromium (or the package named like CHROMIUM's file, when given) and a Java
# runtime (the HTML validator), installed when missing and apt is there.
WANTED_CHROMIUM = $(or $(CHROMIUM),$(HEADLESS_SHELL))
APT_PACKAGES = $(if $(wildcard $(WANTED_CHROMIUM)),,$(notdir $(WANTED_CHROMIUM))) $(if $(shell command -v java),,default-jre-headless)
browser:
	@if [ -n "$(strip $(APT_PACKAGES))" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "Installing $(strip $(APT_PACKAGES)) for the browser and validity tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	  else \
	    echo "Missing: $(strip $(APT_PACKAGES)). Install them (apt-get install $(strip $(APT_PACKAGES)))."; \
	  fi; \
	fi

# Tests run on every core (pytest-xdist). Work stealing: an idle worker takes tests queued for a
# busy one, so a run of slow browser tests does not hold the end back (session fixtures, such as
# the real site's build, are made once and shared: conftest.py's build_once). TEST_WORKERS=0: one
# process. Bytecode is written (PYTHONDONTWRITEBYTECODE emptied), so pytest loads the test modules
# it rewrote last time instead of rewriting them in every worker.
TEST_WORKERS ?= auto
test: $(STAMP) npm browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	CHROMIUM="$(CHROMIUM_FOUND)" PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

# What CI runs for a pull request that touches only content/ and urls.lock (.github/workflows/
# site.yml), runnable before such a pull request: `make check`, then the real site's builds
# (development and production), its feeds, vnu over its HTML and CSS, and axe-core at 375 and
# 1280 px, light and dark, over the pages whose bytes differ from a build of the merge-base's
# content (every page without a merge-base): the tests marked content_pr, in one process.
test-content: $(STAMP) npm browser check
	CHROMIUM="$(CHROMIUM_FOUND)" $(BIN)/python -m pytest -p no:xdist -m content_pr

# The quick loop while editing code (under 20 s): lint, then the tests that build nothing and
# start nothing (pure functions in-process; conftest.py marks them `quick`). `make test` runs
# them too, with every build, browser and dev server test.
quick: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -q -n $(TEST_WORKERS) -m quick

# Full-page screenshots of every page kind at 375 and 1280 px, light and dark, for people to look
# at (tests/artifacts/); `make test` checks the same pages and takes none.
screenshots: $(STAMP) browser
	CHROMIUM="$(CHROMIUM_FOUND)" $(BIN)/python -m pytest -q -p no:xdist -m screenshots tests/browser/test_screenshots.py

# Rewrite tests/golden/expected/ from a build of the golden site (after a change to what the
# site writes that is meant); review `git diff tests/golden/expected` before committing it.
golden: $(STAMP)
	GOLDEN_UPDATE=1 $(BIN)/python -m pytest -q tests/test_golden.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
