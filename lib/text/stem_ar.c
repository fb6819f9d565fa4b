/* text/stem_ar.c -- Arabic light stemmer (text layer; used by search,
 * clustering and the story terms through kb_stemmer).
 *
 * Light10-style: strip a proclitic (وال بال كال فال ولل ال لل, or و) and
 * then suffixes, never reaching for the root. It differs from light10 and
 * from Snowball Arabic where they split words that belong together or join
 * words that do not:
 *  - suffixes are stripped repeatedly, in a fixed order, with a minimum
 *    remainder per suffix, so that derived forms meet: عراقيين -> عراقي ->
 *    عراق; محادثاتها -> محادثات -> محادث; امريكيا -> امريكي -> امريك;
 *  - ي (nisba, my) goes only when four letters remain: ولاية -> ولاي stays
 *    ولاي (not ولا), دولية -> دولي;
 *  - a ت left in front of a stripped pronoun was the ة: حكومته -> حكوم;
 *  - و is stripped only when three letters remain and the word is not a
 *    word whose و is radical (KEEP: وزير وزراء ولاية وقت وكالة ...); a
 *    word whose أل/إل/آل became ال (ألعاب، إلغاء، آلاف) loses it like an
 *    article, also after a real article (الألعاب), so both forms meet;
 *    ف alone is never stripped (فلسطين);
 *  - PROTECT stops suffix stripping at proper nouns and words that end like
 *    a suffix (فلسطين، لبنان، قانون، مليون، تأمين...);
 *  - words of at most three letters are left alone, except that a final ه
 *    (ة) goes from a three-letter word, so قوة and قوات meet at قو.
 * Input is a normalised word (ة -> ه, ى -> ي, no harakat); anything that is
 * not made of two-byte letters (digits, Latin) is returned unchanged.
 *
 * Speed: the last and first letters pick the rules to try (no loop over a
 * suffix list) and the word tables are looked up through precomputed hash
 * slots (stem_ar_hash.inc, made by mkhash.py), so a token costs a few tens
 * of nanoseconds. */
#include "text/text.h"

#include <string.h>

typedef struct word {
    const char *s;
    unsigned char n;    /* bytes */
} word;
#define W(x) { x, sizeof(x) - 1 }

/* Suffix-stripped stems whose first letters (و, وال, بال) belong to the
 * word: when the stem of the whole word is here, no prefix is stripped.
 * Sorted by bytes (a test checks it). */
static const word KEEP[] = {
#include "text/stem_ar_keep.inc"
};

/* Forms at which suffix stripping stops. Sorted by bytes. */
static const word PROTECT[] = {
#include "text/stem_ar_protect.inc"
};

/* Three-letter words ending in a radical ه (or a pronoun on a particle). */
static const word SHORT_H[] = {
#include "text/stem_ar_short_h.inc"
};

/* Short fixed strings: a byte loop beats a call to memcmp. */
static inline int same(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i]) return 0;
    return 1;
}

/* Hash slots of the three tables (stem_ar_hash.inc, made by mkhash.py
 * with the same word_hash). */
#include "text/stem_ar_hash.inc"

/* Cheap and good enough for a few hundred words: the first letter, the last
 * two letters and the length. len >= 4. */
static inline unsigned word_hash(const unsigned char *u, size_t len)
{
    return (unsigned)u[1] * 31u + (unsigned)u[len - 1] * 7u + (unsigned)u[len - 3] * 3u +
           (unsigned)len * 11u;
}

static int in_list(const word *tab, const unsigned char *slots, size_t nslots,
                   const char *s, size_t len)
{
    if (len < 4) return 0;
    size_t h = word_hash((const unsigned char *)s, len) & (nslots - 1);
    for (; slots[h]; h = (h + 1) & (nslots - 1)) {
        const word *e = &tab[slots[h] - 1];
        if (e->n == len && same(e->s, s, len)) return 1;
    }
    return 0;
}

#define IN(tab, s, len) in_list(tab, tab##_SLOTS, sizeof tab##_SLOTS, s, len)

