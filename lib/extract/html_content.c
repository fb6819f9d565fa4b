/* extract/html_content.c -- HTML extraction, step 2: find the article body
 * among the page's text blocks, and the articles embedded after it.
 *
 * 1. Score: every paragraph-like block of 25+ characters gives points
 *    (1 + commas + length/100, at most 3 for length, less its link share) to
 *    the elements above it, decaying with distance, as readability does;
 *    each element starts from a tag bonus and its class/id weight. Blocks
 *    under a boilerplate element (sidebar, comments, related...) do not vote
 *    in the first pass. The best element, times one minus its link density,
 *    is the candidate; it is widened to an ancestor that holds most of the
 *    other good candidates, and to siblings that score well or read like
 *    paragraphs.
 * 2. Markup that names the body (itemprop=articleBody, "article-body",
 *    "entry-content"...) narrows or widens the choice when it holds most of
 *    the candidate's text.
 * 3. Inside the chosen region, boilerplate elements, link lists, tables and
 *    lists that read as navigation, and link-only lines are dropped.
 * 4. The kept blocks are read in order against the cut-phrases
 *    (kb_mark_line): furniture lines are dropped, a tags line gives tags, an
 *    inline "اقرأ أيضاً: headline" gives a related headline, a "read
 *    also"/"related" heading ends the body (the links after it are related
 *    headlines) -- unless an article with its own heading and paragraphs
 *    follows, which becomes an embedded part. Time stamps at the body's
 *    edges are dropped.
 * 5. Live-blog entries (itemprop=liveBlogUpdate, "liveblog-entry"...) in the
 *    region are embedded parts, each titled by its heading.
 *
 * Without enough text, a second pass lets boilerplate-named elements vote
 * too and keeps the longer result.
 */
#include "extract/html.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MIN_BLOCK 25            /* characters for a block to vote */
#define RETRY_CHARS 250         /* a first pass shorter than this retries */

typedef struct ctx {
    kb_hpage *p;
    float *score;               /* per node; < 0 when never scored */
    uint32_t *own;              /* blocks whose container is the node */
    uint32_t *np, *nli, *nimg, *ninput, *nembed, *nh, *nq;  /* descendant counts */
    uint8_t *drop;              /* per node: its blocks are dropped */
    int pass;
} ctx;

static int is_tag(const kb_hpage *p, int32_t i, GumboTag t)
{
    return !(p->nodes[i].flags & KB_HN_TEXT) && p->nodes[i].tag == t;
}

static float link_density(const kb_hnode *n)
{
    return n->chars ? (float)n->link_chars / (float)n->chars : 0.0f;
}

static float init_score(const kb_hpage *p, int32_t i)
{
    float s = p->nodes[i].weight;
    switch ((GumboTag)p->nodes[i].tag) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_SECTION:
        s += 5; break;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE:
        s += 3; break;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL:
    case GUMBO_TAG_DL: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
    case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
        s -= 3; break;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_TH:
        s -= 5; break;
    default: break;
    }
    if (p->nodes[i].flags & KB_HN_BODY) s += 25;
    return s;
}

static void add_score(ctx *c, int32_t i, float v)
{
    if (c->score[i] < -1e8f) c->score[i] = init_score(c->p, i);
    c->score[i] += v;
}

/* Is block b under an element that is excluded in this pass? */
static int block_excluded(const ctx *c, const kb_hblock *b)
{
    return c->pass == 0 && b->unl >= 0;
}

static void score_blocks(ctx *c)
{
    kb_hpage *p = c->p;
    for (size_t i = 0; i < p->nnodes; i++) c->score[i] = -1e9f;
    for (size_t k = 0; k < p->nblocks; k++) {
        const kb_hblock *b = &p->blocks[k];
        if (b->chars < MIN_BLOCK || block_excluded(c, b)) continue;
        if (p->nodes[b->node].flags & KB_HN_FIGURE) continue;
        float ld = (float)b->link_chars / (float)b->chars;
        float s = 1.0f + (float)b->commas + (float)(b->chars / 100 > 3 ? 3 : b->chars / 100);
        s *= 1.0f - ld;
        if (s <= 0) continue;
        /* A paragraph votes for the element that holds it; text directly
         * in an element with block children votes for that element. */
        int32_t a = b->node;
        if (c->own[a] == p->nodes[a].nblocks && p->nodes[a].parent >= 0 && a != p->body)
            a = p->nodes[a].parent;
        for (int level = 0; level < 5 && a >= 0; level++) {
            float div = level == 0 ? 1.0f : level == 1 ? 2.0f : (float)level * 3.0f;
            add_score(c, a, s / div);
            if (a == p->body) break;
            a = p->nodes[a].parent;
        }
    }
}

