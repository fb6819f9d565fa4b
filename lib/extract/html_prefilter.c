/* extract/html_prefilter.c -- HTML extraction, step 0: the pre-pass over a
 * page before gumbo parses it (html_dom.c), which keeps from gumbo what is
 * never read and bounds what would make it slow.
 *
 * Gumbo reads every byte one character at a time and allocates for every
 * token, so what it is not given costs nothing: comments, the content of
 * scripts (JSON-LD is kept), styles, SVG, noscript and template elements,
 * the items of <nav> menus and <select>s, the site's <footer> and <aside>s
 * outside any <article> or <main>, the attributes nothing reads. The
 * attributes read are set aside (kb_hpage.astr...) and gumbo is handed the
 * bare start tag; long stretches of plain text, and JSON-LD, are handed
 * over as short marks and put back when the tree is read. All of it is
 * done only where gumbo would read the bytes as they are written (no
 * character reference, no character it replaces), so the tree read back
 * is the one gumbo builds from the whole page. Gumbo is quadratic on
 * pathological nesting (it checks element scopes by scanning its stack of
 * open elements) and on a tag with thousands of attributes (its duplicate
 * check): start tags beyond KB_HTML_MAX_DEPTH open elements are dropped
 * (their text is kept), and a tag with more than KB_HTML_MAX_ATTRS
 * attributes is kept bare. One linear pass, memchr-driven.
 */
#include "extract/html.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define KB_HTML_MAX_DEPTH 512
#define KB_HTML_MAX_ATTRS 256

/* ------------------------------------------------------------ tags */

/* How the pre-scan treats a tag. */
enum { TC_NEST, TC_FLAT, TC_RAW, TC_DROP, TC_NAV, TC_SIDE };

/* gumbo_tagn_enum, the most common names first. */
#define T3(a, b, c) ((uint64_t)(a) | (uint64_t)(b) << 8 | (uint64_t)(c) << 16)
#define T6(a, b, c, d, e, f) (T3(a, b, c) | T3(d, e, f) << 24)

static GumboTag tag_enum(const char *name, size_t n)
{
    uint64_t x = 0;
    if (n > 6) return gumbo_tagn_enum(name, (unsigned)n);
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)name[k];
        x |= (uint64_t)(c >= 'A' && c <= 'Z' ? c + 32 : c) << (8 * k);
    }
    switch (x) {
    case T3('a', 0, 0): return GUMBO_TAG_A;
    case T3('d', 'i', 'v'): return GUMBO_TAG_DIV;
    case T6('s', 'p', 'a', 'n', 0, 0): return GUMBO_TAG_SPAN;
    case T3('l', 'i', 0): return GUMBO_TAG_LI;
    case T3('p', 0, 0): return GUMBO_TAG_P;
    case T3('u', 'l', 0): return GUMBO_TAG_UL;
    case T3('i', 'm', 'g'): return GUMBO_TAG_IMG;
    case T3('i', 0, 0): return GUMBO_TAG_I;
    case T6('m', 'e', 't', 'a', 0, 0): return GUMBO_TAG_META;
    case T6('l', 'i', 'n', 'k', 0, 0): return GUMBO_TAG_LINK;
    case T6('s', 'c', 'r', 'i', 'p', 't'): return GUMBO_TAG_SCRIPT;
    default: return gumbo_tagn_enum(name, (unsigned)n);
    }
}

static int tag_class(const char *name, size_t n, GumboTag *tag)
{
    switch ((*tag = tag_enum(name, n))) {
    /* void, or an end tag that is optional: they do not nest */
    case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BR: case GUMBO_TAG_COL:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_HR: case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK: case GUMBO_TAG_WBR: case GUMBO_TAG_KEYGEN: case GUMBO_TAG_P:
    case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_OPTION:
    case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_RB: case GUMBO_TAG_RT: case GUMBO_TAG_RP: case GUMBO_TAG_RTC:
    case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD: case GUMBO_TAG_BODY: case GUMBO_TAG_IMAGE:
        return TC_FLAT;
    /* raw text: skip to the end tag */
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_TITLE: case GUMBO_TAG_XMP: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES:
        return TC_RAW;
    /* content never read: dropped before parsing (most of a modern page's
     * bytes are scripts and styles, and gumbo reads every byte); a script
     * of JSON-LD is kept */
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_SVG:
    case GUMBO_TAG_TEMPLATE:
        return TC_DROP;
    /* menus: never text, often a fifth of a page's markup */
    case GUMBO_TAG_NAV: case GUMBO_TAG_SELECT:
        return TC_NAV;
    /* a site's footer and sidebars (outside any article or main element) */
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE:
        return TC_SIDE;
    default:
        return TC_NEST;
    }
}

