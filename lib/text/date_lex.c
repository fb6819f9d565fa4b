/* text/date_lex.c -- the token reader under the date grammar: numbers in
 * any of the three digit systems, folded words (Arabic, Latin, Cyrillic),
 * single punctuation marks, each with its byte span in the original text.
 * Other scripts' letters (CJK, Hangul, Greek...) are punctuation here: the
 * grammar reads 年 月 日 as marks. */
#include "text/date.h"

#include <string.h>

#include "text/date_words.h"

static int is_space(int32_t c, int *newline)
{
    switch (c) {
    case '\n': case '\r': case 0x85: case 0x2028: case 0x2029:
        *newline = 1;
        return 1;
    case ' ': case '\t': case '\f': case '\v': case 0xA0: case 0x1680:
    case 0x061C: case 0x202F: case 0x205F: case 0x3000: case 0xFEFF:
        return 1;
    default:
        /* en quad .. RLM, LRE .. RLO, word joiner .. PDI */
        return (c >= 0x2000 && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
               (c >= 0x2060 && c <= 0x2069);
    }
}

/* Digit value of c in ASCII, Arabic-Indic or Persian digits, else -1. */
static int digit_of(int32_t c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 0x660 && c <= 0x669) return c - 0x660;
    if (c >= 0x6F0 && c <= 0x6F9) return c - 0x6F0;
    return -1;
}

/* Marks that live inside a word and are dropped: harakat, superscript alef,
 * Quranic annotation signs, tatweel, combining accents. */
static inline int is_mark(int32_t c)
{
    return (c >= 0x64B && c <= 0x65F) || c == 0x670 || c == 0x640 ||
           (c >= 0x6D6 && c <= 0x6ED) ||
           (c >= 0x300 && c <= 0x36F);   /* Latin combining accents (NFD "März") */
}

/* The folded letter for c, 0 when c is not a letter. */
static inline int32_t fold_letter(int32_t c)
{
    if (c >= 'a' && c <= 'z') return c;
    if (c >= 'A' && c <= 'Z') return c + 32;
    if (c >= 0x621 && c <= 0x64A && c != 0x640) {
        switch (c) {
        case 0x622: case 0x623: case 0x625: return 0x627;   /* آ أ إ -> ا */
        case 0x629: return 0x647;                           /* ة -> ه */
        case 0x649: return 0x64A;                           /* ى -> ي */
        default: return c;
        }
    }
    if (c >= 0x66E && c <= 0x6D5 && c != 0x6D4) {
        switch (c) {
        case 0x671: return 0x627;                           /* ٱ -> ا */
        case 0x6CC: case 0x6D0: return 0x64A;               /* ی ې -> ي */
        case 0x6A9: case 0x6AA: return 0x643;               /* ک ڪ -> ك */
        case 0x6BE: case 0x6C0: case 0x6C1: case 0x6D5:
            return 0x647;                                   /* ھ ۀ ہ ە -> ه */
        case 0x6C3: return 0x647;
        default: return c;
        }
    }
    if (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7) {
        int32_t l = c;
        if (c < 0xE0 && c != 0xDF) l = c + 32;
        if (l >= 0xE0 && l <= 0xE5) return 'a';
        if (l == 0xE7) return 'c';
        if (l >= 0xE8 && l <= 0xEB) return 'e';
        if (l >= 0xEC && l <= 0xEF) return 'i';
        if (l == 0xF1) return 'n';
        if ((l >= 0xF2 && l <= 0xF6) || l == 0xF8) return 'o';
        if (l >= 0xF9 && l <= 0xFC) return 'u';
        if (l == 0xFD || l == 0xFF) return 'y';
        return l;
    }
    if (c >= 0x100 && c <= 0x17F) {
        /* Latin Extended-A (Polish, Czech, Romanian, Turkish...): the base
         * letter, lower case ("Şubat" -> "subat", "października" ->
         * "pazdziernika") */
        static const char base[] = "aaaaaaccccccccdd" "ddeeeeeeeeeegggg" "gggghhhhiiiiiiii"
                                   "iiiijjkkklllllll" "lllnnnnnnnnnoooo" "oooorrrrrrssssss"
                                   "ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";
        return base[c - 0x100];
    }
    if (c >= 0x218 && c <= 0x21B) return c < 0x21A ? 's' : 't';   /* Romanian ș ț */
    if (c >= 0x400 && c <= 0x45F) {
        /* Cyrillic, lower case, ё -> е */
        if (c == 0x401 || c == 0x451) return 0x435;
        if (c < 0x410) return c + 0x50;
        if (c < 0x430) return c + 0x20;
        return c;
    }
    return 0;
}

/* kb_utf8_decode, with its two common cases inline: ASCII and the two-byte
 * sequences every Arabic letter is. */