static float final_score(const ctx *c, int32_t i)
{
    if (c->score[i] < -1e8f) return -1e9f;
    return c->score[i] * (1.0f - link_density(&c->p->nodes[i]));
}

static int inside(const kb_hpage *p, int32_t anc, int32_t i)
{
    return i > anc && i < p->nodes[anc].end;
}

/* Region: the subtrees whose blocks make the body. */
typedef struct region {
    int32_t *v;
    size_t n, cap;
} region;

static int region_add(region *r, int32_t i)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        int32_t *v = realloc(r->v, cap * sizeof *v);
        if (!v) return KB_ENOMEM;
        r->v = v;
        r->cap = cap;
    }
    r->v[r->n++] = i;
    return KB_OK;
}

static int ends_sentence(const char *s, size_t len)
{
    while (len && (s[len - 1] == ' ' || s[len - 1] == '"' || s[len - 1] == '\'' ||
                   s[len - 1] == ')'))
        len--;
    if (!len) return 0;
    char ch = s[len - 1];
    if (ch == '.' || ch == '!' || ch == '?' || ch == ':') return 1;
    /* Arabic full stop and question mark, closing quotes */
    if (len >= 2 && (unsigned char)s[len - 2] == 0xD8 && (unsigned char)ch == 0x9F) return 1;
    if (len >= 3 && (unsigned char)s[len - 3] == 0xE2 && (unsigned char)s[len - 2] == 0x80 &&
        ((unsigned char)ch == 0x9D || (unsigned char)ch == 0xA6))
        return 1;
    return 0;
}

/* Own text of a leaf element (a paragraph): its first block. */
static const kb_hblock *first_block_in(const kb_hpage *p, int32_t i)
{
    /* blocks are in document order of their first text node */
    size_t lo = 0, hi = p->nblocks;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->blocks[mid].first <= i) lo = mid + 1;
        else hi = mid;
    }
    if (lo < p->nblocks && p->blocks[lo].first < p->nodes[i].end) return &p->blocks[lo];
    return NULL;
}

static const char *class_of(const kb_hpage *p, int32_t i)
{
    const char *s = kb_hattr(p, i, "class");
    return s && *s ? s : NULL;
}

/* The outermost elements flagged want inside top, as the region, when
 * together they hold most of top's text. 1 when taken, 0 when not, -1 when
 * out of memory. */
static int narrow(ctx *c, int32_t top, uint16_t want, region *r)
{
    const kb_hpage *p = c->p;
    const kb_hnode *tn = &p->nodes[top];
    uint32_t tgood = tn->chars - tn->link_chars, total = 0;
    region br = {0};
    for (int32_t i = top + 1; i < tn->end; i++) {
        const kb_hnode *n = &p->nodes[i];
        if ((n->flags & want) && !(n->flags & KB_HN_SKIP) && n->chars) {
            if (region_add(&br, i) != KB_OK) { free(br.v); return -1; }
            total += n->chars - n->link_chars;
            i = n->end - 1;
        }
    }
    if (br.n && (uint64_t)total * 10 >= (uint64_t)tgood * 6) {
        free(r->v);
        *r = br;
        return 1;
    }
    free(br.v);
    return 0;
}

