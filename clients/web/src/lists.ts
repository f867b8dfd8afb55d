// Front page, section pages and search: teaser lists, newest first (search: best first), paged by cursor.
import type { SearchHit, Teaser } from "@newsapi/client";
import { api } from "./api";
import { el, problem, show, teaserCard } from "./dom";

type Page<T> = { items: T[]; nextCursor: string | null };

/** A list with a "more" button that asks for the next page with the previous answer's nextCursor. */
function pagedList<T>(load: (cursor?: string) => Promise<Page<T> | undefined>, card: (item: T) => HTMLElement, empty: string): Promise<HTMLElement> {
  const list = el("ol", { class: "teasers" });
  const more = el("button", { type: "button", class: "more" }, "और ख़बरें");
  const status = el("p", { class: "visually-hidden", "aria-live": "polite" });
  const wrapper = el("div", {}, list, status, more);
  let cursor: string | undefined;
  async function next(): Promise<void> {
    more.disabled = true;
    const page = await load(cursor);
    if (!page) {
      wrapper.append(problem("ख़बरें लोड नहीं हो सकीं।"));
      return;
    }
    if (!cursor && page.items.length === 0) list.replaceWith(el("p", {}, empty));
    list.append(...page.items.map(card));
    status.textContent = `${list.children.length} ख़बरें दिखाई गईं`;
    cursor = page.nextCursor ?? undefined;
    more.hidden = !cursor;
    more.disabled = false;
  }
  more.addEventListener("click", () => void next());
  return next().then(() => wrapper);
}

const pageSize = 10;

export async function frontPage(): Promise<void> {
  const list = await pagedList<Teaser>(async (cursor) => (await api.GET("/v1/teasers", { params: { query: { limit: pageSize, cursor } } })).data,
    (t) => teaserCard(t, 2), "अभी कोई ख़बर नहीं है।");
  show("ताज़ा ख़बरें", el("h1", { tabindex: "-1" }, "ताज़ा ख़बरें"), list);
}

export async function sectionPage(slug: string): Promise<boolean> {
  const { data: section } = await api.GET("/v1/sections/{slug}", { params: { path: { slug } } });
  if (!section) return false;
  const list = await pagedList<Teaser>(async (cursor) => (await api.GET("/v1/teasers", { params: { query: { section: slug, limit: pageSize, cursor } } })).data,
    (t) => teaserCard(t, 2), "इस खंड में अभी कोई ख़बर नहीं है।");
  show(section.name, el("h1", { tabindex: "-1" }, section.name), ...(section.description ? [el("p", {}, section.description)] : []), list);
  return true;
}

export async function searchPage(q: string): Promise<void> {
  const input = document.getElementById("q") as HTMLInputElement | null;
  if (input) input.value = q;
  const heading = el("h1", { tabindex: "-1" }, q ? `खोज: ${q}` : "खोजें");
  if (!q.trim()) {
    show("खोजें", heading, el("p", {}, "ऊपर खोज में शब्द लिखें — देवनागरी में (पुतिन) या रोमन में (putin)।"));
    return;
  }
  const list = await pagedList<SearchHit>(async (cursor) => {
    const { data, error } = await api.GET("/v1/search", { params: { query: { q, limit: pageSize, cursor } } });
    return data ?? (error ? { items: [], nextCursor: null } : undefined);
  }, (hit) => teaserCard(hit, 2, hit.snippet), "कोई ख़बर नहीं मिली।");
  show(`खोज: ${q}`, heading, list);
}
