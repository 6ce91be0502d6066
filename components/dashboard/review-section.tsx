"use client";

import { useState } from "react";
import {
  Badge,
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  Textarea,
  tokens,
} from "@fluentui/react-components";
import type { TChangeDetails } from "@/lib/contracts/changes";
import { REVIEW_STATES, type ReviewState } from "@/lib/domain/types";
import { useReviewChange } from "@/lib/client/dashboard";
import { dateTime, REVIEW_BADGE, REVIEW_LABEL } from "@/components/ui/format";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: "10px" },
  line: { display: "flex", alignItems: "center", gap: "8px", flexWrap: "wrap" },
  muted: { color: tokens.colorNeutralForeground3 },
  form: { display: "flex", flexDirection: "column", gap: "8px", maxWidth: "520px" },
  history: { margin: 0, paddingLeft: "18px", display: "flex", flexDirection: "column", gap: "4px" },
});

const who = (email: string | null, at: string | null) => (email && at ? `by ${email}, ${dateTime(at)}` : "");

/** Change details' review: the state, who set it and why, its history, and (for Contributors and Owners) a way to set it. */
export function ReviewSection({ workspaceId, d, canReview }: { workspaceId: string; d: TChangeDetails; canReview: boolean }) {
  const s = useStyles();
  const save = useReviewChange(workspaceId, d.id);
  const [state, setState] = useState<ReviewState>(d.review.state);
  const [comment, setComment] = useState("");
  const submit = () => save.mutate({ state, comment: comment.trim() || undefined }, { onSuccess: () => setComment("") });

  return (
    <div className={s.root}>
      <div className={s.line}>
        <Badge appearance="filled" color={REVIEW_BADGE[d.review.state]} aria-label={`Review state: ${d.review.state}`}>
          {REVIEW_LABEL[d.review.state]}
        </Badge>
        <Text className={s.muted}>{d.review.at ? who(d.review.byEmail, d.review.at) : "Nobody has reviewed this change yet."}</Text>
      </div>
      {d.review.comment && <Text>“{d.review.comment}”</Text>}
      {canReview && (
        <div className={s.form}>
          <RadioGroup
            layout="horizontal"
            aria-label="Set the review state"
            value={state}
            onChange={(_, v) => setState(v.value as ReviewState)}
          >
            {REVIEW_STATES.map((r) => (
              <Radio key={r} value={r} label={REVIEW_LABEL[r]} />
            ))}
          </RadioGroup>
          <Field label="Comment (optional)">
            <Textarea value={comment} onChange={(_, v) => setComment(v.value)} maxLength={1000} />
          </Field>
          <div>
            <Button
              appearance="primary"
              onClick={submit}
              disabled={save.isPending}
              icon={save.isPending ? <Spinner size="tiny" /> : undefined}
            >
              Save review
            </Button>
          </div>
          {save.isError && (
            <MessageBar intent="error">
              <MessageBarBody>Could not save the review: {save.error.message}</MessageBarBody>
            </MessageBar>
          )}
        </div>
      )}
      {d.reviewHistory.length > 0 && (
        <ol className={s.history} aria-label="Review history">
          {d.reviewHistory.map((h, i) => (
            <li key={i}>
              {REVIEW_LABEL[h.previousState]} → <strong>{REVIEW_LABEL[h.state]}</strong> {who(h.actorEmail, h.at)}
              {h.bulk ? " (bulk review)" : ""}
              {h.comment ? `: “${h.comment}”` : ""}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
