// The shape of one CLI command: its options are declared once and used for parsing,
// validation and `--help`, so the help can never list an option the parser does not know.
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly description: string;
  /** Shown in help; also the value when the option is absent (strings only). */
  readonly default?: string;
  readonly short?: string;
  /** The option may be given several times; its value is then a list. */
  readonly multiple?: boolean;
}

export interface ParsedOptions {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** e.g. "millwright start [options]" */
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Returns the process exit code. */
  run(options: ParsedOptions): Promise<number>;
}
