/* story/summary.c -- a story's headline and short summary: sentences chosen
 * across its sources, central to the story, without repetition, each with
 * the source that wrote it.
 *
 * Centrality of a sentence = the mean, over its content stems, of the share
 * of the story's articles that use the stem (words every report uses are
 * what the story is about), times a lead bonus (news puts the point first).
 * Selection is greedy (maximal marginal relevance): the best sentence not too
 * like one already chosen, one per article while others remain. */
#include "story/build_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dedup/dedup.h"

#define SUMMARY_MAX 4
#define SUMMARY_LEAD_SENTENCES 6
#define SUMMARY_REDUNDANT 0.30
#define SUMMARY_MAX_BYTES 500
#define HEADLINE_MAX_WORDS 16

typedef struct sent {
    int doc;
    size_t idx, start, end;
    uint64_t *stems;
    size_t nstems;
    double score;
    int chosen;
} sent;

/* Stem -> number of articles using it, over a sorted multiset of the
 * articles' distinct stems. */
typedef struct df_table {
    uint64_t *stem;
    uint32_t *count;
    size_t n;
} df_table;

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static uint32_t df_get(const df_table *t, uint64_t h)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (t->stem[mid] < h) lo = mid + 1;
        else hi = mid;
    }
    return lo < t->n && t->stem[lo] == h ? t->count[lo] : 0;
}

/* Every original's distinct stems, title and text, counted once each. */
static int build_df(const kb_sb_doc *d, size_t nd, df_table *t)
{
    size_t cap = 0;
    for (size_t i = 0; i < nd; i++)
        if (d[i].dup_of < 0) cap += d[i].ntoks + d[i].ntitle_stems;
    uint64_t *all = malloc((cap ? cap : 1) * sizeof *all);
    if (!all) return KB_ENOMEM;
    size_t n = 0;
    for (size_t i = 0; i < nd; i++) {
        if (d[i].dup_of >= 0) continue;
        size_t first = n;
        for (size_t k = 0; k < d[i].ntoks; k++) all[n++] = d[i].toks[k].hash;
        for (size_t k = 0; k < d[i].ntitle_stems; k++) all[n++] = d[i].title_stems[k];
        /* the article's distinct stems */
        if (n > first) qsort(all + first, n - first, sizeof *all, cmp_u64);
        size_t w = first;
        for (size_t k = first; k < n; k++)
            if (w == first || all[w - 1] != all[k]) all[w++] = all[k];
        n = w;
    }
    if (n) qsort(all, n, sizeof *all, cmp_u64);
    t->stem = malloc((n ? n : 1) * sizeof *t->stem);
    t->count = malloc((n ? n : 1) * sizeof *t->count);
    if (!t->stem || !t->count) { free(all); return KB_ENOMEM; }
    t->n = 0;
    for (size_t i = 0; i < n; i++) {
        if (t->n && t->stem[t->n - 1] == all[i]) t->count[t->n - 1]++;
        else { t->stem[t->n] = all[i]; t->count[t->n] = 1; t->n++; }
    }
    free(all);
    return KB_OK;
}

static size_t count_words(const char *s, size_t len)
{
    size_t n = 0;
    int in = 0;
    for (size_t i = 0; i < len; i++) {
        int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t';
        if (!sp && !in) n++;
        in = !sp;
    }
    return n;
}

static double centrality(const df_table *t, const uint64_t *st, size_t ns, size_t ndocs)
{
    if (!ns || !ndocs) return 0;
    double sum = 0;
    for (size_t i = 0; i < ns; i++) sum += (double)df_get(t, st[i]) / (double)ndocs;
    /* Mean, softened so that a two-word line does not win on density. */
    return sum / sqrt((double)ns) / sqrt(sqrt((double)ns));
}

static int64_t doc_day(const kb_sb_doc *d)
{
    return d->has_ref ? kb_date_days(&d->ref) : INT64_MAX;
}

static int headline(const kb_sb_doc *d, size_t nd, const df_table *t,
                    size_t ndocs, kb_story *s)
{
    double best = -1;
    int best_doc = -1;
    for (size_t i = 0; i < nd; i++) {
        const char *title = d[i].a->title;
        if (d[i].dup_of >= 0 || !title || !*title) continue;
        double sc = centrality(t, d[i].title_stems, d[i].ntitle_stems, ndocs);
        /* The main article of a page speaks for the story before what was
         * appended to it. */
        if (d[i].a->role == KB_ROLE_MAIN) sc *= 1.1;
        if (sc > best + 1e-12) { best = sc; best_doc = (int)i; }
    }
    if (best_doc >= 0) {
        s->headline = kb_arena_strdup(&s->arena, d[best_doc].a->title);
        return s->headline ? KB_OK : KB_ENOMEM;
    }
    /* No titles: the first summary sentence, shortened. */
    if (s->nsummary) {
        const char *x = s->summary[0].text;
        size_t len = strlen(x), words = 0, i = 0;
        int in = 0;
        for (; i < len; i++) {
            int sp = x[i] == ' ';
            if (!sp && !in && ++words > HEADLINE_MAX_WORDS) break;
            in = !sp;
        }
        s->headline = kb_sb_excerpt(&s->arena, x, 0, i, i);
        return s->headline ? KB_OK : KB_ENOMEM;
    }
    return KB_OK;
}

