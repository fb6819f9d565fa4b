/* story/build_int.h -- what build.c, timeline.c and summary.c share while
 * one story is being built. Not an API. */
#ifndef KB_STORY_BUILD_INT_H
#define KB_STORY_BUILD_INT_H

#include "story/build.h"

struct kb_story_builder {
    const kb_gazetteer *g;
    kb_stemmer *st;
};

/* One member article while its story is built. */
typedef struct kb_sb_doc {
    const kb_article *a;
    const char *source;      /* outlet credited (may be NULL) */
    const char *text;        /* body ("" when none) */
    size_t len;
    int dup_of;              /* -1, or the member it copies */
    int has_ref;             /* ref is known (published or inferred) */
    int ref_inferred;
    kb_date ref;             /* day precision when has_ref */
    kb_span2 *sents;         /* sentences of text */
    size_t nsents;
    /* Originals only (dup_of < 0), stemmed once for the timeline, the
     * summary and the headline: */
    kb_stem_tok *toks;       /* content tokens of text (kb_stem_toks) */
    size_t ntoks;
    uint64_t *title_stems;   /* kb_stem_set of the title */
    size_t ntitle_stems;
} kb_sb_doc;

/* kb_stem_set of text[start..end) of d (an original). */
int kb_sb_stems(kb_story_builder *b, const kb_sb_doc *d, size_t start, size_t end,
                uint64_t **out, size_t *n);

/* The latest day any member has (published or inferred), or KB_NO_DAY. */
int32_t kb_sb_last_day(const kb_sb_doc *d, size_t n);

/* Fill s->events and s->milestones. KB_OK or KB_ENOMEM. */
int kb_story_timeline(kb_story_builder *b, const kb_sb_doc *d, size_t n, kb_story *s);

/* Fill s->summary and s->headline. KB_OK or KB_ENOMEM. */
int kb_story_summarise(kb_story_builder *b, const kb_sb_doc *d, size_t n, kb_story *s);

/* An arena copy of text[start..end), cut to at most max bytes at a word
 * boundary with "…" appended when cut. NULL when out of memory. */
const char *kb_sb_excerpt(kb_arena *a, const char *text, size_t start, size_t end, size_t max);

#endif
