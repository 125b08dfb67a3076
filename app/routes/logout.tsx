import { redirect, type ActionFunctionArgs } from "@remix-run/node";

export async function loader() {
  return redirect("/");
}

/** POST only: a link or an image cannot log anyone out. */
export async function action({ context }: ActionFunctionArgs) {
  await context.services.accounts.logout({ token: context.session.token });
  return redirect("/", { headers: { "Set-Cookie": await context.session.clear() } });
}
