// A query Vigil cannot run, with where it is in the text so the editor can underline it.

export type QueryPosition = {
  /** 1-based line and column of the first character. */
  line: number;
  column: number;
  /** 0-based offset into the query text, and the length of the span. */
  offset: number;
  length: number;
};

export class KqlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly length: number,
  ) {
    super(message);
    this.name = "KqlError";
  }

  positionIn(text: string): QueryPosition {
    const before = text.slice(0, this.offset);
    const lines = before.split("\n");
    return { line: lines.length, column: lines[lines.length - 1].length + 1, offset: this.offset, length: this.length };
  }
}
