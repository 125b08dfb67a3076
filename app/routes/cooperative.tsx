import { Outlet } from "@remix-run/react";
import { CooperativeWorkspace } from "../components/CooperativeWorkspace";
import { ErrorPage } from "../root";

/**
 * The cooperative's workspace: its own navigation beside every page under /cooperative, instead of links
 * in the shop's header. No loader: each page checks who is asking (requireRole) and loads only what it shows.
 */
export default function CooperativeWorkspaceLayout() {
  return (
    <CooperativeWorkspace>
      <Outlet />
    </CooperativeWorkspace>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
