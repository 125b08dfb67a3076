import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Highlighted } from "../../app/components/Highlighted";

describe("search highlights", () => {
  it("keeps <mark> and escapes any other markup", () => {
    expect(renderToStaticMarkup(<Highlighted html="<mark>Trà</mark> Tân Cương" />)).toBe(
      "<span><mark>Trà</mark> Tân Cương</span>",
    );
    const hostile = renderToStaticMarkup(
      <Highlighted html={"<img src=x onerror=alert(1)><mark>x</mark><script>alert(1)</script>"} />,
    );
    expect(hostile).not.toContain("<img");
    expect(hostile).not.toContain("<script");
    expect(hostile).toContain("&lt;img src=x onerror=alert(1)&gt;<mark>x</mark>&lt;script&gt;");
    // Already-escaped text stays escaped.
    expect(renderToStaticMarkup(<Highlighted html="&lt;b&gt; <mark>chè</mark>" />)).toBe(
      "<span>&lt;b&gt; <mark>chè</mark></span>",
    );
  });
});
