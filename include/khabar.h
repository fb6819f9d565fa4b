/* khabar.h -- the public API of libkhabar, a news-story engine, Arabic first.
 *
 * Pipeline (data flows one way, through the plain structs below):
 *
 *   read     bytes from files, dirs, stdin, JSONL, WARC  -> kb_doc (UTF-8)
 *   extract  kb_doc -> kb_article[] (main + embedded; title, dates, source...)
 *   text     normalisation with offsets, tokens, stemming, language, the
 *            date grammar (a leaf library: every stage may call it, it
 *            calls no stage)
 *   dedup    exact + MinHash/LSH near-duplicates
 *   story    clustering, time expressions, timeline, entities, summary
 *   store    SQLite + FTS5 (PostgreSQL for scale)
 *
 * Conventions:
 *  - Functions that can fail return int: KB_OK (0) or a negative KB_E* code;
 *    kb_strerror() names it. The library never prints.
 *  - Whoever a function says "owns" a result frees it with the matching
 *    kb_*_free(). Strings inside a kb_article live in its arena.
 *  - No global mutable state: everything hangs off the structs passed in.
 */
#ifndef KHABAR_H
#define KHABAR_H

#include <stddef.h>
#include <stdint.h>

#define KB_VERSION "0.1.0"

/* ---------------------------------------------------------------- errors */

enum {
    KB_OK = 0,
    KB_ENOMEM = -1,    /* allocation failed */
    KB_EIO = -2,       /* a system call failed; errno has the detail */
    KB_EINVAL = -3,    /* bad argument */
    KB_EEMPTY = -4,    /* input is empty (or only white space) */
    KB_EBINARY = -5,   /* input is not text */
    KB_ETOOBIG = -6,   /* input over the size limit */
    KB_EFORMAT = -7,   /* malformed input (bad JSON, broken gzip, ...) */
    KB_ENOTFOUND = -8, /* no such file, id or record */
    KB_EDB = -9,       /* database error */
};

/* A static English sentence for an error code. Never NULL. */
const char *kb_strerror(int code);

/* ---------------------------------------------------------------- arena */

/* A bump allocator: many small allocations, one free. Zero-initialise it
 * (kb_arena a = {0};) before use. */
typedef struct kb_arena_block kb_arena_block;
typedef struct kb_arena {
    kb_arena_block *head;
    size_t total;       /* bytes handed out, for statistics */
} kb_arena;

/* Return size bytes aligned to 16, or NULL when out of memory. */
void *kb_arena_alloc(kb_arena *a, size_t size);
/* Copy len bytes of s plus a NUL into the arena; NULL when out of memory. */
char *kb_arena_strndup(kb_arena *a, const char *s, size_t len);
char *kb_arena_strdup(kb_arena *a, const char *s);
/* Release every block. The arena can be reused afterwards. */
void kb_arena_free(kb_arena *a);

/* ---------------------------------------------------------------- buffer */

/* A growable byte string, always NUL-terminated when len > 0 or after any
 * append. Zero-initialise before use. */
typedef struct kb_buf {
    char *data;
    size_t len, cap;
} kb_buf;

int kb_buf_reserve(kb_buf *b, size_t extra);                 /* KB_OK/KB_ENOMEM */
int kb_buf_append(kb_buf *b, const char *s, size_t len);     /* KB_OK/KB_ENOMEM */
int kb_buf_puts(kb_buf *b, const char *s);                   /* KB_OK/KB_ENOMEM */
int kb_buf_putc(kb_buf *b, char c);                          /* KB_OK/KB_ENOMEM */
int kb_buf_printf(kb_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));                   /* KB_OK/KB_ENOMEM */
/* Hand the data over to the caller (who frees it with free()); b is reset. */
char *kb_buf_detach(kb_buf *b, size_t *len);
void kb_buf_free(kb_buf *b);

/* ---------------------------------------------------------------- threads */

/* Independent tasks 0..n-1 on up to nthreads threads (the calling thread is
 * one of them). local_new (may be NULL) makes a thread's own state from ctx
 * -- it may return NULL, which task must accept -- and local_free releases
 * it. A task writes only its own result slot. Never fails: a thread that
 * cannot be started leaves its share to the others. */
typedef struct kb_parallel {
    void *ctx;
    void (*task)(void *ctx, size_t i, void *local);
    void *(*local_new)(void *ctx);
    void (*local_free)(void *local);
} kb_parallel;

void kb_parallel_for(const kb_parallel *p, size_t n, int nthreads);
/* The number of cores online (1..64). */
int kb_cores(void);

/* ---------------------------------------------------------------- UTF-8 */

/* Decode one code point at s[*i] (len bytes in all) and advance *i.
 * Returns the code point, or -1 for an invalid or truncated sequence (then *i
 * advances by one byte). Overlongs, surrogates and > U+10FFFF are invalid. */
