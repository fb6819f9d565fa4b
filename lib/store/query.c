/* store/query.c -- a person's search query -> a safe FTS5 MATCH expression.
 *
 * The query is lexed here (words, "phrases", trailing *, AND/OR/NOT,
 * parentheses) and every word is analysed with the indexing analysis
 * (kb_analyze); what reaches FTS5 is only double-quoted strings of the
 * user's own tokens, joined by operators and parentheses this parser wrote.
 * So no character the user types can be FTS5 syntax (^ : { } NEAR - + ...),
 * and an unbalanced quote or parenthesis is closed instead of failing.
 * FTS5 hands the quoted tokens to the khabar tokenizer, which stems them
 * exactly as it stemmed the documents.
 *
 * Grammar (lowest precedence first; juxtaposition is AND):
 *   query   := or ( ')' or )*          -- a stray ')' is skipped
 *   or      := and ( OR and )*
 *   and     := not ( [AND] not )*
 *   not     := primary ( NOT primary )*
 *   primary := WORD | PHRASE | '(' or [')']
 * Parts that analyse to nothing (punctuation, stopwords outside quotes)
 * vanish, and the operators around them with them. */
#include "store/store_int.h"

#include <stdlib.h>
#include <string.h>

#define MAX_QUERY_BYTES 4096
#define MAX_TERMS 64
#define MAX_DEPTH 32

typedef enum { L_END, L_WORD, L_PHRASE, L_AND, L_OR, L_NOT, L_LP, L_RP } lex_kind;

typedef struct lexeme {
    lex_kind kind;
    const char *s;         /* L_WORD / L_PHRASE text (without quotes or *) */
    size_t len;
    int prefix;            /* followed by * */
} lexeme;

typedef struct parser {
    kb_stemmer *st;
    lexeme *lx;
    size_t n, pos;
    int depth;
    int neg;               /* inside the right side of NOT */
    size_t nterms_total;   /* tokens emitted, for the limit */
    int dropped_stop;      /* a stopword was left out */
    int rc;                /* first error */
    char *err;
    size_t errcap;
    kb_query *q;
} parser;

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int lex(const char *s, lexeme **out, size_t *nout)
{
    size_t cap = 16, n = 0, len = strlen(s);
    lexeme *v = malloc(cap * sizeof *v);
    if (!v) return KB_ENOMEM;
    size_t i = 0;
    while (i < len) {
        if (is_space(s[i])) { i++; continue; }
        if (n + 1 >= cap) {
            lexeme *nv = realloc(v, (cap *= 2) * sizeof *v);
            if (!nv) { free(v); return KB_ENOMEM; }
            v = nv;
        }
        lexeme *l = &v[n++];
        memset(l, 0, sizeof *l);
        if (s[i] == '(') { l->kind = L_LP; i++; continue; }
        if (s[i] == ')') { l->kind = L_RP; i++; continue; }
        if (s[i] == '"') {
            size_t start = ++i;
            while (i < len && s[i] != '"') i++;    /* unclosed: up to the end */
            l->kind = L_PHRASE;
            l->s = s + start;
            l->len = i - start;
            if (i < len) i++;
            if (i < len && s[i] == '*') { l->prefix = 1; i++; }
            continue;
        }
        size_t start = i;
        while (i < len && !is_space(s[i]) && s[i] != '"' && s[i] != '(' && s[i] != ')') i++;
        size_t wl = i - start;
        l->s = s + start;
        if (wl == 3 && !memcmp(l->s, "AND", 3)) l->kind = L_AND;
        else if (wl == 2 && !memcmp(l->s, "OR", 2)) l->kind = L_OR;
        else if (wl == 3 && !memcmp(l->s, "NOT", 3)) l->kind = L_NOT;
        else {
            l->kind = L_WORD;
            while (wl && l->s[wl - 1] == '*') { wl--; l->prefix = 1; }
        }
        l->len = wl;
    }
    v[n].kind = L_END;
    *out = v;
    *nout = n;
    return KB_OK;
}

