import path from "node:path";
import process from "node:process";

// The load benchmark (tests/bench/load.ts) builds into a directory of its own, with two constant "ceiling" routes
// that the app's own build never has.
const benchDir = process.env.HTX_BENCH_BUILD_DIR;

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // i18next and friends ship ESM that the server bundle must include.
  serverDependenciesToBundle: [/^remix-i18next/],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: false,
  },
  ...(benchDir && {
    serverBuildPath: path.join(benchDir, "build/index.js"),
    assetsBuildDirectory: path.join(benchDir, "public/build"),
    routes: (defineRoutes) =>
      defineRoutes((route) => {
        route("/__bench/ceiling", "../tests/bench/ceiling/page.tsx");
        route("/__bench/ceiling.json", "../tests/bench/ceiling/json.ts");
        route("/__bench/home-constant", "../tests/bench/ceiling/home-constant.tsx");
      }),
  }),
};
