/* text/tokenize.c -- normalise, then cut the normalised text into tokens
 * with spans in both texts (text layer; used for search, shingles,
 * clustering and snippets).
 *
 * Token rules (on normalised text, so digits are ASCII and letters folded):
 *  - Arabic letters (with any combining marks left) make one token, clitics
 *    included: والمحادثات is one token. ، ؛ ؟ « » and every other
 *    punctuation or symbol separate tokens.
 *  - Latin (and other alphabetic) letters make one token. Apostrophes and
 *    hyphens separate: l'armée -> l, armée; covid-19 -> covid, 19.
 *  - A number is digits with inner "." or "," groups followed by a digit,
 *    and an optional trailing "%": 2,500  1.5  12.5%  ٢٥٠٠ (-> 2500).
 *    "-", "/" and ":" separate, so 2024-07-23 is three number tokens
 *    (2024, 07, 23) and 10:30 two: dates are kb_date_find's business, and a
 *    search for a year should find the dates in it.
 *  - Latin letters glued to digits make one MIXED token (covid19, g20, 5g).
 *    Arabic letters followed by digits are MIXED too (ت2), except a lone
 *    proclitic (ال، ب، ل، و، وال...; الـ12 normalises to ال12): then the
 *    clitic is dropped and the number is the token. Digits followed by
 *    Arabic letters are split (2024م -> 2024, م).
 *  - http://, https://, ftp:// and www. start a URL running to white space
 *    or a quote/bracket/Arabic punctuation, without trailing punctuation.
 *  - local@domain.tld is an e-mail address.
 *
 * Spans: nstart/nend index the normalised text; start is the original
 * offset of the character that produced the first byte, end the original
 * offset where the character after the last one begins, so the original
 * span includes marks dropped at the end of the word (مُحادثاتٌ). */
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

typedef struct tstate {
    const unsigned char *t;
    size_t n;
    const uint32_t *map;
    kb_tokens *out;
} tstate;

/* kb_char_class of ASCII and of U+0600..U+06FF, one digit per code point
 * (kb_text_class_tables_ok() checks them against kb_text_char_class). */
static const char ASCII_CLS[129] =
    "00000000000000000000000000000000000000000000000033333333330000000"
    "222222222222222222222222220000002222222222222222222222222200000";
static const char AR_CLS[257] =
    "0000000000000000444444444440000011111111111111111111111111111111"
    "1111111111144444444444444444444433333333330000114111111111111111"
    "1111111111111111111111111111111111111111111111111111111111111111"
    "1111111111111111111101444444444444444114444444113333333333111001";

int kb_text_class_tables_ok(void)
{
    for (int32_t c = 0; c < 128; c++)
        if (ASCII_CLS[c] - '0' != (int)kb_text_char_class(c)) return 0;
    for (int32_t c = 0; c < 256; c++)
        if (AR_CLS[c] - '0' != (int)kb_text_char_class(0x600 + c)) return 0;
    return 1;
}

static inline kb_char_class cls_at(const unsigned char *t, size_t n, size_t p, size_t *w)
{
    unsigned c = t[p];
    if (c < 0x80) {
        *w = 1;
        return (kb_char_class)(ASCII_CLS[c] - '0');
    }
    if (c >= 0xD8 && c <= 0xDB && p + 1 < n) {
        *w = 2;
        return (kb_char_class)(AR_CLS[((c - 0xD8) << 6) | (t[p + 1] & 0x3F)] - '0');
    }
    size_t q = p;
    int32_t cp = kb_utf8_decode((const char *)t, n, &q);
    *w = q - p;
    return cp < 0 ? KB_CC_OTHER : kb_text_char_class(cp);
}

static int push(tstate *st, size_t ns, size_t ne, kb_tok_kind kind)
{
    kb_tokens *o = st->out;
    if (o->n == o->cap) {
        size_t nc = o->cap ? o->cap * 2 : 64;
        kb_token *v = realloc(o->v, nc * sizeof *v);
        if (!v) return KB_ENOMEM;
        o->v = v;
        o->cap = nc;
    }
    const uint32_t *m = st->map;
    uint32_t last = m[ne - 1];
    size_t e = ne;
    while (m[e] == last) e++;   /* one character may expand to several */
    kb_token *tk = &o->v[o->n++];
    tk->start = m[ns];
    tk->end = m[e];
    tk->nstart = (uint32_t)ns;
    tk->nend = (uint32_t)ne;
    tk->kind = (uint8_t)kind;
    return KB_OK;
}

