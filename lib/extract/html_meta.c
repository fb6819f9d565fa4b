/* extract/html_meta.c -- HTML extraction: what a page says about itself in
 * <meta>, <title>, <link rel=canonical>, <html lang>, its h1, its byline and
 * tag links; and the title with the site name cut off.
 */
#include "extract/html.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Trimmed arena copy of s[0..len), white space collapsed. */
static const char *clean_copy(kb_arena *a, const char *s, size_t len)
{
    char *out = kb_arena_alloc(a, len + 1);
    if (!out) return NULL;
    size_t n = 0;
    int space = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            space = 1;
            continue;
        }
        if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
            space = 1;
            i++;
            continue;
        }
        if (space && n) out[n++] = ' ';
        space = 0;
        out[n++] = (char)c;
    }
    out[n] = '\0';
    return out;
}

static const char *node_text(kb_hpage *p, int32_t i)
{
    kb_buf b = {0};
    if (kb_hnode_text(p, i, &b) != KB_OK) {
        kb_buf_free(&b);
        return NULL;
    }
    const char *s = clean_copy(&p->arena, b.data ? b.data : "", b.len);
    kb_buf_free(&b);
    return s;
}

/* The text of an element whose content gumbo keeps as raw text (<title>). */
static const char *raw_text(kb_hpage *p, int32_t i)
{
    const GumboNode *g = p->nodes[i].g;
    kb_buf b = {0};
    for (unsigned k = 0; k < g->v.element.children.length; k++) {
        const GumboNode *c = g->v.element.children.data[k];
        if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE)
            if (kb_buf_puts(&b, c->v.text.text) != KB_OK) {
                kb_buf_free(&b);
                return NULL;
            }
    }
    const char *s = clean_copy(&p->arena, b.data ? b.data : "", b.len);
    kb_buf_free(&b);
    return s;
}

static int is_url(const char *s)
{
    return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0 || s[0] == '/';
}

typedef struct tagset {
    const char **v;
    size_t n, cap;
} tagset;

static int tag_add(kb_arena *a, tagset *t, const char *s, size_t len)
{
    while (len && isspace((unsigned char)*s)) { s++; len--; }
    while (len && isspace((unsigned char)s[len - 1])) len--;
    if (!len || len > 80) return KB_OK;
    /* a tag has letters: "21/06/2014" is not one */
    int letters = 0;
    for (size_t i = 0; i < len && !letters; i++)
        letters = isalpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0xC0;
    if (!letters) return KB_OK;
    for (size_t i = 0; i < t->n; i++)
        if (strlen(t->v[i]) == len && strncasecmp(t->v[i], s, len) == 0) return KB_OK;
    if (t->n >= 64) return KB_OK;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 8;
        const char **v = kb_arena_alloc(a, cap * sizeof *v);
        if (!v) return KB_ENOMEM;
        if (t->n) memcpy(v, t->v, t->n * sizeof *v);
        t->v = v;
        t->cap = cap;
    }
    const char *c = clean_copy(a, s, len);
    if (!c) return KB_ENOMEM;
    t->v[t->n++] = c;
    return KB_OK;
}

static int tags_split(kb_arena *a, tagset *t, const char *s)
{
    size_t len = strlen(s), start = 0;
    for (size_t i = 0; i <= len; i++) {
        int sep = i == len || s[i] == ',' || s[i] == ';' || s[i] == '|';
        int ar = i + 1 < len && (unsigned char)s[i] == 0xD8 && (unsigned char)s[i + 1] == 0x8C;
        if (sep || ar) {
            if (tag_add(a, t, s + start, i - start) != KB_OK) return KB_ENOMEM;
            if (ar) i++;
            start = i + 1;
        }
    }
    return KB_OK;
}

