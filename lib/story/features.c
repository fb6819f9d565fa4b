/* story/features.c -- the story stage's view of an article: a sparse bag of
 * weighted terms (stems, stem bigrams, entity keys, date keys) that
 * cluster.c turns into tf-idf vectors, plus the numbers of its title. See
 * story.h for the weighting.
 *
 * Title numbers are carried in the same term list so that stored terms
 * rebuild the same clusters (kb_cluster_add_terms), but they are not
 * vector terms: their hash is KB_NUM_TAG in the top byte and the number's
 * value x 100 below it (kb_story_num_term), and no vector term has that top
 * byte (vec_hash). cluster.c reads them back to see whether two titles
 * report different figures (two days' market closes, two job lists). */
#include "story/story.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#define SEED_UNI 0x75ull      /* 'u' */
#define SEED_BI 0x62ull       /* 'b' */
#define SEED_ENT 0x65ull      /* 'e' */
#define SEED_DATE 0x64ull     /* 'd' */
#define MAX_STEMMERS 8
#define MAX_TOKEN 128
#define MAX_DATES 64

struct kb_features {
    kb_cluster_params p;
    struct { char lang[8]; kb_stemmer *st; } stem[MAX_STEMMERS];
    int nstem;
};

typedef struct { uint64_t h; float w; } tw;
typedef struct { tw *v; size_t n, cap; } twvec;

/* Vector terms never carry the number tag in their top byte. */
static uint64_t vec_hash(uint64_t h)
{
    return (h >> 56) == KB_NUM_TAG ? h ^ (1ull << 56) : h;
}

static int push_raw(twvec *v, uint64_t h, double w)
{
    if (w <= 0) return KB_OK;
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 256;
        tw *p = realloc(v->v, nc * sizeof *p);
        if (!p) return KB_ENOMEM;
        v->v = p;
        v->cap = nc;
    }
    v->v[v->n].h = h;
    v->v[v->n].w = (float)w;
    v->n++;
    return KB_OK;
}

static int push(twvec *v, uint64_t h, double w)
{
    return push_raw(v, vec_hash(h), w);
}

uint64_t kb_story_num_term(double value)
{
    double x = value * 100.0 + 0.5;
    uint64_t code = x >= (double)KB_NUM_MASK ? KB_NUM_MASK : (uint64_t)x;
    return (KB_NUM_TAG << 56) | code;
}

/* The value of a number token in normalised text ("2,500" 2500, "44,53"
 * 44.53, "12.5%" 12.5; a comma before exactly three digits groups
 * thousands, else it is the decimal point). -1 when s does not start with
 * a digit. */
static double number_value(const char *s, size_t n)
{
    double v = 0, scale = 0;
    size_t i = 0;
    if (n == 0 || s[0] < '0' || s[0] > '9') return -1;
    while (i < n) {
        char ch = s[i];
        if (ch >= '0' && ch <= '9') {
            if (scale > 0) {
                v += (ch - '0') * scale;
                scale /= 10;
            } else {
                v = v * 10 + (ch - '0');
            }
            i++;
            continue;
        }
        if ((ch != '.' && ch != ',') || scale > 0) break;
        size_t d = i + 1;
        while (d < n && s[d] >= '0' && s[d] <= '9') d++;
        if (d == i + 1) break;
        if (ch == ',' && d - i - 1 == 3) {   /* thousands */
            i++;
            continue;
        }
        scale = 0.1;
        i++;
    }
    return v;
}

/* A year (Gregorian or Hijri) names no figure of the event. */
static int is_year(double v)
{
    return v == (double)(long)v && ((v >= 1900 && v < 2100) || (v >= 1300 && v < 1500));
}

kb_features *kb_features_new(const kb_cluster_params *p)
{
    kb_features *f = calloc(1, sizeof *f);
    if (!f) return NULL;
    if (p) f->p = *p;
    else kb_cluster_params_default(&f->p);
    return f;
}

void kb_features_free(kb_features *f)
{
    if (!f) return;
    for (int i = 0; i < f->nstem; i++) kb_stemmer_free(f->stem[i].st);
    free(f);
}

