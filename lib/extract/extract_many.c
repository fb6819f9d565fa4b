/* extract/extract_many.c -- kb_extract over a batch of documents on several
 * threads: documents are independent, so `khabar clean` and ingest use every
 * core. Results land in a slot per document, so output order and content do
 * not depend on the threads. */
#include "khabar.h"

typedef struct batch {
    kb_doc *const *docs;
    kb_article_list *out;
    int *rc;
} batch;

static void extract_one(void *ctx, size_t i, void *local)
{
    (void)local;
    batch *b = ctx;
    b->rc[i] = kb_extract(b->docs[i], &b->out[i]);
}

int kb_extract_many(kb_doc *const *docs, size_t n, kb_article_list *out, int *rc, int nthreads)
{
    batch b = { docs, out, rc };
    kb_parallel p = { &b, extract_one, NULL, NULL };
    kb_parallel_for(&p, n, nthreads);
    return KB_OK;
}
