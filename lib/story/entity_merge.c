/* story/entity_merge.c -- merge the entity mentions of a story's articles
 * into story entities (story stage): one entity per type and merge key, a
 * lone surname joined to the one full name of the story that ends with it,
 * counts, articles, roles and spellings collected. Deterministic: every
 * choice breaks ties by string order. */
#include <stdlib.h>
#include <string.h>

#include "story/entity_int.h"

typedef struct ref {
    const kb_entity *e;
    size_t doc;
    const char *key;      /* group key (after surname merging) */
    const char *role_key; /* merge key of the role, or NULL */
} ref;

static int cmp_ref(const void *a, const void *b)
{
    const ref *x = a, *y = b;
    if (x->e->type != y->e->type) return x->e->type < y->e->type ? -1 : 1;
    int c = strcmp(x->key, y->key);
    if (c) return c;
    if (x->doc != y->doc) return x->doc < y->doc ? -1 : 1;
    return x->e->start < y->e->start ? -1 : x->e->start > y->e->start;
}

/* Count distinct strings among items[0..n) (compared by cmpkey), most
 * frequent first; ties in string order. Fills out[] with the display
 * strings and returns how many. */
typedef struct tally {
    const char *k;    /* compared */
    const char *s;    /* shown */
    size_t count;
} tally;

static int cmp_tally_k(const void *a, const void *b)
{
    const tally *x = a, *y = b;
    int c = strcmp(x->k, y->k);
    return c ? c : strcmp(x->s, y->s);
}

/* Most frequent first; among equals the longer (fuller: "عضو مجلس
 * النواب" before "النائب"), then string order. */
static int cmp_tally_count(const void *a, const void *b)
{
    const tally *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    size_t lx = strlen(x->s), ly = strlen(y->s);
    if (lx != ly) return lx > ly ? -1 : 1;
    return strcmp(x->k, y->k);
}

/* Collapse sorted t[0..n) into distinct k; the shown string of a k is its
 * most frequent s. Returns the number of distinct k, sorted by count. */
static size_t collapse(tally *t, size_t n)
{
    qsort(t, n, sizeof *t, cmp_tally_k);
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i, total = 0, best = 0, bestc = 0;
        while (j < n && !strcmp(t[j].k, t[i].k)) {
            size_t r = j, c = 0;
            while (r < n && !strcmp(t[r].k, t[i].k) && !strcmp(t[r].s, t[j].s)) {
                c += t[r].count;
                r++;
            }
            if (c > bestc) { bestc = c; best = j; }
            total += c;
            j = r;
        }
        tally x = {t[i].k, t[best].s, total};
        t[o++] = x;
        i = j;
    }
    qsort(t, o, sizeof *t, cmp_tally_count);
    return o;
}

static const char *last_word(const char *k)
{
    const char *sp = strrchr(k, ' ');
    return sp ? sp + 1 : k;
}

static int cmp_story(const void *a, const void *b)
{
    const kb_story_entity *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    if (x->type != y->type) return x->type < y->type ? -1 : 1;
    return strcmp(x->key, y->key);
}

int kb_entities_merge(const kb_entity_list *docs, size_t ndocs,
                      kb_story_entity **out, size_t *n, kb_arena *arena)
{
    if (out) *out = NULL;
    if (n) *n = 0;
    if (!out || !n || !arena || (!docs && ndocs)) return KB_EINVAL;
    size_t total = 0;
    for (size_t d = 0; d < ndocs; d++) {
        if (!docs[d].v && docs[d].n) return KB_EINVAL;
        total += docs[d].n;
    }
    if (!total) return KB_OK;
    int rc = KB_ENOMEM;
    ref *r = calloc(total, sizeof *r);
    tally *t = calloc(total, sizeof *t);
    if (!r || !t) goto done;
    size_t m = 0;
    for (size_t d = 0; d < ndocs; d++)
        for (size_t i = 0; i < docs[d].n; i++) {
            const kb_entity *e = &docs[d].v[i];
            if (!e->key || !e->name) continue;
            r[m].e = e;
            r[m].doc = d;
            r[m].key = e->key;
            if (e->role) {
                r[m].role_key = kb_entity_key(arena, e->role, strlen(e->role));
                if (!r[m].role_key) goto done;
            }
            m++;
        }

    /* A one-word person key joins the single fuller person of the story
     * whose last word it is. */
    for (size_t i = 0; i < m; i++) {
        if (r[i].e->type != KB_ENT_PERS || strchr(r[i].key, ' ')) continue;
        const char *found = NULL;
        int ambiguous = 0;
        for (size_t j = 0; j < m && !ambiguous; j++) {
            if (r[j].e->type != KB_ENT_PERS || !strchr(r[j].key, ' ')) continue;
            if (strcmp(last_word(r[j].key), r[i].key)) continue;
            if (found && strcmp(found, r[j].key)) ambiguous = 1;
            else found = r[j].key;
        }
        if (found && !ambiguous) r[i].key = found;
    }
    qsort(r, m, sizeof *r, cmp_ref);

    /* count groups */
    size_t ng = 0;
    for (size_t i = 0; i < m; i++)
        if (!i || r[i].e->type != r[i - 1].e->type || strcmp(r[i].key, r[i - 1].key))
            ng++;
    kb_story_entity *se = kb_arena_alloc(arena, ng * sizeof *se);
    if (!se) goto done;
    memset(se, 0, ng * sizeof *se);
    size_t g = 0;
    for (size_t i = 0; i < m;) {
        size_t j = i;
        while (j < m && r[j].e->type == r[i].e->type && !strcmp(r[j].key, r[i].key)) j++;
        kb_story_entity *s = &se[g++];
        s->type = r[i].e->type;
        s->key = r[i].key;
        s->count = j - i;
        s->first_doc = r[i].doc;
        for (size_t q = i; q < j; q++) {
            if (q == i || r[q].doc != r[q - 1].doc) s->ndocs++;
            if (r[q].doc < s->first_doc) s->first_doc = r[q].doc;
        }
        /* spellings: all; the display name from full mentions when any */
        size_t nt = 0;
        for (size_t q = i; q < j; q++) t[nt++] = (tally){r[q].e->name, r[q].e->name, 1};
        size_t nv = collapse(t, nt);
        s->variants = kb_arena_alloc(arena, nv * sizeof *s->variants);
        if (!s->variants) goto done;
        for (size_t q = 0; q < nv; q++) s->variants[q] = t[q].s;
        s->nvariants = nv;
        nt = 0;
        for (size_t q = i; q < j; q++)
            if (!(r[q].e->flags & KB_ENTF_PARTIAL) && !strcmp(r[q].e->key, s->key))
                t[nt++] = (tally){r[q].e->name, r[q].e->name, 1};
        if (nt) {
            collapse(t, nt);
            s->name = t[0].s;
        } else {
            s->name = s->variants[0];
        }
        /* roles by their key, shown in their most frequent spelling */
        nt = 0;
        for (size_t q = i; q < j; q++)
            if (r[q].role_key) t[nt++] = (tally){r[q].role_key, r[q].e->role, 1};
        if (nt) {
            size_t nr = collapse(t, nt);
            s->roles = kb_arena_alloc(arena, nr * sizeof *s->roles);
            if (!s->roles) goto done;
            for (size_t q = 0; q < nr; q++) s->roles[q] = t[q].s;
            s->nroles = nr;
            s->role = s->roles[0];
        }
        i = j;
    }
    qsort(se, ng, sizeof *se, cmp_story);
    *out = se;
    *n = ng;
    rc = KB_OK;
done:
    free(r);
    free(t);
    return rc;
}
