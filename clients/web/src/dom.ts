// Small DOM helpers: every text from the API goes in as a text node; only the server-sanitised article body
// and the search snippets' <mark> become markup.
import type { SearchHit, Teaser } from "@newsapi/client";
import { sitePath } from "./api";

type Child = Node | string | null | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

const dateFormat = new Intl.DateTimeFormat("hi-IN", { dateStyle: "long", timeStyle: "short", timeZone: "Asia/Kolkata" });

export function time(iso: string | null): HTMLTimeElement | null {
  return iso ? el("time", { datetime: iso }, dateFormat.format(new Date(iso))) : null;
}

/** A teaser card; `level` keeps headings in order under the page's h1 or a section's h2. */
export function teaserCard(t: Teaser | SearchHit, level: 2 | 3, snippet?: string): HTMLElement {
  const heading = el(level === 2 ? "h2" : "h3", {}, el("a", { href: sitePath(t.url) }, t.headline));
  const meta = el("p", { class: "meta" }, t.dateline ? `${t.dateline} · ` : "", time(t.publishedAt), ` · ${t.section.name}`);
  const image = t.image ? el("img", { src: t.image.url, alt: t.image.alt ?? "", loading: "lazy" }) : null;
  const text = snippet !== undefined ? highlighted(snippet) : el("p", { class: "excerpt" }, t.excerpt);
  return el("li", { class: "teaser" }, el("article", {}, image, heading, meta, text));
}

/** A search snippet is HTML-escaped text with <mark> around the matches: keep the marks, nothing else. */
export function highlighted(snippet: string): HTMLElement {
  const parsed = new DOMParser().parseFromString(`<p>${snippet}</p>`, "text/html").body;
  const out = el("p", { class: "snippet" });
  parsed.querySelectorAll("p").forEach((p) =>
    p.childNodes.forEach((n) => out.append(n.nodeName === "MARK" ? el("mark", {}, n.textContent ?? "") : (n.textContent ?? ""))),
  );
  return out;
}

/** Replaces the page: title, content, and focus on the new heading after an in-site navigation. */
export function show(title: string, ...content: Node[]): void {
  const main = document.getElementById("main")!;
  document.title = `${title} — समाचार`;
  main.replaceChildren(...content);
  if (history.state?.navigated) (main.querySelector("h1") ?? main).focus?.();
}

export function problem(message: string): HTMLElement {
  return el("p", { class: "problem", role: "alert" }, message);
}
