import { defineConfig } from "vite";

// A static single-page app: dist/ is served by any static server that falls back to index.html.
export default defineConfig({
  build: { outDir: "dist", emptyOutDir: true, target: "es2022" },
  preview: { host: "127.0.0.1", port: 4173, strictPort: true },
  server: { host: "127.0.0.1", port: 5173, strictPort: true },
});
