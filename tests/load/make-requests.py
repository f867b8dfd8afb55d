#!/usr/bin/env python3
"""Writes bench.sh's request files (one per scenario, the format bench.lua reads) from the corpus.

usage: make-requests.py DB OUT_DIR SERVICE_URL API_KEY
Ids, slugs and sections come from the database; ETags for the 304 scenario are fetched from the running
service (they are hashes of the answer, so only the service knows them). Seeded: every run asks the same.
"""
import json, random, sqlite3, sys, urllib.parse, urllib.request

db, out, service, key = sys.argv[1:5]
random.seed(7)
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
published = con.execute("SELECT id, slug FROM articles WHERE status = 'published'").fetchall()
sample = random.sample(published, min(2000, len(published)))
headlines = [r[0] for r in con.execute("SELECT headline FROM articles WHERE status = 'published' ORDER BY random() LIMIT 500")]
sections = [r[0] for r in con.execute(
    "SELECT DISTINCT s.slug FROM sections s JOIN articles a ON a.section_id = s.id WHERE a.status = 'published'")]
con.close()


def write(name, lines):
    with open(f"{out}/{name}.txt", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def q(word):
    return urllib.parse.quote(word, safe="")


ids = [i for i, _ in sample]
# Words from run.sh: common (thousands of articles), rare (a handful), romanised (phonetic keys).
words = ["पुतिन", "राष्ट्रपति", "रूस", "अमेरिका", "उत्तर कोरिया", "किम",
         "हस्ताक्षर", "योनहाप", "प्योंगयांग", "पुनर्निर्माण", "औपनिवेशिक", "सैपर",
         "putin", "trump", "kim jong", "pakistan", "bhukamp", "rus"]

write("ceiling", ["/ceiling"])
write("naive-article", [f"/naive/articles/{i}" for i in ids])
write("naive-teasers", ["/naive/teasers?limit=20"])
write("naive-search", [f"/naive/search?q={q('पुतिन')}"])
write("article", [f"/v1/articles/{i}" for i in ids])
write("slug", [f"/v1/articles/slug/{q(s)}" for _, s in sample])
write("teasers", ["/v1/teasers?limit=20"])
write("teasers-section", [f"/v1/teasers?section={q(s)}&limit=20" for s in sections])
write("articles", ["/v1/articles?limit=20"])
write("search-common", [f"/v1/search?q={q('पुतिन')}&limit=20"])
write("search-mix", [f"/v1/search?q={q(w)}&limit=20" for w in words])
# Search-as-you-type: the first 1 to 4 characters of headline words, and Latin prefixes as readers type them.
prefixes = set()
for h in headlines:
    for w in h.split():
        w = w.strip("‘’'\",.:;!?()-")
        for n in (1, 2, 3, 4):
            if len(w) >= n:
                prefixes.add(w[:n])
prefixes = random.sample(sorted(prefixes), min(1500, len(prefixes))) + ["pu", "tr", "ki", "mo", "bh", "ra", "dil", "pak", "chu", "ba", "sa", "de", "kor", "am", "ru"]
write("suggest", [f"/v1/search/suggest?q={q(p)}" for p in prefixes])
write("related", [f"/v1/articles/{i}/related" for i in ids])
write("adjacent", [f"/v1/articles/{i}/adjacent" for i in ids])
write("feeds", ["/feeds/rss.xml", "/feeds/atom.xml", "/feeds/feed.json"])

# 304s: GET with the ETag the service gave for that very answer.
revalidate = []
for i in ids[:300]:
    with urllib.request.urlopen(f"{service}/v1/articles/{i}") as r:
        revalidate.append(f"GET\t/v1/articles/{i}\t\tIf-None-Match: {r.headers['ETag']}")
write("revalidate", revalidate)

# 95 % reads, 5 % writes: the file holds them in that proportion and bench.lua picks lines at random.
# If-Match: * because 32 connections cannot keep track of versions; a write racing another write on
# the same article can still answer 412 (counted as an error), which is rare with 2000 ids.
writes = [
    "\t".join(["PATCH", f"/v1/admin/articles/{i}", json.dumps({"subheadline": f"बेंचमार्क संपादन {n}"}, ensure_ascii=False),
               "Content-Type: application/merge-patch+json", "If-Match: *", f"X-Api-Key: {key}"])
    for n, i in enumerate(random.sample(ids, min(100, len(ids))))
]
write("mix", [f"/v1/articles/{i}" for i in random.choices(ids, k=19 * len(writes))] + writes)
