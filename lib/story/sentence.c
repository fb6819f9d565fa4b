/* story/sentence.c -- sentences and stem sets: the units the timeline and the
 * summary compare. An article is tokenised and stemmed once (kb_stem_toks);
 * the stem set of any of its sentences is then read off its tokens. */
#include "story/build.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

static int span_push(kb_span2 **v, size_t *n, size_t *cap, size_t s, size_t e)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        kb_span2 *nv = realloc(*v, nc * sizeof *nv);
        if (!nv) return KB_ENOMEM;
        *v = nv;
        *cap = nc;
    }
    (*v)[(*n)++] = (kb_span2){ s, e };
    return KB_OK;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int kb_sentences(const char *text, size_t len, kb_span2 **out, size_t *n)
{
    kb_span2 *v = NULL;
    size_t nv = 0, cap = 0, start = 0, i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)text[i];
        size_t end = 0;
        if (c == '\n') {
            end = i;
        } else if (c == '!' || c == '?') {
            end = i + 1;
        } else if (c == '.') {
            int digit_before = i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9';
            int digit_after = i + 1 < len && text[i + 1] >= '0' && text[i + 1] <= '9';
            int more_dots = i + 1 < len && text[i + 1] == '.';
            if (!(digit_before && digit_after) && !more_dots) end = i + 1;
        } else if (c == 0xD8 && i + 1 < len && (unsigned char)text[i + 1] == 0x9F) {
            end = i + 2;   /* ؟ */
        }
        if (end) {
            size_t s = start, e = end;
            while (s < e && is_space((unsigned char)text[s])) s++;
            while (e > s && is_space((unsigned char)text[e - 1])) e--;
            if (e > s && span_push(&v, &nv, &cap, s, e) != KB_OK) { free(v); return KB_ENOMEM; }
            i = end > i ? end : i + 1;
            start = i;
            continue;
        }
        i++;
    }
    size_t s = start, e = len;
    while (s < e && is_space((unsigned char)text[s])) s++;
    while (e > s && is_space((unsigned char)text[e - 1])) e--;
    if (e > s && span_push(&v, &nv, &cap, s, e) != KB_OK) { free(v); return KB_ENOMEM; }
    *out = v;
    *n = nv;
    return KB_OK;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int kb_stem_toks(kb_stemmer *st, const char *s, size_t len, kb_stem_tok **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    kb_tokens t = { 0 };
    if (kb_tokenize(s, len, &t) != KB_OK) return KB_ENOMEM;
    kb_stem_tok *v = t.n ? malloc(t.n * sizeof *v) : NULL;
    if (t.n && !v) { kb_tokens_free(&t); return KB_ENOMEM; }
    char stem[256];
    size_t k = 0;
    for (size_t i = 0; i < t.n; i++) {
        const kb_token *tk = &t.v[i];
        size_t tl = tk->nend - tk->nstart;
        const char *w = t.norm.text + tk->nstart;
        if (tl < 3 || tl >= sizeof stem || kb_is_stopword(w, tl)) continue;
        if (tk->kind != KB_TOK_ARABIC && tk->kind != KB_TOK_LATIN && tk->kind != KB_TOK_NUMBER)
            continue;
        size_t sl = kb_stemmer_stem(st, w, tl, (kb_tok_kind)tk->kind, stem);
        v[k++] = (kb_stem_tok){ tk->start, tk->end, XXH3_64bits(stem, sl) };
    }
    kb_tokens_free(&t);
    if (!k) { free(v); v = NULL; }
    *out = v;
    *n = k;
    return KB_OK;
}

/* The distinct hashes of t[0..n), ascending. */
static int set_of(const kb_stem_tok *t, size_t n, uint64_t **out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    if (!n) return KB_OK;
    uint64_t *v = malloc(n * sizeof *v);
    if (!v) return KB_ENOMEM;
    for (size_t i = 0; i < n; i++) v[i] = t[i].hash;
    qsort(v, n, sizeof *v, cmp_u64);
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        if (!w || v[w - 1] != v[i]) v[w++] = v[i];
    *out = v;
    *nout = w;
    return KB_OK;
}

int kb_stem_set(kb_stemmer *st, const char *s, size_t len, uint64_t **out, size_t *n)
{
    kb_stem_tok *t;
    size_t nt;
    *out = NULL;
    *n = 0;
    if (kb_stem_toks(st, s, len, &t, &nt) != KB_OK) return KB_ENOMEM;
    int rc = set_of(t, nt, out, n);
    free(t);
    return rc;
}

/* Why white space is enough: no token holds white space or reads past it
 * (a URL or e-mail address ends there, a number needs a digit after its
 * point, a proclitic is dropped only before a digit), and normalisation
 * composes nothing across it; so the tokens of the whole text that lie in
 * the span are those of the span alone. */
int kb_stem_span(kb_stemmer *st, const char *s, size_t len, const kb_stem_tok *toks,
                 size_t ntoks, size_t start, size_t end, uint64_t **out, size_t *n)
{
    int bounded = (start == 0 || is_space((unsigned char)s[start - 1])) &&
                  (end == len || is_space((unsigned char)s[end]));
    if (!bounded) return kb_stem_set(st, s + start, end - start, out, n);
    size_t lo = 0, hi = ntoks;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (toks[mid].start < start) lo = mid + 1;
        else hi = mid;
    }
    size_t k = lo;
    while (k < ntoks && toks[k].end <= end) k++;
    return set_of(toks + lo, k - lo, out, n);
}
