"use client";

import { useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  MessageBar,
  MessageBarBody,
  Spinner,
  Textarea,
} from "@fluentui/react-components";
import { CheckmarkCircleRegular } from "@fluentui/react-icons";
import type { TBulkReviewResult } from "@/lib/contracts/reviews";
import type { DashboardPeriod } from "@/lib/domain/dashboard-period";
import type { ReviewState } from "@/lib/domain/types";
import { useBulkReview, type ChangeFilterParams } from "@/lib/client/dashboard";
import { count } from "@/components/ui/format";

type Marking = "Expected" | "Suspicious";

/**
 * "Mark as Expected / Suspicious" for every change of the Changes tab's current filter: counts them first, asks with
 * the count, then reviews them all in one request and says how many changed.
 */
export function BulkReview(props: { workspaceId: string; period: DashboardPeriod; filter: ChangeFilterParams }) {
  const bulk = useBulkReview(props.workspaceId, props.period, props.filter);
  const [asking, setAsking] = useState<{ state: Marking; counted: TBulkReviewResult } | null>(null);
  const [comment, setComment] = useState("");
  const [done, setDone] = useState<TBulkReviewResult | null>(null);

  const ask = async (state: Marking) => {
    setDone(null);
    const counted = await bulk.mutateAsync({ state, dryRun: true }).catch(() => null);
    if (counted) setAsking({ state, counted });
  };
  const confirm = async () => {
    if (!asking) return;
    const result = await bulk.mutateAsync({ state: asking.state, comment: comment.trim() || undefined }).catch(() => null);
    if (result) {
      setDone(result);
      setAsking(null);
      setComment("");
    }
  };
  const n = asking?.counted.wouldUpdate ?? 0;
  const label = (state: ReviewState) => `Mark as ${state}`;

  return (
    <>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button icon={bulk.isPending && !asking ? <Spinner size="tiny" /> : <CheckmarkCircleRegular />}>Review these changes</Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem onClick={() => void ask("Expected")}>{label("Expected")}</MenuItem>
            <MenuItem onClick={() => void ask("Suspicious")}>{label("Suspicious")}</MenuItem>
          </MenuList>
        </MenuPopover>
      </Menu>
      {done && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>
            Marked {count(done.updated)} change{done.updated === 1 ? "" : "s"} as {done.state}.
          </MessageBarBody>
        </MessageBar>
      )}
      {bulk.isError && !asking && (
        <MessageBar intent="error">
          <MessageBarBody>Could not review these changes: {bulk.error.message}</MessageBarBody>
        </MessageBar>
      )}
      <Dialog modalType="alert" open={asking !== null} onOpenChange={(_, d) => !d.open && setAsking(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{asking && label(asking.state)}</DialogTitle>
            <DialogContent>
              {n === 0 ? (
                <p>Every change of this filter is already {asking?.state}; nothing would change.</p>
              ) : (
                <p>
                  Mark these {count(n)} change{n === 1 ? "" : "s"} as {asking?.state}?
                  {asking && asking.counted.matched > n ? ` (${count(asking.counted.matched - n)} more already are.)` : ""} They are every
                  change of the current filter and search in this period, on every page.
                </p>
              )}
              <Field label="Comment (optional)">
                <Textarea value={comment} onChange={(_, d) => setComment(d.value)} maxLength={1000} />
              </Field>
              {bulk.isError && (
                <MessageBar intent="error">
                  <MessageBarBody>{bulk.error.message}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                disabled={n === 0 || bulk.isPending}
                icon={bulk.isPending ? <Spinner size="tiny" /> : undefined}
                onClick={() => void confirm()}
              >
                {asking ? `Mark ${count(n)} as ${asking.state}` : "Mark"}
              </Button>
              <Button onClick={() => setAsking(null)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
