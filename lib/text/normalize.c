/* text/normalize.c -- the matching normalisation with an offset map back to
 * the original (text layer; called by every stage: ids, dedup shingles,
 * clustering, search).
 *
 * Design. One pass over the input, three paths:
 *  - ASCII: copied, A-Z lowered (the bulk of markup, numbers, Latin text);
 *  - the Arabic block U+0600..U+06FF (two-byte sequences D8..DB xx): one
 *    lookup in AR[] decides keep / drop / replace (harakat, tatweel, alef
 *    forms, Persian and Urdu letters, digits);
 *  - everything else goes through utf8proc: NFKD + case fold + drop default
 *    ignorables per character, then consecutive such characters are put in
 *    canonical order and composed (NFC) together, and every resulting code
 *    point is folded again with AR[] (presentation forms decompose to Arabic
 *    letters that still need folding: ﻷ -> لأ -> لا).
 * A combining mark that follows already-written text (e + U+0301) takes the
 * last written character back so that they compose.
 *
 * Every output byte records the input offset of the character that produced
 * it; composed characters record the offset of their first character.
 * Idempotence rests on AR[] being a fixed point of itself (tested) and on
 * NFKC_Casefold being idempotent. */
#include "text/text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* AR[] actions for U+0600 + index. 0 keeps the character; values >= 0x20 are
 * the replacement code point. */
enum {
    A_KEEP = 0,
    A_DEL = 1,    /* drop: harakat, tatweel, Quranic marks, format chars */
    A_HAMZA = 2,  /* U+0654 hamza above: و -> ؤ, ي/ى -> ئ, else dropped */
    A_TEHM = 3,   /* ة ۃ: ه, or ة with KB_NORM_KEEP_TA_MARBUTA */
    A_MAQS = 4,   /* ى: ي, or ى with KB_NORM_KEEP_ALEF_MAQSURA */
};

