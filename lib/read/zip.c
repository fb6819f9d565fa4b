/* read/zip.c -- ZIP archives of records or pages (SaudiNewsNet ships one
 * YYYY-MM-DD.json array per zip). We parse the format ourselves: the end of
 * central directory record (ZIP64 too), the central directory for the entry
 * list (its sizes are right even when the local headers defer them to a
 * data descriptor), then each entry's local header for where its data
 * starts. Entries are stored or deflated (raw inflate with zlib), checked
 * against their CRC-32, and each is read like a file of its own (a JSON
 * array, JSONL, a page...) as "archive.zip:entry". A zip whose entries are
 * none of ours (a .docx, an .epub, a .jar) is rejected as binary. */
#include "read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

typedef struct zentry {
    char *name;
    uint64_t csize, usize, off;
    uint32_t crc;
    uint16_t flags, method;
} zentry;

typedef struct zip_p {
    kb_producer base;
    kb_open_ctx ctx;
    char *display;
    int fd;
    unsigned char *mem;
    uint64_t size;
    zentry *e;
    size_t n, i;
    kb_producer *child;
} zip_p;

static uint16_t rd16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t rd64(const unsigned char *p) { return rd32(p) | (uint64_t)rd32(p + 4) << 32; }

/* n bytes at off from the archive; KB_OK or KB_EFORMAT when not there. */
static int zread(const zip_p *z, uint64_t off, void *buf, size_t n, size_t *got)
{
    *got = 0;
    if (off >= z->size) return n ? KB_EFORMAT : KB_OK;
    if (n > z->size - off) n = (size_t)(z->size - off);
    if (z->mem) {
        memcpy(buf, z->mem + off, n);
        *got = n;
        return KB_OK;
    }
    while (*got < n) {
        ssize_t r = pread(z->fd, (char *)buf + *got, n - *got, (off_t)(off + *got));
        if (r < 0) return KB_EIO;
        if (r == 0) break;
        *got += (size_t)r;
    }
    return KB_OK;
}

static int zread_all(const zip_p *z, uint64_t off, void *buf, size_t n)
{
    size_t got;
    int rc = zread(z, off, buf, n, &got);
    return rc != KB_OK ? rc : got == n ? KB_OK : KB_EFORMAT;
}

/* ------------------------------------------------------------ entry source */

typedef struct entry_src {
    kb_src base;
    const zip_p *z;
    uint64_t off, left, produced, usize;
    uint32_t crc, want_crc;
    int method, zinit, finished;
    int pending;               /* an error to report on the next call */
    z_stream zs;
    unsigned char in[65536];
    size_t ipos, ilen;
} entry_src;

static int entry_finish(entry_src *s)
{
    s->finished = 1;
    if (s->produced != s->usize) {
        snprintf(s->base.msg, sizeof s->base.msg, "ZIP entry has %llu bytes, not the %llu its directory says",
                 (unsigned long long)s->produced, (unsigned long long)s->usize);
        return KB_EFORMAT;
    }
    if (s->crc != s->want_crc) {
        snprintf(s->base.msg, sizeof s->base.msg, "ZIP entry fails its CRC check (damaged)");
        return KB_EFORMAT;
    }
    return KB_OK;
}

