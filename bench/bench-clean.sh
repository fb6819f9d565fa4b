#!/usr/bin/env bash
# make bench: `khabar clean` over the text of all of SaudiNewsNet (31,030
# articles), as one file per article and as one JSONL file, with a naive
# Python cleaner over the same files in the same run as the peer (it only
# splits lines, drops "اقرأ أيضا"-style tails and strips: a lower bound on
# the work khabar does). Prints MB/s, articles/s and the ratio.
. "$(dirname "$0")/lib.sh"
data=$shared/data/saudinewsnet
kb_need "$data"
bin=$out/khabar
kb_build "$bin"
kb_scratch

/usr/bin/python3 - "$data" "$tmp" <<'PY'
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

# cpu CMD...: run it, print "wall cpu" seconds (cpu = user + sys).
cpu() {
  local f; f=$(mktemp)
  /usr/bin/time -f "%e %U %S" -o "$f" "$@" || true
  tail -n 1 "$f" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }'; rm -f "$f"
}
read -r w1 c1 < <(cpu sh -c '"$0" clean --json "$1" > "$2" 2> "$3"' "$bin" "$tmp/files" "$tmp/out1.jsonl" "$tmp/err1")
read -r w2 c2 < <(cpu sh -c '"$0" clean --json "$1" > "$2" 2> "$3"' "$bin" "$tmp/all.jsonl" "$tmp/out2.jsonl" "$tmp/err2")
cat > "$tmp/peer.py" <<'PY'
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
read -r w3 c3 < <(cpu sh -c '/usr/bin/python3 "$0" "$1" > "$2"' "$tmp/peer.py" "$tmp/files" "$tmp/peer.txt")
art1=$(wc -l < "$tmp/out1.jsonl"); art2=$(wc -l < "$tmp/out2.jsonl")
echo "rejected inputs (reported on stderr): files $(wc -l < "$tmp/err1"), jsonl $(wc -l < "$tmp/err2")"
awk -v b1="$bytes_files" -v b2="$bytes_jsonl" -v n="$nfiles" -v a1="$art1" -v a2="$art2" \
    -v w1="$w1" -v c1="$c1" -v w2="$w2" -v c2="$c2" -v w3="$w3" -v c3="$c3" 'BEGIN {
  printf "khabar clean, %d files (%.1f MB): wall %.2f s, cpu %.2f s: %.1f MB/s and %.0f articles/s of CPU time (%.1f MB/s wall); %d articles out\n", n, b1/1e6, w1, c1, b1/1e6/c1, a1/c1, b1/1e6/w1, a1
  printf "khabar clean, one JSONL (%.1f MB): wall %.2f s, cpu %.2f s: %.1f MB/s and %.0f articles/s of CPU time (%.1f MB/s wall); %d articles out\n", b2/1e6, w2, c2, b2/1e6/c2, a2/c2, b2/1e6/w2, a2
  printf "peer, naive Python line cleaner over the files: wall %.2f s, cpu %.2f s: %.1f MB/s of CPU time\n", w3, c3, b1/1e6/c3
  printf "ratio khabar/peer (files, CPU time): %.2fx\n", c3/c1
}'
