#!/usr/bin/env bash
# The GPU check: runs EdgeFactory's own C# code on an NVIDIA GPU, from the parts eng/gpu-check-prepare.sh made
# (the machine needs no .NET SDK and no network). It reassembles .build/gpu-check/parts, puts the CUDA 13, cuDNN 9
# and TensorRT libraries of the Python environment's nvidia-* packages on LD_LIBRARY_PATH, then: deps check;
# model bench of PP-OCRv4 det (1x3x640x640) and the policy MLP on CUDA and on CPU; CUDA outputs equal CPU outputs
# within 1e-3; TensorRT (bench, compile, the compiled model) when its libraries are present. It writes
# bench-results/gpu.jsonl in the usual format (ours = CUDA, peer = CPU on the same machine) and exits 0 only
# when CUDA really ran every case and matched. Each step has a time limit; the whole takes a few minutes.
set -uo pipefail
cd "$(dirname "$0")/.."

parts=.build/gpu-check/parts
work=${GPU_CHECK_WORK:-.build/gpu-check/run}
results=bench-results/gpu.jsonl
python=${PYTHON:-python3}
step_limit=${GPU_CHECK_STEP_SECONDS:-150}
failures=()
say() { printf 'gpu-check: %s\n' "$*"; }
fail() { failures+=("$*"); printf 'gpu-check: FAILED: %s\n' "$*"; }

# 1. Reassemble the bundle (once per set of parts).
[ -f "$parts/SHA256SUMS" ] || { echo "gpu-check: no $parts/SHA256SUMS; run eng/gpu-check-prepare.sh and carry its parts here" >&2; exit 2; }
(cd "$parts" && sha256sum --quiet -c SHA256SUMS) || { echo "gpu-check: a part is missing or damaged (see above); carry it again" >&2; exit 2; }
stamp=$(sha256sum "$parts/SHA256SUMS" | cut -d' ' -f1)
if [ "$(cat "$work/.parts" 2>/dev/null)" != "$stamp" ]; then
  rm -rf "$work" && mkdir -p "$work"
  cat "$parts"/bundle.tar.xz.part-* | xz -d | tar -x -C "$work" || { echo "gpu-check: unpacking failed" >&2; exit 2; }
  echo "$stamp" > "$work/.parts"
fi
app="$work/app/edgefactory"
models="$work/models"
say "bundle of commit $(cat "$work/COMMIT" 2>/dev/null || echo unknown)"

# 2. NVIDIA libraries from the Python environment (nvidia-*-cu13, tensorrt packages) onto the library path.
if command -v "$python" >/dev/null; then
  libdirs=$("$python" - <<'PY'
import os, site, sys
names = ("libcudart.so", "libcublas.so", "libcublasLt.so", "libcudnn.so", "libnvinfer.so", "libnvinfer_plugin.so", "libnvonnxparser.so", "libcufft.so", "libcurand.so", "libnvrtc.so", "libnvJitLink.so")
roots = set(p for p in sys.path if p.endswith("-packages"))
roots.update(site.getsitepackages() if hasattr(site, "getsitepackages") else [])
found = []
for root in sorted(roots):
    for folder, _, files in os.walk(root):
        if any(f.startswith(names) for f in files) and folder not in found:
            found.append(folder)
print(":".join(found))
PY
)
  [ -n "$libdirs" ] && export LD_LIBRARY_PATH="$libdirs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
say "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | sed 's/^/gpu-check: GPU /'
say "CPU $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"

run() { NO_COLOR=1 timeout "$step_limit" "$app" "$@"; }
tmp="$work/out"; rm -rf "$tmp"; mkdir -p "$tmp" "$(dirname "$results")"

# 3. Is the library there, with which providers, and can CUDA and TensorRT load?
# The exit code also counts libmosquitto and the broker, which this machine need not have; read the provider rows.
run deps check --ep cuda,tensorrt | tee "$tmp/deps.txt"
grep -Eq 'provider cuda +│ ok' "$tmp/deps.txt" || fail "deps check: CUDA is not usable (see the table above)"
trt=0
grep -Eq 'provider tensorrt +│ ok' "$tmp/deps.txt" && trt=1
say "TensorRT usable: $([ $trt = 1 ] && echo yes || echo no)"

# 4. Benchmarks, CUDA against CPU, and the outputs of one run on the same input.
cases=(
  "ppocr-det-640|$models/ppocr/ch_PP-OCRv4_det_infer.onnx|x|1x3x640x640|50"
  "policy-mlp-64-256-256-12|$models/test/policy_mlp_v1.onnx|obs|1x64|2000"
)
for c in "${cases[@]}"; do
  IFS='|' read -r name model input shape runs <<< "$c"
  for ep in cuda cpu; do
    run model bench "$model" --shape "$input=$shape" --ep "$ep" --runs "$runs" --warmup 10 --json > "$tmp/$name.$ep.bench.json" \
      || fail "$name: model bench on $ep"
  done
  "$python" - "$tmp/$name.input.npy" "$shape" <<'PY' || fail "$name: writing the input"
import math, struct, sys
shape = [int(d) for d in sys.argv[2].split("x")]
count = math.prod(shape)
header = "{'descr': '<f4', 'fortran_order': False, 'shape': (%s), }" % "".join(f"{d}, " for d in shape)
header = header.ljust(117) + "\n"
with open(sys.argv[1], "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1"))
    f.write(struct.pack(f"<{count}f", *(0.5 + 0.5 * math.sin(i * 0.013 + 3) for i in range(count))))