static int entry_read(kb_src *src, unsigned char *buf, size_t n, size_t *got)
{
    entry_src *s = (entry_src *)src;
    *got = 0;
    if (s->pending) {
        int rc = s->pending;
        s->pending = 0;
        return rc;
    }
    if (s->finished) return KB_OK;
    if (n > UINT32_MAX) n = UINT32_MAX;
    if (s->method == 0) {
        if (s->left == 0) return entry_finish(s);
        size_t want = s->left < n ? (size_t)s->left : n, k;
        int rc = zread(s->z, s->off, buf, want, &k);
        if (rc == KB_OK && k == 0) rc = KB_EFORMAT;
        if (rc != KB_OK) {
            s->finished = 1;
            snprintf(src->msg, sizeof src->msg, "ZIP entry cut short");
            return rc;
        }
        s->off += k;
        s->left -= k;
        s->produced += k;
        s->crc = (uint32_t)crc32(s->crc, buf, (uInt)k);
        *got = k;
        return KB_OK;
    }
    while (*got == 0) {
        if (s->ipos == s->ilen && s->left > 0) {
            size_t want = s->left < sizeof s->in ? (size_t)s->left : sizeof s->in, k;
            int rc = zread(s->z, s->off, s->in, want, &k);
            if (rc != KB_OK || k == 0) {
                s->finished = 1;
                snprintf(src->msg, sizeof src->msg, "ZIP entry cut short");
                return rc != KB_OK ? rc : KB_EFORMAT;
            }
            s->off += k;
            s->left -= k;
            s->ipos = 0;
            s->ilen = k;
        }
        s->zs.next_in = s->in + s->ipos;
        s->zs.avail_in = (uInt)(s->ilen - s->ipos);
        s->zs.next_out = buf;
        s->zs.avail_out = (uInt)n;
        int zr = inflate(&s->zs, Z_NO_FLUSH);
        s->ipos = (size_t)(s->zs.next_in - s->in);
        size_t k = (size_t)(s->zs.next_out - buf);
        s->crc = (uint32_t)crc32(s->crc, buf, (uInt)k);
        s->produced += k;
        *got = k;
        if (zr == Z_STREAM_END) {
            int rc = entry_finish(s);
            if (rc != KB_OK && k == 0) return rc;
            s->pending = rc;     /* the bytes first, the error on the next call */
            return KB_OK;
        }
        if (zr == Z_MEM_ERROR) return KB_ENOMEM;
        if (zr != Z_OK && zr != Z_BUF_ERROR) {
            s->finished = 1;
            snprintf(src->msg, sizeof src->msg, "damaged ZIP entry (%s)", s->zs.msg ? s->zs.msg : "bad data");
            if (!k) return KB_EFORMAT;
            s->pending = KB_EFORMAT;
            return KB_OK;
        }
        if (k == 0 && s->ipos == s->ilen && s->left == 0) {
            s->finished = 1;
            snprintf(src->msg, sizeof src->msg, "ZIP entry cut short");
            return KB_EFORMAT;
        }
    }
    return KB_OK;
}

static void entry_close(kb_src *src)
{
    entry_src *s = (entry_src *)src;
    if (s->zinit) inflateEnd(&s->zs);
    free(s);
}

static kb_src *entry_src_new(const zip_p *z, const zentry *e, uint64_t data_off)
{
    entry_src *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->base.read = entry_read;
    s->base.close = entry_close;
    s->base.fd = -1;
    s->z = z;
    s->off = data_off;
    s->left = e->csize;
    s->usize = e->usize;
    s->want_crc = e->crc;
    s->method = e->method;
    s->crc = (uint32_t)crc32(0, NULL, 0);
    if (e->method == 8) {
        if (inflateInit2(&s->zs, -MAX_WBITS) != Z_OK) {
            free(s);
            return NULL;
        }
        s->zinit = 1;
    }
    return &s->base;
}

/* ------------------------------------------------------------ directory */

static int readable_name(const char *name)
{
    static const char *const exts[] = { ".json", ".jsonl", ".ndjson", ".txt", ".text", ".html",
                                        ".htm", ".xhtml", ".warc", ".json.gz", ".jsonl.gz",
                                        ".ndjson.gz", ".txt.gz", ".html.gz", ".htm.gz",
                                        ".warc.gz", NULL };
    for (size_t i = 0; exts[i]; i++)
        if (kb_has_ext(name, exts[i])) return 1;
    return 0;
}

static int skipped_name(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || name[n - 1] == '/') return 1;            /* a directory */
    if (!strncmp(name, "__MACOSX/", 9)) return 1;
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    return base[0] == '.';
}

