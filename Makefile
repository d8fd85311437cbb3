# TenantArmor Batch Console. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

# Optional local settings (see .env.example).
ifneq (,$(wildcard .env))
include .env
export
endif

.DEFAULT_GOAL := help
.PHONY: help install setup run web worker test lint format clean bench

help: ## Show this help
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11+ is required ($(PYTHON) not found); set PYTHON=..."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP) ## Create the virtualenv and install the pinned requirements

setup: install ## Migrate, create the cache table, load default templates/rules, create a staff login
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py load_default_templates
	$(PY) manage.py setup_staff_groups
	$(PY) manage.py setup_schedules
	$(PY) manage.py ensure_staff

run: setup ## Set up everything and serve the admin with a django-q2 cluster (Ctrl-C stops both)
	@echo "Admin: http://$(HOST):$(PORT)/admin/"
	@trap 'kill 0' INT TERM EXIT; \
	  $(PY) manage.py qcluster & \
	  $(PY) manage.py runserver $(HOST):$(PORT) --noreload & \
	  wait

web: setup ## Serve the admin only
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: setup ## Run a django-q2 cluster only
	$(PY) manage.py qcluster

test: install ## Run the whole test suite (lint, Django checks, migrations check, pytest)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	$(BIN)/pytest

lint: install ## Lint only
	$(BIN)/ruff check .

format: install ## Format the code
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install ## Run the benchmark and print the table (BENCH_ARGS=--quick for a smoke run)
	$(PY) bench/run.py $(BENCH_ARGS)

clean: ## Remove the local database, media and caches (keeps the virtualenv)
	rm -rf var

# OCR of images and scanned PDFs (issue 8) needs Debian's tesseract-ocr in the worker.
.PHONY: ocr-deps
run worker: ocr-deps
ocr-deps: ## Install Debian tesseract-ocr when missing (as root; otherwise says how)
	@command -v tesseract >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update && apt-get install -y tesseract-ocr; \
	  else echo "tesseract-ocr is missing: run 'sudo apt-get install -y tesseract-ocr' (OCR fails until then)"; fi; }
