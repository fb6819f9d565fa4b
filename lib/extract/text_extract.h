/* extract/text_extract.h -- helpers of the plain-text extractor
 * (text_extract.c, text_meta.c, text_dateline.c, text_words.c, markers.c)
 * that the HTML extractor may use too: code-run finding, continuation
 * words, display normalisation, tag segmentation, date lines, datelines and
 * bylines. Not part of the public API; extract.h holds the stage's main
 * internal interface. */
#ifndef KB_TEXT_EXTRACT_H
#define KB_TEXT_EXTRACT_H

#include "extract/extract.h"

/* A byte range in some string. */
typedef struct kb_span {
    size_t off, len;
} kb_span;

/* A growable array of strings that live elsewhere (an arena). The array is
 * malloc'd: free it with kb_strvec_free (the strings are not freed). */
typedef struct kb_strvec {
    const char **v;
    size_t n, cap;
} kb_strvec;

int kb_strvec_push(kb_strvec *sv, const char *s);   /* KB_OK/KB_ENOMEM */
void kb_strvec_free(kb_strvec *sv);

/* ---- markers.c */

/* Find the first run of leaked CSS or JavaScript in s[from..len): a
 * "selector { declarations }" rule (nested braces counted), and the rules or
 * ")();" glue right after it. Returns 1 and the run's [*start, *end) (end
 * past trailing spaces), *image set when the run styles images (an image
 * and its caption were there); 0 when there is none. Never fails. */
int kb_code_find(const char *s, size_t len, size_t from, size_t *start,
                 size_t *end, int *image);

/* Where site furniture glued after the last sentence of a paragraph starts
 * ("... القادم. رابط الخبر بصحيفة الوئام: ..."), len when there is none.
 * The furniture runs to the end of the line (30 words at most). */
size_t kb_tail_furniture(const char *s, size_t len);

/* True when the line opens like the continuation of a running story
 * ("وأضاف", "وقال", "من جهته", "كما"...), not like a lead. */
int kb_is_continuation(const char *line, size_t len);

/* The marker table, for tests: phrase i (normalised spelling) or NULL past
 * the end. */
const char *kb_marker_phrase(size_t i);

/* ---- text_meta.c (display, places, tags) and text_dateline.c (dates,
 *      datelines, bylines) */

enum {
    KB_DISP_TATWEEL = 1 << 0,  /* also drop tatweel (for tags) */
    KB_DISP_SPACES_ONLY = 1 << 1, /* only fold white space (non-Arabic text:
                                     letters and ZWNJ kept) */
};

/* Display normalisation of s[0..len): Persian and Urdu letter forms in
 * Arabic words to the Arabic ones (ی -> ي, ک -> ك, ە ہ -> ه, ۀ -> ة),
 * zero-width and bidi controls removed, runs of white space (NBSP included)
 * folded to one space and the ends trimmed. Keeps ة, ى, hamza forms and
 * harakat. Returns a NUL-terminated arena string, NULL when out of memory. */
char *kb_display_fix(kb_arena *a, const char *s, size_t len, unsigned flags);

/* False when kb_display_fix gives the same result with flags 0 and with
 * KB_DISP_SPACES_ONLY for s[0..len) and for every piece of it: no Persian
 * or Urdu letter form it rewrites, no zero-width or bidi control. Looks at
 * byte patterns, so broken sequences count too. Never fails. */
int kb_display_fix_differs(const char *s, size_t len);

/* Split a tag line's content s[0..len) into tags and append the new ones
 * (display-normalised, compared normalised for duplicates) to tags. With
 * explicit delimiters (، , | ; • ·  " - ") each piece is a tag; otherwise
 * the words are grouped: a noun with its adjectives ("الولايات المتحدة",
 * "التحالف الدولي"), a construct head with its complement ("قوات
 * التحالف"), a preposition with its noun ("في العراق"), "X ضد Y" kept
 * whole. Strings in a. KB_OK or KB_ENOMEM. */
int kb_tags_add(kb_arena *a, const char *s, size_t len, kb_strvec *tags);

/* Dates of one line. */
typedef struct kb_line_dates {
    int has_pub, has_upd;
    kb_date pub, upd;
    int labelled;      /* an explicit "تاريخ النشر" / "نشر في" / "آخر تحديث" /
                          "Published" label (a bare "التاريخ:" is not one) */
    int date_only;     /* nothing but dates and date labels on the line */
    kb_span place;     /* a dateline place before the date, len 0 if none */
    kb_span source;    /* the agency after it ("الرياض ... 2024 م واس") */
} kb_line_dates;