/* Does the quote at s[k] open a value (the last character before it but
 * spaces, tabs and line feeds is '=')? tag_end and scan_tag agree so. */
static int quote_opens(const char *s, size_t k)
{
    while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t' || s[k - 1] == '\n')) k--;
    return k > 0 && s[k - 1] == '=';
}

/* Position after the end of the tag starting at s[i] == '<' (quotes in
 * attribute values respected); *nattr counts its '=' signs (attributes with
 * a value). */
static size_t tag_end(const char *s, size_t n, size_t i, size_t *nattr)
{
    char q = 0;
    *nattr = 0;
    for (i++; i < n; i++) {
        char c = s[i];
        if (q) {
            if (c == q) q = 0;
        } else if (c == '"' || c == '\'') {
            if (quote_opens(s, i)) q = c;      /* a quote only opens a value after '=' */
        } else if (c == '=') {
            (*nattr)++;
        } else if (c == '>') {
            return i + 1;
        }
    }
    return n;
}

/* The first needle (which starts with "</") in s[0..n), ignoring case. */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++) {
        const char *p = memchr(s + i, '<', n - i);
        if (!p) return NULL;
        i = (size_t)(p - s);
        if (i + m <= n && p[1] == needle[1] && strncasecmp(p, needle, m) == 0) return p;
    }
    return NULL;
}

const char *kb_hfind(const char *s, size_t n, const char *pat, size_t m)
{
    if (m == 0) return s;
    while (n >= m) {
        const char *c = memchr(s, pat[0], n - m + 1);
        if (!c) return NULL;
        if (memcmp(c, pat, m) == 0) return c;
        n -= (size_t)(c - s) + 1;
        s = c + 1;
    }
    return NULL;
}

typedef struct u32v {
    uint32_t *v;
    size_t n, cap;
} u32v;

/* Room for extra more values. KB_OK or KB_ENOMEM. */
static int u32_reserve(u32v *a, size_t extra)
{
    if (a->cap - a->n >= extra) return KB_OK;
    size_t cap = a->cap ? a->cap : 256;
    while (cap - a->n < extra) cap *= 2;
    uint32_t *v = realloc(a->v, cap * sizeof *v);
    if (!v) return KB_ENOMEM;
    a->v = v;
    a->cap = cap;
    return KB_OK;
}

static int u32_push(u32v *a, uint32_t x)
{
    if (a->n == a->cap && u32_reserve(a, 1) != KB_OK) return KB_ENOMEM;
    a->v[a->n++] = x;
    return KB_OK;
}

typedef struct filt {
    kb_buf out;
    size_t copied;          /* input bytes up to here are handled */
    uint32_t *runs;         /* text runs replaced by a mark: offset, length */
    size_t nruns, cap;
    int marks_ok;           /* the page has no U+E000 of its own */
    kb_buf astr;            /* attributes kept aside: see kb_hpage */
    u32v arec, aent;
} filt;

/* A long run of plain text (no markup, no character reference) between
 * two tags is handed to gumbo as a short mark, U+E000 index U+E001, and
 * put back when the tree is read: gumbo spends most of its time per
 * character, and the run's bytes are already what it would produce. */
#define KB_RUN_MIN 32

static int cut(filt *f, const char *s, size_t upto, size_t resume);

static int html_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f';
}

/* What plain_end lets through besides the characters gumbo hands over
 * unchanged. */
enum { PL_AMP = 1, PL_LT = 2, PL_CR = 4 };

/* Where the characters that gumbo hands over unchanged end, from s[i] (at
 * most b): not a character reference ('&'), not '<', not a carriage return
 * (gumbo makes it a line feed) unless allowed, not a NUL, a control
 * character (but white space), a C1 control or a noncharacter, which gumbo
 * replaces. The input is UTF-8 (the reader makes it so); a byte that is
 * not ends the stretch too. */
