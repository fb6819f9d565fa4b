#!/usr/bin/env bash
# bench/bench-date.sh -- the date grammar (kb_date_find) and the time
# expression tagger (kb_timex_find) side by side with dateparser (Debian's
# python3-dateparser: search.search_dates(text, languages=['ar'])) on the
# same SaudiNewsNet articles in the same run, one thread each, CPU time of
# each process (the machine is shared); then both on the hand-checked date
# strings of tests/fixtures/dates-real.tsv: is the first date found the
# expected one? See BENCHMARKS.md, section "Time expressions".
#   ARTICLES=N (default 200) articles of SaudiNewsNet 2015-08-01; ROUNDS=3.
. "$(dirname "$0")/lib.sh"
zip=$shared/data/saudinewsnet/2015-08-01.zip
rounds=${ROUNDS:-3}
articles=${ARTICLES:-200}
kb_build "$out/bench/bench_date"
fixture=tests/fixtures/dates-real.tsv
"$out/bench/bench_date" cases "$fixture"
have_peer=1
/usr/bin/python3 -c 'import dateparser' 2>/dev/null || have_peer=0
if [ $have_peer = 1 ]; then
  /usr/bin/python3 - "$fixture" <<'PY'
import sys, warnings
warnings.filterwarnings('ignore')
from dateparser.search import search_dates
total = day_ok = 0
for line in open(sys.argv[1], encoding='utf-8'):
    if line.startswith('#') or not line.strip():
        continue
    text, want = line.rstrip('\n').split('\t')[:2]
    total += 1
    found = search_dates(text, languages=['ar', 'en'])
    if found:
        d = found[0][1]
        iso = '%04d-%02d-%02d' % (d.year, d.month, d.day)
        day_ok += iso[:min(len(want), 10)] == want[:10]
print('dateparser search_dates on %s: first date right to the day %d/%d' % (sys.argv[1], day_ok, total))
PY
else
  echo "peer: python3-dateparser not installed (scripts/bootstrap.sh bench): skipped"
fi
if [ ! -f "$zip" ]; then
  echo "bench-date: $zip not found: speed part skipped"
  exit 0
fi
kb_scratch
unzip -oq "$zip" -d "$tmp"
/usr/bin/python3 - "$tmp/2015-08-01.json" "$tmp/articles.bin" "$articles" <<'PY'
import json, struct, sys
arts = json.load(open(sys.argv[1], encoding='utf-8'))[:int(sys.argv[3])]
with open(sys.argv[2], 'wb') as f:
    for a in arts:
        b = a['content'].encode('utf-8')
        f.write(struct.pack('<I', len(b)))
        f.write(b)
PY
"$out/bench/bench_date" speed "$tmp/articles.bin" "$rounds"
[ $have_peer = 1 ] || exit 0
/usr/bin/python3 - "$tmp/articles.bin" <<'PY'
import struct, sys, time, warnings
warnings.filterwarnings('ignore')
from dateparser.search import search_dates
texts = []
with open(sys.argv[1], 'rb') as f:
    while True:
        h = f.read(4)
        if len(h) < 4:
            break
        texts.append(f.read(struct.unpack('<I', h)[0]).decode('utf-8'))
search_dates('23 يوليو 2024', languages=['ar'])   # load the language data first
nbytes = sum(len(t.encode('utf-8')) for t in texts)
t0 = time.process_time()
found = 0
for t in texts:
    r = search_dates(t, languages=['ar'])
    found += len(r) if r else 0
s = time.process_time() - t0
print('dateparser search_dates: %d articles, %.1f MB, %d dates, %.3f s CPU: %.0f articles/s, %.2f MB/s'
      % (len(texts), nbytes / 1e6, found, s, len(texts) / s, nbytes / s / 1e6))
PY
