/* bench/eval_entity.c -- score the story stage's entity finder on ANERcorp
 * (entity-level exact match, conlleval style: a predicted entity counts only
 * when its type and its first and last tokens equal a gold entity's).
 *
 *   eval_entity [--part dev|test|all] [--anergazet DIR] [--window N]
 *               [--names-only] [--errors] ANERCorp
 *
 * The corpus has one "token TAG" per line and no document boundaries;
 * sentences end at "." tokens. The first 80% of the sentences are the
 * development part (rules were tuned by reading it), the last 20% the test
 * part (never read while tuning). Sentences are joined with spaces into
 * pseudo-documents of N sentences (default 20) so the finder's in-text
 * surname propagation has context, as in an article.
 *
 * --names-only drops the organisations the finder marks descriptive
 * (KB_ENTF_DESCRIPTIVE: "وزارة الخارجية العراقية", "الحكومة العراقية"):
 * ANERcorp does not tag such phrases, the story stage wants them.
 * --errors (dev part only) prints false positives and misses.
 * MISC is not scored (the finder produces none). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "story/entity.h"

typedef struct tok {
    char *w;
    int type;     /* gold: 0 = O, else kb_entity_type */
    int begin;    /* gold: B- (or I- without a preceding span) */
} tok;

typedef struct span {
    size_t t0, t1;
    int type;
} span;

typedef struct spans {
    span *v;
    size_t n, cap;
} spans;

static void push(spans *s, size_t t0, size_t t1, int type)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 1024;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (!s->v) { perror("realloc"); exit(2); }
    }
    s->v[s->n++] = (span){t0, t1, type};
}

static int type_of(const char *tag)
{
    if (!strcmp(tag, "PERS")) return KB_ENT_PERS;
    if (!strcmp(tag, "ORG")) return KB_ENT_ORG;
    if (!strcmp(tag, "LOC")) return KB_ENT_LOC;
    if (!strcmp(tag, "MISC")) return KB_ENT_MISC;
    return 0;
}

static int cmp_span(const void *a, const void *b)
{
    const span *x = a, *y = b;
    if (x->t0 != y->t0) return x->t0 < y->t0 ? -1 : 1;
    if (x->t1 != y->t1) return x->t1 < y->t1 ? -1 : 1;
    return x->type - y->type;
}

static int find_span(const spans *s, span k)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = cmp_span(&s->v[mid], &k);
        if (!c) return 1;
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    return 0;
}

static void print_span(const char *what, const tok *t, span s)
{
    printf("%s\t%s\t", what, kb_entity_type_name((kb_entity_type)s.type));
    for (size_t i = s.t0; i < s.t1; i++) printf("%s%s", i > s.t0 ? " " : "", t[i].w);
    printf("\t|");
    size_t a = s.t0 > 4 ? s.t0 - 4 : 0;
    for (size_t i = a; i < s.t1 + 4 && t[i].w; i++)
        printf(" %s%s%s", i == s.t0 ? "[" : "", t[i].w, i + 1 == s.t1 ? "]" : "");
    printf("\n");
}

