/* story/entity_int.h -- internals shared by the entity files of the story
 * stage: the gazetteer's word categories and lookup, the compiled-in tables.
 * Not part of the public API. */
#ifndef KB_STORY_ENTITY_INT_H
#define KB_STORY_ENTITY_INT_H

#include <stddef.h>
#include <stdint.h>

#include "story/entity.h"

/* Word categories (a bit set per normalised word). */
enum {
    W_TITLE = 1u << 0,      /* a role noun before/after a person's name */
    W_HONOR = 1u << 1,      /* an honorific: a title that is no role (السيد) */
    W_ORG_HEAD = 1u << 2,   /* head noun of an organisation name */
    W_ORG_DESC = 1u << 3,   /* head that only describes a named body (وكالة رويترز) */
    W_LOC_CUE = 1u << 4,    /* مدينة X: X is a place */
    W_FAC_CUE = 1u << 5,    /* قاعدة X: "قاعدة X" is a place */
    W_GIVEN = 1u << 6,      /* a given name */
    W_AMBIG = 1u << 7,      /* a given name that is also a common word */
    W_CONNECT = 1u << 8,    /* بن أبو عبد آل: glue inside names */
    W_COMMON = 1u << 9,     /* a common word, never a name (stored without ال) */
    W_VERB = 1u << 10,      /* a verb form */
    W_SAY = 1u << 11,       /* a verb of saying (قال, أكد ...) */
    W_TIME = 1u << 12,      /* day, month, time word */
    W_NISBA = 1u << 13,     /* nationality adjective stem (عراقي) */
    W_POSTSTOP = 1u << 14,  /* السابق, الحالي: ends a name, may end a role */
    W_PLACE_PRE = 1u << 15, /* عين, رأس, تل: first word of a place name */
    W_CONSTRUCT = 1u << 16, /* indefinite noun inside a role or body name (خارجية, حقوق) */
    W_ADJ = 1u << 17,       /* adjective inside a body name (العليا, المتحدة) */
    W_ORG_LIL = 1u << 18,   /* لل-complement of a body name (للأنباء) */
    W_ROLE_PREP = 1u << 19, /* باسم, لدى: a role goes on after it */
    W_NAMEWORD = 1u << 20,  /* known to occur in person names (from lists) */
    W_STOPX = 1u << 21,     /* function words the rules need (extra to kb_is_stopword) */
    W_EVAL = 1u << 22,      /* evaluative adjective, not part of a name (الإرهابي) */
};

/* A word list: one category, words separated by spaces (as written; they are
 * normalised when the gazetteer is built). */
typedef struct kb_gz_words {
    uint32_t cat;
    const char *words;
} kb_gz_words;

extern const kb_gz_words kb_gz_wordlists[];
extern const size_t kb_gz_nwordlists;

/* A curated entity name; canon (or NULL) is the name it is an alias of. */
typedef struct kb_gz_name {
    uint8_t type;          /* kb_entity_type */
    const char *name;
    const char *canon;
} kb_gz_name;

extern const kb_gz_name kb_gz_names[];
extern const size_t kb_gz_nnames;

/* Entity sources, in order of trust. */
enum { GZ_SRC_NONE = 0, GZ_SRC_CURATED = 1, GZ_SRC_CLDR = 2, GZ_SRC_FILE = 3 };

/* One gazetteer record: a normalised word or phrase (words joined by one
 * space). */
typedef struct kb_gz_entry {
    const char *key;
    uint32_t klen;
    uint32_t cat;          /* W_* of a single word */
    uint8_t etype;         /* kb_entity_type of the phrase, 0 if none */
    uint8_t esrc;          /* GZ_SRC_* */
    uint8_t maxwords;      /* longest entity phrase starting with this word */
    const char *canon;     /* original spelling of the canonical name, or NULL */
} kb_gz_entry;

/* Exact lookup of a normalised key; NULL when absent. */
const kb_gz_entry *kb_gz_get(const kb_gazetteer *g, const char *key, size_t len);
/* Categories of a normalised word (0 when unknown). */
uint32_t kb_gz_cat(const kb_gazetteer *g, const char *w, size_t len);

/* Is the normalised word a nationality adjective (عراقي, الأمريكية,
 * الأميركيون ...)? */
int kb_gz_is_nisba(const kb_gazetteer *g, const char *w, size_t len);

#endif /* KB_STORY_ENTITY_INT_H */