/* The stemmer for lang, made on first use; NULL when out of memory. Latin
 * text of an unknown language is stemmed as English. */
static kb_stemmer *stemmer_for(kb_features *f, const char *lang)
{
    if (!lang || !*lang || strcmp(lang, "und") == 0 || strlen(lang) >= 8) lang = "en";
    for (int i = 0; i < f->nstem; i++)
        if (strcmp(f->stem[i].lang, lang) == 0) return f->stem[i].st;
    kb_stemmer *st = kb_stemmer_new(lang);
    if (!st && strcmp(lang, "en") != 0) return stemmer_for(f, "en");
    if (!st) return NULL;
    if (f->nstem == MAX_STEMMERS) {
        kb_stemmer_free(f->stem[0].st);
        memmove(f->stem, f->stem + 1, (MAX_STEMMERS - 1) * sizeof f->stem[0]);
        f->nstem--;
    }
    snprintf(f->stem[f->nstem].lang, sizeof f->stem[0].lang, "%s", lang);
    f->stem[f->nstem].st = st;
    f->nstem++;
    return st;
}

/* Hash of the stem of token i when it is a content word, else 0. */
static uint64_t content_hash(const kb_tokens *t, size_t i, kb_stemmer *st)
{
    const kb_token *k = &t->v[i];
    if (k->kind != KB_TOK_ARABIC && k->kind != KB_TOK_LATIN && k->kind != KB_TOK_MIXED &&
        k->kind != KB_TOK_NUMBER)
        return 0;
    const char *s = t->norm.text + k->nstart;
    size_t n = k->nend - k->nstart;
    if (n < 2 || n >= MAX_TOKEN) return 0;
    if (k->kind == KB_TOK_ARABIC && n < 4) return 0;    /* one Arabic letter */
    if (kb_is_stopword(s, n)) return 0;
    char buf[MAX_TOKEN];
    size_t m = kb_stemmer_stem(st, s, n, (kb_tok_kind)k->kind, buf);
    if (m == 0) return 0;
    uint64_t h = XXH3_64bits_withSeed(buf, m, SEED_UNI);
    return h ? h : 1;
}

/* Index of the first token after the lead: the first paragraphs, ending at
 * the first line break after min tokens, at most 4 x min tokens. */
static size_t lead_end(const kb_tokens *t, const char *text, int min)
{
    size_t cap = (size_t)min * 4;
    for (size_t i = 1; i < t->n; i++) {
        if (i >= cap) return i;
        if (i < (size_t)min) continue;
        for (uint32_t b = t->v[i - 1].end; b < t->v[i].start; b++)
            if (text[b] == '\n') return i;
    }
    return t->n;
}

/* Terms of one zone (title or body) into v. */
static int zone_terms(kb_features *f, const char *text, int is_title, kb_stemmer *st,
                      int title_entities, twvec *v)
{
    const kb_cluster_params *p = &f->p;
    kb_tokens t = {0};
    int rc = kb_tokenize(text, strlen(text), &t);
    if (rc != KB_OK) {
        kb_tokens_free(&t);
        return rc;
    }
    size_t lead = is_title ? 0 : lead_end(&t, text, p->lead_min_tokens);
    uint64_t prev = 0;
    for (size_t i = 0; i < t.n && rc == KB_OK; i++) {
        uint64_t h = content_hash(&t, i, st);
        const kb_token *k = &t.v[i];
        if (is_title && (k->kind == KB_TOK_NUMBER || k->kind == KB_TOK_MIXED)) {
            double val = number_value(t.norm.text + k->nstart, k->nend - k->nstart);
            if (val >= 0 && !is_year(val)) rc = push_raw(v, kb_story_num_term(val), 1.0);
            if (rc != KB_OK) break;
        }
        double w = is_title ? p->w_title : i < lead ? p->w_lead : p->w_body;
        if (h) {
            rc = push(v, h, w);
            if (rc == KB_OK && prev) {
                uint64_t pair[2] = {prev, h};
                rc = push(v, XXH3_64bits_withSeed(pair, sizeof pair, SEED_BI),
                          w * p->boost_bigram);
            }
            if (rc == KB_OK && title_entities)
                rc = push(v, h ^ SEED_ENT * 0x9E3779B97F4A7C15ull, p->boost_title_entity);
        }
        prev = h;
    }
    kb_tokens_free(&t);
    return rc;
}