/* Parse the central directory. KB_OK, KB_EFORMAT with why, KB_ENOMEM. */
static int read_directory(zip_p *z, char *why, size_t cap)
{
    unsigned char tail[65557];
    size_t tl = z->size < sizeof tail ? (size_t)z->size : sizeof tail;
    if (tl < 22 || zread_all(z, z->size - tl, tail, tl) != KB_OK) {
        snprintf(why, cap, "too short to be a ZIP archive");
        return KB_EFORMAT;
    }
    size_t at = SIZE_MAX;
    for (size_t i = tl - 22 + 1; i-- > 0;)
        if (rd32(tail + i) == 0x06054b50) { at = i; break; }
    if (at == SIZE_MAX) {
        snprintf(why, cap, "no central directory (truncated ZIP archive?)");
        return KB_EFORMAT;
    }
    uint64_t count = rd16(tail + at + 10), cd_size = rd32(tail + at + 12), cd_off = rd32(tail + at + 16);
    if ((count == 0xFFFF || cd_size == 0xFFFFFFFFu || cd_off == 0xFFFFFFFFu) && at >= 20 &&
        rd32(tail + at - 20) == 0x07064b50) {
        unsigned char r[56];
        uint64_t off64 = rd64(tail + at - 20 + 8);
        if (zread_all(z, off64, r, sizeof r) != KB_OK || rd32(r) != 0x06064b50) {
            snprintf(why, cap, "damaged ZIP64 directory");
            return KB_EFORMAT;
        }
        count = rd64(r + 32);
        cd_size = rd64(r + 40);
        cd_off = rd64(r + 48);
    }
    if (cd_off > z->size || cd_size > z->size - cd_off || count > cd_size / 46) {
        snprintf(why, cap, "damaged central directory");
        return KB_EFORMAT;
    }
    if (cd_size > KB_CONTAINER_CAP) {
        snprintf(why, cap, "central directory too large");
        return KB_EFORMAT;
    }
    unsigned char *cd = malloc(cd_size ? (size_t)cd_size : 1);
    if (!cd) return KB_ENOMEM;
    if (zread_all(z, cd_off, cd, (size_t)cd_size) != KB_OK) {
        free(cd);
        snprintf(why, cap, "cannot read the central directory");
        return KB_EFORMAT;
    }
    z->e = calloc(count ? (size_t)count : 1, sizeof *z->e);
    if (!z->e) { free(cd); return KB_ENOMEM; }
    size_t p = 0;
    int rc = KB_OK;
    for (uint64_t k = 0; k < count; k++) {
        if (p + 46 > cd_size || rd32(cd + p) != 0x02014b50) {
            snprintf(why, cap, "damaged central directory entry %llu", (unsigned long long)k + 1);
            rc = KB_EFORMAT;
            break;
        }
        zentry *e = &z->e[z->n];
        size_t nl = rd16(cd + p + 28), xl = rd16(cd + p + 30), cl = rd16(cd + p + 32);
        if (p + 46 + nl + xl + cl > cd_size) {
            snprintf(why, cap, "damaged central directory entry %llu", (unsigned long long)k + 1);
            rc = KB_EFORMAT;
            break;
        }
        e->flags = rd16(cd + p + 8);
        e->method = rd16(cd + p + 10);
        e->crc = rd32(cd + p + 16);
        e->csize = rd32(cd + p + 20);
        e->usize = rd32(cd + p + 24);
        e->off = rd32(cd + p + 42);
        const unsigned char *x = cd + p + 46 + nl, *xe = x + xl;
        while (x + 4 <= xe) {                   /* ZIP64 extended sizes */
            uint16_t id = rd16(x), sz = rd16(x + 2);
            const unsigned char *v = x + 4, *ve = v + sz;
            if (ve > xe) break;
            if (id == 0x0001) {
                if (e->usize == 0xFFFFFFFFu && v + 8 <= ve) { e->usize = rd64(v); v += 8; }
                if (e->csize == 0xFFFFFFFFu && v + 8 <= ve) { e->csize = rd64(v); v += 8; }
                if (e->off == 0xFFFFFFFFu && v + 8 <= ve) e->off = rd64(v);
            }
            x = ve;
        }
        if (!(e->name = malloc(nl + 1))) { rc = KB_ENOMEM; break; }
        memcpy(e->name, cd + p + 46, nl);
        e->name[nl] = '\0';
        for (size_t c = 0; c < nl; c++)
            if (e->name[c] == '\0') e->name[c] = '?';
        z->n++;
        p += 46 + nl + xl + cl;
    }
    free(cd);
    return rc;
}

/* ------------------------------------------------------------ producer */