/* Choose the region of the page holding the body. */
static int choose_region(ctx *c, region *r)
{
    kb_hpage *p = c->p;
    score_blocks(c);
    int32_t top = -1;
    float best = 0;
    for (size_t i = 0; i < p->nnodes; i++) {
        float s = final_score(c, (int32_t)i);
        if (s > best) { best = s; top = (int32_t)i; }
    }
    if (top < 0) return KB_OK;

    /* An ancestor holding three of the near-best candidates wins. */
    enum { NTOP = 5 };
    int32_t tops[NTOP];
    float tsc[NTOP];
    int nt = 0;
    for (size_t i = 0; i < p->nnodes; i++) {
        float s = final_score(c, (int32_t)i);
        if (s <= 0 || (int32_t)i == top) continue;
        int k;
        if (nt < NTOP) {
            k = nt++;
        } else {
            if (s <= tsc[NTOP - 1]) continue;
            k = NTOP - 1;
        }
        tops[k] = (int32_t)i;
        tsc[k] = s;
        while (k > 0 && tsc[k] > tsc[k - 1]) {
            float ts = tsc[k]; tsc[k] = tsc[k - 1]; tsc[k - 1] = ts;
            int32_t ti = tops[k]; tops[k] = tops[k - 1]; tops[k - 1] = ti;
            k--;
        }
    }
    int nalt = 0;
    int32_t alts[NTOP];
    for (int k = 0; k < nt; k++)
        if (tsc[k] / best >= 0.75f) alts[nalt++] = tops[k];
    if (nalt >= 3) {
        for (int32_t a = p->nodes[top].parent; a >= 0 && a != p->body; a = p->nodes[a].parent) {
            int in = 0;
            for (int k = 0; k < nalt; k++) in += inside(p, a, alts[k]);
            if (in >= 3) { top = a; break; }
        }
    }
    /* Climb while the parent scores better. */
    {
        float last = final_score(c, top), threshold = last / 3;
        for (int32_t a = p->nodes[top].parent; a >= 0 && a != p->body; a = p->nodes[a].parent) {
            float s = final_score(c, a);
            if (s < -1e8f) continue;
            if (s < threshold) break;
            if (s > last) { top = a; break; }
            last = s;
        }
    }
    /* An only child stands for its parent. */
    for (;;) {
        int32_t a = p->nodes[top].parent;
        if (a < 0 || a == p->body || p->nodes[a].chars != p->nodes[top].chars) break;
        if (p->nodes[a].flags & KB_HN_NEG) break;
        top = a;
    }

    /* Markup naming the body. itemprop=articleBody is the page's own word:
     * the innermost one around the candidate, else the ones inside it when
     * they hold most of its text. Class names ("article-body",
     * "entry-content"...) are hints: the largest one around the candidate
     * that is not much more than it; else the outermost ones inside it
     * holding most of its text (one, or a body split around pictures); else
     * one elsewhere holding more text. */
    {
        const kb_hnode *tn = &p->nodes[top];
        uint32_t tgood = tn->chars - tn->link_chars;
        int32_t item_around = -1, class_around = -1;
        for (int32_t a = top; a >= 0; a = p->nodes[a].parent) {
            const kb_hnode *n = &p->nodes[a];
            if (!(n->flags & KB_HN_BODY) || (n->flags & KB_HN_SKIP)) continue;
            if ((n->flags & KB_HN_ITEMBODY) && item_around < 0) item_around = a;
            if ((uint64_t)(n->chars - n->link_chars) <= (uint64_t)tgood * 2 + 500) class_around = a;
        }
        int got;
        if (item_around >= 0) {
            top = item_around;
        } else if ((got = narrow(c, top, KB_HN_ITEMBODY, r)) != 0) {
            return got < 0 ? KB_ENOMEM : KB_OK;
        } else if (class_around >= 0) {
            top = class_around;
        } else if ((got = narrow(c, top, KB_HN_BODY, r)) != 0) {
            return got < 0 ? KB_ENOMEM : KB_OK;
        } else {
            int32_t elsewhere = -1;
            uint32_t else_chars = 0;
            for (size_t i = 0; i < p->nnodes; i++) {
                const kb_hnode *n = &p->nodes[i];
                if (!(n->flags & KB_HN_BODY) || (n->flags & KB_HN_SKIP)) continue;
                uint32_t good = n->chars - n->link_chars;
                if (!inside(p, top, (int32_t)i) && good > else_chars) {
                    elsewhere = (int32_t)i;
                    else_chars = good;
                }
            }
            if (elsewhere >= 0 && (uint64_t)else_chars * 10 >= (uint64_t)tgood * 8 &&
                else_chars >= 200)
                top = elsewhere;
        }
    }

    /* Siblings that belong to the article too. */
    int32_t parent = p->nodes[top].parent;
    if (parent < 0 || top == p->body) return region_add(r, top);
    float tscore = final_score(c, top);
    float threshold = tscore * 0.2f > 10 ? tscore * 0.2f : 10;
    const char *tcls = class_of(p, top);
    for (int32_t s = parent + 1; s < p->nodes[parent].end; s = p->nodes[s].end) {
        const kb_hnode *n = &p->nodes[s];
        if (s == top) {
            if (region_add(r, s) != KB_OK) return KB_ENOMEM;
            continue;
        }
        if ((n->flags & (KB_HN_TEXT | KB_HN_SKIP)) || !n->chars) continue;
        if (c->pass == 0 && (n->flags & KB_HN_NEG) && !(n->flags & KB_HN_POS)) continue;
        float bonus = 0;
        const char *cls = class_of(p, s);
        if (tcls && cls && strcmp(tcls, cls) == 0) bonus = tscore * 0.2f;
        int add = 0;
        float fs = final_score(c, s);
        if (fs > -1e8f && fs + bonus >= threshold) add = 1;
        else if (c->own[s] == n->nblocks && n->nblocks) {
            const kb_hblock *b = first_block_in(p, s);
            float ld = link_density(n);
            if (n->chars > 80 && ld < 0.25f) add = 1;
            else if (n->chars < 80 && ld == 0 && b &&
                     ends_sentence(p->text + b->off, b->len) &&
                     (is_tag(p, s, GUMBO_TAG_P) || n->tag == GUMBO_TAG_DIV))
                add = 1;
        }
        if (add && region_add(r, s) != KB_OK) return KB_ENOMEM;
    }
    return KB_OK;
}

