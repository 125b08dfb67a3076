/**
 * The patches in patches/ (applied by patch-package on `npm ci`, issue 14): each keeps its dependency's behaviour and
 * stops one piece of work being repeated on every request. These tests fail if a patch is not applied, and prove
 * that what is now cached is thrown away when it must be.
 */
import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DataTypes, Sequelize } from "sequelize";
import sqlite3 from "sqlite3";

// What the server loads: the CommonJS builds (the browser bundle has its own, unpatched).
const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof import("@remix-run/router");
const { createStaticRouter } = require("react-router-dom/server") as typeof import("react-router-dom/server");

afterEach(() => {
  vi.restoreAllMocks();
});

/** A route tree whose `path` reads are counted: flattening and ranking read every route's path. */
function countedRoutes() {
  const reads = { count: 0 };
  const route = (id: string, path: string | undefined, children?: object[]) => {
    const r: Record<string, unknown> = { id, children };
    Object.defineProperty(r, "path", {
      enumerable: true,
      get: () => {
        reads.count++;
        return path;
      },
    });
    return r;
  };
  const routes = [
    route("root", "", [
      route("products", "products", [route("product", ":slug"), route("new", "new")]),
      route("fairs", "fairs/:slug"),
      route("splat", "*"),
    ]),
  ];
  return { routes, reads };
}

describe("@remix-run/router: a route tree is flattened and ranked once", () => {
  it("matches as before, static segments first, and reads the tree only on the first call", () => {
    const { routes, reads } = countedRoutes();
    const ids = (path: string) => router.matchRoutes(routes as never, path)?.map((m) => m.route.id);
    expect(ids("/products/new")).toEqual(["root", "products", "new"]);
    const afterFirst = reads.count;
    expect(afterFirst).toBeGreaterThan(0);
    expect(ids("/products/tra-tan-cuong")).toEqual(["root", "products", "product"]);
    expect(router.matchRoutes(routes as never, "/products/tra-tan-cuong")?.[2]?.params).toEqual({
      slug: "tra-tan-cuong",
    });
    expect(ids("/fairs/hoi-cho-2026")).toEqual(["root", "fairs"]);
    expect(ids("/anything/else")).toEqual(["root", "splat"]);
    expect(reads.count).toBe(afterFirst);
  });

  it("ranks a tree again once routes are patched into it while a navigation discovers them", async () => {
    // Lazy route discovery patches the in-flight routes array in place and matches that same array again.
    const tree = router
      .createRouter({
        history: router.createMemoryHistory({ initialEntries: ["/"] }),
        routes: [{ id: "root", path: "/", children: [{ id: "home", index: true }] }],
        patchRoutesOnNavigation: ({ path, patch }) => {
          if (path === "/muon") patch("root", [{ id: "late", path: "muon" }]);
        },
      })
      .initialize();
    await tree.navigate("/muon");
    expect(tree.state.errors).toBeNull();
    expect(tree.state.matches.map((m) => m.route.id)).toEqual(["root", "late"]);
    tree.dispose();
  });

  it("compiles equal patterns to one shared, stateless matcher", () => {
    const a = router.matchPath("/products/:slug", "/products/mien-dong");
    const b = router.matchPath("/products/:slug", "/products/che-thai");
    expect(a?.params).toEqual({ slug: "mien-dong" });
    expect(b?.params).toEqual({ slug: "che-thai" });
    expect(router.matchPath({ path: "/Products", caseSensitive: true }, "/products")).toBeNull();
    expect(router.matchPath({ path: "/Products", caseSensitive: false }, "/products")).not.toBeNull();
  });
});

describe("react-router-dom/server: a route tree's data routes are made once", () => {
  it("gives every static router of the same tree the same data routes", () => {
    const routes = [{ id: "root", path: "/", children: [{ id: "child", path: "x" }] }];
    const context = (path: string) =>
      ({
        basename: "/",
        location: { pathname: path, search: "", hash: "", state: null, key: "default" },
        matches: [],
        loaderData: {},
        actionData: null,
        errors: null,
        statusCode: 200,
        loaderHeaders: {},
        actionHeaders: {},
        activeDeferreds: null,
      }) as never;
    const first = createStaticRouter(routes, context("/"));
    const second = createStaticRouter(routes, context("/x"));
    expect(second.routes).toBe(first.routes);
    expect(second.state.location.pathname).toBe("/x");
    expect(createStaticRouter([...routes], context("/")).routes).not.toBe(first.routes);
  });
});

describe("sequelize (SQLite): column types are read once per table, until the table changes", () => {
  it("asks for a table's columns once, and again after ALTER TABLE, so a new column is still parsed", async () => {
    const sequelize = new Sequelize("sqlite::memory:", { logging: false });
    try {
      const pragmas: string[] = [];
      const all = sqlite3.Database.prototype.all;
      vi.spyOn(sqlite3.Database.prototype, "all").mockImplementation(function (
        this: sqlite3.Database,
        sql: string,
        ...rest: unknown[]
      ) {
        if (/PRAGMA table_info/i.test(sql)) pragmas.push(sql);
        return (all as (...a: unknown[]) => sqlite3.Database).call(this, sql, ...rest);
      });
      const Harvest = sequelize.define("Harvest", { crop: DataTypes.STRING }, { timestamps: false });
      await Harvest.sync();
      await Harvest.create({ crop: "chè" });
      pragmas.length = 0;
      await Harvest.findAll();
      await Harvest.findAll();
      await Harvest.findAll();
      expect(pragmas).toHaveLength(1);

      await sequelize.query("ALTER TABLE `Harvests` ADD COLUMN `pickedAt` DATETIME");
      const Later = sequelize.define(
        "Harvest",
        { crop: DataTypes.STRING, pickedAt: DataTypes.DATE },
        { timestamps: false },
      );
      await Later.create({ crop: "quế", pickedAt: new Date("2026-05-01T03:00:00Z") });
      const rows = await Later.findAll({ where: { crop: "quế" } });
      expect(rows[0]!.get("pickedAt")).toBeInstanceOf(Date);
      expect(pragmas).toHaveLength(2);
    } finally {
      await sequelize.close();
    }
  });

  it("still gives a failed query's error the caller's stack", async () => {
    const sequelize = new Sequelize("sqlite::memory:", { logging: false });
    try {
      const error = (await sequelize
        .query("SELECT * FROM `missing_table`")
        .catch((e: unknown) => e)) as Error;
      expect(error.message).toMatch(/no such table/);
      expect(error.stack).toContain("dependency-patches.test.ts");
    } finally {
      await sequelize.close();
    }
  });
});
