/** A one-line error for the user: the CLI prints it without a stack trace and exits non-zero. */
export class CliError extends Error {}

export interface ParsedArgs {
  command: string;
  flags: Record<string, string | true>;
  /** Repeated `--set key=value` method parameters. */
  sets: Record<string, string>;
}

const BOOLEAN_FLAGS = new Set(['json', 'help', 'debug', 'quiet']);

export function parseArgs(argv: string[]): ParsedArgs {
  const [command = 'help', ...rest] = argv;
  const flags: Record<string, string | true> = {};
  const sets: Record<string, string> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) throw new CliError(`unexpected argument "${arg}" (flags start with --)`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    let value: string | true;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (BOOLEAN_FLAGS.has(name)) value = true;
    else {
      const next = rest[i + 1];
      if (next === undefined || next.startsWith('--')) throw new CliError(`--${name} needs a value`);
      value = next;
      i++;
    }
    if (name === 'set') {
      if (value === true || !value.includes('=')) throw new CliError('--set takes key=value, e.g. --set loss=ssim');
      const [k, ...v] = value.split('=');
      sets[k!] = v.join('=');
    } else flags[name] = value;
  }
  return { command, flags, sets };
}

export function intFlag(flags: ParsedArgs['flags'], name: string, fallback: number, min = 1, max = 1_000_000): number {
  const v = flags[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || !Number.isInteger(n) || n < min || n > max) throw new CliError(`--${name} must be an integer in [${min}, ${max}], got ${String(v)}`);
  return n;
}

export function stringFlag(flags: ParsedArgs['flags'], name: string): string | undefined {
  const v = flags[name];
  if (v === true) throw new CliError(`--${name} needs a value`);
  return v;
}
