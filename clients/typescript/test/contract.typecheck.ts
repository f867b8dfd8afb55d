// Compile-time checks of the generated types (tsc runs this file, nothing executes it): a contract change
// that breaks these uses of the client breaks `npm run check`, as it would break a frontend.
import { createNewsApiClient, isFullArticle, mergePatch, type Article, type Teaser } from "../src/index";

const api = createNewsApiClient({ baseUrl: "http://127.0.0.1:8080" });

export async function reads(): Promise<string[]> {
  const { data: article } = await api.GET("/v1/articles/{id}", { params: { path: { id: 2 }, query: { formats: ["html", "blocks"] } } });
  const out: string[] = [];
  if (article && isFullArticle(article)) {
    const dateline: string | null = article.dateline; // always sent, may be null
    const section: string = article.section.name;
    const status: "draft" | "scheduled" | "published" | "archived" = article.status;
    const blocks = article.body.blocks ?? [];
    for (const b of blocks) {
      const kind: "paragraph" | "heading" | "quote" | "list" | "orderedList" | "figure" = b.type;
      out.push(kind);
    }
    out.push(dateline ?? "", section, status);
  }
  const { data: sparse } = await api.GET("/v1/articles/{id}", { params: { path: { id: 2 }, query: { fields: ["headline"] } } });
  if (sparse) {
    const id: number = sparse.id;
    // @ts-expect-error: with fields=, headline may be absent, so it is not a plain string.
    const headline: string = sparse.headline;
    out.push(String(id), headline);
  }
  const { data: page } = await api.GET("/v1/teasers", { params: { query: { limit: 20, section: "international" } } });
  const first: Teaser | undefined = page?.items[0];
  const next: string | null | undefined = page?.nextCursor;
  out.push(first?.headline ?? "", next ?? "");
  const { data: adjacent } = await api.GET("/v1/articles/{id}/adjacent", { params: { path: { id: 2 }, query: { scope: "site" } } });
  out.push(adjacent?.previous?.headline ?? "", adjacent?.next?.url ?? "");
  const { data: hits } = await api.GET("/v1/search", { params: { query: { q: "पुतिन" } } });
  out.push(...(hits?.items.map((h) => h.snippet) ?? []));
  // @ts-expect-error: fields is a closed set.
  await api.GET("/v1/articles", { params: { query: { fields: ["headlines"] } } });
  return out;
}

export async function writes(full: Article): Promise<void> {
  const admin = createNewsApiClient({ baseUrl: "http://127.0.0.1:8080", apiKey: "k" });
  await admin.PATCH("/v1/admin/articles/{id}", {
    params: { path: { id: full.id }, header: { "If-Match": `"${full.version}"` } },
    body: { subheadline: null },
    headers: mergePatch,
  });
  // @ts-expect-error: a key's role is a closed set.
  await admin.POST("/v1/admin/keys", { body: { name: "x", role: "superuser", author: null } });
}
