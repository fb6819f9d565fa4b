/* story/entity_find.c -- find the people, organisations and places of one
 * text (story stage), with the roles the text gives people.
 *
 * Rules, each proposing candidate spans of tokens with a priority:
 *   1. title + role + name: "وزير الخارجية العراقي فؤاد حسين",
 *      "المتحدث باسم وزارة الخارجية الأمريكية، ماثيو ميلر" (apposition);
 *   2. name + title + role after a verb of saying: "قالت سابرينا سينغ
 *      نائبة المتحدثة باسم وزارة الدفاع";
 *   3. organisations: a head noun and its complements and adjectives
 *      ("اللجنة العسكرية العليا", "وزارة الخارجية والتعاون الدولي");
 *   4. gazetteer names (longest match, clitics stripped);
 *   5. places after cue words (مدينة X) and facilities (قاعدة عين الأسد);
 *   6. a given name and the words after it; verb of saying + name;
 *   7. a nationality standing as a noun + name ("على الفرنسي أرنو كليمان").
 * Candidates are chosen greedily (priority, then length, then position)
 * so chosen spans never overlap. Then, within the text, the surname and the
 * full name of every person found are looked for again (KB_ENTF_PARTIAL).
 */
#include <stdlib.h>
#include <string.h>

#include "story/entity_tok.h"

#define AR_AL "\xd8\xa7\xd9\x84"

/* Words a name never contains. */
#define W_BLOCK (W_STOPX | W_COMMON | W_VERB | W_TIME | W_TITLE | W_HONOR |      \
                 W_ORG_HEAD | W_POSTSTOP | W_EVAL | W_LOC_CUE | W_FAC_CUE |        \
                 W_ROLE_PREP)

typedef struct cand {
    size_t t0, t1;        /* name tokens [t0, t1) */
    size_t r0, r1;        /* role tokens [r0, r1), r0 == r1 when none */
    uint8_t type;
    uint8_t prio;
    unsigned flags;
    const char *canon;    /* canonical name from the gazetteer */
    const char *key;      /* preset key (propagated mentions) */
    uint8_t whole;        /* the name starts at its first token's start,
                             clitic-like letters included (بالعون) */
} cand;

typedef struct ctx {
    const kb_gazetteer *g;
    const char *text;
    etoks ts;
    etok *v;
    size_t n;
    cand *c;
    size_t nc, capc;
    unsigned char *used;  /* per token: taken by a chosen candidate */
    kb_arena *arena;
} ctx;

enum { PRIO_TITLE = 6, PRIO_POSTROLE = 5, PRIO_ORG = 4, PRIO_GAZ = 4,
       PRIO_CUE = 3, PRIO_GIVEN = 2, PRIO_SAY = 2 };

static int add(ctx *c, cand k)
{
    if (c->nc == c->capc) {
        size_t nc = c->capc ? c->capc * 2 : 64;
        cand *nv = realloc(c->c, nc * sizeof *nv);
        if (!nv) return KB_ENOMEM;
        c->c = nv;
        c->capc = nc;
    }
    c->c[c->nc++] = k;
    return KB_OK;
}

/* ------------------------------------------------------------ word tests */

static int ends_with(const char *w, size_t n, const char *suf)
{
    size_t sl = strlen(suf);
    return n >= sl && memcmp(w + n - sl, suf, sl) == 0;
}

static size_t letters(const char *w, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)w[i] & 0xC0) != 0x80) k++;
    return k;
}

/* A verb or a noun with a pronoun suffix, by its shape: سيدرسها, قالوا. */
static int verbish(const etok *t)
{
    if (t->wc & (W_GIVEN | W_NAMEWORD)) return 0;
    const char *w = t->w;
    size_t n = t->wl, l = letters(w, n);
    if (l >= 4 && (ends_with(w, n, "\xd9\x87\xd8\xa7") ||            /* ها */
                   ends_with(w, n, "\xd9\x87\xd9\x85") ||            /* هم */
                   ends_with(w, n, "\xd9\x87\xd9\x85\xd8\xa7") ||    /* هما */
                   ends_with(w, n, "\xd9\x83\xd9\x85") ||            /* كم */
                   ends_with(w, n, "\xd9\x88\xd8\xa7")))             /* وا */
        return 1;
    /* future: س + imperfect prefix (سيقوم, ستبدأ, سنعمل) */
    if (l >= 5 && w[0] == '\xd8' && w[1] == '\xb3' && w[2] == '\xd9' &&
        (w[3] == '\x8a' || w[3] == '\x86') )                          /* سي سن */
        return 1;
    if (l >= 5 && !memcmp(w, "\xd8\xb3\xd8\xaa", 4))                  /* ست */
        return 1;
    return 0;
}

static int is_arabic(const etok *t) { return t->kind == KB_TOK_ARABIC; }

