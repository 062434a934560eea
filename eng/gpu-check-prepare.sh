#!/usr/bin/env bash
# Prepares the GPU check (eng/gpu-check.sh) for an NVIDIA machine that has no .NET SDK, no network and takes at
# most 64 MiB of files per command: a trimmed, self-contained publish of the CLI with the GPU flavour of ONNX
# Runtime (CUDA and TensorRT providers) and the models the check runs, packed as one tar.xz and split into
# parts of PART_MIB (default 55) MiB under .build/gpu-check/parts/, listed with their SHA-256 in SHA256SUMS.
# Carry one part (plus the checkout) per command; eng/gpu-check.sh reassembles them.
set -euo pipefail
cd "$(dirname "$0")/.."

out=.build/gpu-check
# 55 MiB leaves room for the checkout (about 5 MiB) within a command's 64 MiB.
part_mib=${PART_MIB:-55}
rid=linux-x64
say() { printf 'gpu-check-prepare: %s\n' "$*"; }

[ -f models/ppocr/ch_PP-OCRv4_det_infer.onnx ] && [ -f models/test/policy_mlp_v1.onnx ] || { echo "run make deps first (models missing)" >&2; exit 1; }
rm -rf "$out/bundle" "$out/parts"
mkdir -p "$out/bundle/models/ppocr" "$out/bundle/models/test" "$out/parts"

say "publishing the CLI (self-contained $rid, trimmed, OnnxRuntimeFlavor=gpu)"
# Its own artifacts path keeps the GPU flavour's restore and build apart from the checkout's CPU build.
# Partial trimming trims the framework only; our libraries and their reflection stay whole.
dotnet publish src/EdgeFactory.Cli -c Release -r "$rid" --self-contained \
  -p:OnnxRuntimeFlavor=gpu -p:PublishTrimmed=true -p:TrimMode=partial \
  -p:SuppressTrimAnalysisWarnings=true -p:TreatWarningsAsErrors=false \
  --artifacts-path "$out/artifacts" -o "$out/bundle/app" --nologo -v quiet -clp:NoSummary
for lib in libonnxruntime.so libonnxruntime_providers_shared.so libonnxruntime_providers_cuda.so libonnxruntime_providers_tensorrt.so; do
  [ -f "$out/bundle/app/$lib" ] || { echo "the publish has no $lib; is OnnxRuntimeFlavor=gpu honoured?" >&2; exit 1; }
done

cp models/ppocr/ch_PP-OCRv4_det_infer.onnx models/ppocr/ch_ppocr_mobile_v2.0_cls_infer.onnx "$out/bundle/models/ppocr/"
cp models/test/policy_mlp_v1.onnx "$out/bundle/models/test/"
git rev-parse HEAD > "$out/bundle/COMMIT"

say "compressing ($(du -sh "$out/bundle" | cut -f1) before xz)"
tar -C "$out/bundle" -cf - . | xz -T0 -6 > "$out/bundle.tar.xz"
split -b "${part_mib}M" -d -a 2 "$out/bundle.tar.xz" "$out/parts/bundle.tar.xz.part-"
rm "$out/bundle.tar.xz"
(cd "$out/parts" && sha256sum bundle.tar.xz.part-* > SHA256SUMS)
ls -l "$out/parts" | awk 'NR > 1 { printf "gpu-check-prepare: %s %.1f MiB\n", $9, $5 / 1048576 }'
say "done: carry SHA256SUMS and the parts to the GPU machine, one part per command (a part and the checkout stay under 64 MiB), then run bash eng/gpu-check.sh there"
