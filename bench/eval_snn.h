/* bench/eval_snn.h -- SaudiNewsNet loader shared by the dedup and story
 * evaluations (bench/eval_dedup.c, bench/eval_cluster.c): the unzipped
 * JSON arrays of ../shared/data/saudinewsnet, in file-name order. */
#ifndef KB_EVAL_SNN_H
#define KB_EVAL_SNN_H

#include <stddef.h>
#include <stdint.h>

typedef struct snn_rec {
    char *source, *url, *title, *content;
    int32_t day;          /* day number of date_extracted */
} snn_rec;

typedef struct snn_set {
    snn_rec *v;
    size_t n, cap;
} snn_set;

/* Load every *.json file of dir. Returns 0, or -1 with a message on stderr. */
int snn_load_dir(const char *dir, snn_set *out);
void snn_free(snn_set *s);
/* Days since 1970-01-01 of a civil date. */
int32_t snn_day(int y, int m, int d);
/* Wall-clock seconds, and peak resident memory in MiB. */
double snn_now(void);
/* CPU seconds (user + system) of this process so far. */
double snn_cpu(void);
double snn_peak_mib(void);

#endif
