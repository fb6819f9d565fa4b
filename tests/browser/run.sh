#!/usr/bin/env bash
# tests/browser/run.sh -- the web UI in a real browser: build a database from
# samples/, start `khabar serve` on 127.0.0.1 (a free port), add an article
# whose title is markup, then let headless Chromium render the pages and
# check the DOM it ends with: the story page's timeline, milestones and
# article cards, the story list, search marks, and that the markup title is
# text. Saves screenshots in OUT/browser/ (look at them).
#
#   tests/browser/run.sh [OUT]     (OUT: the build directory, default build)
#
# Prints cmocka-style lines ("[  PASSED  ] N test(s).", "[  FAILED  ] name",
# "[  SKIPPED ] ...") that scripts/run-tests.sh counts. Skips when Chromium
# is not installed and cannot be (no root). Exit 1 when a check failed.
set -u
cd "$(dirname "$0")/../.."
root=$PWD
out=${1:-build}
khabar=$out/khabar
art=$out/browser
mkdir -p "$art"

pass=0; fail=0; failed=()
ok()   { pass=$((pass + 1)); echo "[       OK ] $1"; }
bad()  { fail=$((fail + 1)); failed+=("$1"); echo "[  ERROR   ] --- $1: $2"; }
check() { # name, condition (a command), message
  local name=$1 msg=$2; shift 2
  if "$@"; then ok "$name"; else bad "$name" "$msg"; fi
}
finish() {
  echo "[==========] $((pass + fail)) test(s) run."
  echo "[  PASSED  ] $pass test(s)."
  for f in "${failed[@]+"${failed[@]}"}"; do echo "[  FAILED  ] browser_$f"; done
  echo "browser: $pass passed, $fail failed"
  [ "$fail" -eq 0 ]
  exit $?
}
skip() {
  echo "[  SKIPPED ] browser: $1"
  echo "browser: 0 passed, 0 failed (skipped: $1)"
  exit 0
}

[ -x "$khabar" ] || { echo "browser: $khabar not built" >&2; bad build "no $khabar"; finish; }
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ] || ! command -v curl >/dev/null; then
  scripts/bootstrap.sh browser >/dev/null 2>&1 || true
  chromium=$(command -v chromium || command -v chromium-browser || true)
  [ -n "$chromium" ] || skip "Chromium is not installed and could not be (scripts/bootstrap.sh browser needs root)"
  command -v curl >/dev/null || skip "curl is not installed and could not be"
fi

tmp=$(mktemp -d /tmp/khabar-browser-XXXXXX)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

echo "[==========] browser: $chromium, $khabar"
db=$tmp/khabar.db
"$khabar" run --db "$db" samples >"$tmp/run.log" 2>&1 || { bad run "khabar run failed: $(tail -3 "$tmp/run.log")"; finish; }

"$khabar" serve --db "$db" --host 127.0.0.1 --port 0 --threads 2 >"$tmp/serve.out" 2>"$tmp/serve.err" &
server_pid=$!
port=
for _ in $(seq 50); do
  port=$(sed -n 's|^khabar serve: http://127\.0\.0\.1:\([0-9][0-9]*\)/.*|\1|p' "$tmp/serve.out")
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
[ -n "$port" ] || { bad serve "the server did not start: $(cat "$tmp/serve.err")"; finish; }
base=http://127.0.0.1:$port

api() { curl -sS --max-time 10 "$base$1"; }

# The sample story: the one story with five articles or more.
story=$(api "/api/stories?min_articles=5" | grep -o '"id":"s[0-9a-f]*"' | head -1 | cut -d'"' -f4)
[ -n "$story" ] || { bad api "no story of five articles in /api/stories"; finish; }

# An article whose title is markup (loopback: POST needs no token).
cat >"$tmp/xss.jsonl" <<'EOF'
{"url":"https://example.org/news/markup","title":"<script>alert(1)</script>","date":"2024-10-03","source":"نشرة الاختبار","text":"أعلنت بلدية مدينة نزوى يوم الخميس عن افتتاح سوق جديدة للتمور في وسط المدينة القديمة بعد أعمال ترميم استمرت عامين.\n\nوتضم السوق الجديدة ستين محلا لبيع التمور والحلوى العمانية، وتفتح أبوابها كل يوم من الصباح حتى المساء.\n\nوقال مدير البلدية إن السوق ستسهم في تنشيط السياحة في المدينة خلال موسم الشتاء."}
EOF
code=$(curl -sS --max-time 30 -o "$tmp/post.json" -w '%{http_code}' -H 'Content-Type: application/x-ndjson' \
       --data-binary @"$tmp/xss.jsonl" "$base/api/articles")
check post_markup_article "POST /api/articles gave $code: $(cat "$tmp/post.json")" [ "$code" = 201 ]
# التمور (dates, the fruit): only that article says it.
xss_id=$(api "/api/search?q=%D8%A7%D9%84%D8%AA%D9%85%D9%88%D8%B1" | grep -o '"id":"[0-9a-f]\{16\}"' | head -1 | cut -d'"' -f4)
xss_story=$(api "/api/articles/$xss_id" | grep -o '"story":"s[0-9a-f]*"' | cut -d'"' -f4)

