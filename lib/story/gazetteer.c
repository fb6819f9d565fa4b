/* story/gazetteer.c -- the knowledge the entity rules of the story stage
 * use, built once per process: a hash table from normalised words and
 * phrases to their word categories (title, given name, verb...) and, for
 * names, their entity type and canonical spelling.
 *
 * Sources, in order of trust: the curated tables (gazetteer_data.c,
 * gazetteer_words.c), the place names of CLDR's Arabic locale compiled in at
 * build time ($(OUT)/gen/kb_cldr_places.h), and files loaded at run time
 * (ANERGazet). A later source never changes the type of a name an earlier
 * one gave, and file names that are common words are not taken. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "story/entity_int.h"
#include "kb_cldr_places.h"

struct kb_gazetteer {
    kb_arena arena;        /* keys and canonical names */
    kb_gz_entry *tab;      /* open addressing, cap a power of two */
    size_t cap, used;
    size_t nnames;         /* entries with an entity type */
};

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static kb_gz_entry *slot(const kb_gazetteer *g, const char *key, size_t len)
{
    size_t mask = g->cap - 1, i = (size_t)hash(key, len) & mask;
    for (;;) {
        kb_gz_entry *e = &g->tab[i];
        if (!e->key || (e->klen == len && memcmp(e->key, key, len) == 0))
            return e;
        i = (i + 1) & mask;
    }
}

static int grow(kb_gazetteer *g)
{
    size_t ncap = g->cap ? g->cap * 2 : 4096;
    kb_gz_entry *nt = calloc(ncap, sizeof *nt);
    if (!nt) return KB_ENOMEM;
    kb_gz_entry *old = g->tab;
    size_t ocap = g->cap;
    g->tab = nt;
    g->cap = ncap;
    for (size_t i = 0; i < ocap; i++)
        if (old[i].key) *slot(g, old[i].key, old[i].klen) = old[i];
    free(old);
    return KB_OK;
}

/* The entry for normalised key[0..len), created when absent. */
static kb_gz_entry *upsert(kb_gazetteer *g, const char *key, size_t len)
{
    if ((g->used + 1) * 2 > g->cap && grow(g) != KB_OK) return NULL;
    kb_gz_entry *e = slot(g, key, len);
    if (!e->key) {
        char *k = kb_arena_strndup(&g->arena, key, len);
        if (!k) return NULL;
        e->key = k;
        e->klen = (uint32_t)len;
        g->used++;
    }
    return e;
}

const kb_gz_entry *kb_gz_get(const kb_gazetteer *g, const char *key, size_t len)
{
    if (!g->cap || !len) return NULL;
    const kb_gz_entry *e = slot(g, key, len);
    return e->key ? e : NULL;
}

uint32_t kb_gz_cat(const kb_gazetteer *g, const char *w, size_t len)
{
    const kb_gz_entry *e = kb_gz_get(g, w, len);
    return e ? e->cat : 0;
}

int kb_gz_is_nisba(const kb_gazetteer *g, const char *w, size_t len)
{
    /* ال + stem + (ه | ون | ين)? ; stems end in ي. */
    if (len > 4 && memcmp(w, "\xd8\xa7\xd9\x84", 4) == 0) { w += 4; len -= 4; }
    if (len > 2 && memcmp(w + len - 2, "\xd9\x87", 2) == 0)            /* ه */
        len -= 2;
    else if (len > 4 && (memcmp(w + len - 4, "\xd9\x88\xd9\x86", 4) == 0 ||  /* ون */
                         memcmp(w + len - 4, "\xd9\x8a\xd9\x86", 4) == 0))   /* ين */
        len -= 4;
    return len >= 4 && (kb_gz_cat(g, w, len) & W_NISBA) != 0;
}

/* Normalise name and collapse white space to single spaces. malloc'd. */
static char *norm_phrase(const char *s, size_t len, size_t *out_len, size_t *nwords)
{
    size_t n;
    char *t = kb_normalize_str(s, len, &n);
    if (!t) return NULL;
    size_t o = 0, words = 0;
    int sp = 1;
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            sp = 1;
            continue;
        }
        if (sp && o) t[o++] = ' ';
        if (sp) words++;
        sp = 0;
        t[o++] = c;
    }
    t[o] = '\0';
    *out_len = o;
    *nwords = words;
    return t;
}

