# iid — build, test and install. `make help` lists the targets.
PREFIX ?= $(HOME)/.local
DESTDIR ?=
BINDIR = $(PREFIX)/bin
SWIFT ?= swift
SWIFT_TEST_FLAGS ?=

.PHONY: help build run test test-unit test-systemd test-completions test-dates deps smoke clean
.PHONY: build-release install uninstall check-install test-user-service dist test-package

help:
	@echo "make run           build and run the daemon in the foreground (built-in default config)"
	@echo "make test          install/check the real components, start them, run every test"
	@echo "make test-unit     the tests that need no real components"
	@echo "make test-completions  iictl's completions in the real bash, zsh and fish (debug build)"
	@echo "make test-dates    the process-level tests on three other days, under libfaketime"
	@echo "make test-systemd  the same suite built with the Systemd trait (links libsystemd)"
	@echo "make smoke         check journald, the notification server and the MTA by hand"
	@echo "make install       release build; install iid, iictl, the systemd user unit, man pages,"
	@echo "                   completions (PREFIX=$(PREFIX), DESTDIR for packages)"
	@echo "make uninstall     remove what make install installed (never your config or data)"
	@echo "make check-install install into a temporary DESTDIR, check every file, uninstall"
	@echo "make test-user-service  run the unit under a real systemd user manager (root, CI)"
	@echo "make dist          static release build, stripped: $(DIST_OUT)/iid_VERSION_amd64.deb,"
	@echo "                   iid-VERSION-linux-x86_64.tar.gz, debug symbols, SHA256SUMS"
	@echo "make test-package  install the .deb, run it as a user service, upgrade, purge (root, CI)"

build:
	$(SWIFT) build

run:
	$(SWIFT) run iid

deps:
	scripts/install-deps.sh

# The whole suite against a real journald, a real notification server (dunst in a private D-Bus
# session under Xvfb) and a real MTA (exim4), all started by scripts/with-components.sh.
# --no-parallel: the integration tests wait on processes and sockets with blocking calls, which
# would starve the async channel tests of the two cooperative threads a 2-core machine has.
test: deps bench-test
	$(SWIFT) build --build-tests $(SWIFT_TEST_FLAGS)
	scripts/test-completions.sh "$$($(SWIFT) build --show-bin-path $(SWIFT_TEST_FLAGS))/iictl"
	IID_REQUIRE_COMPONENTS=1 scripts/with-components.sh $(SWIFT) test --skip-build --no-parallel $(SWIFT_TEST_FLAGS)

test-unit:
	$(SWIFT) test --filter 'IIDCoreTests|IIDSystemTests|IIDDaemonTests' $(SWIFT_TEST_FLAGS)

# Completing contact ids, task ids, organisations, stages and channels in bash, zsh and fish.
test-completions:
	$(SWIFT) build --product iictl
	scripts/test-completions.sh "$$($(SWIFT) build --show-bin-path)/iictl"

# The process-level tests (IntegrationTests) as they run on other days: a year from now, the
# night of the next European daylight-saving change, the next 29 February (scripts/test-dates.sh).
# The test binary itself runs under faketime, not `swift test`: SwiftPM hangs under a faked clock.
# --no-parallel, as in `make test`.
test-dates: deps
	$(SWIFT) build --build-tests $(SWIFT_TEST_FLAGS)
	IID_REQUIRE_COMPONENTS=1 scripts/with-components.sh scripts/test-dates.sh \
	  "$$($(SWIFT) build --show-bin-path $(SWIFT_TEST_FLAGS))/iidPackageTests.xctest" \
	  --testing-library swift-testing --no-parallel --filter IntegrationTests

test-systemd: deps
	$(MAKE) test SWIFT_TEST_FLAGS="--traits Systemd --scratch-path .build-systemd"

smoke: deps
	scripts/smoke-components.sh

clean:
	rm -rf .build .build-systemd

