// A single-page app: the URL decides the page (/, /section/{slug}, /search?q=, /preview/{token},
// /{section}/{slug} for articles, anything else 404); in-site links navigate without reloading.
import "./style.css";
import { api } from "./api";
import { articlePage, previewPage } from "./article";
import { el, show } from "./dom";
import { frontPage, searchPage, sectionPage } from "./lists";

function notFound(): void {
  show("पृष्ठ नहीं मिला",
    el("h1", { tabindex: "-1" }, "पृष्ठ नहीं मिला"),
    el("p", {}, "यह पृष्ठ मौजूद नहीं है या हटा दिया गया है। "),
    el("p", {}, el("a", { href: "/" }, "मुखपृष्ठ पर जाएँ")));
}

async function route(): Promise<void> {
  const segments = location.pathname.split("/").filter(Boolean).map((s) => decodeURIComponent(s));
  document.querySelectorAll<HTMLAnchorElement>("nav a").forEach((a) =>
    a.pathname === location.pathname ? a.setAttribute("aria-current", "page") : a.removeAttribute("aria-current"));
  if (segments.length === 0) return frontPage();
  if (segments[0] === "search" && segments.length === 1) return searchPage(new URLSearchParams(location.search).get("q") ?? "");
  if (segments[0] === "section" && segments.length === 2) return void ((await sectionPage(segments[1]!)) || notFound());
  if (segments[0] === "preview" && segments.length === 2) return previewPage(segments[1]!);
  if (segments.length === 2) return void ((await articlePage(segments[1]!)) || notFound());
  notFound();
}

function navigate(url: string): void {
  history.pushState({ navigated: true }, "", url);
  window.scrollTo(0, 0);
  void route();
}

document.addEventListener("click", (event) => {
  const link = (event.target as Element | null)?.closest?.("a");
  if (!link || link.origin !== location.origin || link.target || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  navigate(link.pathname + link.search);
});
document.querySelector<HTMLFormElement>("form.search")?.addEventListener("submit", (event) => {
  event.preventDefault();
  const q = (document.getElementById("q") as HTMLInputElement).value.trim();
  navigate(`/search?q=${encodeURIComponent(q)}`);
});
window.addEventListener("popstate", () => void route());

async function sections(): Promise<void> {
  const { data } = await api.GET("/v1/sections");
  const top = (data?.items ?? []).filter((s) => !s.parent && s.articleCount > 0);
  document.getElementById("sections")?.replaceChildren(...top.map((s) =>
    el("li", {}, el("a", { href: `/section/${encodeURIComponent(s.slug)}` }, s.name))));
}

void Promise.all([sections(), route()]).catch((error: unknown) => {
  show("त्रुटि", el("h1", { tabindex: "-1" }, "त्रुटि"), el("p", { role: "alert" }, `समाचार सेवा से संपर्क नहीं हो सका (${String(error)})।`));
});