static inline int32_t decode(const char *s, size_t len, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t p = *i;
    unsigned b = u[p];
    if (b < 0x80) {
        *i = p + 1;
        return (int32_t)b;
    }
    if (b >= 0xC2 && b <= 0xDF && p + 1 < len && (u[p + 1] & 0xC0) == 0x80) {
        *i = p + 2;
        return (int32_t)(((b & 0x1F) << 6) | (u[p + 1] & 0x3F));
    }
    return kb_utf8_decode(s, len, i);
}

int kb_dlex(const char *s, size_t len, size_t pos, kb_dtok *t)
{
    t->kind = KB_DT_END;
    t->space = t->newline = 0;
    t->ndig = 0;
    t->val = t->val4 = 0;
    t->split4 = 0;
    t->wlen = 0;
    t->w[0] = '\0';
    t->cp = 0;
    size_t i = pos;
    int32_t c = 0;
    size_t at = i;
    while (i < len) {
        at = i;
        c = decode(s, len, &i);
        if (!is_space(c, &t->newline)) break;
        t->space = 1;
        at = i;
    }
    t->start = t->end = at;
    if (at >= len) return KB_DT_END;

    int dv = digit_of(c);
    if (dv >= 0) {
        t->kind = KB_DT_NUM;
        size_t j = at;
        for (;;) {
            size_t k = j;
            if (k >= len) break;
            int32_t d = decode(s, len, &k);
            int v = digit_of(d);
            if (v < 0) break;
            if (t->ndig < 18) t->val = t->val * 10 + v;
            else t->val = INT64_MAX;
            t->ndig++;
            if (t->ndig <= 4) t->val4 = t->val4 * 10 + v;
            if (t->ndig == 4) t->split4 = k;
            j = k;
        }
        t->end = j;
        return t->kind;
    }
    if (fold_letter(c) || (is_mark(c) && c != 0x640)) {
        t->kind = KB_DT_WORD;
        size_t j = at, n = 0;
        int toolong = 0;
        for (;;) {
            size_t k = j;
            if (k >= len) break;
            int32_t d = decode(s, len, &k), f;
            if (d >= 0x621 && d <= 0x64A) {
                /* the Arabic letters (and tatweel, a mark): most of a word;
                 * folded as fold_letter does */
                if (d == 0x640) { j = k; continue; }
                f = d;
                if (d <= 0x625) {
                    if (d == 0x622 || d == 0x623 || d == 0x625) f = 0x627;
                } else if (d == 0x629) {
                    f = 0x647;
                } else if (d == 0x649) {
                    f = 0x64A;
                }
            } else if (d < 0x80) {
                f = fold_letter(d);
                if (!f) break;
            } else {
                if (is_mark(d)) { j = k; continue; }
                f = fold_letter(d);
                if (!f) break;
            }
            size_t m = f < 0x80 ? 1 : 2;   /* every folded letter is below U+0800 */
            if (n + m >= KB_DT_WORDMAX) {
                toolong = 1;
            } else if (m == 1) {
                t->w[n++] = (char)f;
            } else {
                t->w[n++] = (char)(0xC0 | (f >> 6));
                t->w[n++] = (char)(0x80 | (f & 0x3F));
            }
            j = k;
        }
        t->end = j;
        t->wlen = toolong ? 0 : n;
        t->w[toolong ? 0 : n] = '\0';
        return t->kind;
    }
    /* A lone tatweel, a dash, a comma...: one code point. */
    t->kind = KB_DT_PUNCT;
    t->cp = c;
    t->end = i;
    return t->kind;
}

int kb_dword(const kb_dtok *t, const char *w)
{
    return t->kind == KB_DT_WORD && t->wlen == strlen(w) &&
           memcmp(t->w, w, t->wlen) == 0;
}

static inline uint64_t le64(const unsigned char *u)
{
    return (uint64_t)u[0] | (uint64_t)u[1] << 8 | (uint64_t)u[2] << 16 |
           (uint64_t)u[3] << 24 | (uint64_t)u[4] << 32 | (uint64_t)u[5] << 40 |
           (uint64_t)u[6] << 48 | (uint64_t)u[7] << 56;
}

static inline uint64_t le32(const unsigned char *u)
{
    return (uint64_t)u[0] | (uint64_t)u[1] << 8 | (uint64_t)u[2] << 16 |
           (uint64_t)u[3] << 24;
}

static inline uint64_t mix(uint64_t h, uint64_t c)
{
    h = (h ^ c) * 0xFF51AFD7ED558CCDu;
    return h ^ (h >> 32);
}

/* The hash of date_words.py, reading only the len bytes: 8-byte words from
 * the start, the last one ending at the end (overlapping the one before);
 * below 8 bytes two 4-byte words that may overlap, or three single bytes. */
static uint64_t word_hash(const char *w, size_t len)
{
    const unsigned char *u = (const unsigned char *)w;
    uint64_t h = (uint64_t)len * 0x9E3779B97F4A7C15u;
    if (len >= 8) {
        for (size_t i = 0; i + 8 < len; i += 8) h = mix(h, le64(u + i));
        return mix(h, le64(u + len - 8));
    }
    if (len >= 4) return mix(h, le32(u) | le32(u + len - 4) << 32);
    return mix(h, (uint64_t)u[0] | (uint64_t)u[len / 2] << 8 | (uint64_t)u[len - 1] << 16);
}

