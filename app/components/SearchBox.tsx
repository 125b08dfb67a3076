import { Form, useFetcher, useNavigate, useSearchParams } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Highlighted } from "./Highlighted";

interface Suggestion {
  slug: string;
  name: string;
  highlight: string | null;
  cooperative: string;
}

/**
 * The header search: a plain GET form to /products (works without JavaScript) that, in the browser, suggests
 * products as you type (debounced fetcher), navigable with ↑ ↓ Enter and Escape (ARIA combobox pattern).
 */
export function SearchBox() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const fetcher = useFetcher<{ q: string; suggestions: Suggestion[] }>();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const urlQuery = params.get("q") ?? "";
  const [value, setValue] = useState(urlQuery);
  // Follow the URL when it changes by navigation (Back, a tag link), not only by typing.
  useEffect(() => {
    setValue(urlQuery);
    setOpen(false);
  }, [urlQuery]);

  const timer = useRef<ReturnType<typeof setTimeout>>();
  const listId = useId();
  const suggestions = fetcher.data && fetcher.data.q === value.trim() ? fetcher.data.suggestions : [];

  useEffect(() => () => clearTimeout(timer.current), []);

  function onInput(next: string) {
    setValue(next);
    setActive(-1);
    clearTimeout(timer.current);
    const q = next.trim();
    if (q.length < 2) {
      setOpen(false);
      return;
    }
    timer.current = setTimeout(() => {
      fetcher.load(`/api/v1/suggest?q=${encodeURIComponent(q)}`);
      setOpen(true);
    }, 150);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (!open || suggestions.length === 0) return;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((i) => (i + 1) % suggestions.length);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => (i <= 0 ? suggestions.length - 1 : i - 1));
    } else if (e.key === "Escape") {
      setOpen(false);
      setActive(-1);
    } else if (e.key === "Enter" && active >= 0) {
      e.preventDefault();
      setOpen(false);
      navigate(`/products/${suggestions[active]!.slug}`);
    }
  }

  const expanded = open && value.trim().length >= 2 && suggestions.length > 0;
  return (
    <Form
      method="get"
      action="/products"
      role="search"
      className="search-box"
      onSubmit={() => setOpen(false)}
    >
      <label htmlFor="site-search" className="visually-hidden">
        {t("catalogue:search.label")}
      </label>
      <input
        id="site-search"
        name="q"
        type="search"
        autoComplete="off"
        value={value}
        placeholder={t("catalogue:search.placeholder")}
        onChange={(e) => onInput(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onFocus={() => value.trim().length >= 2 && setOpen(true)}
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
      />
      <button
        type="submit"
        className="button button-small search-submit"
        title={t("catalogue:search.submit")}
      >
        <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="18" height="18">
          <circle cx="10.5" cy="10.5" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.2" />
          <path d="m15.5 15.5 5 5" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
        </svg>
        {/* The word on a wide screen; on a phone only the magnifier shows and the word stays its name. */}
        <span className="search-submit-label">{t("catalogue:search.submit")}</span>
      </button>
      <ul
        id={listId}
        role="listbox"
        className="suggestions"
        hidden={!expanded}
        aria-label={t("catalogue:search.suggestions")}
      >
        {suggestions.map((s, i) => (
          <li
            key={s.slug}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            onMouseDown={(e) => {
              e.preventDefault();
              setOpen(false);
              navigate(`/products/${s.slug}`);
            }}
            onMouseEnter={() => setActive(i)}
          >
            <span className="suggestion-name">
              {s.highlight ? <Highlighted html={s.highlight} /> : s.name}
            </span>
            <span className="small muted"> · {s.cooperative}</span>
          </li>
        ))}
      </ul>
    </Form>
  );
}
