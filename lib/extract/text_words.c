/* extract/text_words.c -- small word and character helpers shared by the
 * metadata readers of the plain-text extractor (text_meta.c,
 * text_dateline.c): code point classes, white-space word splitting, the
 * normalised form of one word, and the string vector. */
#include "extract/text_extract.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- strvec */

int kb_strvec_push(kb_strvec *sv, const char *s)
{
    if (sv->n == sv->cap) {
        size_t cap = sv->cap ? sv->cap * 2 : 8;
        const char **v = realloc(sv->v, cap * sizeof *v);
        if (!v) return KB_ENOMEM;
        sv->v = v;
        sv->cap = cap;
    }
    sv->v[sv->n++] = s;
    return KB_OK;
}

void kb_strvec_free(kb_strvec *sv)
{
    free(sv->v);
    sv->v = NULL;
    sv->n = sv->cap = 0;
}

/* ---------------------------------------------------------------- helpers */

int kb_tw_is_space(int32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0xA0 ||
           cp == 0x202F || cp == 0x2007 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x3000;
}

int kb_tw_is_invisible(int32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200F) || cp == 0xFEFF || cp == 0x061C ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x00AD;
}

int kb_tw_is_dash(int32_t cp)
{
    return cp == '-' || cp == 0x0640 || cp == 0x2013 || cp == 0x2014 || cp == 0x2012;
}

int kb_tw_is_digit(int32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0x0660 && cp <= 0x0669) ||
           (cp >= 0x06F0 && cp <= 0x06F9);
}

int kb_tw_is_letter(int32_t cp)
{
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    if (cp >= 0x0620 && cp <= 0x064A) return cp != 0x0640;
    if (cp >= 0x066E && cp <= 0x06D3) return 1;
    if (cp == 0x06D5 || (cp >= 0x06FA && cp <= 0x06FF)) return 1;
    if (cp >= 0x00C0 && cp <= 0x024F) return 1;
    if (cp >= 0x0750 && cp <= 0x077F) return 1;
    return 0;
}

/* Is the normalised word w[0..n) one of list? */
int kb_tw_in_list(const char *const *list, size_t nlist, const char *w, size_t n)
{
    for (size_t k = 0; k < nlist; k++)
        if (strlen(list[k]) == n && !memcmp(list[k], w, n)) return 1;
    return 0;
}

int kb_tw_ends_with(const char *w, size_t n, const char *suf)
{
    size_t sl = strlen(suf);
    return n >= sl && !memcmp(w + n - sl, suf, sl);
}

int kb_tw_starts_with(const char *w, size_t n, const char *pre)
{
    size_t pl = strlen(pre);
    return n >= pl && !memcmp(w, pre, pl);
}

/* Number of code points of s[0..n). */
size_t kb_tw_nchars(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* ---------------------------------------------------------------- words */


/* Split s[0..len) at white space into at most max words. Returns the count;
 * *more is set when words were left over. */
size_t kb_tw_split(const char *s, size_t len, kb_word *w, size_t max, int *more)
{
    size_t n = 0, i = 0;
    if (more) *more = 0;
    while (i < len) {
        size_t nx;
        while (i < len && kb_tw_is_space(kb_tw_cp(s, len, i, &nx))) i = nx;
        if (i >= len) break;
        size_t st = i;
        while (i < len && !kb_tw_is_space(kb_tw_cp(s, len, i, &nx))) i = nx;
        if (n == max) { if (more) *more = 1; break; }
        w[n].off = st;
        w[n].len = i - st;
        n++;
    }
    return n;
}

int kb_tw_has_digit(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t nx;
        if (kb_tw_is_digit(kb_tw_cp(s, len, i, &nx))) return 1;
        i = nx;
    }
    return 0;
}

int kb_tw_has_letter(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t nx;
        if (kb_tw_is_letter(kb_tw_cp(s, len, i, &nx))) return 1;
        i = nx;
    }
    return 0;
}

size_t kb_tw_ltrim(const char *s, size_t i)
{
    while (s[i] == ' ' || s[i] == '\t') i++;
    return i;
}

size_t kb_tw_rtrim(const char *s, size_t len)
{
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r')) len--;
    return len;
}

/* A token that is nothing but dashes (incl. tatweel used as one). */
int kb_tw_is_dash_token(const char *s, size_t len)
{
    if (!len) return 0;
    for (size_t i = 0; i < len;) {
        size_t nx;
        if (!kb_tw_is_dash(kb_tw_cp(s, len, i, &nx))) return 0;
        i = nx;
    }
    return 1;
}

/* The normalised form of s[0..len) with its leading/trailing non-letters
 * cut, in buf (cap bytes); length, or 0 when it does not fit. */
size_t kb_tw_norm_word(const char *s, size_t len, char *buf, size_t cap)
{
    size_t n;
    char *t = kb_normalize_str(s, len, &n);
    if (!t) return 0;
    size_t b = 0, e = n;
    while (b < e) {
        size_t nx;
        if (kb_tw_is_letter(kb_tw_cp(t, e, b, &nx)) || kb_tw_is_digit(kb_tw_cp(t, e, b, NULL))) break;
        b = nx;
    }
    while (e > b) {
        size_t p = e - 1;
        while (p > b && ((unsigned char)t[p] & 0xC0) == 0x80) p--;
        int32_t cp = kb_tw_cp(t, e, p, NULL);
        if (kb_tw_is_letter(cp) || kb_tw_is_digit(cp)) break;
        e = p;
    }
    size_t r = 0;
    if (e - b < cap) {
        memcpy(buf, t + b, e - b);
        buf[e - b] = '\0';
        r = e - b;
    }
    free(t);
    return r;
}
