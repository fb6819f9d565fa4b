/* extract/html.h -- internal interface of the HTML extractor (html_*.c):
 * the flattened page every html_ file works on. Not part of the public API.
 *
 * The page is filtered (html_prefilter.c), parsed once by gumbo
 * (html_dom.c) into memory owned by the page, then flattened into an array
 * of nodes in document order (preorder). A node's descendants are the contiguous range (i, end), so
 * every later walk is a loop over indices -- never a recursion, whatever the
 * nesting depth. The visible text is cut once into blocks (paragraph-sized
 * runs of inline content between block boundaries); content selection
 * (html_content.c) picks blocks, metadata (html_meta.c, html_jsonld.c,
 * html_date.c) reads nodes and attributes.
 */
#ifndef KB_HTML_H
#define KB_HTML_H

#include <gumbo.h>
#include <stdint.h>

#include "extract/extract.h"

/* Node flags. */
enum {
    KB_HN_TEXT = 1 << 0,     /* a text node (else an element) */
    KB_HN_SKIP = 1 << 1,     /* never rendered: script, style, hidden... */
    KB_HN_BLOCK = 1 << 2,    /* a block boundary (div, p, li, h1...) */
    KB_HN_NEG = 1 << 3,      /* class/id says boilerplate (nav, share...) */
    KB_HN_POS = 1 << 4,      /* class/id says content (article, story...) */
    KB_HN_BODY = 1 << 5,     /* itemprop=articleBody or an explicit
                                article-body class: a strong hint */
    KB_HN_LINK = 1 << 6,     /* inside an <a href> */
    KB_HN_FIGURE = 1 << 7,   /* inside figure/figcaption/caption */
    KB_HN_HEADER = 1 << 8,   /* inside header/nav/footer/aside elements */
    KB_HN_ITEMBODY = 1 << 9, /* itemprop=articleBody itself */
    KB_HN_ENTRY = 1 << 10,   /* a live-blog entry (itemprop=liveBlogUpdate,
                                "liveblog-entry"...) */
};

typedef struct kb_hnode {
    const GumboNode *g;
    int32_t parent;          /* -1 for the root */
    int32_t end;             /* one past the last descendant */
    const char *text;        /* text nodes: the decoded text (not NUL-
                                terminated; see tlen) */
    uint32_t tlen;
    uint16_t tag;            /* GumboTag (elements) */
    uint16_t flags;
    int16_t weight;          /* class/id weight, readability style */
    uint32_t attrs;          /* elements: 1 + the index in aent of the
                                attributes set aside, 0 when none */
    /* Summed over the subtree by html_dom.c (text that is rendered): */
    uint32_t chars;          /* visible characters (no white space) */
    uint32_t link_chars;     /* of which inside links */
    uint32_t commas;
    uint32_t nblocks;        /* text blocks whose container is in it */
} kb_hnode;

/* Block kinds. */
enum {
    KB_HB_TEXT = 0,          /* inline text directly in a div, span... */
    KB_HB_P,
    KB_HB_HEADING,           /* h1..h6; level in kb_hblock.level */
    KB_HB_LI,
    KB_HB_CELL,              /* td, th */
    KB_HB_PRE,
    KB_HB_QUOTE,
    KB_HB_CAPTION,           /* figcaption, caption */
    KB_HB_DT,
};

typedef struct kb_hblock {
    uint32_t off, len;       /* text in kb_hpage.text (UTF-8, collapsed) */
    int32_t node;            /* container: innermost block/hinted element */
    int32_t first;           /* index of the block's first text node */
    int32_t neg;             /* innermost KB_HN_NEG ancestor, or -1 */
    int32_t unl;             /* innermost NEG-and-not-POS ancestor, or -1 */
    uint32_t chars, link_chars, commas;
    uint8_t kind, level;
} kb_hblock;

/* A chunk of gumbo's memory (html_dom.c). */
typedef struct kb_hchunk kb_hchunk;

/* One parsed page. Everything lives in arena, in gumbo's chunks (its tree)
 * or in the malloc'd arrays freed by kb_hpage_free. */
