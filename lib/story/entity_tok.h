/* story/entity_tok.h -- the token view the entity rules of the story stage
 * work on: kb_tokenize's tokens plus the punctuation between them, the
 * word without its proclitics (و ف ب ك ل, لل -> ال), the word categories of
 * the gazetteer, and the longest gazetteer name starting at each token.
 * Internal to lib/story/entity_*.c. */
#ifndef KB_STORY_ENTITY_TOK_H
#define KB_STORY_ENTITY_TOK_H

#include <stddef.h>
#include <stdint.h>

#include "story/entity_int.h"

/* What stands between a token and the one before it. */
enum {
    G_COMMA = 1 << 0,  /* ، , */
    G_STOP = 1 << 1,   /* . ! ? ؟ : ; ؛ and line breaks */
    G_QUOTE = 1 << 2,  /* " “ ” « » ' */
    G_PAREN = 1 << 3,  /* ( ) [ ] */
    G_DASH = 1 << 4,   /* - – — */
    G_OTHER = 1 << 5,  /* anything else but white space */
    G_START = 1 << 6,  /* first token of the text */
};

typedef struct etok {
    uint32_t s, e;        /* byte span in the original text */
    const char *w;        /* normalised word (not NUL-terminated) */
    uint32_t wl;
    const char *b;        /* the word without proclitics, or w */
    uint32_t bl;
    uint8_t pre;          /* normalised bytes of w before b's stem (0: none) */
    uint8_t lil;          /* b is "ال" + w after "لل" (not a substring of w) */
    uint8_t kind;         /* kb_tok_kind */
    uint8_t gap;          /* G_* before this token */
    uint8_t al;           /* b starts with ال (as written: آلينا is no ال- word) */
    uint8_t tanween;      /* written with tanween (ً ٌ ٍ): a common word, no name */
    uint8_t gtype;        /* type of the longest gazetteer name here, 0 none */
    uint8_t glen;         /* its length in tokens */
    uint8_t gsrc;         /* its source (GZ_SRC_*) */
    uint8_t gbare;        /* 1 when it matched on b rather than w */
    uint32_t wc, bc, sc;  /* categories of w, of b, of b without ال */
    const char *gcanon;   /* canonical name of that match, or NULL */
    uint32_t orig_b;      /* original offset where b's text starts */
    const kb_gz_entry *ew, *eb; /* gazetteer entries of w and of b (eb == ew
                                   when b is w), NULL when absent: each form
                                   is looked up once */
} etok;

typedef struct etoks {
    kb_tokens tk;
    etok *v;
    size_t n;
    char *scratch;        /* backing store of the لل -> ال forms */
} etoks;

/* Build the token view of text[0..len). KB_OK or KB_ENOMEM; free with
 * etoks_free. */
int etoks_build(const kb_gazetteer *g, const char *text, size_t len, etoks *out);
void etoks_free(etoks *t);

/* Word tests on a token. */
int etok_is(const etok *t, const char *word);       /* w equals word (normalised) */
int etok_stop(const etok *t);                       /* function word (w or b) */

#endif /* KB_STORY_ENTITY_TOK_H */
