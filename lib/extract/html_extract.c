/* extract/html_extract.c -- HTML extraction, the entry point: one HTML page
 * (doc->format == KB_FMT_HTML, UTF-8) -> the main article and the articles
 * embedded after it, with title, dates, source, author, tags, url,
 * canonical and language.
 *
 * html_dom.c parses and flattens the page, html_meta.c and html_jsonld.c
 * read what the page says about itself, html_content.c finds the body,
 * html_date.c the dates. This file puts the answers together; kb_extract
 * (extract.c) then applies the record's fields, sets the ids and links the
 * embedded articles to the main one.
 */
#include "extract/html.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *copy(kb_article *a, const char *s)
{
    return s ? kb_arena_strdup(&a->arena, s) : NULL;
}

static int is_abs_url(const char *s)
{
    return s && (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0);
}

/* "en-US" -> "en"; NULL when it does not look like a language tag. */
static const char *lang_code(kb_arena *a, const char *s)
{
    if (!s) return NULL;
    while (isspace((unsigned char)*s)) s++;
    size_t n = 0;
    while (isalpha((unsigned char)s[n]) && n < 8) n++;
    if (n < 2 || n > 3) return NULL;
    char *c = kb_arena_strndup(a, s, n);
    if (!c) return NULL;
    for (char *p = c; *p; p++) *p = (char)tolower((unsigned char)*p);
    return c;
}

static int arabic_script(const char *l)
{
    return l && (strcmp(l, "ar") == 0 || strcmp(l, "fa") == 0 || strcmp(l, "ur") == 0 ||
                 strcmp(l, "ps") == 0 || strcmp(l, "ku") == 0 || strcmp(l, "ckb") == 0);
}

/* The declared language, unless the text's script says otherwise (a page
 * declared en-US whose text is Arabic is Arabic). */
static const char *choose_lang(kb_arena *a, const char *declared, const char *text)
{
    const char *dl = lang_code(a, declared);
    const char *det = text && *text ? kb_lang_detect(text, strlen(text)) : "und";
    if (!det || strcmp(det, "und") == 0) return dl;
    if (!dl) return det;
    if (arabic_script(det) != arabic_script(dl)) return det;
    if (arabic_script(det) && strcmp(det, dl) != 0) return det;
    return dl;
}

/* A byline near the title: an element whose class or rel says author. */
static const char *byline(kb_hpage *p, int32_t title_node, int32_t body_node)
{
    int32_t a = kb_hheader_area(p, title_node, body_node);
    if (a < 0) return NULL;
    for (int32_t i = a; i < p->nodes[a].end; i++) {
        const kb_hnode *n = &p->nodes[i];
        if (n->flags & KB_HN_TEXT) continue;
        if (n->flags & KB_HN_SKIP) { i = n->end - 1; continue; }
        if (!n->chars || n->chars > 80) continue;
        const char *cls = kb_hattr(p, i, "class"), *rel = kb_hattr(p, i, "rel");
        int hit = (cls && (kb_hcase_contains(cls, "byline") || kb_hcase_contains(cls, "author"))) ||
                  (rel && kb_hcase_contains(rel, "author"));
        if (!hit) continue;
        if (cls && (kb_hcase_contains(cls, "bio") || kb_hcase_contains(cls, "img") ||
                    kb_hcase_contains(cls, "avatar")))
            continue;
        kb_buf t = {0};
        if (kb_hnode_text(p, i, &t) != KB_OK || !t.len) { kb_buf_free(&t); continue; }
        const char *r = kb_hauthor_clean(&p->arena, t.data, t.len);
        kb_buf_free(&t);
        if (r) return r;
        i = n->end - 1;
    }
    return NULL;
}

static int fill_common(kb_article *a, const char *source, const char *lang)
{
    a->source = copy(a, source);
    a->lang = copy(a, lang);
    if ((source && !a->source) || (lang && !a->lang)) return KB_ENOMEM;
    return KB_OK;
}

static int copy_list(kb_article *a, const char *const *v, size_t n, const char *const *w,
                     size_t nw, const char ***out, size_t *nout)
{
    *out = NULL;
    *nout = 0;
    if (!n && !nw) return KB_OK;
    const char **d = kb_arena_alloc(&a->arena, (n + nw) * sizeof *d);
    if (!d) return KB_ENOMEM;
    size_t k = 0;
    for (size_t pass = 0; pass < 2; pass++) {
        const char *const *src = pass ? w : v;
        size_t m = pass ? nw : n;
        for (size_t i = 0; i < m; i++) {
            int dup = 0;
            for (size_t j = 0; j < k; j++)
                if (strcmp(d[j], src[i]) == 0) dup = 1;
            if (dup) continue;
            if (!(d[k] = kb_arena_strdup(&a->arena, src[i]))) return KB_ENOMEM;
            k++;
        }
    }
    *out = d;
    *nout = k;
    return KB_OK;
}

/* The latest plausible publication: the crawl (a day of slack for dates
 * without a time, written in the page's local day), else tomorrow by the
 * clock -- used for plausibility only. */
static void upper_bound(const kb_doc *doc, int64_t *days, int64_t *minutes)
{
    kb_date d;
    *minutes = INT64_MAX;
    if (doc->crawl_date && kb_date_parse_iso(doc->crawl_date, strlen(doc->crawl_date), &d) == KB_OK &&
        d.prec >= KB_PREC_DAY) {
        *days = kb_date_days(&d) + 1;
        if (d.prec >= KB_PREC_MINUTE && d.has_tz)
            *minutes = kb_date_days(&d) * 1440 + d.hour * 60 + d.minute - d.tz_minutes;
        return;
    }
    *days = (int64_t)(time(NULL) / 86400) + 1;
}

