"""A static HTTP server on 127.0.0.1 for the browser benchmark, served the way
GitHub Pages serves a site: text files (HTML, CSS, JS, JSON, SVG, XML) gzipped
on the wire, everything else as stored. pamphlet's `*.bin` index files and
Pagefind's `*.pf_*` and `*.pagefind` files are already gzip inside; Pages sends
them as application/octet-stream without Content-Encoding, and so does this
server, so both search scripts gunzip them themselves.

Several folders are mounted under one origin (the built site at `/`, Pagefind's
index at `/pagefind/`, the Pagefind page...). The server counts what it writes:
`take()` returns the requests answered since the last call, with the bytes of
headers and body actually sent, which is what a query costs on the wire
whatever the browser does (workers, caches, preloads). The browser driver
reads it over HTTP from TAKE_PATH, and waits at IDLE_PATH, before each
measurement, for other processes to leave the CPUs idle.
"""

import gzip
import json
import http.server
import mimetypes
import os
import threading
import time
import urllib.parse

TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml",
              "application/xml", "application/atom+xml", "application/rss+xml", "text/javascript")
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
         ".json": "application/json", ".html": "text/html", ".xml": "application/xml",
         ".svg": "image/svg+xml", ".txt": "text/plain", ".csv": "text/csv"}
CACHE_CONTROL = "max-age=600"  # what GitHub Pages sends
TAKE_PATH = "/__bench/take"  # answers the log since the last take, as JSON
IDLE_PATH = "/__bench/idle"  # answers once the machine is idle (Server's `idle` callable)


def content_type(path):
    """MIME type by extension; unknown (.bin, .pf_fragment, .pagefind) is octet-stream."""
    ext = os.path.splitext(path)[1].lower()
    return TYPES.get(ext) or mimetypes.guess_type(path)[0] or "application/octet-stream"


class Site:
    """Mounted folders, gzipped bodies cached by path, and the log of answered requests."""

    def __init__(self, mounts):
        # longest prefix first, so /pagefind/ wins over /
        self.mounts = sorted(((p.rstrip("/") + "/", d) for p, d in mounts.items()),
                             key=lambda m: -len(m[0]))
        self.gz_cache, self.log, self.lock = {}, [], threading.Lock()

    def resolve(self, url_path):
        """(file, redirect) for a URL path: index.html for folders, a slash added to them."""
        path = urllib.parse.unquote(url_path)
        for prefix, folder in self.mounts:
            if path.startswith(prefix) or path + "/" == prefix:
                rel = os.path.normpath(path[len(prefix):] or ".")
                if rel.startswith(".."):
                    return None, None
                full = os.path.join(folder, rel)
                if os.path.isdir(full):
                    if not path.endswith("/"):
                        return None, url_path + "/"
                    full = os.path.join(full, "index.html")
                return (full if os.path.isfile(full) else None), None
        return None, None

    def body(self, file, gzip_ok):
        """(bytes, encoding) to send for a file."""
        with open(file, "rb") as f:
            data = f.read()
        if not gzip_ok or not content_type(file).startswith(TEXT_TYPES):
            return data, None
        key = (file, os.stat(file).st_mtime_ns)
        with self.lock:
            cached = self.gz_cache.get(key)
        if cached is None:
            cached = gzip.compress(data, compresslevel=6, mtime=0)
            with self.lock:
                self.gz_cache[key] = cached
        return cached, "gzip"

    def record(self, entry):
        with self.lock:
            self.log.append(entry)

    def take(self):
        """The requests answered since the last take(), oldest first."""
        with self.lock:
            out, self.log = self.log, []
        return out


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as browsers and Pages use
    server_version = "bench"
    sys_version = ""

    def log_message(self, *args):
        pass  # the log is Site.log

    def do_GET(self):
        site = self.server.site
        start = time.time()
        path = urllib.parse.urlsplit(self.path).path
        if path == TAKE_PATH:  # the driver collecting the log: not part of any query
            body = json.dumps(site.take()).encode()
            self.send(200, {"Content-Type": "application/json", "Cache-Control": "no-store",
                            "Content-Length": str(len(body))}, body)
            return
        if path == IDLE_PATH:  # the driver, between two measurements
            body = json.dumps({"waited": self.server.idle()}).encode()
            self.send(200, {"Content-Type": "application/json", "Cache-Control": "no-store",
                            "Content-Length": str(len(body))}, body)
            return
        file, redirect = site.resolve(path)
        headers = {"Cache-Control": CACHE_CONTROL}
        if redirect:
            status, body, headers["Location"] = 301, b"", redirect
        elif file is None:
            status, body = 404, b"not found"
            headers["Content-Type"] = "text/plain"
        else:
            gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
            body, encoding = site.body(file, gzip_ok)
            status = 200
            headers["Content-Type"] = content_type(file)
            if encoding:
                headers["Content-Encoding"] = encoding
                headers["Vary"] = "Accept-Encoding"
        headers["Content-Length"] = str(len(body))
        head_bytes = self.send(status, headers, body)
        site.record({"path": self.path, "status": status, "body": len(body), "headers": head_bytes,
                     "gzip": "Content-Encoding" in headers,
                     "start_ms": start * 1000, "end_ms": time.time() * 1000})

    def send(self, status, headers, body):
        """Write the response; the bytes of its status line and headers."""
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        head_bytes = sum(len(b) for b in self._headers_buffer) + 2  # + the blank line
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        return head_bytes


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, mounts, port=0, idle=lambda: 0.0):
        self.site, self.idle = Site(mounts), idle
        super().__init__(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