int32_t kb_utf8_decode(const char *s, size_t len, size_t *i);
/* Encode cp into out (4 bytes room); returns bytes written (1..4), 0 if cp is
 * not a valid scalar value. */
size_t kb_utf8_encode(int32_t cp, char *out);
/* True when s[0..len) is valid UTF-8. */
int kb_utf8_valid(const char *s, size_t len);

/* ---------------------------------------------------------------- dates */

/* A calendar date, possibly partial, possibly with a time of day.
 * precision says how much of it is known. */
typedef enum {
    KB_PREC_NONE = 0,
    KB_PREC_YEAR,
    KB_PREC_MONTH,
    KB_PREC_DAY,
    KB_PREC_MINUTE,
    KB_PREC_SECOND
} kb_date_prec;

typedef struct kb_date {
    int16_t year;          /* Gregorian */
    int8_t month, day;     /* 1-based; 0 when unknown */
    int8_t hour, minute, second;
    int8_t prec;           /* kb_date_prec */
    int8_t has_tz;         /* tz_minutes is meaningful */
    int16_t tz_minutes;    /* offset from UTC */
    int8_t weekday;        /* 0=Sunday..6=Saturday when the text named one, else -1 */
    int8_t hijri;          /* 1 when converted from a Hijri date */
} kb_date;

/* ISO 8601 for d: "2024", "2024-07", "2024-07-23", "2024-07-23T10:05:00Z",
 * "2024-07-23T10:05:00+03:00" ("2024-07-23T10:05" at minute precision; no
 * zone when has_tz is 0). out needs 32 bytes. Returns the length (0 and ""
 * for KB_PREC_NONE). */
size_t kb_date_iso(const kb_date *d, char out[32]);
/* Parse an ISO 8601 date or date-time (what kb_date_iso writes, and the
 * common variants in meta tags). KB_OK or KB_EFORMAT. */
int kb_date_parse_iso(const char *s, size_t len, kb_date *out);
/* Parse an RFC 2822 / RFC 1123 date as HTTP headers and feeds write it
 * ("Tue, 23 Jul 2024 10:05:00 GMT", "23 Jul 2024 10:05:00 +0300", RFC 850
 * "Tuesday, 23-Jul-24 10:05:00 GMT"); also accepts any single written date
 * kb_date_find knows when it fills the whole string. KB_OK or KB_EFORMAT. */
int kb_date_parse_http(const char *s, size_t len, kb_date *out);
/* Day number (days since 1970-01-01) of a date with at least day precision. */
int64_t kb_date_days(const kb_date *d);
/* The date of a day number, day precision. */
kb_date kb_date_from_days(int64_t days);

/* One date found in running text. start/end are byte offsets into the text
 * that was searched. */
typedef struct kb_date_match {
    size_t start, end;
    kb_date date;
} kb_date_match;

/* Find the first written date (any supported format: Arabic month names of
 * every series, English months with ordinals, numeric, Arabic-Indic digits,
 * Hijri, with weekday names) in s[0..len). Returns 1 and fills m when one is
 * found, 0 when none. Never fails.
 * At least a month and a year ("سبتمبر 2025": KB_PREC_MONTH); a year alone
 * is no date. Years 1900..2100 (Hijri 1318..1524). Numeric dates are read
 * day first, month first only when day first is impossible. A Hijri date is
 * converted with the tabular calendar (can be a day off the printed
 * Gregorian day; a weekday named beside it corrects that) and sets hijri=1;
 * when its Gregorian equivalent stands beside it, that one is returned over
 * the whole span. A weekday before or after the date is in the span and in
 * date.weekday (as written, even when it contradicts the date); a time of
 * day after it (with ص/م, AM/PM, a zone) raises the precision. Nothing
 * crosses a line break. To find the next date, search again from m->end. */
int kb_date_find(const char *s, size_t len, kb_date_match *m);

/* ---------------------------------------------------------------- text */

/* Normalisation flags (0 = the matching normalisation described in
 * kb_normalize). */
enum {
    KB_NORM_KEEP_TA_MARBUTA = 1 << 0, /* do not fold ة -> ه */
    KB_NORM_KEEP_ALEF_MAQSURA = 1 << 1, /* do not fold ى -> ي */
};

/* Normalised text and the way back to the original. */
typedef struct kb_norm {
    char *text;        /* normalised UTF-8, NUL-terminated (owned) */
    size_t len;
    uint32_t *map;     /* map[i]: byte offset in the original where the
                          character that produced normalised byte i starts;
                          map[len] = original length (owned, len+1 entries) */
} kb_norm;

