/* extract/html_dom.c -- HTML extraction, step 1: parse a page with gumbo and
 * flatten it into kb_hpage (nodes in document order + text blocks).
 *
 * Gumbo parses what the pre-pass (html_prefilter.c) leaves of the page,
 * allocating from the page's own chunks (its free is a no-op), so the tree
 * is released in one go and never walked recursively. Every walk here uses
 * an explicit stack. Each element's flags come from its tag and what its
 * class and id say (boilerplate, content, body, hidden); text is cut into
 * blocks as it is read.
 */
#include "extract/html.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* ------------------------------------------------------------ class hints */

/* Lower-case a class or id value into buf (truncated). */
static size_t lower_copy(char *buf, size_t cap, const char *s)
{
    size_t n = 0;
    for (; s && *s && n + 1 < cap; s++) buf[n++] = *s >= 'A' && *s <= 'Z' ? (char)(*s + 32) : *s;
    buf[n] = '\0';
    return n;
}

/* Substring matching of many short patterns: the patterns are bucketed by
 * their first byte (per parse, from the static lists), so each position of
 * the text is compared with the few patterns that start like it, and only
 * when some pattern starts with its first two bytes. */
typedef struct matcher {
    const char *const *pats;
    uint16_t start[257];
    uint8_t order[128];
    uint64_t pair[1024];    /* bit (a << 8 | b): a pattern starts with a, b */
} matcher;

static void matcher_init(matcher *m, const char *const *pats)
{
    size_t n = 0;
    memset(m->start, 0, sizeof m->start);
    memset(m->pair, 0, sizeof m->pair);
    m->pats = pats;
    for (; pats[n] && n < sizeof m->order; n++) {
        unsigned a = (unsigned char)pats[n][0], b = (unsigned char)pats[n][1];
        m->start[a + 1]++;
        if (b) {
            m->pair[(a << 8 | b) >> 6] |= (uint64_t)1 << (b & 63);
        } else {                /* one character: any pair starting with it */
            for (unsigned c = 0; c < 256; c++) m->pair[(a << 8 | c) >> 6] |= (uint64_t)1 << (c & 63);
        }
    }
    for (int c = 0; c < 256; c++) m->start[c + 1] += m->start[c];
    uint16_t fill[256];
    memcpy(fill, m->start, sizeof fill);
    for (size_t i = 0; i < n; i++) m->order[fill[(unsigned char)pats[i][0]]++] = (uint8_t)i;
}

static int matcher_any(const matcher *m, const char *s)
{
    for (; *s; s++) {
        unsigned c = (unsigned char)*s, d = (unsigned char)s[1];
        if (!(m->pair[(c << 8 | d) >> 6] >> (d & 63) & 1)) continue;
        for (uint16_t k = m->start[c]; k < m->start[c + 1]; k++) {
            const char *p = m->pats[m->order[k]];
            size_t j = 1;
            while (p[j] && s[j] == p[j]) j++;
            if (!p[j]) return 1;
        }
    }
    return 0;
}

/* Whole words of a list, bucketed by their first byte (lower case). */
typedef struct wordset {
    const char *const *words;
    uint8_t len[64];
    uint16_t start[257];
    uint8_t order[64];
} wordset;

static void wordset_init(wordset *w, const char *const *words)
{
    size_t n = 0;
    memset(w->start, 0, sizeof w->start);
    w->words = words;
    for (; words[n] && n < sizeof w->order; n++) {
        w->len[n] = (uint8_t)strlen(words[n]);
        w->start[(unsigned char)words[n][0] + 1]++;
    }
    for (int c = 0; c < 256; c++) w->start[c + 1] += w->start[c];
    uint16_t fill[256];
    memcpy(fill, w->start, sizeof fill);
    for (size_t i = 0; i < n; i++) w->order[fill[(unsigned char)words[i][0]]++] = (uint8_t)i;
}

/* Is name[0..n) one of the words (ignoring case)? */
static int wordset_has(const wordset *w, const char *name, size_t n)
{
    unsigned c0 = (unsigned)tolower((unsigned char)name[0]);
    for (uint16_t k = w->start[c0]; k < w->start[c0 + 1]; k++) {
        uint8_t i = w->order[k];
        if (w->len[i] == n && strncasecmp(w->words[i], name, n) == 0) return 1;
    }
    return 0;
}

/* Class names that carry a taxonomy slug, not a role: WordPress writes
 * "tag-iraq category-news post-123 format-standard" on the article itself. */
static const char *const k_slug_prefix[] = {
    "tag-", "category-", "categories-", "post-", "postid-", "type-", "status-",
    "format-", "author-", "has-", "section-", "topic-", "tags-", NULL
};

/* True when a token (split on anything but letters and digits) of s is in
 * list; class names with a slug prefix are skipped. */
