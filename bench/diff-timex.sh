#!/usr/bin/env bash
# bench/diff-timex.sh -- differential check of kb_timex_find and kb_date_find
# against the implementation of an older revision (TIMEX_OLD_REV: the last
# commit unless given, see mk/timex.mk): every article (content and title) of
# ../shared/data/saudinewsnet, the texts of ../shared/data/timeml-arabic
# (tags stripped) and samples/*.txt, with cuts and several reference dates,
# plus FUZZ random texts (default 20000); QUICK=1 takes one day of
# SaudiNewsNet only. Prints each difference; exits 1
# when there is one. Not part of make bench / make eval: run it by hand
# around a change that must keep every result (OUT=/tmp/x for a private
# build; MODE=asan works too).
. "$(dirname "$0")/lib.sh"
fuzz=${FUZZ:-20000}
# the word table must be what its generator makes of the current tables
/usr/bin/python3 lib/text/date_words.py --check
make -s OUT="$out" ${MODE:+MODE=$MODE} ${TIMEX_OLD_REV:+TIMEX_OLD_REV=$TIMEX_OLD_REV} -j2 \
  "$out/bench/diff_timex" >/dev/null
kb_scratch
if [ -d "$shared/data/saudinewsnet" ]; then
  for z in "$shared"/data/saudinewsnet/*.zip; do
    unzip -oq "$z" -d "$tmp/snn"
    [ -z "${QUICK:-}" ] || break
  done
else
  echo "diff-timex: $shared/data/saudinewsnet not found: corpus part skipped"
fi
/usr/bin/python3 - "$tmp/records.bin" "$tmp/snn" "$shared/data/timeml-arabic" samples <<'PY'
import glob, html, json, os, re, struct, sys
out, snn, tml, samples = sys.argv[1:5]
n = 0
with open(out, 'wb') as f:
    def put(text):
        global n
        b = text.encode('utf-8') if isinstance(text, str) else text
        f.write(struct.pack('<I', len(b)))
        f.write(b)
        n += 1
    for p in sorted(glob.glob(os.path.join(snn, '*.json'))):
        for a in json.load(open(p, encoding='utf-8')):
            put(a.get('content') or '')
            put(a.get('title') or '')
    for p in sorted(glob.glob(os.path.join(tml, '*.tml'))):
        raw = open(p, encoding='utf-8-sig').read()
        body = raw.split('<TimeML>', 1)[-1].split('</TimeML>', 1)[0]
        put(html.unescape(re.sub(r'<[^>]*>', '', body)))
    for p in sorted(glob.glob(os.path.join(samples, '*.txt'))):
        put(open(p, 'rb').read())
print('diff-timex: %d texts' % n)
PY
"$out/bench/diff_timex" "$tmp/records.bin" "$fuzz"