PY
  for ep in cuda cpu; do
    run model run "$model" --input "$input=$tmp/$name.input.npy" --output "$tmp/$name.$ep" --ep "$ep" --json > "$tmp/$name.$ep.run.json" \
      || fail "$name: model run on $ep"
  done
done

# 5. TensorRT, where its libraries are present: bench with an engine cache, compile, and run the compiled model.
if [ $trt = 1 ]; then
  policy="$models/test/policy_mlp_v1.onnx"
  run model bench "$policy" --ep tensorrt --engine-cache "$work/trt-engines" --timing-cache "$work/trt-timing" --runs 2000 --json > "$tmp/policy-trt.bench.json" \
    || fail "policy: model bench on tensorrt"
  run model compile "$policy" --ep tensorrt --out "$work/compiled" --json > "$tmp/policy-trt.compile.json" || fail "policy: model compile for tensorrt"
  if [ -f "$work/compiled/policy_mlp_v1_ctx.onnx" ]; then
    run model bench "$work/compiled/policy_mlp_v1_ctx.onnx" --ep tensorrt --runs 2000 --json > "$tmp/policy-trt-ctx.bench.json" \
      || fail "policy: bench of the compiled model"
  fi
fi

# 6. Figures and checks into bench-results/gpu.jsonl.
"$python" - "$tmp" "$results" <<'PY' || fail "CUDA did not run every case, or its outputs differ from CPU (see above)"
import json, os, struct, sys
tmp, results = sys.argv[1], sys.argv[2]
def load(path):
    try:
        with open(path) as f: return json.load(f)
    except (OSError, ValueError): return None
def floats(path):
    data = open(path, "rb").read()
    n = struct.unpack("<H", data[8:10])[0]
    body = data[10 + n:]
    return struct.unpack(f"<{len(body) // 4}f", body)
lines, ok = [], True
def figure(case, metric, unit, ours, peer=None):
    r = lambda v: None if v is None else round(v, 4 if unit == "ms" else 6)
    lines.append({"bench": "gpu", "case": case, "metric": metric, "unit": unit, "ours": r(ours), "peer": r(peer),
                  "ratio": round(ours / peer, 3) if peer else None})
for case in ("ppocr-det-640", "policy-mlp-64-256-256-12"):
    cuda, cpu = load(f"{tmp}/{case}.cuda.bench.json"), load(f"{tmp}/{case}.cpu.bench.json")
    if not cuda or not cpu:
        print(f"gpu-check: {case}: no bench result"); ok = False; continue
    if cuda["executionProvider"] != "cuda":
        print(f"gpu-check: {case}: ran on {cuda['executionProvider']}, not CUDA: {'; '.join(cuda['fallbacks'])}"); ok = False
    figure(case, "latency-p50", "ms", cuda["p50Ms"], cpu["p50Ms"])
    figure(case, "latency-p99", "ms", cuda["p99Ms"], cpu["p99Ms"])
    figure(case, "alloc-per-run", "bytes", cuda["allocatedBytesPerRun"], cpu["allocatedBytesPerRun"])
    runs = {ep: load(f"{tmp}/{case}.{ep}.run.json") for ep in ("cuda", "cpu")}
    if not all(runs.values()):
        print(f"gpu-check: {case}: no outputs to compare"); ok = False; continue
    worst = 0.0
    for out in runs["cpu"]["outputs"]:
        a = floats(os.path.join(f"{tmp}/{case}.cuda", os.path.basename(out["path"])))
        b = floats(out["path"])
        worst = max(worst, max(abs(x - y) for x, y in zip(a, b)) if len(a) == len(b) else float("inf"))
    figure(case, "max-abs-diff-vs-cpu", "abs", worst)
    print(f"gpu-check: {case}: CUDA p50 {cuda['p50Ms']:.4f} ms vs CPU {cpu['p50Ms']:.4f} ms; largest output difference {worst:.2e}")
    if not worst <= 1e-3:
        print(f"gpu-check: {case}: CUDA outputs differ from CPU by {worst:.2e} (> 1e-3)"); ok = False
trt, cpu = load(f"{tmp}/policy-trt.bench.json"), load(f"{tmp}/policy-mlp-64-256-256-12.cpu.bench.json")
if trt and cpu:
    figure("policy-mlp-tensorrt", "latency-p50", "ms", trt["p50Ms"], cpu["p50Ms"])
    print(f"gpu-check: policy on {trt['executionProvider']}: p50 {trt['p50Ms']:.4f} ms")
compiled = load(f"{tmp}/policy-trt.compile.json")
if compiled:
    figure("policy-mlp-tensorrt", "engine-build", "s", compiled["buildSeconds"])
ctx = load(f"{tmp}/policy-trt-ctx.bench.json")
if ctx and cpu:
    figure("policy-mlp-tensorrt-ctx", "latency-p50", "ms", ctx["p50Ms"], cpu["p50Ms"])
os.makedirs(os.path.dirname(results) or ".", exist_ok=True)
with open(results, "w") as f:
    for line in lines: f.write(json.dumps(line, separators=(",", ":")) + "\n")
print(f"gpu-check: wrote {results} ({len(lines)} figures)")
sys.exit(0 if ok else 1)
PY

if [ ${#failures[@]} -gt 0 ]; then
  say "${#failures[@]} step(s) failed:"; printf '  - %s\n' "${failures[@]}"
  exit 1
fi
say "CUDA ran every case and matched CPU"
