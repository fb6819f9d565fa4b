/* extract/extract_many.c -- kb_extract over a batch of documents on several
 * threads: documents are independent, so `khabar clean` and ingest use every
 * core. Results land in a slot per document, so output order and content do
 * not depend on the threads. */
#include "khabar.h"

#include <pthread.h>
#include <string.h>

typedef struct job {
    kb_doc *const *docs;
    kb_article_list *out;
    int *rc;
    size_t n, next;
    pthread_mutex_t lock;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    for (;;) {
        pthread_mutex_lock(&j->lock);
        size_t k = j->next++;
        pthread_mutex_unlock(&j->lock);
        if (k >= j->n) break;
        j->rc[k] = kb_extract(j->docs[k], &j->out[k]);
    }
    return NULL;
}

int kb_extract_many(kb_doc *const *docs, size_t n, kb_article_list *out, int *rc, int nthreads)
{
    job j = { docs, out, rc, n, 0, PTHREAD_MUTEX_INITIALIZER };
    if (nthreads > 64) nthreads = 64;
    if ((size_t)nthreads > n) nthreads = (int)n;
    pthread_t th[64];
    int started = 0;
    for (int i = 1; i < nthreads; i++)
        if (pthread_create(&th[started], NULL, worker, &j) == 0) started++;
    worker(&j);
    for (int i = 0; i < started; i++) pthread_join(th[i], NULL);
    pthread_mutex_destroy(&j.lock);
    return KB_OK;
}