/* Meta names for dates, best first. */
static const char *const k_pub_meta[] = {
    "article:published_time", "og:article:published_time",
    "article:published", "og:published_time", "datepublished",
    "parsely-pub-date", "sailthru.date", "pubdate", "publishdate",
    "publish-date", "publish_date", "published-date", "published_date",
    "date_published", "pub_date", "dc.date.issued", "dcterms.issued",
    "dc.date.created", "dcterms.created", "dc.date", "dcterms.date",
    "citation_publication_date", "citation_date", "article.published",
    "article_date_original", "original-publish-date", "releasedate",
    "release_date", "displaydate", "date", "created", "datecreated",
    "cxenseparse:recs:publishtime", "bt:pubdate", "og:pubdate",
    "article:post_date", "live_date", "timestamp",
    /* more of htmldate's names */
    "dc.date.publication", "dc:date", "dc.created", "dc:created", "publication_date",
    "originalpublicationdate", "rnews:datepublished", "article.created",
    "shareaholic:article_published_time", "twt-published-at", "vr:published_time",
    "video:release_date", "search_date", "dateposted",
    NULL
};
static const char *const k_mod_meta[] = {
    "article:modified_time", "og:updated_time", "article:updated_time",
    "datemodified", "dcterms.modified", "dc.date.modified", "modified",
    "lastmod", "last-modified", "revised", "dateupdated", "updated",
    "og:article:modified_time", "article.updated", "dc.modified", "lastmodified",
    "last_updated", "date_updated", "updated_time", "modified_time",
    "shareaholic:article_modified_time",
    NULL
};

/* The other metas read, and what they give. */
enum { MR_OG_TITLE, MR_TW_TITLE, MR_SITE, MR_DESC, MR_URL, MR_AUTHOR, MR_LANG, MR_TAGS,
       MR_GENERATOR };
static const struct {
    const char *name;
    int what;
} k_read_meta[] = {
    { "og:title", MR_OG_TITLE }, { "twitter:title", MR_TW_TITLE }, { "og:site_name", MR_SITE },
    { "description", MR_DESC }, { "og:description", MR_DESC }, { "og:url", MR_URL },
    { "author", MR_AUTHOR }, { "article:author", MR_AUTHOR }, { "dc.creator", MR_AUTHOR },
    { "byl", MR_AUTHOR }, { "sailthru.author", MR_AUTHOR }, { "parsely-author", MR_AUTHOR },
    { "content-language", MR_LANG }, { "language", MR_LANG },
    { "article:tag", MR_TAGS }, { "news_keywords", MR_TAGS }, { "keywords", MR_TAGS },
    { "parsely-tags", MR_TAGS }, { "sailthru.tags", MR_TAGS }, { "generator", MR_GENERATOR },
};

/* What a meta named key gives (MR_*), or -1. */
static int meta_role(const char *key)
{
    for (size_t i = 0; i < sizeof k_read_meta / sizeof *k_read_meta; i++)
        if (strcasecmp(key, k_read_meta[i].name) == 0) return k_read_meta[i].what;
    return -1;
}

#define RANK_ITEMPROP_PUB 4     /* "datepublished" in k_pub_meta */
#define RANK_ITEMPROP_MOD 3     /* "datemodified" in k_mod_meta */
_Static_assert(sizeof k_pub_meta / sizeof *k_pub_meta <= KB_HMETA_RANKS, "rank table");
_Static_assert(sizeof k_mod_meta / sizeof *k_mod_meta <= KB_HMETA_RANKS, "rank table");

static int rank_in(const char *key, const char *const *list)
{
    int c0 = tolower((unsigned char)key[0]);       /* the names are in lower case */
    for (int i = 0; list[i]; i++)
        if (list[i][0] == c0 && strcasecmp(key, list[i]) == 0) return i;
    return -1;
}

int kb_hmeta_reads(const char *key)
{
    return meta_role(key) >= 0 || rank_in(key, k_pub_meta) >= 0 || rank_in(key, k_mod_meta) >= 0;
}

/* Does an h1's text look like the page's own title? */
static int similar_title(const char *a, const char *b)
{
    if (!a || !b || !*a || !*b) return 0;
    size_t la = strlen(a), lb = strlen(b);
    if (la > lb) { const char *t = a; a = b; b = t; size_t tl = la; la = lb; lb = tl; }
    /* the shorter one (at least half the longer) inside the longer */
    if (la * 2 < lb) return 0;
    return strstr(b, a) != NULL || strncasecmp(a, b, la) == 0;
}

static size_t sep_at(const char *s, size_t len, size_t i);

