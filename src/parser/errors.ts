// A syntax error with the position it was found at; the CLI turns it into `path:line:col: error: …`.
import type { Position } from "../ast.js";

export class ParseError extends Error {
  constructor(
    message: string,
    readonly position: Position,
  ) {
    super(message);
    this.name = "ParseError";
  }
}
