/* story/build.h -- from the articles of one story (found by cluster.c) to
 * what a reader wants: a headline, a short summary with sources, a dated
 * timeline of what happened, the milestones announced for later, and the
 * entities involved.
 *
 * Design.
 *  - Dates: every article's publication day is the reference its relative
 *    expressions resolve against. An article with no date borrows one: the
 *    weekday its lead names ("اليوم السبت", "الجمعة") resolved to the matching
 *    day nearest its most similar dated article, marked inferred.
 *  - Events come from sentences holding a time expression that resolves to a
 *    day or month on or before the article's own day; milestones from those
 *    that point after it (deadlines, planned phases). Each article's lead is
 *    an event on its day, since the news itself is what happened that day.
 *  - One fact reported by several sources: candidate events on the same date
 *    whose sentences share enough stems are merged, sources united. Two
 *    groups on different dates that say the same thing are one fact with two
 *    versions: both are kept, each with its sources.
 *  - Summary: lead-biased sentences ranked by closeness to the story's
 *    centroid, chosen greedily without repetition (MMR), in date order.
 *  - Copies (dedup) add their source to what their original reports and
 *    are not read again.
 */
#ifndef KB_STORY_BUILD_H
#define KB_STORY_BUILD_H

#include "khabar.h"
#include "story/entity.h"

/* One article of the story, as the caller knows it. */
typedef struct kb_story_member {
    const kb_article *a;   /* borrowed; must outlive the build call */
    int32_t day;           /* publication day (kb_date_days), or KB_NO_DAY */
    int dup_of;            /* index of the member it copies, or -1 */
    int nearest_dated;     /* index of its most similar member that has a
                              day (for weekday inference), or -1 */
    const char *source;    /* the outlet to credit, when the article names
                              none itself (a piece appended to a page is
                              that site's); NULL: a->source */
} kb_story_member;

/* A source reporting an event: article id and outlet. */
typedef struct kb_story_ref {
    const char *article;
    const char *source;    /* may be NULL (unknown outlet) */
} kb_story_ref;

typedef struct kb_story_event kb_story_event;
struct kb_story_event {
    kb_date date;          /* day or month (events); day, month or year (milestones) */
    int inferred;          /* the date rests on an inferred article date */
    const char *text;      /* the sentence, original spelling */
    const char *stated;    /* ISO day of the earliest report (milestones) or NULL */
    kb_story_ref *refs;
    size_t nrefs;
    const char **sources;  /* distinct outlets, in order of first report */
    size_t nsources;
    kb_story_event *versions;  /* other dates given for the same fact, or NULL */
    size_t nversions;
};

typedef struct kb_story_summary {
    const char *text;
    const char *article;
    const char *source;
} kb_story_summary;

typedef struct kb_story_article {
    const char *id;
    const char *title;
    const char *source;
    const char *published;  /* ISO, NULL when unknown */
    const char *inferred;   /* ISO day inferred for an undated article, or NULL */
    int role;               /* kb_role */
    int dup_of;             /* index into articles, or -1 */
} kb_story_article;

/* A built story. Everything lives in its arena. */
typedef struct kb_story {
    kb_arena arena;
    const char *id;
    const char *headline;
    const char *first, *last;       /* ISO days of the earliest and latest
                                       (possibly inferred) article, or NULL */
    const char **sources;           /* distinct outlets, most articles first */
    size_t nsources;
    kb_story_article *articles;     /* in the order given */
    size_t narticles;
    kb_story_event *events;         /* in date order */
    size_t nevents;
    kb_story_event *milestones;     /* in date order */
    size_t nmilestones;
    kb_story_entity *entities;      /* most mentioned first */
    size_t nentities;
    kb_story_summary *summary;
    size_t nsummary;
} kb_story;

/* What build needs that is costly to make: made once, shared by builds in
 * one thread. */
typedef struct kb_story_builder kb_story_builder;

/* g is borrowed (may be NULL: no entities). NULL when out of memory. */
kb_story_builder *kb_story_builder_new(const kb_gazetteer *g);
void kb_story_builder_free(kb_story_builder *b);

/* Build story id from its n members. out is zeroed first and owned by the
 * caller (kb_story_free) whatever the result. KB_OK, KB_EINVAL (n == 0),
 * KB_ENOMEM. */
int kb_story_build(kb_story_builder *b, const char *id, const kb_story_member *m,
                   size_t n, kb_story *out);
void kb_story_free(kb_story *s);

/* The story as one line of JSON (the shape the API and `khabar story --json`
 * give). malloc'd; NULL when out of memory. */
char *kb_story_json(const kb_story *s);

/* ---- helpers shared by the build files (sentence.c) ---- */

/* A sentence: byte span in its text. */
typedef struct kb_span2 {
    size_t start, end;
} kb_span2;

/* Split text into sentences (. ! ? ؟ and line breaks end one; a full stop
 * between digits does not). *out malloc'd; KB_OK or KB_ENOMEM. */
int kb_sentences(const char *text, size_t len, kb_span2 **out, size_t *n);

/* The distinct content stems of s[0..len), hashed, ascending (for Jaccard).
 * *out malloc'd (NULL when *n is 0). KB_OK or KB_ENOMEM. */
int kb_stem_set(kb_stemmer *st, const char *s, size_t len, uint64_t **out, size_t *n);

/* A content token of a text (what kb_stem_set counts): its byte span and
 * its stem, hashed. */
typedef struct kb_stem_tok {
    uint32_t start, end;
    uint64_t hash;
} kb_stem_tok;

/* The content tokens of s[0..len), in text order. *out malloc'd (NULL when
 * *n is 0). KB_OK or KB_ENOMEM. */
int kb_stem_toks(kb_stemmer *st, const char *s, size_t len, kb_stem_tok **out, size_t *n);

/* kb_stem_set of s[start..end), where toks[0..ntoks) are kb_stem_toks of
 * s[0..len): read off the tokens when white space (or an end of s) bounds
 * the span, else tokenised afresh -- the same set either way. *out
 * malloc'd (NULL when *n is 0). KB_OK or KB_ENOMEM. */
int kb_stem_span(kb_stemmer *st, const char *s, size_t len, const kb_stem_tok *toks,
                 size_t ntoks, size_t start, size_t end, uint64_t **out, size_t *n);

#endif
