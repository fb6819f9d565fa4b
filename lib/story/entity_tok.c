/* story/entity_tok.c -- the token view of the entity rules (story stage):
 * kb_tokenize's tokens with the punctuation between them, proclitics
 * stripped where the rest is a known word or an ال- word, the gazetteer's
 * categories, and the longest gazetteer name at each token. */
#include <stdlib.h>
#include <string.h>

#include "story/entity_tok.h"

#define AR_WAW "\xd9\x88"
#define AR_FA "\xd9\x81"
#define AR_BA "\xd8\xa8"
#define AR_KAF "\xd9\x83"
#define AR_LAM "\xd9\x84"
#define AR_AL "\xd8\xa7\xd9\x84"

static int starts(const char *w, size_t n, const char *p)
{
    size_t pl = strlen(p);
    return n >= pl && memcmp(w, p, pl) == 0;
}

/* Classify what lies between two tokens in the original text. */
static uint8_t gap_kind(const char *s, size_t a, size_t b)
{
    uint8_t g = 0;
    size_t i = a;
    while (i < b) {
        int32_t cp = kb_utf8_decode(s, b, &i);
        switch (cp) {
        case ' ': case '\t': case 0xA0: case 0x200B: case 0x200C: case 0x200D:
        case 0x200E: case 0x200F: case 0x0640: case 0x061C: case 0x202A:
        case 0x202B: case 0x202C: case 0xFEFF:
            break;
        case ',': case 0x060C:
            g |= G_COMMA; break;
        case '.': case '!': case '?': case 0x061F: case ':': case ';':
        case 0x061B: case '\n': case '\r': case 0x06D4: case 0x2022:
            g |= G_STOP; break;
        case '"': case '\'': case 0x201C: case 0x201D: case 0x00AB:
        case 0x00BB: case 0x2018: case 0x2019:
            g |= G_QUOTE; break;
        case '(': case ')': case '[': case ']': case '{': case '}':
            g |= G_PAREN; break;
        case '-': case 0x2013: case 0x2014:
            g |= G_DASH; break;
        default:
            /* combining marks left over between tokens are not punctuation */
            if (cp >= 0x064B && cp <= 0x065F) break;
            g |= G_OTHER;
        }
    }
    return g;
}

static int known(const kb_gz_entry *e)
{
    return e && (e->cat || e->etype || e->maxwords);
}

/* Strip proclitics from t->w: و/ف, then ب/ك/ل (لل + X -> ال + X). A form
 * is taken when it is a known word or name, or an ال- word with at least two
 * letters after ال; the whole word wins when it is known itself. */
static int try_form(const kb_gazetteer *g, etok *t, const char *r, size_t rl,
                    size_t pre, int lil)
{
    if (rl < 4) return 0;
    const kb_gz_entry *e = kb_gz_get(g, r, rl);
    if (!known(e) && !(starts(r, rl, AR_AL) && rl >= 8)) return 0;
    t->b = r;
    t->bl = (uint32_t)rl;
    t->eb = e;
    t->pre = (uint8_t)pre;
    t->lil = (uint8_t)lil;
    return 1;
}

static void strip(const kb_gazetteer *g, etok *t, char **scratch)
{
    t->ew = t->eb = kb_gz_get(g, t->w, t->wl);
    t->b = t->w;
    t->bl = t->wl;
    t->pre = 0;
    t->lil = 0;
    if (t->kind != KB_TOK_ARABIC || known(t->ew)) return;
    const char *w = t->w;
    size_t n = t->wl;
    size_t bases[2], nb = 0;
    if (starts(w, n, AR_WAW) || starts(w, n, AR_FA)) {
        if (try_form(g, t, w + 2, n - 2, 2, 0)) return;
        bases[nb++] = 2;
    }
    bases[nb++] = 0;
    for (size_t k = 0; k < nb; k++) {
        size_t p = bases[k];
        if (starts(w + p, n - p, AR_LAM AR_LAM) && n - p >= 8) {
            char *s = *scratch;          /* "ال" + the rest after "لل" */
            memcpy(s, AR_AL, 4);
            memcpy(s + 4, w + p + 4, n - p - 4);
            if (try_form(g, t, s, n - p, p + 2, 1)) {
                *scratch += n - p;
                return;
            }
        } else if (starts(w + p, n - p, AR_BA) || starts(w + p, n - p, AR_KAF) ||
                   starts(w + p, n - p, AR_LAM)) {
            if (try_form(g, t, w + p + 2, n - p - 2, p + 2, 0)) return;
        }
    }
}