/* و + word, not a known name: "and X" rather than a name (وليهي). */
static int waw_word(const etok *t)
{
    return t->wl >= 8 && t->w[0] == '\xd9' && t->w[1] == '\x88' &&
           !(t->wc & (W_GIVEN | W_NAMEWORD)) && t->gtype != KB_ENT_PERS;
}

/* Feminine by its ending: ة (ه once normalised) or the plural ات. */
static int feminine(const etok *t)
{
    return ends_with(t->w, t->wl, "\xd9\x87") ||
           ends_with(t->w, t->wl, "\xd8\xa7\xd8\xaa");
}

/* Blocked as a name word (whole word, or the word after its clitics). */
static int blocked(const ctx *c, const etok *t)
{
    if (!is_arabic(t)) return 1;
    if ((t->wc & W_BLOCK) || (t->b != t->w && (t->bc & W_BLOCK))) return 1;
    if (t->al && (t->sc & (W_COMMON | W_TIME | W_STOPX))) return 1;
    if (etok_stop(t)) return 1;
    (void)c;
    return 0;
}

static int nisba(const ctx *c, const etok *t)
{
    return kb_gz_is_nisba(c->g, t->b, t->bl);
}

/* ال- word that reads as an adjective of a body's name: a nisba form (-ي,
 * -ية) or a listed adjective. */
static int adjective(const ctx *c, const etok *t)
{
    if (!t->al || t->b != t->w) return 0;
    if (t->wc & (W_ADJ)) return 1;
    if (t->wc & (W_TIME | W_EVAL | W_POSTSTOP | W_STOPX | W_ORG_HEAD | W_TITLE)) return 0;
    if (etok_stop(t)) return 0;
    return ends_with(t->w, t->wl, "\xd9\x8a") ||                /* ي */
           ends_with(t->w, t->wl, "\xd9\x8a\xd9\x87") ||        /* يه (ية) */
           nisba(c, t);
}

/* Evidence that a word is part of a person's name. */
static int name_evidence(const etok *t)
{
    return (t->wc & (W_GIVEN | W_NAMEWORD)) || t->gtype == KB_ENT_PERS;
}

/* ------------------------------------------------------------ names */

/* Can u be a plain (not ال-) word of a person's name? Given names win over
 * the common-word lists (أمين, فارس); a clitic matters only when the word
 * after it is a title, verb, function word... (لوزير), not a mere common
 * word (باول is no ب + اول). */
static int name_word(const ctx *c, const etok *u, int first)
{
    if (!is_arabic(u) || u->al || u->tanween || waw_word(u)) return 0;
    if (u->gtype == KB_ENT_LOC || u->gtype == KB_ENT_ORG) return 0;
    if (u->b != u->w && (u->bc & W_BLOCK & ~(uint32_t)W_COMMON)) return 0;
    if (etok_stop(u)) return 0;
    if (u->wc & W_GIVEN) return 1;
    if (u->wc & W_BLOCK) return 0;
    if (verbish(u) || nisba(c, u)) return 0;
    size_t l = letters(u->w, u->wl);
    /* a name does not start with ل + word: "لكرة القدم", "لنزع" */
    if (first && l >= 4 && u->w[0] == '\xd9' && u->w[1] == '\x84') return 0;
    return l >= 2;
}

/* Does a name end before token j (punctuation, function word, verb, time
 * word, end of text)? */
static int boundary_at(const ctx *c, size_t j)
{
    if (j >= c->n) return 1;
    const etok *u = &c->v[j];
    return u->gap || !is_arabic(u) || etok_stop(u) ||
           ((u->wc | u->bc) & (W_VERB | W_SAY | W_TIME | W_TITLE)) || verbish(u);
}

/* The tokens from k that form a person's name: 1-4 words (connectors بن
 * أبو عبد آل not counted), no punctuation inside, stopping at verbs,
 * function and common words, titles, time words; an ال- word ends the name
 * (السوداني) unless a connector precedes it (عبد الله). A third plain word
 * needs evidence (a known name word) or a clear boundary after it. Returns
 * the number of tokens, 0 when there is no name at k. */