static const uint16_t AR[256] = {
    /* number signs and other prepended format characters */
    [0x00] = A_DEL, [0x01] = A_DEL, [0x02] = A_DEL, [0x03] = A_DEL,
    [0x04] = A_DEL, [0x05] = A_DEL,
    /* honorifics and small Quranic marks above/below letters */
    [0x10] = A_DEL, [0x11] = A_DEL, [0x12] = A_DEL, [0x13] = A_DEL,
    [0x14] = A_DEL, [0x15] = A_DEL, [0x16] = A_DEL, [0x17] = A_DEL,
    [0x18] = A_DEL, [0x19] = A_DEL, [0x1A] = A_DEL,
    [0x1C] = A_DEL, /* ARABIC LETTER MARK (bidi) */
    /* alef with madda / hamza above / hamza below -> bare alef */
    [0x22] = 0x0627, [0x23] = 0x0627, [0x25] = 0x0627,
    [0x29] = A_TEHM,
    [0x40] = A_DEL, /* tatweel */
    [0x49] = A_MAQS,
    /* tanween, harakat, shadda, sukun and the other combining marks */
    [0x4B] = A_DEL, [0x4C] = A_DEL, [0x4D] = A_DEL, [0x4E] = A_DEL,
    [0x4F] = A_DEL, [0x50] = A_DEL, [0x51] = A_DEL, [0x52] = A_DEL,
    [0x53] = A_DEL, [0x54] = A_HAMZA, [0x55] = A_DEL, [0x56] = A_DEL,
    [0x57] = A_DEL, [0x58] = A_DEL, [0x59] = A_DEL, [0x5A] = A_DEL,
    [0x5B] = A_DEL, [0x5C] = A_DEL, [0x5D] = A_DEL, [0x5E] = A_DEL,
    [0x5F] = A_DEL,
    /* Arabic-Indic digits, percent, decimal and thousands separators */
    [0x60] = '0', [0x61] = '1', [0x62] = '2', [0x63] = '3', [0x64] = '4',
    [0x65] = '5', [0x66] = '6', [0x67] = '7', [0x68] = '8', [0x69] = '9',
    [0x6A] = '%', [0x6B] = '.', [0x6C] = ',',
    [0x70] = A_DEL, /* superscript (dagger) alef */
    /* wasla and wavy/high hamza alef forms -> alef */
    [0x71] = 0x0627, [0x72] = 0x0627, [0x73] = 0x0627, [0x75] = 0x0627,
    [0x74] = A_DEL, /* high hamza */
    [0x76] = 0x0624, [0x78] = 0x0626,
    /* Persian/Urdu/Sindhi kaf forms -> ك */
    [0xA9] = 0x0643, [0xAA] = 0x0643,
    /* heh forms (doachashmee, goal, with yeh/hamza, Kurdish ae) -> ه */
    [0xBE] = 0x0647, [0xC0] = 0x0647, [0xC1] = 0x0647, [0xC2] = 0x0647,
    [0xD5] = 0x0647,
    [0xC3] = A_TEHM, /* Urdu teh marbuta goal */
    /* Persian/Urdu/Pashto/Kurdish yeh forms -> ي */
    [0xCC] = 0x064A, [0xCD] = 0x064A, [0xCE] = 0x064A, [0xD0] = 0x064A,
    [0xD1] = 0x064A, [0xD2] = 0x064A,
    [0xD3] = 0x0626, /* yeh barree with hamza */
    /* Quranic annotation signs, small high letters, end of ayah, sajdah */
    [0xD6] = A_DEL, [0xD7] = A_DEL, [0xD8] = A_DEL, [0xD9] = A_DEL,
    [0xDA] = A_DEL, [0xDB] = A_DEL, [0xDC] = A_DEL, [0xDD] = A_DEL,
    [0xDE] = A_DEL, [0xDF] = A_DEL, [0xE0] = A_DEL, [0xE1] = A_DEL,
    [0xE2] = A_DEL, [0xE3] = A_DEL, [0xE4] = A_DEL, [0xE5] = A_DEL,
    [0xE6] = A_DEL, [0xE7] = A_DEL, [0xE8] = A_DEL, [0xE9] = A_DEL,
    [0xEA] = A_DEL, [0xEB] = A_DEL, [0xEC] = A_DEL, [0xED] = A_DEL,
    /* extended Arabic-Indic (Persian, Urdu) digits */
    [0xF0] = '0', [0xF1] = '1', [0xF2] = '2', [0xF3] = '3', [0xF4] = '4',
    [0xF5] = '5', [0xF6] = '6', [0xF7] = '7', [0xF8] = '8', [0xF9] = '9',
};

#define PEND_MAX 64

typedef struct nstate {
    const unsigned char *s;
    size_t len;
    unsigned flags;
    unsigned char *out;
    uint32_t *map;          /* NULL: no map wanted */
    size_t olen, cap;
    int oom;
    /* consecutive characters of the utf8proc path, decomposed */
    int32_t pend[PEND_MAX];
    uint32_t porig[PEND_MAX];
    size_t npend;
} nstate;

/* Make room for need more bytes now plus one per input byte still to come
 * from position i (the fast paths never write more than they read) and the
 * NUL. */
static int ensure(nstate *st, size_t i, size_t need)
{
    size_t want = st->olen + need + (st->len - i) + 1;
    if (want <= st->cap) return 1;
    size_t ncap = st->cap * 2;
    if (ncap < want) ncap = want;
    unsigned char *o = realloc(st->out, ncap);
    if (!o) { st->oom = 1; return 0; }
    st->out = o;
    if (st->map) {
        uint32_t *m = realloc(st->map, (ncap + 1) * sizeof *m);
        if (!m) { st->oom = 1; return 0; }
        st->map = m;
    }
    st->cap = ncap;
    return 1;
}

static inline void put1(nstate *st, unsigned b, uint32_t orig)
{
    if (st->map) st->map[st->olen] = orig;
    st->out[st->olen++] = (unsigned char)b;
}