static int add_word(kb_gazetteer *g, const char *w, size_t len, uint32_t cat)
{
    size_t n, nw;
    char *k = norm_phrase(w, len, &n, &nw);
    if (!k) return KB_ENOMEM;
    int rc = KB_OK;
    if (n) {
        kb_gz_entry *e = upsert(g, k, n);
        if (!e) rc = KB_ENOMEM;
        else e->cat |= cat;
    }
    free(k);
    return rc;
}

/* A name is "common" (and refused from files) when its only word is a
 * common or function word, a verb, a time word or a title. */
static int common_name(const kb_gazetteer *g, const char *k, size_t n)
{
    uint32_t bad = W_COMMON | W_STOPX | W_VERB | W_TIME | W_TITLE | W_HONOR |
                   W_ORG_HEAD | W_LOC_CUE | W_CONNECT | W_POSTSTOP | W_EVAL;
    uint32_t c = kb_gz_cat(g, k, n);
    if (n > 4 && memcmp(k, "\xd8\xa7\xd9\x84", 4) == 0)
        c |= kb_gz_cat(g, k + 4, n - 4) & ~(uint32_t)W_GIVEN;
    if (c & bad) return 1;
    if (kb_is_stopword(k, n)) return 1;
    return kb_gz_is_nisba(g, k, n);
}

/* Add a name of type t from source src. *added counts new names. */
static int add_name(kb_gazetteer *g, const char *name, size_t len, uint8_t t,
                    uint8_t src, const char *canon, size_t *added)
{
    size_t n, nw;
    char *k = norm_phrase(name, len, &n, &nw);
    if (!k) return KB_ENOMEM;
    int rc = KB_OK;
    if (!n || nw > 8 || memchr(k, '(', n)) goto out;
    if (src == GZ_SRC_FILE && (n < 4 || (nw == 1 && common_name(g, k, n))))
        goto out;
    kb_gz_entry *e = upsert(g, k, n);
    if (!e) { rc = KB_ENOMEM; goto out; }
    /* A lone first or family name from a file ("نادية", "الشافعي") is
     * evidence for the name rules, not a person by itself. */
    int evidence_only = t == KB_ENT_PERS && src == GZ_SRC_FILE && nw == 1;
    if (!e->etype && !evidence_only) {
        e->etype = t;
        e->esrc = src;
        g->nnames++;
        if (added) (*added)++;
        if (canon) {
            e->canon = kb_arena_strdup(&g->arena, canon);
            if (!e->canon) { rc = KB_ENOMEM; goto out; }
        }
    }
    /* Persons of the lists lend their words to the name rules. */
    if (t == KB_ENT_PERS) {
        const char *p = k, *end = k + n;
        while (p < end) {
            const char *q = memchr(p, ' ', (size_t)(end - p));
            if (!q) q = end;
            kb_gz_entry *we = upsert(g, p, (size_t)(q - p));
            if (!we) { rc = KB_ENOMEM; goto out; }
            we->cat |= W_NAMEWORD;
            p = q + 1;
        }
    }
    if (evidence_only) goto out;
    if (nw > 1) {
        /* e may have moved if the table grew: look the first word up anew */
        const char *sp = memchr(k, ' ', n);
        kb_gz_entry *fe = upsert(g, k, (size_t)(sp - k));
        if (!fe) { rc = KB_ENOMEM; goto out; }
        if (fe->maxwords < nw) fe->maxwords = (uint8_t)nw;
    } else {
        e = upsert(g, k, n);
        if (!e) { rc = KB_ENOMEM; goto out; }
        if (e->maxwords < 1) e->maxwords = 1;
    }
out:
    free(k);
    return rc;
}

static int add_wordlists(kb_gazetteer *g)
{
    for (size_t i = 0; i < kb_gz_nwordlists; i++) {
        const char *p = kb_gz_wordlists[i].words;
        while (*p) {
            while (*p == ' ') p++;
            const char *q = p;
            while (*q && *q != ' ') q++;
            if (q > p) {
                int rc = add_word(g, p, (size_t)(q - p), kb_gz_wordlists[i].cat);
                if (rc) return rc;
            }
            p = q;
        }
    }
    return KB_OK;
}

