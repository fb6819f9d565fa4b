/* read/charset.c -- turn the bytes of a document into UTF-8: BOMs, UTF-8
 * repair, the declared charset, Arabic 8-bit code pages, uchardet.
 *
 * Why our own Arabic check: uchardet often names Windows-1256 Arabic as
 * something else (a Cyrillic or Latin code page), and the two Arabic code
 * pages share most letter positions. So when the bytes are not UTF-8 we
 * decode them both ways and count how many of the non-ASCII characters come
 * out as Arabic letters: real Arabic text gives nearly all; the wrong page
 * gives Latin letters with accents (ISO-8859-6 read as 1256: ه و ى ي become
 * ç è é ê) or undefined bytes (1256 read as ISO-8859-6: ط ظ ع غ ف ق ك do not
 * exist there). */
#include "read.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uchardet.h>

#define SCORE_BYTES ((size_t)65536)

/* Convert with iconv, replacing bytes the charset does not define with
 * U+FFFD (counted in *bad). Returns KB_OK, KB_ENOMEM, or KB_EINVAL when iconv
 * does not know the charset. Appends to out. */
static int convert(const unsigned char *p, size_t len, const char *from, kb_buf *out, size_t *bad)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1) return KB_EINVAL;
    *bad = 0;
    /* a bad unit is skipped whole, or UTF-16/32 would lose its alignment */
    size_t unit = !strncasecmp(from, "UTF-16", 6) ? 2 : !strncasecmp(from, "UTF-32", 6) ? 4 : 1;
    char *in = (char *)p;
    size_t inleft = len;
    int rc = KB_OK;
    while (inleft > 0) {
        if (kb_buf_reserve(out, inleft * 2 + 16) != KB_OK) { rc = KB_ENOMEM; break; }
        char *o = out->data + out->len;
        size_t oleft = out->cap - out->len - 1;
        size_t r = iconv(cd, &in, &inleft, &o, &oleft);
        out->len = (size_t)(o - out->data);
        if (r != (size_t)-1) break;
        if (errno == E2BIG) continue;
        /* EILSEQ (undefined here) or EINVAL (cut short at the end) */
        int cut = errno == EINVAL;
        if (kb_buf_append(out, "\xEF\xBF\xBD", 3) != KB_OK) { rc = KB_ENOMEM; break; }
        size_t skip = cut || inleft < unit ? inleft : unit;
        *bad += skip;
        in += skip;
        inleft -= skip;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv_close(cd);
    if (rc == KB_OK && kb_buf_reserve(out, 0) == KB_OK) out->data[out->len] = '\0';
    return rc;
}

static int is_arabic_cp(int32_t cp)
{
    return (cp >= 0x621 && cp <= 0x652) || cp == 0x60C || cp == 0x61B || cp == 0x61F ||
           cp == 0x640 || (cp >= 0x660 && cp <= 0x669) || cp == 0x67E || cp == 0x686 ||
           cp == 0x698 || cp == 0x6AF || cp == 0x6A9 || cp == 0x6CC;
}