static int has_prefix(const unsigned char *t, size_t n, size_t p, const char *pre)
{
    size_t k = strlen(pre);
    return p + k <= n && memcmp(t + p, pre, k) == 0;
}

/* A URL starting at p: returns its end, or 0. */
static size_t url_at(const unsigned char *t, size_t n, size_t p)
{
    size_t q;
    if (has_prefix(t, n, p, "https://")) q = p + 8;
    else if (has_prefix(t, n, p, "http://") || has_prefix(t, n, p, "ftp://"))
        q = p + (t[p] == 'h' ? 7 : 6);
    else if (has_prefix(t, n, p, "www.")) q = p + 4;
    else return 0;
    size_t body = q;
    int open = 0;
    while (q < n) {
        unsigned c = t[q];
        if (c < 0x80) {
            if (c <= 0x20 || strchr("\"'<>`{}|\\^", (int)c)) break;
            if (c == '(') open++;
            if (c == ')' && open-- <= 0) break;
            q++;
            continue;
        }
        size_t w;
        kb_char_class k = cls_at(t, n, q, &w);
        if (k == KB_CC_OTHER) break;   /* « » “ ” ، ؛ ؟ and the like */
        q += w;
    }
    while (q > body && strchr(".,;:!?", (int)t[q - 1])) q--;
    return q > body ? q : 0;
}

