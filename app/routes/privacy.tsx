import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useTranslation } from "react-i18next";

/**
 * The notice's sections, in reading order. Their text is in the `privacy` resource files: a title, and any of
 * `paragraphs`, a list of `items`, and paragraphs `after` the list.
 */
const SECTIONS = [
  "controller",
  "collected",
  "buyers",
  "cooperatives",
  "staff",
  "purposes",
  "basis",
  "retention",
  "sharing",
  "rights",
  "security",
  "contact",
] as const;
/** Who gives what: these sections sit under "What we collect". */
const PER_USER: ReadonlySet<string> = new Set(["buyers", "cooperatives", "staff"]);

/** The privacy notice that registration asks everyone to agree to (Decree 13/2023/NĐ-CP). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { i18n } = context.services;
  const t = i18n.t(await i18n.getLocale(request));
  return json({ title: t("privacy:title"), description: t("privacy:lead") });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
  { name: "description", content: data?.description ?? "" },
];

export default function Privacy() {
  const { t } = useTranslation();
  const list = (key: string) => {
    const value: unknown = t(key, { returnObjects: true, defaultValue: [] });
    return Array.isArray(value) ? value.map(String) : [];
  };
  const email = t("privacy:email");
  return (
    <div className="container narrow section privacy-page">
      <h1>{t("privacy:title")}</h1>
      <p className="lead">{t("privacy:lead")}</p>
      <p className="muted">{t("privacy:updated")}</p>
      <nav aria-label={t("privacy:contents")}>
        <ol>
          {SECTIONS.filter((s) => !PER_USER.has(s)).map((s) => (
            <li key={s}>
              <a href={`#${s}`}>{t(`privacy:sections.${s}.title`)}</a>
            </li>
          ))}
        </ol>
      </nav>
      {SECTIONS.map((s) => {
        const Heading = PER_USER.has(s) ? "h3" : "h2";
        return (
          <section key={s} id={s} aria-labelledby={`${s}-title`}>
            <Heading id={`${s}-title`}>{t(`privacy:sections.${s}.title`)}</Heading>
            <Paragraphs texts={list(`privacy:sections.${s}.paragraphs`)} />
            <Items texts={list(`privacy:sections.${s}.items`)} />
            <Paragraphs texts={list(`privacy:sections.${s}.after`)} />
            {s === "contact" && (
              <p>
                <a href={`mailto:${email}`}>{email}</a>
              </p>
            )}
          </section>
        );
      })}
    </div>
  );
}

function Paragraphs({ texts }: { texts: string[] }) {
  return (
    <>
      {texts.map((text) => (
        <p key={text}>{text}</p>
      ))}
    </>
  );
}

function Items({ texts }: { texts: string[] }) {
  if (texts.length === 0) return null;
  return (
    <ul>
      {texts.map((text) => (
        <li key={text}>{text}</li>
      ))}
    </ul>
  );
}