static int is_ascii_letter(int32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* Share (0..1) of the non-ASCII characters of s that are Arabic letters,
 * harakat or Arabic punctuation standing in Arabic words; *nonascii gets
 * their count. An "Arabic" letter glued to a Latin letter does not count:
 * that is what Latin-1 accents look like when read as an Arabic code page
 * (é in "président" becomes ى in ISO-8859-6). */
static double arabic_share(const char *s, size_t len, size_t *nonascii)
{
    size_t i = 0, good = 0, n = 0;
    int32_t prev = -1;
    int prev_good = 0;
    while (i < len) {
        int32_t cp;
        if ((unsigned char)s[i] < 0x80) {
            cp = (unsigned char)s[i++];
        } else {
            cp = kb_utf8_decode(s, len, &i);
            n++;
        }
        if (is_ascii_letter(cp) && prev_good) good--;
        prev_good = 0;
        if (is_arabic_cp(cp) && !is_ascii_letter(prev)) {
            good++;
            prev_good = 1;
        }
        prev = cp;
    }
    *nonascii = n;
    return n ? (double)good / (double)n : 0.0;
}

/* Valid UTF-8 sequences and invalid bytes among the non-ASCII bytes. */
static void utf8_stats(const unsigned char *p, size_t len, size_t *valid, size_t *invalid)
{
    size_t i = 0, v = 0, bad = 0;
    while (i < len) {
        if (p[i] < 0x80) { i++; continue; }
        /* Two-byte sequences (all of Arabic) inline: this loop sees every
         * byte of every input. */
        if (p[i] >= 0xC2 && p[i] <= 0xDF && i + 1 < len && (p[i + 1] & 0xC0) == 0x80) {
            i += 2;
            v++;
            continue;
        }
        if (kb_utf8_decode((const char *)p, len, &i) < 0) bad++;
        else v++;
    }
    *valid = v;
    *invalid = bad;
}

/* UTF-8 with each invalid byte replaced by U+FFFD. */
static int utf8_repair(const unsigned char *p, size_t len, kb_buf *out, size_t *bad)
{
    *bad = 0;
    if (kb_buf_reserve(out, len + len / 8 + 16) != KB_OK) return KB_ENOMEM;
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && p[i] < 0x80) i++;
        if (i > start && kb_buf_append(out, (const char *)p + start, i - start) != KB_OK)
            return KB_ENOMEM;
        if (i >= len) break;
        start = i;
        if (kb_utf8_decode((const char *)p, len, &i) < 0) {
            if (kb_buf_append(out, "\xEF\xBF\xBD", 3) != KB_OK) return KB_ENOMEM;
            (*bad)++;
        } else if (kb_buf_append(out, (const char *)p + start, i - start) != KB_OK) {
            return KB_ENOMEM;
        }
    }
    return kb_buf_reserve(out, 0);
}

static int is_utf8_name(const char *cs)
{
    return !strcasecmp(cs, "utf-8") || !strcasecmp(cs, "utf8") || !strcasecmp(cs, "unicode-1-1-utf-8");
}

/* Charsets the web declares by habit when it means something else: a Latin
 * declaration does not beat a page whose bytes read as Arabic. */
static int is_latin_name(const char *cs)
{
    static const char *const latin[] = { "iso-8859-1", "iso8859-1", "latin1", "latin-1",
                                         "windows-1252", "cp1252", "us-ascii", "ascii",
                                         "x-user-defined", NULL };
    for (size_t i = 0; latin[i]; i++)
        if (!strcasecmp(cs, latin[i])) return 1;
    return 0;
}

/* The name iconv should get for a declared charset (HTML's rule: Latin-1
 * and ASCII labels mean windows-1252). */
static const char *iconv_name(const char *cs)
{
    if (!strcasecmp(cs, "iso-8859-1") || !strcasecmp(cs, "iso8859-1") ||
        !strcasecmp(cs, "latin1") || !strcasecmp(cs, "latin-1") ||
        !strcasecmp(cs, "us-ascii") || !strcasecmp(cs, "ascii"))
        return "WINDOWS-1252";
    if (!strcasecmp(cs, "x-user-defined")) return "WINDOWS-1252";
    if (!strcasecmp(cs, "cp1256") || !strcasecmp(cs, "windows-1256") || !strcasecmp(cs, "x-cp1256"))
        return "WINDOWS-1256";
    if (!strcasecmp(cs, "iso-8859-6") || !strcasecmp(cs, "iso8859-6") || !strcasecmp(cs, "arabic") ||
        !strcasecmp(cs, "asmo-708") || !strcasecmp(cs, "iso-ir-127") || !strcasecmp(cs, "ecma-114"))
        return "ISO-8859-6";
    return cs;
}

static void set_name(kb_decoded *out, const char *name)
{
    snprintf(out->charset, sizeof out->charset, "%s", name);
    for (char *c = out->charset; *c; c++) *c = (char)toupper((unsigned char)*c);
}

/* Drop the NUL characters of out->data (they would cut the string short
 * downstream), counting them. */
static void drop_nuls(kb_decoded *out)
{
    char *s = out->data;
    if (!memchr(s, 0, out->len)) return;
    size_t w = 0;
    for (size_t r = 0; r < out->len; r++) {
        if (s[r] == '\0') out->nuls++;
        else s[w++] = s[r];
    }
    out->len = w;
    s[w] = '\0';
}

