import { ambitoCode } from '@traiettorie/contracts';
import { z } from 'zod';
import { ESF_PLUS_LEGAL_BASIS } from './operation.state.js';

/**
 * What a command on an operation adds to its event's data: the Ambito whose
 * project office runs it (it must be the operation's own once recorded) and,
 * for its first event, the legal basis.
 */
export const operationRequestFields = {
  ambito: ambitoCode.describe("the Ambito whose project office runs the operation; the operation's own once anything is recorded for it"),
  legalBasis: z.string().min(1).max(120).default(ESF_PLUS_LEGAL_BASIS).describe('the legal basis of the first record of the operation'),
};

/** Where the examples' operation is run. */
export const exampleAmbito = 'LOM-SESTO-SAN-GIOVANNI';
