#!/usr/bin/env bash
# make bench: `khabar clean` over the text of all of SaudiNewsNet (31,030
# articles), as one file per article and as one JSONL file, with a naive
# Python cleaner over the same files in the same run as the peer (it only
# splits lines, drops "اقرأ أيضا"-style tails and strips: a lower bound on
# the work khabar does). Prints MB/s, articles/s and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${KHABAR_SHARED:-../shared}/data/saudinewsnet
bin=${KHABAR_BIN:-build/khabar}
if [ ! -d "$shared" ]; then echo "bench-clean: $shared not found: skipped"; exit 0; fi
tmp=$(mktemp -d /tmp/khabar-bench-clean.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

/usr/bin/python3 - "$shared" "$tmp" <<'PY'
import json, os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
os.makedirs(f"{out}/files")
n = 0
with open(f"{out}/all.jsonl", "w", encoding="utf-8") as jl:
    for z in sorted(os.listdir(src)):
        if not z.endswith(".zip"): continue
        with zipfile.ZipFile(f"{src}/{z}") as zf:
            for name in zf.namelist():
                for rec in json.loads(zf.read(name)):
                    n += 1
                    text = (rec.get("title") or "") + "\n\n" + (rec.get("content") or "")
                    with open(f"{out}/files/{n:06d}.txt", "w", encoding="utf-8") as f:
                        f.write(text)
                    jl.write(json.dumps({"url": rec.get("url"), "title": rec.get("title"),
                                         "text": rec.get("content"), "source": rec.get("source"),
                                         "date_extracted": rec.get("date_extracted")},
                                        ensure_ascii=False) + "\n")
print(n, file=sys.stderr)
PY
bytes_files=$(du -sb "$tmp/files" --apparent-size | cut -f1)
bytes_jsonl=$(stat -c %s "$tmp/all.jsonl")
nfiles=$(ls "$tmp/files" | wc -l)

now() { date +%s.%N; }
t0=$(now); "$bin" clean --json "$tmp/files" > "$tmp/out1.jsonl" 2> "$tmp/err1" || true; t1=$(now)
t2=$(now); "$bin" clean --json "$tmp/all.jsonl" > "$tmp/out2.jsonl" 2> "$tmp/err2" || true; t3=$(now)
t4=$(now)
/usr/bin/python3 - "$tmp/files" > "$tmp/peer.txt" <<'PY'
import os, re, sys
cut = re.compile(r"^\s*(اقرأ|إقرأ|اقرا) (أيضا|أيضاً|ايضا)|^\s*(مقالات مشابهة|أخبار ذات صلة|كلمات دلالية)")
d = sys.argv[1]
out = sys.stdout
for name in sorted(os.listdir(d)):
    with open(os.path.join(d, name), encoding="utf-8", errors="replace") as f:
        lines = []
        for line in f:
            if cut.match(line): break
            line = line.strip()
            if line: lines.append(line)
    out.write("\n\n".join(lines) + "\n")
PY
t5=$(now)
art1=$(wc -l < "$tmp/out1.jsonl"); art2=$(wc -l < "$tmp/out2.jsonl")
echo "rejected inputs (reported on stderr): files $(wc -l < "$tmp/err1"), jsonl $(wc -l < "$tmp/err2")"
awk -v b1="$bytes_files" -v b2="$bytes_jsonl" -v n="$nfiles" -v a1="$art1" -v a2="$art2" \
    -v k1="$(echo "$t1 - $t0" | awk '{print $1-$3}')" -v k2="$(echo "$t3 - $t2" | awk '{print $1-$3}')" \
    -v p="$(echo "$t5 - $t4" | awk '{print $1-$3}')" 'BEGIN {
  printf "khabar clean, %d files (%.1f MB):   %.2f s  %.1f MB/s  %.0f articles/s (%d articles out)\n", n, b1/1e6, k1, b1/1e6/k1, a1/k1, a1
  printf "khabar clean, one JSONL (%.1f MB):   %.2f s  %.1f MB/s  %.0f articles/s (%d articles out)\n", b2/1e6, k2, b2/1e6/k2, a2/k2, a2
  printf "peer: naive Python line cleaner, files: %.2f s  %.1f MB/s\n", p, b1/1e6/p
  printf "ratio khabar/peer (files): %.2fx\n", p/k1
}'
