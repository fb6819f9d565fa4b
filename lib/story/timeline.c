/* story/timeline.c -- the dated timeline of a story: events (what happened)
 * and milestones (what was announced for a later date), each fact once with
 * every source that reported it, and facts reported with different dates
 * kept as versions. See build.h for the design. */
#include "story/build_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dedup/dedup.h"
#include "story/timex.h"

/* Two sentences on the same date report one fact when they share this many
 * content stems, or this share of them. */
#define SAME_DATE_MIN_SHARED 3
#define SAME_DATE_JACCARD 0.15
/* On different dates, the bar is higher: they must say nearly the same. */
#define VERSION_JACCARD 0.40
#define SENTENCE_MAX_BYTES 600

typedef struct cand {
    kb_date date;
    int milestone;
    int inferred;
    int doc;
    size_t s_start, s_end;     /* sentence span in the doc's text */
    uint64_t *stems;
    size_t nstems;
    int group;
} cand;

typedef struct cands {
    cand *v;
    size_t n, cap;
} cands;

static int64_t start_day(const kb_date *d)
{
    kb_date x = *d;
    if (x.prec < KB_PREC_MONTH) x.month = 1;
    if (x.prec < KB_PREC_DAY) x.day = 1;
    x.prec = KB_PREC_DAY;
    return kb_date_days(&x);
}

/* The same calendar unit: same precision class and same fields. */
static int same_date(const kb_date *a, const kb_date *b)
{
    int pa = a->prec >= KB_PREC_DAY ? KB_PREC_DAY : a->prec;
    int pb = b->prec >= KB_PREC_DAY ? KB_PREC_DAY : b->prec;
    if (pa != pb || a->year != b->year) return 0;
    if (pa >= KB_PREC_MONTH && a->month != b->month) return 0;
    if (pa >= KB_PREC_DAY && a->day != b->day) return 0;
    return 1;
}

static kb_date day_only(kb_date d)
{
    if (d.prec > KB_PREC_DAY) d.prec = KB_PREC_DAY;
    d.hour = d.minute = d.second = 0;
    d.has_tz = 0;
    d.tz_minutes = 0;
    return d;
}

static int cands_push(cands *c, const cand *x)
{
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 32;
        cand *nv = realloc(c->v, nc * sizeof *nv);
        if (!nv) return KB_ENOMEM;
        c->v = nv;
        c->cap = nc;
    }
    c->v[c->n++] = *x;
    return KB_OK;
}

/* Sentence [s_start, s_end) of d as a candidate on date: once per article,
 * sentence, kind (milestone or not) and date. */
static int add_cand(kb_story_builder *b, cands *c, const kb_sb_doc *d, int doc, kb_date date,
                    int milestone, int inferred, size_t s_start, size_t s_end)
{
    for (size_t i = 0; i < c->n; i++) {
        const cand *o = &c->v[i];
        if (o->doc == doc && o->s_start == s_start && o->milestone == milestone &&
            same_date(&o->date, &date))
            return KB_OK;
    }
    cand x = { 0 };
    x.date = day_only(date);
    x.milestone = milestone;
    x.inferred = inferred;
    x.doc = doc;
    x.s_start = s_start;
    x.s_end = s_end;
    x.group = -1;
    if (kb_sb_stems(b, d, s_start, s_end, &x.stems, &x.nstems) != KB_OK)
        return KB_ENOMEM;
    if (cands_push(c, &x) != KB_OK) {
        free(x.stems);
        return KB_ENOMEM;
    }
    return KB_OK;
}

static int is_anchor_kind(int kind)
{
    return kind == KB_TIMEX_ABSOLUTE || kind == KB_TIMEX_MONTH_YEAR || kind == KB_TIMEX_YEAR ||
           kind == KB_TIMEX_RELATIVE || kind == KB_TIMEX_WEEKDAY || kind == KB_TIMEX_PERIOD;
}