static int email_local(unsigned c)
{
    return (unsigned)(c - 'a') < 26u || (unsigned)(c - '0') < 10u ||
           c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

/* An e-mail address starting at p: returns its end, or 0. *fail is set to
 * the end of the local-part scan on failure: starts before it fail too. */
static size_t email_at(const unsigned char *t, size_t n, size_t p, size_t *fail)
{
    size_t q = p;
    while (q < n && email_local(t[q])) q++;
    if (q == p || q >= n || t[q] != '@') { *fail = q; return 0; }
    size_t d = q + 1, r = d, lastdot = 0;
    while (r < n && ((unsigned)(t[r] - 'a') < 26u || (unsigned)(t[r] - '0') < 10u ||
                     t[r] == '-' || t[r] == '.')) {
        if (t[r] == '.' && (r == d || t[r - 1] == '.')) break;
        r++;
    }
    while (r > d && (t[r - 1] == '.' || t[r - 1] == '-')) r--;
    for (size_t k = d; k < r; k++)
        if (t[k] == '.') lastdot = k;
    if (!lastdot || lastdot + 3 > r) { *fail = q; return 0; }
    for (size_t k = lastdot + 1; k < r; k++)
        if ((unsigned)(t[k] - 'a') >= 26u) { *fail = q; return 0; }
    return r;
}

/* Normalised proclitics that are dropped before a number (ال12). */
static int is_proclitic(const unsigned char *t, size_t len)
{
    static const char *const cl[] = {
        "\xd8\xa7\xd9\x84",                 /* ال */
        "\xd9\x84\xd9\x84",                 /* لل */
        "\xd8\xa8", "\xd9\x84", "\xd9\x88", "\xd9\x81", "\xd9\x83",
        "\xd9\x88\xd8\xa7\xd9\x84",         /* وال */
        "\xd8\xa8\xd8\xa7\xd9\x84",         /* بال */
        "\xd9\x81\xd8\xa7\xd9\x84",         /* فال */
        "\xd9\x83\xd8\xa7\xd9\x84",         /* كال */
        "\xd9\x88\xd9\x84\xd9\x84",         /* ولل */
        "\xd9\x88\xd8\xa8",                 /* وب */
        "\xd9\x88\xd9\x84",                 /* ول */
    };
    for (size_t i = 0; i < sizeof cl / sizeof cl[0]; i++)
        if (strlen(cl[i]) == len && memcmp(cl[i], t, len) == 0) return 1;
    return 0;
}

/* Advance over characters whose class is in the mask; returns the end. */
static inline size_t run(const unsigned char *t, size_t n, size_t p, unsigned mask)
{
    while (p < n) {
        size_t w;
        kb_char_class k = cls_at(t, n, p, &w);
        if (!(mask & (1u << k))) break;
        p += w;
    }
    return p;
}

#define M(k) (1u << (k))

static size_t number_end(const unsigned char *t, size_t n, size_t p)
{
    p = run(t, n, p, M(KB_CC_DIGIT));
    while (p + 1 < n && (t[p] == '.' || t[p] == ',')) {
        size_t w;
        if (cls_at(t, n, p + 1, &w) != KB_CC_DIGIT) break;
        p = run(t, n, p + 1, M(KB_CC_DIGIT));
    }
    if (p < n && t[p] == '%') p++;
    return p;
}

static int tokenize_norm(tstate *st)
{
    const unsigned char *t = st->t;
    size_t n = st->n, p = 0, email_fail = 0;
    while (p < n) {
        size_t w;
        kb_char_class k = cls_at(t, n, p, &w);
        if (k == KB_CC_OTHER || k == KB_CC_MARK) { p += w; continue; }
        size_t start = p, end;
        kb_tok_kind kind;
        unsigned c = t[p];
        if (c < 0x80) {
            if ((c == 'h' || c == 'w' || c == 'f') && (end = url_at(t, n, p))) {
                if (push(st, start, end, KB_TOK_URL)) return KB_ENOMEM;
                p = end;
                continue;
            }
            if (p >= email_fail && (end = email_at(t, n, p, &email_fail))) {
                if (push(st, start, end, KB_TOK_EMAIL)) return KB_ENOMEM;
                p = end;
                continue;
            }
        }
        if (k == KB_CC_DIGIT) {
            end = number_end(t, n, p);
            kind = KB_TOK_NUMBER;
            if (end < n && t[end - 1] != '%' && cls_at(t, n, end, &w) == KB_CC_LETTER) {
                end = run(t, n, end, M(KB_CC_LETTER) | M(KB_CC_DIGIT) | M(KB_CC_MARK));
                kind = KB_TOK_MIXED;
            }
        } else if (k == KB_CC_LETTER) {
            end = run(t, n, p, M(KB_CC_LETTER) | M(KB_CC_MARK));
            kind = KB_TOK_LATIN;
            if (end < n && cls_at(t, n, end, &w) == KB_CC_DIGIT) {
                end = run(t, n, end, M(KB_CC_LETTER) | M(KB_CC_DIGIT) | M(KB_CC_MARK));
                kind = KB_TOK_MIXED;
            }
        } else {
            end = run(t, n, p, M(KB_CC_ARABIC) | M(KB_CC_MARK));
            kind = KB_TOK_ARABIC;
            if (end < n && cls_at(t, n, end, &w) == KB_CC_DIGIT) {
                if (is_proclitic(t + start, end - start)) { p = end; continue; }
                end = run(t, n, end, M(KB_CC_ARABIC) | M(KB_CC_DIGIT) | M(KB_CC_MARK));
                kind = KB_TOK_MIXED;
            }
        }
        if (push(st, start, end, kind)) return KB_ENOMEM;
        p = end;
    }
    return KB_OK;
}

int kb_tokenize(const char *s, size_t len, kb_tokens *out)
{
    memset(out, 0, sizeof *out);
    int rc = kb_normalize(s, len, 0, &out->norm);
    if (rc != KB_OK) return rc;
    out->cap = out->norm.len / 7 + 16;
    out->v = malloc(out->cap * sizeof *out->v);
    if (!out->v) { kb_tokens_free(out); return KB_ENOMEM; }
    tstate st = { (const unsigned char *)out->norm.text, out->norm.len, out->norm.map, out };
    rc = tokenize_norm(&st);
    if (rc != KB_OK) kb_tokens_free(out);
    return rc;
}

void kb_tokens_free(kb_tokens *t)
{
    if (!t) return;
    free(t->v);
    kb_norm_free(&t->norm);
    t->v = NULL;
    t->n = t->cap = 0;
}
