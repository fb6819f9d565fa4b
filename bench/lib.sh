# bench/lib.sh -- the prelude every bench/*.sh sources
# (`. "$(dirname "$0")/lib.sh"`): strict mode, the repository root as the
# working directory, and what the scripts share.
#   OUT=DIR            the build to measure (default build)
#   KHABAR_SHARED=DIR  the folder holding data/ (default ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-build}
shared=${KHABAR_SHARED:-../shared}
kb_name=$(basename "$0" .sh)

# kb_need PATH...: unless every PATH exists, say which is missing and end
# the script with success (make bench / make eval go on with the next one).
kb_need() {
  local p
  for p; do
    [ -e "$p" ] || { echo "$kb_name: $p not found: skipped"; exit 0; }
  done
}

# kb_build TARGET...: build the targets (programs of mk/*.mk) in $out.
kb_build() { make -s --no-print-directory OUT="$out" -j2 "$@" >/dev/null; }

# kb_scratch: a fresh temporary directory in $tmp, removed when the script
# ends.
kb_scratch() {
  tmp=$(mktemp -d "/tmp/khabar-$kb_name.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
}

# kb_unzip_snn DIR: every SaudiNewsNet zip unpacked into DIR (one JSON
# array per day, YYYY-MM-DD.json).
kb_unzip_snn() {
  local z
  for z in "$shared"/data/saudinewsnet/*.zip; do unzip -oq "$z" -d "$1"; done
}

# kb_machine: one line on the machine, for figures that depend on it.
kb_machine() {
  echo "machine: $(nproc) cores, $(uname -m); load average $(cut -d' ' -f1-3 /proc/loadavg) (other work shares the cores)"
}
