// REPL command over the ERP connector's dead letters (erp.connector.list/show/replay/discard):
//   dlq list [--limit <n>]     table of dead letters, oldest first
//   dlq show <id>              one dead letter as JSON
//   dlq replay <id>            post it again under its own event id (audited as repl:<user>)
//   dlq replay --all [--code <MW_CODE>]
//                              replay every dead letter (of that reason), one by one, with progress
//   dlq discard <id>           drop it for good (audited as repl:<user>)
// Rendering is pure (tested); the action only calls and prints, and throws on bad input.
import { userInfo } from 'node:os';
import type { DeadLetterEntry, PostResult } from '../../../connectors/index.ts';
import { MillwrightError } from '../../../contracts/index.ts';
import { padTable, type ReplCommand } from './table.ts';

export function renderDeadLetters(entries: readonly DeadLetterEntry[]): string {
  const header = ['ID', 'EVENT TYPE', 'WORK CENTER', 'REASON', 'ATTEMPTS', 'DEAD-LETTERED AT'];
  const rows = entries.map((e) => [
    String(e.id),
    e.event?.type ?? '(undecodable)',
    e.event === null ? '-' : `${e.event.plant}/${e.event.workCenter}`,
    e.reason.code,
    String(e.attempts),
    e.deadLetteredAt,
  ]);
  return `${padTable([header, ...rows])}\n${entries.length} dead letter(s)`;
}

export function renderReplay(id: number, result: PostResult): string {
  const documents = result.documents.length === 0 ? '' : `, ERP ${result.documents.join(', ')}`;
  return `dead letter ${id} replayed: ${result.outcome} (event ${result.eventId}${documents})`;
}

const USAGE =
  'usage: dlq list [--limit <n>] | dlq show <id> | dlq replay <id> | dlq replay --all [--code <MW_CODE>] | dlq discard <id>';

/** The most dead letters one `dlq replay --all` takes on (erp.connector.list's own bound). */
const REPLAY_ALL_LIMIT = 1_000;

/**
 * Replays the dead letters one after another, printing a progress line per entry and a summary:
 * one that fails again (still missing master data, say) is reported and the rest go on.
 */
export async function replayEach(
  ids: readonly number[],
  replay: (id: number) => Promise<PostResult>,
  print: (line: string) => void,
): Promise<{ posted: number; failed: Record<string, number> }> {
  let posted = 0;
  const failed: Record<string, number> = {};
  for (const [index, id] of ids.entries()) {
    const step = `[${index + 1}/${ids.length}]`;
    try {
      print(`${step} ${renderReplay(id, await replay(id))}`);
      posted += 1;
    } catch (error) {
      const code = (error as { type?: string }).type ?? 'Error';
      failed[code] = (failed[code] ?? 0) + 1;
      print(`${step} dead letter ${id} not replayed: ${code}: ${(error as Error).message}`);
    }
  }
  const failures = Object.entries(failed).map(([code, n]) => `${n} failed (${code})`);
  print(`replayed ${ids.length} dead letter(s): ${[`${posted} posted`, ...failures].join(', ')}`);
  return { posted, failed };
}

const invalid = (text: string) => new MillwrightError('MW_PLATFORM_COMMAND_INVALID', text, {});

export const dlqReplCommand: ReplCommand = {
  command: 'dlq [verb] [id]',
  description: "List, show, replay or discard the ERP connector's dead letters (audited)",
  options: [
    { option: '--limit <n>', description: 'list: at most n entries (default 100)' },
    { option: '--all', description: 'replay: every dead letter, one by one, with progress' },
    {
      option: '--code <code>',
      description: 'replay --all: only those dead-lettered with this code',
    },
  ],
  async action(broker, args) {
    const verb = args['verb'];
    const id = Number(args['id']);
    const actor = `repl:${userInfo().username}`;
    if (verb === 'list') {
      const limit = Number(args.options['limit'] ?? 100);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1_000)
        throw invalid('dlq list --limit takes a whole number from 1 to 1000');
      const entries = await broker.call<DeadLetterEntry[], object>('erp.connector.list', {
        limit,
      });
      console.log(renderDeadLetters(entries));
    } else if (verb === 'replay' && args.options['all'] === true) {
      const code = args.options['code'];
      const entries = await broker.call<DeadLetterEntry[], object>('erp.connector.list', {
        limit: REPLAY_ALL_LIMIT,
      });
      const ids = entries
        .filter((e) => typeof code !== 'string' || e.reason.code === code)
        .map((e) => e.id);
      await replayEach(
        ids,
        (one) => broker.call<PostResult, object>('erp.connector.replay', { id: one, actor }),
        (line) => {
          console.log(line);
        },
      );
    } else if (!['show', 'replay', 'discard'].includes(String(verb))) {
      throw invalid(USAGE);
    } else if (!Number.isInteger(id) || id <= 0) {
      throw invalid(`dlq ${String(verb)} needs the dead letter's id (a positive whole number)`);
    } else if (verb === 'show') {
      console.log(JSON.stringify(await broker.call('erp.connector.show', { id }), null, 2));
    } else if (verb === 'replay') {
      const result = await broker.call<PostResult, object>('erp.connector.replay', { id, actor });
      console.log(renderReplay(id, result));
    } else {
      await broker.call('erp.connector.discard', { id, actor });
      console.log(`dead letter ${id} discarded`);
    }
  },
};
