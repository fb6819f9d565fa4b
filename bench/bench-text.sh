#!/usr/bin/env bash
# bench/bench-text.sh -- speed of the text layer (normalise + tokenise +
# stem) over the content of every SaudiNewsNet article, side by side with
# Debian's PyStemmer (Snowball Arabic) over the same words, one core each.
#   bench/bench-text.sh [RUNS]        (OUT=build by default)
. "$(dirname "$0")/lib.sh"
runs=${1:-3}
kb_need "$shared/data/saudinewsnet"
if ! /usr/bin/python3 -c 'import Stemmer' 2>/dev/null; then
  echo "bench-text: skipped: /usr/bin/python3 has no Stemmer module (python3-stemmer)"
  exit 0
fi
kb_build "$out/bench/bench_text"
kb_scratch
kb_unzip_snn "$tmp/json"
/usr/bin/python3 - "$tmp/json" "$tmp/content.txt" <<'PY'
import json, os, sys
src, dst = sys.argv[1], sys.argv[2]
with open(dst, "w", encoding="utf-8") as out:
    for name in sorted(os.listdir(src)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(src, name), encoding="utf-8") as f:
            for art in json.load(f):
                text = (art.get("content") or "").replace("\r", " ").replace("\n", " ").strip()
                if text:
                    out.write(text + "\n")
PY
kb_machine
ours=$("$out/bench/bench_text" "$tmp/content.txt" "$runs")
echo "$ours"
peer=$(/usr/bin/python3 bench/bench_text_peer.py "$tmp/content.txt" "$runs")
echo "$peer"
# first "MB/s cpu" figure of the line
a=$(echo "$ours" | awk '/^normalise\+tokenise\+stem /{print $2}')
b=$(echo "$peer" | awk '{for (i = 1; i <= NF; i++) if ($i == "MB/s") { print $(i-1); exit }}')
awk -v a="$a" -v b="$b" 'BEGIN { printf "ratio (cpu time): khabar normalise+tokenise+stem / PyStemmer split+stem = %.1fx; target >= 100 MB/s on one core: %s\n", a / b, (a >= 100 ? "met" : "NOT met") }'
