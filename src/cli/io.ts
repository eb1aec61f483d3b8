// What the CLI needs from the outside world, passed in so tests and the demo drive the real CLI
// in-process. Output goes through a redactor: no credential value is ever printed.

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Interactive terminal: colour (unless NO_COLOR) and confirmation prompts. */
  isTTY: boolean;
  /** Ask a yes/no question on the terminal; only "yes" confirms. */
  confirm(question: string): Promise<boolean>;
}

export class Redactor {
  private secrets: string[] = [];

  add(values: Iterable<string | undefined>): void {
    for (const value of values) {
      // Very short values would mangle ordinary words; credentials are never that short.
      if (!value || value.length < 4) continue;
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
