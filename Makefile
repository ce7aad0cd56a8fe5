# vtcijfers — the dependency graph of files from exports to published figures.
#
#   make                     build (release) and run every pipeline over $(INPUTS) into $(OUTPUTS)
#   make <region>            one region (nog, groningen, rotterdam-rijnmond, …)
#   make nightly             every region (in parallel, one failure does not stop the others),
#                            then the roll-up of the last good aggregates; locked, logged
#   make test                the test suite (what CI runs)
#   make help                every target and variable
#
# Each stage reads the previous stage's files and publishes its own atomically, so make
# skips what is up to date and a failed or killed stage leaves the previous outputs intact.
# Every stage command runs through scripts/stage.sh: under its region's lock, with its log
# lines appended to $(LOGS)/<region>/<date>.log.

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
# Per-region logs: $(LOGS)/<region>/<YYYY-MM-DD>.log (logfmt), kept $(KEEP_LOGS) days.
LOGS ?= $(OUTPUTS)/logs
KEEP_LOGS ?= 30
# make nightly: one run at a time (flock on LOCK); a second one waits NIGHTLY_WAIT seconds
# for the first, then exits with status 75. JOBS regions run at once.
LOCK ?= $(OUTPUTS)/.nightly.lock
NIGHTLY_WAIT ?= 0
JOBS ?= 2
# A folder of built vt-* executables to use instead of building (the tests use the debug build).
PREBUILT ?=
# Set by make nightly: where a failed stage records itself; and the roll-up of the aggregates
# there are, without remaking any region.
NIGHTLY_STATUS ?= -
NATIONAL_ONLY ?=
# make nightly: a file to write the night's exit status to (scripts/make-nightly.sh).
NIGHTLY_RESULT ?=
# make fuzz: seconds per fuzz target; make faults: the fault-injection suite's scratch folder.
FUZZ_SECONDS ?= 60
FAULTS_DIR ?= /tmp/vtcijfers-faults

