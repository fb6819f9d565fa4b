/* story/story.h -- internal interface of the story stage: the types every
 * story file shares, and online, incremental, deterministic story clustering
 * (cluster*.c) over article features (features*.c). Other story files
 * (time expressions, entities, timeline, summary) include this header.
 *
 * Clustering design (why the result does not depend on ingest order):
 *  - An article is a weighted bag of terms: light stems of the content words
 *    (title x3, lead x2, rest x1), bigrams of adjacent content words
 *    ("حل دول" is not "تحالف دول"), entity keys and date keys given by the
 *    caller (or found with a caller-supplied date finder), each family with
 *    its own boost. Weights are (1 + ln tf) x idf, idf over the articles
 *    clustered; vectors are unit length.
 *  - sim(a, b) = cosine(a, b) x decay(days between their publication days),
 *    decay = 1 within `grace_days`, then halves every `half_life_days`,
 *    never below `decay_floor`; an unknown day is neutral (decay 1).
 *  - Two articles are strongly linked when sim >= threshold; articles with
 *    the same dup_group (the original's id from dedup) are always linked.
 *    Strong links merge stories (single link): an article close to two
 *    stories merges them. An article with no strong link joins the story
 *    of its best neighbour when that similarity is >= attach_threshold:
 *    weak links attach, they never merge two stories, which keeps chains of
 *    loosely related articles (daily weather, a club's transfers) from
 *    growing into one giant story. Both are decided on the final graph
 *    (strong components first, then the attachments, ties by the canonical
 *    order), and components of a graph do not depend on the order its
 *    edges were found in.
 *  - kb_cluster_add links a new article online, with the idf known so far
 *    (a provisional answer, cheap). kb_cluster_finish ("settle") recomputes
 *    every link from the final idf, which is a function of the SET of
 *    articles, so the final partition and story ids are the same whatever
 *    the order of adding. Candidates come from an inverted index over terms
 *    that are not too common (not all pairs): a pair is scored in full only
 *    when its rarer shared terms alone reach cand_frac x threshold.
 *  - Numbers in titles: two reports of one event give the same figures
 *    (71.08 points, 4,878 candidates, 8 hurt); two days of a recurring
 *    report, two job lists or two accidents give different ones. When both
 *    titles carry numbers (years aside) and no number of one is within 10%
 *    of one of the other (or its leading digits: 44 and 44,793), the pair's
 *    similarity is halved. Title numbers travel with the terms
 *    (kb_story_num_term) but are not vector terms.
 *  - A story's id is "s" + the id of its earliest article (known day first,
 *    then id); stories are listed in that order, articles within a story
 *    too.
 */
#ifndef KB_STORY_H
#define KB_STORY_H

#include "khabar.h"
#include "dedup/dedup.h"   /* KB_NO_DAY, kb_u64map */

#include <stdint.h>

/* One article as the story stage sees it. Only id is required; strings are
 * copied by kb_cluster_add. */
typedef struct kb_story_doc {
    const char *id;              /* unique key (kb_article.id) */
    const char *title;           /* may be NULL */
    const char *text;            /* body, paragraphs split by blank lines or
                                    newlines; may be NULL */
    int32_t day;                 /* publication day (kb_date_days) or KB_NO_DAY */
    const char *source;          /* outlet, may be NULL */
    const char *lang;            /* "ar", "en", ...; NULL: kb_lang_detect */
    const char *const *entities; /* optional entity keys ("PER:فؤاد حسين") */
    size_t nentities;
    const char *const *dates;    /* optional date keys ("2025-09", "2024-07-23") */
    size_t ndates;
    const char *dup_group;       /* optional: id of its dedup original; same
                                    group => same story */
} kb_story_doc;

/* A date finder with kb_date_find's contract (pass kb_date_find itself);
 * dates it finds in title and text become date keys at month precision. */
typedef int (*kb_date_finder)(const char *s, size_t len, kb_date_match *m);

typedef struct kb_cluster_params {
    /* features */
    double w_title, w_lead, w_body;   /* zone weights of a term occurrence */
    int lead_min_tokens;              /* lead = first paragraphs up to this many tokens */
    double boost_bigram, boost_entity, boost_date;
    double boost_title_entity;        /* title content words as entity-like
                                         features when the caller gave no
                                         entity keys (0 = off) */
    kb_date_finder date_finder;       /* default kb_date_find; NULL: only the
                                         caller's date keys */
    /* similarity */
    double grace_days, half_life_days, decay_floor;
    double unique_weight;             /* share of a term seen in one article
                                         only in its article's norm (such a
                                         term cannot be shared; at 1 it
                                         dilutes every cosine) */
    double idf_prior;                 /* idf = ln((N + prior + 1) / (df + 0.5)) */
    int min_terms;                    /* fewer distinct terms: no similarity
                                         links (too little text to judge) */
    double threshold;                 /* strong link: merges stories */
    double centroid_threshold;        /* two stories, one with several
                                         articles, merge on a strong link
                                         only when their centroids are at
                                         least this close */
    double attach_threshold;          /* weak link: an article without a
                                         strong one joins the story of its
                                         best neighbour at or above this */
    /* candidates */
    double cand_frac;                 /* see above */
    double cand_max_df;               /* terms in more than this share of the
                                         articles (and > 50 of them) do not
                                         propose candidates */
    int online;                       /* 1: link at add (provisional) */
} kb_cluster_params;

/* The defaults measured by bench/eval-cluster.sh (BENCHMARKS.md). */
void kb_cluster_params_default(kb_cluster_params *p);

