// SSE framing of dashboard snapshots (WHATWG HTML 9.2): one event, one data line, blank line.
import fc from 'fast-check';
import { sseEvent } from '../../../services/gateway/event-stream.ts';

describe('server-sent event framing', () => {
  it('keeps any snapshot on one data line that parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const frame = sseEvent('snapshot', value);
        const lines = frame.split('\n');
        expect(lines).toHaveLength(4);
        expect(lines[0]).toBe('event: snapshot');
        expect(lines[2]).toBe('');
        expect(JSON.parse(lines[1]!.slice('data: '.length))).toEqual(
          JSON.parse(JSON.stringify(value)),
        );
      }),
    );
  });
});