static int cldr_type(const char *code)
{
    if (!strncmp(code, "city:", 5)) return KB_ENT_LOC;
    if (!strcmp(code, "UN") || !strcmp(code, "EU")) return KB_ENT_ORG;
    /* the world, the euro area, "unknown region", outlying Oceania */
    if (!strcmp(code, "001") || !strcmp(code, "EZ") || !strcmp(code, "ZZ") ||
        !strcmp(code, "QO"))
        return 0;
    return KB_ENT_LOC;
}

int kb_gazetteer_new(kb_gazetteer **out)
{
    if (!out) return KB_EINVAL;
    *out = NULL;
    kb_gazetteer *g = calloc(1, sizeof *g);
    if (!g) return KB_ENOMEM;
    int rc = grow(g);
    if (!rc) rc = add_wordlists(g);
    for (size_t i = 0; !rc && i < kb_gz_nnames; i++) {
        const kb_gz_name *nm = &kb_gz_names[i];
        rc = add_name(g, nm->name, strlen(nm->name), nm->type, GZ_SRC_CURATED,
                      nm->canon, NULL);
    }
    for (size_t i = 0; !rc && kb_cldr_places[i].code; i++) {
        int t = cldr_type(kb_cldr_places[i].code);
        if (!t) continue;
        /* CLDR names pass the same filter as files: "مالي" is a country
         * and an adjective; the curated table already has the countries
         * that matter. */
        rc = add_name(g, kb_cldr_places[i].name, strlen(kb_cldr_places[i].name),
                      (uint8_t)t, GZ_SRC_FILE, NULL, NULL);
    }
    if (rc) {
        kb_gazetteer_free(g);
        return rc;
    }
    *out = g;
    return KB_OK;
}

void kb_gazetteer_free(kb_gazetteer *g)
{
    if (!g) return;
    kb_arena_free(&g->arena);
    free(g->tab);
    free(g);
}

size_t kb_gazetteer_size(const kb_gazetteer *g)
{
    return g ? g->nnames : 0;
}

int kb_gazetteer_load_file(kb_gazetteer *g, const char *path, kb_entity_type t,
                           size_t *added)
{
    if (added) *added = 0;
    if (!g || !path) return KB_EINVAL;
    if (t != KB_ENT_PERS && t != KB_ENT_ORG && t != KB_ENT_LOC && t != KB_ENT_MISC)
        return KB_EINVAL;
    FILE *f = fopen(path, "r");
    if (!f) return errno == ENOENT || errno == ENOTDIR ? KB_ENOTFOUND : KB_EIO;
    char *line = NULL;
    size_t cap = 0;
    ssize_t r;
    int rc = KB_OK;
    size_t dummy = 0;
    while ((r = getline(&line, &cap, f)) >= 0) {
        size_t n = (size_t)r;
        while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' ||
                     line[n - 1] == ' ' || line[n - 1] == '\t'))
            n--;
        if (!n || line[0] == '=' || line[0] == '*') continue;
        if (!kb_utf8_valid(line, n)) continue;
        rc = add_name(g, line, n, (uint8_t)t, GZ_SRC_FILE, NULL, added ? added : &dummy);
        if (rc) break;
    }
    if (!rc && ferror(f)) rc = KB_EIO;
    free(line);
    fclose(f);
    return rc;
}

int kb_gazetteer_load_anergazet(kb_gazetteer *g, const char *dir, size_t *added)
{
    static const struct { const char *file; kb_entity_type t; } files[] = {
        {"AlignedLocGazetteer.txt", KB_ENT_LOC},
        {"AlignedOrgGazetteer.txt", KB_ENT_ORG},
        {"AlignedPersGazetteer.txt", KB_ENT_PERS},
    };
    if (added) *added = 0;
    if (!g || !dir) return KB_EINVAL;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[4096];
        if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, files[i].file) >= sizeof path)
            return KB_EINVAL;
        size_t a = 0;
        int rc = kb_gazetteer_load_file(g, path, files[i].t, &a);
        if (added) *added += a;
        if (rc) return rc;
    }
    return KB_OK;
}
