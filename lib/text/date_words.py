#!/usr/bin/env python3
# lib/text/date_words.py -- writes lib/text/date_words.h, the hash table of the
# words that can open a date (kb_date_scan) or one of the patterns of the
# time expression tagger (try_at in lib/story/timex.c), read out of the word
# tables of lib/text/date_names.c, lib/story/timex_words.c and the
# first-token tests of the patterns in lib/story/timex.c. The scanners ask
# the table before trying a pattern at a word, so a word missing here is a
# word that never opens it: run this after changing those tables or tests
# (`python3 lib/text/date_words.py`; `--check` only compares,
# bench/diff-timex.sh runs it). Words are in the folded form of kb_dlex;
# the class bits are the KB_DW_* of lib/text/date.h.
#
# What is read, and why it is enough (a class may hold more words than
# needed; never fewer):
#   DATE     kb_date_parse_at opens only at a number, a weekday name (D(...)
#            in date_names.c), the first word of a month name (M1/M2), a day
#            ordinal (kb_dword(t, ...) in kb_dname_ordinal and its UNITS) or "ال".
#   TX_*     one class a pattern function of timex.c (PATTERNS below): every
#            word the function tests its token t with (kb_dword(t|&t, "..."),
#            in_list(&t, LIST), kb_tx_word(t|&t, LIST or a literal list)),
#            and what the function reads through other functions: the DATE
#            words (p_date), month names (p_month), number and unit words
#            N(...) U(...) of timex_words.c and "ال" (counts: p_period,
#            dur_core). The tagger also looks each word up behind its
#            proclitics (start_class in timex.c). Numbers are classed there.
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
OUT = os.path.join(ROOT, 'lib', 'text', 'date_words.h')
BITS = 12


def src(path):
    with open(os.path.join(ROOT, path), encoding='utf-8') as f:
        return f.read()


def strings(text):
    return re.findall(r'"((?:[^"\\]|\\.)*)"', text)


def arrays(text):
    """name -> the string literals of `name[] = { ... };`"""
    out = {}
    for m in re.finditer(r'(\w+)\[\]\s*=\s*\{(.*?)\};', text, re.S):
        out[m.group(1)] = strings(m.group(2))
    return out


def macro_first(text, name):
    return [m.group(1) for m in re.finditer(r'\b%s\("([^"]+)"' % name, text)]


def need(words, what):
    if not words:
        sys.exit('date_words.py: found no %s: did the source change shape?' % what)
    return words


def function_body(text, name):
    m = re.search(r'\n[^\n]*\b%s\([^;{]*\)\s*\{' % name, text)
    if not m:
        sys.exit('date_words.py: no function %s' % name)
    depth, i = 0, m.end() - 1
    for j in range(i, len(text)):
        if text[j] == '{':
            depth += 1
        elif text[j] == '}':
            depth -= 1
            if depth == 0:
                return text[i:j]
    sys.exit('date_words.py: unbalanced %s' % name)


# pattern function of timex.c -> its class in date.h
PATTERNS = [
    ('p_relday', 'TX_RELDAY'), ('p_mod', 'TX_MOD'), ('p_date', 'TX_DATE'),
    ('p_year', 'TX_YEAR'), ('p_weekday', 'TX_WEEKDAY'), ('p_period_noun', 'TX_PNOUN'),
    ('p_month', 'TX_MONTH'), ('p_ago', 'TX_AGO'), ('p_period', 'TX_PERIOD'),
    ('dur_core', 'TX_DURATION'), ('p_ref', 'TX_REF'), ('p_set', 'TX_SET'),
    ('p_decade', 'TX_DECADE'),
]


def class_bits():
    bits = {m.group(1): 1 << int(m.group(2))
            for m in re.finditer(r'KB_DW_(\w+) = 1 << (\d+)', src('lib/text/date.h'))}
    for name in ['DATE'] + [c for _, c in PATTERNS]:
        if name not in bits:
            sys.exit('date_words.py: no KB_DW_%s in lib/text/date.h' % name)
    return bits