int main(int argc, char **argv)
{
    const char *part = "test", *gaz = NULL, *path = NULL;
    size_t window = 20;
    int names_only = 0, errors = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--part") && i + 1 < argc) part = argv[++i];
        else if (!strcmp(argv[i], "--anergazet") && i + 1 < argc) gaz = argv[++i];
        else if (!strcmp(argv[i], "--window") && i + 1 < argc) window = (size_t)atol(argv[++i]);
        else if (!strcmp(argv[i], "--names-only")) names_only = 1;
        else if (!strcmp(argv[i], "--errors")) errors = 1;
        else if (argv[i][0] != '-') path = argv[i];
        else { fprintf(stderr, "eval_entity: unknown option %s\n", argv[i]); return 2; }
    }
    if (!path || window == 0 ||
        (strcmp(part, "dev") && strcmp(part, "test") && strcmp(part, "all"))) {
        fprintf(stderr, "usage: eval_entity [--part dev|test|all] [--anergazet DIR] "
                        "[--window N] [--names-only] [--errors] ANERCorp\n");
        return 2;
    }
    if (errors && strcmp(part, "dev")) {
        fprintf(stderr, "eval_entity: --errors only on the dev part (the test part is "
                        "not to be read)\n");
        return 2;
    }
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); return 2; }

    /* read tokens; remember where sentences end */
    tok *t = NULL;
    size_t nt = 0, capt = 0, *send = NULL, ns = 0, caps = 0;
    char *line = NULL;
    size_t lcap = 0;
    ssize_t r;
    int prev_type = 0;
    while ((r = getline(&line, &lcap, f)) >= 0) {
        while (r > 0 && (line[r - 1] == '\n' || line[r - 1] == '\r')) line[--r] = '\0';
        char *sp = strrchr(line, ' ');
        if (!sp || sp == line) continue;           /* empty token */
        *sp = '\0';
        const char *tag = sp + 1;
        if (nt + 2 > capt) {
            capt = capt ? capt * 2 : 1 << 16;
            t = realloc(t, capt * sizeof *t);
            if (!t) { perror("realloc"); return 2; }
        }
        int type = 0, begin = 0;
        if ((tag[0] == 'B' || tag[0] == 'I') && tag[1] == '-') {
            type = type_of(tag + 2);
            begin = tag[0] == 'B' || prev_type != type;
        }
        t[nt].w = strdup(line);
        t[nt].type = type;
        t[nt].begin = begin;
        prev_type = type;
        nt++;
        if (!strcmp(line, ".")) {
            if (ns == caps) {
                caps = caps ? caps * 2 : 4096;
                send = realloc(send, caps * sizeof *send);
                if (!send) { perror("realloc"); return 2; }
            }
            send[ns++] = nt;
            prev_type = 0;
        }
    }
    free(line);
    fclose(f);
    if (!ns || send[ns - 1] != nt) {                /* trailing sentence */
        send = realloc(send, (ns + 1) * sizeof *send);
        send[ns++] = nt;
    }
    t[nt].w = NULL;

    size_t ndev = (ns * 8 + 9) / 10;                /* first 80% of sentences */
    size_t s0 = 0, s1 = ns;
    if (!strcmp(part, "dev")) s1 = ndev;
    else if (!strcmp(part, "test")) s0 = ndev;
    size_t tok0 = s0 ? send[s0 - 1] : 0, tok1 = send[s1 - 1];

    kb_gazetteer *g;
    if (kb_gazetteer_new(&g)) { fprintf(stderr, "out of memory\n"); return 2; }
    size_t added = 0;
    if (gaz) {
        int rc = kb_gazetteer_load_anergazet(g, gaz, &added);
        if (rc) { fprintf(stderr, "anergazet: %s\n", kb_strerror(rc)); return 2; }
    }

    /* gold spans in the part */
    spans gold = {0}, pred = {0};
    for (size_t i = tok0; i < tok1; i++) {
        if (!t[i].type || !t[i].begin) continue;
        size_t j = i + 1;
        while (j < tok1 && t[j].type == t[i].type && !t[j].begin) j++;
        if (t[i].type != KB_ENT_MISC) push(&gold, i, j, t[i].type);
    }

    /* predict, window by window */
    size_t *off = malloc((nt + 1) * sizeof *off);
    kb_buf text = {0};
    clock_t c0 = clock();
    size_t bytes = 0;
    for (size_t s = s0; s < s1; s += window) {
        size_t se = s + window < s1 ? s + window : s1;
        size_t a = s ? send[s - 1] : 0, b = send[se - 1];
        text.len = 0;
        for (size_t i = a; i < b; i++) {
            if (i > a) kb_buf_putc(&text, ' ');
            off[i] = text.len;
            kb_buf_puts(&text, t[i].w);
        }
        bytes += text.len;
        kb_arena arena = {0};
        kb_entity *e;
        size_t ne;
        int rc = kb_entities_find(g, text.data, text.len, &e, &ne, &arena);
        if (rc) { fprintf(stderr, "kb_entities_find: %s\n", kb_strerror(rc)); return 2; }
        size_t ti = a;
        for (size_t k = 0; k < ne; k++) {
            if (names_only && (e[k].flags & KB_ENTF_DESCRIPTIVE)) continue;
            if (e[k].type == KB_ENT_MISC) continue;
            while (ti + 1 < b && off[ti + 1] <= e[k].start) ti++;
            size_t tj = ti;
            while (tj + 1 < b && off[tj + 1] < e[k].end) tj++;
            push(&pred, ti, tj + 1, e[k].type);
        }
        kb_arena_free(&arena);
    }
    double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
    qsort(gold.v, gold.n, sizeof *gold.v, cmp_span);
    qsort(pred.v, pred.n, sizeof *pred.v, cmp_span);

    size_t tp[5] = {0}, np[5] = {0}, ng[5] = {0};
    for (size_t i = 0; i < pred.n; i++) {
        np[pred.v[i].type]++;
        if (find_span(&gold, pred.v[i])) tp[pred.v[i].type]++;
        else if (errors) print_span("FP", t, pred.v[i]);
    }
    for (size_t i = 0; i < gold.n; i++) {
        ng[gold.v[i].type]++;
        if (errors && !find_span(&pred, gold.v[i])) print_span("FN", t, gold.v[i]);
    }

    printf("part %s: sentences %zu-%zu of %zu, tokens %zu, window %zu sentences, "
           "ANERGazet %s%s\n", part, s0 + 1, s1, ns, tok1 - tok0, window,
           gaz ? "loaded" : "not used", names_only ? ", descriptive ORG dropped" : "");
    if (gaz) printf("ANERGazet names added: %zu (gazetteer size %zu)\n", added,
                    kb_gazetteer_size(g));
    printf("%-6s %7s %7s %7s %7s %7s %7s\n", "type", "gold", "pred", "correct",
           "P", "R", "F1");
    size_t TP = 0, NP = 0, NG = 0;
    static const int types[] = {KB_ENT_PERS, KB_ENT_LOC, KB_ENT_ORG};
    for (int k = 0; k < 4; k++) {
        size_t a, b, c;
        const char *name;
        if (k < 3) {
            int ty = types[k];
            a = tp[ty]; b = np[ty]; c = ng[ty];
            TP += a; NP += b; NG += c;
            name = kb_entity_type_name((kb_entity_type)ty);
        } else {
            a = TP; b = NP; c = NG;
            name = "all";
        }
        double P = b ? 100.0 * a / b : 0, R = c ? 100.0 * a / c : 0;
        double F = P + R > 0 ? 2 * P * R / (P + R) : 0;
        printf("%-6s %7zu %7zu %7zu %7.1f %7.1f %7.1f\n", name, c, b, a, P, R, F);
    }
    printf("speed: %.1f MB/s (%zu bytes in %.2f s CPU)\n",
           secs > 0 ? bytes / secs / 1e6 : 0.0, bytes, secs);

    for (size_t i = 0; i < nt; i++) free(t[i].w);
    free(t);
    free(send);
    free(off);
    free(gold.v);
    free(pred.v);
    kb_buf_free(&text);
    kb_gazetteer_free(g);
    return 0;
}
