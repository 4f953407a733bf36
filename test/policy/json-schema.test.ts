import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ruleFileSchema } from '../../src/policy/schema.js';

const path = join(import.meta.dirname, '../../rules/nomos-rules.schema.json');

/** The JSON Schema editors use, generated from the one zod schema. */
function generate(): string {
  const schema = z.toJSONSchema(ruleFileSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'nomos rule file' }, null, 2)}\n`;
}

describe('rules/nomos-rules.schema.json', () => {
  it('matches the zod schema (regenerate with UPDATE_SCHEMA=1 npx vitest run test/policy/json-schema.test.ts)', () => {
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(path, generate());
    expect(readFileSync(path, 'utf8')).toBe(generate());
  });

  it('describes rule fields and rejects unknown keys', () => {
    const schema = JSON.parse(readFileSync(path, 'utf8'));
    const rule = schema.properties.rules.items;
    expect(rule.additionalProperties).toBe(false);
    expect(Object.keys(rule.properties)).toEqual(expect.arrayContaining(['id', 'match', 'when', 'decision', 'modify', 'record', 'examples']));
    expect(rule.properties.decision.enum).toEqual(['allow', 'modify', 'ask', 'deny']);
    // Editors show these as hover help: every field of a rule and of a match says what it is.
    expect(rule.properties.decision.description).toMatch(/strictest matching rule wins/);
    for (const [key, field] of Object.entries({ ...rule.properties, ...rule.properties.match.properties })) {
      expect((field as { description?: string }).description, key).toMatch(/\w/);
    }
  });
});