static size_t plain_end(const unsigned char *s, size_t i, size_t b, unsigned allow)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    while (i < b) {
        /* eight printable ASCII bytes but '<' and '&' at a time */
        while (i + 8 <= b) {
            uint64_t x, lt, amp;
            memcpy(&x, s + i, 8);
            lt = x ^ (ones * '<');
            amp = x ^ (ones * '&');
            if (((x - ones * 0x20) | x | (x + ones * 0x01) | ((lt - ones) & ~lt) | ((amp - ones) & ~amp)) &
                highs)
                break;
            i += 8;
        }
        if (i >= b) break;
        unsigned c = s[i];
        if (c >= 0xC2 && c <= 0xDF) {   /* two bytes: not a C1 control */
            if (i + 1 >= b || (s[i + 1] & 0xC0) != 0x80 || (c == 0xC2 && s[i + 1] < 0xA0)) return i;
            i += 2;
            continue;
        }
        if (c >= 0x20 && c < 0x7F) {
            if ((c == '<' && !(allow & PL_LT)) || (c == '&' && !(allow & PL_AMP))) return i;
            i++;
            continue;
        }
        if (c < 0x20) {
            if (c != '\t' && c != '\n' && c != '\f' && !(c == '\r' && (allow & PL_CR))) return i;
            i++;
            continue;
        }
        if (c == 0x7F || c < 0xC2 || c > 0xF4) return i;
        size_t w = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (i + w > b) return i;
        uint32_t cp = c & (0x7F >> w);
        for (size_t k = 1; k < w; k++) {
            if ((s[i + k] & 0xC0) != 0x80) return i;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if ((w == 3 && cp < 0x800) || (w == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp <= 0x9F || (cp >= 0xFDD0 && cp <= 0xFDEF) ||
            (cp & 0xFFFE) == 0xFFFE)
            return i;
        i += w;
    }
    return b;
}

/* Hand s[a..b) to gumbo as a mark. KB_OK or KB_ENOMEM. */
static int mark(filt *f, const char *s, size_t a, size_t b)
{
    if (f->nruns == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 256;
        uint32_t *v = realloc(f->runs, cap * 2 * sizeof *v);
        if (!v) return KB_ENOMEM;
        f->runs = v;
        f->cap = cap;
    }
    f->runs[2 * f->nruns] = (uint32_t)a;
    f->runs[2 * f->nruns + 1] = (uint32_t)(b - a);
    char m[32], d[24];
    size_t nd = 0, k = f->nruns, ml = 0;
    do d[nd++] = (char)('0' + k % 10); while ((k /= 10) != 0);
    memcpy(m, KB_HMARK_OPEN, 3);
    ml = 3;
    while (nd) m[ml++] = d[--nd];
    memcpy(m + ml, KB_HMARK_CLOSE, 3);
    ml += 3;
    if (cut(f, s, a, b) != KB_OK || kb_buf_append(&f->out, m, ml) != KB_OK) return KB_ENOMEM;
    f->nruns++;
    return KB_OK;
}

/* The text s[a..b) between two tags, handed over with its long stretches
 * of plain text as marks: a stretch ends at a character reference or a
 * character gumbo would change, which is left to gumbo up to the next
 * white space; white space that starts a stretch is left to gumbo too
 * (gumbo tells white space from text). A run holding a '<' (text, not a
 * tag) is left whole. KB_OK or KB_ENOMEM. */
static int maybe_mark(filt *f, const char *s, size_t a, size_t b)
{
    if (!f->marks_ok || b - a < KB_RUN_MIN || a < f->copied || b > UINT32_MAX) return KB_OK;
    if (memchr(s + a, '<', b - a)) return KB_OK;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = a; i < b;) {
        while (i < b && html_space(s[i])) i++;
        size_t e = plain_end(u, i, b, PL_CR);
        if (e - i >= KB_RUN_MIN && mark(f, s, i, e) != KB_OK) return KB_ENOMEM;
        if (e >= b) break;
        for (i = e + 1; i < b && !html_space(s[i]);) i++;
    }
    return KB_OK;
}

/* Copy the input from f->copied to upto, then skip to resume. */
static int cut(filt *f, const char *s, size_t upto, size_t resume)
{
    if (upto > f->copied && kb_buf_append(&f->out, s + f->copied, upto - f->copied) != KB_OK)
        return KB_ENOMEM;
    f->copied = resume;
    return KB_OK;
}

/* Is s[i] == '<' followed by name[0..l) (lower case), then not a letter or
 * digit? */
static int tag_at(const char *s, size_t n, size_t i, const char *name, size_t l)
{
    return i + l + 1 < n && tolower((unsigned char)s[i + 1]) == name[0] &&
           strncasecmp(s + i + 1, name, l) == 0 && !isalnum((unsigned char)s[i + 1 + l]);
}

/* ------------------------------------------------------------ attributes */

