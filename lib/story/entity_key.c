/* story/entity_key.c -- merge keys of entity names for the story stage:
 * two spellings of one name get one key (kb_normalize folds hamza, ة/ه, ى/ي,
 * Persian letters; here also أميركي/أمريكي and "عبد ال"/"عبدال"). */
#include <stdlib.h>
#include <string.h>

#include "story/entity_int.h"

const char *kb_entity_type_name(kb_entity_type t)
{
    switch (t) {
    case KB_ENT_PERS: return "PERS";
    case KB_ENT_ORG: return "ORG";
    case KB_ENT_LOC: return "LOC";
    case KB_ENT_MISC: return "MISC";
    }
    return "?";
}

/* Normalised spellings folded for keys. */
static const struct { const char *from, *to; } folds[] = {
    {"\xd8\xa7\xd9\x85\xd9\x8a\xd8\xb1\xd9\x83", "\xd8\xa7\xd9\x85\xd8\xb1\xd9\x8a\xd9\x83"}, /* اميرك -> امريك */
    {"\xd8\xb9\xd8\xa8\xd8\xaf \xd8\xa7\xd9\x84", "\xd8\xb9\xd8\xa8\xd8\xaf\xd8\xa7\xd9\x84"}, /* عبد ال -> عبدال */
    {"\xd8\xa7\xd8\xa8\xd9\x88 ", "\xd8\xa7\xd8\xa8\xd9\x88"},                               /* ابو X -> ابوX */
};

char *kb_entity_key(kb_arena *arena, const char *name, size_t len)
{
    if (!arena || (!name && len)) return NULL;
    size_t n;
    char *t = kb_normalize_str(name ? name : "", len, &n);
    if (!t) return NULL;
    /* collapse white space and dashes to one space, trim */
    size_t o = 0;
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        char c = t[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-') {
            sp = 1;
            continue;
        }
        if (sp && o) t[o++] = ' ';
        sp = 0;
        t[o++] = c;
    }
    t[o] = '\0';
    /* apply the folds in place: each one never lengthens the text */
    for (size_t f = 0; f < sizeof folds / sizeof folds[0]; f++) {
        size_t fl = strlen(folds[f].from), tl = strlen(folds[f].to);
        char *p = t;
        while ((p = strstr(p, folds[f].from)) != NULL) {
            memmove(p + tl, p + fl, strlen(p + fl) + 1);
            memcpy(p, folds[f].to, tl);
            p += tl;
        }
    }
    char *k = kb_arena_strdup(arena, t);
    free(t);
    return k;
}
