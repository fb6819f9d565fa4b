/* read/read.h -- internal interface of the read stage: byte sources (files,
 * memory, gzip, zip entries), the buffered reader on top of them, charset
 * decoding, sniffing, and the producers that turn one input (a page, a JSONL
 * file, a JSON array, a ZIP, a WARC) into kb_read_items. Not public API.
 *
 * Layering:
 *
 *   kb_src      raw bytes (fd, memory, gzip over a src, zip entry)
 *   kb_rbuf     buffering + lookahead over a src (owned)
 *   kb_open_*   sniff the first bytes and pick a producer, or make a doc
 *   kb_producer hands out items one at a time (JSONL, JSON, ZIP, WARC)
 */
#ifndef KB_READ_H
#define KB_READ_H

#include "khabar.h"

#include <stdint.h>

/* Containers (ZIPs read into memory, one JSON element, one WARC block) are
 * capped separately from the per-document limit. */
#define KB_CONTAINER_CAP ((uint64_t)512 << 20)
/* How much of an input is looked at to decide what it is. */
#define KB_SNIFF_BYTES ((size_t)65536)
/* Nested containers (gzip in zip in ...) deeper than this are refused. */
#define KB_MAX_NEST 3

/* ---------------------------------------------------------------- sources */

typedef struct kb_src kb_src;
struct kb_src {
    /* Read up to n (> 0) bytes into buf; *got = 0 means the end. Returns
     * KB_OK, KB_ENOMEM, or KB_EIO / KB_EFORMAT with msg set. A gzip source
     * that hit a corrupt member returns KB_EFORMAT once and, on the next call,
     * goes on with the next member it can find. */
    int (*read)(kb_src *s, unsigned char *buf, size_t n, size_t *got);
    /* Free s and whatever it owns. */
    void (*close)(kb_src *s);
    int fd;            /* the file descriptor for a plain fd source, else -1 */
    char msg[200];
};

/* A source reading fd; closes it at the end when own. NULL: out of memory
 * (fd is then closed when own). */
kb_src *kb_src_fd(int fd, int own);
/* A source over len bytes at p, which it borrows (or frees at close when
 * own). NULL: out of memory (p is then freed when own). */
kb_src *kb_src_mem(const unsigned char *p, size_t len, int own);
/* Gzip decompression of inner (one or many members), which it owns. Corrupt
 * or truncated members are reported once (KB_EFORMAT) and skipped by looking
 * for the next member header. NULL: out of memory (inner is closed). */
kb_src *kb_src_gzip(kb_src *inner);
void kb_src_close(kb_src *s);

/* ---------------------------------------------------------------- rbuf */

/* Buffered reading with lookahead. An error from the source is kept in err /
 * msg and shows up once the bytes before it are consumed: readers check err
 * when they get fewer bytes than they asked for, then clear it to go on. */
typedef struct kb_rbuf {
    kb_src *src;               /* owned */
    unsigned char *buf;
    size_t pos, len, cap;
    int eof;                   /* the source said end */
    int err;                   /* pending KB_E* from the source, or 0 */
    char msg[200];
    uint64_t consumed;         /* bytes handed out so far */
} kb_rbuf;

/* A reader owning src. NULL: out of memory (src is closed). */
kb_rbuf *kb_rbuf_new(kb_src *src);
void kb_rbuf_free(kb_rbuf *b);
/* Try to have n bytes buffered at b->buf + b->pos; returns how many are
 * (fewer at the end or on an error). KB_ENOMEM is reported in err. */
size_t kb_rbuf_peek(kb_rbuf *b, size_t n);
/* Copy up to n bytes out (buf may be NULL to skip them); returns the count. */
size_t kb_rbuf_read(kb_rbuf *b, unsigned char *buf, size_t n);
/* Read one line (without its \n; a \r before it is kept) into line, storing
 * at most max bytes (*overflow set when more were skipped). Returns 1 for a
 * line, 0 at the end (or on an error: see err). line is reset first. */
int kb_rbuf_line(kb_rbuf *b, kb_buf *line, size_t max, int *overflow);
/* A source that reads through b (which it owns): lets a gzip layer start
 * with the bytes already peeked. NULL: out of memory (b is freed). */
kb_src *kb_src_rbuf(kb_rbuf *b);

/* ---------------------------------------------------------------- charset */

typedef struct kb_decoded {
    char *data;                /* UTF-8, NUL-terminated, in the arena given */
    size_t len;
    char charset[48];          /* what the bytes were taken to be */
    size_t repaired;           /* bytes that became U+FFFD */
    size_t nuls;               /* NUL characters dropped */
} kb_decoded;

/* Decode p[0..len) to UTF-8: BOMs (UTF-8, UTF-16, UTF-32), UTF-8 (repaired
 * when mostly valid), the hint (an HTTP charset; may be NULL; a <meta
 * charset> in the first bytes is used when no hint is given), Arabic 8-bit
 * charsets checked by letter statistics, then uchardet. The text is put in
 * a (valid UTF-8 is copied there once, as it is). KB_OK or KB_ENOMEM. */
int kb_decode_text(const unsigned char *p, size_t len, const char *hint, kb_arena *a,
                   kb_decoded *out);
/* The charset named by a <meta charset> or http-equiv Content-Type in the
 * first 2 KB of an HTML page, lower-cased into out; 0 when none. */
int kb_sniff_meta_charset(const unsigned char *p, size_t len, char *out, size_t cap);
/* The charset parameter of a Content-Type value, lower-cased; 0 when none. */
int kb_content_type_charset(const char *ct, char *out, size_t cap);