/* Three quarters of what gumbo would parse on a typical page are attribute
 * values nothing reads (src, srcset, data-*, onclick, aria-*, value...), and
 * gumbo copies them character by character. A start tag of a common
 * element keeps only the attributes the extractor reads (html_*.c call
 * kb_hattr with these names) and those gumbo's tree building looks at
 * (type of <input>); those it reads are set aside when gumbo would read
 * their values as they are written, and gumbo gets the bare tag. The
 * formatting elements (<b>, <i>, <font>...) keep theirs: gumbo compares
 * their attributes (three identical ones open at once drop the earliest),
 * and so do the rare elements not listed and <html> and <body> (gumbo adds
 * a second start tag's attributes to them). */
enum { AT_DROP, AT_KEEP, AT_BARE };

static int rewritable(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_A: case GUMBO_TAG_DIV: case GUMBO_TAG_SPAN: case GUMBO_TAG_LI:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_IMG: case GUMBO_TAG_META:
    case GUMBO_TAG_LINK: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_P: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_BUTTON: case GUMBO_TAG_INPUT: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_SOURCE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_FORM:
    case GUMBO_TAG_LABEL: case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_MAIN: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TIME: case GUMBO_TAG_SVG:
    case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_VIDEO: case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_HTML: case GUMBO_TAG_BODY: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_HR:
    case GUMBO_TAG_BR: case GUMBO_TAG_TITLE:
        return 1;
    default:
        return 0;
    }
}

/* The attribute names kept (all short): the name a[0..n) in lower case
 * into buf[KB_ANAME], or 0 when it is longer than any kept. */
#define KB_ANAME 12

static int lower_name(const char *a, size_t n, char *buf)
{
    if (n >= KB_ANAME) return 0;
    for (size_t k = 0; k < n; k++) {
        char c = a[k];
        buf[k] = c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
    }
    buf[n] = '\0';
    return 1;
}

/* What becomes of attribute a (lower case, NUL-terminated) of a tag t:
 * kept, dropped, or kept without its value (an <a>'s href: only that there
 * is one is read). */
static int attr_use(GumboTag t, const char *a, int has_href)
{
    static const char *const any[] = {
        "class", "id", "itemprop", "style", "role", "hidden", "content", "datetime",
        "rel", "type", "pubdate", "data-date", "data-time", NULL
    };
    for (size_t k = 0; any[k]; k++)
        if (a[0] == any[k][0] && strcmp(a, any[k]) == 0) return AT_KEEP;
    if (strcmp(a, "title") == 0)        /* read on elements outside links */
        return t == GUMBO_TAG_A && has_href ? AT_DROP : AT_KEEP;
    if (strcmp(a, "href") == 0)
        return t == GUMBO_TAG_LINK ? AT_KEEP : t == GUMBO_TAG_A ? AT_BARE : AT_DROP;
    if (t == GUMBO_TAG_META &&
        (strcmp(a, "name") == 0 || strcmp(a, "property") == 0 || strcmp(a, "http-equiv") == 0))
        return AT_KEEP;
    if (t == GUMBO_TAG_HTML && (strcmp(a, "lang") == 0 || strcmp(a, "xml:lang") == 0))
        return AT_KEEP;
    return AT_DROP;
}

typedef struct aspan {
    size_t a, ne, e;        /* name start, name end, attribute end */
    size_t vs, ve;          /* the value (without quotes); vs == ve == ne: none */
} aspan;

#define KB_TAG_SPANS 64

/* The start tag whose name ends at s[from], read as an HTML5 tokenizer
 * reads it: its attributes into v (at most KB_TAG_SPANS) and *nv, the '='
 * signs outside quoted values into *nattr. Returns the position after its
 * '>', or 0 when it cannot be read so or when tag_end would end it
 * elsewhere (a quote one takes for the opening of a value and the other
 * does not): tag_end decides then, and the tag is left as it is. */