def collect():
    names = src('lib/text/date_names.c')
    words_c = src('lib/story/timex_words.c')
    timex = src('lib/story/timex.c')
    months = set(need(macro_first(names, 'M1') + macro_first(names, 'M2'), 'month names'))
    date = set(months)
    date |= set(need(macro_first(names, 'D'), 'weekday names'))
    ordinal = function_body(names, 'kb_dname_ordinal')
    date |= set(need(re.findall(r'kb_dword\(t, "([^"]+)"\)', ordinal), 'ordinals'))
    date |= set(need(arrays(names).get('UNITS', []), 'ordinal UNITS'))
    date.add('ال')
    counts = set(need(macro_first(words_c, 'N'), 'number words'))
    counts |= set(need(macro_first(words_c, 'U'), 'unit words'))
    counts.add('ال')   # "الـ12"

    lists = arrays(words_c)
    lists.update(arrays(timex))
    bits = class_bits()
    table = {}

    def add(words, bit):
        for w in words:
            table[w] = table.get(w, 0) | bit

    add(date, bits['DATE'])
    tok = r'&?t0?'
    for fn, cls in PATTERNS:
        body = function_body(timex, fn)
        words = set(re.findall(r'kb_dword\(%s, "([^"]+)"\)' % tok, body))
        for m in re.finditer(r'(?:in_list|kb_tx_word)\(%s, (\w+)' % tok, body):
            if m.group(1) not in lists:
                sys.exit('date_words.py: no word list %s' % m.group(1))
            words |= set(lists[m.group(1)])
        for m in re.finditer(r'kb_tx_word\(%s, \(const char \*const\[\]\)\{([^}]*)\}' % tok,
                             body):
            words |= set(strings(m.group(1)))
        if fn == 'p_date':
            words |= date
        if fn == 'p_month':
            words |= months
        if fn in ('p_period', 'dur_core'):
            words |= counts
        add(need(words, 'opening words of %s' % fn), bits[cls])
    return table


M64 = (1 << 64) - 1


def mix(h, c):
    h = ((h ^ c) * 0xFF51AFD7ED558CCD) & M64
    return h ^ (h >> 32)


def word_hash(b):
    """word_hash in date_lex.c: little-endian 8-byte words from the start, the
    last one ending at the end; below 8 bytes two 4-byte words that may
    overlap, or three single bytes."""
    n = len(b)
    h = (n * 0x9E3779B97F4A7C15) & M64
    le = lambda x: int.from_bytes(x, 'little')
    if n >= 8:
        i = 0
        while i + 8 < n:
            h = mix(h, le(b[i:i + 8]))
            i += 8
        return mix(h, le(b[n - 8:]))
    if n >= 4:
        return mix(h, le(b[:4]) | le(b[n - 4:]) << 32)
    return mix(h, b[0] | b[n // 2] << 8 | b[n - 1] << 16)


def slot_of(b, size):
    return (word_hash(b) >> 20) & (size - 1)


def tag_of(b):
    """length and 8 bits of the hash: a probe reads the 16-bit tags first"""
    return len(b) << 8 | (word_hash(b) >> 8) & 0xFF


def c_string(b):
    return '"' + ''.join('\\x%02x' % c if c >= 0x80 or c < 0x20 or c in b'"\\' else chr(c)
                         for c in b) + '"'


def render(table):
    size = 1 << BITS
    if len(table) * 4 > size:
        sys.exit('date_words.py: %d words: raise BITS' % len(table))
    slots = [None] * size
    for w in sorted(table, key=lambda s: s.encode('utf-8')):
        b = w.encode('utf-8')
        if len(b) > 47:
            sys.exit('date_words.py: %r is longer than a token can be' % w)
        i = slot_of(b, size)
        while slots[i] is not None:
            i = (i + 1) & (size - 1)
        slots[i] = (b, table[w], w)
    lines = [
        '/* text/date_words.h -- GENERATED by lib/text/date_words.py from the word',
        ' * tables of text/date_names.c, story/timex_words.c and story/timex.c; do',
        ' * not edit. Open addressing (word_hash in date_lex.c), linear probing, at',
        ' * most a quarter full; a slot\'s tag is its length << 8 | 8 bits of the',
        ' * hash (0: empty), so that a probe mostly reads only the small tag array.',
        ' * Included by text/date_lex.c only (kb_dword_class). */',
        '#define KB_DW_BITS %d' % BITS,
        '',
        'static const uint16_t KB_DW_TAG[1 << KB_DW_BITS] = {',
    ]
    for i, s in enumerate(slots):
        if s is not None:
            lines.append('    [%d] = 0x%04x,' % (i, tag_of(s[0])))
    lines += [
        '};',
        '',
        'static const struct kb_dw_word {',
        '    const char *w;',
        '    uint16_t flags;',
        '} KB_DW_WORD[1 << KB_DW_BITS] = {',
    ]
    for i, s in enumerate(slots):
        if s is None:
            continue
        b, flags, w = s
        lines.append('    [%d] = {%s, 0x%04x},   /* %s */' % (i, c_string(b), flags, w))
    lines.append('};')
    return '\n'.join(lines) + '\n'


def main():
    text = render(collect())
    if '--check' in sys.argv[1:]:
        old = open(OUT, encoding='utf-8').read() if os.path.exists(OUT) else ''
        if old != text:
            sys.exit('date_words.py: lib/text/date_words.h is stale: run python3 lib/text/date_words.py')
        return
    with open(OUT, 'w', encoding='utf-8') as f:
        f.write(text)


main()