/* Look at a line for publication/update dates: each date kb_date_find
 * finds is published or updated by the label before it ("آخر تحديث",
 * "Updated" -> updated; otherwise the first is published). Returns 1 when
 * the line is a date line (date_only or labelled, and short), 0 otherwise
 * (a sentence that mentions a date). Never fails. */
int kb_date_line(const char *s, size_t len, kb_line_dates *out);

/* Who a dateline names. Spans into the line; len 0 when absent. */
typedef struct kb_dateline {
    kb_span place, source, author;
} kb_dateline;

/* A stand-alone dateline line: "بغداد ـ العرب اليوم" (place, source),
 * "الرياض - واس", "القاهرة (رويترز)", "ناصر الطميحي ـ جدة" (author,
 * place), "سبق - جدة" (source, place). Which name is which is decided by
 * what is known of them (places, agencies) and their shape (a person's name
 * does not start with "ال"). Returns 1 when the line is one, else 0. */
int kb_dateline_line(const char *s, size_t len, kb_dateline *out);

/* A dateline or outlet prefix at the start of a paragraph: "المستقلة/-",
 * "بغداد/ المستقلة/-", "القاهرة (رويترز) -", "الرياض - واس -",
 * "سبق - جدة:", "رويترز- بنغازي (ليبيا):", "نافل السبيعي – سبق:",
 * "واشنطن -" (known places only). Returns the number of bytes the prefix
 * takes (separators and spaces after it included), 0 when there is none. */
size_t kb_dateline_prefix(const char *s, size_t len, kb_dateline *out);

/* A byline: "بقلم: فلان", "كتب: فلان", "- كتب فلان", "By Jane Doe".
 * Returns 1 and the name span; 0 when the line is not a byline. */
int kb_byline(const char *s, size_t len, kb_span *name);

/* True when the normalised word(s) name a well-known place (capitals and
 * big cities of the Arab world and beyond) -- for dateline decisions. */
int kb_is_place(const char *norm, size_t len);

/* Source name cleaned: quotes, brackets and trailing punctuation removed,
 * display-normalised. Arena string, NULL when out of memory or empty. */
char *kb_clean_name(kb_arena *a, const char *s, size_t len);

/* ---- text_words.c: helpers of text_meta.c and text_dateline.c */

/* A word of a line: its byte span. */
typedef struct kb_word {
    size_t off, len;
} kb_word;

/* The code point at s[i] (-1 for a bad byte); *next gets the next offset.
 * Inline: every character loop of the extractor goes through it. */
static inline int32_t kb_tw_cp(const char *s, size_t len, size_t i, size_t *next)
{
    size_t k = i;
    int32_t cp = kb_utf8_decode(s, len, &k);
    if (next) *next = k;
    return cp;
}
int kb_tw_is_space(int32_t cp);       /* white space, NBSP and the like */
int kb_tw_is_invisible(int32_t cp);   /* zero-width and bidi controls, soft hyphen */
int kb_tw_is_dash(int32_t cp);        /* - – — and tatweel */
int kb_tw_is_digit(int32_t cp);       /* ASCII, Arabic-Indic, Persian digits */
int kb_tw_is_letter(int32_t cp);      /* Arabic-script and Latin letters */
/* Is w[0..n) one of the nlist strings of list? */
int kb_tw_in_list(const char *const *list, size_t nlist, const char *w, size_t n);
#define KB_TW_IN(list, w, n) kb_tw_in_list(list, sizeof list / sizeof list[0], w, n)
int kb_tw_ends_with(const char *w, size_t n, const char *suf);
int kb_tw_starts_with(const char *w, size_t n, const char *pre);
size_t kb_tw_nchars(const char *s, size_t n);   /* code points */
/* Split s[0..len) at white space into at most max words; returns the count,
 * *more (when given) set when words were left over. */
size_t kb_tw_split(const char *s, size_t len, kb_word *w, size_t max, int *more);
int kb_tw_has_digit(const char *s, size_t len);
int kb_tw_has_letter(const char *s, size_t len);
size_t kb_tw_ltrim(const char *s, size_t i);     /* past spaces and tabs from i */
size_t kb_tw_rtrim(const char *s, size_t len);   /* before trailing spaces */
int kb_tw_is_dash_token(const char *s, size_t len);
/* The normalised form of s[0..len), its leading and trailing non-letters
 * cut, into buf (cap bytes); the length, 0 when it does not fit (or out of
 * memory). */
size_t kb_tw_norm_word(const char *s, size_t len, char *buf, size_t cap);

#endif