static size_t take_name(const ctx *c, size_t k, size_t min_words)
{
    if (k >= c->n) return 0;
    const etok *t = &c->v[k];
    if (t->gtype == KB_ENT_PERS && !t->gbare) {
        size_t len = t->glen;
        return len >= min_words ? len : 0;
    }
    int conn = (t->wc & W_CONNECT) != 0 && !etok_stop(t);
    if (!conn && !name_word(c, t, 1)) return 0;
    if (conn && (t->al || t->b != t->w)) return 0;
    size_t words = conn ? 0 : 1, end = k + 1;
    int last_conn = conn;
    while (end < c->n && words < 4) {
        const etok *u = &c->v[end];
        if (u->gap) break;
        if (!is_arabic(u)) break;
        if (last_conn) {
            /* after a connector anything but punctuation/stop words */
            if (etok_stop(u) || (u->wc & (W_VERB | W_TIME))) break;
            last_conn = (u->wc & W_CONNECT) != 0;
            end++;
            if (!last_conn) words++;
            continue;
        }
        if (u->wc & W_CONNECT) {
            last_conn = 1;
            end++;
            continue;
        }
        if (u->al) {
            if (u->gtype == KB_ENT_LOC || u->gtype == KB_ENT_ORG) break;
            if (blocked(c, u) || (u->wc & W_ADJ)) break;
            /* family names are no feminine adjectives: الملكية */
            if (ends_with(u->w, u->wl, "\xd9\x8a\xd9\x87")) break;
            /* بالعون: a family name with ب after a given name, when its stem
             * is no known word */
            if (u->b != u->w && (u->w[0] == '\xd9' || u->sc || u->bc || words > 1))
                break;
            end++;
            words++;
            break;                                     /* السوداني ends it */
        }
        if (!name_word(c, u, 0)) break;
        if (words >= 2 && !name_evidence(u) && !boundary_at(c, end + 1)) break;
        end++;
        words++;
    }
    while (end > k && (c->v[end - 1].wc & W_CONNECT)) end--;   /* dangling */
    if (words < min_words || end == k) return 0;
    return end - k;
}

/* ------------------------------------------------------------ roles */

static int org_head(const etok *t) { return (t->bc & W_ORG_HEAD) != 0; }

/* The role phrase that starts with the title at token i: returns one past
 * its last token. Complements: ال- words (الخارجية, الوزراء, العراقي),
 * construct nouns (خارجية, مجلس), باسم/لدى + a body, في + a body or place,
 * places with a clitic (بالعراق), coordinated titles (وعضو). */
static size_t role_end(const ctx *c, size_t i)
{
    size_t j = i + 1, last = i + 1;
    while (j < c->n && j - i < 14) {
        const etok *t = &c->v[j];
        if (t->gap & ~G_DASH) break;
        if (!is_arabic(t)) break;
        if (t->gtype == KB_ENT_LOC || t->gtype == KB_ENT_ORG) {
            j += t->glen;
            last = j;
            continue;
        }
        if (t->al && t->b == t->w) {
            if ((t->wc & W_ADJ) || (t->wc & W_POSTSTOP) ||
                !(t->wc & (W_TIME | W_EVAL | W_VERB)) ) {
                if (etok_stop(t) && !(t->wc & W_ADJ)) break;
                if ((t->wc & W_TIME) && !(t->wc & W_ADJ)) break;
                j++;
                last = j;
                continue;
            }
            break;
        }
        if (t->wc & W_ROLE_PREP || etok_is(t, "\xd9\x81\xd9\x8a")) {   /* في */
            if (j + 1 >= c->n || c->v[j + 1].gap) break;
            const etok *u = &c->v[j + 1];
            int ok = org_head(u) || u->gtype == KB_ENT_LOC || u->gtype == KB_ENT_ORG;
            if (!ok && (t->wc & W_ROLE_PREP)) ok = u->al;
            if (!ok) break;
            j++;
            continue;
        }
        if (t->b != t->w) {
            /* و + title or ال- word (وعضو, والتعاون); ب/ل + place */
            int waw = t->w[0] == '\xd9' && t->w[1] == '\x88';
            if (waw && (t->bc & W_TITLE)) { j++; continue; }
            if (waw && t->al && !(t->bc & (W_TIME | W_STOPX))) { j++; last = j; continue; }
            if (t->gtype == KB_ENT_LOC && t->gbare) { j += t->glen; last = j; continue; }
            break;
        }
        if (t->wc & (W_CONSTRUCT | W_ORG_HEAD)) {
            j++;
            continue;
        }
        if (t->wc & W_TITLE && j == i + 1) { j++; continue; }   /* نائبة المتحدثة */
        break;
    }
    return last;
}

/* Rule 1: title (+ role) + name. */
static int rule_title(ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        const etok *t = &c->v[i];
        if (!(t->bc & (W_TITLE | W_HONOR))) continue;
        size_t re = role_end(c, i);
        /* The name may follow the whole role or an inner end of it (a
         * trailing ال- word could be the name's: rare, so whole role only). */
        size_t k = re;
        if (k >= c->n) continue;
        uint8_t gap = c->v[k].gap;
        if (gap & ~G_COMMA) continue;
        size_t m = take_name(c, k, gap & G_COMMA ? 2 : 1);
        if (!m) continue;
        /* a lone name after a comma-less role must not be a common noun */
        cand k1 = {.t0 = k, .t1 = k + m, .r0 = i, .r1 = re, .type = KB_ENT_PERS,
                   .prio = PRIO_TITLE};
        if ((t->bc & W_HONOR) && !(t->bc & W_TITLE) && re == i + 1)
            k1.r0 = k1.r1 = 0;
        const etok *nt = &c->v[k];
        if (nt->gtype == KB_ENT_PERS && nt->glen == m) {
            k1.canon = nt->gcanon;
            k1.flags |= KB_ENTF_GAZETTEER;
        }
        if (add(c, k1)) return KB_ENOMEM;
        i = re - 1;
    }
    return KB_OK;
}

