import { isMillwrightError } from '../../../contracts/index.ts';
import { parseServiceGroups } from '../../../services/cli/commands/node.command.ts';

describe('millwright node --services', () => {
  it('parses a comma-separated list of groups', () => {
    expect(parseServiceGroups('production, platform')).toEqual(['production', 'platform']);
  });

  it.each(['bogus', 'production,bogus', ' , '])(
    'rejects "%s" naming the groups it knows',
    (value) => {
      let error: unknown;
      try {
        parseServiceGroups(value);
      } catch (e) {
        error = e;
      }
      expect(isMillwrightError(error, 'MW_PLATFORM_COMMAND_INVALID')).toBe(true);
      expect((error as Error).message).toContain('groups: platform, production');
    },
  );
});
