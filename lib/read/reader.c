/* read/reader.c -- kb_reader: the queue of paths given, the walk through
 * directories, and the producer of the container being read.
 *
 * The walk is depth-first with each directory's entries in byte-wise name
 * order (deterministic output), names only: one directory's list of names
 * is held at a time per level, never file contents. Hidden entries (a
 * leading dot) are skipped, and so are README/LICENSE/COPYING files, which
 * describe a folder of pages rather than being one; a path given by name is
 * always read. Symbolic links are followed, except into a directory that is
 * already being walked (a loop). */
#include "read.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct frame {
    char *path;
    char **names;
    size_t n, i;
    dev_t dev;
    ino_t ino;
} frame;

struct kb_reader {
    kb_open_ctx ctx;
    char **queue;
    size_t nq, qcap, qi;
    frame *stack;
    size_t depth, scap;
    kb_producer *cur;
};

kb_reader *kb_reader_new(const kb_read_opts *opts)
{
    kb_reader *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->ctx.max_doc = opts && opts->max_doc_bytes ? opts->max_doc_bytes : KB_DEFAULT_MAX_DOC;
    return r;
}

int kb_reader_add(kb_reader *r, const char *path)
{
    if (!r || !path) return KB_EINVAL;
    if (r->nq == r->qcap) {
        size_t cap = r->qcap ? r->qcap * 2 : 8;
        char **q = realloc(r->queue, cap * sizeof *q);
        if (!q) return KB_ENOMEM;
        r->queue = q;
        r->qcap = cap;
    }
    char *copy = strdup(path);
    if (!copy) return KB_ENOMEM;
    r->queue[r->nq++] = copy;
    return KB_OK;
}

static void frame_free(frame *f)
{
    for (size_t i = 0; i < f->n; i++) free(f->names[i]);
    free(f->names);
    free(f->path);
}

void kb_reader_free(kb_reader *r)
{
    if (!r) return;
    if (r->cur) r->cur->free(r->cur);
    while (r->depth) frame_free(&r->stack[--r->depth]);
    free(r->stack);
    for (size_t i = 0; i < r->nq; i++) free(r->queue[i]);
    free(r->queue);
    free(r);
}

static void errno_text(int e, char *out, size_t cap)
{
    if (strerror_r(e, out, cap) != 0) snprintf(out, cap, "error %d", e);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Entries a walk passes over: hidden ones and a folder's own notes. */
static int skip_entry(const char *name)
{
    return name[0] == '.' || !strncasecmp(name, "README", 6) ||
           !strncasecmp(name, "LICENSE", 7) || !strncasecmp(name, "COPYING", 7);
}

/* Push a directory. 1: item filled (a rejection); 0: pushed or skipped. */
static int push_dir(kb_reader *r, const char *path, const struct stat *st, kb_read_item *item)
{
    for (size_t i = 0; i < r->depth; i++)
        if (r->stack[i].dev == st->st_dev && r->stack[i].ino == st->st_ino) return 0;  /* loop */
    DIR *d = opendir(path);
    if (!d) {
        char e[128];
        errno_text(errno, e, sizeof e);
        kb_item_reject(item, path, KB_EIO, "cannot read directory: %s", e);
        return 1;
    }
    frame f = { 0 };
    size_t cap = 0;
    f.dev = st->st_dev;
    f.ino = st->st_ino;
    f.path = strdup(path);
    if (!f.path) goto nomem;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (skip_entry(de->d_name)) continue;
        if (f.n == cap) {
            cap = cap ? cap * 2 : 32;
            char **v = realloc(f.names, cap * sizeof *v);
            if (!v) goto nomem;
            f.names = v;
        }
        if (!(f.names[f.n] = strdup(de->d_name))) goto nomem;
        f.n++;
    }
    closedir(d);
    d = NULL;
    if (f.n > 1) qsort(f.names, f.n, sizeof *f.names, cmp_names);
    if (r->depth == r->scap) {
        size_t c = r->scap ? r->scap * 2 : 8;
        frame *s = realloc(r->stack, c * sizeof *s);
        if (!s) goto nomem;
        r->stack = s;
        r->scap = c;
    }
    r->stack[r->depth++] = f;
    return 0;
nomem:
    if (d) closedir(d);
    frame_free(&f);
    return KB_ENOMEM;
}

