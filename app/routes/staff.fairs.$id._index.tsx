import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fairTabPath, type FairTab } from "../components/FairAdmin";
import { FairBoothPanel } from "../components/FairBoothPanel";
import { FairElementsSection, FairGridSection, FairHallsSection } from "../components/FairPlanForms";
import { BoothList, PlanViewSwitch, usePlanView } from "../components/BoothList";
import { FloorPlan } from "../components/FloorPlan";
import { UnclaimedFailure, type IntentFailureData } from "../components/IntentForm";
import {
  runTabForm,
  staffFairView,
  staffOnFair,
  type FairEditor,
  type TabForm,
} from "../lib/fair-admin.server";
import { formId, readForm, type FormValues } from "../lib/forms.server";
import { ErrorPage } from "../root";

const MOVED_TABS: readonly FairTab[] = ["bookings", "waitlist", "details"];

/**
 * Where an old `?tab=` link (bookmarks, the fairs list) now leads: the tab's own address, the rest of its query
 * (status filter, booking, booth) kept. The plan and anything unknown stay here.
 */
function movedTab(request: Request, fairId: number): string | null {
  const url = new URL(request.url);
  if (!url.searchParams.has("tab")) return null;
  const tab = MOVED_TABS.find((x) => x === url.searchParams.get("tab"));
  url.searchParams.delete("tab");
  const qs = url.searchParams.toString();
  return `${fairTabPath(fairId, tab)}${qs ? `?${qs}` : ""}`;
}

/** The plan tab, the fair's own address: halls, the booths on the plan or in a list, the chosen booth's panel. */
export async function loader(args: LoaderFunctionArgs) {
  // Guarded first, so an old link tells nobody but staff where a tab went.
  const moved = movedTab(args.request, staffOnFair(args).fairId);
  if (moved) return redirect(moved, 301);
  const { view, locale, t } = await staffFairView(args);
  const booth = Number(new URL(args.request.url).searchParams.get("booth"));
  return json({
    fairId: view.fair.id,
    halls: view.halls,
    // The booth panel names who holds its booth; the rest of the bookings are the bookings tab's.
    holders: view.bookings
      .filter((b) => b.active)
      .map((b) => ({
        boothId: b.boothId,
        publicId: b.publicId,
        status: b.status,
        cooperative: b.cooperative?.name ?? "",
      })),
    boothId: Number.isSafeInteger(booth) && booth > 0 ? booth : null,
    rules: args.context.services.forms.rules("hall", "hallNames", "grid", "booth", "planElement"),
    locale,
    title: `${t("fairAdmin:tabs.plan")} · ${view.fair.name}`,
  });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** The plan's forms, told apart by their hidden `intent`. */
function planForm(intent: string, values: FormValues, { fairs, staff, fairId }: FairEditor): TabForm | null {
  switch (intent) {
    case "hall":
      return {
        done: "hall",
        work: async () => {
          await fairs.addHall(staff, { fairId, form: values });
        },
      };
    case "grid":
      return {
        done: "grid",
        work: async () => ({
          n: String((await fairs.generateBoothGrid(staff, { fairId, form: values })).created),
        }),
      };
    case "booth":
      return {
        done: "booth",
        work: () => fairs.updateBooth(staff, { boothId: formId(values, "boothId"), form: values }),
      };
    case "hallNames":
      return {
        done: "hallNames",
        work: () => fairs.renameHall(staff, { fairId, hallId: formId(values, "hallId"), form: values }),
      };
    case "element":
      return {
        done: "element",
        work: async () => {
          await fairs.addPlanElement(staff, { fairId, form: values });
        },
      };
    case "elementUpdate":
      return {
        done: "elementSaved",
        work: () =>
          fairs.updatePlanElement(staff, { fairId, elementId: formId(values, "elementId"), form: values }),
      };
    case "elementDelete":
      return {
        done: "elementDeleted",
        work: () => fairs.deletePlanElement(staff, { fairId, elementId: formId(values, "elementId") }),
      };
    case "deleteBooth":
      return {
        done: "boothDeleted",
        work: async () => {
          await fairs.deleteBooth(staff, { boothId: formId(values, "boothId") });
          return { booth: null };
        },
      };
    default:
      return null;
  }
}

export async function action(args: ActionFunctionArgs) {
  const editor = staffOnFair(args);
  const values = await readForm(args.request);
  return runTabForm(args.request, values, planForm(String(values.intent ?? ""), values, editor));
}

export default function FairPlanTab() {
  const { fairId, halls, holders, boothId, rules, locale } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const view = usePlanView();
  const selected = halls.flatMap((h) => h.booths).find((b) => b.id === boothId);
  // The hall form is always there, the grid's once there is a hall, a booth's while its panel is open.
  const claimed = (f: IntentFailureData) =>
    f.intent === "hall" ||
    (f.intent === "hallNames" && halls.some((h) => String(h.id) === f.values.hallId)) ||
    (f.intent === "element" && halls.length > 0) ||
    ((f.intent === "elementUpdate" || f.intent === "elementDelete") &&
      halls.some((h) => h.elements.some((e) => String(e.id) === f.values.elementId))) ||
    (f.intent === "grid" && halls.length > 0) ||
    ((f.intent === "booth" || f.intent === "deleteBooth") &&
      selected !== undefined &&
      f.values.boothId === String(selected.id));
  const boothHref = (b: { id: number }) => `?booth=${b.id}${view === "list" ? "&view=list" : ""}#booth-panel`;
  return (
    <>
      <UnclaimedFailure claimed={claimed} />
      {halls.length === 0 ? (
        <p className="notice notice-pending">{t("fairAdmin:plan.start")}</p>
      ) : (
        <section aria-labelledby="plan-title" className="fa-plan">
          <div className="fa-section-head">
            <h2 id="plan-title">{t("fairAdmin:plan.title")}</h2>
            <PlanViewSwitch anchor="plan-title" />
          </div>
          <p className="muted small">{t("fairAdmin:plan.hint")}</p>
          {view === "list" ? (
            <BoothList halls={halls} mode="staff" boothHref={boothHref} selectedBoothId={selected?.id} />
          ) : (
            <FloorPlan halls={halls} mode="staff" boothHref={boothHref} selectedBoothId={selected?.id} />
          )}
        </section>
      )}
      {boothId !== null && !selected && (
        <p className="notice notice-pending" id="booth-panel">
          {t("fairAdmin:booth.gone")}
        </p>
      )}
      {selected && (
        <FairBoothPanel
          fairId={fairId}
          booth={selected}
          hall={halls.find((h) => h.booths.some((b) => b.id === selected.id))}
          holder={holders.find((h) => h.boothId === selected.id)}
          rules={rules.booth}
          locale={locale}
        />
      )}
      <FairHallsSection halls={halls} rules={rules.hall} renameRules={rules.hallNames} locale={locale} />
      {halls.length > 0 && <FairGridSection halls={halls} rules={rules.grid} />}
      {halls.length > 0 && <FairElementsSection halls={halls} rules={rules.planElement} />}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
