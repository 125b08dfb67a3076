import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { SalesOrderDetail } from "../components/SalesOrderDetail";
import { requireCooperativeMember } from "../lib/auth.server";
import { actOnOrder, loadOrderPage } from "../lib/sales.server";
import { ErrorPage } from "../root";

function codeFrom(raw: string | undefined): string {
  return (raw ?? "").toUpperCase();
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = requireCooperativeMember(context, request);
  const code = codeFrom(params.code);
  if (user.role === "staff") throw redirect(`/staff/orders/${encodeURIComponent(code)}`);
  return json(await loadOrderPage(request, context, user, code));
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? ""} · HTX Connect` },
];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireCooperativeMember(context, request);
  const code = codeFrom(params.code);
  return actOnOrder(request, context, user, code, `/cooperative/orders/${encodeURIComponent(code)}`);
}

export default function CooperativeOrder() {
  const { order, transferReference, locale, done, rules } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <div className="container section">
      <SalesOrderDetail
        order={order}
        transferReference={transferReference}
        locale={locale}
        done={done}
        failure={failure}
        rules={rules}
        listPath="/cooperative/orders"
        self={`/cooperative/orders/${encodeURIComponent(order.code)}`}
      />
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
