/* extract/html_jsonld.c -- HTML extraction: schema.org JSON-LD
 * (<script type="application/ld+json">) read with jansson: dates, headline,
 * author, publisher of the page's article.
 *
 * Objects are visited through @graph arrays, top-level arrays and nested
 * values (mainEntity, ...), to a bounded depth. An object of an article type
 * (NewsArticle, Article, ReportageNews, BlogPosting...) wins over a WebPage,
 * which wins over anything else carrying datePublished. Bad JSON is retried
 * once with control characters blanked and comment/CDATA wrappers cut, then
 * ignored.
 */
#include "extract/html.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 12

static const char *const k_article_types[] = {
    "NewsArticle", "Article", "ReportageNews", "AnalysisNewsArticle",
    "BackgroundNewsArticle", "OpinionNewsArticle", "ReviewNewsArticle",
    "AskPublicExpertiseNewsArticle", "BlogPosting", "LiveBlogPosting",
    "SocialMediaPosting", "Report", "ScholarlyArticle", "TechArticle",
    "SatiricalArticle", "AdvertiserContentArticle", "Review", "Blog",
    "Posting", NULL
};

/* 3: article type, 2: web page, 1: other, 0: no type */
static int type_rank(json_t *o)
{
    json_t *t = json_object_get(o, "@type");
    int best = 0;
    size_t n = json_is_array(t) ? json_array_size(t) : 1;
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_is_array(t) ? json_array_get(t, i) : t;
        const char *s = json_string_value(e);
        if (!s) continue;
        const char *h = strrchr(s, '/');     /* "http://schema.org/NewsArticle" */
        if (h) s = h + 1;
        int r = 1;
        for (int k = 0; k_article_types[k]; k++)
            if (strcasecmp(s, k_article_types[k]) == 0) r = 3;
        if (r < 3 && (strcasecmp(s, "WebPage") == 0 || strcasecmp(s, "ItemPage") == 0))
            r = 2;
        if (r > best) best = r;
    }
    return best;
}

typedef struct found {
    int rank;                       /* of the object the dates came from */
    const char *published, *modified, *headline, *author, *publisher;
    int title_rank, author_rank, publisher_rank;
} found;

static const char *dup_str(kb_arena *a, json_t *v)
{
    const char *s = json_string_value(v);
    if (!s) return NULL;
    while (isspace((unsigned char)*s)) s++;
    if (!*s) return NULL;
    return kb_arena_strdup(a, s);
}

/* "author": "Name" | {"name": ...} | [ ... ]; names joined with ", ". */
static int author_names(json_t *v, kb_buf *out)
{
    size_t n = json_is_array(v) ? json_array_size(v) : 1;
    for (size_t i = 0; i < n && i < 16; i++) {
        json_t *e = json_is_array(v) ? json_array_get(v, i) : v;
        const char *s = NULL;
        if (json_is_string(e)) s = json_string_value(e);
        else if (json_is_object(e)) s = json_string_value(json_object_get(e, "name"));
        if (!s) continue;
        while (isspace((unsigned char)*s)) s++;
        if (!*s || strncmp(s, "http", 4) == 0) continue;
        if (out->len && kb_buf_puts(out, ", ") != KB_OK) return KB_ENOMEM;
        if (kb_buf_puts(out, s) != KB_OK) return KB_ENOMEM;
    }
    return KB_OK;
}

static int visit(kb_arena *a, json_t *v, int depth, found *f)
{
    if (depth > MAX_DEPTH) return KB_OK;
    if (json_is_array(v)) {
        for (size_t i = 0; i < json_array_size(v); i++)
            if (visit(a, json_array_get(v, i), depth + 1, f) != KB_OK) return KB_ENOMEM;
        return KB_OK;
    }
    if (!json_is_object(v)) return KB_OK;
    int rank = type_rank(v);
    json_t *dp = json_object_get(v, "datePublished");
    if (!dp) dp = json_object_get(v, "dateCreated");
    json_t *dm = json_object_get(v, "dateModified");
    if (dp || dm) {
        const char *pd = dup_str(a, dp), *md = dup_str(a, dm);
        if ((pd || md) &&
            (rank > f->rank || (rank == f->rank && !f->published && !f->modified))) {
            if (pd) f->published = pd;
            if (md) f->modified = md;
            f->rank = rank;
        }
    }
    if (rank >= 2 && rank > f->title_rank) {
        const char *h = dup_str(a, json_object_get(v, "headline"));
        if (!h && rank == 3) h = dup_str(a, json_object_get(v, "name"));
        if (h) { f->headline = h; f->title_rank = rank; }
    }
    json_t *au = json_object_get(v, "author");
    if (!au) au = json_object_get(v, "creator");
    if (au && rank > f->author_rank) {
        kb_buf b = {0};
        if (author_names(au, &b) != KB_OK) { kb_buf_free(&b); return KB_ENOMEM; }
        if (b.len) {
            f->author = kb_arena_strndup(a, b.data, b.len);
            f->author_rank = rank;
        }
        kb_buf_free(&b);
    }
    json_t *pu = json_object_get(v, "publisher");
    if (json_is_array(pu)) pu = json_array_get(pu, 0);
    if (pu && rank > f->publisher_rank) {
        const char *s = json_is_object(pu) ? dup_str(a, json_object_get(pu, "name")) : dup_str(a, pu);
        if (s) { f->publisher = s; f->publisher_rank = rank; }
    }
    const char *key;
    json_t *val;
    json_object_foreach(v, key, val) {
        if (json_is_object(val) || json_is_array(val)) {
            if (strcmp(key, "author") == 0 || strcmp(key, "publisher") == 0) continue;
            if (visit(a, val, depth + 1, f) != KB_OK) return KB_ENOMEM;
        }
    }
    return KB_OK;
}