typedef struct kb_hpage {
    kb_arena arena;
    kb_hchunk *gmem;         /* gumbo's memory, newest chunk first */
    size_t gmem_next;        /* the size of the next chunk */
    GumboOutput *gumbo;
    kb_hnode *nodes;
    size_t nnodes;
    kb_hblock *blocks;
    size_t nblocks;
    char *text;              /* all block texts, each NUL-terminated */
    size_t text_len;
    int32_t body;            /* index of <body>, or 0 */
    int depth_capped;        /* the input nested deeper than we parse */
    char *src;               /* the filtered input gumbo parsed (owned) */
    size_t src_len;
    const char *orig;        /* the input (borrowed: it must outlive the page) */
    size_t orig_len;         /* its length (scripts included: html_date.c
                                reads time stamps there) */
    uint32_t *runs;          /* text runs left out of src: offset, length
                                pairs into orig (owned) */
    size_t nruns;
    /* Attributes set aside by the pre-pass: gumbo parses the start tag
     * without them (they are most of its input), its element finds them by
     * the tag's offset in src. kb_hattr reads both kinds. */
    char *astr;              /* names (lower case) and values, each NUL-
                                terminated (owned) */
    uint32_t *arec;          /* per tag, in src order: its offset in src,
                                its record's index in aent (owned) */
    size_t narec;
    uint32_t *aent;          /* records: a count, then as many (name,
                                value) offset pairs into astr (owned) */
} kb_hpage;

/* The pre-pass (html_prefilter.c): html[0..len) as gumbo is to parse it, in
 * p->src (NUL-terminated), with p->runs, p->nruns and p->depth_capped set.
 * KB_OK or KB_ENOMEM. */
int kb_hprefilter(const char *html, size_t len, kb_hpage *p);

/* A long run of plain text is handed to gumbo as KB_HMARK_OPEN, its index
 * in p->runs in decimal, KB_HMARK_CLOSE (U+E000, U+E001); html_dom.c puts
 * it back. */
#define KB_HMARK_OPEN "\xEE\x80\x80"
#define KB_HMARK_CLOSE "\xEE\x80\x81"

/* The first pat[0..m) in s[0..n), or NULL (memmem, which is not POSIX). */
const char *kb_hfind(const char *s, size_t n, const char *pat, size_t m);

/* Parse html[0..len) and flatten it. KB_OK, KB_ENOMEM. html must stay
 * valid while the page is used (long text runs are read from it directly).
 * The page must be released with kb_hpage_free (also after a failure). */
int kb_hpage_parse(kb_hpage *p, const char *html, size_t len);
void kb_hpage_free(kb_hpage *p);

/* Attribute value of an element node, or NULL. */
const char *kb_hattr(const kb_hpage *p, int32_t i, const char *name);

/* The visible text of node i's subtree (white space collapsed, blocks joined
 * by a space), appended to out. Skipped subtrees are left out. KB_OK or
 * KB_ENOMEM. */
int kb_hnode_text(const kb_hpage *p, int32_t i, kb_buf *out);

/* Lower-case ASCII copy helpers for matching. */
int kb_hcase_contains(const char *hay, const char *needle);

/* The words of s[0..len), a block's or title's text (white space collapsed
 * to single spaces): the runs of anything but ' '. Can not fail. */
size_t kb_hcount_words(const char *s, size_t len);

/* ---- metadata (html_meta.c, html_jsonld.c, html_date.c) */

/* What the page says about itself, from metas, JSON-LD and markup. All
 * strings live in the page arena; NULL when absent. */
typedef struct kb_hmeta {
    const char *og_title, *tw_title, *doc_title, *h1, *jsonld_title;
    int32_t h1_node;                /* the h1 chosen as title, or -1 */
    const char *site_name, *jsonld_publisher;
    const char *author, *jsonld_author;
    const char *canonical, *og_url;
    const char *lang;               /* <html lang>, meta content-language */
    const char *description;
    const char *generator;          /* meta generator: "MediaWiki 1.31.0" */
    const char **tags;
    size_t ntags;
    /* Dates: the best candidate of each source, ISO text as found. */
    const char *jsonld_published, *jsonld_modified;
    /* meta dates by the rank of their name (html_meta.c's lists, best
     * first): the first occurrence of each name */
#define KB_HMETA_RANKS 64
    const char *meta_published[KB_HMETA_RANKS], *meta_modified[KB_HMETA_RANKS];
    const char *shown_published;    /* the text of the first element (not a
                                       meta) marked itemprop=datePublished:
                                       the day as the page shows it */
} kb_hmeta;

/* Read the metas, <title>, <link rel=canonical>, <html lang>, the h1, the
 * author and tags (html_meta.c). KB_OK or KB_ENOMEM. */