/* Readability's conditional cleaning, on subtree counts: does element i look
 * like navigation, a link list, a gallery or a form rather than text? */
static int looks_like_junk(const ctx *c, int32_t i, int32_t root)
{
    const kb_hpage *p = c->p;
    const kb_hnode *n = &p->nodes[i];
    GumboTag t = (GumboTag)n->tag;
    if (n->flags & KB_HN_TEXT) return 0;
    if (n->flags & KB_HN_BODY) return 0;
    if (t == GUMBO_TAG_NAV || t == GUMBO_TAG_ASIDE || t == GUMBO_TAG_FOOTER) return 1;
    if (t == GUMBO_TAG_HEADER && i != root) {
        /* a header holding real paragraphs is part of the text */
        if (c->np[i] == 0 || n->chars < 200) return 1;
    }
    if ((n->flags & KB_HN_NEG) && i != root) {
        /* named like boilerplate; spared when it reads like the text
         * itself ("story-body-share-wrapper" around the paragraphs) */
        int contentful = n->chars - n->link_chars >= 300 && link_density(n) < 0.3f &&
                         c->np[i] >= 2;
        if (!contentful) return 1;
        if (!(n->flags & KB_HN_POS) && (uint64_t)n->chars * 2 < p->nodes[root].chars) return 1;
    }
    if (t != GUMBO_TAG_TABLE && t != GUMBO_TAG_UL && t != GUMBO_TAG_OL &&
        t != GUMBO_TAG_DIV && t != GUMBO_TAG_SECTION && t != GUMBO_TAG_FORM &&
        t != GUMBO_TAG_DL && t != GUMBO_TAG_FIGURE)
        return 0;
    if (i == root) return 0;
    int weight = n->weight;
    float score = c->score[i] < -1e8f ? 0 : c->score[i];
    if (weight + score < 0) return 1;
    if (n->commas >= 10) return 0;
    int is_list = t == GUMBO_TAG_UL || t == GUMBO_TAG_OL;
    if (!is_list && c->nli[i] && n->chars && c->np[i] == 0) {
        /* a div that is mostly a list */
        is_list = 1;
    }
    float ld = link_density(n);
    uint32_t np = c->np[i], img = c->nimg[i], li = c->nli[i];
    if (img > 1 && (float)np / (float)img < 0.5f && n->chars < 200) return 1;
    if (!is_list && li > np + 100) return 1;
    if (c->ninput[i] > np / 3 + 2) return 1;
    if (!is_list && weight < 25 && n->chars < 25 && (img == 0 || img > 2) &&
        !(c->nh[i] && ld < 0.3f))        /* a wrapped subheading stays */
        return 1;
    /* a quoted post (tweet) carries its links, handles and date */
    if (!is_list && weight < 25 && ld > 0.2f && n->chars < 400 && !(c->nq[i] && ld < 0.5f))
        return 1;
    if (weight >= 25 && ld > 0.5f) return 1;
    if (is_list && ld > 0.5f) return 1;
    if (c->nembed[i] > 1 && n->chars < 75) return 1;
    return 0;
}

/* Mark the nodes (inside the region roots) whose text is left out. */
static void clean_region(ctx *c, const region *r)
{
    kb_hpage *p = c->p;
    for (size_t k = 0; k < r->n; k++) {
        int32_t root = r->v[k];
        for (int32_t i = root; i < p->nodes[root].end; i++) {
            const kb_hnode *n = &p->nodes[i];
            if (n->flags & KB_HN_TEXT) continue;
            if (looks_like_junk(c, i, root)) {
                for (int32_t j = i; j < n->end; j++) c->drop[j] = 1;
                i = n->end - 1;
            }
        }
    }
}

/* ------------------------------------------------------------ assembly */

typedef struct outpart {
    kb_buf text;
    const char *title;
    int32_t node;
    uint32_t chars;
} outpart;

typedef struct strlist {
    const char **v;
    size_t n, cap;
} strlist;

