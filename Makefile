# iid — build, test and install. `make help` lists the targets.
PREFIX ?= $(HOME)/.local
DESTDIR ?=
BINDIR = $(DESTDIR)$(PREFIX)/bin
SWIFT ?= swift
SWIFT_TEST_FLAGS ?=

.PHONY: help build run test test-unit test-systemd deps smoke clean

help:
	@echo "make run           build and run the daemon in the foreground (built-in default config)"
	@echo "make test          install/check the real components, start them, run every test"
	@echo "make test-unit     the tests that need no real components"
	@echo "make test-systemd  the same suite built with the Systemd trait (links libsystemd)"
	@echo "make smoke         check journald, the notification server and the MTA by hand"

build:
	$(SWIFT) build

run:
	$(SWIFT) run iid

deps:
	scripts/install-deps.sh

# The whole suite against a real journald, a real notification server (dunst in a private D-Bus
# session under Xvfb) and a real MTA (exim4), all started by scripts/with-components.sh.
test: deps
	$(SWIFT) build --build-tests $(SWIFT_TEST_FLAGS)
	IID_REQUIRE_COMPONENTS=1 scripts/with-components.sh $(SWIFT) test --skip-build $(SWIFT_TEST_FLAGS)

test-unit:
	$(SWIFT) test --filter 'IIDCoreTests|IIDSystemTests' $(SWIFT_TEST_FLAGS)

test-systemd: deps
	$(MAKE) test SWIFT_TEST_FLAGS="--traits Systemd --scratch-path .build-systemd"

smoke: deps
	scripts/smoke-components.sh

clean:
	rm -rf .build .build-systemd
