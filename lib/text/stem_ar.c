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
 * not made of two-byte letters (digits, Latin) is returned unchanged. */
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

static int wcmp(const char *a, size_t an, const word *b)
{
    size_t m = an < b->n ? an : b->n;
    int c = memcmp(a, b->s, m);
    if (c) return c;
    return an < b->n ? -1 : an > b->n;
}

static int in_list(const word *tab, size_t n, const char *s, size_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = wcmp(s, len, &tab[mid]);
        if (!c) return 1;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return 0;
}

#define IN(tab, s, len) in_list(tab, sizeof tab / sizeof tab[0], s, len)

int kb_text_stem_tables_sorted(void)
{
    const struct { const word *t; size_t n; } tabs[] = {
        { KEEP, sizeof KEEP / sizeof KEEP[0] },
        { PROTECT, sizeof PROTECT / sizeof PROTECT[0] },
        { SHORT_H, sizeof SHORT_H / sizeof SHORT_H[0] },
    };
    for (size_t k = 0; k < sizeof tabs / sizeof tabs[0]; k++)
        for (size_t i = 1; i < tabs[k].n; i++)
            if (wcmp(tabs[k].t[i - 1].s, tabs[k].t[i - 1].n, &tabs[k].t[i]) >= 0) return 0;
    return 1;
}

static inline int ends(const char *w, size_t len, const char *suf, size_t sn)
{
    return len >= sn && memcmp(w + len - sn, suf, sn) == 0;
}

static inline int starts(const char *w, size_t len, const char *pre, size_t pn)
{
    return len >= pn && memcmp(w, pre, pn) == 0;
}

typedef struct suffix {
    const char *s;
    unsigned char n;        /* bytes */
    unsigned char minrem;   /* letters that must remain */
    unsigned char pron;     /* a pronoun: a ت before it was ة */
} suffix;

/* First match wins, then the loop starts again on what remains. */
static const suffix SUF[] = {
    { "هما", 6, 3, 1 },
    { "ها", 4, 3, 1 },
    { "هم", 4, 3, 1 },
    { "نا", 4, 3, 1 },
    { "ات", 4, 2, 0 },
    { "تين", 6, 2, 0 },
    { "تان", 6, 2, 0 },
    { "ون", 4, 3, 0 },
    { "ين", 4, 3, 0 },
    { "ان", 4, 3, 0 },
    { "ه", 2, 2, 1 },
    { "ي", 2, 4, 0 },
    { "ا", 2, 3, 0 },
};

#define TEH "\xd8\xaa"          /* ت */
#define ALLAH "الله"

size_t kb_text_ar_suffix_strip(const char *w, size_t len)
{
    if (len <= 6) {
        /* three letters or fewer: only a final ة (ه) goes */
        if (len == 6 && ends(w, len, "ه", 2) && !IN(SHORT_H, w, len)) return 4;
        return len;
    }
    if (ends(w, len, ALLAH, sizeof ALLAH - 1)) return len;   /* عبدالله */
    for (int iter = 0; iter < 8; iter++) {
        if (IN(PROTECT, w, len)) break;
        size_t letters = len / 2, cut = 0;
        int pron = 0;
        for (size_t k = 0; k < sizeof SUF / sizeof SUF[0]; k++) {
            const suffix *x = &SUF[k];
            if (letters < (size_t)x->n / 2 + x->minrem || !ends(w, len, x->s, x->n)) continue;
            /* تأمين، تعيين، تحسين: the taf'il of a root ending in ن */
            if (letters == 5 && x->n == 4 && memcmp(x->s, "ين", 4) == 0 &&
                starts(w, len, TEH, 2))
                continue;
            cut = x->n;
            pron = x->pron;
            break;
        }
        if (!cut) break;
        len -= cut;
        if (pron && len / 2 >= 4 && ends(w, len, TEH, 2) && !ends(w, len, "ات", 4))
            len -= 2;
        if (len <= 6) break;
    }
    return len;
}

/* The stem of w as a span of it: *off and the returned length. */
static size_t stem_span(const char *w, size_t len, int allow_waw, size_t *off)
{
    *off = 0;
    if (len <= 6) return kb_text_ar_suffix_strip(w, len);
    if (ends(w, len, ALLAH, sizeof ALLAH - 1)) {
        /* الله with an attached particle (والله، بالله، تالله) is الله */
        if (len == sizeof ALLAH + 1) { *off = 2; return len - 2; }
        return len;
    }
    size_t s = kb_text_ar_suffix_strip(w, len);
    if (IN(KEEP, w, s)) return s;
    static const word ART2[] = { W("وال"), W("بال"), W("كال"), W("فال"), W("ولل") };
    size_t a = 0;
    for (size_t k = 0; k < sizeof ART2 / sizeof ART2[0] && !a; k++)
        if (starts(w, len, ART2[k].s, ART2[k].n) && (len - ART2[k].n) / 2 >= 3) a = ART2[k].n;
    if (!a && (starts(w, len, "ال", 4) || starts(w, len, "لل", 4)) && len - 4 >= 4) a = 4;
    if (a) {
        /* no word takes two articles: ال after the article begins the word
         * (الألعاب -> ألعاب), and goes like an article so that the bare
         * word (ألعاب -> العاب -> عاب) meets it */
        if (starts(w + a, len - a, "ال", 4) && len - a - 4 >= 4) a += 4;
        *off = a;
        return kb_text_ar_suffix_strip(w + a, len - a);
    }
    if (allow_waw && starts(w, len, "و", 2) && len - 2 >= 6) {
        size_t sub;
        size_t n = stem_span(w + 2, len - 2, 0, &sub);
        *off = 2 + sub;
        return n;
    }
    return s;
}

size_t kb_stem_ar(const char *word_, size_t len, char *out)
{
    /* only words made of two-byte letters are stemmed */
    int plain = (len % 2) == 0;
    for (size_t i = 0; plain && i < len; i += 2) {
        unsigned char b0 = (unsigned char)word_[i], b1 = (unsigned char)word_[i + 1];
        plain = b0 >= 0xC2 && b0 <= 0xDF && (b1 & 0xC0) == 0x80;
    }
    size_t off = 0, n = len;
    if (plain) n = stem_span(word_, len, 1, &off);
    memcpy(out, word_ + off, n);
    out[n] = '\0';
    return n;
}