static size_t scan_tag(const char *s, size_t n, size_t from, aspan *v, int *nv, size_t *nattr)
{
    size_t k = from, eq = 0;
    *nv = 0;
    for (;;) {
        while (k < n && (html_space(s[k]) || s[k] == '/')) k++;
        if (k >= n) return 0;
        if (s[k] == '>') break;
        size_t a = k;
        do {                            /* the name; its first character may be '=' */
            if (s[k] == '=') eq++;
            else if ((s[k] == '"' || s[k] == '\'') && quote_opens(s, k)) return 0;
            k++;
        } while (k < n && !html_space(s[k]) && s[k] != '/' && s[k] != '>' && s[k] != '=');
        size_t ne = k, e = k, vs = k, ve = k;
        while (k < n && html_space(s[k])) k++;
        if (k < n && s[k] == '=') {
            eq++;
            size_t w = ++k;
            while (k < n && html_space(s[k])) k++;
            if (k >= n) return 0;
            if (s[k] == '"' || s[k] == '\'') {
                for (size_t j = w; j < k; j++)
                    if (s[j] == '\r' || s[j] == '\f') return 0;
                const char *q = memchr(s + k + 1, s[k], n - k - 1);
                if (!q) return 0;
                vs = k + 1;
                ve = (size_t)(q - s);
                k = ve + 1;
            } else {
                vs = k;
                for (; k < n && !html_space(s[k]) && s[k] != '>'; k++) {
                    if (s[k] == '=') eq++;
                    else if ((s[k] == '"' || s[k] == '\'') && quote_opens(s, k)) return 0;
                }
                ve = k;
            }
            e = k;
        }
        if (*nv == KB_TAG_SPANS) return 0;
        v[(*nv)++] = (aspan){ a, ne, e, vs, ve };
    }
    *nattr = eq;
    return k + 1;
}

/* Can the value v[0..n) be set aside as it is written: is it what gumbo
 * would make of it? */
static int plain_value(const unsigned char *v, size_t n)
{
    return plain_end(v, 0, n, PL_LT) == n;
}

/* Elements whose kept attributes are set aside (see kb_hpage): all that
 * are rewritten but <html> and <body>, whose attributes gumbo merges with
 * those of a second start tag. */
static int set_aside(GumboTag t)
{
    return t != GUMBO_TAG_HTML && t != GUMBO_TAG_BODY;
}

/* Put attribute v, named name (its value's bytes, or "" when bare), in the
 * record being built from aent[rec], unless the record has one of that name
 * (gumbo keeps the first). Room was made by put_start_tag. */
static void aside(filt *f, const char *s, const aspan *v, const char *name, int bare, size_t rec)
{
    size_t nl = strlen(name);
    for (size_t k = 0; k < f->aent.v[rec]; k++)
        if (strcmp(f->astr.data + f->aent.v[rec + 1 + 2 * k], name) == 0) return;
    size_t vs = bare ? v->ne : v->vs, ve = bare ? v->ne : v->ve;
    char *o = f->astr.data + f->astr.len;
    memcpy(o, name, nl + 1);
    memcpy(o + nl + 1, s + vs, ve - vs);
    o[nl + 1 + ve - vs] = '\0';
    f->aent.v[f->aent.n++] = (uint32_t)f->astr.len;
    f->aent.v[f->aent.n++] = (uint32_t)(f->astr.len + nl + 1);
    f->astr.len += nl + 1 + ve - vs + 1;
    f->aent.v[rec]++;
}

/* The first of the nv attributes named name (lower case), or -1. */
static int attr_index(char (*names)[KB_ANAME], int nv, const char *name)
{
    for (int k = 0; k < nv; k++)
        if (strcmp(names[k], name) == 0) return k;
    return -1;
}

/* What nothing reads of a <meta> or <link> (tag t, attributes v named
 * names) is left out (use[k] = AT_DROP): the content of a meta whose name
 * kb_hmeta_reads does not read, the href of a link that is not the
 * canonical one. A name or rel gumbo would change (a character reference)
 * leaves them. */
static void unread_values(const char *s, const aspan *v, int nv, char (*names)[KB_ANAME],
                          uint8_t *use, GumboTag t)
{
    static const char *const keys[] = { "property", "name", "itemprop", "http-equiv", NULL };
    int k = -1, read = 0;
    if (t == GUMBO_TAG_META) {
        for (int o = 0; keys[o] && k < 0; o++) k = attr_index(names, nv, keys[o]);
        if (k >= 0) {
            const unsigned char *key = (const unsigned char *)s + v[k].vs;
            size_t kl = v[k].ve - v[k].vs;
            char buf[128];
            if (!plain_value(key, kl)) return;
            if (kl < sizeof buf) {
                memcpy(buf, key, kl);
                buf[kl] = '\0';
                read = kb_hmeta_reads(buf);
            }
        }
    } else {
        k = attr_index(names, nv, "rel");
        if (k >= 0) {
            const unsigned char *rel = (const unsigned char *)s + v[k].vs;
            size_t rl = v[k].ve - v[k].vs;
            if (!plain_value(rel, rl)) return;
            for (size_t j = 0; j + 9 <= rl && !read; j++)
                read = strncasecmp((const char *)rel + j, "canonical", 9) == 0;
        }
    }
    if (read) return;
    for (k = 0; k < nv; k++)
        if (strcmp(names[k], t == GUMBO_TAG_META ? "content" : "href") == 0) use[k] = AT_DROP;
}

