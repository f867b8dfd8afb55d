// The article page as the seed page shows it: section, headline, byline, image, the body with its dateline
// and agency credit, tags, Read Previous / Read Next and related stories. Also the preview of an unpublished one.
import type { Article, Schemas } from "@newsapi/client";
import { isFullArticle } from "@newsapi/client";
import { api, sitePath } from "./api";
import { el, problem, show, teaserCard, time } from "./dom";

type Block = Schemas["BodyBlock"];

/** The seed's paragraphs begin "सियोल । …": the dateline, a danda, then the story. */
function body(article: Article): HTMLElement {
  const out = el("div", { class: "body" });
  if (!article.body.blocks) {
    // The preview answers html only (no formats parameter): the server-sanitised body as it is.
    out.innerHTML = article.body.html ?? "";
    if (article.dateline) out.querySelector("p")?.prepend(el("strong", { class: "dateline" }, `${article.dateline} ।`), " ");
    return out;
  }
  const blocks: Block[] = article.body.blocks;
  let first = true;
  for (const block of blocks) {
    let node: HTMLElement;
    if (block.type === "paragraph" || block.type === "quote") {
      node = el(block.type === "quote" ? "blockquote" : "p");
      // html is the server-sanitised markup of a block with links or emphasis; otherwise plain text.
      if (block.html) node.innerHTML = block.html; else node.textContent = block.text ?? "";
      if (first && block.type === "paragraph" && article.dateline) {
        node.prepend(el("strong", { class: "dateline" }, `${article.dateline} ।`), " ");
        first = false;
      }
    } else if (block.type === "heading") {
      node = el(`h${Math.min(Math.max(block.level ?? 2, 2), 6)}` as "h2", {}, block.text ?? "");
    } else {
      node = el("div", { class: block.type });
      node.innerHTML = block.html ?? "";
    }
    out.append(node);
  }
  return out;
}

function story(article: Article, preview: boolean): HTMLElement {
  const image = article.image
    ? el("figure", {}, el("img", { src: article.image.url, alt: article.image.alt ?? article.image.caption ?? article.headline, ...(article.image.width ? { width: String(article.image.width), height: String(article.image.height ?? "") } : {}) }),
        article.image.caption || article.image.credit ? el("figcaption", {}, article.image.caption ?? "", article.image.credit ? ` (${article.image.credit})` : "") : null)
    : null;
  const authors = article.authors.map((a) => a.name).join(", ");
  return el("article", { class: "story" },
    preview ? el("p", { class: "preview-banner", role: "note" }, "पूर्वावलोकन: यह ख़बर अभी सार्वजनिक नहीं हो सकती है।") : null,
    el("p", { class: "kicker" }, el("a", { href: `/section/${encodeURIComponent(article.section.slug)}` }, article.section.name)),
    el("h1", { tabindex: "-1" }, article.headline),
    article.subheadline ? el("p", { class: "subheadline" }, article.subheadline) : null,
    el("p", { class: "byline" },
      authors ? el("span", { class: "author" }, `लेखक: ${authors}`) : null,
      article.source ? el("span", { class: "source" }, `स्रोत: ${article.source.name}`) : null,
      time(article.publishedAt),
      el("span", { class: "reading-time" }, `${article.readingTimeMinutes} मिनट में पढ़ें`)),
    image,
    body(article),
    article.source ? el("p", { class: "agency-credit" }, `(${article.source.name})`) : null,
    article.tags.length ? el("ul", { class: "tags", "aria-label": "टैग" }, ...article.tags.map((t) => el("li", {}, t.name))) : null,
  );
}

async function around(article: Article): Promise<Node[]> {
  const [adjacent, related] = await Promise.all([
    // Site-wide, as the seed page links its Read Previous / Read Next across sections.
    api.GET("/v1/articles/{id}/adjacent", { params: { path: { id: article.id }, query: { scope: "site" } } }),
    api.GET("/v1/articles/{id}/related", { params: { path: { id: article.id }, query: { limit: 5 } } }),
  ]);
  const out: Node[] = [];
  const { previous, next } = adjacent.data ?? { previous: null, next: null };
  if (previous || next) {
    out.push(el("nav", { class: "adjacent", "aria-label": "पिछली और अगली ख़बर" },
      previous ? el("a", { href: sitePath(previous.url), rel: "prev" }, el("span", {}, "« पिछली ख़बर पढ़ें"), el("strong", {}, previous.headline)) : null,
      next ? el("a", { href: sitePath(next.url), rel: "next" }, el("span", {}, "अगली ख़बर पढ़ें »"), el("strong", {}, next.headline)) : null));
  }
  const items = related.data?.items ?? [];
  if (items.length) {
    out.push(el("section", { class: "related", "aria-labelledby": "related-heading" },
      el("h2", { id: "related-heading" }, "संबंधित ख़बरें"), el("ol", { class: "teasers" }, ...items.map((t) => teaserCard(t, 3)))));
  }
  return out;
}

/** /{section}/{slug}: false when no published article has the slug (the caller shows the 404 page). */
export async function articlePage(slug: string): Promise<boolean> {
  const { data, response } = await api.GET("/v1/articles/slug/{slug}", { params: { path: { slug }, query: { formats: ["blocks"] } } });
  if (!data || !isFullArticle(data)) return false;
  // A retired slug answered 301 and fetch followed it: show the current address.
  const path = sitePath(data.url);
  if (response.redirected || decodeURI(location.pathname) !== decodeURI(path)) history.replaceState(history.state, "", path);
  show(data.headline, story(data, false), ...(await around(data)));
  return true;
}

export async function previewPage(token: string): Promise<void> {
  const { data } = await api.GET("/v1/preview/{token}", { params: { path: { token } } });
  if (!data) {
    show("पूर्वावलोकन", el("h1", { tabindex: "-1" }, "पूर्वावलोकन उपलब्ध नहीं"), problem("यह पूर्वावलोकन लिंक अमान्य है या इसकी अवधि समाप्त हो गई है।"));
    return;
  }
  show(data.headline, story(data, true));
}
