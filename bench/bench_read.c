/* bench/bench_read.c -- speed of the read stage: kb_reader over the paths
 * given (zips of JSON records, gzipped pages, WARC files...), documents
 * handed out and freed, nothing else. Prints documents, rejections, UTF-8
 * bytes out, and the best of RUNS runs by the thread's CPU time (the
 * machine is shared: wall time also counts waiting for a core).
 *
 *   bench_read LABEL RUNS PATH...
 */
#include "khabar.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bench_read LABEL RUNS PATH...\n");
        return 2;
    }
    int runs = atoi(argv[2]);
    if (runs < 1) runs = 1;
    double best_cpu = 1e30, best_wall = 1e30;
    size_t docs = 0, rejects = 0, bytes = 0;
    for (int run = 0; run < runs; run++) {
        double c0 = clock_s(CLOCK_THREAD_CPUTIME_ID), w0 = clock_s(CLOCK_MONOTONIC);
        kb_reader *r = kb_reader_new(NULL);
        if (!r) return 1;
        for (int i = 3; i < argc; i++) kb_reader_add(r, argv[i]);
        docs = rejects = bytes = 0;
        kb_read_item it;
        int rc;
        while ((rc = kb_reader_next(r, &it)) == KB_OK && it.kind != KB_READ_END) {
            if (it.kind == KB_READ_DOC) {
                docs++;
                bytes += it.doc->len;
                kb_doc_free(it.doc);
            } else {
                rejects++;
            }
        }
        kb_reader_free(r);
        if (rc != KB_OK) {
            fprintf(stderr, "bench_read: %s\n", kb_strerror(rc));
            return 1;
        }
        double cpu = clock_s(CLOCK_THREAD_CPUTIME_ID) - c0, wall = clock_s(CLOCK_MONOTONIC) - w0;
        if (cpu < best_cpu) best_cpu = cpu;
        if (wall < best_wall) best_wall = wall;
    }
    printf("khabar %-7s %6zu docs %4zu rejects %7.1f MB out  %.3f s cpu  %6.1f MB/s  %7.0f docs/s  (wall %.3f s)\n",
           argv[1], docs, rejects, (double)bytes / 1e6, best_cpu, (double)bytes / 1e6 / best_cpu,
           (double)docs / best_cpu, best_wall);
    return 0;
}