/* Copy the start tag s[i..end) (its name ends at s[ne], tag t, its nv
 * attributes v as scan_tag read them; nv < 0: not read) to the output with
 * only the attributes read, when some are not; when they can be, set them
 * aside and hand gumbo the bare tag (an <input>'s type stays: gumbo reads
 * it). KB_OK or KB_ENOMEM. */
static int put_start_tag(filt *f, const char *s, size_t i, size_t ne, size_t end, GumboTag t,
                         const aspan *v, int nv)
{
    uint8_t use[KB_TAG_SPANS];
    int has_href = 0, changed = 0, plain = set_aside(t);
    char names[KB_TAG_SPANS][KB_ANAME];
    if (nv <= 0) return KB_OK;
    for (int k = 0; k < nv; k++) {
        if (!lower_name(s + v[k].a, v[k].ne - v[k].a, names[k])) names[k][0] = '\0';
        if (strcmp(names[k], "href") == 0) has_href = 1;
    }
    for (int k = 0; k < nv; k++)
        use[k] = names[k][0] ? (uint8_t)attr_use(t, names[k], has_href) : AT_DROP;
    if (t == GUMBO_TAG_META || t == GUMBO_TAG_LINK) unread_values(s, v, nv, names, use, t);
    for (int k = 0; k < nv; k++) {
        changed |= use[k] != AT_KEEP;
        if (use[k] == AT_KEEP && plain)
            plain = plain_value((const unsigned char *)s + v[k].vs, v[k].ve - v[k].vs);
    }
    if (f->astr.len + (end - i) * 2 + 64 > UINT32_MAX) plain = 0;
    if (!changed && !plain) return KB_OK;
    if (cut(f, s, i, end) != KB_OK) return KB_ENOMEM;
    size_t at = f->out.len, rec = f->aent.n;
    if (kb_buf_append(&f->out, s + i, ne - i) != KB_OK) return KB_ENOMEM;
    /* room for the record: names and values are shorter than the tag */
    if (plain && (u32_push(&f->aent, 0) != KB_OK || u32_reserve(&f->aent, 2 * (size_t)nv) != KB_OK ||
                  kb_buf_reserve(&f->astr, (end - i) + 2 * (size_t)nv + 1) != KB_OK))
        return KB_ENOMEM;
    for (int k = 0; k < nv; k++) {
        if (use[k] == AT_DROP) continue;
        if (plain && !(t == GUMBO_TAG_INPUT && strcmp(names[k], "type") == 0)) {
            aside(f, s, &v[k], names[k], use[k] == AT_BARE, rec);
            continue;
        }
        size_t e = use[k] == AT_BARE ? v[k].ne : v[k].e;
        if (kb_buf_putc(&f->out, ' ') != KB_OK || kb_buf_append(&f->out, s + v[k].a, e - v[k].a) != KB_OK)
            return KB_ENOMEM;
    }
    if (plain) {
        if (!f->aent.v[rec]) f->aent.n = rec;      /* nothing kept */
        else if (u32_push(&f->arec, (uint32_t)at) != KB_OK || u32_push(&f->arec, (uint32_t)rec) != KB_OK)
            return KB_ENOMEM;
    }
    return kb_buf_append(&f->out, s + v[nv - 1].e, end - v[nv - 1].e);
}

/* The start tag s[i..end) with nattr valued attributes (v, nv: see
 * put_start_tag), its name ending at s[ne], into the output: bare when it has too many attributes (gumbo
 * looks for duplicates by scanning the ones it has: quadratic on a tag
 * with thousands), else with the attributes read. KB_OK or KB_ENOMEM. */
static int start_tag(filt *f, const char *s, size_t i, size_t ne, size_t end, size_t nattr,
                     GumboTag t, const aspan *v, int nv)
{
    if (nattr <= KB_HTML_MAX_ATTRS) return put_start_tag(f, s, i, ne, end, t, v, nv);
    if (cut(f, s, i, end) != KB_OK || kb_buf_append(&f->out, s + i, ne - i) != KB_OK ||
        kb_buf_putc(&f->out, '>') != KB_OK)
        return KB_ENOMEM;
    return KB_OK;
}