static int has_token(const char *s, const wordset *list)
{
    const char *p = s;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n') p++;
        const char *cb = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n') p++;
        const char *ce = p;
        int slug = 0;
        for (int k = 0; k_slug_prefix[k] && !slug; k++)
            if (k_slug_prefix[k][0] == cb[0] &&
                strncmp(cb, k_slug_prefix[k], strlen(k_slug_prefix[k])) == 0)
                slug = 1;
        if (slug) continue;
        for (const char *q = cb; q < ce;) {
            while (q < ce && !isalnum((unsigned char)*q)) q++;
            const char *b = q;
            while (q < ce && isalnum((unsigned char)*q)) q++;
            size_t n = (size_t)(q - b);
            if (n && wordset_has(list, b, n)) return 1;
        }
    }
    return 0;
}

/* Boilerplate, as parts of a class or id. */
static const char *const k_neg_sub[] = {
    "comment", "footer", "sidebar", "related", "share", "sharing", "social",
    "widget", "promo", "sponsor", "advert", "newsletter", "breadcrumb",
    "cookie", "consent", "gdpr", "banner", "popup", "modal", "pagination",
    "pager", "subscri", "signup", "outbrain", "taboola", "disqus",
    "masthead", "toolbar", "navbar", "navigation", "menu", "recommend",
    "trending", "popular", "mostread", "most-read", "most_read", "readmore",
    "read-more", "taglist", "tag-list", "tags-", "-tags", "_tags", "keywords",
    "author-bio", "authorbio", "byline", "skip-link", "login", "follow",
    "print-", "email-", "rating", "shoutbox", "skyscraper", "combx",
    "gallery-nav", "more-stories", "morestories", "next-post", "prev-post",
    "post-nav", "postnav", "nav-links", "jump", "donate", "paywall",
    "prev-next", "prev_next", "prevnext", "next-prev", "next_prev",
    "next-article", "prev-article", "previous-article", "next_article",
    "prev_article",
    "caption", "credit", "copyright", "disclaimer", "timestamp",
    "sticky", "overlay", "dropdown", "header",
    NULL
};
static const char *const k_neg_tok[] = {
    "ad", "ads", "adv", "dfp", "nav", "tags", "tag", "meta", "hid", "print",
    "rss", "share", "skip", "more", "extra", "foot", "login", "search",
    "author", "date", "time", "published", "tools", "tool", "aside",
    "toc", "links", "teaser", "teasers", "feed", "breaking", "ticker",
    "alert", "aux",
    NULL
};
/* Content, as parts of a class or id. */
static const char *const k_pos_sub[] = {
    "article", "content", "entry", "main", "post", "story", "text", "body",
    "blog", "hentry", "news", "detail", NULL
};
/* Strong body hints: parts of a class or id once '-' and '_' are gone. */
static const char *const k_body_sub[] = {
    "articlebody", "articletext", "articlecontent", "storybody",
    "storytext", "storycontent", "entrycontent", "entrybody", "postcontent",
    "postbody", "posttext", "postentry", "bodytext", "contentbody",
    "newsbody", "newstext", "newscontent", "newsdetail", "articledetail",
    "detailsbody", "detailbody", "singlecontent", "fieldnamebody",
    "articlecopy", "storycopy", "richtextarticle",
    NULL
};
static const char *const k_hidden_tok[] = {
    "hidden", "hide", "d-none", "is-hidden", "invisible", "sr-only",
    "visually-hidden", "visuallyhidden", "screen-reader-text",
    "element-invisible", "offscreen", NULL
};

/* Class tokens, whole, for the hidden list (which has '-' inside). */
static int has_class(const char *s, const wordset *list)
{
    const char *p = s;
    while (*p) {
        while (*p == ' ' || *p == '\t' || *p == '\n') p++;
        const char *b = p;
        while (*p && *p != ' ' && *p != '\t' && *p != '\n') p++;
        if (p > b && wordset_has(list, b, (size_t)(p - b))) return 1;
    }
    return 0;
}

static int style_hidden(const char *st)
{
    char buf[256];
    size_t n = 0;
    for (; *st && n + 1 < sizeof buf; st++)
        if (!isspace((unsigned char)*st)) buf[n++] = (char)tolower((unsigned char)*st);
    buf[n] = '\0';
    return strstr(buf, "display:none") || strstr(buf, "visibility:hidden");
}

/* What one class or id value says, remembered per page: a page repeats
 * the same few hundred values on thousands of elements. The cache is
 * direct-mapped (a value whose slot is taken is worked out again). */
#define KB_HINT_SLOTS 1024

typedef struct hint_slot {
    const char *value;      /* NULL: empty slot */
    size_t len;
    uint64_t hash;
    uint16_t flags;
    int16_t weight;
    uint8_t is_class;
} hint_slot;