static void fail(parser *p, int rc, const char *msg)
{
    if (p->rc == KB_OK) {
        p->rc = rc;
        kb_store_seterr(p->err, p->errcap, "%s", msg);
    }
}

/* Remember a positive term's analysed form for highlighting. */
static void add_term(parser *p, const char *stem, size_t len, int prefix)
{
    kb_query *q = p->q;
    for (size_t i = 0; i < q->nterms; i++)
        if (q->terms[i].prefix == prefix && strlen(q->terms[i].stem) == len &&
            !memcmp(q->terms[i].stem, stem, len))
            return;
    kb_query_term *nt = realloc(q->terms, (q->nterms + 1) * sizeof *nt);
    char *c = strndup(stem, len);
    if (!nt || !c) {
        free(c);
        if (nt) q->terms = nt;
        fail(p, KB_ENOMEM, "out of memory");
        return;
    }
    q->terms = nt;
    q->terms[q->nterms].stem = c;
    q->terms[q->nterms].prefix = prefix;
    q->nterms++;
}

/* Analysed tokens of one word or phrase. */
typedef struct tok_list {
    kb_term *v;            /* stem/norm pointers are NOT kept: copied below */
    char **stems;
    size_t n, cap;
} tok_list;

static int collect(const kb_term *t, void *ud)
{
    tok_list *l = ud;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        kb_term *nv = realloc(l->v, cap * sizeof *nv);
        if (!nv) return KB_ENOMEM;
        l->v = nv;
        char **ns = realloc(l->stems, cap * sizeof *ns);
        if (!ns) return KB_ENOMEM;
        l->stems = ns;
        l->cap = cap;
    }
    char *c = strndup(t->stem, t->len);
    if (!c) return KB_ENOMEM;
    l->v[l->n] = *t;
    l->v[l->n].stem = c;
    l->v[l->n].norm = NULL;
    l->stems[l->n] = c;
    l->n++;
    return KB_OK;
}

static void tok_list_free(tok_list *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->stems[i]);
    free(l->stems);
    free(l->v);
}

/* Append the user's token text as an FTS5 string ("" doubles a quote). */
static void put_quoted(kb_buf *b, const char *s, size_t len)
{
    kb_buf_putc(b, '"');
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"') kb_buf_putc(b, '"');
        kb_buf_putc(b, s[i]);
    }
    kb_buf_putc(b, '"');
}

/* A word or phrase -> FTS5 text, or NULL when nothing is left of it. */
static char *term_expr(parser *p, const lexeme *l)
{
    tok_list tl = { 0 };
    int rc = kb_analyze(p->st, l->s, l->len, KB_AN_STOP, collect, &tl);
    if (rc != KB_OK) {
        tok_list_free(&tl);
        fail(p, KB_ENOMEM, "out of memory");
        return NULL;
    }
    kb_buf b = { 0 };
    if (l->kind == L_PHRASE) {
        /* A phrase keeps every token, stopwords too: positions matter. */
        if (tl.n) {
            kb_buf_putc(&b, '"');
            for (size_t i = 0; i < tl.n; i++) {
                if (i) kb_buf_putc(&b, ' ');
                const char *w = l->s + tl.v[i].start;
                size_t wl = tl.v[i].end - tl.v[i].start;
                for (size_t k = 0; k < wl; k++) {
                    if (w[k] == '"') kb_buf_putc(&b, '"');
                    kb_buf_putc(&b, w[k]);
                }
                if (!p->neg) add_term(p, tl.v[i].stem, tl.v[i].len, l->prefix && i + 1 == tl.n);
            }
            kb_buf_putc(&b, '"');
            if (l->prefix) kb_buf_puts(&b, " *");
            p->nterms_total += tl.n;
        }
    } else {
        /* A word that splits into several tokens (US-Iraq, العراق،سوريا)
         * needs them all; stopwords are left out unless they carry a *. */
        size_t kept = 0;
        for (size_t i = 0; i < tl.n; i++) {
            int prefix = l->prefix && i + 1 == tl.n;
            if (tl.v[i].stop && !prefix) { p->dropped_stop = 1; continue; }
            if (kept++) kb_buf_puts(&b, " AND ");
            put_quoted(&b, l->s + tl.v[i].start, tl.v[i].end - tl.v[i].start);
            if (prefix) kb_buf_puts(&b, " *");
            if (!p->neg) add_term(p, tl.v[i].stem, tl.v[i].len, prefix);
            p->nterms_total++;
        }
        if (kept > 1) {
            kb_buf wrapped = { 0 };
            kb_buf_printf(&wrapped, "(%s)", b.data);
            kb_buf_free(&b);
            b = wrapped;
        }
    }
    tok_list_free(&tl);
    if (p->nterms_total > MAX_TERMS)
        fail(p, KB_EINVAL, "query too long: at most 64 words");
    if (!b.len) {
        kb_buf_free(&b);
        return NULL;
    }
    return kb_buf_detach(&b, NULL);
}

