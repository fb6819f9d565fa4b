/* extract/extract.c -- kb_extract, the extract stage's entry point: one
 * kb_doc -> its articles (main first, then embedded ones). Dispatches on the
 * document's format to the HTML or plain-text extractor, then finishes every
 * article the same way (extract_finish): what the record (JSONL/WARC)
 * said wins over what was read in the text, the language, the id, the
 * parent links of embedded articles. */
#include "extract/extract.h"

#include <stdlib.h>
#include <string.h>

/* A record date (ISO 8601, or a written date) as ISO in the arena; NULL
 * when it cannot be read. */
static const char *record_date(kb_arena *ar, const char *s)
{
    kb_date d;
    size_t len = strlen(s);
    kb_date_match m;
    if (kb_date_parse_iso(s, len, &d) != KB_OK) {
        if (!kb_date_find(s, len, &m)) return NULL;
        d = m.date;
    }
    char buf[32];
    size_t n = kb_date_iso(&d, buf);
    return n ? kb_arena_strndup(ar, buf, n) : NULL;
}

/* The normalised title and text that record_title compared, kept for the
 * id (kb_article_set_id_from) so that they are not normalised twice. */
typedef struct normed {
    char *title, *text;   /* malloc'd; NULL when not at hand */
    size_t tl, xl;
} normed;

/* The record's title is the title. A different headline the extractor had
 * taken goes back to the top of the body (nothing is lost); a first
 * paragraph that repeats the record's title is dropped. Leaves in *nm the
 * normalised title and, when the text is one paragraph kept as it was, the
 * normalised text. */
static int record_title(kb_article *a, const char *title, normed *nm)
{
    kb_arena *ar = &a->arena;
    const char *text = a->text ? a->text : "";
    if (!(nm->title = kb_normalize_str(title, strlen(title), &nm->tl))) return KB_ENOMEM;
    if (a->title) {
        size_t n;
        char *old = kb_normalize_str(a->title, strlen(a->title), &n);
        if (!old) return KB_ENOMEM;
        int same = n == nm->tl && !memcmp(old, nm->title, n);
        free(old);
        if (!same) {
            size_t tl = strlen(a->title), xl = strlen(text);
            char *t = kb_arena_alloc(ar, tl + 2 + xl + 1);
            if (!t) return KB_ENOMEM;
            memcpy(t, a->title, tl);
            size_t o = tl;
            if (xl) { memcpy(t + o, "\n\n", 2); o += 2; memcpy(t + o, text, xl); o += xl; }
            t[o] = '\0';
            a->text = t;
        }
    } else {
        const char *nl = strstr(text, "\n\n");
        size_t fl = nl ? (size_t)(nl - text) : strlen(text);
        size_t n;
        char *first = fl ? kb_normalize_str(text, fl, &n) : NULL;
        if (fl && !first) return KB_ENOMEM;
        if (first && n == nm->tl && !memcmp(first, nm->title, n)) {
            a->text = nl ? nl + 2 : "";
            free(first);
        } else if (first && !nl) {
            nm->text = first;   /* the whole text, as it stays */
            nm->xl = n;
        } else {
            free(first);
        }
    }
    a->title = kb_arena_strdup(ar, title);
    return a->title ? KB_OK : KB_ENOMEM;
}

/* Fill what every extractor leaves to the end: fields given by the record
 * (doc->title, published, ...) win over extracted ones; lang from the text's
 * script when not known; the id. KB_OK or KB_ENOMEM. */
static int extract_finish(const kb_doc *doc, kb_article *a)
{
    kb_arena *ar = &a->arena;
    int rc;
    if (!a->input && doc->input && !(a->input = kb_arena_strdup(ar, doc->input)))
        return KB_ENOMEM;
    if (a->role == KB_ROLE_MAIN) {
        /* What the container said about the page describes its main
         * article (its title: below, next to the id it feeds). */
        if (doc->published && *doc->published) {
            const char *p = record_date(ar, doc->published);
            if (p) {
                a->published = p;
                a->date_source = "record";
            } else if ((rc = kb_article_warn(a, "record date not understood: %.80s",
                                             doc->published)) != KB_OK) {
                return rc;
            }
        }
        if (doc->updated && *doc->updated) {
            const char *u = record_date(ar, doc->updated);
            if (u) a->updated = u;
        }
        if (doc->source && *doc->source && !(a->source = kb_arena_strdup(ar, doc->source)))
            return KB_ENOMEM;
        if (doc->author && *doc->author && !(a->author = kb_arena_strdup(ar, doc->author)))
            return KB_ENOMEM;
        if (doc->url && *doc->url && !(a->url = kb_arena_strdup(ar, doc->url)))
            return KB_ENOMEM;
    }
    /* The crawl date says when the page was fetched, never when it was
     * published: it is kept on its own. */
    if (doc->crawl_date && *doc->crawl_date && !(a->crawl_date = kb_arena_strdup(ar, doc->crawl_date)))
        return KB_ENOMEM;
    for (size_t k = 0; k < doc->nwarnings; k++)
        if ((rc = kb_article_warn(a, "%s", doc->warnings[k])) != KB_OK) return rc;
    normed nm = { 0 };
    if (a->role == KB_ROLE_MAIN && doc->title && *doc->title &&
        (rc = record_title(a, doc->title, &nm)) != KB_OK) {
        free(nm.title);
        free(nm.text);
        return rc;
    }
    if (!a->lang && a->text && *a->text) a->lang = kb_lang_detect(a->text, strlen(a->text));
    return kb_article_set_id_from(a, nm.title, nm.tl, nm.text, nm.xl);
}

int kb_extract(const kb_doc *doc, kb_article_list *out)
{
    if (!doc || !out || !doc->data) return KB_EINVAL;
    size_t n0 = out->n;
    int rc = doc->format == KB_FMT_HTML ? kb_extract_html(doc, out) : kb_extract_text(doc, out);
    size_t with_text = 0;
    for (size_t k = n0; rc == KB_OK && k < out->n; k++) {
        rc = extract_finish(doc, out->v[k]);
        with_text += out->v[k]->text && *out->v[k]->text;
    }
    if (rc == KB_OK && out->n == n0) rc = KB_EEMPTY;
    if (rc == KB_OK && !with_text) rc = KB_EEMPTY;
    if (rc == KB_OK) {
        /* ids are final now: link the embedded articles to the main one */
        const kb_article *main_a = NULL;
        for (size_t k = n0; k < out->n; k++) {
            kb_article *a = out->v[k];
            if (a->role == KB_ROLE_MAIN) {
                main_a = a;
                a->parent[0] = '\0';
            } else if (main_a) {
                memcpy(a->parent, main_a->id, sizeof a->parent);
            }
        }
    }
    if (rc != KB_OK) {
        for (size_t k = n0; k < out->n; k++) kb_article_free(out->v[k]);
        out->n = n0;
    }
    return rc;
}