int kb_hmeta_read(kb_hpage *p, kb_hmeta *m)
{
    memset(m, 0, sizeof *m);
    m->h1_node = -1;
    tagset tags = {0};
    int32_t h1s[16];
    int nh1 = 0;
    kb_arena *a = &p->arena;
    for (size_t i = 0; i < p->nnodes; i++) {
        const kb_hnode *n = &p->nodes[i];
        if (n->flags & KB_HN_TEXT) continue;
        int32_t id = (int32_t)i;
        switch ((GumboTag)n->tag) {
        case GUMBO_TAG_HTML: {
            const char *l = kb_hattr(p, id, "lang");
            if (!l) l = kb_hattr(p, id, "xml:lang");
            if (l && *l && !m->lang) m->lang = l;
            break;
        }
        case GUMBO_TAG_TITLE:
            if (!m->doc_title && !(p->nodes[i].flags & KB_HN_LINK)) {
                const char *t = raw_text(p, id);
                if (!t) return KB_ENOMEM;
                if (*t) m->doc_title = t;
            }
            break;
        case GUMBO_TAG_LINK: {
            const char *rel = kb_hattr(p, id, "rel"), *href = kb_hattr(p, id, "href");
            if (rel && href && *href && strcasecmp(rel, "canonical") == 0 && !m->canonical)
                m->canonical = href;
            break;
        }
        case GUMBO_TAG_H1:
            if (nh1 < 16 && n->chars) h1s[nh1++] = id;
            break;
        case GUMBO_TAG_META: {
            const char *key = kb_hattr(p, id, "property");
            if (!key) key = kb_hattr(p, id, "name");
            if (!key) key = kb_hattr(p, id, "itemprop");
            if (!key) key = kb_hattr(p, id, "http-equiv");
            const char *val = kb_hattr(p, id, "content");
            if (!key || !val) break;
            while (isspace((unsigned char)*val)) val++;
            if (!*val) break;
            int r, what = meta_role(key);
            const char **dst = what == MR_OG_TITLE ? &m->og_title
                               : what == MR_TW_TITLE ? &m->tw_title
                               : what == MR_SITE ? &m->site_name
                               : what == MR_DESC ? &m->description : NULL;
            if (dst) {
                if (!*dst && !(*dst = clean_copy(a, val, strlen(val)))) return KB_ENOMEM;
            } else if (what == MR_URL) {
                if (!m->og_url) m->og_url = val;
            } else if (what == MR_AUTHOR) {
                if (!m->author && !is_url(val)) m->author = kb_hauthor_clean(a, val, strlen(val));
            } else if (what == MR_LANG) {
                if (!m->lang) m->lang = val;
            } else if (what == MR_GENERATOR) {
                if (!m->generator) m->generator = val;
            } else if (what == MR_TAGS) {
                if (tags_split(a, &tags, val) != KB_OK) return KB_ENOMEM;
            } else if ((r = rank_in(key, k_pub_meta)) >= 0) {
                if (!m->meta_published[r]) m->meta_published[r] = val;
            } else if ((r = rank_in(key, k_mod_meta)) >= 0) {
                if (!m->meta_modified[r]) m->meta_modified[r] = val;
            }
            break;
        }
        case GUMBO_TAG_A: {
            const char *rel = kb_hattr(p, id, "rel");
            if (rel && kb_hcase_contains(rel, "tag") && n->chars && n->chars < 60) {
                const char *t = node_text(p, id);
                if (!t) return KB_ENOMEM;
                if (tag_add(a, &tags, t, strlen(t)) != KB_OK) return KB_ENOMEM;
            }
            if (rel && kb_hcase_contains(rel, "author") && !m->author && n->chars &&
                n->chars < 60) {
                const char *t = node_text(p, id);
                if (!t) return KB_ENOMEM;
                m->author = kb_hauthor_clean(a, t, strlen(t));
            }
            break;
        }
        default:
            break;
        }
        /* itemprop dates on any element */
        const char *ip = kb_hattr(p, id, "itemprop");
        if (ip && n->tag != GUMBO_TAG_META) {
            int pub = strcasecmp(ip, "datePublished") == 0 || strcasecmp(ip, "dateCreated") == 0;
            int mod = strcasecmp(ip, "dateModified") == 0;
            if (pub || mod) {
                const char *v = kb_hattr(p, id, "content"), *text = NULL;
                if (!v) v = kb_hattr(p, id, "datetime");
                if (!v && !(v = text = node_text(p, id))) return KB_ENOMEM;
                if (pub && !m->shown_published && n->chars && n->chars < 80) {
                    if (!text && !(text = node_text(p, id))) return KB_ENOMEM;
                    m->shown_published = text;
                }
                /* ranked as the meta names datePublished / dateModified */
                if (pub && !m->meta_published[RANK_ITEMPROP_PUB]) m->meta_published[RANK_ITEMPROP_PUB] = v;
                if (mod && !m->meta_modified[RANK_ITEMPROP_MOD]) m->meta_modified[RANK_ITEMPROP_MOD] = v;
            }
            if (strcasecmp(ip, "author") == 0 && !m->author && n->chars && n->chars < 80) {
                const char *t = node_text(p, id);
                if (!t) return KB_ENOMEM;
                m->author = kb_hauthor_clean(a, t, strlen(t));
            }
        }
    }
    /* The h1 of the article: the one that matches the page's title, else
     * the first outside page furniture. */
    const char *ref = m->og_title ? m->og_title : m->tw_title ? m->tw_title : m->doc_title;
    int32_t chosen = -1;
    const char *chosen_text = NULL;
    for (int k = 0; k < nh1; k++) {
        const char *t = node_text(p, h1s[k]);
        if (!t) return KB_ENOMEM;
        if (!*t) continue;
        if (similar_title(t, ref) || similar_title(t, m->doc_title)) {
            chosen = h1s[k];
            chosen_text = t;
            break;
        }
        if (chosen < 0 && !(p->nodes[h1s[k]].flags & (KB_HN_NEG | KB_HN_HEADER | KB_HN_LINK))) {
            chosen = h1s[k];
            chosen_text = t;
        }
    }
    m->h1_node = chosen;
    m->h1 = chosen_text;
    /* an og:site_name that is the page's whole title names no site */
    if (m->site_name && ((m->og_title && strcmp(m->site_name, m->og_title) == 0) ||
                         (m->doc_title && strcmp(m->site_name, m->doc_title) == 0))) {
        size_t sl = strlen(m->site_name);
        for (size_t i = 1; i < sl; i++)
            if (sep_at(m->site_name, sl, i)) {
                m->site_name = NULL;
                break;
            }
    }
    m->tags = tags.v;
    m->ntags = tags.n;
    return KB_OK;
}