typedef struct hints {
    matcher neg, pos, body;
    wordset neg_tok, hidden_tok;
    hint_slot *slots;       /* KB_HINT_SLOTS of them, or NULL (no cache) */
} hints;

/* Flags and weight that one non-empty class (is_class) or id value gives:
 * hidden (classes), boilerplate, content, body names, live-blog entries
 * (classes). */
static uint16_t value_flags(const hints *h, const char *value, int is_class, int *weight)
{
    uint16_t f = 0;
    int w = 0;
    char buf[320], flat[320];
    lower_copy(buf, sizeof buf, value);
    if (is_class && has_class(buf, &h->hidden_tok)) f |= KB_HN_SKIP;
    int neg = matcher_any(&h->neg, buf) || has_token(buf, &h->neg_tok);
    /* an embedded post (a tweet quoted in the story) is content; an
     * embedded picture's caption or credit is not */
    if (neg && (strstr(buf, "tweet") ||
                (strstr(buf, "embed") && !strstr(buf, "image") && !strstr(buf, "caption") &&
                 !strstr(buf, "credit") && !strstr(buf, "photo") && !strstr(buf, "video"))))
        neg = 0;
    /* a live blog's feed holds the entries */
    int live = strstr(buf, "live") != NULL;     /* in every name below */
    if (neg && live &&
        (strstr(buf, "liveblog") || strstr(buf, "live-blog") || strstr(buf, "live-feed") ||
         strstr(buf, "livefeed") || strstr(buf, "live-updates") || strstr(buf, "liveupdates")))
        neg = 0;
    int pos = matcher_any(&h->pos, buf);
    if (neg) { f |= KB_HN_NEG; w -= 25; }
    if (pos) { f |= KB_HN_POS; w += 25; }
    /* body names, one class name at a time, '-' and '_' left out; a
     * name that also says boilerplate ("article-body-share",
     * "article_details_tag") is not one */
    for (const char *s = buf; *s;) {
        while (*s == ' ' || *s == '\t' || *s == '\n') s++;
        size_t m = 0, tl = 0;
        char tok[320];
        while (*s && *s != ' ' && *s != '\t' && *s != '\n') {
            tok[tl++] = *s;
            if (*s != '-' && *s != '_') flat[m++] = *s;
            s++;
        }
        flat[m] = '\0';
        tok[tl] = '\0';
        if (m && matcher_any(&h->body, flat) && !matcher_any(&h->neg, tok) &&
            !has_token(tok, &h->neg_tok))
            f |= KB_HN_BODY;
    }
    if (is_class && live) {
        static const char *const lives[] = { "liveblog-entry", "liveblog-post", "live-blog-post",
                                             "live-blog-entry", "live-post", "live-entry",
                                             "live-update", "liveupdate", "livepost", NULL };
        for (int k = 0; lives[k]; k++)
            if (strstr(buf, lives[k]) && !strstr(buf, "live-posts") && !strstr(buf, "live-entries") &&
                !strstr(buf, "live-updates"))
                f |= KB_HN_ENTRY;
    }
    *weight = w;
    return f;
}

/* value_flags through the cache. */
static uint16_t value_flags_cached(const hints *h, const char *value, int is_class, int *weight)
{
    if (!h->slots) return value_flags(h, value, is_class, weight);
    size_t len = strlen(value);
    uint64_t hash = XXH3_64bits(value, len) ^ (uint64_t)is_class;
    hint_slot *sl = &h->slots[hash & (KB_HINT_SLOTS - 1)];
    if (sl->value && sl->hash == hash && sl->len == len && sl->is_class == is_class &&
        memcmp(sl->value, value, len) == 0) {
        *weight = sl->weight;
        return sl->flags;
    }
    uint16_t f = value_flags(h, value, is_class, weight);
    *sl = (hint_slot){ value, len, hash, f, (int16_t)*weight, (uint8_t)is_class };
    return f;
}

/* The value of attribute name of element g whose attributes set aside are
 * record rec (1 + index in aent, 0 when none), or NULL. */
static const char *attr_of(const kb_hpage *p, uint32_t rec, const GumboElement *el,
                           const char *name)
{
    if (rec) {
        const uint32_t *r = p->aent + rec - 1;
        char c0 = (char)tolower((unsigned char)name[0]);   /* the names set aside are in lower case */
        for (uint32_t k = 0; k < r[0]; k++) {
            const char *an = p->astr + r[1 + 2 * k];
            if (an[0] == c0 && strcasecmp(an, name) == 0) return p->astr + r[2 + 2 * k];
        }
    }
    if (!el->attributes.length) return NULL;
    const GumboAttribute *a = gumbo_get_attribute(&el->attributes, name);
    return a ? a->value : NULL;
}

/* The record of attributes set aside for element el (1 + index in aent),
 * 0 when none: found by where its start tag is in src (a clone made by
 * gumbo has its original's; an element gumbo adds has no tag). */
