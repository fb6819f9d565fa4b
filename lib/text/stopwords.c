/* text/stopwords.c -- Arabic and English stopwords in normalised form (text
 * layer; used by search, clustering and summaries to skip function words).
 *
 * The table (stopwords.inc) holds 215 Arabic function words --
 * prepositions, pronouns, particles, demonstratives and relatives, attached
 * pronoun forms (منه، عليها) and clitic variants (وفي، ومن، فإن، بأن), the
 * lone proclitic letters a tokenizer can leave (و ب ل ف ك ال) -- and 83
 * English ones, all as kb_normalize writes them (إلى -> الي, هذه stays),
 * sorted by bytes for a binary search. A test checks the order. */
#include "text/text.h"

typedef struct word {
    const char *s;
    unsigned char n;
} word;
#define W(x) { x, sizeof(x) - 1 }

static const word STOP[] = {
#include "text/stopwords.inc"
};

int kb_is_stopword(const char *norm, size_t len)
{
    size_t lo = 0, hi = sizeof STOP / sizeof STOP[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = kb_text_wcmp(norm, len, STOP[mid].s, STOP[mid].n);
        if (!c) return 1;
        if (c < 0) hi = mid;
        else lo = mid + 1;
    }
    return 0;
}

int kb_text_stopwords_sorted(void)
{
    for (size_t i = 1; i < sizeof STOP / sizeof STOP[0]; i++)
        if (kb_text_wcmp(STOP[i - 1].s, STOP[i - 1].n, STOP[i].s, STOP[i].n) >= 0) return 0;
    return 1;
}