/* Rule 2: verb of saying + name + title (+ role) after it. Also verb of
 * saying + name of two words with evidence + إن/أن/comma (no role). */
static int rule_postrole(ctx *c)
{
    for (size_t i = 1; i < c->n; i++) {
        const etok *s = &c->v[i - 1];
        if (!((s->wc | s->bc) & W_SAY)) continue;
        if (c->v[i].gap) continue;
        size_t m = take_name(c, i, 2);
        if (!m) {
            /* "وقال رافاران إن ...": one unknown word between a verb of
             * saying and a clause boundary */
            const etok *u = &c->v[i];
            if (name_word(c, u, 1) && !(u->wc & W_COMMON) && u->b == u->w &&
                letters(u->w, u->wl) >= 3 && i + 1 < c->n &&
                ((c->v[i + 1].gap & G_COMMA) || etok_stop(&c->v[i + 1]))) {
                cand k = {.t0 = i, .t1 = i + 1, .type = KB_ENT_PERS, .prio = PRIO_SAY};
                if (add(c, k)) return KB_ENOMEM;
            }
            continue;
        }
        size_t j = i + m;
        if (j < c->n && !(c->v[j].gap & ~G_COMMA) && (c->v[j].bc & W_TITLE) &&
            c->v[j].b == c->v[j].w) {
            size_t re = role_end(c, j);
            cand k = {.t0 = i, .t1 = j, .r0 = j, .r1 = re, .type = KB_ENT_PERS,
                      .prio = PRIO_POSTROLE};
            if (add(c, k)) return KB_ENOMEM;
            continue;
        }
        /* no role: need evidence on a word and a clause boundary after;
         * or the quotation itself after the name ("وقالت جيما أرياس "...") */
        int ev = 0;
        for (size_t q = i; q < j; q++) ev |= name_evidence(&c->v[q]);
        int bound = j >= c->n || (c->v[j].gap & (G_COMMA | G_STOP)) ||
                    etok_stop(&c->v[j]);
        if ((ev && bound) || (j < c->n && (c->v[j].gap & G_QUOTE) && !(c->v[j].gap & G_STOP))) {
            cand k = {.t0 = i, .t1 = j, .type = KB_ENT_PERS, .prio = PRIO_SAY};
            if (add(c, k)) return KB_ENOMEM;
        }
    }
    return KB_OK;
}

/* Rule 7: a nationality standing as a noun and a name after it ("وسجل
 * البرازيلي دودو سيلفا", "على الفرنسي أرنو كليمان"): a definite nationality
 * that follows no noun it could describe (a verb, a function word,
 * punctuation or the start stand before it). */
static int rule_nationality(ctx *c)
{
    for (size_t i = 0; i + 1 < c->n; i++) {
        const etok *t = &c->v[i];
        if (!t->al || t->b != t->w || !nisba(c, t) || c->v[i + 1].gap) continue;
        /* one person: no plural (الفرنسيون يقضون) */
        if (ends_with(t->w, t->wl, "\xd9\x88\xd9\x86") || ends_with(t->w, t->wl, "\xd9\x8a\xd9\x86"))
            continue;
        int free_standing = i == 0 || (t->gap & (G_COMMA | G_STOP | G_QUOTE | G_PAREN)) ||
                            etok_stop(&c->v[i - 1]) ||
                            ((c->v[i - 1].wc | c->v[i - 1].bc) & (W_VERB | W_SAY)) ||
                            verbish(&c->v[i - 1]);
        if (!free_standing) continue;
        size_t m = take_name(c, i + 1, 1);
        /* a word with a proclitic ends no such name ("بفوزه على") */
        while (m > 1 && c->v[i + m].b != c->v[i + m].w) m--;
        if (!m || c->v[i + 1].b != c->v[i + 1].w) continue;
        cand k = {.t0 = i + 1, .t1 = i + 1 + m, .type = KB_ENT_PERS, .prio = PRIO_GIVEN};
        if (add(c, k)) return KB_ENOMEM;
    }
    return KB_OK;
}

