/* bench/bench_util.h -- helpers shared by the C bench and evaluation
 * programs (bench_text, bench_date, diff_timex, eval_timex): reading a whole
 * file, and walking the length-prefixed records the bench scripts write. */
#ifndef KB_BENCH_UTIL_H
#define KB_BENCH_UTIL_H

#include <stddef.h>

/* Read the file at path whole, NUL-terminated (the NUL not counted in
 * *len). NULL when it cannot be opened or read, or memory runs out; the
 * caller frees. */
char *bench_read_all(const char *path, size_t *len);

/* The record at *pos of buf[0..n): a 4-byte little-endian length, then that
 * many bytes of text (what bench-date.sh and diff-timex.sh write). Returns 1
 * with *rec and *rec_len set and *pos moved past the record; 0 at the end of
 * buf or at a record cut short. */
int bench_next_record(const char *buf, size_t n, size_t *pos, const char **rec,
                      size_t *rec_len);

#endif
