import type { ErrorCode } from "../errors";
import type { CommitResult, ScanReport } from "./commit-scan";

/** A report for the commit thread (structured-cloned: dates, bigints and uploaded bytes travel as they are). */
export type CommitRequest = { id: number; report: ScanReport };
/** Its answer: the commit's result, or the error it threw (an AppError keeps its code and message). */
export type CommitReply = { id: number; result: CommitResult } | { id: number; error: { appCode?: ErrorCode; message: string } };