/* Is element i a box of tags ("tags", "post-tags", "article-keywords")?
 * Not a share bar that happens to say "tag". */
static int tag_box(const kb_hpage *p, int32_t i)
{
    const char *names[2] = { kb_hattr(p, i, "class"), kb_hattr(p, i, "id") };
    for (int k = 0; k < 2; k++) {
        const char *v = names[k];
        if (!v || kb_hcase_contains(v, "share") || kb_hcase_contains(v, "social")) continue;
        if ((kb_hcase_contains(v, "tag") && !kb_hcase_contains(v, "tagline") &&
             !kb_hcase_contains(v, "stage") && !kb_hcase_contains(v, "vintage")) ||
            kb_hcase_contains(v, "keyword") || kb_hcase_contains(v, "topics"))
            return 1;
    }
    return 0;
}

int kb_hmeta_tag_links(kb_hpage *p, kb_hmeta *m, int32_t near)
{
    if (near < 0) return KB_OK;
    /* the article's surroundings: tags sit under the body or in its footer */
    int32_t area = near;
    for (int up = 0; up < 2 && p->nodes[area].parent >= 0 && p->nodes[area].parent != p->body; up++)
        area = p->nodes[area].parent;
    tagset t = { .v = NULL, .n = 0, .cap = 0 };
    for (size_t k = 0; k < m->ntags; k++)
        if (tag_add(&p->arena, &t, m->tags[k], strlen(m->tags[k])) != KB_OK) return KB_ENOMEM;
    for (int32_t i = area; i < p->nodes[area].end; i++) {
        const kb_hnode *n = &p->nodes[i];
        if (n->flags & KB_HN_TEXT) continue;
        if (n->flags & KB_HN_SKIP) { i = n->end - 1; continue; }
        if (!tag_box(p, i) || n->chars > 2000) {
            /* a sidebar's tag cloud is not the article's */
            if ((n->flags & KB_HN_NEG) && i != area) i = n->end - 1;
            continue;
        }
        for (int32_t j = i + 1; j < n->end; j++) {
            const kb_hnode *a = &p->nodes[j];
            if ((a->flags & KB_HN_TEXT) || a->tag != GUMBO_TAG_A) continue;
            if (a->chars && a->chars <= 60) {
                const char *txt = node_text(p, j);
                if (!txt) return KB_ENOMEM;
                if (*txt == '#') txt++;
                if (tag_add(&p->arena, &t, txt, strlen(txt)) != KB_OK) return KB_ENOMEM;
            }
            j = a->end - 1;
        }
        i = n->end - 1;
    }
    m->tags = t.v;
    m->ntags = t.n;
    return KB_OK;
}