/* Candidates of one article. */
static int doc_cands(kb_story_builder *b, cands *c, const kb_sb_doc *d, int doc, int32_t last_day)
{
    kb_timex *t = NULL;
    size_t nt = 0;
    if (kb_timex_find(d->text, d->len, d->has_ref ? &d->ref : NULL, &t, &nt) != KB_OK)
        return KB_ENOMEM;
    int rc = KB_OK, lead_has_event = 0;
    size_t lead_end = d->nsents ? d->sents[0].end : 0;
    int64_t ref_day = d->has_ref ? kb_date_days(&d->ref) : 0;
    for (size_t i = 0; i < nt && rc == KB_OK; i++) {
        const kb_timex *x = &t[i];
        if (!is_anchor_kind(x->kind)) continue;
        kb_date v = x->kind == KB_TIMEX_PERIOD && x->value_end.prec ? x->value_end : x->value;
        if (v.prec == KB_PREC_NONE) continue;
        if (x->kind == KB_TIMEX_PERIOD) {
            /* "خلال الـ12 شهراً المقبلة" ends in a month, not on a day; and
             * a date the sentence writes out ("في موعد أقصاه نهاية سبتمبر
             * 2025") says better what a computed end only approximates. */
            if (x->unit >= KB_TU_MONTH && v.prec > KB_PREC_MONTH) v.prec = KB_PREC_MONTH;
            if (x->unit >= KB_TU_YEAR && v.prec > KB_PREC_YEAR) v.prec = KB_PREC_YEAR;
            int written = 0;
            for (size_t k = 0; k < nt && !written; k++)
                written = k != i && t[k].sent_start == x->sent_start && t[k].value.prec >= KB_PREC_MONTH &&
                          (t[k].kind == KB_TIMEX_ABSOLUTE || t[k].kind == KB_TIMEX_MONTH_YEAR);
            if (written) continue;
        }
        int future;
        if (d->has_ref) {
            future = x->future > 0;
            /* "بحلول/حتى/نهاية" a date in the article's own month is still ahead. */
            if (!future && start_day(&v) > ref_day) future = 1;
        } else {
            /* No reference: only absolute dates, judged against the story. */
            if (x->inferred || x->kind == KB_TIMEX_RELATIVE || x->kind == KB_TIMEX_WEEKDAY)
                continue;
            future = last_day != KB_NO_DAY && start_day(&v) > last_day;
        }
        int inferred = d->ref_inferred && (x->inferred || x->kind == KB_TIMEX_RELATIVE ||
                                           x->kind == KB_TIMEX_WEEKDAY);
        size_t ss = x->sent_start, se = x->sent_end;
        if (future) {
            if (v.prec >= KB_PREC_YEAR) rc = add_cand(b, c, d, doc, v, 1, inferred, ss, se);
        } else if (v.prec >= KB_PREC_MONTH) {
            if (d->has_ref && start_day(&v) > ref_day) continue;
            rc = add_cand(b, c, d, doc, v, 0, inferred, ss, se);
            if (ss < lead_end) lead_has_event = 1;
        }
    }
    free(t);
    /* The news itself happened on the article's day: its lead is an event. */
    if (rc == KB_OK && d->has_ref && d->nsents && !lead_has_event)
        rc = add_cand(b, c, d, doc, d->ref, 0, d->ref_inferred, d->sents[0].start,
                      d->sents[0].end);
    return rc;
}

static int cmp_cand(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;
    if (a->milestone != b->milestone) return a->milestone - b->milestone;
    int64_t da = start_day(&a->date), db = start_day(&b->date);
    if (da != db) return da < db ? -1 : 1;
    if (a->date.prec != b->date.prec) return b->date.prec - a->date.prec;
    if (a->doc != b->doc) return a->doc - b->doc;
    return a->s_start < b->s_start ? -1 : a->s_start > b->s_start;
}

static size_t shared(const cand *a, const cand *b)
{
    size_t i = 0, j = 0, n = 0;
    while (i < a->nstems && j < b->nstems) {
        if (a->stems[i] == b->stems[j]) { n++; i++; j++; }
        else if (a->stems[i] < b->stems[j]) i++;
        else j++;
    }
    return n;
}

static double jaccard(const cand *a, const cand *b)
{
    return kb_jaccard_sets(a->stems, a->nstems, b->stems, b->nstems);
}

/* A group of candidates: one fact on one date. */
typedef struct group {
    size_t first, n;     /* candidates [first, first+n) after sorting by group */
    int rep;             /* index of the representative candidate */
    int milestone;
    int merged_into;     /* -1, or the group it is a version of */
} group;