/* Normalise s[0..len) for matching: harakat, tanween, shadda, sukun,
 * superscript alef, Quranic marks and tatweel removed; أ إ آ ٱ -> ا;
 * ى -> ي and ة -> ه (unless flags keep them); Persian/Urdu letters to Arabic;
 * Arabic-Indic and Persian digits -> ASCII; presentation forms decomposed;
 * zero-width and bidi controls removed; NFC; Latin case-folded. Invalid UTF-8
 * bytes become U+FFFD. Idempotent. KB_OK, KB_ENOMEM, or KB_EINVAL for input
 * of 4 GiB or more (offsets are 32-bit); out is owned by the caller
 * (kb_norm_free). */
int kb_normalize(const char *s, size_t len, unsigned flags, kb_norm *out);
void kb_norm_free(kb_norm *n);
/* Convenience: the normalised text alone, malloc'd, NULL when out of memory. */
char *kb_normalize_str(const char *s, size_t len, size_t *out_len);

typedef enum {
    KB_TOK_ARABIC = 1,  /* a run of Arabic-script letters (clitics included) */
    KB_TOK_LATIN,       /* a run of Latin (or other alphabetic) letters */
    KB_TOK_NUMBER,      /* 2,500  ٢٥٠٠  12.5%  2024 */
    KB_TOK_URL,
    KB_TOK_EMAIL,
    KB_TOK_MIXED,       /* letters and digits glued: COVID19, ت2 */
} kb_tok_kind;

typedef struct kb_token {
    uint32_t start, end;    /* byte span in the ORIGINAL text */
    uint32_t nstart, nend;  /* byte span in the normalised text */
    uint8_t kind;           /* kb_tok_kind */
} kb_token;

typedef struct kb_tokens {
    kb_token *v;
    size_t n, cap;
    kb_norm norm;           /* the normalised text the n* spans point into */
} kb_tokens;

/* Normalise and tokenise s[0..len). KB_OK, KB_ENOMEM, or KB_EINVAL for input
 * of 4 GiB or more; free with kb_tokens_free. */
int kb_tokenize(const char *s, size_t len, kb_tokens *out);
void kb_tokens_free(kb_tokens *t);

/* Light-stem one normalised Arabic word (light10-style prefixes and suffixes
 * with length guards and an exception list). Writes the stem (NUL-terminated)
 * to out, which needs len+1 bytes; returns its length. Never fails. */
size_t kb_stem_ar(const char *word, size_t len, char *out);

/* Stem one normalised token of any kind for indexing: Arabic with
 * kb_stem_ar, Latin with Snowball in the given language ("en", "fr"...; NULL
 * means English), others unchanged. out needs len+1 bytes. */
typedef struct kb_stemmer kb_stemmer;
/* lang: a Snowball language code; an unknown one gives English. NULL when
 * out of memory. */
kb_stemmer *kb_stemmer_new(const char *lang);
size_t kb_stemmer_stem(kb_stemmer *st, const char *tok, size_t len,
                       kb_tok_kind kind, char *out);
void kb_stemmer_free(kb_stemmer *st);

/* True when the normalised word is an Arabic (or English) stopword. */
int kb_is_stopword(const char *norm, size_t len);

/* Script-based language identification: "ar", "fa", "ur", "en", "fr", ...
 * or "und". Returns a static string. */
const char *kb_lang_detect(const char *s, size_t len);

/* ---------------------------------------------------------------- read */

typedef enum {
    KB_FMT_TEXT = 1,    /* a plain-text page, like samples/ */
    KB_FMT_HTML,        /* a raw HTML page */
    KB_FMT_RECORD,      /* a structured record (JSONL/JSON line) */
} kb_doc_format;

/* One input document, UTF-8. All strings live in the doc's arena; fields not
 * known are NULL. */
typedef struct kb_doc {
    kb_arena arena;
    const char *input;        /* path, "-" or "path#N" for records */
    int part;                 /* record number within input, 0 for a file */
    kb_doc_format format;
    char *data;               /* UTF-8 text or HTML, NUL-terminated */
    size_t len;
    const char *charset;      /* charset the bytes were converted from */
    /* From the container (WARC/JSONL) when given: */
    const char *url;
    const char *crawl_date;   /* ISO 8601; never a publication date */
    const char *title, *published, *updated, *source, *author;
    /* Warnings found while reading (repaired bytes, ...). */
    const char **warnings;
    size_t nwarnings;
} kb_doc;