static lex_kind peek(const parser *p)
{
    return p->lx[p->pos].kind;
}

static char *parse_or(parser *p);

/* Join parts with op, in parentheses when more than one; frees the parts. */
static char *join(parser *p, char **parts, size_t n, const char *op)
{
    if (n == 0) return NULL;
    if (n == 1) return parts[0];
    kb_buf b = { 0 };
    kb_buf_putc(&b, '(');
    for (size_t i = 0; i < n; i++) {
        if (i) kb_buf_puts(&b, op);
        kb_buf_puts(&b, parts[i]);
        free(parts[i]);
    }
    kb_buf_putc(&b, ')');
    if (!b.data) fail(p, KB_ENOMEM, "out of memory");
    return kb_buf_detach(&b, NULL);
}

static char *parse_primary(parser *p)
{
    if (p->rc != KB_OK) return NULL;
    lex_kind k = peek(p);
    if (k == L_WORD || k == L_PHRASE) return term_expr(p, &p->lx[p->pos++]);
    if (k == L_LP) {
        p->pos++;
        if (++p->depth > MAX_DEPTH) {
            fail(p, KB_EINVAL, "query nested too deeply: at most 32 parentheses");
            return NULL;
        }
        char *e = parse_or(p);
        if (peek(p) == L_RP) p->pos++;     /* an unclosed ( closes at the end */
        p->depth--;
        return e;
    }
    return NULL;
}

static char *parse_not(parser *p)
{
    char *left = parse_primary(p);
    while (p->rc == KB_OK && peek(p) == L_NOT) {
        p->pos++;
        int saved = p->neg;
        p->neg = 1;
        char *right = parse_primary(p);
        p->neg = saved;
        if (!right) continue;              /* NOT at the end, or NOT of nothing */
        if (!left) {
            free(right);
            fail(p, KB_EINVAL,
                 "NOT needs something to exclude from: write 'word NOT other', not 'NOT other'");
            return NULL;
        }
        kb_buf b = { 0 };
        kb_buf_printf(&b, "(%s NOT %s)", left, right);
        free(left);
        free(right);
        if (!b.data) { fail(p, KB_ENOMEM, "out of memory"); return NULL; }
        left = kb_buf_detach(&b, NULL);
    }
    return left;
}

static char *parse_and(parser *p)
{
    char **parts = NULL;
    size_t n = 0;
    while (p->rc == KB_OK) {
        lex_kind k = peek(p);
        if (k == L_END || k == L_RP || k == L_OR) break;
        if (k == L_AND) { p->pos++; continue; }
        char *e = parse_not(p);
        if (!e) continue;
        char **np = realloc(parts, (n + 1) * sizeof *np);
        if (!np) { free(e); fail(p, KB_ENOMEM, "out of memory"); break; }
        parts = np;
        parts[n++] = e;
    }
    char *r = NULL;
    if (p->rc == KB_OK) r = join(p, parts, n, " AND ");
    else for (size_t i = 0; i < n; i++) free(parts[i]);
    free(parts);
    return r;
}