/* ----------------------------------------------------------- features */

/* A sparse term vector: term hashes ascending and their weighted counts
 * (zone weights and family boosts applied, before idf). Term hashes are
 * xxhash with fixed seeds: stable, storable. */
typedef struct kb_story_terms {
    uint64_t *term;
    float *tf;
    size_t n;
} kb_story_terms;

/* Title numbers in a term list: top byte KB_NUM_TAG, the value x 100
 * (rounded, at most KB_NUM_MASK) below it. No vector term has that top
 * byte. kb_story_num_term never fails. */
#define KB_NUM_TAG 0xFFull
#define KB_NUM_MASK ((1ull << 56) - 1)
uint64_t kb_story_num_term(double value);

/* Feature extraction state (stemmers by language). */
typedef struct kb_features kb_features;
kb_features *kb_features_new(const kb_cluster_params *p);   /* NULL: no memory */
void kb_features_free(kb_features *f);
/* The terms of d into out (malloc'd arrays, kb_story_terms_free).
 * KB_OK, KB_EINVAL (NULL d/id), KB_ENOMEM. */
int kb_features_doc(kb_features *f, const kb_story_doc *d, kb_story_terms *out);
void kb_story_terms_free(kb_story_terms *t);

/* ----------------------------------------------------------- cluster */

typedef struct kb_cluster kb_cluster;

/* p NULL: defaults. NULL when out of memory or p invalid. */
kb_cluster *kb_cluster_new(const kb_cluster_params *p);
void kb_cluster_free(kb_cluster *c);

/* Add an article. *idx (may be NULL) gets its index (0, 1, ... in order of
 * adding). With params.online, *story (may be NULL) gets the index of an
 * article of its provisional story -- the earliest one known so far; else
 * *idx. KB_OK, KB_EINVAL (no id, or an id already added), KB_ENOMEM (the
 * cluster is unchanged). */
int kb_cluster_add(kb_cluster *c, const kb_story_doc *d, uint32_t *idx, uint32_t *story);

/* Rebuild from stored state: the terms kb_cluster_doc_terms gave (in any
 * order), without re-reading the text. Same returns as kb_cluster_add. */
int kb_cluster_add_terms(kb_cluster *c, const char *id, int32_t day, const char *source,
                         const char *dup_group, const kb_story_terms *t, uint32_t *idx,
                         uint32_t *story);

/* Change article i's dedup group (its original's id, NULL for none): the
 * original of a group can change as earlier copies arrive, so the caller
 * sets the final one (kb_dedup_status) before kb_cluster_finish.
 * KB_OK or KB_EINVAL (no such article). */
int kb_cluster_set_group(kb_cluster *c, uint32_t i, const char *dup_group);

/* Settle: recompute every link with the final idf and build the stories.
 * Call after the last add (adding more later is allowed; call it again).
 * KB_OK or KB_ENOMEM. */
int kb_cluster_finish(kb_cluster *c);

/* After kb_cluster_finish: */
size_t kb_cluster_count(const kb_cluster *c);                 /* articles */
size_t kb_cluster_nstories(const kb_cluster *c);
/* Story k's articles (indexes, earliest first) and their number. */
const uint32_t *kb_cluster_story_docs(const kb_cluster *c, size_t k, size_t *n);
/* "s" + id of its earliest article; valid until the next add/finish. */
const char *kb_cluster_story_id(const kb_cluster *c, size_t k);
/* The story index of article i. */
size_t kb_cluster_story_of(const kb_cluster *c, uint32_t i);

/* Article accessors (any time). */
const char *kb_cluster_doc_id(const kb_cluster *c, uint32_t i);
int32_t kb_cluster_doc_day(const kb_cluster *c, uint32_t i);
const char *kb_cluster_doc_source(const kb_cluster *c, uint32_t i);   /* may be NULL */
/* A copy of its terms, for the store (term hashes ascending); the caller
 * frees it with kb_story_terms_free. KB_OK or KB_ENOMEM. */
int kb_cluster_doc_terms(const kb_cluster *c, uint32_t i, kb_story_terms *out);

/* The similarity of articles i and j as kb_cluster_finish judged it
 * (cosine with the final idf, times the time decay), in [0, 1]. Valid
 * after kb_cluster_finish. */
double kb_cluster_similarity(const kb_cluster *c, uint32_t i, uint32_t j);
/* Its parts, for evaluation: the cosine alone, and the decay. */
double kb_cluster_cosine(const kb_cluster *c, uint32_t i, uint32_t j);
double kb_story_decay(const kb_cluster_params *p, int32_t day_a, int32_t day_b);

/* The similarity of two articles on their own (idf from the two and the
 * prior): for a quick look; in a collection use kb_cluster_similarity. p
 * NULL: defaults. -1 when out of memory or an id is missing (or both ids
 * are the same). */
double kb_story_similarity(const kb_story_doc *a, const kb_story_doc *b,
                           const kb_cluster_params *p);

/* Statistics of the last finish. */
typedef struct kb_cluster_stats {
    uint64_t candidates;   /* pairs scored in full */
    uint64_t links;        /* pairs at or above the threshold */
    uint64_t attach_links; /* articles joined to their best weak neighbour */
    uint64_t centroid_checks; /* strong links that needed the centroid test */
    uint64_t group_links;  /* links from dup_group */
} kb_cluster_stats;
void kb_cluster_get_stats(const kb_cluster *c, kb_cluster_stats *s);

#endif
