import { z } from 'zod';

/** What the case routes share: the path parameter, the command answer and their OpenAPI descriptions. */
export const caseIdParam = z.uuid();

/** What a command answers: the case, its stream version (also the ETag) and the events it appended. */
export const commandAcceptedResponse = z.strictObject({
  caseId: z.uuid(),
  version: z.int().min(1).describe("the case stream's version after the command; the ETag"),
  events: z
    .array(z.strictObject({ id: z.uuid().describe('await it on the read model with `GET /cases/{caseId}?waitFor=<id>`'), type: z.string() }))
    .describe('the events appended, usually one'),
});
export type CommandAccepted = z.output<typeof commandAcceptedResponse>;

/** The answer to a command on a case: its version and the events appended. */
export function commandAccepted(caseId: string, result: { version: number; events: readonly { id: string; type: string }[] }): CommandAccepted {
  return { caseId, version: result.version, events: result.events.map((e) => ({ id: e.id, type: e.type })) };
}

export const etagHeader = { ETag: { description: 'the case stream\'s version after the command, e.g. `"2"`: send it back as If-Match' } };

export const ifMatchApiHeader = {
  name: 'If-Match',
  required: false,
  description: 'the ETag (stream version) last seen, e.g. `"1"`; the command is refused with 409 if the case changed since',
  schema: { type: 'string' },
} as const;

export const caseIdPath = { name: 'caseId', description: 'the `caseId` returned by `POST /cases`', schema: { type: 'string', format: 'uuid' } } as const;
