/* story/build.c -- assemble one story from its member articles: dates
 * (inferring those an article does not give), sources, entities, then the
 * timeline (timeline.c) and the summary and headline (summary.c). */
#include "story/build_int.h"

#include <stdlib.h>
#include <string.h>

#include "dedup/dedup.h"   /* KB_NO_DAY */
#include "story/timex.h"
#include "text/date.h"

kb_story_builder *kb_story_builder_new(const kb_gazetteer *g)
{
    kb_story_builder *b = calloc(1, sizeof *b);
    if (!b) return NULL;
    b->g = g;
    b->st = kb_stemmer_new("en");
    if (!b->st) { free(b); return NULL; }
    return b;
}

void kb_story_builder_free(kb_story_builder *b)
{
    if (!b) return;
    kb_stemmer_free(b->st);
    free(b);
}

void kb_story_free(kb_story *s)
{
    if (!s) return;
    kb_arena_free(&s->arena);
    memset(s, 0, sizeof *s);
}

const char *kb_sb_excerpt(kb_arena *a, const char *text, size_t start, size_t end, size_t max)
{
    if (end - start <= max) return kb_arena_strndup(a, text + start, end - start);
    size_t cut = start + max;
    while (cut > start && ((unsigned char)text[cut] & 0xC0) == 0x80) cut--;
    size_t sp = cut;
    while (sp > start + max / 2 && text[sp] != ' ') sp--;
    if (text[sp] == ' ') cut = sp;
    char *out = kb_arena_alloc(a, cut - start + 4);
    if (!out) return NULL;
    memcpy(out, text + start, cut - start);
    memcpy(out + (cut - start), "…", 4);   /* 3 bytes + NUL */
    return out;
}

int kb_sb_stems(kb_story_builder *b, const kb_sb_doc *d, size_t start, size_t end,
                uint64_t **out, size_t *n)
{
    return kb_stem_span(b->st, d->text, d->len, d->toks, d->ntoks, start, end, out, n);
}

/* The earliest and latest day the members have (published or inferred),
 * KB_NO_DAY when none has one. */
static void day_span(const kb_sb_doc *d, size_t n, int32_t *lo, int32_t *hi)
{
    *lo = *hi = KB_NO_DAY;
    for (size_t i = 0; i < n; i++) {
        if (!d[i].has_ref) continue;
        int32_t day = (int32_t)kb_date_days(&d[i].ref);
        if (*lo == KB_NO_DAY || day < *lo) *lo = day;
        if (*hi == KB_NO_DAY || day > *hi) *hi = day;
    }
}

int32_t kb_sb_last_day(const kb_sb_doc *d, size_t n)
{
    int32_t lo, hi;
    day_span(d, n, &lo, &hi);
    return hi;
}

/* The weekday an undated article's lead names for its own news ("اليوم
 * السبت", "الجمعة"), or -1. Looks at the first two sentences only. */
static int lead_weekday(const kb_sb_doc *d)
{
    size_t end = d->nsents > 1 ? d->sents[1].end : d->nsents ? d->sents[0].end : 0;
    /* A lead names its day early; text without full stops must not make
     * this the whole article. */
    if (end > 600) {
        end = 600;
        while (end > 0 && ((unsigned char)d->text[end] & 0xC0) == 0x80) end--;
    }
    kb_timex *t = NULL;
    size_t n = 0;
    if (!end || kb_timex_find(d->text, end, NULL, &t, &n) != KB_OK) return -1;
    int wd = -1;
    for (size_t i = 0; i < n && wd < 0; i++)
        if (t[i].value.prec == KB_PREC_NONE && t[i].value.weekday >= 0 &&
            t[i].value.weekday <= 6 && t[i].future <= 0 && t[i].amount == 0 &&
            (t[i].kind == KB_TIMEX_WEEKDAY || t[i].kind == KB_TIMEX_RELATIVE))
            wd = t[i].value.weekday;
    free(t);
    return wd;
}

