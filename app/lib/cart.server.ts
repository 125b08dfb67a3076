import type { AppLoadContext } from "@remix-run/node";
import type { CartOwner } from "../../server/orders";

/** Whose cart this request works on: the signed-in user's, or the guest's from its cookie. */
export function cartOwner(context: AppLoadContext): CartOwner {
  return context.user ? { userId: context.user.id } : { token: context.cart.guestToken };
}

/**
 * Headers for a response that signs someone in: the session cookie, and — when a guest cart was waiting — its
 * lines merged into the user's cart and the guest cookie cleared.
 */
export async function signInHeaders(
  context: AppLoadContext,
  userId: number,
  token: string,
): Promise<Headers> {
  const headers = new Headers();
  headers.append("Set-Cookie", await context.session.commit(token));
  if (context.cart.guestToken) {
    await context.services.orders.mergeGuestCart({ guestToken: context.cart.guestToken, userId });
    headers.append("Set-Cookie", await context.cart.clear());
  }
  return headers;
}
