/* story/entity_terms.c -- an article's named entities as clustering terms
 * (story stage): the names two reports of one event share. Measured, not
 * used by the story rebuild: see entity_terms.h. */
#include "story/entity_terms.h"

#include <stdlib.h>
#include <string.h>

/* The lead: the title and about the first two sentences of the text. */
#define LEAD_BYTES 400
/* KB_EKEY_COUNT: at most this many copies of one key. */
#define MAX_COUNT 3

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int wanted(const kb_entity *e, unsigned which)
{
    switch (e->type) {
    case KB_ENT_PERS: return (which & KB_EKEY_PERS) != 0;
    case KB_ENT_LOC: return (which & KB_EKEY_LOC) != 0;
    case KB_ENT_ORG:
        if (!(which & KB_EKEY_ORG)) return 0;
        return !(e->flags & KB_ENTF_DESCRIPTIVE) || (which & KB_EKEY_DESCRIPTIVE);
    default: return 0;
    }
}

/* Mentions of e's entity (same type and key) in v, up to 2. */
static size_t mentions(const kb_entity *v, size_t nv, const kb_entity *e)
{
    size_t same = 0;
    for (size_t j = 0; j < nv && same < 2; j++)
        if (v[j].type == e->type && v[j].key && !strcmp(v[j].key, e->key)) same++;
    return same;
}

/* "T:" + the key (a person's first and last words with KB_EKEY_FIRSTLAST),
 * in arena; NULL when out of memory. */
static char *make_key(const kb_entity *e, unsigned which, kb_arena *arena)
{
    const char *key = e->key;
    size_t kl = strlen(key);
    char *k = kb_arena_alloc(arena, kl + 3);
    if (!k) return NULL;
    k[0] = e->type == KB_ENT_PERS ? 'P' : e->type == KB_ENT_ORG ? 'O' : 'L';
    k[1] = ':';
    const char *sp1 = strchr(key, ' '), *sp2 = strrchr(key, ' ');
    if (e->type == KB_ENT_PERS && sp1 && which & KB_EKEY_FIRSTLAST) {
        size_t first = (size_t)(sp1 - key);
        memcpy(k + 2, key, first);
        memcpy(k + 2 + first, sp2, strlen(sp2) + 1);
    } else {
        memcpy(k + 2, key, kl + 1);
    }
    return k;
}

int kb_story_entity_keys(const kb_gazetteer *g, const char *title, const char *text,
                         unsigned which, kb_buf *scratch, kb_arena *arena,
                         const char ***keys, size_t *n)
{
    if (!g || !scratch || !arena || !keys || !n) return KB_EINVAL;
    *keys = NULL;
    *n = 0;
    /* The title as the text's first sentence, as the story builder reads
     * an article (story/build.c). */
    scratch->len = 0;
    size_t head = 0;
    if (title && *title) {
        if (kb_buf_puts(scratch, title) != KB_OK || kb_buf_puts(scratch, ".\n") != KB_OK)
            return KB_ENOMEM;
        head = scratch->len;
    }
    size_t tl = text ? strlen(text) : 0;
    if (which & KB_EKEY_LEADONLY && tl > LEAD_BYTES) {
        /* only the lead is read: cut at the next space, or at a character
         * boundary */
        size_t cut = LEAD_BYTES;
        while (cut < tl && cut < LEAD_BYTES + 64 && text[cut] != ' ' && text[cut] != '\n') cut++;
        while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80) cut--;
        tl = cut;
    }
    if (tl && kb_buf_append(scratch, text, tl) != KB_OK) return KB_ENOMEM;
    if (!scratch->len) return KB_OK;
    kb_entity *v = NULL;
    size_t nv = 0;
    int rc = kb_entities_find(g, scratch->data, scratch->len, &v, &nv, arena);
    if (rc != KB_OK || !nv) return rc;
    const char **out = kb_arena_alloc(arena, nv * sizeof *out);
    if (!out) return KB_ENOMEM;
    size_t m = 0, lead = head + LEAD_BYTES;
    for (size_t i = 0; i < nv; i++) {
        const kb_entity *e = &v[i];
        if (!wanted(e, which) || !e->key || !*e->key) continue;
        if (e->start >= lead) {
            if (which & KB_EKEY_LEADONLY) continue;
            if (which & KB_EKEY_SALIENT && mentions(v, nv, e) < 2) continue;
        }
        if (!(out[m++] = make_key(e, which, arena))) return KB_ENOMEM;
    }
    if (m > 1) qsort(out, m, sizeof *out, cmp_str);
    size_t u = 0, run = 0;
    for (size_t i = 0; i < m; i++) {
        run = u && !strcmp(out[u - 1], out[i]) ? run + 1 : 1;
        if (run == 1 || (which & KB_EKEY_COUNT && run <= MAX_COUNT)) out[u++] = out[i];
    }
    *keys = out;
    *n = u;
    return KB_OK;
}