static int iso_day(kb_arena *a, const kb_date *d, const char **out)
{
    char iso[32];
    kb_date x = *d;
    if (x.prec > KB_PREC_DAY) x.prec = KB_PREC_DAY;
    kb_date_iso(&x, iso);
    *out = kb_arena_strdup(a, iso);
    return *out ? KB_OK : KB_ENOMEM;
}

/* Dates: published where given, else inferred from the lead's weekday: the
 * latest such day up to the crawl when the page was crawled, else the one
 * nearest the most similar dated member (or the story's middle). */
static int dates(kb_sb_doc *d, size_t n, const kb_story_member *m, kb_story *s)
{
    for (size_t i = 0; i < n; i++) {
        if (m[i].day != KB_NO_DAY) {
            d[i].ref = kb_date_from_days(m[i].day);
            d[i].has_ref = 1;
        }
    }
    int32_t lo, hi;
    day_span(d, n, &lo, &hi);
    for (size_t i = 0; i < n; i++) {
        if (d[i].has_ref || d[i].dup_of >= 0) continue;
        int wd = lead_weekday(&d[i]);
        if (wd < 0) continue;
        kb_date r;
        kb_date crawl;
        const char *cd = d[i].a->crawl_date;
        if (cd && kb_date_parse_iso(cd, strlen(cd), &crawl) == KB_OK && crawl.prec >= KB_PREC_DAY) {
            /* A crawled page was published on or before its crawl: the
             * latest such weekday up to that day. */
            int64_t day = kb_date_days(&crawl);
            r = kb_date_from_days(day - ((kb_weekday_of_days(day) - wd + 7) % 7));
        } else {
            kb_date near;
            int nd = m[i].nearest_dated;
            if (nd >= 0 && (size_t)nd < n && m[nd].day != KB_NO_DAY) near = kb_date_from_days(m[nd].day);
            else if (lo != KB_NO_DAY) near = kb_date_from_days(lo + (hi - lo) / 2);
            else continue;
            r = kb_timex_resolve_weekday(wd, &near);
        }
        if (r.prec < KB_PREC_DAY) continue;
        d[i].ref = r;
        d[i].has_ref = 1;
        d[i].ref_inferred = 1;
        if (iso_day(&s->arena, &r, &s->articles[i].inferred) != KB_OK) return KB_ENOMEM;
    }
    /* Copies share their original's inferred day. */
    for (size_t i = 0; i < n; i++) {
        int o = d[i].dup_of;
        if (d[i].has_ref || o < 0 || !d[o].has_ref) continue;
        d[i].ref = d[o].ref;
        d[i].has_ref = 1;
        d[i].ref_inferred = d[o].ref_inferred;
    }
    int32_t first, last;
    day_span(d, n, &first, &last);
    if (first != KB_NO_DAY) {
        kb_date f = kb_date_from_days(first), l = kb_date_from_days(last);
        if (iso_day(&s->arena, &f, &s->first) != KB_OK || iso_day(&s->arena, &l, &s->last) != KB_OK)
            return KB_ENOMEM;
    }
    return KB_OK;
}

/* Outlets, the one with most articles first (first seen on ties). */
static int sources(const kb_sb_doc *d, size_t n, kb_story *s)
{
    s->sources = kb_arena_alloc(&s->arena, (n ? n : 1) * sizeof *s->sources);
    size_t *count = calloc(n ? n : 1, sizeof *count);
    if (!s->sources || !count) { free(count); return KB_ENOMEM; }
    for (size_t i = 0; i < n; i++) {
        const char *src = d[i].source;
        if (!src || !*src) continue;
        size_t k = 0;
        while (k < s->nsources && strcmp(s->sources[k], src)) k++;
        if (k == s->nsources) s->sources[s->nsources++] = src;
        count[k]++;
    }
    for (size_t i = 1; i < s->nsources; i++) {
        const char *x = s->sources[i];
        size_t cx = count[i], j = i;
        while (j > 0 && count[j - 1] < cx) {
            s->sources[j] = s->sources[j - 1];
            count[j] = count[j - 1];
            j--;
        }
        s->sources[j] = x;
        count[j] = cx;
    }
    free(count);
    return KB_OK;
}

