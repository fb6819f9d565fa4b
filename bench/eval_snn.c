/* bench/eval_snn.c -- SaudiNewsNet loader for the evaluation programs (see
 * eval_snn.h). Reads JSON with jansson. */
#include "eval_snn.h"
#include "khabar.h"

#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

int32_t snn_day(int y, int m, int d)
{
    kb_date t = { .year = (int16_t)y, .month = (int8_t)m, .day = (int8_t)d, .prec = KB_PREC_DAY };
    return (int32_t)kb_date_days(&t);
}

static char *dupstr(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));
    return strdup(s ? s : "");
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int snn_load_dir(const char *dir, snn_set *out)
{
    memset(out, 0, sizeof *out);
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "cannot open %s\n", dir);
        return -1;
    }
    char *names[256];
    size_t nn = 0;
    struct dirent *e;
    while ((e = readdir(d)) && nn < 256) {
        size_t l = strlen(e->d_name);
        if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0) names[nn++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, nn, sizeof *names, cmp_str);
    int rc = 0;
    for (size_t f = 0; f < nn; f++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[f]);
        json_error_t err;
        json_t *arr = json_load_file(path, 0, &err);
        if (!arr || !json_is_array(arr)) {
            fprintf(stderr, "%s: %s\n", path, err.text);
            json_decref(arr);
            rc = -1;
            break;
        }
        for (size_t i = 0; i < json_array_size(arr); i++) {
            json_t *o = json_array_get(arr, i);
            if (out->n == out->cap) {
                out->cap = out->cap ? out->cap * 2 : 4096;
                out->v = realloc(out->v, out->cap * sizeof *out->v);
            }
            snn_rec *r = &out->v[out->n++];
            r->source = dupstr(o, "source");
            r->url = dupstr(o, "url");
            r->title = dupstr(o, "title");
            r->content = dupstr(o, "content");
            const char *de = json_string_value(json_object_get(o, "date_extracted"));
            int y, m, dd;
            r->day = de && sscanf(de, "%d-%d-%d", &y, &m, &dd) == 3 ? snn_day(y, m, dd) : INT32_MIN;
        }
        json_decref(arr);
    }
    for (size_t f = 0; f < nn; f++) free(names[f]);
    return rc;
}

void snn_free(snn_set *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].source); free(s->v[i].url); free(s->v[i].title); free(s->v[i].content);
    }
    free(s->v);
    memset(s, 0, sizeof *s);
}

double snn_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

double snn_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec / 1e6;
}

double snn_peak_mib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024.0;
}
