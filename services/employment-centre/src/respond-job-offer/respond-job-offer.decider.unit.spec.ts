import { describe, test } from '@jest/globals';
import { IllegalStateError, NotFoundError } from '@traiettorie/contracts';
import { deciderSpecification } from '@traiettorie/testing';
import { caseId, didRegistered, offerAnswered, offerData, referred } from '../employment/employment.spec-fixtures.js';
import { respondJobOfferDecider, type RespondJobOffer } from './respond-job-offer.decider.js';

const spec = deciderSpecification(respondJobOfferDecider);
const respond = (data = offerData): RespondJobOffer => ({ type: 'RespondJobOffer', caseId, data });

describe('answering a job offer', () => {
  test('when the person was never referred › it is refused as not found', () => {
    spec.given([]).when(respond()).thenThrows(NotFoundError, /an answer to a job offer cannot be recorded before the referral/);
  });

  test('when the DID is not registered › it is refused', () => {
    spec.given([referred()]).when(respond()).thenThrows(IllegalStateError, /cannot answer job offers before the DID is registered/);
  });

  test('after the DID › it records JobOfferResponded', () => {
    spec.given([referred(), didRegistered]).when(respond()).then([{ type: 'JobOfferResponded', data: offerData }]);
  });

  test('when the same offer was already answered › it is refused', () => {
    spec.given([referred(), didRegistered, offerAnswered]).when(respond()).thenThrows(IllegalStateError, /job offer AFOL-OFF-2027-00931 was already answered/);
  });

  test('when another offer is answered › it is recorded', () => {
    const other = { ...offerData, offerId: 'AFOL-OFF-2027-01002', response: 'declined-justified' } as const;

    spec.given([referred(), didRegistered, offerAnswered]).when(respond(other)).then([{ type: 'JobOfferResponded', data: other }]);
  });
});