/* ------------------------------------------------------------ author */

const char *kb_hauthor_clean(kb_arena *a, const char *s, size_t len)
{
    static const char *const lead[] = { "by ", "by:", "بقلم:", "بقلم", "كتب:", "كتبت:", "كتب ",
                                        "كتبت ", "إعداد:", "إعداد ", NULL };
    while (len && isspace((unsigned char)*s)) { s++; len--; }
    for (int k = 0; lead[k]; k++) {
        size_t l = strlen(lead[k]);
        if (len >= l && strncasecmp(s, lead[k], l) == 0) { s += l; len -= l; break; }
    }
    while (len && isspace((unsigned char)*s)) { s++; len--; }
    /* what follows the name: a date, a handle, a separator */
    size_t cut = len;
    kb_date_match m;
    if (kb_date_find(s, len, &m) && m.start < cut) cut = m.start;
    static const char *const stops[] = { " \xe2\x80\xa2", " | ", "@", "\n", " Updated", " Published",
                                         " Posted", NULL };
    for (int k = 0; stops[k]; k++) {
        for (size_t i = 0; i + strlen(stops[k]) <= cut; i++)
            if (strncmp(s + i, stops[k], strlen(stops[k])) == 0) { cut = i; break; }
    }
    while (cut && (isspace((unsigned char)s[cut - 1]) || s[cut - 1] == ',' || s[cut - 1] == '-' ||
                   s[cut - 1] == ':'))
        cut--;
    if (!cut || cut > 120) return NULL;
    return clean_copy(a, s, cut);
}

/* ------------------------------------------------------------ title */

const char *kb_hurl_host(kb_arena *a, const char *url)
{
    if (!url) return NULL;
    const char *s = strstr(url, "://");
    s = s ? s + 3 : (url[0] == '/' && url[1] == '/' ? url + 2 : NULL);
    if (!s) return NULL;
    const char *e = s;
    while (*e && *e != '/' && *e != ':' && *e != '?' && *e != '#') e++;
    const char *at = memchr(s, '@', (size_t)(e - s));
    if (at) s = at + 1;
    if (e - s > 4 && strncasecmp(s, "www.", 4) == 0) s += 4;
    if (e == s) return NULL;
    char *h = kb_arena_strndup(a, s, (size_t)(e - s));
    if (!h) return NULL;
    for (char *c = h; *c; c++) *c = (char)tolower((unsigned char)*c);
    return h;
}

/* Letters and digits of s, lower-cased, into buf. */
static size_t squash(const char *s, size_t len, char *buf, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || isalnum(c)) buf[n++] = (char)tolower(c);
    }
    buf[n] = '\0';
    return n;
}

/* Does the piece name the site? */
static int names_site(const char *piece, size_t len, const char *site, const char *host)
{
    char a[256], b[256];
    size_t na = squash(piece, len, a, sizeof a);
    if (!na) return 0;
    if (site) {
        size_t nb = squash(site, strlen(site), b, sizeof b);
        if (nb && (strstr(a, b) || strstr(b, a))) return 1;
    }
    if (host) {
        /* the host's main label: "aljazeera" in "www.aljazeera.net" */
        char lab[128];
        const char *dot = strchr(host, '.');
        size_t ll = 0;
        const char *h = host;
        /* skip a short first label (m., ar., arabic.) when more follow */
        if (dot && strchr(dot + 1, '.') && dot - host <= 6) h = dot + 1;
        while (h[ll] && h[ll] != '.' && ll + 1 < sizeof lab) { lab[ll] = h[ll]; ll++; }
        lab[ll] = '\0';
        size_t nl = squash(lab, ll, b, sizeof b);
        if (nl >= 3 && (strstr(a, b) || (na >= 3 && strstr(b, a)))) return 1;
    }
    return 0;
}

