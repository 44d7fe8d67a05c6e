#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora and dictionaries from the repository's fixtures.

    python3 fuzz/seed_corpus.py        (from anywhere; scripts/fuzz.sh runs it)

libFuzzer finds more, sooner, when it starts from real inputs: the labelled URLs, the scam
and genuine messages and the fixture pages, encoded in each target's byte layout (documented
at the top of each fuzz_targets/*.rs). Seeds are named by a hash of their content, so
re-running adds nothing twice and never deletes what the fuzzer found. The dictionaries
(fuzz/dict/<target>.dict) hold the registry's domains and brand tokens, the page vocabulary
of data/pages.toml, and the syntax of URLs, HTML and MIME, so mutations splice in the words
the engine reacts to. Corpus and dict directories are not committed (fuzz/.gitignore).
"""

import hashlib
import json
import re
import sys
import tomllib
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUZZ = ROOT / "fuzz"
FIXTURES = ROOT / "tests" / "fixtures"

# Must match NAMES in fuzz_targets/load_message.rs.
MAIL_NAMES = ["message.eml", "message.txt", "message.html", "message", "MESSAGE.EML", "-", "msg.htm"]
URL_RE = re.compile(r"""(?:https?://|www\.)[^\s<>"')\]]+""")


def platform_ids():
    """Platform ids in registry order: a target's selector byte indexes this list."""
    data = tomllib.loads((ROOT / "data" / "platforms.toml").read_text(encoding="utf-8"))
    return [p["id"] for p in data.get("platform", [])], data


IDS, PLATFORMS = platform_ids()


def selector(platform):
    """The byte that makes sellershield_fuzz::platform() pick `platform` (None: no platform)."""
    if platform in IDS:
        return IDS.index(platform)
    return len(IDS)


def write(target, data):
    d = FUZZ / "corpus" / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def tsv_rows(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield line.split("\t")


def seed_urls():
    n = 0
    for path in sorted((FIXTURES / "urls").glob("*.tsv")):
        for row in tsv_rows(path):
            if len(row) < 6:
                continue
            url = row[5]
            shown = row[6] if len(row) > 6 and row[6] not in ("", "-") else None
            data = bytes([selector(row[2])]) + url.encode()
            if shown is not None:
                data += b"\0" + shown.encode()
            write("check_url", data)
            n += 1
    return n


def message_labels():
    labels = {}
    for name in ("labels-scam.tsv", "labels-genuine.tsv"):
        path = FIXTURES / "messages" / name
        if path.exists():
            for row in tsv_rows(path):
                if len(row) >= 3:
                    labels[row[0]] = row[2]
    return labels


def seed_messages():
    labels = message_labels()
    n = 0
    base = FIXTURES / "messages"
    for path in sorted(base.rglob("*")):
        if path.suffix not in (".txt", ".eml", ".html"):
            continue
        rel = str(path.relative_to(base))
        platform = labels.get(rel, "-")
        raw = path.read_bytes()
        # load_message: the file as it is.
        name_idx = {".eml": 0, ".txt": 1, ".html": 2}[path.suffix]
        write("load_message", bytes([name_idx, selector(platform)]) + raw)
        # check_message: the text, the URLs in it as HTML links, a sender, an attachment.
        text = raw.decode("utf-8", "replace")
        links = "\n".join(f"{u}\t{u}" for u in URL_RE.findall(text))
        sender = "Alibaba Security Team\nservice@alibaba-secure.top\n" if "scam" in rel else ""
        attach = "remittance.pdf.exe\tapplication/octet-stream" if "payment" in rel else ""
        parts = [text, links, sender, attach]
        write("check_message", bytes([selector(platform)]) + "\0".join(parts).encode())
        # check_message again, as the JSON the extension sends.
        message = {"text": text, "links": [{"href": u, "text": u} for u in URL_RE.findall(text)]}
        if platform in IDS:
            message["platform"] = platform
        if sender:
            name, address = sender.split("\n")[:2]
            message["sender"] = {"name": name, "address": address}
        if attach:
            name, kind = attach.split("\t")
            message["attachments"] = [{"name": name, "contentType": kind}]
        write("check_message", json.dumps(message, ensure_ascii=False).encode())
        n += 1
    return n


class Facts(HTMLParser):
    """Rough PageFacts from HTML: enough to seed the JSON corpus of check_page, whose
    mutations then go where html.rs's parser never would."""

    def __init__(self, url):
        super().__init__()
        self.facts = {"url": url, "title": "", "forms": [], "headings": [], "logos": [], "favicon": "",
                      "siteName": "", "textSample": "", "frames": []}
        self.stack = []
        self.form = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.stack.append(tag)
        if tag == "form":
            self.form = {"action": a.get("action", ""), "method": a.get("method", "get"), "fields": [], "submitText": ""}
            self.facts["forms"].append(self.form)
        elif tag in ("input", "select", "textarea"):
            field = {"type": a.get("type", "text") if tag == "input" else tag, "name": a.get("name", ""),
                     "id": a.get("id", ""), "autocomplete": a.get("autocomplete", ""),
                     "placeholder": a.get("placeholder", ""), "label": a.get("aria-label", ""),
                     "visible": a.get("type") != "hidden"}
            if self.form is None:
                self.form = {"action": "", "method": "get", "fields": [], "submitText": ""}
                self.facts["forms"].append(self.form)
            self.form["fields"].append(field)
        elif tag == "img" and ("logo" in (a.get("alt", "") + a.get("src", "") + a.get("class", "")).lower()):
            self.facts["logos"].append(a.get("alt") or a.get("src", ""))
        elif tag == "link" and "icon" in a.get("rel", ""):
            self.facts["favicon"] = a.get("href", "")
        elif tag == "meta" and a.get("property") == "og:site_name":
            self.facts["siteName"] = a.get("content", "")
        elif tag == "iframe":
            self.facts["frames"].append({"src": a.get("src", "about:srcdoc"), "visible": True, "forms": []})

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop() != tag:
            pass
        if tag == "form":
            self.form = None

    def handle_data(self, data):
        t = " ".join(data.split())
        if not t:
            return
        top = self.stack[-1] if self.stack else ""
        if top == "title":
            self.facts["title"] += t
        elif top in ("h1", "h2", "h3"):
            self.facts["headings"].append(t)
        elif top == "button" and self.form is not None:
            self.form["submitText"] = t
        elif top not in ("script", "style") and len(self.facts["textSample"]) < 4096:
            self.facts["textSample"] += t + " "


def seed_pages():
    n = 0
    base = FIXTURES / "pages"
    for row in tsv_rows(base / "cases.tsv"):
        if len(row) < 3 or not (base / row[0]).exists():
            continue
        html = (base / row[0]).read_text(encoding="utf-8", errors="replace")
        url = row[1]
        write("page_facts_html", url.encode() + b"\0" + html.encode())
        p = Facts(url)
        p.feed(html)
        if row[2] not in ("", "-"):
            p.facts["openedFromInbox"] = row[2]
        write("check_page", json.dumps(p.facts, ensure_ascii=False).encode())
        n += 1
    return n


def seed_configs():
    configs = [
        {},
        {"platforms": ["alibaba"]},
        {"platforms": IDS[:5], "protectedDomains": ["acme-widgets.com"], "trustedDomains": ["example-buyer.de"]},
        {"protectedDomains": ["HTTPS://Shop.Example.COM:8443/path", "bücher.de."], "trustedDomains": ["*.example.org"]},
        {"trustedDomains": ["co.uk"]},
        {"platforms": ["nope"]},
        {"protectedDomains": ["a..b", "under_score.com", "localhost"]},
    ]
    for c in configs:
        write("config", json.dumps(c, ensure_ascii=False).encode())
    return len(configs)


def seed_passwords():
    # The password target reads `arbitrary` data; a few shapes that enrol (first byte 0) and
    # that check fingerprints get it past the first branches quickly.
    seeds = [b"\x00Tr0ub4dor&3x-long-enough\x00" * 2, b"\x01" + bytes(range(64)), b"\x10correct horse battery staple" * 3]
    for s in seeds:
        write("password", s)
    return len(seeds)


def dict_line(token):
    out = []
    for b in token.encode():
        if b in (0x22, 0x5C) or b < 0x20 or b > 0x7E:
            out.append(f"\\x{b:02x}")
        else:
            out.append(chr(b))
    return '"' + "".join(out) + '"'


URL_SYNTAX = ["https://", "http://", "javascript:", "data:text/html,", "file:///", "mailto:", "@", ":443", ":8080",
              "%2F", "%2E", "%40", "xn--", "?url=", "&redirect=", "#", "//", "..", "/login", ".exe", ".zip",
              "wa.me/", "t.me/", "bit.ly/", "[::1]", "0x7f.1", "127.0.0.1", "\u0430", "\u0131", "\uff0e"]
HTML_SYNTAX = ["<form action=", "<input type=password", "<input type=email", "<input type=hidden", "<button>",
               "<iframe srcdoc=", "<iframe src=", "<base href=", "<title>", "<h1>", "<img alt=logo src=",
               "<link rel=icon href=", "<meta property=og:site_name content=", "<label for=", "hidden",
               "style=display:none", "formaction=", "form=", "aria-labelledby=", "autocomplete=one-time-code",
               "<!--", "<script>", "<template>", "<svg>", "&amp;", "&#x", "<select>", "<textarea>"]
MIME_SYNTAX = ["From: ", "Reply-To: ", "Subject: ", "Content-Type: multipart/alternative; boundary=",
               "Content-Type: text/html; charset=", "Content-Type: text/plain; charset=gb2312",
               "Content-Transfer-Encoding: base64", "Content-Transfer-Encoding: quoted-printable",
               "Content-Disposition: attachment; filename=", "=?utf-8?B?", "=?gb2312?Q?", "?=", "\r\n\r\n",
               "--", "MIME-Version: 1.0", "message/rfc822", "<a href=", "</a>", "=\r\n", "=E2=80=8B"]


def vocabulary():
    words = set()
    for p in PLATFORMS.get("platform", []):
        words.add(p["id"])
        words.add(p["name"].split(" (")[0])
        words.update(p.get("registrable_domains", []))
        words.update(p.get("brand_tokens", []))
    for c in PLATFORMS.get("offplatform_contact", []):
        words.update(c.get("domains", []))
    for h in PLATFORMS.get("abused_hosting", []):
        words.add(h["domain"])
    pages = tomllib.loads((ROOT / "data" / "pages.toml").read_text(encoding="utf-8"))

    def walk(v):
        if isinstance(v, str):
            words.add(v)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)

    walk(pages)
    lexicon = ROOT / "data" / "lexicon"
    if lexicon.is_dir():
        for f in sorted(lexicon.glob("*.toml")):
            walk(tomllib.loads(f.read_text(encoding="utf-8")))
    return sorted(w for w in words if 0 < len(w.encode()) <= 48)


def write_dicts():
    words = vocabulary()
    per_target = {
        "check_url": URL_SYNTAX,
        "check_message": URL_SYNTAX,
        "load_message": MIME_SYNTAX + URL_SYNTAX,
        "check_page": URL_SYNTAX,
        "page_facts_html": HTML_SYNTAX + URL_SYNTAX,
        "config": URL_SYNTAX + ['"platforms"', '"protectedDomains"', '"trustedDomains"'],
    }
    d = FUZZ / "dict"
    d.mkdir(parents=True, exist_ok=True)
    for target, syntax in per_target.items():
        lines = [dict_line(t) for t in syntax + words]
        (d / f"{target}.dict").write_text("\n".join(lines) + "\n", encoding="ascii")
    return len(words)


def main():
    counts = {
        "check_url": seed_urls(),
        "check_message + load_message": seed_messages(),
        "check_page + page_facts_html": seed_pages(),
        "config": seed_configs(),
        "password": seed_passwords(),
        "dictionary words": write_dicts(),
    }
    for k, v in counts.items():
        print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
