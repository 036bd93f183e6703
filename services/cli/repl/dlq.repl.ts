// REPL command over the ERP connector's dead letters (erp.connector.list/show/replay/discard):
//   dlq list [--limit <n>]     table of dead letters, oldest first
//   dlq show <id>              one dead letter as JSON
//   dlq replay <id>            post it again under its own event id (audited as repl:<user>)
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

const USAGE = 'usage: dlq list [--limit <n>] | dlq show <id> | dlq replay <id> | dlq discard <id>';

const invalid = (text: string) => new MillwrightError('MW_PLATFORM_COMMAND_INVALID', text, {});

export const dlqReplCommand: ReplCommand = {
  command: 'dlq [verb] [id]',
  description: "List, show, replay or discard the ERP connector's dead letters (audited)",
  options: [{ option: '--limit <n>', description: 'list: at most n entries (default 100)' }],
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
