// What a command writes to, and a command's shape.
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  color: boolean;
  /** stderr is a terminal: progress can be drawn. */
  interactive?: boolean;
}

export type Command = (args: string[], io: Io) => Promise<number>;
