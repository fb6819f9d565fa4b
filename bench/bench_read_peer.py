# bench/bench_read_peer.py -- the peer for bench/bench-read.sh: the same
# reading done the usual Python way (zipfile + json, gzip, chardet when the
# bytes are not UTF-8, a plain WARC record loop), timed by process CPU time,
# best of RUNS. Run with /usr/bin/python3 (Debian's chardet).
#   bench_read_peer.py MODE RUNS PATH...     MODE: snn | pages | warc
import gzip, json, sys, time, zipfile
import chardet

BODY = ("html", "raw_html", "text", "content", "maintext", "body", "article")

def decode(b, hint=None):
    if b.startswith(b"\xef\xbb\xbf"):
        b = b[3:]
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if hint:
        try:
            return b.decode(hint)
        except (LookupError, UnicodeDecodeError):
            pass
    enc = chardet.detect(b[:65536])["encoding"] or "utf-8"
    try:
        return b.decode(enc, "replace")
    except LookupError:
        return b.decode("utf-8", "replace")

def snn(paths):
    docs = rej = out = 0
    for p in paths:
        with zipfile.ZipFile(p) as z:
            for name in z.namelist():
                if not name.endswith(".json"):
                    continue
                for r in json.loads(z.read(name)):
                    body = next((r[k] for k in BODY if isinstance(r.get(k), str) and r[k].strip()), None)
                    if body is None:
                        rej += 1
                        continue
                    doc = {"url": r.get("url"), "title": r.get("title") or None,
                           "source": r.get("source") or None, "author": r.get("author") or None,
                           "crawl_date": r.get("date_extracted"), "data": body}
                    docs += 1
                    out += len(doc["data"].encode("utf-8"))
    return docs, rej, out

def pages(paths):
    docs = out = 0
    for p in paths:
        with open(p, "rb") as f:
            b = f.read()
        if p.endswith(".gz"):
            b = gzip.decompress(b)
        out += len(decode(b).encode("utf-8"))
        docs += 1
    return docs, 0, out

def warc(paths):
    docs = rej = out = 0
    for p in paths:
        with gzip.open(p, "rb") as f:
            while True:
                line = f.readline()
                if not line:
                    break
                if not line.startswith(b"WARC/"):
                    continue
                head = {}
                while True:
                    l = f.readline().rstrip(b"\r\n")
                    if not l:
                        break
                    k, _, v = l.partition(b":")
                    head[k.strip().lower()] = v.strip()
                block = f.read(int(head.get(b"content-length", b"0")))
                if head.get(b"warc-type") != b"response":
                    continue
                hdr, _, body = block.partition(b"\r\n\r\n")
                ct = b""
                for l in hdr.split(b"\r\n")[1:]:
                    k, _, v = l.partition(b":")
                    if k.strip().lower() == b"content-type":
                        ct = v.strip().lower()
                if not ct.startswith(b"text/html"):
                    continue
                cs = ct.partition(b"charset=")[2].decode() or None
                out += len(decode(body, cs).encode("utf-8"))
                docs += 1
    return docs, rej, out

def main():
    mode, runs, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    fn = {"snn": snn, "pages": pages, "warc": warc}[mode]
    best = None
    for _ in range(runs):
        t0 = time.process_time()
        docs, rej, out = fn(paths)
        t = time.process_time() - t0
        best = t if best is None or t < best else best
    print("python %-7s %6d docs %4d rejects %7.1f MB out  %.3f s cpu  %6.1f MB/s  %7.0f docs/s"
          % (mode, docs, rej, out / 1e6, best, out / 1e6 / best, docs / best))

main()