# ---------------------------------------------------------------- install
# Release builds live in their own scratch paths, apart from the debug builds in .build. The
# installed binaries are linked with --static-swift-stdlib (the Swift runtime and
# FoundationEssentials inside them, as `make dist` ships them): a quarter less resident memory and
# a faster start than loading the toolchain's shared libraries (Documentation/benchmarks.md). The
# man pages and completions come from a plain release build in RELEASE_SCRATCH, where
# swift-argument-parser's generate-manual plugin builds with its default flags (in the static
# scratch path it would rebuild everything each time).
RELEASE_SCRATCH = .build-release
RELEASE_STATIC_SCRATCH = .build-release-static
RELEASE_BIN = $(RELEASE_STATIC_SCRATCH)/release
# Generated for install: the unit with its ExecStart=, man pages, completions.
DIST = $(RELEASE_SCRATCH)/dist

# PREFIX inside USER_HOME (the default, ~/.local) is a user install: the unit goes where your
# systemd user manager looks (~/.config/systemd/user) and the example config becomes
# ~/.config/iid/config.yaml unless that exists. Any other PREFIX (/usr, /usr/local) is a package:
# $PREFIX/lib/systemd/user, and the example config only as $PREFIX/share/doc/iid/iid.yaml (which
# every install gets). With DESTDIR no config is seeded either. Every path can be overridden.
USER_HOME ?= $(HOME)
USER_INSTALL = $(filter $(USER_HOME) $(USER_HOME)/%,$(PREFIX))
USERUNITDIR ?= $(if $(USER_INSTALL),$(USER_HOME)/.config/systemd/user,$(PREFIX)/lib/systemd/user)
USERCONFIGDIR ?= $(USER_HOME)/.config/iid
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d
DOCDIR ?= $(PREFIX)/share/doc/iid
# The list of installed files that `make uninstall` removes.
MANIFEST ?= $(PREFIX)/share/iid/install-manifest

# The section-5 man pages, iid.yaml(5) and iid-events(5), are written by hand in Documentation/man.
# SOURCE:DESTINATION:MODE for every file install puts down (DESTDIR is prepended at install time).
INSTALL_FILES = \
	$(RELEASE_BIN)/iid:$(BINDIR)/iid:755 \
	$(RELEASE_BIN)/iictl:$(BINDIR)/iictl:755 \
	$(DIST)/iid.service:$(USERUNITDIR)/iid.service:644 \
	$(DIST)/man1/iid.1:$(MANDIR)/man1/iid.1:644 \
	$(DIST)/man1/iictl.1:$(MANDIR)/man1/iictl.1:644 \
	Documentation/man/iid.yaml.5:$(MANDIR)/man5/iid.yaml.5:644 \
	Documentation/man/iid-events.5:$(MANDIR)/man5/iid-events.5:644 \
	$(DIST)/bash/iid:$(BASHCOMPDIR)/iid:644 \
	$(DIST)/bash/iictl:$(BASHCOMPDIR)/iictl:644 \
	$(DIST)/zsh/_iid:$(ZSHCOMPDIR)/_iid:644 \
	$(DIST)/zsh/_iictl:$(ZSHCOMPDIR)/_iictl:644 \
	$(DIST)/fish/iid.fish:$(FISHCOMPDIR)/iid.fish:644 \
	$(DIST)/fish/iictl.fish:$(FISHCOMPDIR)/iictl.fish:644 \
	config/iid.yaml:$(DOCDIR)/iid.yaml:644

build-release:
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path $(RELEASE_STATIC_SCRATCH)
	$(SWIFT) build -c release --scratch-path $(RELEASE_SCRATCH)