/* Rule 6: a given name and what follows it. */
static int rule_given(ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        const etok *t = &c->v[i];
        if (!(t->wc & W_GIVEN) || t->b != t->w) continue;
        size_t m = take_name(c, i, 2);
        if (!m) continue;
        if (t->wc & W_AMBIG) {
            const etok *u = &c->v[i + 1];
            if (!name_evidence(u) && !(u->wc & W_CONNECT)) continue;
        }
        cand k = {.t0 = i, .t1 = i + m, .type = KB_ENT_PERS, .prio = PRIO_GIVEN};
        if (add(c, k)) return KB_ENOMEM;
    }
    return KB_OK;
}

/* ------------------------------------------------------------ bodies */

/* Rule 3: organisation = head noun + complements + adjectives. */
static int rule_org(ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        const etok *h = &c->v[i];
        if (!org_head(h)) continue;
        int definite = h->al;
        size_t j = i + 1;
        /* a descriptor head names the body that follows: وكالة رويترز */
        if ((h->bc & W_ORG_DESC) && !definite && j < c->n) {
            const etok *u = &c->v[j];
            if (!(u->gap & ~G_QUOTE) && u->gtype == KB_ENT_ORG && !u->gbare) {
                continue; /* the gazetteer rule has it */
            }
            if (u->gap & G_QUOTE) {
                size_t q = j + 1;
                while (q < c->n && q - j < 6 && !c->v[q].gap) q++;
                if (q < c->n && q > j && (c->v[q].gap & G_QUOTE)) {
                    cand k = {.t0 = j, .t1 = q, .type = KB_ENT_ORG, .prio = PRIO_ORG};
                    if (c->v[j].gtype == KB_ENT_ORG && c->v[j].glen == q - j)
                        k.canon = c->v[j].gcanon;
                    if (add(c, k)) return KB_ENOMEM;
                }
                continue;
            }
            if (!u->gap && is_arabic(u) && !u->al && u->b == u->w &&
                !blocked(c, u) && !verbish(u) && !nisba(c, u) &&
                !(u->wc & (W_CONSTRUCT | W_GIVEN)) && !u->gtype) {
                size_t q = j + 1;
                if (q < c->n && !c->v[q].gap && is_arabic(&c->v[q]) && !c->v[q].al &&
                    c->v[q].b == c->v[q].w && !blocked(c, &c->v[q]) &&
                    !verbish(&c->v[q]) && !nisba(c, &c->v[q]) && !c->v[q].gtype)
                    q++;
                cand k = {.t0 = j, .t1 = q, .type = KB_ENT_ORG, .prio = PRIO_ORG};
                if (add(c, k)) return KB_ENOMEM;
                continue;
            }
        }
        int proper = 0, gaz = 0, ncomp = 0, need = !definite;
        size_t end = j;
        if (!definite) {
            /* complements in construct: [construct noun]* then ال-word,
             * gazetteer name, or a proper noun */
            while (j < c->n && j - i < 8) {
                const etok *u = &c->v[j];
                if (u->gap || !is_arabic(u)) break;
                if (u->gtype && !u->gbare && u->gtype != KB_ENT_PERS) {
                    j += u->glen; gaz = 1; ncomp++; end = j; need = 0;
                    break;
                }
                if (u->b != u->w) break;
                if (u->al) {
                    if (blocked(c, u) && !(u->wc & W_ADJ) &&
                        !((u->sc & W_COMMON) && !(u->wc & (W_TIME | W_STOPX | W_VERB)))) break;
                    if (u->wc & (W_TIME | W_EVAL)) break;
                    j++; ncomp++; end = j; need = 0;
                    break;
                }
                if (u->wc & (W_CONSTRUCT | W_ORG_HEAD)) { j++; continue; }
                if (!blocked(c, u) && !verbish(u) && !nisba(c, u) && ncomp == 0 &&
                    j == i + 1) {
                    j++; ncomp++; end = j; need = 0; proper = 1;
                    break;
                }
                break;
            }
            if (need) continue;
            j = end;
        }
        /* adjectives, one coordination (indefinite heads), لل- complements */
        int coord = 0, nadj = 0;
        while (j < c->n && j - i < 10) {
            const etok *u = &c->v[j];
            if (u->gap & ~G_DASH) break;
            if ((u->gap & G_DASH) && !nisba(c, u)) break;
            if (adjective(c, u)) {
                /* the first adjective of a definite head agrees with it:
                 * "مهمة التحالف العسكرية" is no body named التحالف العسكرية */
                if (definite && nadj == 0 && !(u->wc & W_ADJ) &&
                    feminine(h) != ends_with(u->w, u->wl, "\xd9\x87"))
                    break;
                j++; nadj++; end = j; continue;
            }
            if (!definite && !coord && u->b != u->w && u->al && !u->lil &&
                u->w[0] == '\xd9' && u->w[1] == '\x88' &&
                !(u->bc & (W_ORG_HEAD | W_TITLE | W_TIME | W_STOPX)) && !nisba(c, u)) {
                coord = 1; j++; end = j; continue;       /* والتعاون */
            }
            if ((u->wc & W_ORG_LIL) || (u->lil && (u->bc & W_ADJ))) {
                j++; end = j; continue;                    /* للأنباء */
            }
            break;
        }
        if (definite && nadj == 0) continue;
        /* a gazetteer name starting at the head that is as long wins */
        if (h->gtype && h->glen >= end - i) continue;
        cand k = {.t0 = i, .t1 = end, .type = KB_ENT_ORG, .prio = PRIO_ORG};
        if (!gaz && !proper) k.flags |= KB_ENTF_DESCRIPTIVE;
        if (gaz) k.flags |= KB_ENTF_GAZETTEER;
        if (add(c, k)) return KB_ENOMEM;
    }
    return KB_OK;
}

