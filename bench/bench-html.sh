#!/usr/bin/env bash
# bench/bench-html.sh -- speed of the HTML extractor, side by side with
# readability-lxml (Debian's python3-readability: Document(html).summary()
# and .title()) on the same decoded pages in the same run: every page of
# ../shared/data/html. One thread each. See BENCHMARKS.md, section
# "HTML extraction". Times are CPU times of each process (the machine is
# shared).
. "$(dirname "$0")/lib.sh"
data=$shared/data/html
kb_need "$data"
rounds=${ROUNDS:-5}
kb_build "$out/bench/bench_html"
kb_scratch
files=("$data"/scrapinghub-dev/html/*.html.gz "$data"/htmldate-dev/pages/*.html.gz
       "$data"/arabic/bbc-arabic.html "$data"/arabic/cnn-arabic-2013.*.html
       "$data"/arabic/lbcgroup-2026.html.gz)
"$out/bench/bench_html" "$tmp/pages.bin" "$rounds" "${files[@]}" | tee "$tmp/khabar.txt"
if ! /usr/bin/python3 -c 'import readability' 2>/dev/null; then
  echo "peer: python3-readability not installed (scripts/bootstrap.sh bench): skipped"
  exit 0
fi
/usr/bin/python3 - "$tmp/pages.bin" <<'PY' | tee "$tmp/peer.txt"
import logging, struct, sys, time
logging.disable(logging.CRITICAL)
from readability import Document
pages = []
with open(sys.argv[1], 'rb') as f:
    while True:
        h = f.read(4)
        if len(h) < 4:
            break
        n = struct.unpack('<I', h)[0]
        pages.append(f.read(n).decode('utf-8', 'replace'))
nbytes = sum(len(p.encode('utf-8')) for p in pages)
t0 = time.process_time()
failed = 0
for p in pages:
    try:
        d = Document(p)
        d.title()
        d.summary()
    except Exception:
        failed += 1
t = time.process_time() - t0
print('readability-lxml: %d pages, %.1f MB of HTML, %d failed: %.3f s CPU = %.0f pages/s, %.1f MB/s'
      % (len(pages), nbytes / 1e6, failed, t, len(pages) / t, nbytes / 1e6 / t))
PY
k=$(sed -n 's/.* = \([0-9.]*\) pages\/s.*/\1/p' "$tmp/khabar.txt")
p=$(sed -n 's/.* = \([0-9.]*\) pages\/s.*/\1/p' "$tmp/peer.txt")
awk -v k="$k" -v p="$p" 'BEGIN { if (p > 0) printf "ratio: khabar is %.1fx readability-lxml (pages/s)\n", k / p }'