static int strlist_add(kb_arena *a, strlist *l, const char *s, size_t len)
{
    while (len && (s[len - 1] == ' ')) len--;
    while (len && (*s == ' ')) { s++; len--; }
    if (!len || l->n >= 64) return KB_OK;     /* a list, not a site map */
    for (size_t i = 0; i < l->n; i++)
        if (strlen(l->v[i]) == len && memcmp(l->v[i], s, len) == 0) return KB_OK;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        const char **v = kb_arena_alloc(a, cap * sizeof *v);
        if (!v) return KB_ENOMEM;
        if (l->n) memcpy(v, l->v, l->n * sizeof *v);
        l->v = v;
        l->cap = cap;
    }
    const char *c = kb_arena_strndup(a, s, len);
    if (!c) return KB_ENOMEM;
    l->v[l->n++] = c;
    return KB_OK;
}

/* Split "a، b, c | d" into tags. */
static int split_tags(kb_arena *a, strlist *l, const char *s, size_t len)
{
    size_t i = 0, start = 0;
    while (i <= len) {
        int sep = 0;
        if (i == len) sep = 1;
        else if (s[i] == ',' || s[i] == '|' || s[i] == ';' || s[i] == '#') sep = 1;
        else if (i + 1 < len && (unsigned char)s[i] == 0xD8 && (unsigned char)s[i + 1] == 0x8C) sep = 2;
        else if (i + 2 < len && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
                 (unsigned char)s[i + 2] == 0xA2) sep = 3;   /* bullet */
        if (sep) {
            if (i - start < 80 && strlist_add(a, l, s + start, i - start) != KB_OK) return KB_ENOMEM;
            i += (size_t)(sep > 1 ? sep : 1);
            start = i;
        } else {
            i++;
        }
    }
    return KB_OK;
}

/* Compare two texts loosely: same letters and digits, case folded. */
static int same_text(const char *a, size_t al, const char *b, size_t bl)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < al && ((unsigned char)a[i] < 0x80 && !isalnum((unsigned char)a[i]))) i++;
        while (j < bl && ((unsigned char)b[j] < 0x80 && !isalnum((unsigned char)b[j]))) j++;
        if (i == al || j == bl) return i == al && j == bl;
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[j])) return 0;
        i++;
        j++;
    }
}

static int is_heading_like(const kb_hblock *b, const char *s)
{
    if (b->kind == KB_HB_HEADING) return 1;
    /* a short line without a full stop, e.g. a bold headline */
    return b->chars >= 10 && b->chars <= 150 && !ends_sentence(s, b->len) &&
           b->kind != KB_HB_LI;
}

/* Does an article start at block index k (a heading, then paragraphs)? */
static int article_follows(const kb_hpage *p, const uint32_t *kept, const uint8_t *junk,
                           size_t nk, size_t k)
{
    if (k >= nk || junk[k]) return 0;
    const kb_hblock *h = &p->blocks[kept[k]];
    if (!is_heading_like(h, p->text + h->off)) return 0;
    uint32_t body = 0;
    int paras = 0;
    for (size_t j = k + 1; j < nk && j < k + 40; j++) {
        if (junk[j]) continue;
        const kb_hblock *b = &p->blocks[kept[j]];
        size_t rest;
        if (kb_mark_line(p->text + b->off, b->len, &rest) != KB_MARK_NONE) break;
        if (b->kind == KB_HB_HEADING && paras) break;
        if (b->chars >= 80 && b->link_chars * 4 < b->chars) {
            paras++;
            body += b->chars;
        }
    }
    return paras >= 2 && body >= 300;
}

/* A short line that is a date and little else ("الأربعاء، 28 آب/اغسطس 2013،
 * آخر تحديث 14:00", "Updated 3:45 PM, July 23, 2024"): page furniture
 * when it opens or closes the body. */
static int timestamp_line(const kb_hpage *p, const kb_hblock *b)
{
    if (b->chars > 100 || b->kind == KB_HB_HEADING || b->kind == KB_HB_QUOTE) return 0;
    const char *s = p->text + b->off;
    kb_date_match m, m2;
    if (!kb_date_find(s, b->len, &m)) return 0;
    /* a range of dates is content (an event), a quote's signature too */
    if (kb_date_find(s + m.end, b->len - m.end, &m2)) return 0;
    if (strncmp(s, "\xe2\x80\x94", 3) == 0 || strncmp(s, "\xe2\x80\x93", 3) == 0) return 0;
    /* the words around the date */
    return kb_hcount_words(s, m.start) + kb_hcount_words(s + m.end, b->len - m.end) <= 5;
}

static int put_block(outpart *o, const char *s, size_t len, uint32_t chars)
{
    if (o->text.len && kb_buf_append(&o->text, "\n\n", 2) != KB_OK) return KB_ENOMEM;
    if (kb_buf_append(&o->text, s, len) != KB_OK) return KB_ENOMEM;
    o->chars += chars;
    return KB_OK;
}

typedef struct assembly {
    outpart *parts;
    size_t nparts, cap;
    strlist related, tags;
} assembly;

