/* common/parallel.c -- run independent tasks on a few threads: the shape
 * every parallel stage shares (extract a batch, sign and vectorise articles,
 * build stories). Each thread may keep its own state (a stemmer, a
 * builder); tasks write their results into slots of their own, so results
 * never depend on which thread ran what. */
#include "khabar.h"

#include <pthread.h>
#include <unistd.h>

typedef struct kb_pjob {
    const kb_parallel *p;
    size_t n, next;
    pthread_mutex_t lock;
} kb_pjob;

static void *run(void *arg)
{
    kb_pjob *j = arg;
    const kb_parallel *p = j->p;
    void *local = p->local_new ? p->local_new(p->ctx) : NULL;
    for (;;) {
        pthread_mutex_lock(&j->lock);
        size_t i = j->next++;
        pthread_mutex_unlock(&j->lock);
        if (i >= j->n) break;
        p->task(p->ctx, i, local);
    }
    if (p->local_free) p->local_free(local);
    return NULL;
}

void kb_parallel_for(const kb_parallel *p, size_t n, int nthreads)
{
    kb_pjob j = { p, n, 0, PTHREAD_MUTEX_INITIALIZER };
    enum { MAX_THREADS = 64 };
    pthread_t th[MAX_THREADS];
    if (nthreads > MAX_THREADS) nthreads = MAX_THREADS;
    if (nthreads < 1) nthreads = 1;
    if ((size_t)nthreads > n) nthreads = n ? (int)n : 1;
    int started = 0;
    for (int i = 1; i < nthreads; i++)
        if (pthread_create(&th[started], NULL, run, &j) == 0) started++;
    run(&j);
    for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
    pthread_mutex_destroy(&j.lock);
}

int kb_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 1 ? (int)(n > 64 ? 64 : n) : 1;
}
