import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kafkaGrants, kafkaSaslFromEnv, toAclEntries } from './kafka-access.js';

/** The rows of the table that give `principal` `operation` on a topic, as `name (pattern)`. */
const topicsOf = (principal: string, operation: string, prefix?: string) =>
  kafkaGrants({ prefix })
    .filter((g) => g.principal === principal && g.resource === 'topic' && g.operations.includes(operation as never))
    .map((g) => (g.pattern === 'literal' ? g.name : `${g.name}*`))
    .sort();

describe('the Kafka ACL table, derived from the contracts', () => {
  it('lets the relay write and create every context topic, the unrouted and the checkpoint topics, and read none', () => {
    const contexts = ['employment-centre', 'health-services', 'programme', 'social-services', 'third-sector'].map((c) => `traiettorie.${c}`);
    expect(topicsOf('relay', 'write')).toEqual([...contexts, 'traiettorie.chain-checkpoints', 'traiettorie.unrouted'].sort());
    expect(topicsOf('relay', 'create')).toEqual(topicsOf('relay', 'write'));
    expect(topicsOf('relay', 'read')).toEqual([]);
  });

  it('lets each consumer read the topics of the contexts it subscribes to, and write only its own dead-letter topic', () => {
    expect(topicsOf('employment-centre', 'read', 'p')).toEqual(['p.social-services']);
    expect(topicsOf('employment-centre', 'write', 'p')).toEqual(['p.dlq.employment-centre']);
    // Not the health services' topic: the read models leave health steps out, so they may not read them (least privilege).
    expect(topicsOf('read-models', 'read', 'p')).toEqual(['p.employment-centre', 'p.programme', 'p.social-services', 'p.third-sector']);
    expect(topicsOf('employment-centre', 'read', 'p')).toEqual(['p.social-services']);
    expect(topicsOf('social-services', 'read', 'p')).toEqual(['p.employment-centre']);
    expect(topicsOf('third-sector', 'read', 'p')).toEqual(['p.social-services']);
    expect(topicsOf('read-models', 'write', 'p')).toEqual(['p.dlq.read-models']);
  });

  it('lets the operator alone read the dead-letter topics, and write nothing', () => {
    const readers = kafkaGrants().filter((g) => g.resource === 'topic' && g.operations.includes('read') && g.name.startsWith('traiettorie.dlq.'));
    expect(readers.map((g) => `${g.principal} ${g.name} ${g.pattern}`)).toEqual(['operator traiettorie.dlq. prefixed']);
    expect(topicsOf('operator', 'write')).toEqual([]);
  });

  it('gives each consumer its own group, under the group id it is given', () => {
    const groups = kafkaGrants({ groupOf: (c) => `e2e-${c.service}`, eventsGroup: 'e2e-events' }).filter((g) => g.resource === 'group');
    expect(groups.map((g) => `${g.principal} ${g.name} ${g.pattern}`)).toEqual([
      'employment-centre e2e-employment-centre literal',
      'social-services e2e-social-services literal',
      'third-sector e2e-third-sector literal',
      'read-models e2e-read-models literal',
      'ss-sesto traiettorie-ss-sesto prefixed',
      'ss-adda traiettorie-ss-adda prefixed',
      'cpi-sesto traiettorie-cpi-sesto prefixed',
      'cps-sesto traiettorie-cps-sesto prefixed',
      'serd-sesto traiettorie-serd-sesto prefixed',
      'ets-sesto traiettorie-ets-sesto prefixed',
      'prog-sesto traiettorie-prog-sesto prefixed',
      'events e2e-events literal',
      'operator traiettorie-operator prefixed',
    ]);
  });

  it('lets each publishing client alone write its inbound topic and read its replies; the events service reads every inbound topic and alone writes the replies', () => {
    expect(topicsOf('ss-sesto', 'write', 'p')).toEqual(['p.inbound.ss-sesto']);
    expect(topicsOf('ss-sesto', 'read', 'p')).toEqual(['p.inbound.ss-sesto.replies']);
    const writers = (name: string) => kafkaGrants({ prefix: 'p' }).filter((g) => g.name === name && g.operations.includes('write')).map((g) => g.principal);
    expect(writers('p.inbound.cpi-sesto')).toEqual(['cpi-sesto']);
    expect(writers('p.inbound.cpi-sesto.replies')).toEqual(['events']);
    expect(writers('p.social-services')).toEqual(['relay']);
    expect(topicsOf('events', 'read', 'p')).toEqual([
      'p.inbound.cpi-sesto',
      'p.inbound.cps-sesto',
      'p.inbound.ets-sesto',
      'p.inbound.prog-sesto',
      'p.inbound.serd-sesto',
      'p.inbound.ss-adda',
      'p.inbound.ss-sesto',
    ]);
    // Readers (a funder, the auditor) publish nothing: no inbound topic, no principal.
    expect(kafkaGrants().some((g) => g.principal === 'funder-lom' || g.principal === 'auditor')).toBe(false);
  });

  it('is one ALLOW entry per operation, for any host', () => {
    const entries = toAclEntries(kafkaGrants());
    expect(entries).toHaveLength(kafkaGrants().reduce((n, g) => n + g.operations.length, 0));
    expect(new Set(entries.map((e) => `${e.host} ${e.permissionType}`))).toEqual(new Set(['* 3']));
  });
});

describe('kafkaSaslFromEnv', () => {
  it('is none without credentials, SCRAM-SHA-512 by default with them, and reads a password file', () => {
    expect(kafkaSaslFromEnv({})).toBeUndefined();
    expect(kafkaSaslFromEnv({ KAFKA_SASL_USERNAME: '', KAFKA_SASL_PASSWORD: '' })).toBeUndefined();
    expect(kafkaSaslFromEnv({ KAFKA_SASL_USERNAME: 'relay', KAFKA_SASL_PASSWORD: 's3cret' })).toEqual({ mechanism: 'scram-sha-512', username: 'relay', password: 's3cret' });
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'sasl-')), 'relay');
    writeFileSync(file, 'from-a-file\n');
    expect(kafkaSaslFromEnv({ KAFKA_SASL_USERNAME: 'relay', KAFKA_SASL_PASSWORD_FILE: file })).toMatchObject({ password: 'from-a-file' });
  });

  it('refuses half a credential and an unknown mechanism', () => {
    expect(() => kafkaSaslFromEnv({ KAFKA_SASL_USERNAME: 'relay' })).toThrow(/go together/);
    expect(() => kafkaSaslFromEnv({ KAFKA_SASL_USERNAME: 'a', KAFKA_SASL_PASSWORD: 'b', KAFKA_SASL_MECHANISM: 'gssapi' })).toThrow(/KAFKA_SASL_MECHANISM/);
  });
});