static int new_part(assembly *as, const char *title, int32_t node)
{
    if (as->nparts == as->cap) {
        size_t cap = as->cap ? as->cap * 2 : 4;
        outpart *v = realloc(as->parts, cap * sizeof *v);
        if (!v) return KB_ENOMEM;
        as->parts = v;
        as->cap = cap;
    }
    as->parts[as->nparts++] = (outpart){ .title = title, .node = node };
    return KB_OK;
}

static void free_assembly(assembly *as)
{
    for (size_t i = 0; i < as->nparts; i++) kb_buf_free(&as->parts[i].text);
    free(as->parts);
    memset(as, 0, sizeof *as);
}

/* Where block b stands: 0 outside the region, 1 inside, 2 inside but in an
 * element the cleaning dropped. The region's roots are disjoint and in
 * document order. */
static int block_in_region(const ctx *c, const region *r, const kb_hblock *b)
{
    const kb_hpage *p = c->p;
    size_t lo = 0, hi = r->n;
    while (lo < hi) {              /* first root after the block's start */
        size_t mid = (lo + hi) / 2;
        if (r->v[mid] < b->first) lo = mid + 1;
        else hi = mid;
    }
    if (lo == 0) return 0;
    int32_t root = r->v[lo - 1];
    if (b->first >= p->nodes[root].end) return 0;
    return c->drop[b->first] || c->drop[b->node] ? 2 : 1;
}

/* Blocks of the region that can be text at all (captions and leaked code
 * cannot). */
static int keep_block(const kb_hpage *p, const kb_hblock *b)
{
    if (b->kind == KB_HB_CAPTION || (p->nodes[b->node].flags & KB_HN_FIGURE)) return 0;
    if (kb_is_code_line(p->text + b->off, b->len)) return 0;
    return 1;
}

/* A link, or a line that is mostly links: navigation in a body, a headline
 * in a list of related articles. */
static int linky(const kb_hblock *b)
{
    float ld = b->chars ? (float)b->link_chars / (float)b->chars : 0;
    if (ld > 0.7f && !(b->chars > 200 && b->kind == KB_HB_P)) return 1;
    return ld > 0.4f && (b->kind == KB_HB_HEADING || b->chars < 60 ||
                         (b->kind == KB_HB_LI && b->chars - b->link_chars < 40));
}