/* ---------------------------------------------------------------- sniff */

/* The name of a binary format recognised by its magic number ("PNG image"),
 * or NULL. */
const char *kb_sniff_magic(const unsigned char *p, size_t len);
/* 1 when p[0..len) is not text (magic number, NUL bytes, control bytes), with
 * the reason written to why ("looks like PNG image"). */
int kb_sniff_binary(const unsigned char *p, size_t len, char *why, size_t cap);
/* HTML or TEXT, from the name's extension then the content (UTF-8). */
kb_doc_format kb_sniff_format(const char *name, const char *s, size_t len);
/* 1 when the content starts like an HTML page (doctype, <html, <head). */
int kb_sniff_html_start(const char *s, size_t len);
/* Case-insensitive "name ends with ext". */
int kb_has_ext(const char *name, const char *ext);
/* 1 when s[0..len) is empty or only white space (Unicode spaces too). */
int kb_is_blank(const char *s, size_t len);

/* ---------------------------------------------------------------- docs */

typedef struct kb_open_ctx {
    size_t max_doc;            /* resolved per-document limit */
    int depth;                 /* container nesting */
} kb_open_ctx;

/* Make a doc from the raw bytes of one document: binary check, decoding,
 * blank check, format (forced when format != 0, else sniffed with name).
 * input/part become doc->input/part. warning (may be NULL) is added to the
 * doc. Returns KB_OK with *out, or KB_EBINARY / KB_EEMPTY / KB_ENOMEM with a
 * message for a person in msg. Does not check the size. */
int kb_doc_from_bytes(const char *input, int part, const char *name,
                      kb_doc_format format, const char *hint,
                      const unsigned char *p, size_t len, const char *warning,
                      kb_doc **out, char *msg, size_t msgcap);
/* Warn on doc about the bytes decoding repaired or replaced (d->repaired),
 * if any. KB_OK or KB_ENOMEM. */
int kb_doc_warn_repaired(kb_doc *doc, const kb_decoded *d);
/* Set item to a rejection of input. */
void kb_item_reject(kb_read_item *item, const char *input, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Set item to hand out doc (which the caller of kb_reader_next then owns). */
void kb_item_doc(kb_read_item *item, kb_doc *doc);
/* "12.5 MiB" / "900 bytes" */
void kb_fmt_size(uint64_t n, char *out, size_t cap);
/* *out = an ISO 8601 form of the date written in s, in the arena: s parsed
 * as ISO first, else the first date found in it as text; NULL when none.
 * KB_OK or KB_ENOMEM. */
int kb_read_date(kb_arena *a, const char *s, size_t len, const char **out);

/* ---------------------------------------------------------------- producers */

typedef struct kb_producer kb_producer;
struct kb_producer {
    /* 1: item filled; 0: nothing more; KB_ENOMEM. */
    int (*next)(kb_producer *p, kb_read_item *item);
    void (*free)(kb_producer *p);
};

/* Look at what src holds (which it takes over) and either fill item with a
 * doc or a rejection (returns 1) or set *prod to a producer for a container
 * (returns 0). known_size is the raw size when known (a regular file), else
 * -1; name is for the extension; display is what items call it. Returns
 * KB_ENOMEM on allocation failure. */
int kb_open_input(const kb_open_ctx *ctx, const char *display, const char *name,
                  kb_src *src, int64_t known_size, kb_read_item *item,
                  kb_producer **prod);

/* Producers over a buffered input (they own rb). NULL: out of memory. */
kb_producer *kb_jsonl_new(const kb_open_ctx *ctx, const char *display, kb_rbuf *rb);
kb_producer *kb_json_new(const kb_open_ctx *ctx, const char *display, kb_rbuf *rb);
kb_producer *kb_warc_new(const kb_open_ctx *ctx, const char *display, kb_rbuf *rb);
/* A ZIP read with pread from fd (owned, closed at the end) or from memory
 * (mem owned, freed at the end; fd = -1). Returns 1 with item filled when the
 * archive is unusable (not ours, corrupt), 0 with *prod set, or KB_ENOMEM. */
int kb_zip_open(const kb_open_ctx *ctx, const char *display, int fd,
                unsigned char *mem, uint64_t size, kb_read_item *item,
                kb_producer **prod);

/* The longest JSON text of one record (a JSONL line, an array element) that
 * is read: room for a body of max_doc bytes written with escapes, and the
 * other fields; at most KB_CONTAINER_CAP. */
size_t kb_record_cap(size_t max_doc);
/* One JSON object (a crawler record) -> doc; see record.c for the fields.
 * KB_OK with *out, or KB_EEMPTY / KB_ETOOBIG / KB_EFORMAT / KB_ENOMEM with
 * msg. */
struct json_t;
int kb_doc_from_json(const struct json_t *obj, const char *input, int part,
                     size_t max_doc, kb_doc **out, char *msg, size_t msgcap);
/* Parse one JSON text (a line, an array element) into a doc: UTF-8 checked
 * (decoded when it is not), parsed, mapped. Same returns as above. */
int kb_doc_from_json_text(const char *text, size_t len, const char *input, int part,
                          size_t max_doc, kb_doc **out, char *msg, size_t msgcap);
/* The reader's item for one JSON text (a JSONL line, an array element):
 * a doc, or a rejection with its message. 1 (an item is set), or KB_ENOMEM. */
int kb_item_from_json_text(kb_read_item *item, const char *text, size_t len, const char *input,
                           int part, size_t max_doc);

#endif