static int entities(kb_story_builder *b, const kb_sb_doc *d, size_t n, kb_story *s)
{
    if (!b->g) return KB_OK;
    kb_entity_list *lists = calloc(n ? n : 1, sizeof *lists);
    if (!lists) return KB_ENOMEM;
    size_t nl = 0;
    int rc = KB_OK;
    kb_buf buf = { 0 };
    for (size_t i = 0; i < n && rc == KB_OK; i++) {
        if (d[i].dup_of >= 0) continue;
        buf.len = 0;
        if (d[i].a->title && (kb_buf_puts(&buf, d[i].a->title) != KB_OK || kb_buf_puts(&buf, ".\n") != KB_OK))
            rc = KB_ENOMEM;
        if (rc == KB_OK && kb_buf_append(&buf, d[i].text, d[i].len) != KB_OK) rc = KB_ENOMEM;
        if (rc != KB_OK) break;
        kb_entity *v = NULL;
        size_t nv = 0;
        rc = kb_entities_find(b->g, buf.data, buf.len, &v, &nv, &s->arena);
        lists[nl].v = v;
        lists[nl].n = nv;
        nl++;
    }
    kb_buf_free(&buf);
    if (rc == KB_OK && nl)
        rc = kb_entities_merge(lists, nl, &s->entities, &s->nentities, &s->arena);
    free(lists);
    return rc;
}

int kb_story_build(kb_story_builder *b, const char *id, const kb_story_member *m, size_t n,
                   kb_story *s)
{
    memset(s, 0, sizeof *s);
    if (!n || !id) return KB_EINVAL;
    int rc = KB_ENOMEM;
    kb_sb_doc *d = calloc(n, sizeof *d);
    s->id = kb_arena_strdup(&s->arena, id);
    s->articles = kb_arena_alloc(&s->arena, n * sizeof *s->articles);
    if (!d || !s->id || !s->articles) goto done;
    s->narticles = n;
    for (size_t i = 0; i < n; i++) {
        const kb_article *a = m[i].a;
        d[i].a = a;
        d[i].source = a->source ? a->source : m[i].source;
        d[i].text = a->text ? a->text : "";
        d[i].len = strlen(d[i].text);
        d[i].dup_of = m[i].dup_of >= 0 && (size_t)m[i].dup_of < n && (size_t)m[i].dup_of != i
                          ? m[i].dup_of : -1;
        if (kb_sentences(d[i].text, d[i].len, &d[i].sents, &d[i].nsents) != KB_OK) goto done;
        s->articles[i] = (kb_story_article){ a->id, a->title, d[i].source, a->published, NULL,
                                             (int)a->role, d[i].dup_of };
    }
    /* A copy of a copy points at the original. */
    for (size_t i = 0; i < n; i++) {
        int o = d[i].dup_of, hops = 0;
        while (o >= 0 && d[o].dup_of >= 0 && hops++ < (int)n) o = d[o].dup_of;
        d[i].dup_of = o;
        s->articles[i].dup_of = o;
    }
    for (size_t i = 0; i < n; i++) {
        if (d[i].dup_of >= 0) continue;
        const char *title = d[i].a->title;
        if (kb_stem_toks(b->st, d[i].text, d[i].len, &d[i].toks, &d[i].ntoks) != KB_OK ||
            (title && kb_stem_set(b->st, title, strlen(title), &d[i].title_stems,
                                  &d[i].ntitle_stems) != KB_OK)) {
            rc = KB_ENOMEM;
            goto done;
        }
    }
    if ((rc = dates(d, n, m, s)) != KB_OK) goto done;
    if ((rc = sources(d, n, s)) != KB_OK) goto done;
    if ((rc = entities(b, d, n, s)) != KB_OK) goto done;
    if ((rc = kb_story_timeline(b, d, n, s)) != KB_OK) goto done;
    rc = kb_story_summarise(b, d, n, s);
done:
    if (d)
        for (size_t i = 0; i < n; i++) {
            free(d[i].sents);
            free(d[i].toks);
            free(d[i].title_stems);
        }
    free(d);
    return rc;
}
