# vtcijfers — the dependency graph of files from exports to published figures.
#
#   make                     build (release) and run every pipeline over $(INPUTS) into $(OUTPUTS)
#   make <region>            one region (nog, groningen, rotterdam-rijnmond, …)
#   make test                the test suite (what CI runs)
#   make help                every target and variable
#
# Each stage reads the previous stage's files and publishes its own atomically, so make
# skips what is up to date and a failed or killed stage leaves the previous outputs intact.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.SUFFIXES:
MAKEFLAGS += --warn-undefined-variables --no-builtin-rules

# ---- Variables (override on the command line) -------------------------------------------
INPUTS ?= inputs
OUTPUTS ?= outputs
WORK ?= $(OUTPUTS)/work
PIPELINES ?= $(wildcard pipelines/*.yaml)
CONFIGURATION ?= release
SWIFT ?= swift
BUILD_DIR ?= .build
PERIOD ?=
YEAR ?=
REGION ?=
# vt-extract --production: refuse to run without VT_PSEUDONYM_KEY_FILE (nightly runs set it).
PRODUCTION ?=

REGIONS := $(basename $(notdir $(PIPELINES)))
BIN := $(BUILD_DIR)/$(CONFIGURATION)
BUILT := $(BIN)/.vt-built
SYSLIBS_OK := $(BUILD_DIR)/.syslibs-ok
REFERENCE := $(wildcard pipelines/reference/*) $(wildcard pipelines/layouts/*)
SWIFT_SOURCES := Package.swift $(shell find Sources -type f -name '*.swift' -o -type f -name '*.h' -o -type f -name '*.modulemap')
export VT_GIT_REVISION := $(shell git rev-parse --verify -q --short HEAD)

# Every file and folder under a folder, recursively (make's own wildcard, no shell).
rwildcard = $(foreach d,$(wildcard $(1:=/*)),$(call rwildcard,$d) $d)

# Debian packages of the system libraries: zlib, libxml2, SQLite.
SYSLIB_PACKAGES := zlib1g-dev libxml2-dev libsqlite3-dev pkg-config
SYSLIB_MODULES := zlib libxml-2.0 sqlite3

.PHONY: all build test bench clean distclean help codes samples nederland cbs factsheets $(REGIONS)

all: $(REGIONS) nederland

# ---- Build ------------------------------------------------------------------------------
# The system libraries: checked once per build folder, installed with apt-get when run as root.
$(SYSLIBS_OK):
	mkdir -p $(BUILD_DIR)
	scripts/check-syslibs.sh $(SYSLIB_MODULES) -- $(SYSLIB_PACKAGES)
	touch $@

$(BUILT): $(SWIFT_SOURCES) | $(SYSLIBS_OK)
	$(SWIFT) build -c $(CONFIGURATION)
	touch $@

build: $(BUILT)

# ---- One region: extract → transform → load → emit ---------------------------------------
# $(1) is the region's name; its configuration is the pipeline file of that name.
define region_rules
$(1)_PIPELINE := $(filter %/$(1).yaml,$(PIPELINES))

$(WORK)/$(1)/staged/index.json: $$($(1)_PIPELINE) $(call rwildcard,$(INPUTS)/$(1)) $(REFERENCE) $(BUILT)
	$(BIN)/vt-extract --pipeline $$($(1)_PIPELINE) --inputs $(INPUTS)/$(1) --work $(WORK)/$(1) --outputs $(OUTPUTS)/$(1) $(if $(PRODUCTION),--production)

$(WORK)/$(1)/facts/index.json: $(WORK)/$(1)/staged/index.json
	$(BIN)/vt-transform --pipeline $$($(1)_PIPELINE) --work $(WORK)/$(1) --outputs $(OUTPUTS)/$(1)

$(OUTPUTS)/$(1)/aggregates.sqlite: $(WORK)/$(1)/facts/index.json
	$(BIN)/vt-load --pipeline $$($(1)_PIPELINE) --work $(WORK)/$(1) --outputs $(OUTPUTS)/$(1)

$(OUTPUTS)/$(1)/run/manifest.json: $(OUTPUTS)/$(1)/aggregates.sqlite
	$(BIN)/vt-emit all --pipeline $$($(1)_PIPELINE) --work $(WORK)/$(1) --outputs $(OUTPUTS)/$(1)

$(1): $(OUTPUTS)/$(1)/run/manifest.json
endef
$(foreach r,$(REGIONS),$(eval $(call region_rules,$(r))))

# ---- The national roll-up ----------------------------------------------------------------
NATIONAL_INPUTS := $(foreach r,$(REGIONS),$(OUTPUTS)/$(r)/aggregates.sqlite)

$(OUTPUTS)/nederland/aggregates.sqlite: $(NATIONAL_INPUTS) $(REFERENCE) $(BUILT)
	$(BIN)/vt-load rollup --reference pipelines/reference --output $@ $(NATIONAL_INPUTS)

$(OUTPUTS)/nederland/run/manifest.json: $(OUTPUTS)/nederland/aggregates.sqlite
	$(BIN)/vt-emit national --reference pipelines/reference --work $(WORK)/nederland --outputs $(OUTPUTS)/nederland

nederland: $(OUTPUTS)/nederland/run/manifest.json

# ---- On demand: the CBS submission of a period, the fact sheets of a year ------------------
CHOSEN_REGIONS := $(if $(REGION),$(REGION),$(REGIONS))

cbs: $(foreach r,$(CHOSEN_REGIONS),$(OUTPUTS)/$(r)/aggregates.sqlite)
	$(if $(PERIOD),,$(error make cbs needs PERIOD=<YYYY>KW<n> or <YYYY>HJ<n>, e.g. PERIOD=2021KW03))
	$(foreach r,$(CHOSEN_REGIONS),$(BIN)/vt-emit cbs --pipeline $($(r)_PIPELINE) --work $(WORK)/$(r) --outputs $(OUTPUTS)/$(r) --period $(PERIOD) &&) true

factsheets: $(foreach r,$(CHOSEN_REGIONS),$(OUTPUTS)/$(r)/aggregates.sqlite)
	$(if $(YEAR),,$(error make factsheets needs YEAR=<YYYY>, e.g. YEAR=2021))
	$(foreach r,$(CHOSEN_REGIONS),$(BIN)/vt-emit factsheets --pipeline $($(r)_PIPELINE) --work $(WORK)/$(r) --outputs $(OUTPUTS)/$(r) --year $(YEAR) &&) true

# ---- Tests, benchmark, code generation -------------------------------------------------------
# Debug build of everything (executables included), then the whole suite; the end-to-end
# tests run the executables in VT_BIN.
test: | $(SYSLIBS_OK)
	$(SWIFT) build --build-tests
	VT_BIN=$$($(SWIFT) build --show-bin-path) $(SWIFT) test --skip-build

bench: $(BUILT)
	$(BIN)/vt-bench --bin $(BIN) --work bench

codes:
	scripts/gen-codes.sh pipelines/reference/codes.tsv Sources/Model/CodeLists+Generated.swift

# The committed sample exports (inputs/), regenerated deterministically by vt-synth.
samples: $(BUILT)
	scripts/make-samples.sh $(BIN)/vt-synth $(INPUTS)

# ---- Housekeeping ------------------------------------------------------------------------
clean:
	rm -rf $(WORK) $(addprefix $(OUTPUTS)/,$(REGIONS) nederland) bench

distclean: clean
	rm -rf $(BUILD_DIR)

help:
	@echo 'Targets:'
	@echo '  make                  build (release) and run every pipeline in PIPELINES over INPUTS into OUTPUTS,'
	@echo '                        then the national roll-up (outputs/nederland)'
	@echo '  make <region>         one region: $(REGIONS)'
	@echo '  make nederland        the national roll-up of every region'
	@echo '  make cbs PERIOD=2021KW03 [REGION=nog]      CBS submission, spiegel- and kwaliteitsrapport'
	@echo '  make factsheets YEAR=2021 [REGION=nog]     "Ons werk in cijfers" per gemeente'
	@echo '  make test             build (debug) and run the test suite'
	@echo '  make bench            national-size benchmark: throughput and peak memory vs. baselines'
	@echo '  make samples          regenerate the sample exports in INPUTS with vt-synth'
	@echo '  make codes            regenerate the Swift code lists from pipelines/reference/codes.tsv'
	@echo '  make clean            remove outputs and work files; make distclean also the build'
	@echo 'Variables:'
	@echo '  INPUTS=$(INPUTS)  OUTPUTS=$(OUTPUTS)  WORK=$(WORK)'
	@echo '  PIPELINES=$(PIPELINES)'
	@echo '  CONFIGURATION=$(CONFIGURATION)  PRODUCTION=$(PRODUCTION) (non-empty: require a real pseudonym key)'