REGIONS := $(basename $(notdir $(PIPELINES)))
ifeq ($(PREBUILT),)
BIN := $(BUILD_DIR)/$(CONFIGURATION)
BUILT := $(BIN)/.vt-built
else
BIN := $(PREBUILT)
BUILT := $(addprefix $(PREBUILT)/,vt-extract vt-transform vt-load vt-emit)
endif
RUN_DATE := $(shell date +%F)
SYSLIBS_OK := $(BUILD_DIR)/.syslibs-ok
REFERENCE := $(wildcard pipelines/reference/*) $(wildcard pipelines/layouts/*)
SWIFT_SOURCES := Package.swift $(shell find Sources -type f -name '*.swift' -o -type f -name '*.h' -o -type f -name '*.modulemap')
# The git revision of the clone, recorded in the stage reports and run manifests only (never in
# a published table or database: the same inputs give the same bytes whatever the revision).
export VT_GIT_REVISION := $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)

# Every file and folder under a folder, recursively (make's own wildcard, no shell).
rwildcard = $(foreach d,$(wildcard $(1:=/*)),$(call rwildcard,$d) $d)

# Debian packages of the system libraries: zlib, libxml2, SQLite.
SYSLIB_PACKAGES := zlib1g-dev libxml2-dev libsqlite3-dev pkg-config
SYSLIB_MODULES := zlib libxml-2.0 sqlite3

.PHONY: all build test bench clean distclean help codes samples nederland cbs factsheets \
  nightly faults fuzz FORCE $(REGIONS)

all: $(REGIONS) nederland

# ---- Build ------------------------------------------------------------------------------
# The system libraries: checked once per build folder, installed with apt-get when run as root.
$(SYSLIBS_OK):
	mkdir -p $(BUILD_DIR)
	scripts/check-syslibs.sh $(SYSLIB_MODULES) -- $(SYSLIB_PACKAGES)
	touch $@

ifeq ($(PREBUILT),)
$(BUILT): $(SWIFT_SOURCES) | $(SYSLIBS_OK)
	$(SWIFT) build -c $(CONFIGURATION)
	touch $@
endif

build: $(BUILT)

# ---- One region: extract → transform → load → emit ---------------------------------------
# $(call stage,<region>,<stage>) prefixes a stage command: the region's lock, its log, the
# nightly status (scripts/stage.sh).
stage = scripts/stage.sh $(1) $(2) $(WORK) $(if $(LOGS),$(LOGS)/$(1)/$(RUN_DATE).log,-) $(NIGHTLY_STATUS) --

# $(1) is the region's name; its configuration is the pipeline file of that name. The export
# folder is tracked through its listing (scripts/list-inputs.sh): a file added, removed,
# replaced or rewritten reruns the region, whatever the file's modification time says.
define region_rules
$(1)_PIPELINE := $(filter %/$(1).yaml,$(PIPELINES))

$(WORK)/$(1)/inputs.list: FORCE
	@scripts/list-inputs.sh $(INPUTS)/$(1) $$@

$(WORK)/$(1)/staged/index.json: $$($(1)_PIPELINE) $(WORK)/$(1)/inputs.list $(REFERENCE) $(BUILT)
	$(call stage,$(1),extract) $(BIN)/vt-extract --pipeline $$($(1)_PIPELINE) --inputs $(INPUTS)/$(1) --work $(WORK)/$(1) --outputs $(OUTPUTS)/$(1) $(if $(PRODUCTION),--production)

$(WORK)/$(1)/facts/index.json: $(WORK)/$(1)/staged/index.json
	$(call stage,$(1),transform) $(BIN)/vt-transform --pipeline $$($(1)_PIPELINE) --work $(WORK)/$(1) --outputs $(OUTPUTS)/$(1)

$(OUTPUTS)/$(1)/aggregates.sqlite: $(WORK)/$(1)/facts/index.json
	$(call stage,$(1),load) $(BIN)/vt-load --pipeline $$($(1)_PIPELINE) --work $(WORK)/$(1) --outputs $(OUTPUTS)/$(1)

$(OUTPUTS)/$(1)/run/manifest.json: $(OUTPUTS)/$(1)/aggregates.sqlite
	$(call stage,$(1),emit) $(BIN)/vt-emit all --pipeline $$($(1)_PIPELINE) --work $(WORK)/$(1) --outputs $(OUTPUTS)/$(1)

$(1): $(OUTPUTS)/$(1)/run/manifest.json
endef

# ---- The national roll-up ----------------------------------------------------------------
ifeq ($(NATIONAL_ONLY),)
$(foreach r,$(REGIONS),$(eval $(call region_rules,$(r))))
NATIONAL_INPUTS := $(foreach r,$(REGIONS),$(OUTPUTS)/$(r)/aggregates.sqlite)
else
# make nightly, after the regions: the aggregates there are — a failed region's last good
# ones — taken as they are (no region rules: nothing is remade).
NATIONAL_INPUTS := $(wildcard $(foreach r,$(REGIONS),$(OUTPUTS)/$(r)/aggregates.sqlite))
endif
NATIONAL_MISSING := $(foreach r,$(REGIONS),$(if $(filter $(OUTPUTS)/$(r)/aggregates.sqlite,$(NATIONAL_INPUTS)),,$(r)))

$(OUTPUTS)/nederland/aggregates.sqlite: $(NATIONAL_INPUTS) $(REFERENCE) $(BUILT)
	$(call stage,nederland,rollup) $(BIN)/vt-load rollup --reference pipelines/reference --output $@ --work $(WORK)/nederland $(addprefix --missing ,$(NATIONAL_MISSING)) $(NATIONAL_INPUTS)

$(OUTPUTS)/nederland/run/manifest.json: $(OUTPUTS)/nederland/aggregates.sqlite
	$(call stage,nederland,emit) $(BIN)/vt-emit national --reference pipelines/reference --work $(WORK)/nederland --outputs $(OUTPUTS)/nederland

nederland: $(OUTPUTS)/nederland/run/manifest.json

FORCE:

# ---- Nightly: every region, then the roll-up; one run at a time --------------------------
# scripts/nightly.sh: the lock, the build, `make -k -j$(JOBS) <regions>`, the roll-up of the
# aggregates there are (NATIONAL_ONLY), a summary in $(LOGS)/nightly/<date>.log. Exit status:
# 0 all succeeded; 75 another nightly holds the lock; else the first failed stage's status —
# written to NIGHTLY_RESULT, since make itself exits 0 or 2: cron runs scripts/make-nightly.sh.
# (Not $(MAKE) in the recipe: make -n would run it.)
NIGHTLY_MAKE = $(MAKE)
nightly:
	@MAKE='$(NIGHTLY_MAKE)' REGIONS='$(REGIONS)' OUTPUTS='$(OUTPUTS)' WORK='$(WORK)' LOGS='$(LOGS)' \
	  LOCK='$(LOCK)' NIGHTLY_WAIT='$(NIGHTLY_WAIT)' JOBS='$(JOBS)' KEEP_LOGS='$(KEEP_LOGS)' \
	  NIGHTLY_RESULT='$(NIGHTLY_RESULT)' scripts/nightly.sh

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
# The slow fault-injection cases (FaultInjectionTests) run in `make faults`, not here.
test: | $(SYSLIBS_OK)
	$(SWIFT) build --build-tests
	VT_BIN=$$($(SWIFT) build --show-bin-path) $(SWIFT) test --skip-build --skip FaultInjectionTests

# The fault-injection suite (docs/operations.md): kill -9 of every stage at many points, full
# and read-only file systems (tmpfs and bind mounts in a private mount namespace, chattr +i),
# two nightlies at once, exports rewritten while read. Needs root or user namespaces.
faults: | $(SYSLIBS_OK)
	$(SWIFT) build --build-tests
	VT_BIN=$$($(SWIFT) build --show-bin-path) VT_FAULTS_DIR=$(FAULTS_DIR) $(SWIFT) test --skip-build --filter FaultInjectionTests

# libFuzzer on the CSV and XML readers (Sources/vt-fuzz, built only here: VT_FUZZ=1 adds the
# target to Package.swift), FUZZ_SECONDS per target, seed corpus from Tests/Fuzz/corpus and
# the sample exports; a crash is saved to Tests/Fuzz/crashes/ and fails the target.
fuzz: | $(SYSLIBS_OK)
	scripts/fuzz.sh $(FUZZ_SECONDS)

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
	@echo '  make nightly          every region in parallel (make -k -j$(JOBS)), then the roll-up of the last good'
	@echo '                        aggregates; locked (LOCK), logged (LOGS); README "Operations";'
	@echo '                        cron runs scripts/make-nightly.sh (the night'"'"'s own exit status)'
	@echo '  make test             build (debug) and run the test suite'
	@echo '  make faults           the fault-injection suite (kill -9, disk full, read-only, concurrent runs)'
	@echo '  make fuzz             libFuzzer on the CSV and XML readers, FUZZ_SECONDS=$(FUZZ_SECONDS) per target'
	@echo '  make bench            national-size benchmark: throughput and peak memory vs. baselines'
	@echo '  make samples          regenerate the sample exports in INPUTS with vt-synth'
	@echo '  make codes            regenerate the Swift code lists from pipelines/reference/codes.tsv'
	@echo '  make clean            remove outputs and work files; make distclean also the build'
	@echo 'Variables:'
	@echo '  INPUTS=$(INPUTS)  OUTPUTS=$(OUTPUTS)  WORK=$(WORK)'
	@echo '  PIPELINES=$(PIPELINES)'
	@echo '  CONFIGURATION=$(CONFIGURATION)  PRODUCTION=$(PRODUCTION) (non-empty: require a real pseudonym key)'
	@echo '  LOGS=$(LOGS)  KEEP_LOGS=$(KEEP_LOGS) (days)  LOCK=$(LOCK)  NIGHTLY_WAIT=$(NIGHTLY_WAIT)  JOBS=$(JOBS)'
	@echo '  PREBUILT=$(PREBUILT) (a folder of built vt-* executables: build nothing)'