static inline void put_ar(nstate *st, unsigned cp, uint32_t orig)
{
    if (st->map) {
        st->map[st->olen] = orig;
        st->map[st->olen + 1] = orig;
    }
    st->out[st->olen] = (unsigned char)(0xC0 | (cp >> 6));
    st->out[st->olen + 1] = (unsigned char)(0x80 | (cp & 0x3F));
    st->olen += 2;
}

/* Apply AR action e (for U+0600 + idx, found at orig) to the output. Writes at
 * most two bytes. */
static inline void apply_ar(nstate *st, unsigned idx, unsigned e, uint32_t orig)
{
    switch (e) {
    case A_KEEP: put_ar(st, 0x600 + idx, orig); return;
    case A_DEL: return;
    case A_HAMZA:
        if (st->olen >= 2 && st->out[st->olen - 2] == 0xD9) {
            unsigned char b = st->out[st->olen - 1];
            if (b == 0x88) { /* و -> ؤ */
                st->out[st->olen - 2] = 0xD8;
                st->out[st->olen - 1] = 0xA4;
            } else if (b == 0x8A || b == 0x89) { /* ي ى -> ئ */
                st->out[st->olen - 2] = 0xD8;
                st->out[st->olen - 1] = 0xA6;
            }
        }
        return;
    case A_TEHM:
        put_ar(st, (st->flags & KB_NORM_KEEP_TA_MARBUTA) ? 0x0629 : 0x0647, orig);
        return;
    case A_MAQS:
        put_ar(st, (st->flags & KB_NORM_KEEP_ALEF_MAQSURA) ? 0x0649 : 0x064A, orig);
        return;
    default:
        if (e < 0x80) put1(st, e, orig);
        else put_ar(st, e, orig);
    }
}

static int is_arabic_mark_only(int32_t cp)
{
    if (cp >= 0x600 && cp <= 0x6FF) return AR[cp - 0x600] == A_DEL;
    return cp >= 0x08D3 && cp <= 0x08FF;
}

/* Write one code point that came out of utf8proc: fold it like the fast
 * path would. */
static void emit_folded(nstate *st, int32_t cp, uint32_t orig)
{
    if (cp < 0x80) {
        put1(st, (unsigned)cp, orig);
        return;
    }
    if (cp >= 0x600 && cp <= 0x6FF) {
        apply_ar(st, (unsigned)(cp - 0x600), AR[cp - 0x600], orig);
        return;
    }
    if (cp >= 0x08D3 && cp <= 0x08FF) return; /* marks */
    char buf[4];
    size_t n = kb_utf8_encode(cp, buf);
    for (size_t k = 0; k < n; k++) put1(st, (unsigned char)buf[k], orig);
}

static int ccc(int32_t cp)
{
    return utf8proc_get_property(cp)->combining_class;
}

/* Fold the Arabic code points of the pending sequence in place before it
 * is composed, so that what the fast path would drop cannot block a
 * composition now and allow it on the next pass. Returns the new length. */
static size_t prefold(nstate *st, size_t n)
{
    size_t o = 0;
    for (size_t k = 0; k < n; k++) {
        int32_t cp = st->pend[k];
        if (cp >= 0x08D3 && cp <= 0x08FF) continue;
        if (cp >= 0x600 && cp <= 0x6FF) {
            unsigned e = AR[cp - 0x600];
            switch (e) {
            case A_KEEP: break;
            case A_DEL: continue;
            case A_HAMZA:
                if (o && st->pend[o - 1] == 0x0648) st->pend[o - 1] = 0x0624;
                else if (o && (st->pend[o - 1] == 0x064A || st->pend[o - 1] == 0x0649))
                    st->pend[o - 1] = 0x0626;
                continue;
            case A_TEHM:
                cp = (st->flags & KB_NORM_KEEP_TA_MARBUTA) ? 0x0629 : 0x0647;
                break;
            case A_MAQS:
                cp = (st->flags & KB_NORM_KEEP_ALEF_MAQSURA) ? 0x0649 : 0x064A;
                break;
            default: cp = (int32_t)e;
            }
        }
        st->pend[o] = cp;
        st->porig[o++] = st->porig[k];
    }
    return o;
}

