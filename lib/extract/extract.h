/* extract/extract.h -- internal interface of the extract stage, shared by the
 * scraped-text extractor (text_extract.c), the HTML extractor (html_*.c) and
 * the marker lists (markers.c). Not part of the public API. */
#ifndef KB_EXTRACT_H
#define KB_EXTRACT_H

#include "khabar.h"

/* What a line (or an HTML block's text) announces, judged on its normalised
 * form. */
typedef enum {
    KB_MARK_NONE = 0,
    KB_MARK_READ_ALSO,     /* "إقرأ أيضاً:", "اقرأ أيضا", "قد يهمك أيضا", "Read also" */
    KB_MARK_RELATED,       /* "مقالات مشابهة", "أخبار ذات صلة", "مواضيع ذات صلة",
                              "أخبار متعلقة", "Related articles" */
    KB_MARK_TAGS,          /* "كلمات دلالية:", "الكلمات الدلالية", "وسوم:", "Tags:" */
    KB_MARK_SOURCE,        /* "المصدر:" */
    KB_MARK_FURNITURE,     /* "أرسل تعليقك", share/print/comment prompts, cookie
                              notices: drop the line */
} kb_mark;

/* Classify a line of text (original spelling; normalised inside).
 * When the marker is followed by content on the same line (e.g.
 * "كلمات دلالية: العراق"), *rest_off receives the byte offset where that
 * content starts, else len. Never fails. */
kb_mark kb_mark_line(const char *line, size_t len, size_t *rest_off);

/* True when the line looks like leaked CSS or JavaScript
 * (".article-img-ratio{ display:block; ...}", "function(){...}"). */
int kb_is_code_line(const char *line, size_t len);

/* Cut leaked CSS/JS runs out of a line that also carries real text; returns
 * a new arena string, or line itself when there is nothing to cut. */
const char *kb_strip_code(kb_arena *a, const char *line, size_t len);

/* Extract from a plain-text page (text_extract.c). Appends the main article
 * then embedded ones. KB_OK, KB_EEMPTY, KB_ENOMEM. */
int kb_extract_text(const kb_doc *doc, kb_article_list *out);

/* Extract from an HTML page (html_extract.c). Same contract. */
int kb_extract_html(const kb_doc *doc, kb_article_list *out);

/* kb_article_set_id (article.c) with the normalised title and/or text
 * already at hand: ntitle is kb_normalize_str of a->title (ntl bytes),
 * ntext of a->text, or NULL to have them normalised here. They are malloc'd
 * and taken over: folded in place and freed, whatever the result. KB_OK or
 * KB_ENOMEM. */
int kb_article_set_id_from(kb_article *a, char *ntitle, size_t ntl, char *ntext, size_t nxl);

#endif
