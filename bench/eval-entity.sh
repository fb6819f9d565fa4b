#!/usr/bin/env bash
# bench/eval-entity.sh -- story-stage entities against ANERcorp: entity-level
# exact-match precision/recall/F1 per type (PERS, LOC, ORG) on the held-out
# last 20% of the sentences (the rules were tuned on the first 80% only).
# Four runs: with and without the ANERGazet lists (built from the same
# corpus family, so "with" flatters), and with all organisations or only
# named ones (ANERcorp does not tag "وزارة الخارجية العراقية"-like phrases).
# Skips cleanly when ../shared is not there.
. "$(dirname "$0")/lib.sh"
corpus=$shared/data/anercorp/ANERCorp
gaz=$shared/data/anercorp/ANERGazet
kb_need "$corpus"
kb_build "$out/bench/eval_entity"
bin=$out/bench/eval_entity
run() { echo "--- $*"; "$bin" "$@" "$corpus" | grep -v '^speed:' ; echo; }
run --part test
run --part test --names-only
run --part test --anergazet "$gaz"
run --part test --anergazet "$gaz" --names-only
echo "--- for comparison, the development part the rules were tuned on:"
"$bin" --part dev --names-only "$corpus" | sed -n '3,6p'
echo
"$bin" --part all "$corpus" | grep '^speed:'