/* Compose the pending characters (canonical order, then NFC) and write
 * them. i is the input position, for ensure(). */
static void flush(nstate *st, size_t i)
{
    size_t n = st->npend;
    if (!n) return;
    st->npend = 0;
    uint32_t first = st->porig[0];
    n = prefold(st, n);
    int moved = 0;
    /* canonical ordering: stable sort of each run of non-starters by class */
    for (size_t k = 1; k < n; k++) {
        size_t j = k;
        int c = ccc(st->pend[j]);
        if (!c) continue;
        while (j > 0) {
            int p = ccc(st->pend[j - 1]);
            if (p <= c) break;
            int32_t t = st->pend[j]; st->pend[j] = st->pend[j - 1]; st->pend[j - 1] = t;
            moved = 1;
            j--;
        }
    }
    utf8proc_ssize_t m = utf8proc_normalize_utf32(st->pend, (utf8proc_ssize_t)n,
                                                  UTF8PROC_COMPOSE);
    if (m < 0) m = 0;
    if (!ensure(st, i, (size_t)m * 4)) return;
    /* offsets stay in order: when marks moved or characters merged, the
     * whole sequence maps to where it starts */
    for (utf8proc_ssize_t k = 0; k < m; k++)
        emit_folded(st, st->pend[k], (size_t)m == n && !moved ? st->porig[k] : first);
}

static int is_invisible(int32_t cp)
{
    return (cp >= 0x200B && cp <= 0x200F) ||   /* ZWSP ZWNJ ZWJ LRM RLM */
           (cp >= 0x202A && cp <= 0x202E) ||   /* LRE RLE PDF LRO RLO */
           (cp >= 0x2060 && cp <= 0x2064) ||   /* word joiner, invisible ops */
           (cp >= 0x2066 && cp <= 0x2069) ||   /* LRI RLI FSI PDI */
           cp == 0xFEFF || cp == 0x00AD || cp == 0x034F || cp == 0x180E;
}

/* A character for the utf8proc path, found at orig; i is the position
 * after it. */
static void slow(nstate *st, int32_t cp, uint32_t orig, size_t i)
{
    if (cp < 0) cp = 0xFFFD;
    if (is_invisible(cp) || (cp >= 0x08D3 && cp <= 0x08FF)) return;
    utf8proc_int32_t d[32];
    int bound = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        cp, d, 32, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE,
        &bound);
    if (n < 0 || n > 32) { d[0] = 0xFFFD; n = 1; }
    if (n == 0) return;
    /* isolated/medial forms of harakat decompose to space or tatweel + mark:
     * drop them whole, like the marks themselves */
    if (n >= 2 && (d[0] == 0x20 || d[0] == 0x640)) {
        int marks = 1;
        for (utf8proc_ssize_t k = 1; k < n && marks; k++) marks = is_arabic_mark_only(d[k]);
        if (marks) return;
    }
    if (ccc(d[0]) && st->npend == 0 && st->olen > 0) {
        /* take the last written character back so the mark composes */
        size_t b = st->olen - 1;
        while (b > 0 && (st->out[b] & 0xC0) == 0x80) b--;
        size_t k = b;
        int32_t prev = kb_utf8_decode((const char *)st->out, st->olen, &k);
        if (prev >= 0 && k == st->olen) {
            st->pend[0] = prev;
            st->porig[0] = st->map ? st->map[b] : 0;
            st->npend = 1;
            st->olen = b;
        }
    }
    if (st->npend + (size_t)n > PEND_MAX) flush(st, i);
    if (st->oom) return;
    for (utf8proc_ssize_t k = 0; k < n; k++) {
        st->pend[st->npend] = d[k];
        st->porig[st->npend++] = orig;
    }
}

