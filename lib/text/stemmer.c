/* text/stemmer.c -- stem a token of any kind for indexing (text layer):
 * Arabic with kb_stem_ar, Latin-script words with Snowball (libstemmer) in
 * the stemmer's language, numbers, URLs, e-mails and mixed tokens
 * unchanged. Also the Snowball Arabic baseline used by tests and the
 * benchmark. */
#include "text/text.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

struct kb_stemmer {
    struct sb_stemmer *latin;   /* owned; Snowball keeps its work here */
};

/* Snowball's algorithm name for an ISO 639-1 code (or the name itself);
 * English for a language Snowball does not have. */
static const char *snowball_name(const char *lang)
{
    static const char *const map[][2] = {
        { "en", "english" }, { "fr", "french" }, { "de", "german" },
        { "es", "spanish" }, { "it", "italian" }, { "pt", "portuguese" },
        { "nl", "dutch" }, { "sv", "swedish" }, { "da", "danish" },
        { "no", "norwegian" }, { "fi", "finnish" }, { "ru", "russian" },
        { "tr", "turkish" }, { "ro", "romanian" }, { "hu", "hungarian" },
        { "el", "greek" }, { "ca", "catalan" }, { "id", "indonesian" },
        { "ga", "irish" }, { "lt", "lithuanian" }, { "eu", "basque" },
        { "hy", "armenian" }, { "sr", "serbian" }, { "hi", "hindi" },
        { "ne", "nepali" }, { "ta", "tamil" }, { "yi", "yiddish" },
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(lang, map[i][0]) || !strcmp(lang, map[i][1])) return map[i][1];
    return "english";
}

kb_stemmer *kb_stemmer_new(const char *lang)
{
    kb_stemmer *st = calloc(1, sizeof *st);
    if (!st) return NULL;
    st->latin = sb_stemmer_new(snowball_name(lang ? lang : "en"), "UTF_8");
    if (!st->latin) {   /* only out of memory: every name above exists */
        free(st);
        return NULL;
    }
    return st;
}

void kb_stemmer_free(kb_stemmer *st)
{
    if (!st) return;
    sb_stemmer_delete(st->latin);
    free(st);
}

size_t kb_stemmer_stem(kb_stemmer *st, const char *tok, size_t len,
                       kb_tok_kind kind, char *out)
{
    if (kind == KB_TOK_ARABIC) return kb_stem_ar(tok, len, out);
    if (kind == KB_TOK_LATIN && st && len < (size_t)1 << 30) {
        const sb_symbol *r = sb_stemmer_stem(st->latin, (const sb_symbol *)tok, (int)len);
        if (r) {
            size_t n = (size_t)sb_stemmer_length(st->latin);
            if (n <= len) {     /* out has room for len bytes only */
                memcpy(out, r, n);
                out[n] = '\0';
                return n;
            }
        }
    }
    memcpy(out, tok, len);
    out[len] = '\0';
    return len;
}

size_t kb_text_snowball_ar(const char *word, size_t len, char *out, size_t cap)
{
    if (!cap) return 0;
    size_t n = 0;
    struct sb_stemmer *sb = sb_stemmer_new("arabic", "UTF_8");
    const sb_symbol *r = sb && len < (size_t)1 << 30
                             ? sb_stemmer_stem(sb, (const sb_symbol *)word, (int)len)
                             : NULL;
    if (r) {
        n = (size_t)sb_stemmer_length(sb);
        if (n >= cap) n = cap - 1;
        memcpy(out, r, n);
    }
    out[n] = '\0';
    sb_stemmer_delete(sb);
    return n;
}
