#!/usr/bin/env bash
# bench/bench-store.sh -- the store on SaudiNewsNet (31k articles): storing
# speed and size, index build time and size, query latency, and how many
# spelling variants a query finds -- khabar's index side by side with FTS5's
# unicode61 tokenizer over the same articles in the same database.
# Skips when ../shared/data/saudinewsnet is absent. OUT=dir picks the build.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-build}
data=../shared/data/saudinewsnet
if [ ! -d "$data" ]; then
  echo "bench-store: skipped: $data not found"
  exit 0
fi
make -s --no-print-directory OUT="$out" "$out/bench/bench_store" "$out/khabar"
mkdir -p bench/out
jsonl=bench/out/saudinewsnet.jsonl
# One JSON record a line, the fields as the corpus has them (content,
# date_extracted...); made once.
if [ ! -s "$jsonl" ]; then
  /usr/bin/python3 - "$data" "$jsonl" <<'PY'
import json, sys, zipfile, pathlib
src, dst = pathlib.Path(sys.argv[1]), sys.argv[2]
with open(dst + ".tmp", "w", encoding="utf-8") as out:
    for z in sorted(src.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in sorted(zf.namelist()):
                for rec in json.loads(zf.read(name)):
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
pathlib.Path(dst + ".tmp").rename(dst)
PY
fi
echo "machine: $(nproc) cores, shared with other jobs; $(uname -m)"
"$out/bench/bench_store" "$jsonl" bench/out "${QUERIES:-300}"

# End to end: `khabar ingest` (read + extract + store) when the reader takes
# the corpus (its ZIPs, or JSON lines) -- else say so.
probe=$(mktemp)
head -n 1 "$jsonl" > "$probe"
input=
if "$out/khabar" clean --json "$data/$(ls "$data" | grep zip | head -n 1)" 2>/dev/null | head -n 1 | grep -q '"title":"'; then
  input=$data
elif "$out/khabar" clean --json "$probe" 2>/dev/null | head -n 1 | grep -q '"title":"'; then
  input=$jsonl
fi
rm -f "$probe"
if [ -n "$input" ]; then
  db=bench/out/bench-ingest.db
  rm -f "$db" "$db"-wal "$db"-shm
  t0=$(date +%s.%N)
  # --no-stories: the store alone (story building is measured by its own bench)
  "$out/khabar" ingest --no-stories --db "$db" "$input" 2>bench/out/bench-ingest.err | tail -n 1 || true
  t1=$(date +%s.%N)
  echo "  ($(wc -l < bench/out/bench-ingest.err) input(s) rejected by the reader/extractor: bench/out/bench-ingest.err)"
  n=$(sqlite3 "$db" "SELECT count(*) FROM articles")
  /usr/bin/python3 -c "import sys; n,t=int(sys.argv[1]),float(sys.argv[3])-float(sys.argv[2]); print(f'khabar ingest end to end: {n} articles in {t:.2f} s = {n/t:.0f} articles/s')" "$n" "$t0" "$t1"
else
  echo "khabar ingest end to end: skipped (the reader reads neither the corpus ZIPs nor JSON lines yet)"
fi
