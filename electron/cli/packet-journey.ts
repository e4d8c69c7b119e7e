// The `packet-journey` command line: the engine and the checks of the desktop app, without a window.
import { simulateCommand } from './commands/simulate';
import { validateCommand } from './commands/validate';
import { runPlayerCommand } from './player-command';
import { runSlidesCommand } from './slides-command';
import { escapeControls } from './terminal-text';
import { CliError, EXIT, USAGE } from './usage';

type Command = (args: string[], log: (line: string) => void) => Promise<number>;

// New subcommands (e.g. `slides`) register here and in USAGE.
const COMMANDS: Record<string, Command> = {
  simulate: simulateCommand,
  validate: validateCommand,
  slides: runSlidesCommand,
  player: runPlayerCommand,
};

declare const PACKAGE_VERSION: string | undefined;

export async function runCli(
  argv: string[],
  out = (line: string) => console.log(escapeControls(line)),
  err = (line: string) => console.error(escapeControls(line)),
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? err : out)(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    out(typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'development');
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    err(
      `packet-journey: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. See "packet-journey --help".`,
    );
    return EXIT.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    out(USAGE);
    return EXIT.ok;
  }
  try {
    return await command(rest, out);
  } catch (error) {
    if (error instanceof CliError) {
      err(error.message);
      return error.exitCode;
    }
    err(
      `packet-journey ${name}: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return EXIT.failure;
  }
}

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(escapeControls(error instanceof Error ? (error.stack ?? error.message) : String(error)));
    process.exitCode = EXIT.failure;
  },
);
