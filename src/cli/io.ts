// What the CLI needs from the outside world, passed in so tests and the demo drive the real CLI
// in-process. Output goes through a redactor, as a last resort for text that does not come from
// the plan (messages, provider answers, the --verbose log). Plan data is never masked: it is written
// through `planOutput`, exactly as the plan says, and plansync refuses plan data that carries a
// credential's value instead (src/config/secret-values.ts, src/engine/live-secrets.ts).

import { MIN_SECRET_LENGTH } from '../config/secret-values.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Interactive terminal: colour (see useColor) and confirmation prompts. */
  isTTY: boolean;
  /** `--no-color` was given: no colour whatever the environment says. */
  noColor?: boolean;
  /** Ask a yes/no question on the terminal; only "yes" confirms. */
  confirm(question: string): Promise<boolean>;
  /**
   * Where plan data goes (a rendered plan, plan JSON): the same streams without the redactor, which
   * must never change what a plan says. Absent where no redactor wraps the streams.
   */
  planData?: { stdout(text: string): void; stderr(text: string): void };
}

/** `io` with stdout and stderr masked by `redactor`, and `planData` writing the plan as it is. */
export function maskedIo(io: CliIo, redactor: Redactor): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(redactor.redact(text)),
    stderr: (text) => io.stderr(redactor.redact(text)),
    planData: { stdout: (text) => io.stdout(text), stderr: (text) => io.stderr(text) },
  };
}

/** The streams plan data is written to: never masked (see maskedIo). */
export function planOutput(io: CliIo): { stdout(text: string): void; stderr(text: string): void } {
  return io.planData ?? io;
}

export class Redactor {
  private secrets: string[] = [];

  add(values: Iterable<string | undefined>): void {
    for (const value of values) {
      // Very short values would mangle ordinary words; credentials are never that short.
      if (!value || value.length < MIN_SECRET_LENGTH) continue;
      // Also as it appears percent-encoded in a URL or form, and escaped inside a JSON string.
      for (const form of [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]) {
        if (!this.secrets.includes(form)) this.secrets.push(form);
      }
    }
    // Longest first, so a secret that contains another is masked whole rather than in pieces.
    this.secrets.sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('***');
    return out;
  }
}

/**
 * Whether output is coloured. The first rule that applies decides (docs/configuration.md, "Colour"):
 *   1. `--no-color` (io.noColor): off.
 *   2. FORCE_COLOR: `0` or `false` turns colour off; any other non-empty value turns it on, even
 *      without a terminal (CI logs that render ANSI). As in Node itself, it outranks NO_COLOR.
 *   3. NO_COLOR, non-empty (no-color.org): off.
 *   4. TERM=dumb: off.
 *   5. Otherwise: on when stdout is an interactive terminal.
 */
export function useColor(io: CliIo): boolean {
  if (io.noColor === true) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.isTTY && io.env.TERM !== 'dumb';
}
