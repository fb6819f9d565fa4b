#!/usr/bin/env bash
# bench/bench-serve.sh -- `khabar serve` under load: wrk against the story
# list (/api/stories), one story (/api/stories/ID, what a story page loads),
# an article, a search and the web UI page (/), on 127.0.0.1, the server
# with --threads 2. First on a database built from samples/, then -- when
# ../shared/data/saudinewsnet is there -- on the 31k-article corpus (built
# once into bench/out/serve-saudinewsnet.db; delete it to rebuild).
#
# For each URL: requests/s, mean / p50 / p99 latency, errors (socket errors
# and non-2xx answers), and the server's own CPU time per request (from
# /proc: a figure that depends less on what else runs on the machine).
# Target: >= 5,000 requests/s with no errors on the sample database.
#
#   OUT=build DURATION=10s CONNS=64 bench/bench-serve.sh
. "$(dirname "$0")/lib.sh"
dur=${DURATION:-10s}
conns=${CONNS:-64}
khabar=$out/khabar
kb_build "$khabar"
if ! command -v wrk >/dev/null; then
  echo "bench-serve: skipped: wrk is not installed (scripts/bootstrap.sh bench)"
  exit 0
fi
command -v curl >/dev/null || { echo "bench-serve: skipped: curl is not installed"; exit 0; }

tmp=$(mktemp -d /tmp/khabar-bench-serve-XXXXXX)
pid=
stop_server() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  pid=
}
trap 'stop_server; rm -rf "$tmp"' EXIT

start_server() { # db
  stop_server
  : >"$tmp/serve.out"   # there before the loop below reads it
  "$khabar" serve --db "$1" --host 127.0.0.1 --port 0 --threads 2 >"$tmp/serve.out" 2>"$tmp/serve.err" &
  pid=$!
  port=
  for _ in $(seq 100); do
    port=$(sed -n 's|^khabar serve: http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$tmp/serve.out")
    [ -n "$port" ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench-serve: the server did not start: $(cat "$tmp/serve.err")" >&2
  exit 1
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }

worst=
load() { # label, path
  local label=$1 path=$2 url="http://127.0.0.1:$port$2"
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$url")
  if [ "$code" != 200 ]; then
    printf '  %-34s GET %s answered %s, not measured\n' "$label" "$path" "$code"
    worst=error
    return
  fi
  wrk -t2 -c"$conns" -d2s "$url" >/dev/null 2>&1 || true   # warm up
  local t0 t1 tck
  t0=$(cpu_ticks)
  wrk -t2 -c"$conns" -d"$dur" --latency "$url" >"$tmp/wrk.txt" 2>&1 || true
  t1=$(cpu_ticks)
  tck=$(getconf CLK_TCK)
  awk -v label="$label" -v ticks=$((t1 - t0)) -v tck="$tck" '
    function ms(v) {   # wrk prints 812.00us, 4.69ms, 1.20s
      if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
      if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v + 0 }
    /^    Latency/ { avg = ms($2) }
    /^     50%/ { p50 = ms($2) }
    /^     99%/ { p99 = ms($2) }
    / requests in / { n = $1 }
    /^Requests\/sec:/ { rps = $2 }
    /Socket errors:/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
    /Non-2xx or 3xx responses:/ { err += $5 }
    function lat(v) { return v > 0 ? sprintf("%7.2f ms", v) : "      -   " }   # none: all timed out (2 s)
    END {
      us = n ? ticks * 1e6 / tck / n : 0
      printf "  %-34s %9.0f req/s  mean %s  p50 %s  p99 %s  errors %d  server CPU %6.1f us/req\n",
             label, rps, lat(avg), lat(p50), lat(p99), err + 0, us
    }' "$tmp/wrk.txt" | tee -a "$tmp/results.txt"
}

echo "machine: $(nproc) cores shared with other jobs (load average $(cut -d' ' -f1-3 /proc/loadavg)); wrk -t2 -c$conns -d$dur, same machine, loopback; server --threads 2"

# ------------------------------------------------------------ samples
db=$tmp/samples.db
"$khabar" run --db "$db" samples >/dev/null 2>&1
start_server "$db"
story=$(curl -s "http://127.0.0.1:$port/api/stories?min_articles=5&limit=1" | grep -o '"id":"s[0-9a-f]*"' | head -1 | cut -d'"' -f4)
article=$(curl -s "http://127.0.0.1:$port/api/stories/$story" | grep -o '"articles":\[{"id":"[0-9a-f]*"' | cut -d'"' -f6)
echo "samples/ (9 articles, 4 stories):"
: >"$tmp/results.txt"
load "/api/stories" "/api/stories"
load "/api/stories/ID (the story page)" "/api/stories/$story"
load "/api/articles/ID" "/api/articles/$article"
load "/api/search, one word" "/api/search?q=%D9%85%D8%AD%D8%A7%D8%AF%D8%AB%D8%A7%D8%AA"
load "/ (the web UI page)" "/"
# The verdict on the three the target is about: story list, story, page.
awk -v target=5000 '
  NR <= 2 || /\(the web UI page\)/ { if ($0 ~ / errors [1-9]/) bad = 1; split($0, f, "req/s"); n = split(f[1], g, " "); if (g[n] + 0 < target) low = 1 }
  END { printf "  target >= %d req/s with no errors on the story list, a story, the page: %s\n", target, (bad || low) ? "MISSED" : "met" }' \
  "$tmp/results.txt"
[ "$worst" = error ] && echo "  (some URL did not answer 200)"

# ------------------------------------------------------------ saudinewsnet
data=$shared/data/saudinewsnet
if [ ! -d "$data" ]; then
  echo "saudinewsnet: skipped: $data not found"
  exit 0
fi
mkdir -p bench/out
big=bench/out/serve-saudinewsnet.db
if [ ! -s "$big" ]; then
  echo "building $big from $data (once; a few minutes)..."
  rm -f "$big" "$big"-wal "$big"-shm
  "$khabar" ingest --db "$big" "$data" >"$tmp/ingest.log" 2>&1 || true
fi
start_server "$big"
nstories=$(curl -s "http://127.0.0.1:$port/api/stories?limit=1" | grep -o '"total":[0-9]*' | cut -d: -f2)
nart=$(sqlite3 "$big" 'SELECT count(*) FROM articles' 2>/dev/null || echo '?')
story=$(curl -s "http://127.0.0.1:$port/api/stories?min_articles=5&limit=1" | grep -o '"id":"s[0-9a-f]*"' | head -1 | cut -d'"' -f4)
article=$(curl -s "http://127.0.0.1:$port/api/stories/$story" | grep -o '"articles":\[{"id":"[0-9a-f]*"' | cut -d'"' -f6)
echo "saudinewsnet ($nart articles, $nstories stories):"
: >"$tmp/results.txt"
load "/api/stories" "/api/stories"
load "/api/stories?offset=5000" "/api/stories?offset=5000"
load "/api/stories/ID (a 5+ article story)" "/api/stories/$story"
load "/api/articles/ID" "/api/articles/$article"
load "/api/search, two common words" "/api/search?q=%D9%85%D8%AC%D9%84%D8%B3%20%D8%A7%D9%84%D9%88%D8%B2%D8%B1%D8%A7%D8%A1"
