import { NotFoundNotice } from "@/components/shell/not-found-notice";

export default function WorkspaceNotFound() {
  return (
    <NotFoundNotice
      title="Workspace not found"
      text="The workspace doesn't exist, or you don't have a role on it. Ask an Owner of its subscription for access."
    />
  );
}