/* Rule 4: gazetteer names. */
static int rule_gaz(ctx *c)
{
    for (size_t i = 0; i < c->n; i++) {
        const etok *t = &c->v[i];
        if (!t->gtype || t->gtype == KB_ENT_MISC) continue;
        cand k = {.t0 = i, .t1 = i + t->glen, .type = t->gtype, .prio = PRIO_GAZ,
                  .canon = t->gcanon, .flags = KB_ENTF_GAZETTEER};
        if (add(c, k)) return KB_ENOMEM;
    }
    return KB_OK;
}

/* A proper noun usable as a place name at k: 1 plain word, or a place
 * prefix + ال- word (عين الأسد), or two plain words. Returns tokens. */
static size_t take_place(const ctx *c, size_t k)
{
    if (k >= c->n) return 0;
    const etok *t = &c->v[k];
    if (t->gap || !is_arabic(t) || t->al || t->b != t->w) return 0;
    int pre = (t->wc & W_PLACE_PRE) != 0;
    if (!pre && (blocked(c, t) || verbish(t) || nisba(c, t))) return 0;
    if (letters(t->w, t->wl) < 2 || t->gtype) return 0;
    if (k + 1 < c->n && !c->v[k + 1].gap && is_arabic(&c->v[k + 1])) {
        const etok *u = &c->v[k + 1];
        if (pre && u->al && u->b == u->w && !blocked(c, u) && !adjective(c, u))
            return 2;
        if (!u->al && u->b == u->w && !blocked(c, u) && !verbish(u) && !nisba(c, u) &&
            !u->gtype && !(u->wc & W_CONNECT))
            return 2;
    }
    return pre ? 0 : 1;
}

/* Rule 5: places after cue words, facilities. */
static int rule_places(ctx *c)
{
    for (size_t i = 0; i + 1 < c->n; i++) {
        const etok *t = &c->v[i];
        if (t->bc & W_LOC_CUE) {
            size_t j = i + 1;
            while (j < c->n && !c->v[j].gap && c->v[j].al && nisba(c, &c->v[j])) j++;
            if (j >= c->n || c->v[j].gtype) continue;
            size_t m = take_place(c, j);
            if (!m) continue;
            cand k = {.t0 = j, .t1 = j + m, .type = KB_ENT_LOC, .prio = PRIO_CUE};
            if (add(c, k)) return KB_ENOMEM;
        } else if ((t->bc & W_FAC_CUE) && !t->al) {
            size_t j = i + 1;
            if (c->v[j].gtype) continue;
            size_t m = take_place(c, j);
            if (!m) continue;
            cand k = {.t0 = i, .t1 = j + m, .type = KB_ENT_LOC, .prio = PRIO_CUE};
            if (add(c, k)) return KB_ENOMEM;
        }
    }
    return KB_OK;
}

/* ------------------------------------------------------------ choice */

static int cmp_cand(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    if (x->prio != y->prio) return x->prio > y->prio ? -1 : 1;
    size_t lx = x->t1 - x->t0, ly = y->t1 - y->t0;
    if (lx != ly) return lx > ly ? -1 : 1;
    if (x->t0 != y->t0) return x->t0 < y->t0 ? -1 : 1;
    return x->type < y->type ? -1 : x->type > y->type;
}

static int cmp_pos(const void *a, const void *b)
{
    const cand *x = a, *y = b;
    return x->t0 < y->t0 ? -1 : x->t0 > y->t0;
}

/* Keep the best candidates that do not overlap; returns how many (moved to
 * the front of c->c, in text order). */
static size_t choose(ctx *c)
{
    if (!c->nc) return 0;
    qsort(c->c, c->nc, sizeof *c->c, cmp_cand);
    size_t kept = 0;
    for (size_t i = 0; i < c->nc; i++) {
        cand *k = &c->c[i];
        int free_ = 1;
        for (size_t t = k->t0; t < k->t1 && free_; t++) free_ = !c->used[t];
        if (!free_) continue;
        for (size_t t = k->t0; t < k->t1; t++) c->used[t] = 1;
        c->c[kept++] = *k;
    }
    c->nc = kept;
    qsort(c->c, c->nc, sizeof *c->c, cmp_pos);
    return kept;
}