int kb_extract_html(const kb_doc *doc, kb_article_list *out)
{
    if (!doc || !out || !doc->data) return KB_EINVAL;
    kb_hpage p;
    kb_hmeta m;
    kb_hcontent c;
    kb_hdates dates;
    kb_article *main = NULL;
    int rc = kb_hpage_parse(&p, doc->data, doc->len);
    if (rc == KB_OK) rc = kb_hmeta_read(&p, &m);
    if (rc == KB_OK) rc = kb_hjsonld_read(&p, &m);
    if (rc != KB_OK) goto done;

    const char *url = doc->url ? doc->url : is_abs_url(m.og_url) ? m.og_url : NULL;
    const char *host = kb_hurl_host(&p.arena, url ? url : m.canonical);
    const char *title = kb_htitle(&p, &m, host);
    if ((rc = kb_hcontent_find(&p, title, &c)) != KB_OK) goto done;
    if ((rc = kb_hmeta_tag_links(&p, &m, c.node)) != KB_OK) goto done;
    /* the dates first: a page without text keeps its title when it has one */
    kb_date lo = { .year = 1995, .month = 1, .day = 1, .prec = KB_PREC_DAY };
    int32_t title_node = kb_hheadline(&p, &m, title);
    int64_t hi_days, hi_minutes;
    upper_bound(doc, &hi_days, &hi_minutes);
    rc = kb_hdates_find(&p, &m, url ? url : m.canonical, title_node, c.node,
                        kb_date_days(&lo), hi_days, hi_minutes, &dates);
    if (rc != KB_OK) goto done;

    int any = 0, from_description = 0, from_title = 0;
    for (size_t i = 0; i < c.nparts; i++)
        if (c.parts[i].text && *c.parts[i].text) any = 1;
    if (!any && m.description && *m.description && c.nparts) {
        /* No body in the page (a photo page, a video, a one-line post):
         * the page's own summary stands in, with a warning. */
        c.parts[0].text = m.description;
        any = from_description = 1;
    }
    if (!any && dates.published && title && *title && c.nparts) {
        /* Not even a summary (the text is loaded by a script, a forum
         * thread, an image), but a title and a publication date: the title
         * stands in, with a warning, so that they are not lost. */
        c.parts[0].text = title;
        any = from_title = 1;
    }
    if (!any) { rc = KB_EEMPTY; goto done; }

    const char *source = m.site_name ? m.site_name : m.jsonld_publisher ? m.jsonld_publisher : host;
    const char *author = m.jsonld_author ? m.jsonld_author : m.author;
    if (author) author = kb_hauthor_clean(&p.arena, author, strlen(author));
    if (!author) author = byline(&p, title_node, c.node);
    const char *lang = choose_lang(&p.arena, m.lang, c.parts[0].text && *c.parts[0].text
                                                     ? c.parts[0].text : NULL);

    if (!(main = kb_article_new())) { rc = KB_ENOMEM; goto done; }
    main->part = 0;
    main->role = KB_ROLE_MAIN;
    main->title = copy(main, title);
    main->text = copy(main, c.parts[0].text);
    main->published = copy(main, dates.published);
    main->updated = copy(main, dates.updated);
    main->date_source = dates.source;
    main->author = copy(main, author);
    main->url = copy(main, url);
    if (url && !main->url) { rc = KB_ENOMEM; goto done; }
    main->canonical = copy(main, m.canonical);
    if ((rc = fill_common(main, source, lang)) != KB_OK) goto done;
    if ((rc = copy_list(main, m.tags, m.ntags, c.tags, c.ntags, &main->tags, &main->ntags)) != KB_OK)
        goto done;
    if ((rc = copy_list(main, c.related, c.nrelated, NULL, 0, &main->related, &main->nrelated)) != KB_OK)
        goto done;
    if ((title && !main->title) || !main->text) { rc = KB_ENOMEM; goto done; }
    if (p.depth_capped &&
        (rc = kb_article_warn(main, "html: nesting deeper than the parser follows was flattened")) != KB_OK)
        goto done;
    if (from_description &&
        (rc = kb_article_warn(main, "html: no body text found; the text is the page's description")) != KB_OK)
        goto done;
    if (from_title &&
        (rc = kb_article_warn(main, "html: no body text found; the text is the page's title")) != KB_OK)
        goto done;
    if ((rc = kb_article_list_push(out, main)) != KB_OK) goto done;
    main = NULL;

    /* Embedded articles: their own title and text; the page's source and
     * language; no date, url or author of their own. kb_extract links them
     * to the main article once the ids are set. */
    int part = 0;
    for (size_t i = 1; i < c.nparts; i++) {
        if (!c.parts[i].text || !*c.parts[i].text) continue;
        kb_article *e = kb_article_new();
        if (!e) { rc = KB_ENOMEM; goto done; }
        e->part = ++part;
        e->role = KB_ROLE_EMBEDDED;
        e->title = copy(e, c.parts[i].title);
        e->text = copy(e, c.parts[i].text);
        const char *el = choose_lang(&p.arena, m.lang, c.parts[i].text);
        rc = fill_common(e, source, el);
        if (rc == KB_OK && (!e->text || (c.parts[i].title && !e->title))) rc = KB_ENOMEM;
        if (rc == KB_OK) rc = kb_article_list_push(out, e);
        if (rc != KB_OK) { kb_article_free(e); goto done; }
    }
done:
    kb_article_free(main);
    kb_hpage_free(&p);
    return rc;
}