int kb_content_type_charset(const char *ct, char *out, size_t cap)
{
    if (!ct || cap < 2) return 0;
    const char *p = ct;
    while ((p = strchr(p, ';')) != NULL) {
        p++;
        while (*p == ' ' || *p == '\t') p++;
        if (strncasecmp(p, "charset", 7) != 0) continue;
        const char *q = p + 7;
        while (*q == ' ' || *q == '\t') q++;
        if (*q != '=') continue;
        q++;
        while (*q == ' ' || *q == '\t' || *q == '"' || *q == '\'') q++;
        size_t n = 0;
        while (q[n] && (isalnum((unsigned char)q[n]) || strchr("-_.:", q[n])) && n + 1 < cap) {
            out[n] = (char)tolower((unsigned char)q[n]);
            n++;
        }
        out[n] = '\0';
        return n > 0;
    }
    return 0;
}

int kb_sniff_meta_charset(const unsigned char *p, size_t len, char *out, size_t cap)
{
    if (len > 2048) len = 2048;
    const char *s = (const char *)p;
    for (size_t i = 0; i + 5 < len; i++) {
        if (s[i] != '<' || strncasecmp(s + i + 1, "meta", 4) != 0) continue;
        size_t end = i + 5;
        while (end < len && s[end] != '>') end++;
        /* look for charset= inside this tag (covers both <meta charset=x>
         * and content="text/html; charset=x") */
        for (size_t k = i + 5; k + 8 < end; k++) {
            if (strncasecmp(s + k, "charset", 7) != 0) continue;
            size_t q = k + 7;
            while (q < end && (s[q] == ' ' || s[q] == '\t')) q++;
            if (q >= end || s[q] != '=') continue;
            q++;
            while (q < end && (s[q] == ' ' || s[q] == '"' || s[q] == '\'')) q++;
            size_t n = 0;
            while (q + n < end && n + 1 < cap &&
                   (isalnum((unsigned char)s[q + n]) || strchr("-_.:", s[q + n]))) {
                out[n] = (char)tolower((unsigned char)s[q + n]);
                n++;
            }
            out[n] = '\0';
            if (n) return 1;
        }
        i = end;
    }
    return 0;
}

/* Convert with a named charset; 1 when it was usable (known to iconv and
 * few undefined bytes), with out filled. */
static int try_charset(const unsigned char *p, size_t len, const char *cs, kb_buf *out,
                       size_t *bad, int *err)
{
    out->len = 0;
    int rc = convert(p, len, iconv_name(cs), out, bad);
    if (rc == KB_ENOMEM) { *err = rc; return 0; }
    if (rc != KB_OK) return 0;
    return *bad * 50 <= len;   /* at most 2% undefined bytes */
}

/* Arabic letter share when p (its first SCORE_BYTES) is read as cs; -1 when
 * the charset is unknown or out of memory. */
static double score_arabic(const unsigned char *p, size_t len, const char *cs, int *err)
{
    kb_buf b = { 0 };
    size_t bad = 0, n = 0;
    size_t sl = len < SCORE_BYTES ? len : SCORE_BYTES;
    int rc = convert(p, sl, cs, &b, &bad);
    double share = -1;
    if (rc == KB_ENOMEM) *err = rc;
    if (rc == KB_OK) {
        share = arabic_share(b.data ? b.data : "", b.len, &n);
        if (n) share = share * (double)n / (double)(n + bad);
        else share = 0;
    }
    kb_buf_free(&b);
    return share;
}

static int run_uchardet(const unsigned char *p, size_t len, char *name, size_t cap)
{
    uchardet_t ud = uchardet_new();
    if (!ud) return 0;
    int ok = 0;
    if (uchardet_handle_data(ud, (const char *)p, len < (1u << 20) ? len : (1u << 20)) == 0) {
        uchardet_data_end(ud);
        const char *cs = uchardet_get_charset(ud);
        if (cs && *cs) {
            snprintf(name, cap, "%s", cs);
            ok = 1;
        }
    }
    uchardet_delete(ud);
    return ok;
}

/* Put len bytes at s into the arena as out->data, without NULs. */
static int put(const char *s, size_t len, kb_arena *a, kb_decoded *out)
{
    if (!(out->data = kb_arena_strndup(a, s ? s : "", len))) return KB_ENOMEM;
    out->len = len;
    drop_nuls(out);
    return KB_OK;
}

/* The text converted into b goes to the arena; b is freed. */
static int finish(kb_buf *b, kb_arena *a, kb_decoded *out)
{
    int rc = put(b->data, b->len, a, out);
    kb_buf_free(b);
    return rc;
}