/* Separators between a title and a site name. */
static size_t sep_at(const char *s, size_t len, size_t i)
{
    static const char *const seps[] = { " | ", " - ", " – ", " — ", " :: ", " » ", " « ",
                                        "|", " · ", " // ", NULL };
    for (int k = 0; seps[k]; k++) {
        size_t n = strlen(seps[k]);
        if (i + n <= len && memcmp(s + i, seps[k], n) == 0) return n;
    }
    return 0;
}

const char *kb_htitle_cut(kb_arena *a, const char *title, const char *site, const char *host)
{
    if (!title) return NULL;
    size_t len = strlen(title);
    size_t lastpos = 0, lastlen = 0, firstpos = 0, firstlen = 0;
    for (size_t i = 1; i < len; i++) {
        size_t n = sep_at(title, len, i);
        if (!n) continue;
        if (!firstlen) { firstpos = i; firstlen = n; }
        lastpos = i;
        lastlen = n;
        i += n - 1;
    }
    if (!lastlen) return title;
    /* suffix: "Headline - Site" */
    const char *suf = title + lastpos + lastlen;
    size_t sl = len - lastpos - lastlen;
    size_t hw = kb_hcount_words(title, lastpos);
    if (hw >= 2 && names_site(suf, sl, site, host)) {
        const char *t = kb_arena_strndup(a, title, lastpos);
        return t ? kb_htitle_cut(a, t, site, host) : NULL;
    }
    /* prefix: "Site | Headline" */
    const char *pre = title;
    size_t pl = firstpos;
    if (names_site(pre, pl, site, host)) {
        const char *t = title + firstpos + firstlen;
        return kb_htitle_cut(a, t, site, host);
    }
    return title;
}

/* The piece after the last separator of t, when t has one. */
static const char *last_piece(const char *t, size_t *headlen)
{
    size_t len = strlen(t), pos = 0, n = 0;
    for (size_t i = 1; i < len; i++) {
        size_t k = sep_at(t, len, i);
        if (k) { pos = i; n = k; i += k - 1; }
    }
    if (!n) return NULL;
    *headlen = pos;
    return t + pos + n;
}

/* A title escaped twice by its CMS ("&amp;#039;" in the markup, so
 * "&#039;" once parsed): the character references left in it are read
 * once more -- numeric ones and the five XML names. Arena string, s itself
 * when there is none, NULL when out of memory. */
static const char *unescape_leftover(kb_arena *a, const char *s)
{
    static const struct { const char *name; char c; } NAMED[] = {
        { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' }, { "&apos;", '\'' },
    };
    if (!s || !strchr(s, '&')) return s;
    size_t n = strlen(s), o = 0;
    char *out = kb_arena_alloc(a, n + 1);
    if (!out) return NULL;
    for (size_t i = 0; i < n;) {
        if (s[i] == '&') {
            size_t k = 0;
            for (; k < sizeof NAMED / sizeof *NAMED; k++) {
                size_t l = strlen(NAMED[k].name);
                if (!strncmp(s + i, NAMED[k].name, l)) {
                    out[o++] = NAMED[k].c;
                    i += l;
                    break;
                }
            }
            if (k < sizeof NAMED / sizeof *NAMED) continue;
            if (s[i + 1] == '#') {
                int hex = s[i + 2] == 'x' || s[i + 2] == 'X';
                size_t j = i + 2 + (size_t)hex;
                long cp = 0;
                size_t digits = 0;
                while (digits < 7 && (hex ? isxdigit((unsigned char)s[j]) : isdigit((unsigned char)s[j]))) {
                    int d = isdigit((unsigned char)s[j]) ? s[j] - '0' : (tolower((unsigned char)s[j]) - 'a' + 10);
                    cp = cp * (hex ? 16 : 10) + d;
                    j++;
                    digits++;
                }
                /* a character a title may hold: no control, surrogate or
                 * out-of-range code */
                if (digits && s[j] == ';' && cp >= 0x20 && cp <= 0x10FFFF && (cp < 0x7F || cp > 0x9F) &&
                    (cp < 0xD800 || cp > 0xDFFF)) {
                    o += kb_utf8_encode((int32_t)cp, out + o);   /* at most as long as "&#N;" */
                    i = j + 1;
                    continue;
                }
            }
        }
        out[o++] = s[i++];
    }
    out[o] = '\0';
    return out;
}