static uint32_t attr_record(const kb_hpage *p, const GumboElement *el)
{
    const char *t = el->original_tag.data;
    if (!p->narec || !el->original_tag.length || t < p->src || t >= p->src + p->src_len) return 0;
    uint32_t at = (uint32_t)(t - p->src);
    size_t lo = 0, hi = p->narec;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->arec[2 * mid] < at) lo = mid + 1;
        else hi = mid;
    }
    return lo < p->narec && p->arec[2 * lo] == at ? p->arec[2 * lo + 1] + 1 : 0;
}

/* Flags and weight from class, id and a few attributes. */
static uint16_t hint_flags(const hints *h, const kb_hpage *p, uint32_t rec, const GumboElement *el,
                           int16_t *weight)
{
    uint16_t f = 0;
    int w = 0;
    const char *cls = NULL, *id = NULL, *itemprop = NULL, *style = NULL, *role = NULL;
    /* one pass over the attributes (in lower case); those set aside first:
     * a name is in one place only */
    const uint32_t *r = rec ? p->aent + rec - 1 : NULL;
    unsigned nr = r ? r[0] : 0;
    for (unsigned k = 0; k < nr + el->attributes.length; k++) {
        const char *n, *v;
        if (k < nr) {
            n = p->astr + r[1 + 2 * k];
            v = p->astr + r[2 + 2 * k];
        } else {
            const GumboAttribute *a = el->attributes.data[k - nr];
            n = a->name;
            v = a->value;
        }
        switch (n[0]) {
        case 'c': if (!cls && strcmp(n, "class") == 0) cls = v; break;
        case 'i': if (!id && strcmp(n, "id") == 0) id = v;
                  else if (!itemprop && strcmp(n, "itemprop") == 0) itemprop = v;
                  break;
        case 's': if (!style && strcmp(n, "style") == 0) style = v; break;
        case 'r': if (!role && strcmp(n, "role") == 0) role = v; break;
        case 'h': if (strcmp(n, "hidden") == 0) f |= KB_HN_SKIP; break;
        default: break;
        }
    }
    const char *named[2] = { cls, id };
    for (int k = 0; k < 2; k++) {
        int vw;
        if (!named[k] || !named[k][0]) continue;
        f |= value_flags_cached(h, named[k], k == 0, &vw);
        w += vw;
    }
    if (itemprop && strcasecmp(itemprop, "articleBody") == 0) f |= KB_HN_BODY | KB_HN_ITEMBODY;
    if (itemprop && strcasecmp(itemprop, "liveBlogUpdate") == 0) f |= KB_HN_ENTRY;
    if (f & KB_HN_ENTRY) f &= (uint16_t)~KB_HN_NEG;
    if (style && style_hidden(style)) f |= KB_HN_SKIP;
    if (role && (strcasecmp(role, "navigation") == 0 ||
                 strcasecmp(role, "complementary") == 0 ||
                 strcasecmp(role, "contentinfo") == 0 ||
                 strcasecmp(role, "banner") == 0 ||
                 strcasecmp(role, "menu") == 0 ||
                 strcasecmp(role, "dialog") == 0 ||
                 strcasecmp(role, "alert") == 0)) { f |= KB_HN_NEG; w -= 25; }
    if (f & KB_HN_BODY) f &= (uint16_t)~KB_HN_NEG;
    *weight = (int16_t)w;
    return f;
}

/* ------------------------------------------------------------ tags */

static int is_skip_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_APPLET: case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT: case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_DATALIST: case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP: case GUMBO_TAG_FRAMESET: case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_TITLE: case GUMBO_TAG_LINK: case GUMBO_TAG_META:
    case GUMBO_TAG_BASE: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_PROGRESS: case GUMBO_TAG_METER: case GUMBO_TAG_MENUITEM:
        return 1;
    default:
        return 0;
    }
}

static int is_block_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_HTML: case GUMBO_TAG_BODY: case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL:
    case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR:
    case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P:
    case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_UL: case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_LISTING: case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_XMP: case GUMBO_TAG_BR:
        return 1;
    default:
        return 0;
    }
}

static uint8_t block_kind(GumboTag t, uint8_t *level)
{
    *level = 0;
    switch (t) {
    case GUMBO_TAG_P: return KB_HB_P;
    case GUMBO_TAG_H1: *level = 1; return KB_HB_HEADING;
    case GUMBO_TAG_H2: *level = 2; return KB_HB_HEADING;
    case GUMBO_TAG_H3: *level = 3; return KB_HB_HEADING;
    case GUMBO_TAG_H4: *level = 4; return KB_HB_HEADING;
    case GUMBO_TAG_H5: *level = 5; return KB_HB_HEADING;
    case GUMBO_TAG_H6: *level = 6; return KB_HB_HEADING;
    case GUMBO_TAG_LI: return KB_HB_LI;
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: return KB_HB_CELL;
    case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: case GUMBO_TAG_XMP:
        return KB_HB_PRE;
    case GUMBO_TAG_BLOCKQUOTE: return KB_HB_QUOTE;
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_CAPTION: return KB_HB_CAPTION;
    case GUMBO_TAG_DT: return KB_HB_DT;
    default: return KB_HB_TEXT;
    }
}

