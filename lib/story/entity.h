/* story/entity.h -- named entities for the story stage: people,
 * organisations and places in an article's text, with the roles the text
 * gives them ("وزير الخارجية العراقي فؤاد حسين"), merged across the articles
 * of a story.
 *
 * Design. A rule system, no trained model:
 *  - a gazetteer (kb_gazetteer) built once: a curated table of names and
 *    the word lists the rules need (titles, nationality adjectives, head nouns
 *    of organisations, given names, common words), the place names of CLDR's
 *    Arabic locale (compiled in at build time), and optionally the ANERGazet
 *    lists loaded at run time;
 *  - patterns over the tokens of kb_tokenize: a title or role before a name
 *    (or after it), "role، name" apposition, organisations built from a head
 *    noun and its modifiers, places after cue words, gazetteer matches;
 *  - within one text, the surname (and full name) of each person found is
 *    looked for again, so "ميلر" after "ماثيو ميلر" is a mention of him.
 * Every entity carries a merge key (normalised spelling, أمريكي/أميركي and
 * similar alternations folded, aliases of the gazetteer resolved), which
 * kb_entities_merge uses to merge the mentions of a story.
 */
#ifndef KB_STORY_ENTITY_H
#define KB_STORY_ENTITY_H

#include <stddef.h>

#include "khabar.h"

typedef enum kb_entity_type {
    KB_ENT_PERS = 1,
    KB_ENT_ORG = 2,
    KB_ENT_LOC = 3,
    KB_ENT_MISC = 4, /* not produced by the current rules; kept for callers */
} kb_entity_type;

/* "PERS", "ORG", "LOC", "MISC" or "?"; a static string. */
const char *kb_entity_type_name(kb_entity_type t);

/* kb_entity.flags */
enum {
    KB_ENTF_GAZETTEER = 1 << 0,   /* the name (or its core) is a gazetteer entry */
    KB_ENTF_DESCRIPTIVE = 1 << 1, /* an organisation named by common words
                                     only ("وزارة الخارجية العراقية",
                                     "الحكومة العراقية"), not a proper name */
    KB_ENTF_PARTIAL = 1 << 2,     /* a surname-only mention of a person named
                                     in full elsewhere in the same text; key is
                                     the full name's */
};

/* One mention of an entity in a text. Strings live in the arena given to
 * kb_entities_find. */
typedef struct kb_entity {
    kb_entity_type type;
    const char *name;   /* as written (harakat kept, clitics و ب ل ف ك
                           stripped: "بالعراق" -> "العراق") */
    const char *key;    /* normalised merge key */
    const char *role;   /* "وزير الخارجية العراقي" ... as written, or NULL */
    size_t start, end;  /* byte span of name in the text */
    size_t role_start, role_end; /* byte span of role; both 0 when none */
    unsigned flags;     /* KB_ENTF_* */
} kb_entity;

/* ---------------------------------------------------------------- gazetteer */

typedef struct kb_gazetteer kb_gazetteer;

/* Build the gazetteer from the compiled-in lists (curated names and word
 * lists, CLDR places). Returns KB_OK, or KB_ENOMEM (then *out is NULL).
 * The caller owns *out (kb_gazetteer_free). Read-only afterwards, so one
 * gazetteer can serve many threads. */
int kb_gazetteer_new(kb_gazetteer **out);
void kb_gazetteer_free(kb_gazetteer *g);

/* Add the names of a one-name-per-line UTF-8 file as entities of type t.
 * Lines of '=' or '*' (separators) and blank lines are skipped, and so are
 * names the gazetteer knows as common words. *added (may be NULL) receives
 * the number of new names. Returns KB_OK, KB_ENOTFOUND when the file cannot
 * be opened, KB_EIO, KB_EINVAL (bad type), KB_ENOMEM. */
int kb_gazetteer_load_file(kb_gazetteer *g, const char *path,
                           kb_entity_type t, size_t *added);

/* Load ANERGazet (AlignedLocGazetteer.txt, AlignedOrgGazetteer.txt,
 * AlignedPersGazetteer.txt in dir, e.g. ../shared/data/anercorp/ANERGazet).
 * Optional knowledge: returns KB_ENOTFOUND when dir or a file is missing
 * (what was loaded before stays), else as kb_gazetteer_load_file. */
int kb_gazetteer_load_anergazet(kb_gazetteer *g, const char *dir,
                                size_t *added);

/* Number of distinct entity names known (for statistics). */
size_t kb_gazetteer_size(const kb_gazetteer *g);

/* ---------------------------------------------------------------- mentions */

/* The merge key of a name: kb_normalize, then أميركي -> أمريكي, "عبد ال" ->
 * "عبدال", spaces collapsed. malloc'd in arena; NULL when out of memory. */
char *kb_entity_key(kb_arena *arena, const char *name, size_t len);

/* Find the entities mentioned in text[0..len) (UTF-8; invalid bytes are
 * tolerated). *out receives an array of *n mentions in text order, with no
 * overlapping name spans; the array and every string live in arena (the
 * caller frees the arena). *n may be 0 (then *out may be NULL).
 * Returns KB_OK, KB_EINVAL (NULL argument), KB_ENOMEM. */
int kb_entities_find(const kb_gazetteer *g, const char *text, size_t len,
                     kb_entity **out, size_t *n, kb_arena *arena);

/* ---------------------------------------------------------------- story */

/* The mentions found in one article. */
typedef struct kb_entity_list {
    const kb_entity *v;
    size_t n;
} kb_entity_list;

/* One entity of a story, all its mentions merged. */
typedef struct kb_story_entity {
    kb_entity_type type;
    const char *key;       /* merge key of the fullest name */
    const char *name;      /* display name: the most frequent spelling of the
                              fullest form ("ماثيو ميلر", not "ميلر") */
    const char *role;      /* the most frequent role, or NULL */
    const char **roles;    /* distinct roles (by key), most frequent first */
    size_t nroles;
    const char **variants; /* distinct spellings seen, most frequent first */
    size_t nvariants;
    size_t count;          /* mentions */
    size_t ndocs;          /* articles that mention it */
    size_t first_doc;      /* index of the first article that mentions it */
} kb_story_entity;

/* Merge the mentions of ndocs articles into story entities: same type and
 * key; a one-word person mention whose word is the surname of exactly one
 * fuller person of the story joins that person; roles and spellings are
 * collected. *out (in arena) is sorted by count (descending), then type,
 * then key: deterministic. Returns KB_OK, KB_EINVAL, KB_ENOMEM. */
int kb_entities_merge(const kb_entity_list *docs, size_t ndocs,
                      kb_story_entity **out, size_t *n, kb_arena *arena);

#endif /* KB_STORY_ENTITY_H */
