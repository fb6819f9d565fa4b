/* story/entity_terms.h -- the named entities of one article as clustering
 * terms (kb_story_doc.entities), as bench/eval_cluster.c measures them.
 *
 * The story rebuild (store/stories.c) does NOT give entity keys to the
 * clusterer: measured on SaudiNewsNet and SemEval (BENCHMARKS.md, "Story
 * clustering -- entity keys"), they repair few split events (the names are
 * already stems of the vector) while gluing topics that share a spokesman,
 * a place or a club (one region's fires, FIFA's election, oil market days),
 * and they lower SemEval ar-ar Pearson. This file keeps the measured
 * configurations reproducible. */
#ifndef KB_STORY_ENTITY_TERMS_H
#define KB_STORY_ENTITY_TERMS_H

#include <stddef.h>

#include "story/entity.h"

/* Which entities become keys, and how (kb_story_entity_keys' `which`). */
enum {
    KB_EKEY_PERS = 1 << 0,        /* people */
    KB_EKEY_ORG = 1 << 1,         /* organisations with a proper name */
    KB_EKEY_LOC = 1 << 2,         /* places */
    KB_EKEY_DESCRIPTIVE = 1 << 3, /* also organisations named by common
                                     words only (KB_ENTF_DESCRIPTIVE) */
    KB_EKEY_SALIENT = 1 << 4,     /* only entities named in the title or the
                                     lead, or mentioned at least twice */
    KB_EKEY_COUNT = 1 << 5,       /* a key once per mention (at most 3), not
                                     once per article */
    KB_EKEY_FIRSTLAST = 1 << 7,   /* a person by the first and last words of
                                     the name ("احمد جعفر المجايشي" and
                                     "احمد المجايشي" meet) */
    KB_EKEY_LEADONLY = 1 << 8,    /* only the title and the lead are read */
};
/* The configuration that repaired most splits per topic grown
 * (BENCHMARKS.md): people, organisations and places of the title and the
 * lead, people by first and last name, with boost_entity 10. */
#define KB_EKEY_MEASURED (KB_EKEY_PERS | KB_EKEY_ORG | KB_EKEY_LOC | KB_EKEY_LEADONLY | \
                          KB_EKEY_FIRSTLAST)

/* The entity keys of an article: kb_entities_find over the title (as the
 * text's first line) and the text (its lead alone with KB_EKEY_LEADONLY:
 * the title and about the first 400 bytes), the entities `which` selects,
 * each as a type letter, ':' and its merge key ("P:فؤاد حسين",
 * "O:رويترز", "L:العراق"), each key once (up to 3 times with
 * KB_EKEY_COUNT), sorted bytewise. title and text may be NULL. *keys (an
 * array of *n strings; NULL when *n is 0) and the strings live in arena;
 * scratch is the caller's buffer, reused between calls (its content is
 * overwritten; the caller frees it). g is only read: one gazetteer can
 * serve many threads, each with its own arena and scratch.
 * KB_OK, KB_EINVAL (NULL g, scratch, arena, keys or n), KB_ENOMEM. */
int kb_story_entity_keys(const kb_gazetteer *g, const char *title, const char *text,
                         unsigned which, kb_buf *scratch, kb_arena *arena,
                         const char ***keys, size_t *n);

#endif