int kb_text_stem_tables_sorted(void)
{
    const struct { const word *t; size_t n; } tabs[] = {
        { KEEP, sizeof KEEP / sizeof KEEP[0] },
        { PROTECT, sizeof PROTECT / sizeof PROTECT[0] },
        { SHORT_H, sizeof SHORT_H / sizeof SHORT_H[0] },
    };
    for (size_t k = 0; k < sizeof tabs / sizeof tabs[0]; k++)
        for (size_t i = 1; i < tabs[k].n; i++)
            if (kb_text_wcmp(tabs[k].t[i - 1].s, tabs[k].t[i - 1].n, tabs[k].t[i].s,
                             tabs[k].t[i].n) >= 0)
                return 0;
    for (size_t i = 0; i < sizeof KEEP / sizeof KEEP[0]; i++)
        if (!same(KEEP[i].s, "و", 2) && !same(KEEP[i].s, "ب", 2)) return 0;
    /* every word is found through the hash slots (mkhash.py is up to date) */
    for (size_t i = 0; i < sizeof KEEP / sizeof KEEP[0]; i++)
        if (!IN(KEEP, KEEP[i].s, KEEP[i].n)) return 0;
    for (size_t i = 0; i < sizeof PROTECT / sizeof PROTECT[0]; i++)
        if (!IN(PROTECT, PROTECT[i].s, PROTECT[i].n)) return 0;
    for (size_t i = 0; i < sizeof SHORT_H / sizeof SHORT_H[0]; i++)
        if (!IN(SHORT_H, SHORT_H[i].s, SHORT_H[i].n)) return 0;
    /* the PROTECT filter in suffix_strip */
    for (size_t i = 0; i < sizeof PROTECT / sizeof PROTECT[0]; i++) {
        const char *e = PROTECT[i].s + PROTECT[i].n - 2;
        int suffix_letter = same(e, "ا", 2) || same(e, "ت", 2) || same(e, "ن", 2) ||
                            same(e, "م", 2) || same(e, "ه", 2) || same(e, "ي", 2);
        if (suffix_letter && !same(e, "ن", 2) && !same(e, "م", 2) && !same(e, "ا", 2))
            return 0;
    }
    return 1;
}

static inline int ends(const char *w, size_t len, const char *suf, size_t sn)
{
    return len >= sn && same(w + len - sn, suf, sn);
}

#define ALLAH "الله"

/* Letters as their two UTF-8 bytes. */
#define IS(p, letter) IS_(p, letter)
#define IS_(p, b0, b1) ((unsigned char)(p)[0] == (b0) && (unsigned char)(p)[1] == (b1))
#define ALEF 0xD8, 0xA7
#define BEH 0xD8, 0xA8
#define TEH_ 0xD8, 0xAA
#define FEH 0xD9, 0x81
#define KAF 0xD9, 0x83
#define LAM 0xD9, 0x84
#define MEEM 0xD9, 0x85
#define NOON 0xD9, 0x86
#define HEH 0xD9, 0x87
#define WAW 0xD9, 0x88
#define YEH 0xD9, 0x8A

static inline int ends_allah(const char *w, size_t len)
{
    return len >= 8 && IS(w + len - 2, HEH) && same(w + len - 8, ALLAH, 8);
}

/* The suffixes, tried on the last letter; the first that matches with
 * enough letters left goes, then the loop starts again on what remains:
 *   ا: هما ها نا (pronouns, 3 left), ا (tanween alef, 3 left)
 *   ت: ات (2 left)
 *   ن: تين تان (feminine dual, 2 left), ون ين ان (3 left)
 *   م: هم (3 left)
 *   ه: ه (ة or the pronoun, 2 left)
 *   ي: ي (nisba, my; 4 left)
 * After a pronoun, a ت left at the end was the ة (حكومته). Returns the
 * length of the prefix of w[0..len) (a normalised Arabic word of two-byte
 * letters) that remains. */