int kb_hmeta_read(kb_hpage *p, kb_hmeta *m);

/* Does kb_hmeta_read read a <meta> named key (property, else name, else
 * itemprop, else http-equiv)? Can not fail. The pre-pass leaves out the
 * content of the others. */
int kb_hmeta_reads(const char *key);

/* Add to m->tags the links of tag boxes ("tags", "post-tags", "keywords")
 * around the content node near (html_meta.c). KB_OK or KB_ENOMEM. */
int kb_hmeta_tag_links(kb_hpage *p, kb_hmeta *m, int32_t near);

/* Read every <script type="application/ld+json"> into m (html_jsonld.c).
 * Bad JSON is ignored. KB_OK or KB_ENOMEM. */
int kb_hjsonld_read(kb_hpage *p, kb_hmeta *m);

/* The title of the page: og:title, twitter:title, the h1, <title>, with the
 * site name cut off (html_meta.c). Arena string or NULL. */
const char *kb_htitle(kb_hpage *p, const kb_hmeta *m, const char *host);

/* The element that shows the page's headline (title: kb_htitle's): where
 * its date and byline are looked for. The h1 chosen when it reads as the
 * title, else the first h1, h2 or h3 that does (a blog's h1 is the blog's
 * name, its post's title an h2 or h3), else the h1 chosen. A node index or
 * -1; can not fail. */
int32_t kb_hheadline(kb_hpage *p, const kb_hmeta *m, const char *title);

/* The region around the title (title_node, else body_node): where a page
 * writes its date and byline. The node three levels above it, or the
 * highest below <body>; -1 when both nodes are -1. Can not fail. */
int32_t kb_hheader_area(const kb_hpage *p, int32_t title_node, int32_t body_node);

/* Cut a site-name suffix or prefix off a title: "X - Site" -> "X" when Site
 * matches site (og:site_name), host (the host name without www.) or is
 * short. Returns an arena string (maybe title itself). */
const char *kb_htitle_cut(kb_arena *a, const char *title, const char *site,
                          const char *host);

/* An author's name from a byline ("By Jane Doe, Nov 18, 2019 • 2 min read"
 * -> "Jane Doe", "بقلم: أحمد فاضل" -> "أحمد فاضل"): an arena string, or NULL
 * when nothing name-like is left (or out of memory: the author is optional). */
const char *kb_hauthor_clean(kb_arena *a, const char *s, size_t len);

/* The host of a URL without "www.", in the arena; NULL when none. */
const char *kb_hurl_host(kb_arena *a, const char *url);

/* Publication and update dates (html_date.c). title_node is the node of the
 * title heading (or -1); body_node the content container (or -1). Fills
 * *published / *updated with arena ISO strings (or NULL) and *source with
 * "jsonld", "meta", "time", "url", "text" or "raw" (a date written in the
 * page's source, scripts included). lo_days/hi_days bound the
 * plausible day numbers; a date with a time and zone must also be at most
 * hi_minutes (minutes since 1970 UTC; INT64_MAX when unknown). KB_OK or
 * KB_ENOMEM. */
typedef struct kb_hdates {
    const char *published, *updated, *source;
} kb_hdates;
int kb_hdates_find(kb_hpage *p, const kb_hmeta *m, const char *url,
                   int32_t title_node, int32_t body_node,
                   int64_t lo_days, int64_t hi_days, int64_t hi_minutes,
                   kb_hdates *out);

/* ---- content (html_content.c) */

/* One article found in the page: its title (or NULL: the page title) and
 * body, both in the page arena, and the node it was found in. */
typedef struct kb_hpart {
    const char *title;
    const char *text;
    int32_t node;
} kb_hpart;

typedef struct kb_hcontent {
    kb_hpart *parts;         /* [0] is the main article (text may be "") */
    size_t nparts;
    const char **related;    /* headlines listed after a related marker */
    size_t nrelated;
    const char **tags;       /* tags from a tags line in the body */
    size_t ntags;
    int32_t node;            /* the chosen container, or -1 */
} kb_hcontent;

/* Find the article body (and embedded articles) in the page. title is the
 * page title (used to drop a repeated heading), may be NULL. Everything
 * lives in p->arena. KB_OK or KB_ENOMEM. */
int kb_hcontent_find(kb_hpage *p, const char *title, kb_hcontent *out);

#endif
