# EdgeFactory: the two commands people run are `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
CONFIG ?= Release
DOTNET ?= dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT := 1
export DOTNET_NOLOGO := 1

.PHONY: help deps build cli demo demo-line firmware test fuzz clean bench-mqtt bench-inference bench-site bench-vision bench-control bench-rollout bench-telemetry

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

deps: ## Install what the SDK lacks (Mosquitto, CMake and a C compiler from apt, pinned OCR models, test models, the onnxruntime-node peer); idempotent
	@bash eng/deps.sh

build: deps ## Build every project (warnings are errors)
	$(DOTNET) build EdgeFactory.sln -c $(CONFIG) --nologo -v quiet -clp:NoSummary

cli: deps ## Build the edgefactory CLI into .build/cli
	$(DOTNET) build src/EdgeFactory.Cli -c $(CONFIG) --nologo -v quiet -clp:NoSummary -o .build/cli

demo: cli firmware ## The whole story: broker, factory, edge on the robot-sim line, MES; v2 rolled out and promoted, v3 rolled back by its gate (about 3 min)
	./edgefactory demo factory

demo-line: cli firmware ## The line alone: embedded broker, robot-sim controllers, edge runtime, live robot table (e: e-stop)
	./edgefactory demo

firmware: deps ## Build the robot-side C code (robotlink, robot-sim, loop-ref) into firmware-shims/build
	cmake -S firmware-shims -B firmware-shims/build -DCMAKE_BUILD_TYPE=Release
	cmake --build firmware-shims/build -j2

test: build firmware ## Run every test against real Mosquitto, ONNX Runtime and child processes, then the firmware's ctest
	@rm -rf .build/test-results
	$(DOTNET) test EdgeFactory.sln -c $(CONFIG) --no-build --nologo --logger "trx" --results-directory .build/test-results; \
	  status=$$?; \
	  ctest --test-dir firmware-shims/build --output-on-failure; firmware=$$?; \
	  bash eng/test-summary.sh .build/test-results; \
	  [ $$firmware -eq 0 ] && echo "firmware: ctest passed" || echo "firmware: ctest FAILED (see above)"; \
	  [ $$status -ne 0 ] && exit $$status; exit $$firmware

FUZZ_PAYLOADS ?= 100000
FUZZ_SEED ?= 20261126
fuzz: build ## FUZZ_PAYLOADS (100,000) mutated contract examples against a real edge on Mosquitto; prints payloads/s
	EDGEFACTORY_FUZZ_PAYLOADS=$(FUZZ_PAYLOADS) EDGEFACTORY_FUZZ_SEED=$(FUZZ_SEED) $(DOTNET) test tests/EdgeFactory.Runtime.Tests -c $(CONFIG) --no-build --nologo \
	  --filter "FullyQualifiedName~ContractFuzzTests" --logger "console;verbosity=detailed" | grep -E '^ *(fuzz:|Passed|Failed|Error|#|  )'

bench-mqtt: deps ## MQTT round trip and latency vs Mosquitto's own clients; writes bench-results/mqtt.jsonl
	$(DOTNET) build bench/EdgeFactory.Bench -c Release --nologo -v quiet -clp:NoSummary -o .build/bench
	$(DOTNET) .build/bench/EdgeFactory.Bench.dll mqtt $(BENCH_ARGS)

bench-inference: deps ## Model latency vs onnxruntime-node, bytes per run, slot swap pause; writes bench-results/inference.jsonl
	$(DOTNET) build bench/EdgeFactory.Bench -c Release --nologo -v quiet -clp:NoSummary -o .build/bench
	$(DOTNET) .build/bench/EdgeFactory.Bench.dll inference $(BENCH_ARGS)

bench-site: deps ## 100,000 tasks through 8 instant robots (at most 2,000 open) vs the broker-only ceiling; publish→accepted latency; writes bench-results/site.jsonl
	$(DOTNET) build bench/EdgeFactory.Bench -c Release --nologo -v quiet -clp:NoSummary -o .build/bench
	$(DOTNET) .build/bench/EdgeFactory.Bench.dll site $(BENCH_ARGS)

bench-control: firmware ## Our 500 Hz control loop (policy + envelope + link to robot-sim) vs loop-ref for 60 s; jitter, overruns, GCs; writes bench-results/control.jsonl
	$(DOTNET) build bench/EdgeFactory.Bench -c Release --nologo -v quiet -clp:NoSummary -o .build/bench
	$(DOTNET) .build/bench/EdgeFactory.Bench.dll control $(BENCH_ARGS)

bench-vision: deps ## Label image -> text vs @gutenye/ocr-node on the same images and models; stages, bytes, agreement; writes bench-results/vision.jsonl
	$(DOTNET) build bench/EdgeFactory.Bench -c Release --nologo -v quiet -clp:NoSummary -o .build/bench
	$(DOTNET) .build/bench/EdgeFactory.Bench.dll vision $(BENCH_ARGS)

bench-rollout: deps ## Passport verification vs sha256sum (5 MB, 256 MB); 1,000 edges receiving a 5 MB model by group vs plain HTTP and vs plain HTTP + SHA-256 (the hashing floor); writes bench-results/rollout.jsonl
	$(DOTNET) build bench/EdgeFactory.Bench -c Release --nologo -v quiet -clp:NoSummary -o .build/bench
	$(DOTNET) .build/bench/EdgeFactory.Bench.dll rollout $(BENCH_ARGS)

bench-telemetry: deps ## 1,000 simulated edges' telemetry windows into two running factory instances on PostgreSQL vs the broker-only ceiling; writes bench-results/telemetry.jsonl
	$(DOTNET) build bench/EdgeFactory.Bench -c Release --nologo -v quiet -clp:NoSummary -o .build/bench
	$(DOTNET) .build/bench/EdgeFactory.Bench.dll telemetry $(BENCH_ARGS)

clean: ## Remove build outputs (keeps native/ and models/)
	rm -rf .build bench-results firmware-shims/build
	find src tools tests bench -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} + 2>/dev/null || true
