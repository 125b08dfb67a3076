import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConferencePhaseBadge, conferenceDays } from "../components/Conferences";
import { requireRole } from "../lib/auth.server";
import { orRespond } from "../lib/forms.server";
import { formatNumber } from "../../server/vocabulary/format";

/** Every matchmaking conference, newest first, with its phase and how many have registered. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const { matching, i18n } = context.services;
  const locale = await i18n.getLocale(request);
  const conferences = await orRespond(matching.listConferencesForStaff(staff, { locale }));
  return json({ conferences, locale, title: i18n.t(locale)("conferences:staff.title") });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export default function StaffConferences() {
  const { conferences, locale, title } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{title}</h1>
      <p>
        <Link to="/staff/conferences/new" className="button">
          {t("conferences:staff.new")}
        </Link>
      </p>
      {conferences.length === 0 ? (
        <p className="muted">{t("conferences:staff.empty")}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("conferences:staff.name")}</th>
              <th scope="col">{t("conferences:staff.days")}</th>
              <th scope="col">{t("conferences:staff.phase")}</th>
              <th scope="col" className="num">
                {t("conferences:staff.participants")}
              </th>
            </tr>
          </thead>
          <tbody>
            {conferences.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/staff/conferences/${c.id}`}>{c.name}</Link>
                </td>
                <td>{conferenceDays(c, locale)}</td>
                <td>
                  <ConferencePhaseBadge phase={c.phase} />
                </td>
                <td className="num">{formatNumber(c.participants, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
