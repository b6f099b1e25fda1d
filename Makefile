# Jixiao: `make demo` runs the main job on bundled data; `make test` runs the tests.
SWIFT ?= swift
DEBIAN_PACKAGES := libopenblas-dev liblapacke-dev coinor-libclp-dev coinor-libcbc-dev
JIXIAO := .build/release/jixiao

.PHONY: all deps build demo test format clean

all: build

# Installs missing Debian packages when run as root; otherwise prints the
# exact command and stops.
deps:
	@missing=""; \
	for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing Debian packages:$$missing"; \
	    echo "Run:  sudo apt-get update && sudo apt-get install -y$$missing"; \
	    exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build -c release --product jixiao

demo: build
	$(JIXIAO) simulate datasets/adb --scenario datasets/scenarios/grade-rules.json --levels 1

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

clean:
	rm -rf .build
