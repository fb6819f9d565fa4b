#!/usr/bin/env bash
# bench/bench-store.sh -- the store on SaudiNewsNet (31k articles): storing
# speed and size, index build time and size, query latency, and how many
# spelling variants a query finds -- khabar's index side by side with FTS5's
# unicode61 tokenizer over the same articles in the same database.
# Skips when ../shared/data/saudinewsnet is absent. OUT=dir picks the build.
. "$(dirname "$0")/lib.sh"
data=$shared/data/saudinewsnet
kb_need "$data"
kb_build "$out/bench/bench_store" "$out/khabar"
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
  # --no-stories: the store alone (story building is measured by its own
  # bench). Wall and CPU time of the process.
  /usr/bin/python3 - "$out/khabar" "$db" "$input" <<'PY'
import resource, subprocess, sys, time
khabar, db, inp = sys.argv[1:4]
t0 = time.time()
with open("bench/out/bench-ingest.err", "w") as err:
    p = subprocess.run([khabar, "ingest", "--no-stories", "--db", db, inp],
                       stdout=subprocess.PIPE, stderr=err, text=True)
wall = time.time() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = ru.ru_utime + ru.ru_stime
import sqlite3
n = sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0]
print(p.stdout.strip().splitlines()[-1])
print(f"khabar ingest end to end: {n} articles stored in {wall:.2f} s = {n/wall:.0f} articles/s "
      f"(CPU {cpu:.2f} s = {n/cpu:.0f} articles per CPU second); rejects in bench/out/bench-ingest.err")
PY
else
  echo "khabar ingest end to end: skipped (the reader reads neither the corpus ZIPs nor JSON lines yet)"
fi
