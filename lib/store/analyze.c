/* store/analyze.c -- text to index terms: lib/text's tokens (normalised,
 * with spans in the original) stemmed one by one. The FTS tokenizer, the
 * query parser, snippets and "similar" all go through here, so a word is
 * analysed the same way when it is indexed, searched and highlighted. */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

int kb_analyze(kb_stemmer *st, const char *s, size_t len, unsigned flags,
               kb_term_fn fn, void *ud)
{
    kb_tokens toks = { 0 };
    int rc = kb_tokenize(s, len, &toks);
    if (rc != KB_OK) return rc;
    char stack[256], *buf = stack;
    size_t cap = sizeof stack;
    size_t index = 0;
    for (size_t i = 0; i < toks.n && rc == KB_OK; i++) {
        const kb_token *t = &toks.v[i];
        if (t->nend <= t->nstart) continue;
        const char *w = toks.norm.text + t->nstart;
        size_t wl = t->nend - t->nstart;
        if (wl + 1 > cap) {
            char *nb = malloc(wl + 1);
            if (!nb) { rc = KB_ENOMEM; break; }
            if (buf != stack) free(buf);
            buf = nb;
            cap = wl + 1;
        }
        size_t sl = kb_stemmer_stem(st, w, wl, (kb_tok_kind)t->kind, buf);
        if (!sl) continue;
        kb_term term = {
            .stem = buf, .len = sl, .norm = w, .nlen = wl,
            .start = t->start, .end = t->end, .kind = t->kind,
            .stop = (flags & KB_AN_STOP) ? (uint8_t)(kb_is_stopword(w, wl) != 0) : 0,
            .index = index++,
        };
        rc = fn(&term, ud);
    }
    if (buf != stack) free(buf);
    kb_tokens_free(&toks);
    return rc;
}