/* ------------------------------------------------------------ output */

static const char *span_str(ctx *c, size_t t0, size_t t1, int whole, size_t *start,
                            size_t *end)
{
    const etok *a = &c->v[t0], *z = &c->v[t1 - 1];
    *start = whole ? a->s : a->orig_b;
    *end = z->e;
    if (a->lil && !whole) {
        /* "للولايات" -> "الولايات": ال + the original after the second ل */
        size_t from = a->orig_b;
        /* skip the second lam in the original (one code point) */
        size_t p = from;
        (void)kb_utf8_decode(c->text, *end, &p);
        size_t n = *end - p;
        char *s = kb_arena_alloc(c->arena, n + 5);
        if (!s) return NULL;
        memcpy(s, AR_AL, 4);
        memcpy(s + 4, c->text + p, n);
        s[n + 4] = '\0';
        return s;
    }
    return kb_arena_strndup(c->arena, c->text + *start, *end - *start);
}

static int emit(ctx *c, const cand *k, kb_entity *e)
{
    memset(e, 0, sizeof *e);
    e->type = (kb_entity_type)k->type;
    e->flags = k->flags;
    e->name = span_str(c, k->t0, k->t1, k->whole, &e->start, &e->end);
    if (!e->name) return KB_ENOMEM;
    if (k->key) e->key = k->key;
    else if (k->canon) e->key = kb_entity_key(c->arena, k->canon, strlen(k->canon));
    else e->key = kb_entity_key(c->arena, e->name, strlen(e->name));
    if (!e->key) return KB_ENOMEM;
    if (k->r1 > k->r0) {
        e->role = span_str(c, k->r0, k->r1, 0, &e->role_start, &e->role_end);
        if (!e->role) return KB_ENOMEM;
    }
    return KB_OK;
}

/* ------------------------------------------------------------ propagation */

/* Persons named in full: look for their full names and surnames again in
 * the tokens no entity took. */
static int propagate(ctx *c, kb_entity *ents)
{
    size_t base = c->nc;
    /* one-word persons found by a rule ("وأكد ميلر أن") that are the
     * surname of a person named in full: mentions of that person */
    for (size_t p = 0; p < base; p++) {
        cand *o = &c->c[p];
        if (o->type != KB_ENT_PERS || o->t1 - o->t0 != 1 || o->canon) continue;
        const etok *u = &c->v[o->t0];
        const char *key = NULL;
        int amb = 0;
        for (size_t q = 0; q < base && !amb; q++) {
            const cand *k = &c->c[q];
            if (k->type != KB_ENT_PERS || k->t1 - k->t0 < 2) continue;
            const etok *l = &c->v[k->t1 - 1];
            if (l->wl != u->wl || memcmp(l->w, u->w, u->wl)) continue;
            if (key && strcmp(key, ents[q].key)) amb = 1;
            key = ents[q].key;
        }
        if (key && !amb) {
            ents[p].key = key;
            ents[p].flags |= KB_ENTF_PARTIAL;
        }
    }
    for (size_t p = 0; p < base; p++) {
        const cand kc = c->c[p];  /* copied: add() may move c->c */
        const cand *k = &kc;
        if (k->type != KB_ENT_PERS || k->t1 - k->t0 < 2 || k->key) continue;
        const etok *last = &c->v[k->t1 - 1];
        const char *key = ents[p].key;
        /* surname shared with another person of this text: ambiguous */
        int shared = 0;
        for (size_t q = 0; q < base && !shared; q++) {
            const cand *o = &c->c[q];
            if (q == p || o->type != KB_ENT_PERS || o->t1 - o->t0 < 2) continue;
            const etok *ol = &c->v[o->t1 - 1];
            shared = ol->wl == last->wl && !memcmp(ol->w, last->w, last->wl) &&
                     strcmp(ents[q].key, key) != 0;
        }
        int surname_ok = !shared && letters(last->w, last->wl) >= 3 &&
                         !blocked(c, last) &&
                         !(last->wc & (W_GIVEN | W_CONNECT | W_ADJ | W_NISBA));
        size_t len = k->t1 - k->t0;
        for (size_t i = 0; i < c->n; i++) {
            if (c->used[i]) continue;
            /* full name */
            size_t q = 0;
            while (q < len && i + q < c->n && !c->used[i + q] &&
                   (q == 0 || !c->v[i + q].gap)) {
                const etok *a = &c->v[k->t0 + q], *u = &c->v[i + q];
                int same = (u->wl == a->wl && !memcmp(u->w, a->w, a->wl)) ||
                           (q == 0 && u->bl == a->wl && !memcmp(u->b, a->w, a->wl));
                if (!same) break;
                q++;
            }
            if (q == len) {
                const etok *a = &c->v[k->t0], *u = &c->v[i];
                cand m = {.t0 = i, .t1 = i + len, .type = KB_ENT_PERS, .key = key,
                          .flags = k->flags & KB_ENTF_GAZETTEER,
                          .whole = (uint8_t)(u->wl == a->wl && !memcmp(u->w, a->w, a->wl))};
                if (add(c, m)) return KB_ENOMEM;
                for (size_t t = i; t < i + len; t++) c->used[t] = 1;
                i += len - 1;
                continue;
            }
            if (!surname_ok) continue;
            const etok *u = &c->v[i];
            int whole = u->wl == last->wl && !memcmp(u->w, last->w, last->wl);
            int same = whole ||
                       (u->b != u->w && u->bl == last->wl && !memcmp(u->b, last->w, last->wl));
            /* a clitic the stripper did not take: ل/ب/و + surname */
            if (!same && u->wl == last->wl + 2 && !memcmp(u->w + 2, last->w, last->wl)) {
                unsigned char c0 = (unsigned char)u->w[0], c1 = (unsigned char)u->w[1];
                same = (c0 == 0xD9 && (c1 == 0x88 || c1 == 0x84 || c1 == 0x81)) ||
                       (c0 == 0xD8 && c1 == 0xA8);
                if (same) {
                    cand m = {.t0 = i, .t1 = i + 1, .type = KB_ENT_PERS, .key = key,
                              .flags = KB_ENTF_PARTIAL};
                    if (add(c, m)) return KB_ENOMEM;
                    c->used[i] = 1;
                    /* the name starts after the clitic letter */
                    size_t ns = (size_t)(u->w - c->ts.tk.norm.text);
                    c->v[i].orig_b = c->ts.tk.norm.map[ns + 2];
                    continue;
                }
            }
            if (!same) continue;
            if (i > 0 && !c->v[i].gap && (c->v[i - 1].wc & (W_GIVEN)) && !c->used[i - 1])
                continue; /* another person with the same family name */
            cand m = {.t0 = i, .t1 = i + 1, .type = KB_ENT_PERS, .key = key,
                      .flags = KB_ENTF_PARTIAL, .whole = (uint8_t)whole};
            if (add(c, m)) return KB_ENOMEM;
            c->used[i] = 1;
        }
    }
    return KB_OK;
}