/* ------------------------------------------------------------ flatten */

typedef struct frame {
    const GumboNode *g;
    unsigned child;
    int32_t idx;
    int32_t container;      /* innermost block element (this one or above) */
    int32_t neg;            /* innermost NEG element, -1 */
    int32_t unl;            /* innermost NEG and not POS element, -1 */
} frame;

typedef struct builder {
    kb_hpage *p;
    hints h;
    size_t ncap, bcap;
    kb_buf text;
    /* the block being filled */
    int open;               /* block has characters */
    int space;              /* a space is pending */
    uint32_t off, chars, link_chars, commas;
    int32_t node, first, neg, unl;
} builder;

static int push_node(builder *b, const GumboNode *g, int32_t parent)
{
    kb_hpage *p = b->p;
    if (p->nnodes == b->ncap) {
        /* a node stands for a few bytes of src (a tag, the text after
         * it): most pages need one allocation */
        size_t cap = b->ncap ? b->ncap * 2 : p->src_len / 3 + 64;
        if (cap > INT32_MAX) return KB_ENOMEM;
        kb_hnode *v = realloc(p->nodes, cap * sizeof *v);
        if (!v) return KB_ENOMEM;
        p->nodes = v;
        b->ncap = cap;
    }
    kb_hnode *n = &p->nodes[p->nnodes++];
    memset(n, 0, sizeof *n);
    n->g = g;
    n->parent = parent;
    return KB_OK;
}

/* End the block being filled (if it holds text). */
static int flush(builder *b)
{
    kb_hpage *p = b->p;
    if (!b->open) {
        b->space = 0;
        return KB_OK;
    }
    if (kb_buf_putc(&b->text, '\0') != KB_OK) return KB_ENOMEM;
    if (p->nblocks == b->bcap) {
        size_t cap = b->bcap ? b->bcap * 2 : 256;
        kb_hblock *v = realloc(p->blocks, cap * sizeof *v);
        if (!v) return KB_ENOMEM;
        p->blocks = v;
        b->bcap = cap;
    }
    kb_hblock *k = &p->blocks[p->nblocks++];
    k->off = b->off;
    k->len = (uint32_t)(b->text.len - 1 - b->off);
    k->node = b->node;
    k->first = b->first;
    k->neg = b->neg;
    k->unl = b->unl;
    k->chars = b->chars;
    k->link_chars = b->link_chars;
    k->commas = b->commas;
    k->kind = block_kind((GumboTag)p->nodes[b->node].tag, &k->level);
    b->open = 0;
    b->space = 0;
    return KB_OK;
}

static int is_space_at(const unsigned char *s, size_t i, size_t n, size_t *w)
{
    unsigned char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') { *w = 1; return 1; }
    if (c == 0xC2 && i + 1 < n && s[i + 1] == 0xA0) { *w = 2; return 1; }           /* nbsp */
    if (c == 0xE2 && i + 2 < n && s[i + 1] == 0x80 &&
        (s[i + 2] == 0x8B || s[i + 2] == 0xAF || (s[i + 2] >= 0x80 && s[i + 2] <= 0x8A))) {
        *w = 3;                                                                     /* U+2000..200B, 202F */
        return 1;
    }
    return 0;
}

static int ignorable_at(const unsigned char *s, size_t i, size_t n)
{
    if (i + 2 >= n) return 0;
    if (s[i] == 0xEF && s[i + 1] == 0xBB && s[i + 2] == 0xBF) return 1;          /* U+FEFF */
    return s[i] == 0xE2 && s[i + 1] == 0x80 && (s[i + 2] == 0x8E || s[i + 2] == 0x8F);
}

