/* store/stories.h -- stories in the store: build them from every stored
 * article (dedup -> cluster -> story build) and keep them in two tables,
 * replaced in one transaction; list and fetch them for the CLI and the API.
 *
 *   stories         id, headline, first/last day, counts, sources, the
 *                   built story as JSON (story_json.c's shape)
 *   story_articles  article id -> story id, its original when a copy
 *
 * Why a full rebuild: clustering settles over the whole set so that the
 * same articles give the same stories whatever the order they came in
 * (story.h); rebuilding from the stored articles is how that guarantee
 * survives many ingests. It runs at > 1,000 articles/s (BENCHMARKS.md). */
#ifndef KB_STORE_STORIES_H
#define KB_STORE_STORIES_H

#include "store/store.h"

typedef struct kb_stories_stats {
    size_t articles;     /* articles clustered */
    size_t stories;      /* stories built */
    size_t multi;        /* stories with more than one original */
    size_t copies;       /* articles found to be copies (exact or near) */
} kb_stories_stats;

/* Rebuild every story from the stored articles. Entities are found with
 * the compiled-in gazetteer. KB_OK, KB_ENOMEM, KB_EDB (nothing changed). */
int kb_store_build_stories(kb_store *s, kb_stories_stats *st);

typedef struct kb_stories_query {
    size_t limit;            /* 0 = 20 */
    size_t offset;
    const char *since;       /* stories active on or after this day */
    const char *source;      /* stories with an article from this outlet */
    size_t min_articles;     /* 0 = 1 */
} kb_stories_query;

/* {"stories":[{id, headline, first, last, articles, originals, sources:[...]}],
 *  "total":N, "offset":O, "limit":L}, latest activity first (then id).
 * *json malloc'd. KB_OK, KB_EINVAL (bad date), KB_ENOMEM, KB_EDB. */
int kb_store_stories_json(kb_store *s, const kb_stories_query *q, char **json);

/* The stored story (id or unique prefix of at least 7 characters) as JSON.
 * KB_OK, KB_ENOTFOUND, KB_EINVAL (a prefix shorter than 7 characters or
 * shared by several stories), KB_ENOMEM, KB_EDB. */
int kb_store_story_json(kb_store *s, const char *id, char **json);

/* The story an article belongs to, into out (48 bytes). KB_OK,
 * KB_ENOTFOUND, KB_EDB. */
int kb_store_story_of(kb_store *s, const char *article_id, char out[48]);

#endif
