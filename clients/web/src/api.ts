// The one place the site talks to NewsApi: the typed client generated from the contract (clients/typescript).
import { createNewsApiClient } from "@newsapi/client";

/** Set at build time (`VITE_NEWSAPI_URL=https://api.example.com npm run build`); the contract's local server otherwise. */
export const apiBase: string = import.meta.env.VITE_NEWSAPI_URL ?? "http://localhost:8080";

export const api = createNewsApiClient({ baseUrl: apiBase });

/** The site path of an article: the API's `url` has the site's path pattern (/{section}/{slug}) on its public host. */
export function sitePath(url: string): string {
  return new URL(url, "http://site.invalid").pathname;
}