static int zip_next(kb_producer *pp, kb_read_item *item)
{
    zip_p *z = (zip_p *)pp;
    for (;;) {
        if (z->child) {
            int rc = z->child->next(z->child, item);
            if (rc != 0) return rc;
            z->child->free(z->child);
            z->child = NULL;
        }
        if (z->i == z->n) return 0;
        const zentry *e = &z->e[z->i++];
        if (skipped_name(e->name) || !readable_name(e->name)) continue;
        size_t dl = strlen(z->display) + strlen(e->name) + 2;
        char *display = malloc(dl);
        if (!display) return KB_ENOMEM;
        snprintf(display, dl, "%s:%s", z->display, e->name);
        unsigned char lh[30];
        int rc = 1;
        if (e->flags & 1) {
            kb_item_reject(item, display, KB_EFORMAT, "encrypted ZIP entry, skipped");
        } else if (e->method != 0 && e->method != 8) {
            kb_item_reject(item, display, KB_EFORMAT,
                           "ZIP entry compressed with method %u, which is not supported, skipped",
                           e->method);
        } else if (zread_all(z, e->off, lh, sizeof lh) != KB_OK || rd32(lh) != 0x04034b50) {
            kb_item_reject(item, display, KB_EFORMAT, "damaged ZIP entry (bad local header), skipped");
        } else {
            uint64_t data = e->off + 30 + rd16(lh + 26) + rd16(lh + 28);
            if (data > z->size || e->csize > z->size - data) {
                kb_item_reject(item, display, KB_EFORMAT, "ZIP entry cut short, skipped");
            } else {
                kb_src *s = entry_src_new(z, e, data);
                if (!s) { free(display); return KB_ENOMEM; }
                kb_open_ctx sub = z->ctx;
                sub.depth++;
                rc = kb_open_input(&sub, display, e->name, s,
                                   e->usize <= INT64_MAX ? (int64_t)e->usize : -1, item, &z->child);
            }
        }
        free(display);
        if (rc != 0) return rc;
    }
}

static void zip_free(kb_producer *pp)
{
    zip_p *z = (zip_p *)pp;
    if (z->child) z->child->free(z->child);
    for (size_t i = 0; i < z->n; i++) free(z->e[i].name);
    free(z->e);
    if (z->fd >= 0) close(z->fd);
    free(z->mem);
    free(z->display);
    free(z);
}

int kb_zip_open(const kb_open_ctx *ctx, const char *display, int fd,
                unsigned char *mem, uint64_t size, kb_read_item *item,
                kb_producer **prod)
{
    *prod = NULL;
    zip_p *z = calloc(1, sizeof *z);
    if (z) z->display = strdup(display);
    if (!z || !z->display) {
        free(z);
        if (fd >= 0) close(fd);
        free(mem);
        return KB_ENOMEM;
    }
    z->base.next = zip_next;
    z->base.free = zip_free;
    z->ctx = *ctx;
    z->fd = fd;
    z->mem = mem;
    z->size = size;
    char why[160];
    int rc = read_directory(z, why, sizeof why);
    if (rc == KB_ENOMEM) {
        zip_free(&z->base);
        return KB_ENOMEM;
    }
    if (rc != KB_OK) {
        kb_item_reject(item, display, KB_EFORMAT, "damaged ZIP archive: %s, skipped", why);
        zip_free(&z->base);
        return 1;
    }
    size_t ours = 0;
    int package = 0;
    for (size_t i = 0; i < z->n; i++) {
        if (!strcmp(z->e[i].name, "mimetype") || !strcmp(z->e[i].name, "[Content_Types].xml") ||
            !strcmp(z->e[i].name, "META-INF/MANIFEST.MF"))
            package = 1;   /* EPUB, OpenDocument, Office Open XML, JAR */
        if (!skipped_name(z->e[i].name) && readable_name(z->e[i].name)) ours++;
    }
    if (package || ours == 0) {
        kb_item_reject(item, display, KB_EBINARY,
                       "binary file (looks like %s), skipped",
                       package ? "a document package (ZIP: EPUB, Office, JAR)"
                               : "ZIP archive with no .json, .jsonl, .txt, .html or .warc entries");
        zip_free(&z->base);
        return 1;
    }
    *prod = &z->base;
    return 0;
}