/* Where the <nav> (<select>, <footer>, <aside>) whose content starts at from ends: the
 * position of its matching end tag, or n when there is none, or when what
 * it holds looks like text (an article, paragraphs) -- then it is parsed
 * like any element. */
static size_t menu_end(const char *s, size_t n, size_t from, const char *name)
{
    char close[16] = "/";
    strcat(close, name);
    size_t nl = strlen(name);
    int depth = 1, paras = 0;
    for (size_t i = from; i < n; i++) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt) return n;
        i = (size_t)(lt - s);
        if (tag_at(s, n, i, name, nl)) depth++;
        else if (tag_at(s, n, i, close, nl + 1)) {
            if (--depth == 0) return i;
        } else if (tag_at(s, n, i, "article", 7) || tag_at(s, n, i, "main", 4) ||
                   (tag_at(s, n, i, "p", 1) && ++paras > 8)) {
            return n;
        }
    }
    return n;
}

/* The filtered page in p->src (NUL-terminated): comments gone, the content
 * of script (but JSON-LD), style, noscript, svg and template elements and
 * of menus gone, long text runs replaced by marks (p->runs), start tags
 * beyond KB_HTML_MAX_DEPTH open elements (with as many end tags) gone,
 * p->depth_capped set when they were. KB_OK or KB_ENOMEM. */