/* Blank control characters (raw newlines in strings are the usual fault)
 * and cut HTML comment / CDATA wrappers and a trailing semicolon. */
static char *repair(const char *s, size_t len, size_t *out_len)
{
    char *r = malloc(len + 1);
    if (!r) return NULL;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        r[n++] = c < 0x20 ? ' ' : (char)c;
    }
    r[n] = '\0';
    char *b = r, *e = r + n;
    while (b < e && isspace((unsigned char)*b)) b++;
    static const char *const pre[] = { "<!--", "//<![CDATA[", "<![CDATA[", NULL };
    for (int k = 0; pre[k]; k++)
        if ((size_t)(e - b) >= strlen(pre[k]) && memcmp(b, pre[k], strlen(pre[k])) == 0)
            b += strlen(pre[k]);
    while (e > b && (isspace((unsigned char)e[-1]) || e[-1] == ';')) e--;
    static const char *const post[] = { "-->", "//]]>", "]]>", NULL };
    for (int k = 0; post[k]; k++) {
        size_t pl = strlen(post[k]);
        if ((size_t)(e - b) >= pl && memcmp(e - pl, post[k], pl) == 0) e -= pl;
    }
    while (e > b && (isspace((unsigned char)e[-1]) || e[-1] == ';')) e--;
    *out_len = (size_t)(e - b);
    memmove(r, b, *out_len);
    r[*out_len] = '\0';
    return r;
}

/* The string value after the first "key": in broken JSON, or NULL. */
static const char *scan_key(kb_arena *a, const char *s, const char *key)
{
    const char *k = strstr(s, key);
    if (!k) return NULL;
    k += strlen(key);
    while (isspace((unsigned char)*k)) k++;
    if (*k++ != ':') return NULL;
    while (isspace((unsigned char)*k)) k++;
    if (*k++ != '"') return NULL;
    const char *e = strchr(k, '"');
    if (!e || e - k > 64) return NULL;
    return kb_arena_strndup(a, k, (size_t)(e - k));
}

int kb_hjsonld_read(kb_hpage *p, kb_hmeta *m)
{
    found f = {0};
    for (size_t i = 0; i < p->nnodes; i++) {
        const kb_hnode *n = &p->nodes[i];
        if ((n->flags & KB_HN_TEXT) || n->tag != GUMBO_TAG_SCRIPT) continue;
        const char *type = kb_hattr(p, (int32_t)i, "type");
        if (!type || !kb_hcase_contains(type, "ld+json")) continue;
        /* its text, as html_dom.c put it back (the pre-pass may have
         * handed it to gumbo as a mark): the first child */
        if (n->end <= (int32_t)i + 1) continue;
        const kb_hnode *t = &p->nodes[i + 1];
        if (!(t->flags & KB_HN_TEXT) || t->parent != (int32_t)i ||
            (t->g->type != GUMBO_NODE_TEXT && t->g->type != GUMBO_NODE_WHITESPACE))
            continue;
        const char *s = t->text;
        size_t len = t->tlen;
        json_error_t err;
        json_t *root = json_loadb(s, len, JSON_DECODE_ANY, &err);
        if (!root) {
            size_t rl;
            char *r = repair(s, len, &rl);
            if (!r) return KB_ENOMEM;
            root = json_loadb(r, rl, JSON_DECODE_ANY, &err);
            /* a stray closing brace or a second object after the first */
            if (!root) root = json_loadb(r, rl, JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK, &err);
            free(r);
        }
        if (!root) {
            /* Beyond repair: pick the dates out of the text. */
            if (!f.published) f.published = scan_key(&p->arena, s, "\"datePublished\"");
            if (!f.modified) f.modified = scan_key(&p->arena, s, "\"dateModified\"");
            continue;
        }
        int rc = visit(&p->arena, root, 0, &f);
        json_decref(root);
        if (rc != KB_OK) return rc;
    }
    m->jsonld_published = f.published;
    m->jsonld_modified = f.modified;
    m->jsonld_title = f.headline;
    m->jsonld_author = f.author;
    m->jsonld_publisher = f.publisher;
    return KB_OK;
}