int kb_text_normalize(const char *str, size_t len, unsigned flags,
                      char **text, size_t *out_len, uint32_t **map_out)
{
    *text = NULL;
    *out_len = 0;
    if (map_out) *map_out = NULL;
    if (len >= UINT32_MAX) return KB_EINVAL;
    nstate st = {0};
    st.s = (const unsigned char *)str;
    st.len = len;
    st.flags = flags;
    st.cap = len + len / 8 + 64;
    st.out = malloc(st.cap);
    if (map_out) st.map = malloc((st.cap + 1) * sizeof *st.map);
    if (!st.out || (map_out && !st.map)) goto oom;

    const unsigned char *s = st.s;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        if (c < 0x80) {
            if (st.npend) { flush(&st, i); if (st.oom) goto oom; }
            unsigned char *o = st.out + st.olen;
            size_t j = i;
            if (st.map) {
                uint32_t *m = st.map + st.olen;
                do {
                    *o++ = (unsigned char)(c + ((c - 'A' < 26u) << 5));
                    *m++ = (uint32_t)j++;
                } while (j < len && (c = s[j]) < 0x80);
            } else {
                do {
                    *o++ = (unsigned char)(c + ((c - 'A' < 26u) << 5));
                    j++;
                } while (j < len && (c = s[j]) < 0x80);
            }
            st.olen += j - i;
            i = j;
            continue;
        }
        if (c >= 0xD8 && c <= 0xDB && i + 1 < len && (s[i + 1] & 0xC0) == 0x80) {
            unsigned idx = ((c - 0xD8) << 6) | (s[i + 1] & 0x3F);
            unsigned e = AR[idx];
            /* a dropped mark must not cut a pending sequence (ᄀ ـ ᅡ composes
             * once the tatweel is gone, so it must compose now) */
            if (e == A_DEL) { i += 2; continue; }
            if (st.npend) {
                if (e == A_HAMZA && st.npend < PEND_MAX) {
                    st.pend[st.npend] = 0x654;
                    st.porig[st.npend++] = (uint32_t)i;
                    i += 2;
                    continue;
                }
                flush(&st, i);
                if (st.oom) goto oom;
            }
            if (e == A_KEEP) {
                if (st.map) {
                    st.map[st.olen] = (uint32_t)i;
                    st.map[st.olen + 1] = (uint32_t)i;
                }
                st.out[st.olen] = (unsigned char)c;
                st.out[st.olen + 1] = s[i + 1];
                st.olen += 2;
            } else {
                apply_ar(&st, idx, e, (uint32_t)i);
            }
            i += 2;
            continue;
        }
        size_t start = i;
        int32_t cp = kb_utf8_decode(str, len, &i);
        if (!ensure(&st, i, 16)) goto oom;
        slow(&st, cp, (uint32_t)start, i);
        if (st.oom) goto oom;
    }
    flush(&st, len);
    if (st.oom) goto oom;
    st.out[st.olen] = '\0';
    if (st.map) st.map[st.olen] = (uint32_t)len;
    *text = (char *)st.out;
    *out_len = st.olen;
    if (map_out) *map_out = st.map;
    return KB_OK;
oom:
    free(st.out);
    free(st.map);
    return KB_ENOMEM;
}

int kb_normalize(const char *s, size_t len, unsigned flags, kb_norm *out)
{
    out->text = NULL;
    out->len = 0;
    out->map = NULL;
    return kb_text_normalize(s, len, flags, &out->text, &out->len, &out->map);
}

void kb_norm_free(kb_norm *n)
{
    if (!n) return;
    free(n->text);
    free(n->map);
    n->text = NULL;
    n->map = NULL;
    n->len = 0;
}

char *kb_normalize_str(const char *s, size_t len, size_t *out_len)
{
    char *t;
    size_t n;
    if (kb_text_normalize(s, len, 0, &t, &n, NULL) != KB_OK) return NULL;
    if (out_len) *out_len = n;
    return t;
}