static int add_text(builder *b, const char *s, size_t n, int32_t idx,
                    const frame *f, int link)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, w;
    while (i < n) {
        if (is_space_at(u, i, n, &w)) {
            if (b->open) b->space = 1;
            i += w;
            continue;
        }
        /* A run of non-space bytes; marks that show nothing (byte order
         * mark, left-to-right and right-to-left marks) are left out. */
        size_t j = i;
        uint32_t chars = 0, commas = 0;
        if (ignorable_at(u, i, n)) {
            i += 3;
            continue;
        }
        while (j < n) {
            unsigned char c = u[j];
            if (c > 0x20 && c < 0x80) {         /* ASCII but white space */
                chars++;
                commas += c == ',';
                j++;
                continue;
            }
            /* only these bytes start white space or an ignorable mark */
            if ((c <= 0x20 || c == 0xC2 || c == 0xE2 || c == 0xEF) &&
                (is_space_at(u, j, n, &w) || ignorable_at(u, j, n)))
                break;
            if ((c & 0xC0) != 0x80) chars++;
            if (c == 0xD8 && j + 1 < n && u[j + 1] == 0x8C) commas++;
            j++;
        }
        if (!b->open) {
            b->open = 1;
            b->off = (uint32_t)b->text.len;
            b->chars = b->link_chars = b->commas = 0;
            b->node = f->container;
            b->first = idx;
            b->neg = f->neg;
            b->unl = f->unl;
        } else if (b->space) {
            if (kb_buf_putc(&b->text, ' ') != KB_OK) return KB_ENOMEM;
        }
        b->space = 0;
        if (kb_buf_append(&b->text, s + i, j - i) != KB_OK) return KB_ENOMEM;
        b->chars += chars;
        b->commas += commas;
        if (link) b->link_chars += chars;
        /* and to the text node, for the sums over every element (inline
         * ones too: a byline <span>, a date <time>, a tag <a>) */
        kb_hnode *tn = &b->p->nodes[idx];
        tn->chars += chars;
        tn->commas += commas;
        if (link) tn->link_chars += chars;
        i = j;
    }
    return KB_OK;
}

/* t[0..len) with its marks replaced by the runs they stand for: written to
 * o when o is not NULL; its length either way. A mark that names no run
 * stays as it is. */
static size_t expand_into(const kb_hpage *p, const char *t, size_t len, char *o)
{
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        const char *m = kb_hfind(t + i, len - i, KB_HMARK_OPEN, 3);
        size_t plain = m ? (size_t)(m - (t + i)) : len - i;
        if (o) memcpy(o + w, t + i, plain);
        w += plain;
        if (!m) break;
        size_t k = (size_t)(m - t) + 3, idx = 0;
        while (k < len && isdigit((unsigned char)t[k])) idx = idx * 10 + (size_t)(t[k++] - '0');
        const char *put = m;
        size_t n = 3;
        i = (size_t)(m - t) + 3;
        if (idx < p->nruns && k + 3 <= len && memcmp(t + k, KB_HMARK_CLOSE, 3) == 0) {
            put = p->orig + p->runs[2 * idx];
            n = p->runs[2 * idx + 1];
            i = k + 3;
        }
        if (o) memcpy(o + w, put, n);
        w += n;
    }
    return w;
}

/* The text of a text node with its marks replaced by the runs they stand
 * for (in the arena when there are any). NULL when out of memory. */
static const char *expand(kb_hpage *p, const char *t, size_t len, size_t *out_len)
{
    *out_len = len;
    if (!p->nruns || !kb_hfind(t, len, KB_HMARK_OPEN, 3)) return t;
    size_t need = expand_into(p, t, len, NULL);
    char *o = kb_arena_alloc(&p->arena, need + 1);
    if (!o) return NULL;
    expand_into(p, t, len, o);
    o[need] = '\0';
    *out_len = need;
    return o;
}

