import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { SalesOrderDetail } from "../components/SalesOrderDetail";
import { requireRole } from "../lib/auth.server";
import { actOnOrder, loadOrderPage } from "../lib/sales.server";
import { ErrorPage } from "../root";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  return json(await loadOrderPage(request, context, staff, (params.code ?? "").toUpperCase()));
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

/** Staff may record a bank transfer that arrived, cancel, and refund card orders. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = requireRole(context, request, "staff");
  const code = (params.code ?? "").toUpperCase();
  return actOnOrder(request, context, staff, code, `/staff/orders/${encodeURIComponent(code)}`);
}

export default function StaffOrder() {
  const { order, transferReference, locale, done, rules } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <SalesOrderDetail
      order={order}
      transferReference={transferReference}
      locale={locale}
      done={done}
      failure={failure}
      rules={rules}
      listPath="/staff/orders"
      self={`/staff/orders/${encodeURIComponent(order.code)}`}
    />
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
