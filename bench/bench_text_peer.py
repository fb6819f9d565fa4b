# bench/bench_text_peer.py -- the peer of bench_text: Debian's PyStemmer
# (Snowball Arabic, C extension) over the same file, whitespace-split words,
# one article per line. Prints MB/s of input, best of RUNS runs.
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
    best = None
    words = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        words = 0
        for line in lines:
            w = line.split()
            words += len(st.stemWords(w))
        t = time.perf_counter() - t0
        best = t if best is None or t < best else best
    print("PyStemmer arabic (split+stemWords)       %8.1f MB/s  %6.2f s  %d words"
          % (size / 1e6 / best, best, words))


main()
