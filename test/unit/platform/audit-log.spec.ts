import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AuditLog, canonicalJson } from '../../../services/platform/index.ts';

describe('audit log', () => {
  let dir: string;
  let file: string;
  let log: AuditLog;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mw-audit-'));
    file = join(dir, 'audit.sqlite');
    log = new AuditLog(file);
    log.append({ actor: 'key:ops-1', action: 'masterdata.load', target: 'P100 v2', outcome: 'ok' });
    log.append({
      actor: 'key:int-7',
      action: 'erp.connector.replay',
      target: 'evt-1',
      outcome: 'ok',
      correlationId: 'c-1',
      details: { attempt: 2 },
    });
    log.append({
      actor: 'anonymous',
      action: 'POST /api/v1/orders',
      target: '-',
      outcome: 'refused',
    });
  });
  afterEach(() => {
    log.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('chains every entry to the previous one and verifies', () => {
    const entries = log.list();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(entries[1]?.details).toEqual({ attempt: 2 });
    expect(log.verify()).toEqual({ ok: true, entries: 3 });
  });

  it('refuses updates and deletes through SQL', () => {
    const db = new Database(file);
    expect(() => db.prepare("UPDATE audit_log SET body = '{}' WHERE seq = 2").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    db.close();
  });

  it('detects an entry edited behind its back and names it', () => {
    const db = new Database(file);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare('UPDATE audit_log SET body = ? WHERE seq = 2').run(
      canonicalJson({
        actor: 'key:int-7',
        action: 'erp.connector.replay',
        target: 'evt-OTHER',
        outcome: 'ok',
        correlationId: 'c-1',
        details: { attempt: 2 },
      }),
    );
    db.close();
    expect(log.verify()).toEqual({
      ok: false,
      entries: 1,
      brokenAt: 2,
      reason: 'content does not match its hash',
    });
  });

  it('detects a removed entry', () => {
    const db = new Database(file);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    db.close();
    expect(log.verify()).toMatchObject({ ok: false, brokenAt: 2, reason: 'entry 2 is missing' });
  });

  it('hashes independently of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });
});
