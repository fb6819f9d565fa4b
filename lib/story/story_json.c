/* story/story_json.c -- a built story as JSON: the shape of
 * `khabar story --json` and GET /api/stories/{id}. Keys in a fixed order. */
#include "story/build.h"

#include <jansson.h>
#include <stdlib.h>

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *date_json(const kb_date *d)
{
    char iso[32];
    kb_date x = *d;
    if (x.prec > KB_PREC_DAY) x.prec = KB_PREC_DAY;
    kb_date_iso(&x, iso);
    return json_string(iso);
}

static const char *prec_name(int prec)
{
    return prec >= KB_PREC_DAY ? "day" : prec == KB_PREC_MONTH ? "month" : "year";
}

static json_t *event_json(const kb_story_event *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "date", date_json(&e->date));
    json_object_set_new(o, "precision", json_string(prec_name(e->date.prec)));
    json_object_set_new(o, "inferred", json_boolean(e->inferred));
    json_object_set_new(o, "text", str_or_null(e->text));
    if (e->stated) json_object_set_new(o, "stated", json_string(e->stated));
    json_t *arts = json_array(), *srcs = json_array();
    for (size_t i = 0; i < e->nrefs; i++) json_array_append_new(arts, json_string(e->refs[i].article));
    for (size_t i = 0; i < e->nsources; i++) json_array_append_new(srcs, json_string(e->sources[i]));
    json_object_set_new(o, "articles", arts);
    json_object_set_new(o, "sources", srcs);
    if (e->nversions) {
        json_t *v = json_array();
        for (size_t i = 0; i < e->nversions; i++) json_array_append_new(v, event_json(&e->versions[i]));
        json_object_set_new(o, "versions", v);
    }
    return o;
}

char *kb_story_json(const kb_story *s)
{
    json_t *o = json_object();
    if (!o) return NULL;
    json_object_set_new(o, "id", json_string(s->id));
    json_object_set_new(o, "headline", str_or_null(s->headline));
    json_object_set_new(o, "first", str_or_null(s->first));
    json_object_set_new(o, "last", str_or_null(s->last));
    json_t *src = json_array();
    for (size_t i = 0; i < s->nsources; i++) json_array_append_new(src, json_string(s->sources[i]));
    json_object_set_new(o, "sources", src);
    json_t *sum = json_array();
    for (size_t i = 0; i < s->nsummary; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "text", json_string(s->summary[i].text));
        json_object_set_new(x, "article", json_string(s->summary[i].article));
        json_object_set_new(x, "source", str_or_null(s->summary[i].source));
        json_array_append_new(sum, x);
    }
    json_object_set_new(o, "summary", sum);
    json_t *tl = json_array(), *ms = json_array();
    for (size_t i = 0; i < s->nevents; i++) json_array_append_new(tl, event_json(&s->events[i]));
    for (size_t i = 0; i < s->nmilestones; i++) json_array_append_new(ms, event_json(&s->milestones[i]));
    json_object_set_new(o, "timeline", tl);
    json_object_set_new(o, "milestones", ms);
    json_t *ents = json_array();
    for (size_t i = 0; i < s->nentities; i++) {
        const kb_story_entity *e = &s->entities[i];
        json_t *x = json_object();
        json_object_set_new(x, "type", json_string(kb_entity_type_name(e->type)));
        json_object_set_new(x, "name", json_string(e->name));
        json_object_set_new(x, "role", str_or_null(e->role));
        json_object_set_new(x, "count", json_integer((json_int_t)e->count));
        json_object_set_new(x, "articles", json_integer((json_int_t)e->ndocs));
        json_t *roles = json_array(), *vars = json_array();
        for (size_t k = 0; k < e->nroles; k++) json_array_append_new(roles, json_string(e->roles[k]));
        for (size_t k = 0; k < e->nvariants; k++) json_array_append_new(vars, json_string(e->variants[k]));
        json_object_set_new(x, "roles", roles);
        json_object_set_new(x, "variants", vars);
        json_array_append_new(ents, x);
    }
    json_object_set_new(o, "entities", ents);
    /* Articles: originals, each with its copies folded under it. */
    json_t *arts = json_array();
    for (size_t i = 0; i < s->narticles; i++) {
        const kb_story_article *a = &s->articles[i];
        if (a->dup_of >= 0) continue;
        json_t *x = json_object();
        json_object_set_new(x, "id", json_string(a->id));
        json_object_set_new(x, "title", str_or_null(a->title));
        json_object_set_new(x, "source", str_or_null(a->source));
        json_object_set_new(x, "published", str_or_null(a->published));
        json_object_set_new(x, "inferred_date", str_or_null(a->inferred));
        json_object_set_new(x, "role", json_string(a->role == KB_ROLE_EMBEDDED ? "embedded" : "main"));
        json_t *dups = json_array();
        for (size_t k = 0; k < s->narticles; k++) {
            const kb_story_article *c = &s->articles[k];
            if (c->dup_of != (int)i) continue;
            json_t *y = json_object();
            json_object_set_new(y, "id", json_string(c->id));
            json_object_set_new(y, "source", str_or_null(c->source));
            json_object_set_new(y, "published", str_or_null(c->published));
            json_object_set_new(y, "title", str_or_null(c->title));
            json_array_append_new(dups, y);
        }
        json_object_set_new(x, "duplicates", dups);
        json_array_append_new(arts, x);
    }
    json_object_set_new(o, "articles", arts);
    size_t n_orig = 0;
    for (size_t i = 0; i < s->narticles; i++) if (s->articles[i].dup_of < 0) n_orig++;
    json_object_set_new(o, "article_count", json_integer((json_int_t)s->narticles));
    json_object_set_new(o, "original_count", json_integer((json_int_t)n_orig));
    char *out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return out;
}
