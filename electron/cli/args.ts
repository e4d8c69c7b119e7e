// Strict option parsing shared by the subcommands: unknown options and missing values are usage errors.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, EXIT } from './usage';

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: T,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const detail =
      error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error);
    throw new CliError(`packet-journey ${command}: ${detail}. See "packet-journey --help".`, EXIT.usage);
  }
}

/** A wrong command line, as every subcommand says it: the command, what is wrong, where to read more. */
export function usageError(command: string, message: string): CliError {
  return new CliError(`packet-journey ${command}: ${message}. See "packet-journey --help".`, EXIT.usage);
}

export function requireOne(command: string, positionals: string[], what: string): string {
  if (positionals.length === 0)
    throw new CliError(`packet-journey ${command}: missing ${what}. See "packet-journey --help".`, EXIT.usage);
  if (positionals.length > 1)
    throw new CliError(`packet-journey ${command}: unexpected argument "${positionals[1]}".`, EXIT.usage);
  return positionals[0];
}
