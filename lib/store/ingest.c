/* store/ingest.c -- the ingest loop: reader -> extract -> store, in batches
 * of articles, one transaction each. A batch is all or nothing (SQLite's
 * commit is atomic in WAL mode, also under kill -9), and storing is
 * idempotent by article id, so running an interrupted ingest again stores
 * exactly what the interruption lost. */
#include "store/store_int.h"

#include <string.h>

static void reject(const kb_ingest_opts *o, kb_ingest_stats *st, const char *input, int code,
                   const char *msg)
{
    st->rejected++;
    if (o && o->on_reject) o->on_reject(input, code, msg, o->ud);
}

static int store_list(kb_store *s, const kb_ingest_opts *o, kb_ingest_stats *st,
                      const kb_article_list *list, size_t batch, size_t *in_batch)
{
    for (size_t k = 0; k < list->n; k++) {
        const kb_article *a = list->v[k];
        st->articles++;
        st->warnings += a->nwarnings;
        if (!s->in_tx && kb_store_begin(s) != KB_OK) return KB_EDB;
        kb_put_result pr;
        int rc = kb_store_put_article(s, a, &pr);
        if (rc == KB_EINVAL) {   /* an article without id: extract's bug, not fatal */
            reject(o, st, a->input ? a->input : "-", rc, "article without id");
            continue;
        }
        if (rc != KB_OK) return rc;
        if (pr.status == KB_PUT_NEW) st->added++;
        else if (pr.status == KB_PUT_REVISED) st->revised++;
        else st->unchanged++;
        if (++*in_batch >= batch) {
            if ((rc = kb_store_commit(s)) != KB_OK) return rc;
            *in_batch = 0;
            st->batches++;
            if (o && o->on_progress) o->on_progress(st, o->ud);
        }
    }
    return KB_OK;
}

typedef struct reject_ctx {
    const kb_ingest_opts *o;
    kb_ingest_stats *st;
} reject_ctx;

static void on_read_reject(const kb_read_item *item, void *ud)
{
    reject_ctx *c = ud;
    reject(c->o, c->st, item->input, item->code, item->message);
}

/* Documents are read a group at a time and extracted on every core
 * (kb_extract_many), then stored one by one in input order: the same
 * articles, in the same transactions, as with one thread. */
enum { GROUP_DOCS = 64 };
#define GROUP_BYTES ((size_t)32 << 20)

int kb_store_ingest(kb_store *s, kb_reader *r, const kb_ingest_opts *o, kb_ingest_stats *out)
{
    if (!s || !r || s->in_tx) return KB_EINVAL;
    kb_ingest_stats st = { 0 };
    size_t batch = o && o->batch ? o->batch : 500;
    size_t every = o && o->progress_every ? o->progress_every : 200;
    size_t in_batch = 0;
    kb_doc *docs[GROUP_DOCS];
    kb_article_list lists[GROUP_DOCS];
    int rcs[GROUP_DOCS];
    int rc = KB_OK, end = 0;
    reject_ctx rj = { o, &st };
    while (rc == KB_OK && !end) {
        size_t n = 0;
        rc = kb_reader_batch(r, docs, GROUP_DOCS, GROUP_BYTES, on_read_reject, &rj, &n, &end);
        memset(lists, 0, n * sizeof *lists);
        kb_extract_many(docs, n, lists, rcs, kb_cores());
        for (size_t i = 0; i < n; i++) {
            if (rc == KB_OK) {
                st.docs++;
                int erc = rcs[i];
                if (erc == KB_ENOMEM) rc = erc;
                else if (erc == KB_EEMPTY)
                    reject(o, &st, docs[i]->input, erc, "no article text found");
                else if (erc != KB_OK)
                    reject(o, &st, docs[i]->input, erc, kb_strerror(erc));
                if (rc == KB_OK) rc = store_list(s, o, &st, &lists[i], batch, &in_batch);
                if (rc == KB_OK && st.docs % every == 0 && o && o->on_progress)
                    o->on_progress(&st, o->ud);
            }
            kb_article_list_free(&lists[i]);
            kb_doc_free(docs[i]);
        }
    }
    if (s->in_tx) {
        if (rc == KB_OK) {
            rc = kb_store_commit(s);
            if (rc == KB_OK && in_batch) st.batches++;
        } else {
            kb_store_rollback(s);
        }
    }
    if (out) *out = st;
    return rc;
}