static char *parse_or(parser *p)
{
    char **parts = NULL;
    size_t n = 0;
    while (p->rc == KB_OK) {
        char *e = parse_and(p);
        if (e) {
            char **np = realloc(parts, (n + 1) * sizeof *np);
            if (!np) { free(e); fail(p, KB_ENOMEM, "out of memory"); break; }
            parts = np;
            parts[n++] = e;
        }
        if (peek(p) != L_OR) break;
        p->pos++;
    }
    char *r = NULL;
    if (p->rc == KB_OK) r = join(p, parts, n, " OR ");
    else for (size_t i = 0; i < n; i++) free(parts[i]);
    free(parts);
    return r;
}

void kb_query_free(kb_query *q)
{
    if (!q) return;
    free(q->fts);
    for (size_t i = 0; i < q->nterms; i++) free(q->terms[i].stem);
    free(q->terms);
    memset(q, 0, sizeof *q);
}

int kb_query_parse_st(kb_stemmer *st, const char *user, kb_query *q, char *err, size_t errcap)
{
    memset(q, 0, sizeof *q);
    if (err && errcap) *err = '\0';
    if (!user) user = "";
    size_t len = strlen(user);
    if (len > MAX_QUERY_BYTES) {
        kb_store_seterr(err, errcap, "query too long (%zu bytes; at most %d)", len,
                        MAX_QUERY_BYTES);
        return KB_EINVAL;
    }
    if (!kb_utf8_valid(user, len)) {
        kb_store_seterr(err, errcap, "the query is not valid UTF-8");
        return KB_EINVAL;
    }
    parser p = { .st = st, .err = err, .errcap = errcap, .q = q };
    int rc = lex(user, &p.lx, &p.n);
    if (rc != KB_OK) {
        kb_store_seterr(err, errcap, "out of memory");
        return rc;
    }
    char **parts = NULL;
    size_t n = 0;
    while (p.rc == KB_OK) {
        char *e = parse_or(&p);
        if (e) {
            char **np = realloc(parts, (n + 1) * sizeof *np);
            if (!np) { free(e); fail(&p, KB_ENOMEM, "out of memory"); break; }
            parts = np;
            parts[n++] = e;
        }
        if (peek(&p) == L_END) break;
        p.pos++;                           /* a stray ')' */
    }
    char *fts = NULL;
    if (p.rc == KB_OK) fts = join(&p, parts, n, " AND ");
    else for (size_t i = 0; i < n; i++) free(parts[i]);
    free(parts);
    free(p.lx);
    if (p.rc == KB_OK && !fts) {
        if (p.dropped_stop)
            fail(&p, KB_EEMPTY, "the query has only stopwords (words like في, من, the); "
                                "add a content word, or \"quote\" a phrase");
        else
            fail(&p, KB_EEMPTY, "the query has no words to search for");
    }
    if (p.rc != KB_OK) {
        free(fts);
        kb_query_free(q);
        return p.rc;
    }
    q->fts = fts;
    return KB_OK;
}

int kb_query_parse(const char *user, kb_query *q, char *err, size_t errcap)
{
    kb_stemmer *st = kb_stemmer_new(NULL);
    if (!st) {
        memset(q, 0, sizeof *q);
        kb_store_seterr(err, errcap, "out of memory");
        return KB_ENOMEM;
    }
    int rc = kb_query_parse_st(st, user, q, err, errcap);
    kb_stemmer_free(st);
    return rc;
}

int kb_query_matches(const kb_query *q, const char *stem, size_t len)
{
    for (size_t i = 0; i < q->nterms; i++) {
        size_t tl = strlen(q->terms[i].stem);
        if (q->terms[i].prefix ? (len >= tl && !memcmp(stem, q->terms[i].stem, tl))
                               : (len == tl && !memcmp(stem, q->terms[i].stem, tl)))
            return (int)i + 1;
    }
    return 0;
}