/* Open one path. 1: item filled; 0: nothing to hand out yet (a directory
 * pushed, a producer started, an entry skipped); KB_ENOMEM. */
static int open_path(kb_reader *r, const char *path, int given, kb_read_item *item)
{
    struct stat st;
    kb_src *src;
    if (given && strcmp(path, "-") == 0) {
        int64_t size = fstat(0, &st) == 0 && S_ISREG(st.st_mode) ? (int64_t)st.st_size : -1;
        if (!(src = kb_src_fd(0, 0))) return KB_ENOMEM;
        return kb_open_input(&r->ctx, "-", "-", src, size, item, &r->cur);
    }
    char e[128];
    if (stat(path, &st) != 0) {
        int err = errno;
        struct stat lst;
        if (err == ENOENT && lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode)) {
            kb_item_reject(item, path, KB_ENOTFOUND, "broken symbolic link, skipped");
            return 1;
        }
        errno_text(err, e, sizeof e);
        kb_item_reject(item, path, err == ENOENT || err == ENOTDIR ? KB_ENOTFOUND : KB_EIO,
                       "cannot open: %s", e);
        return 1;
    }
    if (S_ISDIR(st.st_mode)) return push_dir(r, path, &st, item);
    if (!S_ISREG(st.st_mode) && !(given && (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))))
        return 0;   /* sockets, devices met in a walk */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        errno_text(errno, e, sizeof e);
        kb_item_reject(item, path, errno == ENOENT ? KB_ENOTFOUND : KB_EIO, "cannot open: %s", e);
        return 1;
    }
    if (!(src = kb_src_fd(fd, 1))) return KB_ENOMEM;
    return kb_open_input(&r->ctx, path, path, src,
                         S_ISREG(st.st_mode) ? (int64_t)st.st_size : -1, item, &r->cur);
}

int kb_reader_next(kb_reader *r, kb_read_item *item)
{
    memset(item, 0, sizeof *item);
    for (;;) {
        int rc;
        if (r->cur) {
            rc = r->cur->next(r->cur, item);
            if (rc < 0) return rc;
            if (rc == 1) return KB_OK;
            r->cur->free(r->cur);
            r->cur = NULL;
            continue;
        }
        if (r->depth) {
            frame *f = &r->stack[r->depth - 1];
            if (f->i == f->n) {
                frame_free(f);
                r->depth--;
                continue;
            }
            const char *name = f->names[f->i++];
            size_t pl = strlen(f->path);
            char *path = malloc(pl + strlen(name) + 2);
            if (!path) return KB_ENOMEM;
            sprintf(path, "%s%s%s", f->path, pl && f->path[pl - 1] == '/' ? "" : "/", name);
            rc = open_path(r, path, 0, item);
            free(path);
        } else if (r->qi < r->nq) {
            rc = open_path(r, r->queue[r->qi++], 1, item);
        } else {
            item->kind = KB_READ_END;
            return KB_OK;
        }
        if (rc < 0) return rc;
        if (rc == 1) return KB_OK;
    }
}

int kb_reader_batch(kb_reader *r, kb_doc **docs, size_t max, size_t max_bytes,
                    void (*on_reject)(const kb_read_item *item, void *ud), void *ud,
                    size_t *n, int *end)
{
    size_t k = 0, bytes = 0;
    int rc = KB_OK;
    *end = 0;
    while (k < max && bytes < max_bytes) {
        kb_read_item item;
        if ((rc = kb_reader_next(r, &item)) != KB_OK || item.kind == KB_READ_END) {
            *end = 1;
            break;
        }
        if (item.kind == KB_READ_REJECT) {
            if (on_reject) on_reject(&item, ud);
            continue;
        }
        docs[k++] = item.doc;
        bytes += item.doc->len;
    }
    *n = k;
    return rc;
}
