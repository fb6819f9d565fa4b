# bench/bench_text_peer.py -- the peer of bench_text: Debian's PyStemmer
# (Snowball Arabic, C extension) over the same file, whitespace-split words,
# one article per line. Prints MB/s of input, best of RUNS runs, by process
# CPU time (what one core does on a shared machine) and by wall time.
#   /usr/bin/python3 bench/bench_text_peer.py FILE [RUNS]
import sys
import time

import Stemmer


def main():
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    size = sum(len(l.encode("utf-8")) + 1 for l in lines) - 1
    st = Stemmer.Stemmer("arabic")
    best = wall = None
    words = 0
    for _ in range(runs):
        w0, t0 = time.perf_counter(), time.process_time()
        words = 0
        for line in lines:
            w = line.split()
            words += len(st.stemWords(w))
        t, w = time.process_time() - t0, time.perf_counter() - w0
        best = t if best is None or t < best else best
        wall = w if wall is None or w < wall else wall
    print("PyStemmer arabic (split+stemWords)       %8.1f MB/s cpu  %6.1f MB/s wall  %d words"
          % (size / 1e6 / best, size / 1e6 / wall, words))


main()
