#!/usr/bin/env bash
# Installs what EdgeFactory needs beyond the .NET SDK and NuGet (ONNX Runtime comes from its NuGet packages):
# apt packages (Mosquitto; CMake and a C compiler for firmware-shims), the pinned PP-OCR models, the onnxruntime-node
# peer and the test models. Idempotent: a second run with everything present checks hashes and returns without
# touching the network.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(mosquitto mosquitto-clients python3-onnx python3-numpy cmake build-essential postgresql)
# Vision: OpenCV's packaged runtime (libOpenCvSharpExtern.so) links GTK 3 (Debian 13 names it libgtk-3-0t64);
# Pillow and the DejaVu fonts render the labelled-part test images (eng/vision/render_labels.py).
GTK3=libgtk-3-0; apt-cache show libgtk-3-0t64 >/dev/null 2>&1 && GTK3=libgtk-3-0t64
APT_PACKAGES+=("$GTK3" python3-pil fonts-dejavu-core fonts-dejavu-extra)
# The factory's dashboard is tested in Debian's Chromium, driven by Playwright (no browser download).
APT_PACKAGES+=(chromium)

say() { printf 'deps: %s\n' "$*"; }
die() { printf 'deps: error: %s\n' "$*" >&2; exit 1; }

install_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then say "apt packages present"; return; fi
  command -v apt-get >/dev/null || die "apt-get not found; install ${missing[*]} with your package manager"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

sha_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }

install_npm_files() {
  local cache=.build/npm; mkdir -p "$cache"
  # Each line of the lock names one file; a package is packed once and unpacked per line.
  while read -r kind pkg version src dest sha; do
    case "$kind" in ''|'#'*) continue ;; esac
    [ "$kind" = npm ] || die "unknown kind '$kind' in eng/native.lock"
    if sha_ok "$dest" "$sha"; then continue; fi
    local tgz="$cache/$(printf '%s' "$pkg" | tr '@/' '_-')-$version.tgz"
    if [ ! -f "$tgz" ]; then
      say "fetching $pkg@$version (npm pack, no install scripts run)"
      local tmp; tmp=$(mktemp -d)
      (cd "$tmp" && npm pack --silent --ignore-scripts "$pkg@$version" >/dev/null) \
        || die "npm pack $pkg@$version failed; check that npm can reach its registry"
      mv "$tmp"/*.tgz "$tgz"; rm -rf "$tmp"
    fi
    mkdir -p "$(dirname "$dest")"
    tar -xzf "$tgz" -O "$src" > "$dest.part" || die "$src not found in $pkg@$version"
    local got; got=$(sha256sum "$dest.part" | cut -d' ' -f1)
    if [ "$got" != "$sha" ]; then
      rm -f "$dest.part"
      die "SHA-256 mismatch for $dest from $pkg@$version: expected $sha, got $got. The package changed upstream or the download is corrupt; delete $tgz and retry, and do not update the pin without reviewing the new file."
    fi
    mv "$dest.part" "$dest"
    say "installed $dest"
  done < eng/native.lock
  say "models verified"
}

# onnxruntime-node (JS binding + its own libonnxruntime) and @gutenye/ocr-node (PP-OCR on it), only the peers that tests and benchmarks compare against.
install_node_peer() {
  local want; want=$(sed -n 's/.*"onnxruntime-node": "\(.*\)".*/\1/p' eng/node-peer/package.json | head -1)
  local have; have=$(node -p "require('./eng/node-peer/node_modules/onnxruntime-node/package.json').version" 2>/dev/null || true)
  local ocr_want ocr_have
  ocr_want=$(sed -n 's/.*"@gutenye\/ocr-node": "\(.*\)".*/\1/p' eng/node-peer/package.json | head -1)
  ocr_have=$(node -p "require('./eng/node-peer/node_modules/@gutenye/ocr-node/package.json').version" 2>/dev/null || true)
  if [ "$have" = "$want" ] && [ "$ocr_have" = "$ocr_want" ]; then say "onnxruntime-node $want and @gutenye/ocr-node $ocr_want present (peers)"; return; fi
  command -v npm >/dev/null || die "npm not found; install Node.js and npm"
  say "installing onnxruntime-node $want and @gutenye/ocr-node $ocr_want for the peers (npm ci, no install scripts run)"
  (cd eng/node-peer && npm ci --silent --ignore-scripts --no-audit --no-fund) \
    || die "npm ci in eng/node-peer failed; check that npm can reach its registry"
}

# Models a committed script generates (Debian's python3-onnx), deterministic; regenerated when the script changes.
generate_models() {
  local what=$1 script=$2 folder=$3
  local stamp=$folder/.script-sha256 sha; sha=$(sha256sum "$script" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sha" ]; then say "$what present"; return; fi
  /usr/bin/python3 "$script" "$folder" || die "generating $what failed (needs Debian's python3-onnx)"
  echo "$sha" > "$stamp"
  say "generated $folder"
}

# Lists what the packaged OpenCV runtime still cannot find (after a restore put it in the NuGet cache).
check_opencv() {
  local lib; lib=$(ls "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/opencvsharp4.official.runtime.linux-x64/*/runtimes/linux-x64/native/libOpenCvSharpExtern.so 2>/dev/null | tail -1)
  if [ -z "$lib" ]; then say "OpenCV runtime not restored yet (the first build restores it)"; return; fi
  local missing; missing=$(ldd "$lib" | awk '/not found/ {print $1}' | tr '\n' ' ')
  if [ -n "$missing" ]; then die "libOpenCvSharpExtern.so cannot find: $missing(install the packages that provide them)"; fi
  say "OpenCV runtime libraries present"
}

install_apt
check_opencv
install_npm_files
install_node_peer
# Small models for dtype, dynamic-shape, hot-swap and signature tests.
generate_models "test models" eng/models/make_test_models.py models/test
# Motion policies (closed-form ONNX graphs, docs/policies.md) for the policy loop, the demo and bench-control.
generate_models "policy models" eng/models/make_policy_models.py models/policy