static int flatten(kb_hpage *p, const GumboNode *root)
{
    builder b = { .p = p };
    matcher_init(&b.h.neg, k_neg_sub);
    matcher_init(&b.h.pos, k_pos_sub);
    matcher_init(&b.h.body, k_body_sub);
    wordset_init(&b.h.neg_tok, k_neg_tok);
    wordset_init(&b.h.hidden_tok, k_hidden_tok);
    size_t scap = 256, sn = 0;
    frame *st = malloc(scap * sizeof *st);
    int rc = KB_OK;
    if (!st) return KB_ENOMEM;
    if (push_node(&b, root, -1) != KB_OK) { free(st); return KB_ENOMEM; }
    b.h.slots = calloc(KB_HINT_SLOTS, sizeof *b.h.slots);   /* none: no cache */
    p->nodes[0].tag = (uint16_t)root->v.element.tag;
    p->nodes[0].flags = KB_HN_BLOCK;
    st[sn++] = (frame){ root, 0, 0, 0, -1, -1 };
    while (sn) {
        frame *f = &st[sn - 1];
        const GumboVector *ch = &f->g->v.element.children;
        if (f->child >= ch->length) {
            /* Leaving the element. */
            kb_hnode *n = &p->nodes[f->idx];
            n->end = (int32_t)p->nnodes;
            if ((n->flags & (KB_HN_BLOCK | KB_HN_NEG)) && !(n->flags & KB_HN_SKIP))
                if ((rc = flush(&b)) != KB_OK) goto out;
            sn--;
            continue;
        }
        const GumboNode *c = ch->data[f->child++];
        int32_t parent = f->idx;
        uint16_t pflags = p->nodes[parent].flags;
        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
            c->type == GUMBO_NODE_CDATA) {
            int32_t idx = (int32_t)p->nnodes;
            if ((rc = push_node(&b, c, parent)) != KB_OK) goto out;
            kb_hnode *n = &p->nodes[idx];
            n->flags = (uint16_t)(KB_HN_TEXT | (pflags & (KB_HN_SKIP | KB_HN_LINK | KB_HN_FIGURE | KB_HN_HEADER)));
            n->end = idx + 1;
            size_t tl;
            const char *t = expand(p, c->v.text.text, strlen(c->v.text.text), &tl);
            if (!t || tl > UINT32_MAX) { rc = KB_ENOMEM; goto out; }
            n = &p->nodes[idx];
            n->text = t;
            n->tlen = (uint32_t)tl;
            if (!(n->flags & KB_HN_SKIP))
                rc = add_text(&b, t, tl, idx, f, (n->flags & KB_HN_LINK) != 0);
            if (rc != KB_OK) goto out;
            continue;
        }
        if (c->type != GUMBO_NODE_ELEMENT && c->type != GUMBO_NODE_TEMPLATE) continue;
        const GumboElement *el = &c->v.element;
        int32_t idx = (int32_t)p->nnodes;
        if ((rc = push_node(&b, c, parent)) != KB_OK) goto out;
        kb_hnode *n = &p->nodes[idx];
        n->tag = (uint16_t)el->tag;
        n->attrs = attr_record(p, el);
        uint16_t fl = (uint16_t)(pflags & (KB_HN_SKIP | KB_HN_LINK | KB_HN_FIGURE | KB_HN_HEADER));
        if (el->tag == GUMBO_TAG_BODY) p->body = idx;
        if (c->type == GUMBO_NODE_TEMPLATE || is_skip_tag(el->tag)) fl |= KB_HN_SKIP;
        if (is_block_tag(el->tag)) fl |= KB_HN_BLOCK;
        if (el->tag == GUMBO_TAG_A && attr_of(p, n->attrs, el, "href")) fl |= KB_HN_LINK;
        if (el->tag == GUMBO_TAG_FIGURE || el->tag == GUMBO_TAG_FIGCAPTION ||
            el->tag == GUMBO_TAG_CAPTION)
            fl |= KB_HN_FIGURE;
        if (el->tag == GUMBO_TAG_HEADER || el->tag == GUMBO_TAG_NAV ||
            el->tag == GUMBO_TAG_FOOTER || el->tag == GUMBO_TAG_ASIDE)
            fl |= KB_HN_HEADER;
        if (el->tag != GUMBO_TAG_HTML && el->tag != GUMBO_TAG_BODY &&
            el->tag != GUMBO_TAG_A) {
            int16_t w = 0;
            fl |= hint_flags(&b.h, p, n->attrs, el, &w);
            n->weight = w;
        }
        if (el->tag == GUMBO_TAG_NAV) fl |= KB_HN_NEG;
        n->flags = fl;
        n->end = idx + 1;
        int32_t container = f->container, neg = f->neg, unl = f->unl;
        if (!(fl & KB_HN_SKIP) && (fl & (KB_HN_BLOCK | KB_HN_NEG))) {
            if ((rc = flush(&b)) != KB_OK) goto out;
            if (el->tag != GUMBO_TAG_BR) container = idx;
        }
        if (fl & KB_HN_NEG) neg = idx;
        if ((fl & KB_HN_NEG) && !(fl & KB_HN_POS)) unl = idx;
        if (el->children.length == 0) continue;
        if (sn == scap) {
            frame *v = realloc(st, scap * 2 * sizeof *v);
            if (!v) { rc = KB_ENOMEM; goto out; }
            st = v;
            scap *= 2;
        }
        st[sn++] = (frame){ c, 0, idx, container, neg, unl };
    }
    rc = flush(&b);
out:
    free(st);
    free(b.h.slots);
    if (rc != KB_OK) {
        kb_buf_free(&b.text);
        return rc;
    }
    if (!b.text.data && kb_buf_putc(&b.text, '\0') != KB_OK) return KB_ENOMEM;
    p->text = kb_buf_detach(&b.text, &p->text_len);
    /* Sums over subtrees: children come after their parent, so one pass
     * from the end adds each node into its parent. */
    for (size_t i = 0; i < p->nblocks; i++) p->nodes[p->blocks[i].node].nblocks++;
    for (size_t i = p->nnodes; i-- > 1;) {
        kb_hnode *n = &p->nodes[i], *up = &p->nodes[n->parent];
        up->chars += n->chars;
        up->link_chars += n->link_chars;
        up->commas += n->commas;
        up->nblocks += n->nblocks;
    }
    return KB_OK;
}

/* ------------------------------------------------------------ page */