# Render a page; the DOM after scripts ran goes to FILE.html, and a
# screenshot to FILE.png.
render() { # file, hash route, window height (0: no screenshot)
  local user
  user=$(mktemp -d "$tmp/chrome-XXXXXX")
  local flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
               --disable-component-update --disable-sync --no-first-run --hide-scrollbars
               --disable-extensions --mute-audio --user-data-dir="$user" --virtual-time-budget=5000)
  timeout -k 5 60 "$chromium" "${flags[@]}" --dump-dom "$base/$2" >"$art/$1.html" 2>>"$tmp/chromium.log"
  [ "${3:-2000}" = 0 ] || timeout -k 5 60 "$chromium" "${flags[@]}" --window-size=1280,"${3:-2000}" \
    --screenshot="$art/$1.png" "$base/$2" >/dev/null 2>>"$tmp/chromium.log"
  rm -rf "$user"
}

# ---------------------------------------------------------------- story page
render story "#/story/$story" 2000
dom=$art/story.html
[ -s "$dom" ] || { bad render "Chromium produced no DOM: $(grep -v dbus "$tmp/chromium.log" | tail -3)"; finish; }
# Sections of the rendered DOM: from an id to the next <h2>.
tl=$(tr -d '\n' <"$dom" | grep -o 'id="timeline".*' | sed 's|<h2>.*||')
ms=$(tr -d '\n' <"$dom" | grep -o 'id="milestones".*' | sed 's|<h2>.*||')
arts=$(tr -d '\n' <"$dom" | grep -o 'id="articles".*' | sed 's|</main>.*||')
n_ev=$(grep -o '<li id="ev-event-[0-9]*"' <<<"$tl" | wc -l)
n_dot=$(grep -o 'class="dot ' <<<"$tl" | wc -l)
n_ms=$(grep -o '<li id="ev-milestone-[0-9]*"' <<<"$ms" | wc -l)
n_cards=$(grep -o 'class="card"' <<<"$arts" | wc -l)
headline=$(api "/api/stories/$story" | grep -o '"headline":"[^"]*"' | head -1 | cut -d'"' -f4)
check story_no_error "the page shows an error: $(grep -o 'class="error">[^<]*' "$dom")" \
  bash -c "! grep -q 'class=\"error\"' '$dom'"
check story_headline "h1 is not the story's headline ($headline)" grep -q "<h1>$headline</h1>" "$dom"
check story_timeline "timeline section with events: $n_ev events" [ "$n_ev" -ge 3 ]
check story_axis "timeline axis with one dot per event and milestone: $n_dot dots, $n_ev + $n_ms" \
  [ "$n_dot" -eq $((n_ev + n_ms)) ]
check story_milestones "milestones section: $n_ms items" [ "$n_ms" -ge 1 ]
check story_articles "articles section: $n_cards cards, want >= 6" [ "$n_cards" -ge 6 ]
check story_rtl "the page is not right-to-left Arabic" grep -q '<html lang="ar" dir="rtl">' "$dom"

# ---------------------------------------------------------------- markup title
if [ -n "$xss_story" ]; then
  render markup "#/story/$xss_story" 1200
  mdom=$art/markup.html
  check markup_is_text "the title is not shown as text" grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$mdom"
  check markup_no_element "a <script> element came from the title" bash -c "! grep -q '<script>alert' '$mdom'"
  check markup_one_script "more scripts than app.js in the page" [ "$(grep -o '<script' "$mdom" | wc -l)" -eq 1 ]
  render markup-article "#/article/$xss_id" 1200
  check markup_article_is_text "the article page does not show the title as text" \
    grep -q '<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>' "$art/markup-article.html"
  check markup_article_no_element "a <script> element came from the title" \
    bash -c "! grep -q '<script>alert' '$art/markup-article.html'"
else
  bad markup_is_text "the posted article or its story was not found (id '$xss_id')"
fi

# ---------------------------------------------------------------- list, search
render list "#/" 1200
n_list=$(grep -o '<article class="card">' "$art/list.html" | wc -l)
check list_stories "story list: $n_list cards, want 5 (4 + the posted one)" [ "$n_list" -eq 5 ]
check list_markup_text "the story list does not show the markup headline as text" \
  grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$art/list.html"
# محادثات
render search "#/search?q=%D9%85%D8%AD%D8%A7%D8%AF%D8%AB%D8%A7%D8%AA" 1200
n_mark=$(grep -o '<mark>[^<]*</mark>' "$art/search.html" | wc -l)
check search_marks "search page: $n_mark marks, want >= 2" [ "$n_mark" -ge 2 ]
check search_marks_words "marks are not the searched word" \
  bash -c "grep -o '<mark>[^<]*</mark>' '$art/search.html' | grep -qv 'محادث' && exit 1 || exit 0"
render article "#/article/$(api "/api/stories/$story" | grep -o '"articles":\[{"id":"[0-9a-f]*"' | cut -d'"' -f6)" 1400
n_p=$(tr -d '\n' <"$art/article.html" | grep -o 'class="article-body card">.*' | grep -o '<p>' | wc -l)
check article_paragraphs "article page: $n_p paragraphs" [ "$n_p" -ge 3 ]

# A broken %-escape in the address: an error message, not "loading" forever.
render badhash "#/story/%E0%A4%A" 0
check bad_address_error "a malformed address left the page without an error message" \
  grep -q 'class="error"' "$art/badhash.html"

kill -0 "$server_pid" 2>/dev/null
check server_alive "the server died: $(cat "$tmp/serve.err")" [ $? -eq 0 ]
echo "screenshots: $art/{story,markup,list,search,article}.png"
finish