static int cmp_chosen(const void *pa, const void *pb, const kb_sb_doc *d)
{
    const sent *a = *(sent *const *)pa, *b = *(sent *const *)pb;
    int64_t da = doc_day(&d[a->doc]), db = doc_day(&d[b->doc]);
    if (da != db) return da < db ? -1 : 1;
    if (a->doc != b->doc) return a->doc - b->doc;
    return a->idx < b->idx ? -1 : a->idx > b->idx;
}

int kb_story_summarise(kb_story_builder *b, const kb_sb_doc *d, size_t nd, kb_story *s)
{
    df_table t = { 0 };
    sent *v = NULL;
    size_t nv = 0, ndocs = 0;
    int rc = build_df(d, nd, &t);
    if (rc != KB_OK) goto done;
    for (size_t i = 0; i < nd; i++) if (d[i].dup_of < 0) ndocs++;
    size_t cap = 0;
    for (size_t i = 0; i < nd; i++)
        if (d[i].dup_of < 0) cap += d[i].nsents < SUMMARY_LEAD_SENTENCES ? d[i].nsents : SUMMARY_LEAD_SENTENCES;
    v = calloc(cap ? cap : 1, sizeof *v);
    if (!v) { rc = KB_ENOMEM; goto done; }
    for (size_t i = 0; i < nd; i++) {
        if (d[i].dup_of >= 0) continue;
        for (size_t k = 0; k < d[i].nsents && k < SUMMARY_LEAD_SENTENCES; k++) {
            sent *x = &v[nv];
            x->doc = (int)i;
            x->idx = k;
            x->start = d[i].sents[k].start;
            x->end = d[i].sents[k].end;
            size_t words = count_words(d[i].text + x->start, x->end - x->start);
            if (words < 6) continue;
            if (kb_sb_stems(b, &d[i], x->start, x->end, &x->stems, &x->nstems) != KB_OK) {
                rc = KB_ENOMEM;
                goto done;
            }
            double pos = 1.0 - 0.12 * (double)k;
            double len_fit = words > 70 ? 70.0 / (double)words : 1.0;
            x->score = centrality(&t, x->stems, x->nstems, ndocs) * pos * len_fit;
            nv++;
        }
    }
    size_t want = ndocs >= SUMMARY_MAX ? SUMMARY_MAX : ndocs + 1;
    if (want > nv) want = nv;
    sent **chosen = calloc(want ? want : 1, sizeof *chosen);
    int *doc_used = calloc(nd ? nd : 1, sizeof *doc_used);
    if (!chosen || !doc_used) { free(chosen); free(doc_used); rc = KB_ENOMEM; goto done; }
    size_t nch = 0, docs_used = 0;
    while (nch < want) {
        sent *best = NULL;
        for (size_t i = 0; i < nv; i++) {
            sent *x = &v[i];
            if (x->chosen) continue;
            if (doc_used[x->doc] && docs_used < ndocs) continue;
            int redundant = 0;
            for (size_t k = 0; k < nch && !redundant; k++)
                redundant = kb_jaccard_sets(x->stems, x->nstems, chosen[k]->stems,
                                            chosen[k]->nstems) >= SUMMARY_REDUNDANT;
            if (redundant) continue;
            if (!best || x->score > best->score + 1e-12) best = x;
        }
        if (!best) break;
        best->chosen = 1;
        if (!doc_used[best->doc]) docs_used++;
        doc_used[best->doc] = 1;
        chosen[nch++] = best;
    }
    /* Chronological order reads as a story. */
    for (size_t i = 1; i < nch; i++) {
        sent *x = chosen[i];
        size_t j = i;
        while (j > 0 && cmp_chosen(&chosen[j - 1], &x, d) > 0) { chosen[j] = chosen[j - 1]; j--; }
        chosen[j] = x;
    }
    s->summary = kb_arena_alloc(&s->arena, (nch ? nch : 1) * sizeof *s->summary);
    if (!s->summary) rc = KB_ENOMEM;
    for (size_t i = 0; i < nch && rc == KB_OK; i++) {
        const kb_sb_doc *dd = &d[chosen[i]->doc];
        kb_story_summary *o = &s->summary[s->nsummary++];
        o->text = kb_sb_excerpt(&s->arena, dd->text, chosen[i]->start, chosen[i]->end, SUMMARY_MAX_BYTES);
        o->article = dd->a->id;
        o->source = dd->source;
        if (!o->text) rc = KB_ENOMEM;
    }
    free(chosen);
    free(doc_used);
    if (rc == KB_OK) rc = headline(d, nd, &t, ndocs, s);
done:
    for (size_t i = 0; i < nv; i++) free(v[i].stems);
    free(v);
    free(t.stem);
    free(t.count);
    return rc;
}
