import { commands, main } from '../../../services/cli/main.ts';
import { renderCommandHelp } from '../../../services/cli/help.ts';
import { isMillwrightError } from '../../../contracts/index.ts';

async function captureStdout(run: () => Promise<number>): Promise<{ code: number; text: string }> {
  const chunks: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk: string) => {
    chunks.push(chunk);
    return true;
  };
  try {
    return { code: await run(), text: chunks.join('') };
  } finally {
    process.stdout.write = original;
  }
}

describe('millwright --help', () => {
  it('lists every command with its summary', async () => {
    const { code, text } = await captureStdout(() => main(['--help']));
    expect(code).toBe(0);
    for (const command of commands) expect(text).toContain(command.name);
    for (const command of commands) expect(text).toContain(command.summary);
  });

  it.each(commands.map((c) => [c.name, c] as const))(
    '`%s --help` lists every option of the command',
    async (name, command) => {
      const { code, text } = await captureStdout(() => main([name, '--help']));
      expect(code).toBe(0);
      expect(text).toBe(renderCommandHelp(command));
      for (const option of Object.keys(command.options)) expect(text).toContain(`--${option}`);
    },
  );

  it('rejects an unknown command with MW_PLATFORM_COMMAND_INVALID listing the commands', async () => {
    const error: unknown = await main(['frobnicate']).catch((e: unknown) => e);
    expect(isMillwrightError(error, 'MW_PLATFORM_COMMAND_INVALID')).toBe(true);
    expect((error as Error).message).toContain('start');
  });

  it('rejects an unknown option naming it', async () => {
    const error: unknown = await main(['start', '--colour', 'red']).catch((e: unknown) => e);
    expect(isMillwrightError(error, 'MW_PLATFORM_COMMAND_INVALID')).toBe(true);
    expect((error as Error).message).toContain('--colour');
  });
});
