/* text/text.h -- internal interface of the text layer (normalise, tokenise,
 * stem, stopwords, language). The public half is in include/khabar.h; this
 * header holds what the files of lib/text share with each other and what
 * other stages may use for finer control. */
#ifndef KB_TEXT_H
#define KB_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "khabar.h"

/* Normalise s[0..len) like kb_normalize (which also returns KB_EINVAL for
 * input of 4 GiB or more: offsets are 32-bit), but without the offset map when
 * map_out is NULL (faster, half the memory). On KB_OK *text is malloc'd and
 * NUL-terminated, *out_len its length and, when map_out is given, *map_out a
 * malloc'd array of *out_len+1 offsets. Returns KB_OK, KB_ENOMEM, or KB_EINVAL
 * when len does not fit the 32-bit offsets (>= 4 GiB). */
int kb_text_normalize(const char *s, size_t len, unsigned flags,
                      char **text, size_t *out_len, uint32_t **map_out);

/* Character classes of normalised text, for the tokenizer. */
typedef enum {
    KB_CC_OTHER = 0,  /* space, punctuation, symbols: separates tokens */
    KB_CC_ARABIC,     /* Arabic-script letter */
    KB_CC_LETTER,     /* any other letter (Latin, Cyrillic...) */
    KB_CC_DIGIT,      /* ASCII digit (normalised text has no other) */
    KB_CC_MARK,       /* a combining mark left in the text: joins its word */
} kb_char_class;

/* The class of code point cp. Never fails. */
kb_char_class kb_text_char_class(int32_t cp);

/* 1 when the tokenizer's class tables agree with kb_text_char_class. */
int kb_text_class_tables_ok(void);

/* Light Arabic stemmer, as kb_stem_ar, exposed with the Snowball Arabic
 * baseline for comparisons (tests, benchmark). kb_text_snowball_ar stems
 * word[0..len) with libstemmer's Arabic stemmer into out (cap bytes, NUL
 * terminated, truncated to fit); returns the stem length. It allocates a
 * Snowball stemmer per call: for tests, not for bulk use. */
size_t kb_text_snowball_ar(const char *word, size_t len, char *out, size_t cap);

/* The order of the sorted word tables of the text layer (stopwords,
 * language words, the stemmer's lists): a[0..an) against b[0..bn) byte by
 * byte as memcmp, a word before the longer words it begins. */
static inline int kb_text_wcmp(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    if (c) return c;
    return an < bn ? -1 : an > bn;
}

/* 1 when the stemmer's word tables are consistent: sorted, every word
 * found through the hash slots of stem_ar_hash.inc (rerun lib/text/mkhash.py
 * after editing a table), KEEP words starting with و or ب, PROTECT words
 * ending in ا ن م or a letter no suffix ends in. */
int kb_text_stem_tables_sorted(void);
/* 1 when the stopword table is sorted. */
int kb_text_stopwords_sorted(void);
/* 1 when the language detector's word table is sorted. */
int kb_text_lang_words_sorted(void);

#endif