static size_t suffix_strip(const char *w, size_t len)
{
    if (len <= 6) {
        /* three letters or fewer: only a final ة (ه) goes */
        if (len == 6 && IS(w + 4, HEH) && !IN(SHORT_H, w, len)) return 4;
        return len;
    }
    if (ends_allah(w, len)) return len;   /* عبدالله */
    for (int iter = 0; iter < 8; iter++) {
        const char *e = w + len - 2;     /* the last letter */
        size_t letters = len / 2, cut = 0;
        int pron = 0, guarded = 0;
        if (IS(e, ALEF)) {
            guarded = 1;
            if (letters >= 6 && ends(w, len, "هما", 6)) { cut = 6; pron = 1; }
            else if (letters >= 5 && (IS(e - 2, HEH) || IS(e - 2, NOON))) { cut = 4; pron = 1; }
            else if (letters >= 4) cut = 2;
        } else if (IS(e, TEH_)) {
            if (letters >= 4 && IS(e - 2, ALEF)) cut = 4;
        } else if (IS(e, NOON)) {
            guarded = 1;
            if (letters >= 5 && IS(e - 4, TEH_) && (IS(e - 2, YEH) || IS(e - 2, ALEF))) cut = 6;
            else if (letters >= 5 && (IS(e - 2, WAW) || IS(e - 2, ALEF))) cut = 4;
            /* تأمين، تعيين، تحسين: the taf'il of a root ending in ن */
            else if (letters >= 5 && IS(e - 2, YEH) && !(letters == 5 && IS(w, TEH_))) cut = 4;
        } else if (IS(e, MEEM)) {
            guarded = 1;
            if (letters >= 5 && IS(e - 2, HEH)) { cut = 4; pron = 1; }
        } else if (IS(e, HEH)) {
            if (letters >= 3) { cut = 2; pron = 1; }
        } else if (IS(e, YEH)) {
            if (letters >= 5) cut = 2;
        }
        /* every PROTECT word ends in ا ن م or a letter no suffix ends in
         * (kb_text_stem_tables_sorted checks it) */
        if (!cut || (guarded && IN(PROTECT, w, len))) break;
        len -= cut;
        if (pron && len / 2 >= 4 && IS(w + len - 2, TEH_) && !IS(w + len - 4, ALEF))
            len -= 2;
        if (len <= 6) break;
    }
    return len;
}

/* The stem of w as a span of it: *off and the returned length. */
static size_t stem_span(const char *w, size_t len, int allow_waw, size_t *off)
{
    *off = 0;
    if (len <= 6) return suffix_strip(w, len);
    if (ends_allah(w, len)) {
        /* الله with an attached particle (والله، بالله، تالله) is الله */
        if (len == 10) { *off = 2; return len - 2; }
        return len;
    }
    /* a = bytes of article: وال بال كال فال ولل leave 3 letters or more,
     * ال لل 2 or more; else و (waw) leaving 3 or more */
    size_t a = 0;
    int waw = 0, keep_check = 0;
    if (IS(w, ALEF) || IS(w, LAM)) {
        if (IS(w + 2, LAM) && len >= 8) a = 4;
    } else if (IS(w, WAW)) {
        keep_check = 1;
        if (len >= 12 && ((IS(w + 2, ALEF) && IS(w + 4, LAM)) || (IS(w + 2, LAM) && IS(w + 4, LAM))))
            a = 6;
        else
            waw = allow_waw && len >= 8;
    } else if (IS(w, BEH) || IS(w, KAF) || IS(w, FEH)) {
        keep_check = IS(w, BEH);
        if (len >= 12 && IS(w + 2, ALEF) && IS(w + 4, LAM)) a = 6;
    }
    /* a prefix would go: not when the word is one whose first letters are
     * its own (every KEEP stem starts with و or ب: checked by
     * kb_text_stem_tables_sorted) */
    if ((a || waw) && keep_check) {
        size_t s = suffix_strip(w, len);
        if (IN(KEEP, w, s)) return s;
    }
    if (a) {
        /* no word takes two articles: ال after the article begins the word
         * (الألعاب -> ألعاب), and goes like an article so that the bare
         * word (ألعاب -> العاب -> عاب) meets it */
        if (len - a >= 8 && IS(w + a, ALEF) && IS(w + a + 2, LAM)) a += 4;
        *off = a;
        return suffix_strip(w + a, len - a);
    }
    if (waw) {
        size_t sub;
        size_t n = stem_span(w + 2, len - 2, 0, &sub);
        *off = 2 + sub;
        return n;
    }
    return suffix_strip(w, len);
}

size_t kb_stem_ar(const char *word_, size_t len, char *out)
{
    /* only words made of two-byte letters are stemmed (one test at the
     * end: a branch per letter costs more than the arithmetic) */
    const unsigned char *u = (const unsigned char *)word_;
    unsigned bad = (unsigned)(len & 1);
    for (size_t i = 0; i + 1 < len; i += 2)
        bad |= ((unsigned)(u[i] - 0xC2) > 0x1Du) | ((u[i + 1] & 0xC0u) ^ 0x80u);
    size_t off = 0, n = len;
    if (!bad) n = stem_span(word_, len, 1, &off);
    memcpy(out, word_ + off, n);
    out[n] = '\0';
    return n;
}