/* Gumbo's memory: chunks that double in size from an estimate of what the
 * page needs, all released by kb_hpage_free (gumbo's free is a no-op).
 * Gumbo asks for about ten times its input, in many small pieces; the page
 * arena's 4 KB blocks cost a malloc every few hundred of them. */
struct kb_hchunk {
    kb_hchunk *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};

#define KB_GMEM_MIN ((size_t)64 << 10)
#define KB_GMEM_MAX ((size_t)8 << 20)

static void *g_alloc(void *ud, size_t n)
{
    kb_hpage *p = ud;
    n = (n + 15) & ~(size_t)15;
    kb_hchunk *c = p->gmem;
    if (!c || c->cap - c->used < n) {
        size_t cap = p->gmem_next > n ? p->gmem_next : n;
        if (cap > SIZE_MAX - sizeof *c) return NULL;
        kb_hchunk *nc = malloc(sizeof *nc + cap);
        if (!nc) return NULL;
        nc->used = 0;
        nc->cap = cap;
        nc->next = c;
        p->gmem = c = nc;
        if (p->gmem_next < KB_GMEM_MAX) p->gmem_next *= 2;
    }
    void *r = c->data + c->used;
    c->used += n;
    return r;
}

static void g_free(void *ud, void *ptr)
{
    (void)ud;
    (void)ptr;
}

int kb_hpage_parse(kb_hpage *p, const char *html, size_t len)
{
    memset(p, 0, sizeof *p);
    p->orig = html;
    p->orig_len = len;
    if (kb_hprefilter(html, len, p) != KB_OK) return KB_ENOMEM;
    GumboOptions o = kGumboDefaultOptions;
    o.allocator = g_alloc;
    o.deallocator = g_free;
    o.userdata = p;
    p->gmem_next = p->src_len * 4 > KB_GMEM_MIN ? p->src_len * 4 : KB_GMEM_MIN;
    o.max_errors = 0;
    /* Gumbo's tree points into its input (original_tag...): the filtered
     * copy lives as long as the page. */
    p->gumbo = gumbo_parse_with_options(&o, p->src, p->src_len);
    return p->gumbo && p->gumbo->root ? flatten(p, p->gumbo->root) : KB_ENOMEM;
}

void kb_hpage_free(kb_hpage *p)
{
    free(p->nodes);
    free(p->blocks);
    free(p->text);
    free(p->src);
    free(p->runs);
    free(p->astr);
    free(p->arec);
    free(p->aent);
    for (kb_hchunk *c = p->gmem, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    kb_arena_free(&p->arena);
    memset(p, 0, sizeof *p);
}

const char *kb_hattr(const kb_hpage *p, int32_t i, const char *name)
{
    const GumboNode *g = p->nodes[i].g;
    if (g->type != GUMBO_NODE_ELEMENT && g->type != GUMBO_NODE_TEMPLATE) return NULL;
    return attr_of(p, p->nodes[i].attrs, &g->v.element, name);
}

int kb_hnode_text(const kb_hpage *p, int32_t i, kb_buf *out)
{
    int space = 0;
    size_t start = out->len;
    for (int32_t k = i; k < p->nodes[i].end; k++) {
        const kb_hnode *n = &p->nodes[k];
        if (n->flags & KB_HN_SKIP) {
            k = n->end - 1;
            continue;
        }
        if (!(n->flags & KB_HN_TEXT)) {
            if (n->flags & KB_HN_BLOCK) space = 1;
            continue;
        }
        const unsigned char *s = (const unsigned char *)n->text;
        size_t len = n->tlen, j = 0, w;
        while (j < len) {
            if (is_space_at(s, j, len, &w)) {
                space = 1;
                j += w;
                continue;
            }
            if (space && out->len > start && kb_buf_putc(out, ' ') != KB_OK) return KB_ENOMEM;
            space = 0;
            size_t e = j;
            while (e < len && !is_space_at(s, e, len, &w)) e++;
            if (kb_buf_append(out, (const char *)s + j, e - j) != KB_OK) return KB_ENOMEM;
            j = e;
        }
    }
    if (out->len == start && kb_buf_reserve(out, 1) != KB_OK) return KB_ENOMEM;
    if (out->data) out->data[out->len] = '\0';
    return KB_OK;
}

int kb_hcase_contains(const char *hay, const char *needle)
{
    size_t m = strlen(needle);
    if (!m) return *hay != '\0';
    int c0 = tolower((unsigned char)needle[0]);
    for (; *hay; hay++)
        if (tolower((unsigned char)*hay) == c0 && strncasecmp(hay, needle, m) == 0) return 1;
    return 0;
}

size_t kb_hcount_words(const char *s, size_t len)
{
    size_t w = 0;
    int in = 0;
    for (size_t i = 0; i < len; i++) {
        int sp = s[i] == ' ';
        if (!sp && !in) w++;
        in = !sp;
    }
    return w;
}