static const char *pick_title(kb_hpage *p, const kb_hmeta *m, const char *host);

const char *kb_htitle(kb_hpage *p, const kb_hmeta *m, const char *host)
{
    return unescape_leftover(&p->arena, pick_title(p, m, host));
}

static const char *pick_title(kb_hpage *p, const kb_hmeta *m, const char *host)
{
    const char *site = m->site_name ? m->site_name : m->jsonld_publisher;
    /* the first title the page gives that is more than its site's name */
    const char *cands[5] = { m->og_title, m->tw_title, m->h1, m->jsonld_title, m->doc_title };
    const char *t = NULL;
    for (int k = 0; k < 5 && !t; k++) {
        const char *c = cands[k];
        if (!c || !*c) continue;
        if (kb_hcount_words(c, strlen(c)) <= 4 && names_site(c, strlen(c), site, host)) {
            char a[256], b[256];
            /* only the site's name, nothing else */
            if (site && squash(c, strlen(c), a, sizeof a) == squash(site, strlen(site), b, sizeof b))
                continue;
        }
        t = c;
    }
    if (!t) return NULL;
    const char *cut = kb_htitle_cut(&p->arena, t, site, host);
    if (!cut) return NULL;
    /* A short piece after a separator that another title of the page
     * (the h1, the <title>) does not carry, or that <title> ends with
     * too, is the site's name. */
    size_t head;
    const char *piece = last_piece(cut, &head);
    /* the piece is the h1 a blog shows on every page: its name */
    if (piece && head && m->h1 && m->h1 != t) {
        char a[256], b[256];
        size_t na = squash(piece, strlen(piece), a, sizeof a);
        if (na >= 3 && na < sizeof a - 1 && na == squash(m->h1, strlen(m->h1), b, sizeof b) &&
            memcmp(a, b, na) == 0) {
            return kb_arena_strndup(&p->arena, cut, head);
        }
    }
    if (piece && kb_hcount_words(piece, strlen(piece)) <= 5 && kb_hcount_words(cut, head) >= 3) {
        const char *alts[3] = { m->h1, m->og_title, m->doc_title };
        for (int k = 0; k < 3; k++) {
            const char *o = alts[k];
            if (!o || o == t) continue;
            size_t oh;
            const char *op = last_piece(o, &oh);
            int same_suffix = op && strcmp(op, piece) == 0 && o != m->h1;
            int head_only = !strstr(o, piece) && strncmp(o, cut, head) == 0 &&
                            strlen(o) <= head + 2;
            if (same_suffix || head_only) {
                return kb_arena_strndup(&p->arena, cut, head);
            }
        }
    }
    return *cut ? cut : t;
}

int32_t kb_hheadline(kb_hpage *p, const kb_hmeta *m, const char *title)
{
    if (!title || !*title || (m->h1 && similar_title(m->h1, title))) return m->h1_node;
    for (size_t i = 0; i < p->nnodes; i++) {
        const kb_hnode *n = &p->nodes[i];
        if (n->flags & KB_HN_TEXT) continue;
        if (n->flags & KB_HN_SKIP) {
            i = (size_t)n->end - 1;
            continue;
        }
        if ((n->tag != GUMBO_TAG_H1 && n->tag != GUMBO_TAG_H2 && n->tag != GUMBO_TAG_H3) ||
            !n->chars || n->chars > 400)
            continue;
        const char *t = node_text(p, (int32_t)i);
        if (!t) return m->h1_node;     /* out of memory: the headline is a hint */
        if (similar_title(t, title)) return (int32_t)i;
    }
    return m->h1_node;
}

int32_t kb_hheader_area(const kb_hpage *p, int32_t title_node, int32_t body_node)
{
    int32_t a = title_node >= 0 ? title_node : body_node;
    if (a < 0) return -1;
    for (int up = 0; up < 3; up++) {
        int32_t par = p->nodes[a].parent;
        if (par < 0 || par == p->body) break;
        a = par;
    }
    return a;
}