/* Longest gazetteer name at token i. */
static void gaz_match(const kb_gazetteer *g, etoks *ts, size_t i)
{
    etok *t = &ts->v[i];
    if (t->kind != KB_TOK_ARABIC && t->kind != KB_TOK_LATIN) return;
    for (int form = 0; form < 2; form++) {
        const char *f = form ? t->b : t->w;
        size_t fl = form ? t->bl : t->wl;
        if (form && f == t->w) break;
        const kb_gz_entry *e = form ? t->eb : t->ew;
        if (!e || !e->maxwords) continue;
        char key[1024];
        if (fl >= sizeof key) continue;
        memcpy(key, f, fl);
        size_t kl = fl, words = 1, best = 0;
        const kb_gz_entry *be = NULL;
        if (e->etype) { best = 1; be = e; }
        for (size_t j = i + 1; j < ts->n && words < e->maxwords; j++) {
            const etok *u = &ts->v[j];
            if (u->gap & ~G_DASH) break;
            if (kl + 1 + u->wl >= sizeof key) break;
            key[kl++] = ' ';
            memcpy(key + kl, u->w, u->wl);
            kl += u->wl;
            words++;
            const kb_gz_entry *pe = kb_gz_get(g, key, kl);
            if (pe && pe->etype) { best = words; be = pe; }
        }
        if (be && best >= t->glen) {
            if (best == t->glen && form) continue; /* prefer the whole word */
            t->gtype = be->etype;
            t->glen = (uint8_t)best;
            t->gsrc = be->esrc;
            t->gcanon = be->canon;
            t->gbare = (uint8_t)form;
        }
    }
}

int etoks_build(const kb_gazetteer *g, const char *text, size_t len, etoks *out)
{
    memset(out, 0, sizeof *out);
    int rc = kb_tokenize(text, len, &out->tk);
    if (rc) return rc;
    size_t n = out->tk.n;
    out->v = calloc(n ? n : 1, sizeof *out->v);
    out->scratch = malloc(out->tk.norm.len + 8 * n + 1);
    if (!out->v || !out->scratch) {
        etoks_free(out);
        return KB_ENOMEM;
    }
    char *scratch = out->scratch;
    const char *nt = out->tk.norm.text;
    const uint32_t *map = out->tk.norm.map;
    for (size_t i = 0; i < n; i++) {
        const kb_token *k = &out->tk.v[i];
        etok *t = &out->v[i];
        t->s = k->start;
        t->e = k->end;
        t->w = nt + k->nstart;
        t->wl = k->nend - k->nstart;
        t->kind = k->kind;
        t->gap = i ? gap_kind(text, out->v[i - 1].e, t->s) : G_START;
        strip(g, t, &scratch);
        t->orig_b = t->pre ? map[k->nstart + t->pre] : t->s;
        /* ال as written: a bare alef then lam (آل, أل are not the article) */
        t->al = t->bl > 4 && starts(t->b, t->bl, AR_AL) &&
                (t->lil || (t->orig_b + 1 < len && (unsigned char)text[t->orig_b] == 0xD8 &&
                            (unsigned char)text[t->orig_b + 1] == 0xA7));
        for (size_t q = t->s; q + 1 < t->e; q++)
            if ((unsigned char)text[q] == 0xD9 && (unsigned char)text[q + 1] >= 0x8B &&
                (unsigned char)text[q + 1] <= 0x8D)
                t->tanween = 1;
        t->wc = t->ew ? t->ew->cat : 0;
        t->bc = t->eb ? t->eb->cat : 0;
        t->sc = t->al ? kb_gz_cat(g, t->b + 4, t->bl - 4) : t->bc;
    }
    out->n = n;
    for (size_t i = 0; i < n; i++) gaz_match(g, out, i);
    return KB_OK;
}

void etoks_free(etoks *t)
{
    kb_tokens_free(&t->tk);
    free(t->v);
    free(t->scratch);
    memset(t, 0, sizeof *t);
}

int etok_is(const etok *t, const char *word)
{
    size_t n = strlen(word);
    return t->wl == n && memcmp(t->w, word, n) == 0;
}

int etok_stop(const etok *t)
{
    if ((t->wc | t->bc) & W_STOPX) return 1;
    return kb_is_stopword(t->w, t->wl) ||
           (t->b != t->w && kb_is_stopword(t->b, t->bl));
}
