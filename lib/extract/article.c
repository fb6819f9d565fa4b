/* extract/article.c -- the kb_article record: what extract produces and every
 * later stage consumes. Its id is a hash of the normalised title and body, so
 * the same article gets the same id whatever file or format it came from. */
#include "khabar.h"

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

int kb_article_set_id(kb_article *a)
{
    XXH3_state_t *st = XXH3_createState();
    if (!st) return KB_ENOMEM;
    XXH3_64bits_reset(st);
    const char *parts[2] = { a->title ? a->title : "", a->text ? a->text : "" };
    for (int i = 0; i < 2; i++) {
        size_t n;
        char *norm = kb_normalize_str(parts[i], strlen(parts[i]), &n);
        if (!norm) { XXH3_freeState(st); return KB_ENOMEM; }
        /* White space differences do not make a different article: runs
         * of it are folded to one space, in place. */
        size_t w = 0;
        int space = 1;
        for (size_t k = 0; k < n; k++) {
            char c = norm[k];
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                space = 1;
                continue;
            }
            if (space && w) norm[w++] = ' ';
            space = 0;
            norm[w++] = c;
        }
        XXH3_64bits_update(st, norm, w);
        free(norm);
        XXH3_64bits_update(st, "\x1f", 1);
    }
    unsigned long long h = (unsigned long long)XXH3_64bits_digest(st);
    XXH3_freeState(st);
    snprintf(a->id, sizeof a->id, "%016llx", h);
    return KB_OK;
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
