import { chromium } from "playwright-core";
const [url, out, width, login] = process.argv.slice(2);
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox","--disable-gpu","--disable-background-networking","--disable-component-update","--disable-sync","--no-first-run"] });
const ctx = await b.newContext({ viewport: { width: Number(width||1280), height: 900 }, locale: "vi-VN" });
const p = await ctx.newPage();
const errors = [];
p.on("console", m => { if (m.type()==="error") errors.push(m.text()); });
if (login) {
  await p.goto(new URL("/login", url).href);
  await p.fill("#email", login); await p.fill("#password", "htx-demo-2026");
  await Promise.all([p.waitForNavigation(), p.click("button[type=submit].button")]);
}
await p.goto(url, { waitUntil: "networkidle" });
await p.screenshot({ path: out, fullPage: true });
console.log("console errors:", errors);
await b.close();
