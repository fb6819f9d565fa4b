# The HTML extractor's evaluation and benchmark programs
# (bench/eval-html.sh, bench/bench-html.sh).
BENCH_PROGS += eval_html bench_html
