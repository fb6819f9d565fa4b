#!/usr/bin/env bash
# bench/bench-read.sh -- speed of the read stage (kb_reader: containers,
# decompression, charset detection, checks) side by side with the usual
# Python way of reading the same inputs (bench/bench_read_peer.py: zipfile +
# json, gzip + chardet, a WARC record loop), one core each, CPU time, best
# of RUNS. Inputs from ../shared/data:
#   snn    the 18 SaudiNewsNet zips (31,030 JSON records)
#   pages  the 280 gzipped HTML pages of html/scrapinghub-dev + htmldate-dev
#   warc   the same pages wrapped in a WARC.gz made here (request + response
#          record per page, one gzip member per record)
#   bench/bench-read.sh [RUNS]        (OUT=build by default)
. "$(dirname "$0")/lib.sh"
runs=${1:-3}
data=$shared/data
kb_need "$data/saudinewsnet" "$data/html"
if ! /usr/bin/python3 -c 'import chardet' 2>/dev/null; then
  echo "bench-read: skipped: /usr/bin/python3 has no chardet (python3-chardet)"
  exit 0
fi
kb_build "$out/bench/bench_read"
kb_scratch
pages=("$data"/html/scrapinghub-dev/html/*.html.gz "$data"/html/htmldate-dev/pages/*.html.gz)
/usr/bin/python3 - "$tmp/pages.warc.gz" "${pages[@]}" <<'PY'
import gzip, sys
with open(sys.argv[1], "wb") as w:
    for i, p in enumerate(sys.argv[2:]):
        body = gzip.decompress(open(p, "rb").read())
        uri = "http://bench.example/%d" % i
        http_req = b"GET /%d HTTP/1.1\r\nHost: bench.example\r\n\r\n" % i
        http_resp = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n"
                     % len(body)) + body
        for typ, block in (("request", http_req), ("response", http_resp)):
            head = ("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\n"
                    "WARC-Date: 2024-01-27T09:15:02Z\r\nContent-Type: application/http; msgtype=%s\r\n"
                    "Content-Length: %d\r\n\r\n" % (typ, uri, typ, len(block))).encode()
            w.write(gzip.compress(head + block + b"\r\n\r\n"))
PY
kb_machine
declare -A args=([snn]="$data/saudinewsnet" [pages]="${pages[*]}" [warc]="$tmp/pages.warc.gz")
for set in snn pages warc; do
  # shellcheck disable=SC2086
  ours=$("$out/bench/bench_read" "$set" "$runs" ${args[$set]})
  if [ "$set" = snn ]; then peer_paths=("$data"/saudinewsnet/*.zip); else read -ra peer_paths <<<"${args[$set]}"; fi
  peer=$(/usr/bin/python3 bench/bench_read_peer.py "$set" "$runs" "${peer_paths[@]}")
  echo "$ours"
  echo "$peer"
  a=$(echo "$ours" | awk '{for (i = 1; i <= NF; i++) if ($i == "MB/s") { print $(i-1); exit }}')
  b=$(echo "$peer" | awk '{for (i = 1; i <= NF; i++) if ($i == "MB/s") { print $(i-1); exit }}')
  awk -v s="$set" -v a="$a" -v b="$b" 'BEGIN { printf "ratio %s (cpu time, MB/s out): khabar / python = %.2fx\n", s, a / b }'
done
