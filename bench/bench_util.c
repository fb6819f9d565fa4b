/* bench/bench_util.c -- helpers shared by the C bench and evaluation
 * programs (bench/bench_util.h). Not part of libkhabar. */
#include "bench_util.h"

#include <stdio.h>
#include <stdlib.h>

char *bench_read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *b = NULL;
    long n = -1;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0)
        b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    if (!b) return NULL;
    b[n] = '\0';
    *len = (size_t)n;
    return b;
}

int bench_next_record(const char *buf, size_t n, size_t *pos, const char **rec,
                      size_t *rec_len)
{
    size_t p = *pos;
    if (p > n || n - p < 4) return 0;
    const unsigned char *u = (const unsigned char *)buf + p;
    size_t l = (size_t)u[0] | (size_t)u[1] << 8 | (size_t)u[2] << 16 | (size_t)u[3] << 24;
    p += 4;
    if (l > n - p) return 0;
    *rec = buf + p;
    *rec_len = l;
    *pos = p + l;
    return 1;
}