install: build-release
	SWIFT=$(SWIFT) SCRATCH_PATH=$(RELEASE_SCRATCH) scripts/gen-docs.sh $(DIST)
	sed 's|^ExecStart=.*|ExecStart=$(BINDIR)/iid|' systemd/iid.service >$(DIST)/iid.service
	grep -qx 'ExecStart=$(BINDIR)/iid' $(DIST)/iid.service
	@set -e; manifest=$$(mktemp); trap 'rm -f "$$manifest"' EXIT; \
	for entry in $(INSTALL_FILES); do \
	  src=$${entry%%:*}; rest=$${entry#*:}; dst=$${rest%:*}; mode=$${rest##*:}; \
	  install -d "$(DESTDIR)$${dst%/*}"; \
	  install -m "$$mode" "$$src" "$(DESTDIR)$$dst"; \
	  echo "installed $(DESTDIR)$$dst"; \
	  echo "$$dst" >>"$$manifest"; \
	done; \
	echo '$(MANIFEST)' >>"$$manifest"; \
	install -d "$(DESTDIR)$(dir $(MANIFEST))"; \
	install -m 644 "$$manifest" "$(DESTDIR)$(MANIFEST)"; \
	echo "installed $(DESTDIR)$(MANIFEST) (what make uninstall removes)"
	@if [ -z '$(DESTDIR)' ] && [ -n '$(USER_INSTALL)' ]; then \
	  if [ -e '$(USERCONFIGDIR)/config.yaml' ]; then \
	    echo "kept your $(USERCONFIGDIR)/config.yaml (the example is $(DOCDIR)/iid.yaml)"; \
	  else \
	    install -d -m 755 '$(USERCONFIGDIR)' && install -m 644 config/iid.yaml '$(USERCONFIGDIR)/config.yaml' && \
	    echo "installed the example config as $(USERCONFIGDIR)/config.yaml (yours: make uninstall keeps it)"; \
	  fi; \
	  echo; \
	  echo "Now start it:  systemctl --user daemon-reload && systemctl --user enable --now iid"; \
	  case ":$$PATH:" in *':$(BINDIR):'*) ;; *) echo "Add $(BINDIR) to your PATH for iictl.";; esac; \
	fi

# Removes the files listed in the manifest (or, without one, the files install would put down),
# then the manifest and iid's own now empty folders. Your config, event log and ledger stay.
uninstall:
	@if [ -z '$(DESTDIR)' ] && [ -n '$(USER_INSTALL)' ] && \
	    [ -e '$(USERUNITDIR)/default.target.wants/iid.service' ]; then \
	  echo "systemctl --user disable --now iid"; \
	  systemctl --user disable --now iid || \
	    echo "could not disable iid; after uninstalling, remove $(USERUNITDIR)/default.target.wants/iid.service" >&2; \
	fi
	@set -e; \
	if [ -f '$(DESTDIR)$(MANIFEST)' ]; then \
	  files=$$(cat '$(DESTDIR)$(MANIFEST)'); \
	else \
	  files=; for entry in $(INSTALL_FILES); do rest=$${entry#*:}; files="$$files $${rest%:*}"; done; \
	fi; \
	for f in $$files; do \
	  case $$f in /*) ;; *) echo "uninstall: skipping $$f, not an absolute path" >&2; continue;; esac; \
	  if [ -e "$(DESTDIR)$$f" ] || [ -L "$(DESTDIR)$$f" ]; then rm -f "$(DESTDIR)$$f" && echo "removed $(DESTDIR)$$f"; fi; \
	done; \
	rm -f '$(DESTDIR)$(MANIFEST)'; \
	for d in '$(DESTDIR)$(dir $(MANIFEST))' '$(DESTDIR)$(DOCDIR)'; do \
	  [ ! -d "$$d" ] || rmdir --ignore-fail-on-non-empty "$$d"; \
	done

# make install into a temporary DESTDIR, check what it put there, make uninstall, check it is gone.
check-install:
	SWIFT=$(SWIFT) scripts/check-install.sh

# The unit under a real systemd user manager, as a throwaway user (root only; see the script).
test-user-service:
	scripts/test-user-service.sh

# ---------------------------------------------------------------- dist
# Installable without a Swift toolchain (scripts/dist.sh): the version is VERSION's.
DIST_OUT ?= dist
dist:
	SWIFT=$(SWIFT) scripts/dist.sh $(DIST_OUT)

# The .deb installed with apt-get, run under a real systemd user manager, upgraded over itself
# while it runs, purged (root only; builds the package first unless DIST_OUT holds one).
test-package:
	SWIFT=$(SWIFT) scripts/test-package.sh $(DIST_OUT)

# Benchmarks side by side with remind, calcurse and at (bench/run.py; root, for apt-get and atd).
# bench-test: the harness's own tests (its report and parsing), in a second, without iid.
.PHONY: bench bench-quick bench-test
bench: ; python3 bench/run.py
bench-quick: ; python3 bench/run.py --quick
bench-test: ; python3 -m unittest discover -s bench
