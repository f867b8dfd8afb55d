// The typed NewsApi client: types come from src/schema.d.ts, which `npm run generate` writes from
// openapi/newsapi.v1.json (never edit it by hand); calls go through openapi-fetch, which checks paths,
// parameters and bodies against those types at compile time and adds nothing at run time but fetch.
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./schema";

export type { components, operations, paths } from "./schema";

export type Schemas = components["schemas"];
export type Article = Schemas["Article"];
/** An article answered with `fields=`: only `id` is sure to be there. */
export type ArticleFields = Schemas["ArticleFields"];
export type Teaser = Schemas["Teaser"];
export type RelatedTeaser = Schemas["RelatedTeaser"];
export type Adjacent = Schemas["Adjacent"];
export type SearchHit = Schemas["SearchHit"];
export type SectionItem = Schemas["SectionItem"];
export type Problem = Schemas["ProblemDetails"];

export interface NewsApiOptions {
  /** The API's origin, e.g. http://localhost:8080 (the contract's `servers` entry). */
  baseUrl: string;
  /** An API key, sent as `Authorization: Bearer` (admin and partner calls, or a content API that requires keys). */
  apiKey?: string;
  fetch?: typeof globalThis.fetch;
}

export type NewsApiClient = Client<paths>;

export function createNewsApiClient(options: NewsApiOptions): NewsApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    // The contract declares fields and formats as `style: form, explode: false` (fields=a,b); openapi-fetch
    // does not read the contract at run time, so its default (fields=a&fields=b) is overridden here.
    querySerializer: { array: { style: "form", explode: false } },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const key = options.apiKey;
  if (key) {
    client.use({
      onRequest({ request }) {
        request.headers.set("Authorization", `Bearer ${key}`);
        return request;
      },
    });
  }
  return client;
}

/** The answer to a call without `fields` is the full article; with `fields`, narrow before reading a member. */
export function isFullArticle(article: Article | ArticleFields): article is Article {
  return "headline" in article && "body" in article && "section" in article && "version" in article;
}

/** A merge patch (RFC 7396) must be sent as application/merge-patch+json; openapi-fetch defaults to application/json. */
export const mergePatch = { "Content-Type": "application/merge-patch+json" } as const;