unsigned kb_dword_class(const char *w, size_t len)
{
    if (len == 0 || len >= KB_DT_WORDMAX) return 0;
    uint64_t h = word_hash(w, len);
    const size_t mask = (1u << KB_DW_BITS) - 1;
    const uint16_t tag = (uint16_t)(len << 8 | ((h >> 8) & 0xFF));
    for (size_t i = (size_t)(h >> 20) & mask;; i = (i + 1) & mask) {
        if (KB_DW_TAG[i] == 0) return 0;   /* the table is at most a quarter full */
        if (KB_DW_TAG[i] == tag && memcmp(KB_DW_WORD[i].w, w, len) == 0)
            return KB_DW_WORD[i].flags;
    }
}

/* ---------------------------------------------------------- token window */

void kb_dsrc_init(kb_dsrc *src, const char *s, size_t len, kb_dtok *buf, size_t cap)
{
    src->s = s;
    src->len = len;
    src->v = buf && cap >= 4 ? buf : NULL;
    src->cap = src->v ? cap : 0;
    src->n = 0;
    src->from0 = 0;
    src->hint = 0;
}

static size_t from_of(const kb_dsrc *src, size_t i)
{
    return i ? src->v[i - 1].end : src->from0;
}

/* Read the next token of the walk into the window, dropping the oldest
 * three quarters when it is full. 0 when the END token is already in. */
static int grow(kb_dsrc *src)
{
    if (src->n && src->v[src->n - 1].kind == KB_DT_END) return 0;
    if (src->n == src->cap) {
        size_t keep = src->cap / 4, drop = src->n - keep;   /* keep some to look back */
        src->from0 = src->v[drop - 1].end;
        memmove(src->v, src->v + drop, keep * sizeof *src->v);
        src->n = keep;
        src->hint = src->hint >= drop ? src->hint - drop : 0;
    }
    kb_dlex(src->s, src->len, from_of(src, src->n), &src->v[src->n]);
    src->n++;
    return 1;
}

/* The first token of the window that starts at or after pos (n when none),
 * galloping from token h: the grammar reads near where it read last. */
static size_t first_from(const kb_dsrc *src, size_t h, size_t pos)
{
    const kb_dtok *v = src->v;
    size_t n = src->n, lo, hi, b = 1;
    if (h >= n) h = n - 1;
    if (v[h].start >= pos) {
        hi = h;   /* v[hi] starts at or after pos */
        for (;;) {
            if (hi < b) { lo = 0; break; }
            if (v[hi - b].start < pos) { lo = hi - b + 1; break; }
            hi -= b;
            b *= 2;
        }
    } else {
        lo = h + 1;   /* every token before lo starts before pos */
        for (;;) {
            if (h + b >= n) { hi = n; break; }
            if (v[h + b].start >= pos) { hi = h + b; break; }
            lo = h + b + 1;
            b *= 2;
        }
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].start < pos) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

/* The window token kb_dlex would read at pos: 1 and *at, or 0 when the
 * window cannot say (no window, pos inside a token or white space, or
 * before the window). */
static int locate(kb_dsrc *src, size_t pos, size_t *at)
{
    if (!src->v || pos > src->len) return 0;
    if (src->n == 0) grow(src);
    size_t i, h = src->hint;
    /* the grammar mostly reads the token it read last, or the next one */
    if (h < src->n && (pos == src->v[h].start || pos == from_of(src, h))) {
        i = h;
    } else if (h + 1 < src->n && (pos == src->v[h + 1].start || pos == src->v[h].end)) {
        i = h + 1;
    } else if (h + 1 == src->n && pos == src->v[h].end && grow(src)) {
        i = src->n - 1;   /* lexed from the end of token h (the window may have slid) */
    } else {
        if (pos < src->from0) return 0;
        while (src->v[src->n - 1].start < pos && grow(src)) {}
        i = first_from(src, h, pos);
        /* inside a token, in the middle of white space, or the window slid */
        if (i >= src->n || (pos != src->v[i].start && pos != from_of(src, i))) return 0;
    }
    src->hint = i;
    *at = i;
    return 1;
}

int kb_dsrc_lex(kb_dsrc *src, size_t pos, kb_dtok *t)
{
    size_t i;
    if (!locate(src, pos, &i)) return kb_dlex(src->s, src->len, pos, t);
    *t = src->v[i];
    if (pos == t->start) t->space = t->newline = 0;   /* no white space was skipped */
    return t->kind;
}

const kb_dtok *kb_dsrc_peek(kb_dsrc *src, size_t pos)
{
    size_t i;
    if (!locate(src, pos, &i)) return NULL;
    const kb_dtok *t = &src->v[i];
    /* read at a token's start after white space, its flags would differ */
    return pos == from_of(src, i) ? t : NULL;
}