static int assemble(ctx *c, const region *r, const char *title, assembly *as)
{
    kb_hpage *p = c->p;
    size_t nk = 0;
    uint32_t *kept = malloc((p->nblocks ? p->nblocks : 1) * sizeof *kept);
    if (!kept) return KB_ENOMEM;
    /* Blocks the cleaning dropped stay in the list (marked) until the end
     * of the body: a list of links after a "related" heading gives the
     * related headlines. */
    uint8_t *junk = malloc(p->nblocks ? p->nblocks : 1);
    if (!junk) { free(kept); return KB_ENOMEM; }
    for (size_t k = 0; k < p->nblocks; k++) {
        const kb_hblock *b = &p->blocks[k];
        int where = block_in_region(c, r, b);
        if (where && keep_block(p, b)) {
            junk[nk] = where == 2;
            kept[nk++] = (uint32_t)k;
        }
    }
    /* time stamps among the first and the last blocks of the body (the
     * title heading may come before them) */
    {
        size_t w = 0;
        for (size_t j = 0; j < nk; j++) {
            int edge = j < 4 || j + 3 >= nk;
            if (edge && timestamp_line(p, &p->blocks[kept[j]])) continue;
            junk[w] = junk[j];
            kept[w++] = kept[j];
        }
        nk = w;
    }
    /* Live-blog entries (two or more) in the region: each is an article. */
    region entries = {0};
    int rc = KB_OK;
    for (size_t k = 0; k < r->n && rc == KB_OK; k++)
        for (int32_t i = r->v[k]; i < p->nodes[r->v[k]].end && rc == KB_OK; i++)
            if ((p->nodes[i].flags & KB_HN_ENTRY) && p->nodes[i].chars) {
                rc = region_add(&entries, i);
                i = p->nodes[i].end - 1;
            }
    if (entries.n < 2) entries.n = 0;
    size_t ei = 0;
    int32_t in_entry = -1;
    int entry_titled = 0;
    if (rc == KB_OK) rc = new_part(as, NULL, r->n ? r->v[0] : -1);
    enum { BODY, RELATED } mode = BODY;
    size_t titled = 0;
    for (size_t j = 0; j < nk && rc == KB_OK; j++) {
        const kb_hblock *b = &p->blocks[kept[j]];
        const char *s = p->text + b->off;
        size_t len = b->len, rest = len;
        /* which entry the block is in */
        while (ei < entries.n && p->nodes[entries.v[ei]].end <= b->first) ei++;
        int32_t e = ei < entries.n && entries.v[ei] < b->first ? entries.v[ei] : -1;
        if (e != in_entry) {
            in_entry = e;
            if (e >= 0) {
                if ((rc = new_part(as, NULL, e)) != KB_OK) break;
                mode = BODY;
                entry_titled = 0;
            }
        }
        if (in_entry >= 0 && !entry_titled && b->kind == KB_HB_HEADING && !junk[j]) {
            /* the entry's heading is its title */
            entry_titled = 1;
            const char *ht = kb_arena_strndup(&p->arena, s, len);
            if (!ht) { rc = KB_ENOMEM; break; }
            as->parts[as->nparts - 1].title = ht;
            continue;
        }
        outpart *cur = &as->parts[as->nparts - 1];
        if (junk[j]) {
            /* dropped by the cleaning: only a headline after a marker */
            if (mode == RELATED && linky(b) && b->chars <= 200)
                rc = strlist_add(&p->arena, &as->related, s, len);
            continue;
        }
        /* The title repeated as a heading at the top of the body. */
        if (title && as->nparts == 1 && titled < 3 && cur->chars < 400 &&
            (b->kind == KB_HB_HEADING || b->chars < 300) &&
            same_text(s, len, title, strlen(title)))
            { titled++; continue; }
        kb_mark m = kb_mark_line(s, len, &rest);
        switch (m) {
        case KB_MARK_FURNITURE:
            continue;
        case KB_MARK_TAGS:
            if (rest < len) rc = split_tags(&p->arena, &as->tags, s + rest, len - rest);
            /* the tags follow as links */
            while (rc == KB_OK && j + 1 < nk) {
                const kb_hblock *t = &p->blocks[kept[j + 1]];
                if (t->chars > 60 || t->link_chars * 2 < t->chars) break;
                rc = split_tags(&p->arena, &as->tags, p->text + t->off, t->len);
                j++;
            }
            continue;
        case KB_MARK_READ_ALSO:
        case KB_MARK_RELATED:
            if (rest < len) {
                /* "اقرأ أيضاً: headline" inside the text: a pointer to
                 * another article, the text goes on. */
                rc = strlist_add(&p->arena, &as->related, s + rest, len - rest);
                continue;
            }
            if (article_follows(p, kept, junk, nk, j + 1)) {
                const kb_hblock *h = &p->blocks[kept[j + 1]];
                const char *ht = kb_arena_strndup(&p->arena, p->text + h->off, h->len);
                if (!ht) { rc = KB_ENOMEM; break; }
                rc = new_part(as, ht, h->node);
                j++;
                mode = BODY;
            } else {
                mode = RELATED;
            }
            continue;
        case KB_MARK_SOURCE: {
            /* "المصدر: وكالات" names where the story came from; it is not
             * text (the page's source is its site). A long line is a
             * sentence after all. */
            if (kb_hcount_words(s + rest, len - rest) <= 8 && mode == BODY) continue;
            break;
        }
        case KB_MARK_NONE:
        default:
            break;
        }
        if (mode == RELATED) {
            /* a list of headlines after the marker; an article (heading and
             * paragraphs) after them starts an embedded part */
            if (article_follows(p, kept, junk, nk, j)) {
                const char *ht = kb_arena_strndup(&p->arena, s, len);
                if (!ht) { rc = KB_ENOMEM; break; }
                rc = new_part(as, ht, b->node);
                mode = BODY;
                continue;
            }
            if (b->chars <= 200) rc = strlist_add(&p->arena, &as->related, s, len);
            continue;
        }
        if (linky(b)) continue;
        const char *clean = kb_strip_code(&p->arena, s, len);
        if (!clean) { rc = KB_ENOMEM; break; }
        rc = put_block(cur, clean, strlen(clean), b->chars);
    }
    free(kept);
    free(junk);
    free(entries.v);
    if (rc == KB_OK && as->nparts > 1 && as->parts[0].chars == 0) {
        /* nothing before the first entry: it is the main article */
        outpart first = as->parts[1];
        kb_buf_free(&as->parts[0].text);
        as->parts[0].text = first.text;
        as->parts[0].chars = first.chars;
        memmove(as->parts + 1, as->parts + 2, (as->nparts - 2) * sizeof *as->parts);
        as->nparts--;
    }
    return rc;
}