int kb_hprefilter(const char *s, size_t n, kb_hpage *p)
{
    size_t depth = 0, excess = 0, i = 0, text_start = 0;
    unsigned no_menu_end = 0;   /* tags (bit tag % 32) with an unclosed one */
    size_t in_article = 0;      /* open <article> and <main> elements */
    filt f = { .copied = 0 };
    f.marks_ok = kb_hfind(s, n, KB_HMARK_OPEN, 3) == NULL;
    if (kb_buf_reserve(&f.out, n / 2 + 64) != KB_OK) return KB_ENOMEM;
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt) break;
        i = (size_t)(lt - s);
        if (i + 1 >= n) break;
        char c = s[i + 1];
        /* markup starts here (unless this '<' is text, then the run has a
         * '<' and is left alone) */
        if ((c == '!' || c == '?' || c == '/' || isalpha((unsigned char)c)) &&
            maybe_mark(&f, s, text_start, i) != KB_OK)
            goto oom;
        if (c == '!' || c == '?') {
            size_t e;
            if (i + 3 < n && s[i + 2] == '-' && s[i + 3] == '-') {
                const char *d = NULL;
                for (size_t k = i + 4; k + 3 <= n;) {
                    const char *h = memchr(s + k, '-', n - k);
                    if (!h || (size_t)(h - s) + 3 > n) break;
                    if (h[1] == '-' && h[2] == '>') { d = h + 3; break; }
                    k = (size_t)(h - s) + 1;
                }
                e = d ? (size_t)(d - s) : n;
                if (cut(&f, s, i, e) != KB_OK) goto oom;     /* a comment */
            } else {
                const char *d = memchr(s + i, '>', n - i);
                e = d ? (size_t)(d - s) + 1 : n;              /* doctype, <?xml */
            }
            i = text_start = e;
            continue;
        }
        int close = c == '/';
        size_t ns = i + 1 + (size_t)close, ne = ns;
        while (ne < n && (isalnum((unsigned char)s[ne]) || s[ne] == '-' || s[ne] == ':')) ne++;
        if (ne == ns || !isalpha((unsigned char)s[ns])) { i++; continue; }
        const char *name = s + ns;
        size_t nl = ne - ns, nattr = 0, end = 0;
        GumboTag tag;
        int drop = 0, emitted = 0, tc = tag_class(name, nl, &tag), nspans = -1;
        aspan spans[KB_TAG_SPANS];
        if (!close && rewritable(tag) && ne < n && (html_space(s[ne]) || s[ne] == '/' || s[ne] == '>') &&
            !(end = scan_tag(s, n, ne, spans, &nspans, &nattr)))
            nspans = -1;
        if (!end) end = tag_end(s, n, i, &nattr);
        if (tc == TC_SIDE) tc = in_article ? TC_NEST : TC_NAV;
        if (tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN) {
            if (close && in_article) in_article--;
            else if (!close && !(end >= 2 && s[end - 2] == '/')) in_article++;
        }
        if (close) {
            if (tc != TC_FLAT) {
                if (excess) { excess--; drop = 1; }
                else if (depth) depth--;
            }
        } else if (tc == TC_RAW || tc == TC_DROP) {
            /* skip to the end tag; drop what is between unless we read it */
            char endtag[16] = "</";
            memcpy(endtag + 2, name, nl);
            endtag[2 + nl] = '\0';
            /* "<x/>": no end tag is looked for, the rest of the page is
             * left as it is (only a foreign element, <svg/>, is closed so;
             * gumbo reads the content of "<script/>" to its end tag, with
             * the escapes "<!--" makes there) */
            int selfclose = end >= 2 && s[end - 2] == '/';
            const char *e = selfclose ? NULL : find_ci(s + end, n - end, endtag);
            size_t cstart = end, cend = e ? (size_t)(e - s) : n;
            int keep = tc == TC_RAW, jsonld = 0;
            if (!keep && nl == 6 && strncasecmp(name, "script", 6) == 0) {
                /* JSON-LD stays */
                for (size_t k = i; k + 7 <= end; k++)
                    if (strncasecmp(s + k, "ld+json", 7) == 0) { keep = jsonld = 1; break; }
            }
            if (start_tag(&f, s, i, ne, end, nattr, tag, spans, nspans) != KB_OK) goto oom;
            emitted = 1;
            if (!selfclose && !keep && cend > cstart && cut(&f, s, cstart, cend) != KB_OK) goto oom;
            /* JSON-LD as a mark (html_jsonld.c reads the text put back)
             * when it holds no '<': nothing in it then can end the script
             * elsewhere than where it is cut */
            if (jsonld && e && f.marks_ok && cend - cstart >= KB_RUN_MIN && cend <= UINT32_MAX &&
                plain_end((const unsigned char *)s, cstart, cend, PL_AMP | PL_CR) == cend &&
                mark(&f, s, cstart, cend) != KB_OK)
                goto oom;
            end = e ? (size_t)(e - s) : n;     /* the end tag is read next */
        } else if (tc == TC_NAV && !(no_menu_end & (1u << (tag & 31))) &&
                   !(end >= 2 && s[end - 2] == '/')) {
            /* a menu's items: dropped (the element stays, empty) */
            char lname[16];
            for (size_t k = 0; k < nl; k++) lname[k] = (char)tolower((unsigned char)name[k]);
            lname[nl] = '\0';
            size_t e = menu_end(s, n, end, lname);
            if (e == n) {
                no_menu_end |= 1u << (tag & 31);   /* do not look again: linear time */
                depth++;
            } else {
                if (start_tag(&f, s, i, ne, end, nattr, tag, spans, nspans) != KB_OK || cut(&f, s, end, e) != KB_OK)
                    goto oom;
                emitted = 1;
                end = e;             /* the end tag is read next */
            }
        } else if ((tc == TC_NEST || tc == TC_NAV) && !(end >= 2 && s[end - 2] == '/')) {
            if (depth >= KB_HTML_MAX_DEPTH) { excess++; drop = 1; }
            else depth++;
        }
        if (drop) {
            p->depth_capped = 1;
            if (cut(&f, s, i, end) != KB_OK) goto oom;
        } else if (!close && !emitted && start_tag(&f, s, i, ne, end, nattr, tag, spans, nspans) != KB_OK) {
            goto oom;
        }
        i = text_start = end;
        /* indentation between two tags: one character does */
        size_t w = i;
        while (w < n && (s[w] == ' ' || s[w] == '\n' || s[w] == '\t' || s[w] == '\r')) w++;
        if (w - i > 1 && (w == n || s[w] == '<') && f.copied <= i) {
            if (cut(&f, s, i + 1, w) != KB_OK) goto oom;
            i = text_start = w;
        }
    }
    if (maybe_mark(&f, s, text_start, n) != KB_OK) goto oom;
    if (cut(&f, s, n, n) != KB_OK) goto oom;
    if (!f.out.data && kb_buf_putc(&f.out, '\0') != KB_OK) goto oom;
    p->src = kb_buf_detach(&f.out, &p->src_len);
    p->runs = f.runs;
    p->nruns = f.nruns;
    p->astr = kb_buf_detach(&f.astr, NULL);
    p->arec = f.arec.v;
    p->narec = f.arec.n / 2;
    p->aent = f.aent.v;
    return KB_OK;
oom:
    kb_buf_free(&f.out);
    kb_buf_free(&f.astr);
    free(f.runs);
    free(f.arec.v);
    free(f.aent.v);
    return KB_ENOMEM;
}