int kb_decode_text(const unsigned char *p, size_t len, const char *hint, kb_arena *a,
                   kb_decoded *out)
{
    memset(out, 0, sizeof *out);
    kb_buf b = { 0 };
    size_t bad = 0;
    int err = 0, rc;

    /* 1. byte order marks */
    static const struct { const char *bom; size_t n; const char *cs; } boms[] = {
        { "\xEF\xBB\xBF", 3, "UTF-8" },
        { "\xFF\xFE\x00\x00", 4, "UTF-32LE" },
        { "\x00\x00\xFE\xFF", 4, "UTF-32BE" },
        { "\xFF\xFE", 2, "UTF-16LE" },
        { "\xFE\xFF", 2, "UTF-16BE" },
    };
    for (size_t k = 0; k < sizeof boms / sizeof *boms; k++) {
        if (len < boms[k].n || memcmp(p, boms[k].bom, boms[k].n) != 0) continue;
        set_name(out, boms[k].cs);
        if (k == 0) {
            rc = utf8_repair(p + 3, len - 3, &b, &out->repaired);
        } else {
            rc = convert(p + boms[k].n, len - boms[k].n, boms[k].cs, &b, &out->repaired);
        }
        if (rc != KB_OK) { kb_buf_free(&b); return KB_ENOMEM; }
        return finish(&b, a, out);
    }

    /* 2. UTF-8, as is or repaired when mostly valid */
    size_t valid, invalid;
    utf8_stats(p, len, &valid, &invalid);
    if (invalid == 0 || (valid > 0 && invalid * 4 <= valid)) {
        set_name(out, "UTF-8");
        if (invalid == 0) return put((const char *)p, len, a, out);   /* as it is: one copy */
        if (utf8_repair(p, len, &b, &out->repaired) != KB_OK) { kb_buf_free(&b); return KB_ENOMEM; }
        return finish(&b, a, out);
    }

    /* 3. the declared charset (or the page's own <meta>), unless it claims
     * UTF-8 (it is not) or Latin (checked after the Arabic code pages) */
    char meta[48];
    if ((!hint || !*hint) && kb_sniff_meta_charset(p, len, meta, sizeof meta)) hint = meta;
    int latin_hint = hint && *hint && is_latin_name(hint);
    if (hint && *hint && !is_utf8_name(hint) && !latin_hint) {
        if (try_charset(p, len, hint, &b, &bad, &err)) {
            set_name(out, iconv_name(hint));
            out->repaired = bad;
            return finish(&b, a, out);
        }
        if (err) { kb_buf_free(&b); return err; }
    }

    /* 4. Arabic code pages by letter statistics */
    double s1256 = score_arabic(p, len, "WINDOWS-1256", &err);
    double s8859 = score_arabic(p, len, "ISO-8859-6", &err);
    if (err) { kb_buf_free(&b); return err; }
    if (s1256 >= 0.7 || s8859 >= 0.7) {
        const char *cs = s8859 > s1256 ? "ISO-8859-6" : "WINDOWS-1256";
        b.len = 0;
        if (convert(p, len, cs, &b, &out->repaired) != KB_OK) { kb_buf_free(&b); return KB_ENOMEM; }
        set_name(out, cs);
        return finish(&b, a, out);
    }

    /* 5. a Latin declaration, then uchardet's guess */
    char guess[64];
    const char *cands[2] = { latin_hint ? hint : NULL, NULL };
    if (run_uchardet(p, len, guess, sizeof guess) && strcasecmp(guess, "ASCII") != 0 &&
        !is_utf8_name(guess))
        cands[1] = guess;
    for (int k = 0; k < 2; k++) {
        if (!cands[k]) continue;
        if (try_charset(p, len, cands[k], &b, &bad, &err)) {
            set_name(out, iconv_name(cands[k]));
            out->repaired = bad;
            return finish(&b, a, out);
        }
        if (err) { kb_buf_free(&b); return err; }
    }

    /* 6. nothing fits: UTF-8 with every bad byte replaced */
    b.len = 0;
    set_name(out, "UTF-8");
    if (utf8_repair(p, len, &b, &out->repaired) != KB_OK) { kb_buf_free(&b); return KB_ENOMEM; }
    return finish(&b, a, out);
}
