/* common/arena.c -- bump allocator: the owner of every string in a kb_doc or
 * kb_article, so that one kb_arena_free releases a whole record.
 *
 * Blocks are chained newest first; an allocation larger than the default
 * block size gets a block of its own. */
#include "khabar.h"

#include <stdlib.h>
#include <string.h>

#define KB_ARENA_BLOCK 4096u
#define KB_ARENA_ALIGN 16u

struct kb_arena_block {
    kb_arena_block *next;
    size_t used, cap;
    _Alignas(16) unsigned char data[];
};

void *kb_arena_alloc(kb_arena *a, size_t size)
{
    size = (size + KB_ARENA_ALIGN - 1) & ~(size_t)(KB_ARENA_ALIGN - 1);
    if (size == 0) size = KB_ARENA_ALIGN;
    kb_arena_block *b = a->head;
    if (!b || b->cap - b->used < size) {
        size_t cap = size > KB_ARENA_BLOCK ? size : KB_ARENA_BLOCK;
        if (cap > SIZE_MAX - sizeof *b) return NULL;
        kb_arena_block *nb = malloc(sizeof *nb + cap);
        if (!nb) return NULL;
        nb->used = 0;
        nb->cap = cap;
        /* A big one-off block goes behind the current one so that the
         * current block's free space is not wasted. */
        if (b && size > KB_ARENA_BLOCK) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += size;
    a->total += size;
    return p;
}

char *kb_arena_strndup(kb_arena *a, const char *s, size_t len)
{
    if (len == SIZE_MAX) return NULL;
    char *p = kb_arena_alloc(a, len + 1);
    if (!p) return NULL;
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *kb_arena_strdup(kb_arena *a, const char *s)
{
    return s ? kb_arena_strndup(a, s, strlen(s)) : NULL;
}

void kb_arena_free(kb_arena *a)
{
    kb_arena_block *b = a->head;
    while (b) {
        kb_arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->total = 0;
}