static int key_terms(const char *const *keys, size_t n, uint64_t seed, double w, twvec *v)
{
    for (size_t i = 0; i < n; i++) {
        if (!keys[i] || !*keys[i]) continue;
        size_t len;
        char *norm = kb_normalize_str(keys[i], strlen(keys[i]), &len);
        if (!norm) return KB_ENOMEM;
        int rc = push(v, XXH3_64bits_withSeed(norm, len, seed), w);
        free(norm);
        if (rc != KB_OK) return rc;
    }
    return KB_OK;
}

static int found_dates(kb_features *f, const char *s, twvec *v)
{
    size_t len = strlen(s), pos = 0;
    for (int k = 0; k < MAX_DATES && pos < len; k++) {
        kb_date_match m;
        if (!f->p.date_finder(s + pos, len - pos, &m) || m.end == 0) break;
        if (m.date.prec >= KB_PREC_MONTH && m.date.year > 0) {
            char key[16];
            int n = snprintf(key, sizeof key, "%04d-%02d", m.date.year, m.date.month);
            int rc = push(v, XXH3_64bits_withSeed(key, (size_t)n, SEED_DATE), f->p.boost_date);
            if (rc != KB_OK) return rc;
        }
        pos += m.end;
    }
    return KB_OK;
}

static int cmp_tw(const void *a, const void *b)
{
    uint64_t x = ((const tw *)a)->h, y = ((const tw *)b)->h;
    return (x > y) - (x < y);
}

int kb_features_doc(kb_features *f, const kb_story_doc *d, kb_story_terms *out)
{
    if (!f || !d || !d->id || !out) return KB_EINVAL;
    memset(out, 0, sizeof *out);
    const char *title = d->title ? d->title : "";
    const char *text = d->text ? d->text : "";
    const char *lang = d->lang;
    if (!lang) lang = kb_lang_detect(*text ? text : title, strlen(*text ? text : title));
    kb_stemmer *st = stemmer_for(f, lang);
    if (!st) return KB_ENOMEM;
    int title_ent = d->nentities == 0 && f->p.boost_title_entity > 0;
    twvec v = {0};
    int rc = zone_terms(f, title, 1, st, title_ent, &v);
    if (rc == KB_OK) rc = zone_terms(f, text, 0, st, 0, &v);
    if (rc == KB_OK) rc = key_terms(d->entities, d->nentities, SEED_ENT, f->p.boost_entity, &v);
    if (rc == KB_OK) rc = key_terms(d->dates, d->ndates, SEED_DATE, f->p.boost_date, &v);
    if (rc == KB_OK && f->p.date_finder && f->p.boost_date > 0) {
        rc = found_dates(f, title, &v);
        if (rc == KB_OK) rc = found_dates(f, text, &v);
    }
    if (rc != KB_OK) {
        free(v.v);
        return rc;
    }
    if (v.n > 1) qsort(v.v, v.n, sizeof *v.v, cmp_tw);
    size_t m = 0;
    for (size_t i = 0; i < v.n; i++) {
        if (m && v.v[m - 1].h == v.v[i].h) v.v[m - 1].w += v.v[i].w;
        else v.v[m++] = v.v[i];
    }
    out->term = malloc((m ? m : 1) * sizeof *out->term);
    out->tf = malloc((m ? m : 1) * sizeof *out->tf);
    if (!out->term || !out->tf) {
        free(v.v);
        kb_story_terms_free(out);
        return KB_ENOMEM;
    }
    for (size_t i = 0; i < m; i++) {
        out->term[i] = v.v[i].h;
        out->tf[i] = v.v[i].w;
    }
    out->n = m;
    free(v.v);
    return KB_OK;
}

void kb_story_terms_free(kb_story_terms *t)
{
    if (!t) return;
    free(t->term);
    free(t->tf);
    memset(t, 0, sizeof *t);
}