static int str_eq(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* Fill ev from the candidates of group g (c sorted so that a group's
 * members are contiguous). */
static int fill_event(kb_arena *ar, const kb_sb_doc *d, size_t nd, const cand *c,
                      const group *g, kb_story_event *ev)
{
    const cand *rep = &c[g->rep];
    const kb_sb_doc *rd = &d[rep->doc];
    memset(ev, 0, sizeof *ev);
    ev->date = rep->date;
    ev->text = kb_sb_excerpt(ar, rd->text, rep->s_start, rep->s_end, SENTENCE_MAX_BYTES);
    if (!ev->text) return KB_ENOMEM;
    /* refs: each reporting member, then the copies of each. */
    size_t cap = g->n;
    for (size_t k = 0; k < nd; k++) if (d[k].dup_of >= 0) cap += g->n;
    ev->refs = kb_arena_alloc(ar, (cap ? cap : 1) * sizeof *ev->refs);
    ev->sources = kb_arena_alloc(ar, (cap ? cap : 1) * sizeof *ev->sources);
    if (!ev->refs || !ev->sources) return KB_ENOMEM;
    int all_inferred = 1;
    int64_t stated = INT64_MAX;
    for (size_t i = 0; i < g->n; i++) {
        const cand *x = &c[g->first + i];
        if (!x->inferred) all_inferred = 0;
        for (size_t k = 0; k < nd; k++) {
            if ((int)k != x->doc && d[k].dup_of != x->doc) continue;
            int seen = 0;
            for (size_t r = 0; r < ev->nrefs; r++)
                if (!strcmp(ev->refs[r].article, d[k].a->id)) seen = 1;
            if (seen) continue;
            ev->refs[ev->nrefs++] = (kb_story_ref){ d[k].a->id, d[k].source };
            int sseen = 0;
            for (size_t s = 0; s < ev->nsources; s++)
                if (str_eq(ev->sources[s], d[k].source)) sseen = 1;
            if (!sseen && d[k].source) ev->sources[ev->nsources++] = d[k].source;
            if (d[k].has_ref && !d[k].ref_inferred) {
                int64_t day = kb_date_days(&d[k].ref);
                if (day < stated) stated = day;
            }
        }
    }
    ev->inferred = all_inferred;
    if (g->milestone && stated != INT64_MAX) {
        kb_date sd = kb_date_from_days(stated);
        char iso[32];
        kb_date_iso(&sd, iso);
        ev->stated = kb_arena_strdup(ar, iso);
    }
    return KB_OK;
}

static int cmp_group_order(const void *pa, const void *pb, const cand *c)
{
    const group *a = pa, *b = pb;
    return cmp_cand(&c[a->rep], &c[b->rep]);
}

int kb_story_timeline(kb_story_builder *b, const kb_sb_doc *d, size_t nd, kb_story *s)
{
    cands c = { 0 };
    int rc = KB_OK;
    int32_t last = kb_sb_last_day(d, nd);
    for (size_t i = 0; i < nd && rc == KB_OK; i++)
        if (d[i].dup_of < 0) rc = doc_cands(b, &c, &d[i], (int)i, last);
    group *g = NULL;
    size_t ng = 0;
    if (rc != KB_OK) goto done;
    if (c.n) qsort(c.v, c.n, sizeof *c.v, cmp_cand);

    /* Group: same kind, same date, sharing enough stems with the group's
     * first candidate (single pass over the sorted run of one date). */
    g = calloc(c.n ? c.n : 1, sizeof *g);
    if (!g) { rc = KB_ENOMEM; goto done; }
    for (size_t i = 0; i < c.n;) {
        size_t j = i;
        while (j < c.n && c.v[j].milestone == c.v[i].milestone && same_date(&c.v[j].date, &c.v[i].date))
            j++;
        size_t g0 = ng;
        for (size_t k = i; k < j; k++) {
            int joined = -1;
            for (size_t q = g0; q < ng && joined < 0; q++) {
                const cand *r = &c.v[g[q].rep];
                size_t sh = shared(&c.v[k], r);
                if (sh >= SAME_DATE_MIN_SHARED || jaccard(&c.v[k], r) >= SAME_DATE_JACCARD)
                    joined = (int)q;
            }
            if (joined < 0) {
                joined = (int)ng;
                g[ng].rep = (int)k;
                g[ng].milestone = c.v[k].milestone;
                g[ng].merged_into = -1;
                ng++;
            }
            c.v[k].group = joined;
            g[joined].n++;
        }
        i = j;
    }
    /* Representative: the candidate most like the others of its group
     * (earliest report on ties). */
    for (size_t q = 0; q < ng; q++) {
        double best = -1;
        for (size_t k = 0; k < c.n; k++) {
            if (c.v[k].group != (int)q) continue;
            double sum = 0;
            for (size_t m = 0; m < c.n; m++)
                if (m != k && c.v[m].group == (int)q) sum += jaccard(&c.v[k], &c.v[m]);
            if (sum > best + 1e-9) { best = sum; g[q].rep = (int)k; }
        }
    }
    /* Make each group's members contiguous: stable sort by group. */
    {
        cand *sorted = malloc((c.n ? c.n : 1) * sizeof *sorted);
        size_t *newpos = malloc((c.n ? c.n : 1) * sizeof *newpos);
        if (!sorted || !newpos) { free(sorted); free(newpos); rc = KB_ENOMEM; goto done; }
        size_t w = 0;
        for (size_t q = 0; q < ng; q++) {
            g[q].first = w;
            for (size_t k = 0; k < c.n; k++)
                if (c.v[k].group == (int)q) { newpos[k] = w; sorted[w++] = c.v[k]; }
            g[q].rep = (int)newpos[g[q].rep];
        }
        free(c.v);
        free(newpos);
        c.v = sorted;
    }
    /* Versions: groups of the same kind on different dates saying nearly the
     * same thing, from different articles and not from one sentence that
     * names both dates. */
    for (size_t p = 0; p < ng; p++) {
        for (size_t q = p + 1; q < ng; q++) {
            if (g[p].milestone != g[q].milestone || g[q].merged_into >= 0 || g[p].merged_into >= 0)
                continue;
            const cand *rp = &c.v[g[p].rep], *rq = &c.v[g[q].rep];
            if (same_date(&rp->date, &rq->date) || rp->doc == rq->doc) continue;
            if (jaccard(rp, rq) < VERSION_JACCARD) continue;
            int same_sentence = 0;
            for (size_t i = 0; i < g[p].n && !same_sentence; i++)
                for (size_t k = 0; k < g[q].n && !same_sentence; k++) {
                    const cand *x = &c.v[g[p].first + i], *y = &c.v[g[q].first + k];
                    same_sentence = x->doc == y->doc && x->s_start == y->s_start;
                }
            if (same_sentence) continue;
            int incoming = 0;
            for (size_t k = 0; k < ng; k++)
                if (g[k].merged_into == (int)p || g[k].merged_into == (int)q) incoming = 1;
            if (incoming) continue;   /* one pair of versions per fact */
            /* The version more sources give leads; ties: the earlier date. */
            if (g[q].n > g[p].n) g[p].merged_into = (int)q;
            else g[q].merged_into = (int)p;
        }
    }
    /* Order groups by date, then emit. */
    for (size_t i = 1; i < ng; i++) {
        group x = g[i];
        size_t j = i;
        while (j > 0 && cmp_group_order(&g[j - 1], &x, c.v) > 0) { g[j] = g[j - 1]; j--; }
        g[j] = x;
    }
    /* merged_into holds a group's number before that sort, which its
     * candidates keep in .group: find where that group went. */
    for (size_t i = 0; i < ng; i++) {
        if (g[i].merged_into < 0) continue;
        int found = -1;
        for (size_t k = 0; k < ng && found < 0; k++)
            if (c.v[g[k].rep].group == g[i].merged_into) found = (int)k;
        g[i].merged_into = found;
    }
    size_t nev = 0, nms = 0;
    for (size_t q = 0; q < ng; q++)
        if (g[q].merged_into < 0) { if (g[q].milestone) nms++; else nev++; }
    s->events = kb_arena_alloc(&s->arena, (nev ? nev : 1) * sizeof *s->events);
    s->milestones = kb_arena_alloc(&s->arena, (nms ? nms : 1) * sizeof *s->milestones);
    if (!s->events || !s->milestones) { rc = KB_ENOMEM; goto done; }
    for (size_t q = 0; q < ng && rc == KB_OK; q++) {
        if (g[q].merged_into >= 0) continue;
        kb_story_event *ev = g[q].milestone ? &s->milestones[s->nmilestones++] : &s->events[s->nevents++];
        rc = fill_event(&s->arena, d, nd, c.v, &g[q], ev);
        size_t nver = 0;
        for (size_t k = 0; k < ng; k++) if (g[k].merged_into == (int)q) nver++;
        if (rc != KB_OK || !nver) continue;
        ev->versions = kb_arena_alloc(&s->arena, (nver + 1) * sizeof *ev->versions);
        if (!ev->versions) { rc = KB_ENOMEM; break; }
        rc = fill_event(&s->arena, d, nd, c.v, &g[q], &ev->versions[ev->nversions++]);
        for (size_t k = 0; k < ng && rc == KB_OK; k++)
            if (g[k].merged_into == (int)q)
                rc = fill_event(&s->arena, d, nd, c.v, &g[k], &ev->versions[ev->nversions++]);
    }
done:
    for (size_t i = 0; i < c.n; i++) free(c.v[i].stems);
    free(c.v);
    free(g);
    return rc;
}