/* ------------------------------------------------------------ API */

int kb_entities_find(const kb_gazetteer *g, const char *text, size_t len,
                     kb_entity **out, size_t *n, kb_arena *arena)
{
    if (out) *out = NULL;
    if (n) *n = 0;
    if (!g || !out || !n || !arena || (!text && len)) return KB_EINVAL;
    if (len >= UINT32_MAX) return KB_EINVAL;
    if (!len) return KB_OK;
    ctx c = {.g = g, .text = text, .arena = arena};
    int rc = etoks_build(g, text, len, &c.ts);
    if (rc) return rc;
    c.v = c.ts.v;
    c.n = c.ts.n;
    c.used = calloc(c.n ? c.n : 1, 1);
    if (!c.used) { rc = KB_ENOMEM; goto done; }
    if ((rc = rule_title(&c)) || (rc = rule_postrole(&c)) || (rc = rule_org(&c)) ||
        (rc = rule_gaz(&c)) || (rc = rule_places(&c)) || (rc = rule_given(&c)) ||
        (rc = rule_nationality(&c)))
        goto done;
    size_t kept = choose(&c);
    /* emit the chosen, then propagate (which needs their keys), then emit
     * the propagated mentions and sort everything by position */
    kb_entity *ents = kb_arena_alloc(arena, (kept ? kept : 1) * sizeof *ents);
    if (!ents) { rc = KB_ENOMEM; goto done; }
    for (size_t i = 0; i < kept; i++)
        if ((rc = emit(&c, &c.c[i], &ents[i]))) goto done;
    if ((rc = propagate(&c, ents))) goto done;
    size_t total = c.nc;
    kb_entity *all = ents;
    if (total > kept) {
        all = kb_arena_alloc(arena, total * sizeof *all);
        if (!all) { rc = KB_ENOMEM; goto done; }
        memcpy(all, ents, kept * sizeof *all);
        for (size_t i = kept; i < total; i++)
            if ((rc = emit(&c, &c.c[i], &all[i]))) goto done;
        /* insertion sort by start: the lists are short and nearly sorted */
        for (size_t i = 1; i < total; i++) {
            kb_entity x = all[i];
            size_t j = i;
            while (j > 0 && all[j - 1].start > x.start) { all[j] = all[j - 1]; j--; }
            all[j] = x;
        }
    }
    *out = all;
    *n = total;
done:
    free(c.used);
    free(c.c);
    etoks_free(&c.ts);
    return rc;
}