void kb_doc_free(kb_doc *d);
/* Add a formatted warning to d (kept in its arena). KB_OK or KB_ENOMEM. */
int kb_doc_warn(kb_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

typedef struct kb_read_opts {
    size_t max_doc_bytes;     /* 0 = KB_DEFAULT_MAX_DOC (10 MiB) */
} kb_read_opts;
#define KB_DEFAULT_MAX_DOC ((size_t)10 << 20)

/* The reader walks paths (files, directories recursively in name order, "-"
 * for stdin) and hands out documents one at a time. */
typedef struct kb_reader kb_reader;

kb_reader *kb_reader_new(const kb_read_opts *opts);  /* NULL: out of memory */
/* Queue a path. Never fails: an unreadable path is reported by next(). */
int kb_reader_add(kb_reader *r, const char *path);

/* What next() produced. */
typedef enum { KB_READ_END = 0, KB_READ_DOC = 1, KB_READ_REJECT = 2 } kb_read_kind;
typedef struct kb_read_item {
    kb_read_kind kind;
    kb_doc *doc;              /* KB_READ_DOC: owned by the caller (kb_doc_free) */
    char input[1024];         /* KB_READ_REJECT: which input */
    int code;                 /* KB_READ_REJECT: KB_E* */
    char message[256];        /* KB_READ_REJECT: why, for a person */
} kb_read_item;

/* Produce the next document or rejection; KB_READ_END when all is read.
 * Returns KB_OK, or KB_ENOMEM (then stop). */
int kb_reader_next(kb_reader *r, kb_read_item *item);
void kb_reader_free(kb_reader *r);

/* Read the next documents into docs[0..*n): at most max of them, and no more
 * once they hold max_bytes. Each rejection goes to on_reject (may be NULL)
 * as it comes. *end is set when the reader has nothing more. Returns KB_OK,
 * or KB_ENOMEM (the documents read so far are in docs; then stop). The
 * caller owns the documents (kb_doc_free). */
int kb_reader_batch(kb_reader *r, kb_doc **docs, size_t max, size_t max_bytes,
                    void (*on_reject)(const kb_read_item *item, void *ud), void *ud,
                    size_t *n, int *end);

/* Read from memory, as kb_reader does for a file: charset detection and
 * conversion, UTF-8 repair, binary/empty/size checks, gzip. name is used as
 * doc->input. On success *out is owned by the caller. On failure returns
 * KB_E* and writes a message to msg (msgcap bytes). */
int kb_read_memory(const char *name, const unsigned char *bytes, size_t len,
                   const kb_read_opts *opts, kb_doc **out,
                   char *msg, size_t msgcap);

/* ---------------------------------------------------------------- extract */

typedef enum { KB_ROLE_MAIN = 0, KB_ROLE_EMBEDDED = 1 } kb_role;

/* One clean article. All strings live in the arena; unknown = NULL. */
typedef struct kb_article {
    kb_arena arena;
    char id[17];              /* 16 hex digits, from the normalised content */
    const char *input;
    int part;                 /* 0 for the main article, 1.. for embedded */
    kb_role role;
    char parent[17];          /* id of the main article, "" for none */
    const char *title;
    const char *published;    /* ISO 8601 or NULL */
    const char *updated;      /* ISO 8601 or NULL */
    const char *date_source;  /* "text", "jsonld", "meta", "url", "record"... */
    const char *source;
    const char *dateline;
    const char *author;
    const char *url;
    const char *canonical;
    const char **tags;
    size_t ntags;
    const char **related;     /* related headlines (a list, not articles) */
    size_t nrelated;
    const char *lang;
    const char *text;         /* the clean body, paragraphs separated by \n\n */
    const char *crawl_date;
    const char **warnings;
    size_t nwarnings;
} kb_article;

typedef struct kb_article_list {
    kb_article **v;
    size_t n, cap;
} kb_article_list;

kb_article *kb_article_new(void);                    /* NULL: out of memory */
void kb_article_free(kb_article *a);
int kb_article_warn(kb_article *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Set a->id from the normalised title and text. KB_OK or KB_ENOMEM. */
int kb_article_set_id(kb_article *a);
int kb_article_list_push(kb_article_list *l, kb_article *a);   /* KB_OK/KB_ENOMEM */
void kb_article_list_free(kb_article_list *l);                 /* frees articles */

/* The article as one line of compact JSON (keys in a fixed order, no
 * newline). malloc'd; NULL when out of memory. */
char *kb_article_json(const kb_article *a);

/* Extract the articles in a document: the main one first, then embedded
 * articles in order. Dispatches on doc->format. Appends to out. Returns KB_OK,
 * KB_EEMPTY when the document holds no article text, KB_ENOMEM. */
int kb_extract(const kb_doc *doc, kb_article_list *out);

/* kb_extract on docs[0..n) with up to nthreads threads (1: this thread
 * only): out[i] (zero-initialised by the caller) receives the articles of
 * docs[i] and rc[i] kb_extract's result for it. Results do not depend on
 * the number of threads. Returns KB_OK (a thread that cannot be started
 * leaves its share to the others). */
int kb_extract_many(kb_doc *const *docs, size_t n, kb_article_list *out, int *rc,
                    int nthreads);

#endif /* KHABAR_H */
