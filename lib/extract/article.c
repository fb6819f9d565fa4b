/* extract/article.c -- the kb_article record: what extract produces and every
 * later stage consumes. Its id is a hash of the normalised title and body, so
 * the same article gets the same id whatever file or format it came from. */
#include "extract/extract.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

kb_article *kb_article_new(void)
{
    kb_article *a = calloc(1, sizeof *a);
    if (a) a->role = KB_ROLE_MAIN;
    return a;
}

void kb_article_free(kb_article *a)
{
    if (!a) return;
    kb_arena_free(&a->arena);
    free(a);
}

int kb_article_warn(kb_article *a, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char **v = kb_arena_alloc(&a->arena, (a->nwarnings + 1) * sizeof *v);
    char *copy = kb_arena_strdup(&a->arena, msg);
    if (!v || !copy) return KB_ENOMEM;
    if (a->nwarnings) memcpy(v, a->warnings, a->nwarnings * sizeof *v);
    v[a->nwarnings++] = copy;
    a->warnings = v;
    return KB_OK;
}

static int is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* White space differences do not make a different article: runs of it in
 * s[0..n) are folded to one space, in place, the ends trimmed. Returns the
 * new length. */
static size_t fold_space(char *s, size_t n)
{
    size_t w = 0, k = 0;
    for (;;) {
        while (k < n && is_space(s[k])) k++;
        if (k == n) return w;
        if (w) s[w++] = ' ';
        while (k < n && !is_space(s[k])) s[w++] = s[k++];
    }
}

int kb_article_set_id_from(kb_article *a, char *ntitle, size_t ntl, char *ntext, size_t nxl)
{
    const char *parts[2] = { a->title ? a->title : "", a->text ? a->text : "" };
    char *norm[2] = { ntitle, ntext };
    size_t n[2] = { ntl, nxl };
    int rc = KB_OK;
    for (int i = 0; i < 2 && rc == KB_OK; i++)
        if (!norm[i] && !(norm[i] = kb_normalize_str(parts[i], strlen(parts[i]), &n[i]))) rc = KB_ENOMEM;
    XXH3_state_t *st = rc == KB_OK ? XXH3_createState() : NULL;
    if (rc == KB_OK && !st) rc = KB_ENOMEM;
    if (rc == KB_OK) {
        XXH3_64bits_reset(st);
        for (int i = 0; i < 2; i++) {
            XXH3_64bits_update(st, norm[i], fold_space(norm[i], n[i]));
            XXH3_64bits_update(st, "\x1f", 1);
        }
        snprintf(a->id, sizeof a->id, "%016llx", (unsigned long long)XXH3_64bits_digest(st));
    }
    XXH3_freeState(st);
    free(norm[0]);
    free(norm[1]);
    return rc;
}

int kb_article_set_id(kb_article *a)
{
    return kb_article_set_id_from(a, NULL, 0, NULL, 0);
}

int kb_article_list_push(kb_article_list *l, kb_article *a)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        kb_article **v = realloc(l->v, cap * sizeof *v);
        if (!v) return KB_ENOMEM;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = a;
    return KB_OK;
}

void kb_article_list_free(kb_article_list *l)
{
    for (size_t i = 0; i < l->n; i++) kb_article_free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}
