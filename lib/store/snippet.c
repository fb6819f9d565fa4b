/* store/snippet.c -- search snippets in the original spelling. The stored
 * text is analysed again (the spans lib/text keeps point into the original),
 * tokens whose analysed form matches a query term are marked, and the window
 * of tokens holding the most distinct terms (then the most matches) is cut
 * out and centred on its matches. Highlights are byte spans into the
 * snippet, so a word shows as it was written: الولایات with its Persian yeh,
 * مُحادثات with its damma. */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

typedef struct stok {
    uint32_t start, end;
    int match;             /* term number + 1, 0 for none */
} stok;

typedef struct stoks {
    const kb_query *q;
    stok *v;
    size_t n, cap;
} stoks;

static int add_tok(const kb_term *t, void *ud)
{
    stoks *l = ud;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 256;
        stok *nv = realloc(l->v, cap * sizeof *nv);
        if (!nv) return KB_ENOMEM;
        l->v = nv;
        l->cap = cap;
    }
    l->v[l->n].start = t->start;
    l->v[l->n].end = t->end;
    l->v[l->n].match = kb_query_matches(l->q, t->stem, t->len);
    l->n++;
    return KB_OK;
}

static int add_span(kb_span **v, size_t *n, size_t *cap, size_t start, size_t end)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        kb_span *nv = realloc(*v, nc * sizeof *nv);
        if (!nv) return KB_ENOMEM;
        *v = nv;
        *cap = nc;
    }
    (*v)[*n].start = start;
    (*v)[*n].end = end;
    (*n)++;
    return KB_OK;
}

/* Copy the text between two tokens: white space with a line break in it
 * becomes " / ", other white space one space. */
static int put_gap(kb_buf *b, const char *s, size_t len)
{
    size_t i = 0;
    int rc = KB_OK;
    while (i < len && rc == KB_OK) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            int nl = 0;
            while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) {
                if (s[i] == '\n') nl = 1;
                i++;
            }
            rc = kb_buf_puts(b, nl ? " / " : " ");
        } else {
            rc = kb_buf_putc(b, c);
            i++;
        }
    }
    return rc;
}

/* The best window [*from, *from + w) of n tokens. */
static void best_window(const stok *v, size_t n, size_t nterms, size_t w, size_t *from)
{
    *from = 0;
    if (n <= w || !nterms) return;
    size_t *cnt = calloc(nterms + 1, sizeof *cnt);
    if (!cnt) return;
    size_t distinct = 0, total = 0, best_d = 0, best_t = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].match) {
            if (!cnt[v[i].match]++) distinct++;
            total++;
        }
        if (i >= w) {
            int m = v[i - w].match;
            if (m) {
                if (!--cnt[m]) distinct--;
                total--;
            }
        }
        if (i + 1 >= w && (distinct > best_d || (distinct == best_d && total > best_t))) {
            best_d = distinct;
            best_t = total;
            *from = i + 1 - w;
        }
    }
    free(cnt);
    if (!best_t) { *from = 0; return; }
    /* Centre the window on its first and last match. */
    size_t first = *from, last = *from + w - 1;
    while (!v[first].match) first++;
    while (!v[last].match) last--;
    size_t span = last - first + 1, lead = (w - span) / 2;
    size_t start = first > lead ? first - lead : 0;
    if (start + w > n) start = n - w;
    *from = start;
}

int kb_snippet_st(kb_stemmer *st, const char *text, size_t len, const kb_query *q,
                  size_t window, char **snippet, kb_span **hl, size_t *nhl)
{
    *snippet = NULL;
    *hl = NULL;
    *nhl = 0;
    if (!window) window = 30;
    stoks l = { .q = q };
    int rc = text && len ? kb_analyze(st, text, len, 0, add_tok, &l) : KB_OK;
    if (rc != KB_OK) { free(l.v); return rc; }
    size_t from = 0;
    best_window(l.v, l.n, q ? q->nterms : 0, window, &from);
    size_t to = from + window < l.n ? from + window : l.n;
    kb_buf b = { 0 };
    size_t cap = 0;
    if (l.n) {
        /* Text before the first token of the window: keep the opening
         * punctuation of the text, mark a cut with an ellipsis. */
        if (from > 0) rc = kb_buf_puts(&b, "… ");
        for (size_t i = from; i < to && rc == KB_OK; i++) {
            if (i > from) rc = put_gap(&b, text + l.v[i - 1].end, l.v[i].start - l.v[i - 1].end);
            size_t at = b.len;
            if (rc == KB_OK) rc = kb_buf_append(&b, text + l.v[i].start, l.v[i].end - l.v[i].start);
            if (rc == KB_OK && l.v[i].match) rc = add_span(hl, nhl, &cap, at, b.len);
        }
        /* Closing punctuation right after the last token (". ،") stays. */
        size_t tail = l.v[to - 1].end, stop = to < l.n ? l.v[to].start : len;
        size_t k = tail;
        while (k < stop && text[k] != ' ' && text[k] != '\n' && text[k] != '\t' && text[k] != '\r')
            k++;
        if (rc == KB_OK) rc = kb_buf_append(&b, text + tail, k - tail);
        if (rc == KB_OK && to < l.n) rc = kb_buf_puts(&b, " …");
    }
    free(l.v);
    if (rc == KB_OK && !b.data && kb_buf_reserve(&b, 1) != KB_OK) rc = KB_ENOMEM;
    if (rc != KB_OK) {
        kb_buf_free(&b);
        free(*hl);
        *hl = NULL;
        *nhl = 0;
        return KB_ENOMEM;
    }
    *snippet = kb_buf_detach(&b, NULL);
    return KB_OK;
}

int kb_snippet(const char *text, size_t len, const kb_query *q, size_t window,
               char **snippet, kb_span **hl, size_t *nhl)
{
    kb_stemmer *st = kb_stemmer_new(NULL);
    if (!st) return KB_ENOMEM;
    int rc = kb_snippet_st(st, text, len, q, window, snippet, hl, nhl);
    kb_stemmer_free(st);
    return rc;
}

int kb_highlight_st(kb_stemmer *st, const char *text, size_t len, const kb_query *q,
                    kb_span **hl, size_t *nhl)
{
    *hl = NULL;
    *nhl = 0;
    if (!text || !len) return KB_OK;
    stoks l = { .q = q };
    int rc = kb_analyze(st, text, len, 0, add_tok, &l);
    size_t cap = 0;
    for (size_t i = 0; rc == KB_OK && i < l.n; i++)
        if (l.v[i].match) rc = add_span(hl, nhl, &cap, l.v[i].start, l.v[i].end);
    free(l.v);
    if (rc != KB_OK) {
        free(*hl);
        *hl = NULL;
        *nhl = 0;
    }
    return rc;
}
