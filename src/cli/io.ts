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
  /** Interactive terminal: colour (unless NO_COLOR) and confirmation prompts. */
  isTTY: boolean;
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

export function useColor(io: CliIo): boolean {
  return io.isTTY && io.env.NO_COLOR === undefined && io.env.TERM !== 'dumb';
}