static int count_descendants(ctx *c)
{
    kb_hpage *p = c->p;
    size_t n = p->nnodes;
    c->score = malloc(n * sizeof *c->score);
    c->own = calloc(n, sizeof *c->own);
    c->np = calloc(n, sizeof *c->np);
    c->nli = calloc(n, sizeof *c->nli);
    c->nimg = calloc(n, sizeof *c->nimg);
    c->ninput = calloc(n, sizeof *c->ninput);
    c->nembed = calloc(n, sizeof *c->nembed);
    c->nh = calloc(n, sizeof *c->nh);
    c->nq = calloc(n, sizeof *c->nq);
    c->drop = calloc(n, 1);
    if (!c->score || !c->own || !c->np || !c->nli || !c->nimg || !c->ninput ||
        !c->nembed || !c->nh || !c->nq || !c->drop)
        return KB_ENOMEM;
    for (size_t k = 0; k < p->nblocks; k++) c->own[p->blocks[k].node]++;
    for (size_t i = n; i-- > 0;) {
        const kb_hnode *nd = &p->nodes[i];
        if (!(nd->flags & KB_HN_TEXT)) {
            switch ((GumboTag)nd->tag) {
            case GUMBO_TAG_P: if (nd->chars) c->np[i]++; break;
            case GUMBO_TAG_LI: c->nli[i]++; break;
            case GUMBO_TAG_IMG: c->nimg[i]++; break;
            case GUMBO_TAG_INPUT: {
                const char *t = kb_hattr(p, (int32_t)i, "type");
                if (!t || strcasecmp(t, "hidden") != 0) c->ninput[i]++;
                break;
            }
            case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
                c->ninput[i]++; break;
            case GUMBO_TAG_EMBED: case GUMBO_TAG_OBJECT: case GUMBO_TAG_IFRAME:
            case GUMBO_TAG_VIDEO:
                c->nembed[i]++; break;
            case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
            case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
                c->nh[i]++; break;
            case GUMBO_TAG_BLOCKQUOTE: c->nq[i]++; break;
            default: break;
            }
        }
        if (i == 0) break;
        int32_t up = nd->parent;
        c->np[up] += c->np[i];
        c->nli[up] += c->nli[i];
        c->nimg[up] += c->nimg[i];
        c->ninput[up] += c->ninput[i];
        c->nembed[up] += c->nembed[i];
        c->nh[up] += c->nh[i];
        c->nq[up] += c->nq[i];
    }
    return KB_OK;
}

static void free_ctx(ctx *c)
{
    free(c->score);
    free(c->own);
    free(c->np);
    free(c->nli);
    free(c->nimg);
    free(c->ninput);
    free(c->nembed);
    free(c->nh);
    free(c->nq);
    free(c->drop);
}

static int one_pass(ctx *c, const char *title, assembly *as, region *r)
{
    r->n = 0;
    memset(c->drop, 0, c->p->nnodes);
    int rc = choose_region(c, r);
    if (rc != KB_OK) return rc;
    clean_region(c, r);
    return assemble(c, r, title, as);
}

int kb_hcontent_find(kb_hpage *p, const char *title, kb_hcontent *out)
{
    memset(out, 0, sizeof *out);
    out->node = -1;
    if (!p->nnodes) return KB_OK;
    ctx c = { .p = p };
    assembly as = {0};
    region r = {0};
    int rc = count_descendants(&c);
    if (rc == KB_OK) rc = one_pass(&c, title, &as, &r);
    if (rc == KB_OK && as.parts[0].chars < RETRY_CHARS) {
        /* Too little: let the blocks under boilerplate-looking elements
         * vote too, and keep the longer result. */
        assembly as2 = {0};
        region r2 = {0};
        c.pass = 1;
        rc = one_pass(&c, title, &as2, &r2);
        if (rc == KB_OK && as2.parts[0].chars > as.parts[0].chars * 2 + 50) {
            free_assembly(&as);
            free(r.v);
            as = as2;
            r = r2;
        } else {
            free_assembly(&as2);
            free(r2.v);
        }
    }
    if (rc == KB_OK) {
        out->node = r.n ? r.v[0] : -1;
        out->parts = kb_arena_alloc(&p->arena, as.nparts * sizeof *out->parts);
        if (!out->parts) rc = KB_ENOMEM;
        for (size_t i = 0; rc == KB_OK && i < as.nparts; i++) {
            outpart *o = &as.parts[i];
            kb_hpart *d = &out->parts[out->nparts++];
            d->title = o->title;
            d->node = o->node;
            d->text = kb_arena_strndup(&p->arena, o->text.data ? o->text.data : "", o->text.len);
            if (!d->text) rc = KB_ENOMEM;
        }
        out->related = as.related.v;
        out->nrelated = as.related.n;
        out->tags = as.tags.v;
        out->ntags = as.tags.n;
    }
    free_assembly(&as);
    free(r.v);
    free_ctx(&c);
    return rc;
}
